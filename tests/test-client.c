/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailClient against an in-process mock of the Opper API: every failure
 * of DESIGN.md §6, retries, redirects, timeouts, cancellation, paging, and
 * the key never leaving its origin or reaching a log line.
 */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include "contrail-client.h"
#include "contrail-error.h"
#include "contrail-trace-list.h"
#include "mock-opper.h"

#define TEST_KEY "op-test-key-7f3a9c1e5b"
#define TRACE_ID "0b6f3c1e-8a4d-4b8e-9f10-2c3d4e5f6a7b"

static GString *log_text;

/* Every log line, debug included, is kept to check that the key never
 * appears; warnings and criticals still abort (G_DEBUG=fatal-warnings). */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (log_text, fields[i].value);
      else
        g_string_append_len (log_text, fields[i].value, fields[i].length);
      g_string_append_c (log_text, ' ');
    }
  g_string_append_c (log_text, '\n');

  /* In the child run of /contrail/client/zz/key-not-in-output, every line
   * (debug included) also goes to the standard streams, which the parent
   * searches. */
  if (g_getenv ("CONTRAIL_TEST_LOG_TO_STDERR") != NULL &&
      !(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static gboolean
fail_timeout_cb (gpointer user_data)
{
  g_error ("test timed out");
  return G_SOURCE_REMOVE;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  guint timeout = g_timeout_add_seconds (30, fail_timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  return *result;
}

static ContrailClient *
new_client (MockOpper *mock)
{
  g_autoptr(GError) error = NULL;
  ContrailClient *client = contrail_client_new (mock->base_url, &error);

  g_assert_no_error (error);
  contrail_client_set_api_key (client, TEST_KEY);
  contrail_client_set_retry_delays_ms (client, 10, 200);
  contrail_client_set_timeout_ms (client, 2000);

  return client;
}

static ContrailTrace *
get_trace (ContrailClient  *client,
           const char      *id,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  ContrailTrace *trace;

  contrail_client_get_trace_async (client, id, NULL, result_cb, &result);
  trace = contrail_client_get_trace_finish (client, wait_for (&result), error);

  /* Whatever happened, the message must not carry the key. */
  if (error != NULL && *error != NULL)
    g_assert_null (strstr ((*error)->message, TEST_KEY));

  return trace;
}

static void
test_client_ok (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->body = body;
  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contrail_trace_get_id (trace), ==, TRACE_ID);
  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, 3);

  g_assert_cmpuint (mock->n_requests, ==, 1);
  g_assert_cmpstr (mock->last_path, ==, "/v2/traces/" TRACE_ID);
  g_assert_cmpstr (mock->last_authorization, ==, "Bearer " TEST_KEY);
  g_assert_cmpstr (mock->last_accept, ==, "application/json");
  g_assert_true (g_str_has_prefix (mock->last_user_agent, "Contrail/" PACKAGE_VERSION));
}

static void
test_client_spans_null (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->body = "{\"id\":\"" TRACE_ID "\",\"spans\":null}";
  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, 0);
}

static void
test_client_trailing_slash (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autofree char *base = g_strconcat (mock->base_url, "/", NULL);
  g_autoptr(ContrailClient) client = contrail_client_new (base, NULL);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (client);
  contrail_client_set_api_key (client, TEST_KEY);
  mock->body = body;
  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mock->last_path, ==, "/v2/traces/" TRACE_ID);
}

typedef struct
{
  guint       status;
  const char *body;
  int         code;
  const char *words[3];
} StatusCase;

static void
test_client_status (gconstpointer data)
{
  const StatusCase *c = data;
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_STATUS;
  mock->status = c->status;
  mock->body = c->body;
  mock->content_type = c->body != NULL && c->body[0] == '<' ? "text/html" : NULL;

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_null (trace);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, c->code);
  for (guint i = 0; i < G_N_ELEMENTS (c->words) && c->words[i] != NULL; i++)
    {
      g_test_message ("message: %s", error->message);
      g_assert_nonnull (strstr (error->message, c->words[i]));
    }
  /* HTML never reaches the message */
  g_assert_null (strstr (error->message, "<"));
  /* 4xx other than 429 are not retried */
  if (c->status < 500 && c->status != 429)
    g_assert_cmpuint (mock->n_requests, ==, 1);
  else
    g_assert_cmpuint (mock->n_requests, ==, 4);
}

