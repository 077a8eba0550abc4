/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <string.h>

#include "contrail-import.h"
#include "contrail-print.h"

static ContrailTrace *
load_golden (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "golden", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, ==, 1);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static char *
read_golden (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "golden", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_print_golden (gconstpointer data)
{
  const char *base = data;
  g_autofree char *input = g_strconcat (base, ".json", NULL);
  g_autofree char *text_name = g_strconcat (base, ".txt", NULL);
  g_autofree char *json_name = g_strconcat (base, ".expected.json", NULL);
  g_autoptr(ContrailTrace) trace = load_golden (input);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *expected_text = read_golden (text_name);
  g_autofree char *expected_json = read_golden (json_name);

  contrail_print_text (text, trace);
  contrail_print_json (json, trace);

  g_assert_cmpstr (text->str, ==, expected_text);
  g_assert_cmpstr (json->str, ==, expected_json);
}

/* Span text is data: newlines, tabs and control characters never break the
 * one-line-per-span layout, and long names are cut. */
static void
test_print_hostile_text (void)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"t\",\"spans\":[{\"id\":\"a\",\"name\":\"line1\\nline2\\ttab\\u0007bell\"},"
                                          "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (json, "é");
  g_string_append (json, "\",\"error\":\"boom\\nsecond line\"}]}");

  bytes = g_bytes_new (json->str, json->len);
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);

  contrail_print_text (out, g_ptr_array_index (traces, 0));
  lines = g_strsplit (out->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, 2 spans, "" */
  g_assert_cmpstr (lines[1], ==, "line1 line2 tab bell  —  (error below)");
  g_assert_true (g_str_has_prefix (lines[2], "└── éé"));
  g_assert_nonnull (strstr (lines[2], "…  —  ✗ boom second line"));
  g_assert_cmpuint (g_utf8_strlen (lines[2], -1), <, 200);
}

/* A chain 100,000 deep prints in bounded line length (the guides are
 * summarised past a fixed depth), and its JSON nests 100,000 deep. */
static void
test_print_deep_chain (void)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"t\",\"spans\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const guint n = 100000;
  gsize longest = 0;
  const char *line;
  guint n_lines = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i == 0)
        g_string_append (json, "{\"id\":\"s0\",\"name\":\"n\"}");
      else
        g_string_append_printf (json, ",{\"id\":\"s%u\",\"parent_id\":\"s%u\",\"name\":\"n\"}",
                                i, i - 1);
    }
  g_string_append (json, "]}");

  bytes = g_bytes_new (json->str, json->len);
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);

  contrail_print_text (text, g_ptr_array_index (traces, 0));
  for (line = text->str; *line != '\0'; n_lines++)
    {
      const char *end = strchr (line, '\n');

      g_assert_nonnull (end);
      longest = MAX (longest, (gsize)(end - line));
      line = end + 1;
    }
  g_assert_cmpuint (n_lines, ==, n + 1);
  g_assert_cmpuint (longest, <, 200);
  g_assert_nonnull (strstr (text->str, "┄ (depth 99999) └── n"));

  contrail_print_json (out, g_ptr_array_index (traces, 0));
  /* One leaf, closed by the 99,999 ancestors and the trace */
  {
    const char *leaf = strstr (out->str, "\"children\":[]}");

    g_assert_nonnull (leaf);
    g_assert_null (strstr (leaf + 1, "\"children\":[]}"));
    leaf += strlen ("\"children\":[]}");
    for (guint i = 0; i < n; i++, leaf += 2)
      g_assert_true (leaf[0] == ']' && leaf[1] == '}');
    g_assert_cmpstr (leaf, ==, "\n");
  }
  {
    guint opens = 0;

    const char *needle = "\"children\":[{";
    gsize needle_len = strlen (needle);

    /* A plain scan: strstr in a loop is quadratic under ASan's interceptor. */
    for (gsize i = 0; i + needle_len <= out->len; i++)
      if (out->str[i] == '"' && memcmp (out->str + i, needle, needle_len) == 0)
        opens++;
    g_assert_cmpuint (opens, ==, n - 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/contrail/print/golden/agent", "agent", test_print_golden);
  g_test_add_data_func ("/contrail/print/golden/edge-cases", "edge-cases", test_print_golden);
  g_test_add_func ("/contrail/print/hostile-text", test_print_hostile_text);
  g_test_add_func ("/contrail/print/deep-chain", test_print_deep_chain);

  return g_test_run ();
}
