/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailClient: GET requests to the Opper v2 API with the failure handling
 * of DESIGN.md §6: our own redirect handling (the key only ever goes to the
 * base URL's origin), retries with backoff for 429/5xx/dropped connections,
 * a stall timeout, and status codes mapped to CONTRAIL_CLIENT_ERROR.
 */
#define G_LOG_DOMAIN "contrail-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "contrail-client.h"
#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-json-reader.h"

#define MAX_RETRIES      3
#define MAX_REDIRECTS    5
#define READ_CHUNK       (64 * 1024)
#define MAX_BODY         ((gsize)2 * 1024 * 1024 * 1024 - 1)
#define MAX_SERVER_TEXT  300

struct _ContrailClient
{
  GObject           parent_instance;

  /* Owned */
  char             *base_url;     /* without a trailing slash */
  GUri             *base_uri;
  char             *api_key;
  ContrailKeyStore *key_store;

  guint             timeout_ms;
  guint             backoff_ms;
  guint             retry_after_cap_ms;
};

G_DEFINE_FINAL_TYPE (ContrailClient, contrail_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (contrail-client-error-quark, contrail_client_error)

typedef enum
{
  REQUEST_TRACE,
  REQUEST_LIST,
} RequestKind;

typedef struct
{
  ContrailClient *client;
  RequestKind     kind;
  GUri           *uri;
  char           *api_key;
  SoupMessage    *msg;
  GInputStream   *stream;
  GByteArray     *body;
  GBytes         *body_bytes;
  GCancellable   *attempt_cancellable;
  GCancellable   *user_cancellable;
  gulong          cancelled_id;
  guint           timeout_source;
  guint           retry_source;
  guint           retries;
  guint           redirects;
  guint           status;
  gint64          total_count;
  gboolean        timed_out;
  gboolean        done;
} Request;

static void start_attempt (GTask *task);

static SoupSession *
get_session (void)
{
  static SoupSession *session;

  if (g_once_init_enter (&session))
    {
      /* The trailing space makes libsoup append its own version. Our own
       * stall timer replaces the session's "timeout". */
      SoupSession *s = soup_session_new_with_options ("user-agent", "Contrail/" PACKAGE_VERSION " ",
                                                      "timeout", 0,
                                                      "idle-timeout", 60,
                                                      NULL);
      g_once_init_leave (&session, s);
    }

  return session;
}

static void
request_free (Request *request)
{
  g_assert (request->timeout_source == 0);
  g_assert (request->retry_source == 0);

  if (request->cancelled_id != 0)
    g_cancellable_disconnect (request->user_cancellable, request->cancelled_id);
  g_clear_object (&request->user_cancellable);
  g_clear_object (&request->attempt_cancellable);
  g_clear_object (&request->msg);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_pointer (&request->body_bytes, g_bytes_unref);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->api_key, contrail_key_store_free_key);
  g_clear_object (&request->client);
  g_free (request);
}

/* ---- URLs ---- */

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static GUri *
parse_base_url (const char  *base_url,
                GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_BAD_URL,
                   _("“%s” is not a valid base URL"), base_url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (g_uri_get_host (uri))))
    {
      g_set_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_BAD_URL,
                   _("refusing the base URL “%s”: the API key would travel unencrypted; "
                     "use https:// (plain http:// only works for localhost)"), base_url);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static const char *
host_of (Request *request)
{
  return g_uri_get_host (request->uri);
}

/* ---- Errors from responses ---- */

/* One line of untrusted text, control characters removed, capped. */
static char *
sanitize (const char *text,
          gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ >= MAX_SERVER_TEXT)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  g_strstrip (out->str);
  out->len = strlen (out->str);

  return g_string_free (out, out->len == 0);
}

/* sanitize(), after blanking out every copy of @api_key: a server may echo
 * the key back, and it must never reach a message (found by fuzz-error-body).
 * Made valid first, so that no NUL byte hides a copy from the search. */
