/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the API client makes of an untrusted non-2xx answer, without a
 * network: the body through error_for_status() (the {type, message, detail}
 * reader, the plain-text fallback and sanitize()), the first line as a
 * Retry-After header, and the body as a GET /traces page.  The error message
 * must be one line of valid UTF-8 of bounded length without the API key,
 * even when the server echoes the key back.
 *
 * The client's parsing helpers are static, so this file compiles
 * contrail-client.c itself (the core library's copy is then never linked:
 * every symbol it would provide is already defined here).  Nothing here
 * opens a socket.
 */
#include "contrail-client.c"

#include "contrail-trace-summary.h"

#include "fuzz-harness.h"

/* The key of the request; in json.dict too, so that bodies echo it. */
#define FUZZ_API_KEY "fuzz-api-key-5f2c"

/* The statuses error_for_status() tells apart. */
static const guint statuses[] = { 400, 401, 403, 404, 409, 418, 422, 429, 500, 502, 503, 599 };

static void
check_message (const char *message)
{
  glong n_chars;

  if (message == NULL)
    return;
  if (!g_utf8_validate (message, -1, NULL))
    g_error ("fuzz-error-body: an error message is not valid UTF-8");
  if (strstr (message, FUZZ_API_KEY) != NULL)
    g_error ("fuzz-error-body: the API key reached an error message: %s", message);

  n_chars = g_utf8_strlen (message, -1);
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_error ("fuzz-error-body: a control character reached an error message");
    }
  /* The server's part is capped at MAX_SERVER_TEXT characters; our own
   * words around it are short. */
  if (n_chars > MAX_SERVER_TEXT + 200)
    g_error ("fuzz-error-body: an error message of %ld characters", n_chars);
}

/* The first line of the input as a header value, if libsoup would accept
 * one like it (printable ASCII). */
static char *
first_line (const guint8 *data,
            gsize         size)
{
  gsize n = 0;

  while (n < size && n < 200 && data[n] != '\n')
    {
      if (data[n] < 0x20 || data[n] >= 0x7f)
        return NULL;
      n++;
    }

  return g_strndup ((const char *)data, n);
}

int
contrail_fuzz_error_body (const guint8 *data,
                          gsize         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(ContrailClient) client = g_object_new (CONTRAIL_TYPE_CLIENT, NULL);
  g_autoptr(GUri) uri = g_uri_parse ("https://api.opper.ai/v2/traces/x", G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *retry_after = first_line (data, size);
  Request request = { 0 };
  guint pick = size > 0 ? data[0] : 0;

  request.client = client;
  request.uri = uri;
  request.api_key = (char *)FUZZ_API_KEY;
  request.kind = pick & 1 ? REQUEST_LIST : REQUEST_TRACE;
  request.status = statuses[pick % G_N_ELEMENTS (statuses)];
  {
    g_autoptr(GError) error = error_for_status (&request, body);

    if (error == NULL || error->domain != CONTRAIL_CLIENT_ERROR)
      g_error ("fuzz-error-body: HTTP %u did not map to a client error", request.status);
    check_message (error->message);
  }

  if (retry_after != NULL)
    {
      guint delay;

      request.msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
      soup_message_headers_replace (soup_message_get_response_headers (request.msg),
                                    "Retry-After", retry_after);
      delay = retry_after_ms (&request);
      if (delay > client->retry_after_cap_ms)
        g_error ("fuzz-error-body: Retry-After “%s” gives %u ms, over the cap", retry_after, delay);
      g_clear_object (&request.msg);
    }

  /* The same bytes as a trace list page. */
  {
    g_autoptr(GError) error = NULL;
    gint64 total = 0;
    g_autoptr(GPtrArray) items = contrail_trace_summary_parse_page (body, &total, &error);

    if (items == NULL && error == NULL)
      g_error ("fuzz-error-body: a list page failed without an error");
  }

  return 0;
}

CONTRAIL_FUZZ_ENTRY (contrail_fuzz_error_body)
