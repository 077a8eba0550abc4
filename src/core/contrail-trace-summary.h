/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One item of the GET /traces list (reference/opper-api.md §4). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONTRAIL_TYPE_TRACE_SUMMARY (contrail_trace_summary_get_type ())

G_DECLARE_FINAL_TYPE (ContrailTraceSummary, contrail_trace_summary, CONTRAIL, TRACE_SUMMARY, GObject)

const char *contrail_trace_summary_get_id           (ContrailTraceSummary *self);
const char *contrail_trace_summary_get_name         (ContrailTraceSummary *self);
const char *contrail_trace_summary_get_status       (ContrailTraceSummary *self);
gint64      contrail_trace_summary_get_start_time   (ContrailTraceSummary *self);
gint64      contrail_trace_summary_get_end_time     (ContrailTraceSummary *self);
gboolean    contrail_trace_summary_get_duration_ms  (ContrailTraceSummary *self,
                                                     double               *duration_ms);
gint64      contrail_trace_summary_get_total_tokens (ContrailTraceSummary *self);
const char *contrail_trace_summary_get_input        (ContrailTraceSummary *self);
const char *contrail_trace_summary_get_output       (ContrailTraceSummary *self);

/* Parses a GET /traces page with json-glib.  Items without a string id are
 * dropped; every other field may be absent. */
GPtrArray  *contrail_trace_summary_parse_page       (GBytes               *bytes,
                                                     gint64               *total_count,
                                                     GError              **error);

G_END_DECLS