static char *
sanitize_server_text (const char *text,
                      gsize       len,
                      const char *api_key)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  g_autoptr(GString) redacted = g_string_new (valid);

  if (api_key != NULL && api_key[0] != '\0')
    g_string_replace (redacted, api_key, "[API key]", 0);

  return sanitize (redacted->str, redacted->len);
}

/* The first string found under @member in an error "detail" value: a string
 * itself, an object's "msg"/"message", or the first such in an array. */
static char *
read_detail (ContrailJsonReader *reader)
{
  ContrailJsonSlice slice, key;
  char *found = NULL;

  switch ((int)contrail_json_reader_peek (reader))
    {
    case CONTRAIL_JSON_STRING:
      contrail_json_reader_read_string (reader, &slice);
      return contrail_json_slice_dup (&slice);

    case CONTRAIL_JSON_OBJECT:
      contrail_json_reader_enter_object (reader);
      while (contrail_json_reader_next_member (reader, &key))
        {
          if (found == NULL &&
              (contrail_json_slice_equal (&key, "msg") || contrail_json_slice_equal (&key, "message")) &&
              contrail_json_reader_read_string (reader, &slice))
            found = contrail_json_slice_dup (&slice);
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }
      return found;

    case CONTRAIL_JSON_ARRAY:
      contrail_json_reader_enter_array (reader);
      while (contrail_json_reader_next_element (reader))
        {
          /* Only the first element is read; nesting stays shallow. */
          if (found == NULL && contrail_json_reader_peek (reader) == CONTRAIL_JSON_OBJECT)
            found = read_detail (reader);
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }
      return found;

    default:
      contrail_json_reader_skip (reader, NULL, NULL);
      return NULL;
    }
}

/* The server's explanation: v2 {type, message, detail}, FastAPI {detail},
 * v3 {error: {message}}, or a short plain-text body (never HTML). */
static char *
server_message (GBytes     *body,
                const char *api_key)
{
  g_autoptr(ContrailJsonReader) reader = NULL;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  ContrailJsonSlice key, slice;
  const char *data;
  gsize len;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  if (data == NULL || len == 0)
    return NULL;

  reader = contrail_json_reader_new (data, len);
  if (contrail_json_reader_enter_object (reader))
    {
      while (contrail_json_reader_next_member (reader, &key))
        {
          if (contrail_json_slice_equal (&key, "message") && message == NULL &&
              contrail_json_reader_read_string (reader, &slice))
            message = contrail_json_slice_dup (&slice);
          else if (contrail_json_slice_equal (&key, "detail") && detail == NULL)
            detail = read_detail (reader);
          else if (contrail_json_slice_equal (&key, "error") && message == NULL &&
                   contrail_json_reader_peek (reader) == CONTRAIL_JSON_OBJECT)
            message = read_detail (reader);
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }

      if (contrail_json_reader_get_error (reader) == NULL)
        {
          g_autofree char *joined = NULL;

          if (message != NULL && detail != NULL && g_strcmp0 (message, detail) != 0)
            joined = g_strdup_printf ("%s: %s", message, detail);
          else
            joined = g_strdup (message != NULL ? message : detail);

          return joined != NULL ? sanitize_server_text (joined, strlen (joined), api_key) : NULL;
        }
    }

  /* Not JSON: a short text body may explain; markup pages do not. */
  if (len <= 2 * MAX_SERVER_TEXT && memchr (data, '<', len) == NULL)
    return sanitize_server_text (data, len, api_key);

  return NULL;
}

static GError *
error_for_status (Request *request,
                  GBytes  *body)
{
  g_autofree char *message = server_message (body, request->api_key);
  g_autofree char *suffix = message != NULL ? g_strdup_printf (" (%s)", message) : g_strdup ("");
  guint status = request->status;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_UNAUTHORIZED,
                          _("unauthorized: Opper rejected the API key%s; set OPPER_API_KEY or "
                            "store a valid key in Preferences"), suffix);

    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_FORBIDDEN,
                          _("forbidden: this API key may not read it%s"), suffix);

    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_NOT_FOUND,
                          request->kind == REQUEST_TRACE
                          ? _("not found: Opper has no trace with this ID%s; a new trace can "
                              "take a few seconds to appear, so try again")
                          : _("not found: the server has no trace list here%s; check the base URL"),
                          suffix);

    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      return g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_BAD_REQUEST,
                          _("invalid request: HTTP %u%s"), status, suffix);

    case 429:
      return g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_RATE_LIMITED,
                          _("rate limited: Opper asked to slow down%s; try again in a minute"),
                          suffix);

    default:
      if (status >= 500)
        return g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_SERVER,
                            _("server error: HTTP %u from %s%s"), status, host_of (request),
                            suffix);

      return g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_HTTP,
                          _("unexpected answer: HTTP %u from %s%s"), status, host_of (request),
                          suffix);
    }
}

