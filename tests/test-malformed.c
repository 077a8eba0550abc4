/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Hostile and broken input for the importer.
 *
 * tests/fixtures/malformed/MANIFEST lists `file<TAB>expect`:
 *   invalid  contrail_import_file() fails with CONTRAIL_ERROR_INVALID_DATA or
 *            CONTRAIL_ERROR_UNSUPPORTED_FORMAT and a non-empty message
 *   ok       it loads one trace whose normalized JSON is NAME.expected.json
 *            (and reads back to itself)
 *
 * Inputs too big to commit are generated here: nesting 200,000 deep, a 50 MB
 * string, a 100,000-span chain, cycle and fan-out, numbers beyond double and
 * int64.  Their expected output is built here too, from DESIGN.md §5.
 */

#define G_LOG_DOMAIN "test-malformed"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "contrail-error.h"
#include "contrail-import.h"
#include "fixture-util.h"
#include "contrail-print.h"

#define DEEP    200000
#define MANY    100000
#define BIG_LEN (50 * 1024 * 1024)

/* A temporary file holding @len bytes of @data; unlink it with g_unlink(). */
static char *
write_temp (const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("contrail-malformed-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return path;
}

static GPtrArray *
import_path (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return contrail_import_file (file, NULL, error);
}

/* Imports @path and requires exactly one trace (a new reference; NULL after
 * failing the test). */
static ContrailTrace *
import_trace (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = import_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (traces);
  if (traces == NULL)
    return NULL;
  if (traces->len != 1 || !CONTRAIL_IS_TRACE (g_ptr_array_index (traces, 0)))
    {
      g_test_fail_printf ("expected one trace, got %u", traces->len);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static char *
print_json (ContrailTrace *trace)
{
  GString *out = g_string_new (NULL);

  contrail_print_json (out, trace);
  return g_string_free (out, FALSE);
}

static char *
import_and_print (const char *path)
{
  ContrailTrace *trace = import_trace (path);
  char *printed;

  if (trace == NULL)
    return NULL;
  printed = print_json (trace);
  g_assert_finalize_object (trace);   /* also: freeing a deep tree must not recurse */

  return printed;
}

/* The printed line must read back to itself (DESIGN.md §5.1 rule 1). */
static void
check_round_trip (const char *printed)
{
  g_autofree char *path = write_temp (printed, -1);
  g_autofree char *again = import_and_print (path);

  g_unlink (path);
  if (again != NULL)
    check_same_text ("round trip", again, printed);
}

/* The import failed as DESIGN.md §5.1 asks for a file that is not a trace. */
static void
check_refused (GPtrArray    *traces,
               const GError *error)
{
  g_assert_null (traces);
  g_assert_nonnull (error);
  if (error == NULL)
    return;
  g_test_message ("error: %s", error->message);
  g_assert_true (error->domain == CONTRAIL_ERROR);
  g_assert_true (error->code == CONTRAIL_ERROR_INVALID_DATA ||
                 error->code == CONTRAIL_ERROR_UNSUPPORTED_FORMAT);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
check_invalid_bytes (const char *data,
                     gssize      len)
{
  g_autofree char *path = write_temp (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = import_path (path, &error);

  g_unlink (path);
  check_refused (traces, error);
}

/* ---- Manifest-driven cases ---- */

typedef struct
{
  char     *file;
  char     *name;      /* file without ".json" */
  gboolean  ok;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->file);
  g_free (c->name);
  g_free (c);
}

static void
test_manifest_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *path = fixture_path ("malformed", c->file, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (!c->ok)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) traces = import_path (path, &error);

      check_refused (traces, error);
    }
  else
    {
      g_autofree char *expected_name = g_strconcat (c->name, ".expected.json", NULL);
      g_autofree char *expected_path = fixture_path ("malformed", expected_name, NULL);
      g_autofree char *expected = NULL;
      g_autofree char *printed = NULL;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (expected_path, &expected, NULL, &error);
      g_assert_no_error (error);

      printed = import_and_print (path);
      if (printed == NULL)
        return;
      check_same_text (c->name, printed, expected);
      check_round_trip (printed);
    }
}

static GPtrArray *
read_manifest (void)
{
  g_autofree char *path = fixture_path ("malformed", "MANIFEST", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Case *c;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      g_assert_true (g_str_equal (fields[1], "ok") || g_str_equal (fields[1], "invalid"));

      c = g_new0 (Case, 1);
      c->file = g_strdup (fields[0]);
      c->name = g_str_has_suffix (c->file, ".json")
        ? g_strndup (c->file, strlen (c->file) - strlen (".json"))
        : g_strdup (c->file);
      c->ok = g_str_equal (fields[1], "ok");
      g_ptr_array_add (cases, c);
    }

  return cases;
}

/* ---- Expected output, built from DESIGN.md §5 ---- */

static void
append_trace_open (GString    *s,
                   const char *id,
                   const char *duration_ms,
                   const char *total_tokens,
                   guint       span_count)
{
  g_string_append_printf (s,
                          "{\"format\":\"contrail-trace/1\",\"id\":\"%s\",\"name\":null,"
                          "\"status\":null,\"start_time\":null,\"end_time\":null,"
                          "\"duration_ms\":%s,\"total_tokens\":%s,\"span_count\":%u,"
                          "\"spans\":[",
                          id, duration_ms, total_tokens, span_count);
}

static void
append_trace_close (GString *s)
{
  g_string_append (s, "]}\n");
}

/* @id and @parent_id are plain ASCII or NULL; @start_time a printed TIME or
 * NULL; @name_json, @duration_ms, @total_tokens and @score are JSON literals. */
static void
append_span_open (GString    *s,
                  const char *id,
                  const char *parent_id,
                  const char *name_json,
                  const char *start_time,
                  const char *duration_ms,
                  const char *total_tokens,
                  const char *score)
{
  g_string_append (s, "{\"id\":");
  if (id != NULL)
    g_string_append_printf (s, "\"%s\"", id);
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"parent_id\":");
  if (parent_id != NULL)
    g_string_append_printf (s, "\"%s\"", parent_id);
  else
    g_string_append (s, "null");
  g_string_append_printf (s, ",\"name\":%s,\"type\":null,\"service\":null,\"start_time\":",
                          name_json);
  if (start_time != NULL)
    g_string_append_printf (s, "\"%s\"", start_time);
  else
    g_string_append (s, "null");
  g_string_append_printf (s,
                          ",\"end_time\":null,\"duration_ms\":%s,\"total_tokens\":%s,"
                          "\"model\":null,\"score\":%s,\"error\":null,\"metrics\":0,"
                          "\"children\":[",
                          duration_ms, total_tokens, score);
}

static void
append_span_close (GString *s)
{
  g_string_append (s, "]}");
}

static void
append_repeated (GString    *s,
                 const char *unit,
                 guint       times)
{
  gsize len = strlen (unit);

  for (guint i = 0; i < times; i++)
    g_string_append_len (s, unit, len);
}

/* Checks the import of @input against @expected, then the round trip. */
static void
check_imports_to (const GString *input,
                   const char    *expected)
{
  g_autofree char *path = write_temp (input->str, input->len);
  g_autofree char *printed = import_and_print (path);

  g_unlink (path);
  if (printed == NULL)
    return;
  if (check_same_text ("import", printed, expected))
    check_round_trip (printed);
}

/* ---- Generated cases ---- */

static void
test_deep_nesting_in_span (void)
{
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-deep\",\"spans\":[{\"id\":\"s\",\"meta\":");
  g_autoptr(GString) want = g_string_new (NULL);

  /* 200,000 nested arrays in meta, 200,000 nested objects in data */
  append_repeated (in, "[", DEEP);
  append_repeated (in, "]", DEEP);
  g_string_append (in, ",\"data\":{\"nested\":");
  append_repeated (in, "{\"a\":", DEEP);
  g_string_append (in, "1");
  append_repeated (in, "}", DEEP);
  g_string_append (in, ",\"total_tokens\":7}}]}");

  append_trace_open (want, "t-deep", "null", "null", 1);
  append_span_open (want, "s", NULL, "null", NULL, "null", "7", "null");
  append_span_close (want);
  append_trace_close (want);

  check_imports_to (in, want->str);
}