static const StatusCase status_cases[] = {
  /* A server that echoes the key back: the key must not reach the message
   * (get_trace() checks every error message for it). */
  { 401, "{\"type\":\"AuthenticationError\",\"message\":\"Invalid API key " TEST_KEY "\","
    "\"detail\":{\"msg\":\"key " TEST_KEY " is revoked\"}}",
    CONTRAIL_CLIENT_ERROR_UNAUTHORIZED, { "unauthorized", "Invalid API key", NULL } },
  { 400, "key=" TEST_KEY, CONTRAIL_CLIENT_ERROR_BAD_REQUEST, { "invalid", NULL, NULL } },
  { 401, "{\"type\":\"UnauthorizedError\",\"message\":\"The request is unauthorized\","
         "\"detail\":\"The API key is invalid\"}",
    CONTRAIL_CLIENT_ERROR_UNAUTHORIZED, { "unauthorized", "The API key is invalid", "OPPER_API_KEY" } },
  { 403, "{\"detail\":\"User account is suspended\"}",
    CONTRAIL_CLIENT_ERROR_FORBIDDEN, { "forbidden", "suspended", NULL } },
  { 404, "{\"type\":\"NotFoundError\",\"message\":\"The resource was not found\","
         "\"detail\":\"Trace not found\"}",
    CONTRAIL_CLIENT_ERROR_NOT_FOUND, { "not found", "Trace not found", NULL } },
  { 422, "{\"type\":\"RequestValidationError\",\"message\":\"The request is invalid\","
         "\"detail\":[{\"loc\":[\"path\",\"trace_id\"],\"msg\":\"Input should be a valid UUID\","
         "\"type\":\"uuid_parsing\"}]}",
    CONTRAIL_CLIENT_ERROR_BAD_REQUEST, { "invalid", "valid UUID", NULL } },
  { 422, "{\"type\":\"RequestValidationError\",\"message\":\"The request is invalid\","
         "\"detail\":{\"input\":\"x\",\"loc\":[\"path\"],\"msg\":\"bad id\",\"type\":\"t\"}}",
    CONTRAIL_CLIENT_ERROR_BAD_REQUEST, { "invalid", "bad id", NULL } },
  { 429, "{\"error\":{\"code\":\"rate_limit\",\"message\":\"slow down\"}}",
    CONTRAIL_CLIENT_ERROR_RATE_LIMITED, { "rate limited", "slow down", NULL } },
  { 503, "<html><body><h1>503 Service Unavailable</h1></body></html>",
    CONTRAIL_CLIENT_ERROR_SERVER, { "server error", "503", NULL } },
  { 500, NULL, CONTRAIL_CLIENT_ERROR_SERVER, { "server error", "500", NULL } },
  { 418, "I'm a teapot", CONTRAIL_CLIENT_ERROR_HTTP, { "418", "teapot", NULL } },
};

static void
test_client_retry_then_ok (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_FAIL_THEN_OK;
  mock->status = 500;
  mock->fail_count = 1;
  mock->body = body;

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_cmpuint (mock->n_requests, ==, 2);
}

static void
test_client_retry_after (gconstpointer data)
{
  gboolean as_date = GPOINTER_TO_INT (data);
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autofree char *date = NULL;
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed_ms;

  if (as_date)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);

      date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
    }

  mock->mode = MOCK_RETRY_AFTER;
  mock->fail_count = 2;
  mock->retry_after = as_date ? date : "1";
  mock->body = body;
  /* The cap (here 300 ms) bounds what the server asks for. */
  contrail_client_set_retry_delays_ms (client, 10, 300);

  start = g_get_monotonic_time ();
  trace = get_trace (client, TRACE_ID, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_cmpuint (mock->n_requests, ==, 3);
  /* Two waits, each honouring Retry-After up to the cap */
  g_assert_cmpint (elapsed_ms, >=, 2 * 250);
  g_assert_cmpint (elapsed_ms, <, 5000);
}