/* ---- The request state machine ---- */

static void
clear_timers (Request *request)
{
  g_clear_handle_id (&request->timeout_source, g_source_remove);
  g_clear_handle_id (&request->retry_source, g_source_remove);
}

static void
finish_with_error (GTask  *task,
                   GError *error)
{
  Request *request = g_task_get_task_data (task);

  clear_timers (request);
  request->done = TRUE;
  g_task_return_error (task, error);
}

static gboolean
stall_timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timeout_source = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
arm_stall_timer (Request *request)
{
  g_clear_handle_id (&request->timeout_source, g_source_remove);
  request->timeout_source = g_timeout_add (request->client->timeout_ms, stall_timeout_cb, request);
}

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->retry_source = 0;
  start_attempt (task);

  return G_SOURCE_REMOVE;
}

/* Schedules another attempt, or returns FALSE when the retries are used up. */
static gboolean
schedule_retry (GTask *task,
                guint  delay_ms)
{
  Request *request = g_task_get_task_data (task);

  if (request->retries >= MAX_RETRIES)
    return FALSE;

  request->retries++;
  g_debug ("Retrying %s in %u ms (retry %u)", host_of (request), delay_ms, request->retries);
  request->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, retry_cb,
                                              task, g_object_unref);
  g_object_ref (task);

  return TRUE;
}

static guint
backoff_ms (Request *request)
{
  return request->client->backoff_ms << MIN (request->retries, 10);
}

/* Retry-After in seconds or as an HTTP date, capped. */
static guint
retry_after_ms (Request *request)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (request->msg),
                                                    "Retry-After");
  guint cap = request->client->retry_after_cap_ms;
  guint64 seconds;

  if (value == NULL)
    return MIN (backoff_ms (request), cap);

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return (guint)MIN (seconds * 1000, (guint64)cap);

  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    GTimeSpan span;

    if (when == NULL)
      return MIN (backoff_ms (request), cap);

    span = g_date_time_difference (when, now) / 1000;
    return (guint)CLAMP (span, 0, (GTimeSpan)cap);
  }
}

static void
parse_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;

  if (request->kind == REQUEST_TRACE)
    {
      ContrailTrace *trace = contrail_import_opper_bytes (request->body_bytes, cancellable, &error);

      if (trace == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, trace, g_object_unref);
    }
  else
    {
      gint64 total = -1;
      GPtrArray *items = contrail_trace_summary_parse_page (request->body_bytes, &total, &error);

      if (items == NULL)
        {
          g_task_return_error (task, error);
        }
      else
        {
          /* Read by _finish on the main thread, after the task returned. */
          request->total_count = total;
          g_task_return_pointer (task, items, (GDestroyNotify)g_ptr_array_unref);
        }
    }
}

static void
handle_response (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = request->status;

  request->body_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      clear_timers (request);
      request->done = TRUE;
      g_task_run_in_thread (task, parse_worker);
      return;
    }

  if (status == 429 && schedule_retry (task, retry_after_ms (request)))
    return;

  if (status >= 500 && status <= 599 && schedule_retry (task, backoff_ms (request)))
    return;

  finish_with_error (task, error_for_status (request, request->body_bytes));
}

