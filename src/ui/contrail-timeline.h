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
#include "contrail-trace-search.h"

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

ContrailTrace      *contrail_timeline_get_trace     (ContrailTimeline   *self);
GtkSingleSelection *contrail_timeline_get_model     (ContrailTimeline   *self);
int                 contrail_timeline_get_row_height (ContrailTimeline  *self);

/* Follows the vertical adjustment of another view (the span tree's list):
 * the timeline scrolls with it and may change its value, but leaves its
 * range and page size to that view.  Both views must end at the same y:
 * the timeline's rows begin at its height minus the page size, so they
 * line up with that view's rows.  (gtk_scrollable_set_vadjustment() instead
 * makes the timeline the adjustment's owner.) */
void                contrail_timeline_share_vadjustment (ContrailTimeline *self,
                                                         GtkAdjustment    *adjustment);

/* Highlights the critical path (as Jaeger computes it); action
 * "timeline.critical-path", key c. */
void                contrail_timeline_set_critical_path (ContrailTimeline *self,
                                                         gboolean          critical_path);
gboolean            contrail_timeline_get_critical_path (ContrailTimeline *self);
/* Shows each span's self time: the parts not covered by a child; action
 * "timeline.show-gaps", key g. */
void                contrail_timeline_set_show_gaps     (ContrailTimeline *self,
                                                         gboolean          show_gaps);
gboolean            contrail_timeline_get_show_gaps     (ContrailTimeline *self);

/* Find in trace: rings the bars of @result's matches, dims the others and
 * marks the matches on the overview.  @result must be about the timeline's
 * trace (or NULL for no search); a new trace drops it. */
void                contrail_timeline_set_search_result (ContrailTimeline     *self,
                                                         ContrailSearchResult *result);
ContrailSearchResult *contrail_timeline_get_search_result (ContrailTimeline   *self);

G_END_DECLS
