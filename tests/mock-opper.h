/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * An in-process mock of the Opper v2 API on 127.0.0.1 (a free port), with
 * fault injection, for the client and window tests.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  MOCK_OK,              /* 200 with mock->body */
  MOCK_STATUS,          /* mock->status with mock->body */
  MOCK_FAIL_THEN_OK,    /* mock->status for the first mock->fail_count requests, then 200 */
  MOCK_RETRY_AFTER,     /* 429 with Retry-After: mock->retry_after, then 200 after fail_count */
  MOCK_STALL,           /* headers never come */
  MOCK_DRIP,            /* 200, the body in 8 chunks, mock->drip_ms apart */
  MOCK_RESET,           /* the connection is closed without an answer */
  MOCK_TRUNCATED,       /* Content-Length promises more than is sent, then close */
  MOCK_REDIRECT,        /* 307 to mock->redirect_to (then OK at the target) */
  MOCK_TRACE_LIST,      /* GET /traces pages from mock->n_list_items, with an overlap */
} MockMode;

typedef struct
{
  SoupServer *server;
  char       *base_url;      /* http://127.0.0.1:PORT/v2 */
  char       *origin;        /* http://127.0.0.1:PORT */

  MockMode    mode;
  guint       status;
  const char *body;
  const char *content_type;
  guint       fail_count;
  const char *retry_after;
  guint       drip_ms;
  char       *redirect_to;
  guint       n_list_items;
  guint       list_overlap;  /* each page starts this many items early */

  /* What the server saw */
  guint       n_requests;
  char       *last_path;
  char       *last_query;
  char       *last_authorization;
  char       *last_user_agent;
  char       *last_accept;
  GPtrArray  *pending;       /* paused messages (stalls) */
} MockOpper;

MockOpper *mock_opper_new  (void);
/* The same over https, with a self-signed certificate that nothing trusts
 * (tests/tls/), to check that certificate errors are never ignored. */
MockOpper *mock_opper_new_tls (void);
void       mock_opper_free (MockOpper *mock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MockOpper, mock_opper_free)

/* A valid Opper trace body with three spans and the given id. */
char      *mock_opper_trace_json (const char *id);

G_END_DECLS