static void
handle_transport_error (GTask  *task,
                        GError *error)
{
  Request *request = g_task_get_task_data (task);

  g_clear_handle_id (&request->timeout_source, g_source_remove);

  if (request->timed_out)
    {
      g_error_free (error);
      finish_with_error (task, g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_TIMED_OUT,
                                            _("timed out: %s sent nothing for %.0f s"),
                                            host_of (request),
                                            request->client->timeout_ms / 1000.0));
      return;
    }

  if (g_cancellable_is_cancelled (request->user_cancellable))
    {
      g_error_free (error);
      finish_with_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    _("The request was cancelled")));
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      GError *tls = g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_TLS,
                                 _("could not connect securely to %s: %s"),
                                 host_of (request), error->message);
      g_error_free (error);
      finish_with_error (task, tls);
      return;
    }

  g_debug ("Transport error from %s: %s", host_of (request), error->message);
  if (schedule_retry (task, backoff_ms (request)))
    {
      g_error_free (error);
      return;
    }

  {
    GError *connect = g_error_new (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_CONNECT,
                                   _("could not connect to %s: %s"),
                                   host_of (request), error->message);
    g_error_free (error);
    finish_with_error (task, connect);
  }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  if (request->done)
    return;

  if (!(chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error)))
    {
      handle_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_clear_handle_id (&request->timeout_source, g_source_remove);
      g_clear_object (&request->stream);
      handle_response (task);
      return;
    }

  if (request->body->len + g_bytes_get_size (chunk) > MAX_BODY)
    {
      finish_with_error (task, g_error_new (CONTRAIL_CLIENT_ERROR,
                                            CONTRAIL_CLIENT_ERROR_INVALID_RESPONSE,
                                            _("invalid response: %s sent more than 2 GB"),
                                            host_of (request)));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  arm_stall_timer (request);
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->attempt_cancellable, read_cb,
                                   g_steal_pointer (&task));
}

static gboolean
follow_redirect (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  const char *location;
  GUri *next;

  if (!SOUP_STATUS_IS_REDIRECTION (request->status))
    return FALSE;

  location = soup_message_headers_get_one (soup_message_get_response_headers (request->msg),
                                           "Location");
  if (location == NULL)
    return FALSE;

  if (request->redirects >= MAX_REDIRECTS)
    {
      finish_with_error (task, g_error_new (CONTRAIL_CLIENT_ERROR,
                                            CONTRAIL_CLIENT_ERROR_TOO_MANY_REDIRECTS,
                                            _("could not load: %s redirected more than %d times"),
                                            host_of (request), MAX_REDIRECTS));
      return TRUE;
    }

  next = g_uri_parse_relative (request->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (next == NULL ||
      (g_strcmp0 (g_uri_get_scheme (next), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (next), "http") != 0))
    {
      g_clear_pointer (&next, g_uri_unref);
      finish_with_error (task, g_error_new (CONTRAIL_CLIENT_ERROR,
                                            CONTRAIL_CLIENT_ERROR_INVALID_RESPONSE,
                                            _("invalid response: %s redirected to an unusable "
                                              "address"), host_of (request)));
      return TRUE;
    }

  g_uri_unref (request->uri);
  request->uri = next;
  request->redirects++;
  start_attempt (task);

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  GInputStream *stream;

  if (request->done)
    return;

  if (!(stream = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      handle_transport_error (task, error);
      return;
    }

  request->stream = stream;
  request->status = soup_message_get_status (request->msg);

  if (follow_redirect (task))
    return;

  arm_stall_timer (request);
  request->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->attempt_cancellable, read_cb,
                                   g_steal_pointer (&task));
}

static void
start_attempt (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  if (g_cancellable_is_cancelled (request->user_cancellable))
    {
      finish_with_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    _("The request was cancelled")));
      return;
    }

  g_clear_object (&request->msg);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_object (&request->attempt_cancellable);
  request->attempt_cancellable = g_cancellable_new ();
  request->timed_out = FALSE;

  request->msg = soup_message_new_from_uri (SOUP_METHOD_GET, request->uri);
  soup_message_add_flags (request->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");

  /* The key only ever goes to the origin of the base URL. */
  if (same_origin (request->uri, request->client->base_uri))
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", request->api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }

  arm_stall_timer (request);
  soup_session_send_async (get_session (), request->msg, G_PRIORITY_DEFAULT,
                           request->attempt_cancellable, send_cb, g_object_ref (task));
}

