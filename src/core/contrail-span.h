/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSpan: one immutable span of a ContrailTrace.
 *
 * Every field may be absent: strings are then NULL, times CONTRAIL_TIME_NONE
 * (or CONTRAIL_TIME_EMPTY for an empty input string), numbers report FALSE
 * from their getter, and token counts are -1.
 *
 * A span owns its children; its parent and trace are borrowed (a span stays
 * usable on its own, but get_parent() returns NULL once the parent is gone).
 * Getters are safe from any thread; contrail_span_get_children() and the
 * lazily decoded texts (input, output, …) are main-thread only.
 */
#pragma once

#include <gio/gio.h>

#include "contrail-types.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_SPAN (contrail_span_get_type ())

G_DECLARE_FINAL_TYPE (ContrailSpan, contrail_span, CONTRAIL, SPAN, GObject)

/* Identity and tree */
const char       *contrail_span_get_id               (ContrailSpan *self);
const char       *contrail_span_get_parent_id        (ContrailSpan *self);
ContrailSpan     *contrail_span_get_parent           (ContrailSpan *self);
guint             contrail_span_get_depth            (ContrailSpan *self);
guint             contrail_span_get_index            (ContrailSpan *self);
guint             contrail_span_get_n_children       (ContrailSpan *self);
ContrailSpan     *contrail_span_get_child            (ContrailSpan *self,
                                                      guint         position);
GListModel       *contrail_span_get_children         (ContrailSpan *self);
guint             contrail_span_get_n_descendants    (ContrailSpan *self);

/* Span fields */
const char       *contrail_span_get_name             (ContrailSpan *self);
const char       *contrail_span_get_span_type        (ContrailSpan *self);
ContrailSpanKind  contrail_span_get_kind             (ContrailSpan *self);
const char       *contrail_span_get_service          (ContrailSpan *self);
gint64            contrail_span_get_start_time       (ContrailSpan *self);
gint64            contrail_span_get_end_time         (ContrailSpan *self);
gboolean          contrail_span_get_duration_ms      (ContrailSpan *self,
                                                      double       *duration_ms);
const char       *contrail_span_get_error            (ContrailSpan *self);
const char       *contrail_span_get_meta             (ContrailSpan *self);
gboolean          contrail_span_get_score            (ContrailSpan *self,
                                                      double       *score);
GListModel       *contrail_span_get_metrics          (ContrailSpan *self);
guint             contrail_span_get_n_metrics        (ContrailSpan *self);

/* Span data (Opper `data`) */
const char       *contrail_span_get_input            (ContrailSpan *self);
const char       *contrail_span_get_output           (ContrailSpan *self);
gsize             contrail_span_get_input_size       (ContrailSpan *self);
gsize             contrail_span_get_output_size      (ContrailSpan *self);
gint64            contrail_span_get_total_tokens     (ContrailSpan *self);
const char       *contrail_span_get_model            (ContrailSpan *self);
const char       *contrail_span_get_instructions     (ContrailSpan *self);
const char       *contrail_span_get_function         (ContrailSpan *self);
const char * const *contrail_span_get_tags           (ContrailSpan *self);
gboolean          contrail_span_get_data_score       (ContrailSpan *self,
                                                      double       *score);
const char       *contrail_span_get_generation_id    (ContrailSpan *self);
const char       *contrail_span_get_observations     (ContrailSpan *self);
const char       *contrail_span_get_scorer_context   (ContrailSpan *self);

/* The span's JSON object exactly as the input gave it (Opper traces), or
 * NULL when the format has no such object; for "copy span as JSON". */
const char       *contrail_span_get_source           (ContrailSpan *self);

/* Derived, computed once at load */
gboolean          contrail_span_get_effective_score  (ContrailSpan *self,
                                                      double       *score);
gint64            contrail_span_get_subtree_tokens   (ContrailSpan *self);
gboolean          contrail_span_has_error            (ContrailSpan *self);
gboolean          contrail_span_has_error_below      (ContrailSpan *self);

ContrailSpanKind  contrail_span_kind_classify        (const char   *type,
                                                      const char   *model,
                                                      const char   *generation_id);

G_END_DECLS
