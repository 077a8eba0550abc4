/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTraceList: the account's traces (GET /traces) as a GListModel of
 * ContrailTraceSummary that fetches further pages on demand and drops
 * duplicates by id (new traces shift the offsets between pages).
 */
#pragma once

#include <gio/gio.h>

#include "contrail-client.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_TRACE_LIST (contrail_trace_list_get_type ())

G_DECLARE_FINAL_TYPE (ContrailTraceList, contrail_trace_list, CONTRAIL, TRACE_LIST, GObject)

ContrailTraceList *contrail_trace_list_new            (ContrailClient    *client,
                                                       guint              page_size);
/* Replaces the name filter (NULL or "" for none) and reloads from the start;
 * a request still running for the old filter is cancelled. */
void               contrail_trace_list_set_filter     (ContrailTraceList *self,
                                                       const char        *name);
const char        *contrail_trace_list_get_filter     (ContrailTraceList *self);
/* Drops everything and fetches the first page again. */
void               contrail_trace_list_reload         (ContrailTraceList *self);
/* Fetches the next page unless one is loading or there is none. */
void               contrail_trace_list_load_more      (ContrailTraceList *self);
gboolean           contrail_trace_list_get_loading    (ContrailTraceList *self);
gboolean           contrail_trace_list_get_has_more   (ContrailTraceList *self);
gint64             contrail_trace_list_get_total_count (ContrailTraceList *self);
/* The last failure, or NULL once a page loads. */
const GError      *contrail_trace_list_get_error      (ContrailTraceList *self);

G_END_DECLS
