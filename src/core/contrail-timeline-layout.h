/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The pure parts of the timeline (no GTK): the visible time window and its
 * mapping to pixels, the ruler's ticks, level-of-detail bucketing, the
 * critical path (as Jaeger computes it) and a span's self time ("gaps").
 *
 * Times are gint64 microseconds since the epoch, as everywhere in the model.
 */
#pragma once

#include <glib.h>

#include "contrail-span.h"
#include "contrail-trace.h"

G_BEGIN_DECLS

/* The narrowest visible window, in µs. */
#define CONTRAIL_TIME_WINDOW_MIN_DURATION 1

/* A visible window [start, end] inside the bounds [lower, upper].  Always
 * lower <= start < end <= upper and end - start >= 1 µs. */
typedef struct
{
  gint64 lower;
  gint64 upper;
  gint64 start;
  gint64 end;
} ContrailTimeWindow;

/* A time interval with the caller's id (a span index, say). */
typedef struct
{
  gint64 start;
  gint64 end;
  guint  id;
} ContrailTimeInterval;

/* Sets the bounds and fits the window to them.  An empty or inverted range
 * becomes [lower, lower + 1]. */
void     contrail_time_window_init            (ContrailTimeWindow       *window,
                                               gint64                    lower,
                                               gint64                    upper);
gboolean contrail_time_window_fit             (ContrailTimeWindow       *window);
gboolean contrail_time_window_is_fit          (const ContrailTimeWindow *window);
gint64   contrail_time_window_get_duration    (const ContrailTimeWindow *window);
/* Sets the window, clamped to the bounds and the minimum duration (a window
 * wider than the bounds becomes the bounds; one that sticks out is moved
 * back in).  Returns TRUE when the window changed. */
gboolean contrail_time_window_set             (ContrailTimeWindow       *window,
                                               gint64                    start,
                                               gint64                    end);
/* Scales the duration by @factor (< 1 zooms in) keeping @anchor at the same
 * relative position (it need not be inside the window). */
gboolean contrail_time_window_zoom            (ContrailTimeWindow       *window,
                                               double                    factor,
                                               gint64                    anchor);
/* Moves the window by @delta µs (clamped at the bounds). */
gboolean contrail_time_window_pan             (ContrailTimeWindow       *window,
                                               gint64                    delta);
/* Pans (never zooms) so that part of [start, end] is visible: when it lies
 * outside the window, its nearest end is brought in @margin (a fraction of
 * the window) from the edge.  Returns TRUE when the window moved. */
gboolean contrail_time_window_ensure_visible  (ContrailTimeWindow       *window,
                                               gint64                    start,
                                               gint64                    end,
                                               double                    margin);
/* x of time @time over @width pixels (not clamped: may be outside [0, width]). */
double   contrail_time_window_to_x            (const ContrailTimeWindow *window,
                                               gint64                    time,
                                               double                    width);
gint64   contrail_time_window_from_x          (const ContrailTimeWindow *window,
                                               double                    x,
                                               double                    width);

/* The ruler.  Ticks sit at multiples of the step from @origin (the trace
 * start); their labels are offsets from @origin ("0 ms", "250 ms", "1.5 s",
 * "2 min", "1 h 30 min"), left-aligned at the tick. */
typedef struct
{
  gint64 time;
  double x;
  char   label[40];
} ContrailTimeTick;

/* Measures a label in pixels; NULL measures 7 px per character. */
typedef double (*ContrailMeasureFunc) (const char *text,
                                       gpointer    user_data);

/* Chooses the smallest step of the 1-2-5 series over µs, ms and s (then
 * 10, 20, 30 s; 1, 2, 5, 10, 20, 30 min; 1, 2, 5, 10, 20 h; 1-2-5 days)
 * whose labels fit: every label plus @gap pixels ends before the next tick.
 * Fills @ticks (ContrailTimeTick) with the ticks in [0, @width] and returns
 * the step in µs. */
gint64   contrail_timeline_choose_ticks       (const ContrailTimeWindow *window,
                                               gint64                    origin,
                                               double                    width,
                                               double                    gap,
                                               ContrailMeasureFunc       measure,
                                               gpointer                  user_data,
                                               GArray                   *ticks);
/* The label of offset @offset (>= 0) on a ruler of step @step, into @buf. */
void     contrail_timeline_format_offset      (gint64                    offset,
                                               gint64                    step,
                                               char                     *buf,
                                               gsize                     size);
/* Level of detail: of the intervals that overlap the window, keeps per pixel
 * column (the column of an interval's clipped start) the longest one (by
 * its part inside the window, which is what shows), then
 * drops those that a kept interval further left already paints over (an
 * interval paints at least its own column).  @in need not be sorted.  Appends the kept ones to @out
 * (ContrailTimeInterval), left to right, and returns how many. */
guint    contrail_timeline_lod                (const ContrailTimeWindow *window,
                                               double                    width,
                                               const ContrailTimeInterval *in,
                                               guint                     n_in,
                                               GArray                   *out);

/* The interval a span is drawn over: FALSE without a valid start.  A span
 * without an end runs until @now; an end before the start is taken as the
 * start.  @flags gets CONTRAIL_SPAN_TIME_* bits. */
typedef enum
{
  CONTRAIL_SPAN_TIME_RUNNING  = 1 << 0,   /* no end: runs until @now */
  CONTRAIL_SPAN_TIME_REVERSED = 1 << 1,   /* the input's end is before its start */
} ContrailSpanTimeFlags;

gboolean contrail_timeline_span_interval      (ContrailSpan             *span,
                                               gint64                    now,
                                               gint64                   *start,
                                               gint64                   *end,
                                               ContrailSpanTimeFlags    *flags);

/* The critical path of @trace (Jaeger's algorithm): from the root, walk back
 * from the end through the last-finishing child that ends before the
 * current point, recursively; a span without such a child is on the path
 * from its start, and the walk goes back up to its parent.  Children are
 * first clipped to their parent (those wholly outside are ignored);
 * unfinished spans run until the trace's end.  Several roots are treated as
 * children of the whole trace.  Iterative.
 *
 * Returns the sections (ContrailTimeInterval, id = span index), latest first. */
GArray  *contrail_timeline_critical_path      (ContrailTrace            *trace);

/* Self time: the parts of [start, end] not covered by any of @children
 * (clipped to it; need not be sorted).  Appends them to @out in order and
 * returns how many. */
guint    contrail_timeline_gaps               (gint64                    start,
                                               gint64                    end,
                                               const ContrailTimeInterval *children,
                                               guint                     n_children,
                                               GArray                   *out);
/* The same for a span and its children, each as
 * contrail_timeline_span_interval() draws it. */
GArray  *contrail_timeline_span_gaps          (ContrailSpan             *span,
                                               gint64                    now);

G_END_DECLS