static void
test_client_rate_limited_forever (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_RETRY_AFTER;
  mock->fail_count = G_MAXUINT;
  mock->retry_after = "0";

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "rate limited"));
  g_assert_cmpuint (mock->n_requests, ==, 4);   /* 1 + 3 retries */
}

static void
test_client_invalid_body (gconstpointer data)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->body = data;
  mock->content_type = "text/html";
  trace = get_trace (client, TRACE_ID, &error);
  g_assert_null (trace);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "invalid"));
}

static void
test_client_stall (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  mock->mode = MOCK_STALL;
  contrail_client_set_timeout_ms (client, 300);
  trace = get_trace (client, TRACE_ID, &error);

  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "timed out"));
  g_assert_cmpuint (mock->n_requests, ==, 1);   /* a timeout is not retried */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 3000);
}

static void
test_client_drip (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  /* 8 chunks 150 ms apart: 1.2 s in all, longer than the 500 ms stall
   * timeout, but never silent for that long. */
  mock->mode = MOCK_DRIP;
  mock->drip_ms = 150;
  mock->body = body;
  contrail_client_set_timeout_ms (client, 500);

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, 3);
}

static void
test_client_reset (gconstpointer data)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = GPOINTER_TO_INT (data);
  trace = get_trace (client, TRACE_ID, &error);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "could not connect"));
  g_assert_cmpuint (mock->n_requests, ==, 4);
}

static void
test_client_refused (void)
{
  g_autoptr(ContrailClient) client = NULL;
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  guint16 port;

  /* A port that was free a moment ago: nothing listens there now. */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();

    port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    g_assert_no_error (error);
    g_socket_listener_close (listener);
  }
  base = g_strdup_printf ("http://127.0.0.1:%u/v2", port);
  client = contrail_client_new (base, &error);
  g_assert_no_error (error);
  contrail_client_set_api_key (client, TEST_KEY);
  contrail_client_set_retry_delays_ms (client, 10, 100);

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "could not connect"));
}

static void
test_client_redirect_same_origin (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_REDIRECT;
  mock->redirect_to = g_strdup ("/v2/moved/" TRACE_ID);   /* relative Location */
  mock->body = body;

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mock->n_requests, ==, 2);
  g_assert_cmpstr (mock->last_path, ==, "/v2/moved/" TRACE_ID);
  g_assert_cmpstr (mock->last_authorization, ==, "Bearer " TEST_KEY);
}

static void
test_client_redirect_other_origin (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(MockOpper) other = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_REDIRECT;
  mock->redirect_to = g_strconcat (other->base_url, "/traces/" TRACE_ID, NULL);
  other->body = body;

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_cmpuint (mock->n_requests, ==, 1);
  g_assert_cmpstr (mock->last_authorization, ==, "Bearer " TEST_KEY);
  /* The other origin got the request, but not the key. */
  g_assert_cmpuint (other->n_requests, ==, 1);
  g_assert_null (other->last_authorization);
}

/* The same server under another host name is another origin: no key. */
static void
test_client_redirect_other_host_name (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  GUri *origin = g_uri_parse (mock->origin, G_URI_FLAGS_NONE, NULL);

  mock->mode = MOCK_REDIRECT;
  mock->redirect_to = g_strdup_printf ("http://localhost:%d/v2/moved/" TRACE_ID,
                                       g_uri_get_port (origin));
  mock->body = body;
  g_uri_unref (origin);

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mock->n_requests, ==, 2);
  g_assert_cmpstr (mock->last_path, ==, "/v2/moved/" TRACE_ID);
  g_assert_null (mock->last_authorization);
}

/* Base origin → other origin → back to the base origin: the key goes to the
 * base origin both times and never to the other one. */