static void
test_deep_nesting_unclosed (void)
{
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-deep\",\"spans\":[{\"id\":\"s\",\"meta\":");

  append_repeated (in, "[", DEEP);
  check_invalid_bytes (in->str, in->len);
}

static void
test_deep_nesting_mismatched (void)
{
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-deep\",\"spans\":[{\"id\":\"s\",\"meta\":");

  append_repeated (in, "[", DEEP);
  append_repeated (in, "]", DEEP - 1);
  g_string_append (in, "}]}");
  check_invalid_bytes (in->str, in->len);
}

static void
test_deep_array_top_level (void)
{
  g_autoptr(GString) in = g_string_new (NULL);

  append_repeated (in, "[", DEEP);
  append_repeated (in, "]", DEEP);
  check_invalid_bytes (in->str, in->len);
}

static void
test_deep_object_top_level (void)
{
  g_autoptr(GString) in = g_string_new (NULL);

  append_repeated (in, "{\"a\":", DEEP);
  g_string_append (in, "null");
  append_repeated (in, "}", DEEP);
  check_invalid_bytes (in->str, in->len);
}

static void
test_huge_strings (void)
{
  const char *name_unit_in = "a\\\"b\\\\c\\nd\\u00e9\\ud83d\\ude00 ";
  const char *name_unit_out = "a\\\"b\\\\c\\nd\xc3\xa9\xf0\x9f\x98\x80 ";
  const guint name_units = 200000;   /* a 4 MB name, printed */
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-big\",\"spans\":[{\"id\":\"s\",\"name\":\"");
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GString) name_json = g_string_new ("\"");
  g_autofree char *path = NULL;
  g_autofree char *printed = NULL;
  ContrailTrace *trace;
  ContrailSpan *span;
  const char *output;

  append_repeated (in, name_unit_in, name_units);
  g_string_append (in, "\",\"data\":{\"output\":\"");
  g_string_set_size (in, in->len + BIG_LEN);
  memset (in->str + in->len - BIG_LEN, 'x', BIG_LEN);
  g_string_append (in, "\",\"input\":\"");
  g_string_set_size (in, in->len + BIG_LEN / 5);
  memset (in->str + in->len - BIG_LEN / 5, 'y', BIG_LEN / 5);
  g_string_append (in, "\",\"total_tokens\":3}}]}");

  append_repeated (name_json, name_unit_out, name_units);
  g_string_append_c (name_json, '"');
  append_trace_open (want, "t-big", "null", "null", 1);
  append_span_open (want, "s", NULL, name_json->str, NULL, "null", "3", "null");
  append_span_close (want);
  append_trace_close (want);

  path = write_temp (in->str, in->len);
  trace = import_trace (path);
  g_unlink (path);
  if (trace == NULL)
    return;

  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, 1);
  span = contrail_trace_get_span (trace, 0);
  g_assert_cmpuint (contrail_span_get_output_size (span), ==, BIG_LEN);
  output = contrail_span_get_output (span);
  g_assert_nonnull (output);
  g_assert_cmpuint (strlen (output), ==, BIG_LEN);
  g_assert_true (output[0] == 'x' && output[BIG_LEN - 1] == 'x');
  g_assert_cmpuint (contrail_span_get_input_size (span), ==, BIG_LEN / 5);
  g_assert_cmpint (contrail_span_get_total_tokens (span), ==, 3);

  printed = print_json (trace);
  g_assert_finalize_object (trace);
  if (check_same_text ("huge strings", printed, want->str))
    check_round_trip (printed);
}

