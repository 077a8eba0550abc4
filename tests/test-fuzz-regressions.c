/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Replays the files in tests/fuzz/regressions/HARNESS/ (inputs a fuzzer once
 * crashed, leaked or tripped a sanitizer on) through the same harness
 * functions the libFuzzer binaries run, so that the ordinary build and the
 * ASan build keep them fixed without clang.  Also runs the harnesses once
 * over every fixture (the fuzzers' seed corpus), so that a harness whose
 * invariant no longer holds is noticed here rather than in a fuzzing run.
 *
 * A harness abort()s on a broken invariant; the input being replayed is
 * printed first (g_test_message) so that the log names it.
 */
#define G_LOG_DOMAIN "test-fuzz-regressions"

#include <string.h>

#include <gio/gio.h>

#ifndef CONTRAIL_FUZZ_NO_ENTRY
# error "build with -DCONTRAIL_FUZZ_NO_ENTRY, as tests/meson.build does"
#endif
#include "fuzz/fuzz-harness.h"

typedef int (*Harness) (const guint8 *data,
                        gsize         size);

static const struct {
  const char *name;
  Harness     harness;
} harnesses[] = {
  { "import", contrail_fuzz_import },
  { "json-reader", contrail_fuzz_json_reader },
  { "reference", contrail_fuzz_reference },
  { "time", contrail_fuzz_time },
  { "error-body", contrail_fuzz_error_body },
};

static Harness
harness_by_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (harnesses); i++)
    {
      if (strcmp (harnesses[i].name, name) == 0)
        return harnesses[i].harness;
    }

  return NULL;
}

static const char *
srcdir (void)
{
  const char *dir = g_getenv ("G_TEST_SRCDIR");

  return dir != NULL ? dir : g_test_get_dir (G_TEST_DIST);
}

static void
replay_file (Harness     harness,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_test_message ("replaying %s (%" G_GSIZE_FORMAT " bytes)", path, len);
  g_assert_cmpint (harness ((const guint8 *)contents, len), ==, 0);
}

/* One test per regression input; data is its path. */
static void
test_regression (gconstpointer data)
{
  const char *path = data;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (dir);
  Harness harness = harness_by_name (name);

  if (harness == NULL)
    g_test_fail_printf ("%s: no harness is called “%s”", path, name);
  else
    replay_file (harness, path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Regular files under @dir, recursively, sorted; README files excepted. */
static void
collect_files (const char *dir,
               GPtrArray  *out)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (entry[0] == '.' || g_str_has_prefix (entry, "README"))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, out);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* The fixtures, as the fuzzers' seeds: import, reader and error body. */
static void
test_seeds (void)
{
  g_autofree char *fixtures = g_build_filename (srcdir (), "fixtures", NULL);
  g_autofree char *golden = g_build_filename (srcdir (), "golden", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  collect_files (fixtures, files);
  collect_files (golden, files);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);

      if (!g_str_has_suffix (path, ".json") && !g_str_has_suffix (path, ".jsonl"))
        continue;
      replay_file (contrail_fuzz_import, path);
      replay_file (contrail_fuzz_json_reader, path);
      replay_file (contrail_fuzz_error_body, path);
      n++;
    }
  g_test_message ("%u seed files", n);
  g_assert_cmpuint (n, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  contrail_fuzz_init ();

  root = g_build_filename (srcdir (), "fuzz", "regressions", NULL);
  collect_files (root, files);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *relative = g_strdup (path + strlen (root) + 1);
      g_autofree char *test_path = NULL;

      /* Test paths may not hold every byte a file name can. */
      g_strcanon (relative, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "-_./", '_');
      test_path = g_strconcat ("/contrail/fuzz-regressions/", relative, NULL);
      g_test_add_data_func_full (test_path, g_strdup (path), test_regression, g_free);
    }
  g_test_add_func ("/contrail/fuzz-regressions/seeds", test_seeds);

  return g_test_run ();
}
