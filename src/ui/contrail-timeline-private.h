/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * For tests and the benchmark only: a look inside ContrailTimeline.
 */
#pragma once

#include "contrail-timeline.h"
#include "contrail-timeline-layout.h"

G_BEGIN_DECLS

/* The visible time window and the trace's bounds. */
void      _contrail_timeline_get_window       (ContrailTimeline   *self,
                                               ContrailTimeWindow *window);
void      _contrail_timeline_set_window       (ContrailTimeline   *self,
                                               gint64              start,
                                               gint64              end);
/* Zooms by @factor at @anchor, as Ctrl+scroll and pinch do. */
void      _contrail_timeline_zoom_at          (ContrailTimeline   *self,
                                               double              factor,
                                               gint64              anchor);
/* Drops the cached render nodes, as a resize or a zoom does. */
void      _contrail_timeline_drop_caches      (ContrailTimeline   *self);
/* Runs the snapshot vfunc into @snapshot at the current allocation. */
void      _contrail_timeline_snapshot         (ContrailTimeline   *self,
                                               GtkSnapshot        *snapshot);
/* What a primary click with @n_press presses at (x, y) does. */
void      _contrail_timeline_click            (ContrailTimeline   *self,
                                               double              x,
                                               double              y,
                                               int                 n_press);
/* The y of the middle of row @row (may be outside the widget). */
double    _contrail_timeline_get_row_y        (ContrailTimeline   *self,
                                               guint               row);
/* The number of rows the timeline knows about. */
guint     _contrail_timeline_get_n_rows       (ContrailTimeline   *self);
/* How many spans are flagged as search matches (the flat array the
 * snapshot reads). */
guint     _contrail_timeline_get_n_search_matches (ContrailTimeline *self);
/* How many bars and labels the last snapshot drew. */
void      _contrail_timeline_get_draw_stats   (ContrailTimeline   *self,
                                               guint              *n_bars,
                                               guint              *n_labels);

G_END_DECLS
