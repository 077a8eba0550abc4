/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Opper importer against the fixtures of tests/fixtures/opper/: every
 * NAME.json that has a NAME.expected.json must import to exactly one trace
 * whose normalized JSON (DESIGN.md §5) is the expected line, byte for byte,
 * and printing, re-importing that line and printing again must give the same
 * line (§5.1 rule 1).  The expected files come from tests/oracle/normalize.py,
 * an independent implementation of §5; see tests/fixtures/README.md.
 */

#define G_LOG_DOMAIN "test-import-opper"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "contrail-error.h"
#include "contrail-import.h"
#include "fixture-util.h"
#include "contrail-print.h"

/* Imports @file, requires exactly one trace and returns its normalized JSON
 * (NULL after failing the test). */
static char *
import_one (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  ContrailTrace *trace;

  traces = contrail_import_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (traces);
  if (traces == NULL)
    return NULL;
  g_assert_cmpuint (traces->len, ==, 1);
  if (traces->len != 1 || !CONTRAIL_IS_TRACE (g_ptr_array_index (traces, 0)))
    {
      g_test_fail_printf ("expected one trace, got %u", traces->len);
      return NULL;
    }

  trace = g_object_ref (g_ptr_array_index (traces, 0));
  g_clear_pointer (&traces, g_ptr_array_unref);
  contrail_print_json (out, trace);
  g_assert_finalize_object (trace);   /* catches leaked spans and ref cycles */

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The printed line must read back to itself. */
static void
check_round_trip (const char *printed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autofree char *again = NULL;
  int fd;

  fd = g_file_open_tmp ("contrail-roundtrip-XXXXXX.json", &tmp_path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (tmp_path, printed, -1, &error);
  g_assert_no_error (error);

  tmp = g_file_new_for_path (tmp_path);
  again = import_one (tmp);
  g_unlink (tmp_path);
  if (again != NULL)
    check_same_text ("round trip", again, printed);
}

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *expected_name = g_strconcat (name, ".expected.json", NULL);
  g_autofree char *path = fixture_path ("opper", json_name, NULL);
  g_autofree char *expected_path = fixture_path ("opper", expected_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *printed = NULL;

  g_file_get_contents (expected_path, &expected, NULL, &error);
  g_assert_no_error (error);

  printed = import_one (file);
  if (printed == NULL)
    return;
  g_assert_true (g_str_has_suffix (printed, "\n"));
  g_assert_true (strchr (printed, '\n') == printed + strlen (printed) - 1);   /* one line */
  check_same_text (name, printed, expected);

  check_round_trip (printed);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* tests/fixtures/opper/NAME.json with a NAME.expected.json, sorted. */
static GPtrArray *
list_fixtures (void)
{
  g_autofree char *dir_path = fixture_path ("opper", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *expected_name = NULL;
      g_autofree char *expected_path = NULL;

      if (!g_str_has_suffix (entry, ".json") || g_str_has_suffix (entry, ".expected.json"))
        continue;
      name = g_strndup (entry, strlen (entry) - strlen (".json"));
      expected_name = g_strconcat (name, ".expected.json", NULL);
      expected_path = fixture_path ("opper", expected_name, NULL);
      if (g_file_test (expected_path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_sort (names, compare_names);

  return names;
}

/* /work/shared/real-traces (CONTRAIL_REAL_TRACES): nothing there is compared
 * yet.  The files its MANIFEST.tsv reads as `opper` must load as one trace
 * and survive the round trip; everything else is skipped. */
static void
test_real_traces (void)
{
  const char *dir = g_getenv ("CONTRAIL_REAL_TRACES");
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_checked = 0;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no real traces (CONTRAIL_REAL_TRACES)");
      return;
    }

  manifest_path = g_build_filename (dir, "MANIFEST.tsv", NULL);
  if (!g_file_get_contents (manifest_path, &manifest, NULL, NULL))
    {
      g_test_skip ("no MANIFEST.tsv among the real traces");
      return;
    }

  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *printed = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      if (g_strv_length (fields) < 2 || g_strcmp0 (fields[1], "opper") != 0)
        continue;

      path = g_build_filename (dir, fields[0], NULL);
      file = g_file_new_for_path (path);
      g_test_message ("real trace %s", fields[0]);
      printed = import_one (file);
      if (printed != NULL)
        check_round_trip (printed);
      n_checked++;
    }

  if (n_checked == 0)
    g_test_skip ("no real trace is read as Opper");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = NULL;

  g_test_init (&argc, &argv, NULL);
  /* A failed check fails its test case, not the whole program. */
  g_test_set_nonfatal_assertions ();

  names = list_fixtures ();
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strconcat ("/contrail/import-opper/",
                                           (char *)g_ptr_array_index (names, i), NULL);

      g_test_add_data_func_full (path, g_strdup (g_ptr_array_index (names, i)),
                                 test_fixture, g_free);
    }
  g_test_add_func ("/contrail/import-opper/real-traces", test_real_traces);

  return g_test_run ();
}
