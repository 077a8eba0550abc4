/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command-line contract of DESIGN.md §4, run against the real binary:
 * exit codes, one-line errors, golden output, and no display needed.
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
golden_path (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "golden", name, NULL);
}

static char *
read_golden (const char *name)
{
  g_autofree char *path = golden_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Runs contrail with @args (NULL-terminated) and no display. */
static void
run_contrail (Run        *run,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CONTRAIL_BIN");
  va_list ap;
  int wait_status;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *)bin);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "OPPER_API_KEY");

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* An error is exactly one line "contrail: <what>: <why>" with @word in it. */
static void
assert_one_error_line (const Run  *run,
                       const char *word)
{
  g_assert_true (g_str_has_prefix (run->err, "contrail: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') + 1 == run->err + strlen (run->err));
  if (word != NULL)
    g_assert_nonnull (strstr (run->err, word));
}

static void
test_cli_print_text (void)
{
  g_autofree char *path = golden_path ("agent.json");
  g_autofree char *expected = read_golden ("agent.txt");
  g_auto(Run) run = { 0 };

  run_contrail (&run, "--print", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_cli_print_json (void)
{
  g_autofree char *path = golden_path ("edge-cases.json");
  g_autofree char *expected = read_golden ("edge-cases.expected.json");
  g_auto(Run) run = { 0 };

  run_contrail (&run, "--print", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_cli_several_traces (void)
{
  g_autofree char *a = golden_path ("agent.json");
  g_autofree char *b = golden_path ("edge-cases.json");
  g_autofree char *ea = read_golden ("agent.expected.json");
  g_autofree char *eb = read_golden ("edge-cases.expected.json");
  g_autofree char *both = g_strconcat (ea, eb, NULL);
  g_auto(Run) run = { 0 };

  run_contrail (&run, "--json", "--print", a, b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, both);
}

static void
test_cli_invalid_file (void)
{
  g_autofree char *good = golden_path ("agent.json");
  g_autofree char *expected = read_golden ("agent.expected.json");
  g_autofree char *bad = g_build_filename (g_get_tmp_dir (), "contrail-test-bad.json", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (bad, "{\"id\": \"x\", \"spans\": [", -1, NULL));

  /* The good trace still prints; the bad one fails with exit 1. */
  run_contrail (&run, "--print", "--json", bad, good, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, expected);
  assert_one_error_line (&run, "invalid");
  g_assert_nonnull (strstr (run.err, "contrail-test-bad.json"));

  g_unlink (bad);
}

static void
test_cli_not_a_trace (void)
{
  g_autofree char *list = g_build_filename (g_get_tmp_dir (), "contrail-test-list.json", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (list, "{\"meta\":{\"total_count\":1},\"data\":[{\"id\":\"a\"}]}",
                                      -1, NULL));
  run_contrail (&run, "--print", list, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_error_line (&run, "invalid");
  g_unlink (list);
}

static void
test_cli_usage_errors (void)
{
  struct {
    const char *args[4];
    const char *word;
  } cases[] = {
    { { "--print", "/nonexistent/trace.json", NULL }, "no such file" },
    { { "--print", "not-a-uuid", NULL }, "not a trace ID" },
    { { "--print", "https://example.com/traces/12345", NULL }, NULL },
    { { "--print", "/", NULL }, "not a readable file" },
    { { "--json", NULL }, "--print" },
    { { "--print", NULL }, "--print" },
    { { "--no-such-option", NULL }, NULL },
    { { "--print", "--base-url", NULL }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_contrail (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      assert_one_error_line (&run, cases[i].word);
    }
}

static void
test_cli_trace_reference (void)
{
  g_auto(Run) run = { 0 };

  /* A UUID or a URL holding one is a valid reference, not bad usage. */
  run_contrail (&run, "--print", "https://platform.opper.ai/traces/0B6F3C1E-8A4D-4B8E-9F10-2C3D4E5F6A7B",
                NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_error_line (&run, NULL);
}

static void
test_cli_demo (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(GStrv) lines = NULL;

  run_contrail (&run, "--print", "--json", "--demo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 4);
  for (guint i = 0; lines[i][0] != '\0'; i++)
    g_assert_true (g_str_has_prefix (lines[i], "{\"format\":\"contrail-trace/1\","));

  run_contrail (&text, "--print", "--demo", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "├── "));
  g_assert_nonnull (strstr (text.out, "✗ "));
}

/* `--print --json` of several traces writes one line each; reading that
 * file back gives the same lines. */
static void
test_cli_json_lines_round_trip (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "contrail-test-lines.json", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };

  run_contrail (&first, "--print", "--json", "--demo", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_file_set_contents (path, first.out, -1, NULL));

  run_contrail (&again, "--print", "--json", path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, first.out);

  g_unlink (path);
}

static void
test_cli_version_help (void)
{
  g_auto(Run) version = { 0 };
  g_auto(Run) help = { 0 };

  run_contrail (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "contrail " PACKAGE_VERSION "\n");

  run_contrail (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--print"));
  g_assert_nonnull (strstr (help.out, "--json"));
  g_assert_nonnull (strstr (help.out, "--demo"));
  g_assert_nonnull (strstr (help.out, "--base-url"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/cli/print-text", test_cli_print_text);
  g_test_add_func ("/contrail/cli/print-json", test_cli_print_json);
  g_test_add_func ("/contrail/cli/several-traces", test_cli_several_traces);
  g_test_add_func ("/contrail/cli/invalid-file", test_cli_invalid_file);
  g_test_add_func ("/contrail/cli/not-a-trace", test_cli_not_a_trace);
  g_test_add_func ("/contrail/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/contrail/cli/trace-reference", test_cli_trace_reference);
  g_test_add_func ("/contrail/cli/demo", test_cli_demo);
  g_test_add_func ("/contrail/cli/json-lines-round-trip", test_cli_json_lines_round_trip);
  g_test_add_func ("/contrail/cli/version-help", test_cli_version_help);

  return g_test_run ();
}
