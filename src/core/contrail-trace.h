/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTrace: one immutable trace, its span tree and aggregates computed
 * once at load.  Built by the importers (contrail-import.h), never by hand.
 */
#pragma once

#include <gio/gio.h>

#include "contrail-types.h"
#include "contrail-span.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_TRACE (contrail_trace_get_type ())

G_DECLARE_FINAL_TYPE (ContrailTrace, contrail_trace, CONTRAIL, TRACE, GObject)

ContrailTraceFormat contrail_trace_get_format        (ContrailTrace *self);
const char   *contrail_trace_get_id                  (ContrailTrace *self);
const char   *contrail_trace_get_name                (ContrailTrace *self);
const char   *contrail_trace_get_status              (ContrailTrace *self);
gint64        contrail_trace_get_start_time          (ContrailTrace *self);
gint64        contrail_trace_get_end_time            (ContrailTrace *self);
gboolean      contrail_trace_get_duration_ms         (ContrailTrace *self,
                                                      double        *duration_ms);
gint64        contrail_trace_get_total_tokens        (ContrailTrace *self);
const char   *contrail_trace_get_input               (ContrailTrace *self);
const char   *contrail_trace_get_output              (ContrailTrace *self);

/* The tree */
GListModel   *contrail_trace_get_roots               (ContrailTrace *self);
guint         contrail_trace_get_n_roots             (ContrailTrace *self);
ContrailSpan *contrail_trace_get_root                (ContrailTrace *self,
                                                      guint          position);
guint         contrail_trace_get_span_count          (ContrailTrace *self);
/* Spans in input order. */
ContrailSpan *contrail_trace_get_span                (ContrailTrace *self,
                                                      guint          index);
ContrailSpan *contrail_trace_lookup_span             (ContrailTrace *self,
                                                      const char    *span_id);
guint         contrail_trace_get_max_depth           (ContrailTrace *self);

/* The document the trace was read from, exactly as received (a file's
 * bytes, or an API response body), for "save the original JSON"; a file
 * with several traces gives the whole file.  NULL when unknown. */
GBytes       *contrail_trace_get_source_bytes        (ContrailTrace *self);

/* Tokens and calls per model, for the trace overview. */
typedef struct
{
  const char *model;      /* owned by the trace */
  guint       n_spans;
  gint64      tokens;     /* CONTRAIL_TOKENS_NONE when no span of it has a count */
} ContrailModelUsage;

/* An array of ContrailModelUsage, most tokens first (then most calls, then
 * by name); spans without a model are not counted.  Free with
 * g_array_unref. */
GArray       *contrail_trace_get_model_usage         (ContrailTrace *self);

/* Aggregates over the spans */
gint64        contrail_trace_get_span_tokens         (ContrailTrace *self);
guint         contrail_trace_get_n_errors            (ContrailTrace *self);
/* Earliest valid start and latest valid end over the trace and all its spans;
 * FALSE when there is no valid time at all. */
gboolean      contrail_trace_get_time_bounds         (ContrailTrace *self,
                                                      gint64        *start,
                                                      gint64        *end);

G_END_DECLS