static void
test_client_redirect_via_other_origin (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(MockOpper) other = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_REDIRECT;
  mock->redirect_to = g_strconcat (other->origin, "/v2/elsewhere/" TRACE_ID, NULL);
  mock->body = body;
  other->mode = MOCK_REDIRECT;
  other->redirect_to = g_strconcat (mock->origin, "/v2/moved/" TRACE_ID, NULL);

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->n_requests, ==, 1);
  g_assert_null (other->last_authorization);
  g_assert_cmpuint (mock->n_requests, ==, 2);
  g_assert_cmpstr (mock->last_path, ==, "/v2/moved/" TRACE_ID);
  g_assert_cmpstr (mock->last_authorization, ==, "Bearer " TEST_KEY);
}

static void
test_client_redirect_loop (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_REDIRECT;
  mock->redirect_to = g_strdup ("/v2/traces/again");

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpuint (mock->n_requests, ==, 6);   /* the first + 5 redirects */
}

static void
cancel_soon_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_client_cancel (gconstpointer data)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Mid-flight (stalled server) or while waiting to retry (a long backoff). */
  if (GPOINTER_TO_INT (data) == 0)
    {
      mock->mode = MOCK_STALL;
    }
  else
    {
      mock->mode = MOCK_STATUS;
      mock->status = 503;
      contrail_client_set_retry_delays_ms (client, 20000, 20000);
    }
  contrail_client_set_timeout_ms (client, 20000);

  contrail_client_get_trace_async (client, TRACE_ID, cancellable, result_cb, &result);
  g_timeout_add (100, cancel_cb, cancellable);
  trace = contrail_client_get_trace_finish (client, wait_for (&result), &error);

  g_assert_null (trace);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 5000);
  (void)cancel_soon_cb;
}

static void
test_client_concurrent (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(GAsyncResult) a = NULL;
  g_autoptr(GAsyncResult) b = NULL;
  g_autoptr(ContrailTrace) ta = NULL;
  g_autoptr(ContrailTrace) tb = NULL;
  g_autoptr(GError) error = NULL;

  mock->mode = MOCK_DRIP;
  mock->drip_ms = 20;
  mock->body = body;

  contrail_client_get_trace_async (client, TRACE_ID, NULL, result_cb, &a);
  contrail_client_get_trace_async (client, TRACE_ID, NULL, result_cb, &b);
  wait_for (&a);
  wait_for (&b);

  ta = contrail_client_get_trace_finish (client, a, &error);
  g_assert_no_error (error);
  tb = contrail_client_get_trace_finish (client, b, &error);
  g_assert_no_error (error);
  g_assert_true (ta != tb);
  g_assert_cmpuint (contrail_trace_get_span_count (ta), ==, 3);
  g_assert_cmpuint (contrail_trace_get_span_count (tb), ==, 3);
  g_assert_cmpuint (mock->n_requests, ==, 2);
}

/* A certificate nobody trusts is an error, never retried, never ignored. */
static void
test_client_tls_untrusted (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new_tls ();
  g_autoptr(ContrailClient) client = NULL;
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (mock->base_url, "https://127.0.0.1:"));
  mock->body = body;
  client = new_client (mock);

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_null (trace);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "securely"));
  g_assert_cmpuint (mock->n_requests, ==, 0);
}

static void
test_client_no_key (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = contrail_client_new (mock->base_url, NULL);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  trace = get_trace (client, TRACE_ID, &error);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_NO_API_KEY);
  g_assert_nonnull (strstr (error->message, "no API key"));
  g_assert_nonnull (strstr (error->message, "OPPER_API_KEY"));
  g_assert_cmpuint (mock->n_requests, ==, 0);
}