/* Runs in the main context when the caller cancels. */
static gboolean
user_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  if (!request->done)
    {
      if (request->retry_source != 0)
        finish_with_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      _("The request was cancelled")));
      else if (request->attempt_cancellable != NULL)
        g_cancellable_cancel (request->attempt_cancellable);
    }

  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;

  /* Not from inside the signal: the handlers below may disconnect. */
  g_idle_add_full (G_PRIORITY_HIGH, user_cancelled_idle_cb, g_object_ref (task), g_object_unref);
}

static void
start_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request->api_key == NULL || request->api_key[0] == '\0')
    {
      finish_with_error (task, g_error_new_literal (CONTRAIL_CLIENT_ERROR,
                                                    CONTRAIL_CLIENT_ERROR_NO_API_KEY,
                                                    _("no API key: set OPPER_API_KEY, or store "
                                                      "a key in Contrail’s Preferences")));
      return;
    }

  if (request->user_cancellable != NULL)
    request->cancelled_id = g_cancellable_connect (request->user_cancellable,
                                                   G_CALLBACK (user_cancelled_cb),
                                                   task, NULL);
  start_attempt (task);
}

static void
key_lookup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->api_key = contrail_key_store_lookup_finish (CONTRAIL_KEY_STORE (object), result, &error);
  if (error != NULL)
    g_debug ("No key from the keyring: %s", error->message);

  if (g_cancellable_is_cancelled (request->user_cancellable))
    {
      finish_with_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    _("The request was cancelled")));
      return;
    }

  start_request (task);
}

static void
begin (ContrailClient *self,
       GTask          *task,
       RequestKind     kind,
       GUri           *uri)
{
  Request *request = g_new0 (Request, 1);

  request->client = g_object_ref (self);
  request->kind = kind;
  request->uri = uri;
  request->user_cancellable = g_task_get_cancellable (task);
  if (request->user_cancellable != NULL)
    g_object_ref (request->user_cancellable);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  if (self->api_key != NULL)
    {
      request->api_key = g_strdup (self->api_key);
      start_request (task);
    }
  else if (self->key_store != NULL)
    {
      contrail_key_store_lookup_async (self->key_store, self->base_url,
                                       request->user_cancellable, key_lookup_cb,
                                       g_object_ref (task));
    }
  else
    {
      start_request (task);
    }
}

/* ---- GObject ---- */

static void
contrail_client_finalize (GObject *object)
{
  ContrailClient *self = (ContrailClient *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->api_key, contrail_key_store_free_key);
  g_clear_object (&self->key_store);

  G_OBJECT_CLASS (contrail_client_parent_class)->finalize (object);
}

static void
contrail_client_class_init (ContrailClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = contrail_client_finalize;
}

static void
contrail_client_init (ContrailClient *self)
{
  self->timeout_ms = 30 * 1000;
  self->backoff_ms = 500;
  self->retry_after_cap_ms = 60 * 1000;
}

/* ---- Public API ---- */

ContrailClient *
contrail_client_new (const char  *base_url,
                     GError     **error)
{
  g_autoptr(ContrailClient) self = NULL;
  g_autofree char *trimmed = NULL;
  GUri *uri;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);

  trimmed = g_strstrip (g_strdup (base_url));
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  if (!(uri = parse_base_url (trimmed, error)))
    return NULL;

  self = g_object_new (CONTRAIL_TYPE_CLIENT, NULL);
  self->base_url = g_steal_pointer (&trimmed);
  self->base_uri = uri;

  return g_steal_pointer (&self);
}

