/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailClient: the Opper v2 HTTP API (DESIGN.md §6), over one SoupSession
 * shared by the process.  Main thread only; responses are parsed in worker
 * threads.
 */
#pragma once

#include <gio/gio.h>

#include "contrail-key-store.h"
#include "contrail-trace.h"
#include "contrail-trace-summary.h"

G_BEGIN_DECLS

#define CONTRAIL_CLIENT_ERROR (contrail_client_error_quark ())

/* Each code's message contains the word DESIGN.md §4 requires for it. */
typedef enum
{
  CONTRAIL_CLIENT_ERROR_NO_API_KEY,        /* "no API key" */
  CONTRAIL_CLIENT_ERROR_BAD_URL,           /* not an http(s) URL; plain http to a remote host */
  CONTRAIL_CLIENT_ERROR_BAD_REQUEST,       /* 400, 422 */
  CONTRAIL_CLIENT_ERROR_UNAUTHORIZED,      /* 401: "unauthorized" */
  CONTRAIL_CLIENT_ERROR_FORBIDDEN,         /* 403: "forbidden" */
  CONTRAIL_CLIENT_ERROR_NOT_FOUND,         /* 404: "not found" */
  CONTRAIL_CLIENT_ERROR_RATE_LIMITED,      /* 429 after retries: "rate limited" */
  CONTRAIL_CLIENT_ERROR_SERVER,            /* 5xx after retries: "server error" */
  CONTRAIL_CLIENT_ERROR_TIMED_OUT,         /* "timed out" */
  CONTRAIL_CLIENT_ERROR_CONNECT,           /* "could not connect" */
  CONTRAIL_CLIENT_ERROR_INVALID_RESPONSE,  /* "invalid": not JSON, or not a trace */
  CONTRAIL_CLIENT_ERROR_TOO_MANY_REDIRECTS,
  CONTRAIL_CLIENT_ERROR_TLS,               /* certificate problems are never ignored */
  CONTRAIL_CLIENT_ERROR_HTTP,              /* any other status */
} ContrailClientError;

GQuark contrail_client_error_quark (void);

#define CONTRAIL_CLIENT_DEFAULT_BASE_URL "https://api.opper.ai/v2"

#define CONTRAIL_TYPE_CLIENT (contrail_client_get_type ())

G_DECLARE_FINAL_TYPE (ContrailClient, contrail_client, CONTRAIL, CLIENT, GObject)

/* Fails with CONTRAIL_CLIENT_ERROR_BAD_URL for anything but https://, or
 * http:// to a loopback host (localhost, 127.0.0.0/8, ::1). */
ContrailClient   *contrail_client_new                 (const char           *base_url,
                                                       GError              **error);
const char       *contrail_client_get_base_url        (ContrailClient       *self);

/* The key: set explicitly (e.g. from $OPPER_API_KEY), else looked up in the
 * key store on first use.  Never logged. */
void              contrail_client_set_api_key         (ContrailClient       *self,
                                                       const char           *api_key);
void              contrail_client_set_key_store       (ContrailClient       *self,
                                                       ContrailKeyStore     *key_store);

/* Stall timeout: a request that receives nothing for this long fails with
 * "timed out" (default 30 s). */
void              contrail_client_set_timeout_ms      (ContrailClient       *self,
                                                       guint                 timeout_ms);
/* Retry pacing: first backoff (default 500 ms, doubled per retry) and the
 * cap on a server's Retry-After (default 60 s).  At most 3 retries. */
void              contrail_client_set_retry_delays_ms (ContrailClient       *self,
                                                       guint                 backoff_ms,
                                                       guint                 retry_after_cap_ms);

void              contrail_client_get_trace_async     (ContrailClient       *self,
                                                       const char           *trace_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
ContrailTrace    *contrail_client_get_trace_finish    (ContrailClient       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* One page of GET /traces: ContrailTraceSummary objects; *total_count from
 * meta.total_count (or -1). */
void              contrail_client_list_traces_async   (ContrailClient       *self,
                                                       guint                 offset,
                                                       guint                 limit,
                                                       const char           *name,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray        *contrail_client_list_traces_finish  (ContrailClient       *self,
                                                       GAsyncResult         *result,
                                                       gint64               *total_count,
                                                       GError              **error);

/* Base URL from --base-url, else $OPPER_BASE_URL, else the "base-url"
 * GSettings key when the schema is installed, else the default. */
char             *contrail_client_resolve_base_url    (const char           *option);

G_END_DECLS
