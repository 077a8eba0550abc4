/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mock-opper"

#include "config.h"

#include <string.h>

#include "mock-opper.h"

char *
mock_opper_trace_json (const char *id)
{
  return g_strdup_printf (
    "{\"id\":\"%s\",\"name\":\"mock-run\",\"status\":\"success\","
    "\"start_time\":\"2025-11-20T09:14:02Z\",\"end_time\":\"2025-11-20T09:14:05Z\","
    "\"total_tokens\":42,\"spans\":["
    "{\"id\":\"a\",\"name\":\"agent\",\"type\":\"agent\",\"start_time\":\"2025-11-20T09:14:02Z\"},"
    "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"think\",\"type\":\"generation\","
    " \"start_time\":\"2025-11-20T09:14:03Z\",\"data\":{\"total_tokens\":42}},"
    "{\"id\":\"c\",\"parent_id\":\"a\",\"name\":\"tool\",\"start_time\":\"2025-11-20T09:14:04Z\"}"
    "]}", id);
}

static void
record (MockOpper         *mock,
        SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);

  mock->n_requests++;
  g_free (mock->last_path);
  mock->last_path = g_strdup (g_uri_get_path (uri));
  g_free (mock->last_query);
  mock->last_query = g_strdup (g_uri_get_query (uri));
  g_free (mock->last_authorization);
  mock->last_authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_free (mock->last_user_agent);
  mock->last_user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (mock->last_accept);
  mock->last_accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type != NULL ? content_type : "application/json",
                                      SOUP_MEMORY_COPY, body, strlen (body));
}

typedef struct
{
  SoupServerMessage *msg;
  MockOpper         *mock;
  guint              sent;
  gboolean           gone;   /* the client went away (a cancelled request) */
} Drip;

static void
drip_gone_cb (Drip *drip)
{
  drip->gone = TRUE;
}

static gboolean
drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  const char *body = drip->mock->body;
  gsize len = strlen (body);
  gsize piece = (len + 7) / 8;
  gsize from = MIN (drip->sent * piece, len);
  gsize to = MIN (from + piece, len);
  SoupMessageBody *response = soup_server_message_get_response_body (drip->msg);

  if (drip->gone)
    {
      g_signal_handlers_disconnect_by_func (drip->msg, drip_gone_cb, drip);
      g_object_unref (drip->msg);
      g_free (drip);
      return G_SOURCE_REMOVE;
    }

  if (from < len)
    soup_message_body_append (response, SOUP_MEMORY_COPY, body + from, to - from);
  drip->sent++;

  if (to >= len)
    {
      soup_message_body_complete (response);
      soup_server_message_unpause (drip->msg);
      g_signal_handlers_disconnect_by_func (drip->msg, drip_gone_cb, drip);
      g_object_unref (drip->msg);
      g_free (drip);
      return G_SOURCE_REMOVE;
    }

  /* Unpausing after a new chunk lets the server write it. */
  soup_server_message_unpause (drip->msg);
  return G_SOURCE_CONTINUE;
}