static void
test_client_base_urls (void)
{
  const char *good[] = {
    "https://api.opper.ai/v2", "https://api.opper.ai/v2/", "http://localhost:8080/v2",
    "http://127.0.0.1/v2", "http://127.8.9.10:1/", "http://[::1]:9/v2", "HTTPS://API.OPPER.AI/v2",
  };
  const char *bad[] = {
    "http://api.opper.ai/v2", "http://192.168.1.2/v2", "http://10.0.0.1/", "ftp://localhost/",
    "api.opper.ai/v2", "", "https://", "file:///etc/passwd", "http://localhost.evil.com/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ContrailClient) client = contrail_client_new (good[i], &error);

      g_assert_no_error (error);
      g_assert_false (g_str_has_suffix (contrail_client_get_base_url (client), "/"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ContrailClient) client = contrail_client_new (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (client);
      g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_BAD_URL);
    }
}

static void
test_client_list_page (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  double duration;

  mock->mode = MOCK_TRACE_LIST;
  mock->n_list_items = 30;

  contrail_client_list_traces_async (client, 10, 5, "run 1&2", NULL, result_cb, &result);
  page = contrail_client_list_traces_finish (client, wait_for (&result), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 30);
  g_assert_cmpuint (page->len, ==, 5);
  g_assert_cmpstr (contrail_trace_summary_get_name (g_ptr_array_index (page, 0)), ==, "run-10");
  g_assert_true (contrail_trace_summary_get_duration_ms (g_ptr_array_index (page, 0), &duration));
  g_assert_cmpfloat (duration, ==, 110);
  g_assert_cmpint (contrail_trace_summary_get_total_tokens (g_ptr_array_index (page, 1)), ==, 110);
  g_assert_cmpstr (mock->last_path, ==, "/v2/traces");
  g_assert_cmpstr (mock->last_query, ==, "offset=10&limit=5&name=run%201%262");
}

static void
test_client_list_model (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTraceList) list = contrail_trace_list_new (client, 10);
  guint timeout = g_timeout_add_seconds (30, fail_timeout_cb, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  /* 25 traces; every page starts 3 items early, as when new traces arrive */
  mock->mode = MOCK_TRACE_LIST;
  mock->n_list_items = 25;
  mock->list_overlap = 3;

  contrail_trace_list_load_more (list);
  while (contrail_trace_list_get_has_more (list) || contrail_trace_list_get_loading (list))
    {
      if (!contrail_trace_list_get_loading (list))
        contrail_trace_list_load_more (list);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);

  g_assert_null (contrail_trace_list_get_error (list));
  g_assert_cmpint (contrail_trace_list_get_total_count (list), ==, 25);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 25);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ContrailTraceSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (g_hash_table_add (seen, g_strdup (contrail_trace_summary_get_id (item))));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
}