const char *
contrail_client_get_base_url (ContrailClient *self)
{
  g_return_val_if_fail (CONTRAIL_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
contrail_client_set_api_key (ContrailClient *self,
                             const char     *api_key)
{
  g_return_if_fail (CONTRAIL_IS_CLIENT (self));

  g_clear_pointer (&self->api_key, contrail_key_store_free_key);
  if (api_key != NULL && api_key[0] != '\0')
    self->api_key = g_strstrip (g_strdup (api_key));
}

void
contrail_client_set_key_store (ContrailClient   *self,
                               ContrailKeyStore *key_store)
{
  g_return_if_fail (CONTRAIL_IS_CLIENT (self));
  g_return_if_fail (key_store == NULL || CONTRAIL_IS_KEY_STORE (key_store));

  g_set_object (&self->key_store, key_store);
}

void
contrail_client_set_timeout_ms (ContrailClient *self,
                                guint           timeout_ms)
{
  g_return_if_fail (CONTRAIL_IS_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
}

void
contrail_client_set_retry_delays_ms (ContrailClient *self,
                                     guint           backoff,
                                     guint           retry_after_cap)
{
  g_return_if_fail (CONTRAIL_IS_CLIENT (self));

  self->backoff_ms = backoff;
  self->retry_after_cap_ms = retry_after_cap;
}

static GUri *
build_uri (ContrailClient *self,
           const char     *path_and_query)
{
  g_autofree char *url = g_strconcat (self->base_url, path_and_query, NULL);

  return g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
}

void
contrail_client_get_trace_async (ContrailClient      *self,
                                 const char          *trace_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GUri *uri;

  g_return_if_fail (CONTRAIL_IS_CLIENT (self));
  g_return_if_fail (trace_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, contrail_client_get_trace_async);

  escaped = g_uri_escape_string (trace_id, NULL, FALSE);
  path = g_strconcat ("/traces/", escaped, NULL);
  if (!(uri = build_uri (self, path)))
    {
      g_task_return_new_error (task, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_BAD_URL,
                               _("could not build a URL for this trace"));
      return;
    }

  begin (self, task, REQUEST_TRACE, uri);
}

ContrailTrace *
contrail_client_get_trace_finish (ContrailClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  GError *local_error = NULL;
  ContrailTrace *trace;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  trace = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL && local_error->domain == CONTRAIL_ERROR)
    {
      /* The body came back but is not a trace. */
      local_error->domain = CONTRAIL_CLIENT_ERROR;
      local_error->code = CONTRAIL_CLIENT_ERROR_INVALID_RESPONSE;
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return trace;
}

void
contrail_client_list_traces_async (ContrailClient      *self,
                                   guint                offset,
                                   guint                limit,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) path = g_string_new ("/traces?");
  GUri *uri;

  g_return_if_fail (CONTRAIL_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, contrail_client_list_traces_async);

  g_string_append_printf (path, "offset=%u&limit=%u", offset, CLAMP (limit, 1, 100));
  if (name != NULL && name[0] != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

      g_string_append_printf (path, "&name=%s", escaped);
    }

  if (!(uri = build_uri (self, path->str)))
    {
      g_task_return_new_error (task, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_BAD_URL,
                               _("could not build a URL for the trace list"));
      return;
    }

  begin (self, task, REQUEST_LIST, uri);
}

GPtrArray *
contrail_client_list_traces_finish (ContrailClient  *self,
                                    GAsyncResult    *result,
                                    gint64          *total_count,
                                    GError         **error)
{
  GError *local_error = NULL;
  GPtrArray *items;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  items = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL && local_error->domain == CONTRAIL_ERROR)
    {
      local_error->domain = CONTRAIL_CLIENT_ERROR;
      local_error->code = CONTRAIL_CLIENT_ERROR_INVALID_RESPONSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (total_count != NULL)
    {
      Request *request = g_task_get_task_data (G_TASK (result));

      *total_count = request->total_count;
    }

  return items;
}

char *
contrail_client_resolve_base_url (const char *option)
{
  const char *env = g_getenv ("OPPER_BASE_URL");
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (option != NULL && option[0] != '\0')
    return g_strdup (option);
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  source = g_settings_schema_source_get_default ();
  if (source != NULL &&
      (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL &&
      g_settings_schema_has_key (schema, "base-url"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *value = g_settings_get_string (settings, "base-url");

      if (value != NULL && value[0] != '\0')
        return g_steal_pointer (&value);
    }

  return g_strdup (CONTRAIL_CLIENT_DEFAULT_BASE_URL);
}
