/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command-line contract of DESIGN.md §4, run against the real binary:
 * exit codes, one-line errors, golden output, and no display needed.
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <arpa/inet.h>
#include <glib/gstdio.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/wait.h>

#include "mock-opper.h"

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

/* Environment for the next runs: the API key and base URL (NULL = unset),
 * and whether every debug message is on (G_MESSAGES_DEBUG=all). */
static const char *run_api_key;
static const char *run_base_url;
static gboolean run_debug;
static gboolean run_debug;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs contrail with @args (NULL-terminated), no display and no session
 * bus (so no real keyring is ever asked), while the main context keeps
 * turning: the mock Opper server of a test lives in this process. */
static void
run_contrail (Run        *run,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CONTRAIL_BIN");
  va_list ap;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *)bin);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/contrail-test-bus", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "OPPER_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "OPPER_BASE_URL");
  if (run_api_key != NULL)
    g_subprocess_launcher_setenv (launcher, "OPPER_API_KEY", run_api_key, TRUE);
  if (run_base_url != NULL)
    g_subprocess_launcher_setenv (launcher, "OPPER_BASE_URL", run_base_url, TRUE);
  if (run_debug)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  if (run_debug)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
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

/* Debug messages go to stderr: stdout stays exactly the traces. */
static void
test_cli_debug_stays_off_stdout (void)
{
  g_autofree char *path = golden_path ("edge-cases.json");
  g_autofree char *expected = read_golden ("edge-cases.expected.json");
  g_auto(Run) run = { 0 };

  run_debug = TRUE;
  run_contrail (&run, "--print", "--json", path, NULL);
  run_debug = FALSE;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
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
    { { "--print", "--api-key=sk-secret-value", NULL }, "--api-key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_contrail (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      assert_one_error_line (&run, cases[i].word);
      g_assert_null (strstr (run.err, "sk-secret-value"));
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

#define TRACE_ID "0b6f3c1e-8a4d-4b8e-9f10-2c3d4e5f6a7b"

/* `contrail --print ID` against the mock Opper server, with the key and base
 * URL from the environment as a user would set them. */
static void
test_cli_remote_ok (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autofree char *url = g_strconcat ("https://platform.opper.ai/traces/",
                                      "0B6F3C1E-8A4D-4B8E-9F10-2C3D4E5F6A7B?tab=spans", NULL);
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };

  mock->body = body;
  run_api_key = "cli-test-key";
  run_base_url = mock->base_url;

  run_contrail (&text, "--print", TRACE_ID, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_true (g_str_has_prefix (text.out, "Trace mock-run  " TRACE_ID));
  g_assert_nonnull (strstr (text.out, "└── tool"));
  g_assert_cmpstr (mock->last_path, ==, "/v2/traces/" TRACE_ID);
  g_assert_cmpstr (mock->last_authorization, ==, "Bearer cli-test-key");

  /* A dashboard URL in upper case, --base-url beating the environment */
  run_base_url = "https://api.opper.ai/v2";
  run_contrail (&json, "--print", "--json", "--base-url", mock->base_url, url, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (g_str_has_prefix (json.out, "{\"format\":\"contrail-trace/1\",\"id\":\"" TRACE_ID));
  g_assert_cmpuint (mock->n_requests, ==, 2);

  run_api_key = run_base_url = NULL;
}

static void
test_cli_remote_errors (void)
{
  struct {
    guint       status;
    const char *body;
    const char *word;
  } cases[] = {
    { 404, "{\"type\":\"NotFoundError\",\"message\":\"Trace not found\"}", "not found" },
    { 401, "{\"detail\":\"Not authenticated\"}", "unauthorized" },
    { 403, "{\"detail\":\"Account suspended\"}", "forbidden" },
    { 200, "<html>Sign in</html>", "invalid" },
  };
  g_autoptr(MockOpper) mock = mock_opper_new ();

  run_api_key = "cli-test-key";
  run_base_url = mock->base_url;
  mock->mode = MOCK_STATUS;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      mock->status = cases[i].status;
      mock->body = cases[i].body;
      run_contrail (&run, "--print", TRACE_ID, NULL);
      g_test_message ("%u: %s", cases[i].status, run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      assert_one_error_line (&run, cases[i].word);
      g_assert_true (g_str_has_prefix (run.err, "contrail: " TRACE_ID ": "));
      g_assert_null (strstr (run.err, "cli-test-key"));
    }

  run_api_key = run_base_url = NULL;
}

static void
test_cli_remote_no_key (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_auto(Run) run = { 0 };

  run_base_url = mock->base_url;
  run_contrail (&run, "--print", TRACE_ID, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_error_line (&run, "no API key");
  g_assert_cmpuint (mock->n_requests, ==, 0);
  run_base_url = NULL;
}

/* An IPv4 address of this machine that is not loopback, or NULL. */
static char *
non_loopback_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;

  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    {
      char text[INET_ADDRSTRLEN];
      const struct sockaddr_in *in = (const struct sockaddr_in *)(gpointer)i->ifa_addr;

      if (in == NULL || in->sin_family != AF_INET ||
          (ntohl (in->sin_addr.s_addr) >> 24) == 127)
        continue;
      if (inet_ntop (AF_INET, &in->sin_addr, text, sizeof text) != NULL)
        found = g_strdup (text);
    }
  freeifaddrs (list);

  return found;
}

static gboolean
count_connection_cb (GSocketService     *service,
                     GSocketConnection  *connection,
                     GObject            *source_object,
                     gpointer            user_data)
{
  guint *n_connections = user_data;

  (*n_connections)++;
  return FALSE;
}

/* A plain-http base URL to a remote host is bad usage: nothing is sent.  With
 * a listener on a non-loopback address of this machine, "nothing" is seen:
 * not even a connection arrives, from --base-url or from $OPPER_BASE_URL. */
static void
test_cli_remote_insecure (void)
{
  g_autofree char *address = non_loopback_address ();
  g_auto(Run) run = { 0 };

  run_api_key = "cli-test-key";
  run_contrail (&run, "--print", "--base-url", "http://api.opper.ai/v2", TRACE_ID, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_one_error_line (&run, "http");
  g_assert_null (strstr (run.err, "cli-test-key"));

  if (address == NULL)
    {
      g_test_message ("no non-loopback IPv4 address here: not listening for connections");
    }
  else
    {
      g_autoptr(GSocketService) service = g_socket_service_new ();
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
      g_autoptr(GSocketAddress) bind_address = g_inet_socket_address_new (inet, 0);
      g_autoptr(GSocketAddress) bound = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;
      g_auto(Run) from_option = { 0 };
      g_auto(Run) from_env = { 0 };
      guint n_connections = 0;

      g_socket_listener_add_address (G_SOCKET_LISTENER (service), bind_address,
                                     G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                     &bound, &error);
      g_assert_no_error (error);
      g_signal_connect (service, "incoming", G_CALLBACK (count_connection_cb), &n_connections);
      g_socket_service_start (service);
      url = g_strdup_printf ("http://%s:%u/v2", address,
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
      g_test_message ("listening at %s", url);

      run_contrail (&from_option, "--print", "--base-url", url, TRACE_ID, NULL);
      g_assert_cmpint (from_option.status, ==, 2);
      assert_one_error_line (&from_option, "http");

      run_base_url = url;
      run_contrail (&from_env, "--print", TRACE_ID, NULL);
      g_assert_cmpint (from_env.status, ==, 2);
      assert_one_error_line (&from_env, "http");
      run_base_url = NULL;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpuint (n_connections, ==, 0);
      g_socket_service_stop (service);
    }

  run_api_key = NULL;
}

/* The key's path through the command line, with every debug message on: it
 * goes in $OPPER_API_KEY, out only as the Authorization header to the base
 * URL's origin, and appears nowhere in stdout or stderr (which carry the
 * debug log), whatever the server does, even when it echoes the key back. */
static void
test_cli_remote_key_not_in_output (void)
{
  struct {
    MockMode    mode;
    guint       status;
    const char *body;
    int         exit_status;
  } cases[] = {
    { MOCK_OK, 200, NULL, 0 },
    { MOCK_STATUS, 401, "{\"message\":\"Invalid API key cli-secret-key-9d41\"}", 1 },
    { MOCK_STATUS, 403, "key cli-secret-key-9d41 may not read this", 1 },
    { MOCK_STATUS, 404, "{\"type\":\"NotFoundError\",\"message\":\"Trace not found\"}", 1 },
    { MOCK_STATUS, 200, "<html>Sign in</html>", 1 },
    { MOCK_RETRY_AFTER, 429, NULL, 0 },
    { MOCK_FAIL_THEN_OK, 500, NULL, 0 },
    { MOCK_REDIRECT, 307, NULL, 0 },
    { MOCK_RESET, 0, NULL, 1 },
  };
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(MockOpper) other = mock_opper_new ();
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  gboolean logged_debug = FALSE;

  run_api_key = "cli-secret-key-9d41";
  run_base_url = mock->base_url;
  run_debug = TRUE;
  other->body = body;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) text = { 0 };
      g_auto(Run) json = { 0 };

      mock->mode = cases[i].mode;
      mock->status = cases[i].status;
      mock->body = cases[i].body != NULL ? cases[i].body : body;
      mock->fail_count = 1;
      mock->retry_after = "0";
      g_clear_pointer (&mock->redirect_to, g_free);
      if (cases[i].mode == MOCK_REDIRECT)
        mock->redirect_to = g_strconcat (other->base_url, "/traces/" TRACE_ID, NULL);
      mock->n_requests = 0;
      other->n_requests = 0;

      run_contrail (&text, "--print", TRACE_ID, NULL);
      run_contrail (&json, "--print", "--json", TRACE_ID, NULL);
      g_test_message ("case %u: exit %d, stderr: %s", i, text.status, text.err);
      g_assert_cmpint (text.status, ==, cases[i].exit_status);
      g_assert_cmpint (json.status, ==, cases[i].exit_status);
      g_assert_null (strstr (text.out, run_api_key));
      g_assert_null (strstr (text.err, run_api_key));
      g_assert_null (strstr (json.out, run_api_key));
      g_assert_null (strstr (json.err, run_api_key));
      /* (GLib writes debug messages to stdout.) */
      logged_debug |= strstr (text.out, "-DEBUG") != NULL || strstr (text.err, "-DEBUG") != NULL;

      g_assert_cmpuint (mock->n_requests, >, 0);
      g_assert_cmpstr (mock->last_authorization, ==, "Bearer cli-secret-key-9d41");
      if (cases[i].mode == MOCK_REDIRECT)
        {
          g_assert_cmpuint (other->n_requests, ==, 2);
          g_assert_null (other->last_authorization);
        }
    }
  /* The debug log was on. */
  g_assert_true (logged_debug);

  run_api_key = run_base_url = NULL;
  run_debug = FALSE;
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
  g_test_add_func ("/contrail/cli/debug-stays-off-stdout", test_cli_debug_stays_off_stdout);
  g_test_add_func ("/contrail/cli/invalid-file", test_cli_invalid_file);
  g_test_add_func ("/contrail/cli/not-a-trace", test_cli_not_a_trace);
  g_test_add_func ("/contrail/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/contrail/cli/trace-reference", test_cli_trace_reference);
  g_test_add_func ("/contrail/cli/demo", test_cli_demo);
  g_test_add_func ("/contrail/cli/json-lines-round-trip", test_cli_json_lines_round_trip);
  g_test_add_func ("/contrail/cli/remote-ok", test_cli_remote_ok);
  g_test_add_func ("/contrail/cli/remote-errors", test_cli_remote_errors);
  g_test_add_func ("/contrail/cli/remote-no-key", test_cli_remote_no_key);
  g_test_add_func ("/contrail/cli/remote-insecure", test_cli_remote_insecure);
  g_test_add_func ("/contrail/cli/remote-key-not-in-output", test_cli_remote_key_not_in_output);
  g_test_add_func ("/contrail/cli/version-help", test_cli_version_help);

  return g_test_run ();
}