/* Spans s0 … s99999, each the child of the one before.  Listed deepest
 * first, so every child comes before its parent; with @cycle, s0's parent
 * is s99999 and the whole chain is one cycle, listed in chain order (then s0,
 * the first span on the cycle, becomes the root). */
static void
check_chain (gboolean cycle)
{
  g_autoptr(GString) in = g_string_new (cycle ? "{\"id\":\"t-cycle\",\"spans\":["
                                              : "{\"id\":\"t-chain\",\"spans\":[");
  g_autoptr(GString) want = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *printed = NULL;
  ContrailTrace *trace;
  ContrailSpan *deepest = NULL;
  guint max_depth = 0;

  for (guint k = 0; k < MANY; k++)
    {
      guint i = cycle ? k : MANY - 1 - k;

      if (k > 0)
        g_string_append_c (in, ',');
      if (i > 0)
        g_string_append_printf (in, "{\"id\":\"s%u\",\"parent_id\":\"s%u\"}", i, i - 1);
      else if (cycle)
        g_string_append_printf (in, "{\"id\":\"s0\",\"parent_id\":\"s%u\"}", MANY - 1);
      else
        g_string_append (in, "{\"id\":\"s0\",\"parent_id\":null}");
    }
  g_string_append (in, "]}");

  append_trace_open (want, cycle ? "t-cycle" : "t-chain", "null", "null", MANY);
  for (guint i = 0; i < MANY; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *parent_id = NULL;

      if (i > 0)
        parent_id = g_strdup_printf ("s%u", i - 1);
      else if (cycle)
        parent_id = g_strdup_printf ("s%u", MANY - 1);
      append_span_open (want, id, parent_id, "null", NULL, "null", "null", "null");
    }
  for (guint i = 0; i < MANY; i++)
    append_span_close (want);
  append_trace_close (want);

  path = write_temp (in->str, in->len);
  trace = import_trace (path);
  g_unlink (path);
  if (trace == NULL)
    return;

  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, MANY);
  g_assert_cmpuint (contrail_trace_get_n_roots (trace), ==, 1);
  g_assert_cmpstr (contrail_span_get_id (contrail_trace_get_root (trace, 0)), ==, "s0");
  for (guint i = 0; i < MANY; i++)
    {
      ContrailSpan *span = contrail_trace_get_span (trace, i);
      guint depth = contrail_span_get_depth (span);

      if (deepest == NULL || depth > max_depth)
        {
          deepest = span;
          max_depth = depth;
        }
    }
  g_assert_cmpuint (max_depth, ==, MANY - 1);
  g_assert_cmpstr (contrail_span_get_id (deepest), ==, "s99999");
  g_assert_cmpuint (contrail_trace_get_max_depth (trace), ==, MANY - 1);
  g_assert_cmpuint (contrail_span_get_n_children (deepest), ==, 0);
  g_assert_cmpstr (contrail_span_get_id (contrail_span_get_parent (deepest)), ==, "s99998");

  printed = print_json (trace);
  g_assert_finalize_object (trace);
  if (check_same_text ("chain", printed, want->str))
    check_round_trip (printed);
}

