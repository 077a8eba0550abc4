/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailDetailPane: everything about the selected span (or, with no span,
 * the trace): overview, input, output, instructions, observations, metrics,
 * meta and scorer context.  Reads the model only; never parses traces.
 */
#pragma once

#include <adwaita.h>

#include "contrail-trace.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_DETAIL_PANE (contrail_detail_pane_get_type ())

G_DECLARE_FINAL_TYPE (ContrailDetailPane, contrail_detail_pane, CONTRAIL, DETAIL_PANE, GtkWidget)

GtkWidget     *contrail_detail_pane_new       (void);
/* Shows @span of @trace, or the trace itself when @span is NULL.  Either may
 * be NULL (then the pane is empty). */
void           contrail_detail_pane_show      (ContrailDetailPane *self,
                                               ContrailTrace      *trace,
                                               ContrailSpan       *span);
ContrailTrace *contrail_detail_pane_get_trace (ContrailDetailPane *self);
ContrailSpan  *contrail_detail_pane_get_span  (ContrailDetailPane *self);

G_END_DECLS