static void
test_client_list_errors (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(ContrailClient) client = new_client (mock);
  g_autoptr(ContrailTraceList) list = contrail_trace_list_new (client, 10);
  guint timeout = g_timeout_add_seconds (30, fail_timeout_cb, NULL);

  mock->mode = MOCK_STATUS;
  mock->status = 401;
  mock->body = "{\"detail\":\"Not authenticated\"}";

  contrail_trace_list_load_more (list);
  while (contrail_trace_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_error ((GError *)contrail_trace_list_get_error (list),
                  CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_false (contrail_trace_list_get_has_more (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* Runs last: everything above was logged with G_MESSAGES_DEBUG=all. */
static void
test_client_key_not_logged (void)
{
  g_assert_cmpuint (log_text->len, >, 0);
  g_assert_null (strstr (log_text->str, TEST_KEY));
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
  gsize n = strlen (needle);

  /* Not strstr: the output may hold NUL bytes. */
  for (gsize i = 0; data != NULL && i + n <= len; i++)
    {
      if (memcmp (data + i, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Every scenario above again, in a child process with G_MESSAGES_DEBUG=all
 * and every log line also written out: the key appears nowhere in its
 * stdout, its stderr or its log (the child's own key-not-logged test). */
static void
test_client_key_not_in_output (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (g_getenv ("CONTRAIL_TEST_LOG_TO_STDERR") != NULL)
    {
      g_test_skip ("this is the child run");
      return;
    }
  if (self == NULL)
    {
      g_test_skip ("no /proc/self/exe");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "CONTRAIL_TEST_LOG_TO_STDERR", "1", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self, "--tap", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  /* The child ran the scenarios and logged what the client does (GLib
   * writes debug messages to stdout) … */
  g_assert_true (bytes_contain (out, "ok "));
  g_assert_true (bytes_contain (out, "/contrail/client/redirect-other-origin"));
  g_assert_true (bytes_contain (out, "Retrying") || bytes_contain (err, "Retrying"));
  g_assert_true (bytes_contain (out, "Transport error") || bytes_contain (err, "Transport error"));
  /* … and the key is in none of it. */
  g_assert_false (bytes_contain (out, TEST_KEY));
  g_assert_false (bytes_contain (err, TEST_KEY));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_add_func ("/contrail/client/ok", test_client_ok);
  g_test_add_func ("/contrail/client/spans-null", test_client_spans_null);
  g_test_add_func ("/contrail/client/trailing-slash", test_client_trailing_slash);
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/contrail/client/status/%u-%u",
                                               status_cases[i].status, i);

      g_test_add_data_func (path, &status_cases[i], test_client_status);
    }
  g_test_add_func ("/contrail/client/500-then-ok", test_client_retry_then_ok);
  g_test_add_data_func ("/contrail/client/retry-after-seconds", GINT_TO_POINTER (0),
                        test_client_retry_after);
  g_test_add_data_func ("/contrail/client/retry-after-date", GINT_TO_POINTER (1),
                        test_client_retry_after);
  g_test_add_func ("/contrail/client/rate-limited-forever", test_client_rate_limited_forever);
  g_test_add_data_func ("/contrail/client/html-200",
                        "<!DOCTYPE html><html><body>Sign in</body></html>",
                        test_client_invalid_body);
  g_test_add_data_func ("/contrail/client/not-a-trace",
                        "{\"meta\":{\"total_count\":1},\"data\":[]}", test_client_invalid_body);
  g_test_add_data_func ("/contrail/client/empty-body", "", test_client_invalid_body);
  g_test_add_func ("/contrail/client/stall", test_client_stall);
  g_test_add_func ("/contrail/client/slow-drip", test_client_drip);
  g_test_add_data_func ("/contrail/client/connection-reset", GINT_TO_POINTER (MOCK_RESET),
                        test_client_reset);
  g_test_add_data_func ("/contrail/client/truncated-body", GINT_TO_POINTER (MOCK_TRUNCATED),
                        test_client_reset);
  g_test_add_func ("/contrail/client/connection-refused", test_client_refused);
  g_test_add_func ("/contrail/client/redirect-same-origin", test_client_redirect_same_origin);
  g_test_add_func ("/contrail/client/redirect-other-origin", test_client_redirect_other_origin);
  g_test_add_func ("/contrail/client/redirect-other-host-name", test_client_redirect_other_host_name);
  g_test_add_func ("/contrail/client/redirect-via-other-origin",
                   test_client_redirect_via_other_origin);
  g_test_add_func ("/contrail/client/redirect-loop", test_client_redirect_loop);
  g_test_add_data_func ("/contrail/client/cancel-in-flight", GINT_TO_POINTER (0),
                        test_client_cancel);
  g_test_add_data_func ("/contrail/client/cancel-during-retry", GINT_TO_POINTER (1),
                        test_client_cancel);
  g_test_add_func ("/contrail/client/concurrent", test_client_concurrent);
  g_test_add_func ("/contrail/client/tls-untrusted", test_client_tls_untrusted);
  g_test_add_func ("/contrail/client/no-key", test_client_no_key);
  g_test_add_func ("/contrail/client/base-urls", test_client_base_urls);
  g_test_add_func ("/contrail/client/list-page", test_client_list_page);
  g_test_add_func ("/contrail/client/list-model", test_client_list_model);
  g_test_add_func ("/contrail/client/list-errors", test_client_list_errors);
  g_test_add_func ("/contrail/client/zz/key-not-logged", test_client_key_not_logged);
  g_test_add_func ("/contrail/client/zz/key-not-in-output", test_client_key_not_in_output);

  return g_test_run ();
}