static void
test_chain (void)
{
  check_chain (FALSE);
}

static void
test_cycle (void)
{
  check_chain (TRUE);
}

/* One root with 100,000 children whose start times are listed in reverse. */
static void
test_fan_out (void)
{
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-fan\",\"spans\":["
                                        "{\"id\":\"r\",\"start_time\":\"2025-06-01T09:00:00Z\"}");
  g_autoptr(GString) want = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *printed = NULL;
  ContrailTrace *trace;
  ContrailSpan *root;

  for (guint i = 0; i < MANY; i++)
    g_string_append_printf (in,
                            ",{\"id\":\"k%u\",\"parent_id\":\"r\","
                            "\"start_time\":\"2025-06-01T10:00:00.%06uZ\"}",
                            i, MANY - 1 - i);
  g_string_append (in, "]}");

  append_trace_open (want, "t-fan", "null", "null", MANY + 1);
  append_span_open (want, "r", NULL, "null", "2025-06-01T09:00:00.000000Z",
                    "null", "null", "null");
  for (guint j = 0; j < MANY; j++)
    {
      guint i = MANY - 1 - j;   /* sorted by start: the last listed comes first */
      g_autofree char *id = g_strdup_printf ("k%u", i);
      g_autofree char *start = g_strdup_printf ("2025-06-01T10:00:00.%06uZ", MANY - 1 - i);

      if (j > 0)
        g_string_append_c (want, ',');
      append_span_open (want, id, "r", "null", start, "null", "null", "null");
      append_span_close (want);
    }
  append_span_close (want);
  append_trace_close (want);

  path = write_temp (in->str, in->len);
  trace = import_trace (path);
  g_unlink (path);
  if (trace == NULL)
    return;

  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, MANY + 1);
  g_assert_cmpuint (contrail_trace_get_n_roots (trace), ==, 1);
  root = contrail_trace_get_root (trace, 0);
  g_assert_cmpstr (contrail_span_get_id (root), ==, "r");
  g_assert_cmpuint (contrail_span_get_n_children (root), ==, MANY);
  g_assert_cmpuint (g_list_model_get_n_items (contrail_span_get_children (root)), ==, MANY);
  g_assert_cmpstr (contrail_span_get_id (contrail_span_get_child (root, 0)), ==, "k99999");
  g_assert_cmpstr (contrail_span_get_id (contrail_span_get_child (root, MANY - 1)), ==, "k0");
  g_assert_cmpuint (contrail_span_get_depth (contrail_span_get_child (root, 5)), ==, 1);
  g_assert_cmpuint (contrail_trace_get_max_depth (trace), ==, 1);

  printed = print_json (trace);
  g_assert_finalize_object (trace);
  if (check_same_text ("fan-out", printed, want->str))
    check_round_trip (printed);
}

/* 1e999 overflows a double: not a usable duration or score, so null (the
 * spans have no times to compute a duration from). */
static void
test_huge_number (void)
{
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-huge\",\"duration_ms\":1e999,\"spans\":["
                                        "{\"id\":\"a\",\"duration_ms\":1e999,\"score\":-1e999,"
                                        "\"data\":{\"score\":1E+999}},"
                                        "{\"id\":\"b\",\"duration_ms\":-1e999}]}");
  g_autoptr(GString) want = g_string_new (NULL);

  append_trace_open (want, "t-huge", "null", "null", 2);
  append_span_open (want, "a", NULL, "null", NULL, "null", "null", "null");
  append_span_close (want);
  g_string_append_c (want, ',');
  append_span_open (want, "b", NULL, "null", NULL, "null", "null", "null");
  append_span_close (want);
  append_trace_close (want);

  check_imports_to (in, want->str);
}