static void
write_and_close (SoupServerMessage *msg,
                 const char        *raw)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  if (raw != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                               NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
serve_list (MockOpper         *mock,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  const char *offset_s = query != NULL ? g_hash_table_lookup (query, "offset") : NULL;
  const char *limit_s = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint offset = offset_s != NULL ? (guint)g_ascii_strtoull (offset_s, NULL, 10) : 0;
  guint limit = limit_s != NULL ? (guint)g_ascii_strtoull (limit_s, NULL, 10) : 100;
  g_autoptr(GString) body = g_string_new ("{\"meta\":{\"total_count\":");
  guint start = offset > mock->list_overlap ? offset - mock->list_overlap : 0;

  g_string_append_printf (body, "%u},\"data\":[", mock->n_list_items);
  for (guint i = start; i < MIN (start + limit, mock->n_list_items); i++)
    g_string_append_printf (body, "%s{\"id\":\"00000000-0000-4000-8000-%012u\","
                                  "\"name\":\"run-%u\",\"status\":\"success\","
                                  "\"start_time\":\"2025-11-20T09:14:02Z\","
                                  "\"duration_ms\":%u,\"total_tokens\":%u}",
                            i == start ? "" : ",", i, i, 100 + i, 10 * i);
  g_string_append (body, "]}");

  respond (msg, 200, NULL, body->str);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  MockOpper *mock = user_data;
  guint n;

  record (mock, msg);
  n = mock->n_requests;

  if (mock->mode == MOCK_TRACE_LIST && g_str_has_suffix (path, "/traces"))
    {
      serve_list (mock, msg, query);
      return;
    }

  switch (mock->mode)
    {
    case MOCK_OK:
    case MOCK_TRACE_LIST:
      respond (msg, 200, mock->content_type, mock->body);
      break;

    case MOCK_STATUS:
      respond (msg, mock->status, mock->content_type, mock->body);
      break;

    case MOCK_FAIL_THEN_OK:
      if (n <= mock->fail_count)
        respond (msg, mock->status, "text/plain", "try again");
      else
        respond (msg, 200, NULL, mock->body);
      break;

    case MOCK_RETRY_AFTER:
      if (n <= mock->fail_count)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", mock->retry_after);
          respond (msg, 429, NULL, "{\"type\":\"RateLimitError\",\"message\":\"slow down\"}");
        }
      else
        respond (msg, 200, NULL, mock->body);
      break;

    case MOCK_STALL:
      soup_server_message_pause (msg);
      g_ptr_array_add (mock->pending, g_object_ref (msg));
      break;

    case MOCK_DRIP:
      {
        Drip *drip = g_new0 (Drip, 1);

        drip->msg = g_object_ref (msg);
        drip->mock = mock;
        g_signal_connect_swapped (msg, "disconnected", G_CALLBACK (drip_gone_cb), drip);
        g_signal_connect_swapped (msg, "finished", G_CALLBACK (drip_gone_cb), drip);
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                           SOUP_ENCODING_CHUNKED);
        soup_server_message_pause (msg);
        g_timeout_add (mock->drip_ms, drip_cb, drip);
      }
      break;

    case MOCK_RESET:
      write_and_close (msg, NULL);
      break;

    case MOCK_TRUNCATED:
      write_and_close (msg, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            "Content-Length: 5000\r\n\r\n{\"id\":\"abc\",\"spa");
      break;

    case MOCK_REDIRECT:
      if (g_str_has_prefix (path, "/v2/moved/"))
        {
          respond (msg, 200, NULL, mock->body);
        }
      else
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Location", mock->redirect_to);
          soup_server_message_set_status (msg, 307, NULL);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static MockOpper *
mock_opper_new_full (gboolean tls)
{
  MockOpper *mock = g_new0 (MockOpper, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *uri_string = NULL;

  if (tls)
    {
      g_autofree char *cert = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "tls",
                                                "test-cert.pem", NULL);
      g_autofree char *key = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "tls",
                                               "test-key.pem", NULL);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key,
                                                                                 &error);

      g_assert_no_error (error);
      mock->server = soup_server_new ("tls-certificate", certificate, NULL);
    }
  else
    {
      mock->server = soup_server_new (NULL, NULL);
    }
  mock->pending = g_ptr_array_new_with_free_func (g_object_unref);
  mock->mode = MOCK_OK;
  mock->list_overlap = 0;

  soup_server_add_handler (mock->server, NULL, handler, mock, NULL);
  soup_server_listen_local (mock->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (mock->server);
  g_assert_nonnull (uris);
  uri_string = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* "http://127.0.0.1:PORT/" */
  if (g_str_has_suffix (uri_string, "/"))
    uri_string[strlen (uri_string) - 1] = '\0';
  mock->origin = g_strdup (uri_string);
  mock->base_url = g_strconcat (uri_string, "/v2", NULL);

  return mock;
}

MockOpper *
mock_opper_new (void)
{
  return mock_opper_new_full (FALSE);
}

MockOpper *
mock_opper_new_tls (void)
{
  return mock_opper_new_full (TRUE);
}

void
mock_opper_free (MockOpper *mock)
{
  /* Let stalled requests go before the server goes away. */
  for (guint i = 0; i < mock->pending->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (mock->pending, i);

      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_unref (mock->pending);

  soup_server_disconnect (mock->server);
  g_object_unref (mock->server);
  g_free (mock->base_url);
  g_free (mock->origin);
  g_free (mock->redirect_to);
  g_free (mock->last_path);
  g_free (mock->last_query);
  g_free (mock->last_authorization);
  g_free (mock->last_user_agent);
  g_free (mock->last_accept);
  g_free (mock);
}
