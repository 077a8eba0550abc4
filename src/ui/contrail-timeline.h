/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTimeline: the drawn span timeline.  One bar per row of the span
 * tree's flattened model (a GListModel of GtkTreeListRow whose items are
 * ContrailSpan), scrolled by the same vertical adjustment as the tree
 * (GtkScrollable), so rows line up exactly.
 */
#pragma once

#include <gtk/gtk.h>

#include "contrail-trace.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_TIMELINE (contrail_timeline_get_type ())

G_DECLARE_FINAL_TYPE (ContrailTimeline, contrail_timeline, CONTRAIL, TIMELINE, GtkWidget)

GtkWidget          *contrail_timeline_new           (void);
void                contrail_timeline_set_trace     (ContrailTimeline   *self,
                                                     ContrailTrace      *trace);
/* The selection model of the span tree: its items are GtkTreeListRows; the
 * timeline draws them in order and selects through it (shared selection). */
void                contrail_timeline_set_model     (ContrailTimeline   *self,
                                                     GtkSingleSelection *model);
/* Height of one row in pixels: must equal the span tree's row height. */
void                contrail_timeline_set_row_height (ContrailTimeline  *self,
                                                      int                row_height);

G_END_DECLS