/* total_tokens beyond int64 is not a token count: null. */
static void
test_big_integers (void)
{
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-big-int\",\"total_tokens\":12345678901234567890,"
                                        "\"spans\":["
                                        "{\"id\":\"a\",\"data\":{\"total_tokens\":12345678901234567890}},"
                                        "{\"id\":\"b\",\"data\":{\"total_tokens\":18446744073709551616}},"
                                        "{\"id\":\"c\",\"data\":{\"total_tokens\":9223372036854775807}},"
                                        "{\"id\":\"d\",\"data\":{\"total_tokens\":9223372036854775808}}]}");
  g_autoptr(GString) want = g_string_new (NULL);

  append_trace_open (want, "t-big-int", "null", "null", 4);
  append_span_open (want, "a", NULL, "null", NULL, "null", "null", "null");
  append_span_close (want);
  g_string_append_c (want, ',');
  append_span_open (want, "b", NULL, "null", NULL, "null", "null", "null");
  append_span_close (want);
  g_string_append_c (want, ',');
  append_span_open (want, "c", NULL, "null", NULL, "null", "9223372036854775807", "null");
  append_span_close (want);
  g_string_append_c (want, ',');
  append_span_open (want, "d", NULL, "null", NULL, "null", "null", "null");
  append_span_close (want);
  append_trace_close (want);

  check_imports_to (in, want->str);
}

/* Number literals 100,000 digits long: an integer far beyond double (null),
 * and 1.000…0001, which is 1 as a double. */
static void
test_long_number_literals (void)
{
  g_autoptr(GString) in = g_string_new ("{\"id\":\"t-long-numbers\",\"duration_ms\":1");
  g_autoptr(GString) want = g_string_new (NULL);

  append_repeated (in, "0", MANY);
  g_string_append (in, ",\"total_tokens\":9");
  append_repeated (in, "9", MANY);
  g_string_append (in, ",\"spans\":[{\"id\":\"s\",\"score\":1.");
  append_repeated (in, "0", MANY);
  g_string_append (in, "1,\"duration_ms\":0.");
  append_repeated (in, "0", 20);
  g_string_append (in, "125e22}]}");

  append_trace_open (want, "t-long-numbers", "null", "null", 1);
  append_span_open (want, "s", NULL, "null", NULL, "12.5", "null", "1");
  append_span_close (want);
  append_trace_close (want);

  check_imports_to (in, want->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;

  g_test_init (&argc, &argv, NULL);
  /* A failed check fails its test case, not the whole program. */
  g_test_set_nonfatal_assertions ();

  cases = read_manifest ();
  g_assert_cmpuint (cases->len, >, 0);
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      g_autofree char *path = g_strconcat ("/contrail/malformed/", c->name, NULL);

      /* The test owns its case from here on. */
      g_test_add_data_func_full (path, g_ptr_array_index (cases, i),
                                 test_manifest_case, case_free);
    }
  g_ptr_array_set_free_func (cases, NULL);

  g_test_add_func ("/contrail/malformed/generated/deep-nesting-in-span", test_deep_nesting_in_span);
  g_test_add_func ("/contrail/malformed/generated/deep-nesting-unclosed", test_deep_nesting_unclosed);
  g_test_add_func ("/contrail/malformed/generated/deep-nesting-mismatched",
                   test_deep_nesting_mismatched);
  g_test_add_func ("/contrail/malformed/generated/deep-array-top-level", test_deep_array_top_level);
  g_test_add_func ("/contrail/malformed/generated/deep-object-top-level", test_deep_object_top_level);
  g_test_add_func ("/contrail/malformed/generated/huge-strings", test_huge_strings);
  g_test_add_func ("/contrail/malformed/generated/chain-100k", test_chain);
  g_test_add_func ("/contrail/malformed/generated/cycle-100k", test_cycle);
  g_test_add_func ("/contrail/malformed/generated/fan-out-100k", test_fan_out);
  g_test_add_func ("/contrail/malformed/generated/huge-number", test_huge_number);
  g_test_add_func ("/contrail/malformed/generated/big-integers", test_big_integers);
  g_test_add_func ("/contrail/malformed/generated/long-number-literals", test_long_number_literals);

  return g_test_run ();
}
