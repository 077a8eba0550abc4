/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark: one timeline frame at 100,000 spans (DESIGN.md §8, budget
 * 2 ms).  A frame is the widget's snapshot with its cached render nodes
 * dropped first, as after a zoom, a resize or a scroll.  Prints the median
 * over 50 frames at fit, deep zoomed in the middle of the trace, with every
 * row collapsed into the root (its 100,000 descendants merged per pixel),
 * and with the critical path and self time shown; then the worst of these as
 * timeline_frame_100k_ms.  Needs a display (meson test --benchmark --setup
 * headless); skips without one.
 */
#define G_LOG_DOMAIN "bench-timeline"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "contrail-import.h"
#include "contrail-timeline.h"
#include "contrail-timeline-private.h"
#include "timeline-trace.h"

#define N_FRAMES 50
#define N_SPANS  100000

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  ContrailSpan *span = item;

  if (contrail_span_get_n_children (span) == 0)
    return NULL;

  return g_object_ref (contrail_span_get_children (span));
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : (da > db ? 1 : 0);
}

/* Median milliseconds of one uncached snapshot. */
static double
measure (ContrailTimeline *timeline)
{
  double times[N_FRAMES];

  for (guint i = 0; i < N_FRAMES; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      gint64 begin;

      _contrail_timeline_drop_caches (timeline);
      begin = g_get_monotonic_time ();
      _contrail_timeline_snapshot (timeline, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      times[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_clear_pointer (&node, gsk_render_node_unref);
    }

  qsort (times, N_FRAMES, sizeof (double), compare_doubles);

  return times[N_FRAMES / 2];
}

static void
wait_until_allocated (GtkWidget *widget)
{
  for (guint i = 0; i < 2000 && (gtk_widget_get_width (widget) < 100 ||
                                 !gtk_widget_get_mapped (widget)); i++)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkSingleSelection *
selection_for (ContrailTrace *trace,
               gboolean       expanded)
{
  GtkTreeListModel *tree = gtk_tree_list_model_new (g_object_ref (contrail_trace_get_roots (trace)),
                                                    FALSE, expanded, create_children_cb, NULL, NULL);
  GtkFilterListModel *filtered = gtk_filter_list_model_new (G_LIST_MODEL (tree), NULL);
  GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (filtered));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  return selection;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkSingleSelection) expanded = NULL;
  g_autoptr(GtkSingleSelection) collapsed = NULL;
  ContrailTrace *trace;
  ContrailTimeline *timeline;
  GtkWidget *window;
  GtkAdjustment *vadjustment;
  ContrailTimeWindow w;
  double fit, deep, collapsed_ms, overlays, worst;
  gint64 begin;

  if ((g_getenv ("DISPLAY") == NULL || g_getenv ("DISPLAY")[0] == '\0') &&
      (g_getenv ("WAYLAND_DISPLAY") == NULL || g_getenv ("WAYLAND_DISPLAY")[0] == '\0'))
    {
      printf ("timeline_frame_100k_ms: skipped (no display)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();

  bytes = timeline_trace_generate (N_SPANS);
  traces = contrail_import_bytes (bytes, NULL, &error);
  if (traces == NULL)
    g_error ("%s", error->message);
  trace = g_ptr_array_index (traces, 0);

  begin = g_get_monotonic_time ();
  expanded = selection_for (trace, TRUE);
  collapsed = selection_for (trace, FALSE);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  timeline = CONTRAIL_TIMELINE (contrail_timeline_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  contrail_timeline_set_trace (timeline, trace);
  contrail_timeline_set_model (timeline, expanded);
  printf ("timeline_set_model_100k_ms: %.1f\n", (g_get_monotonic_time () - begin) / 1000.0);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_allocated (GTK_WIDGET (timeline));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (timeline));

  printf ("timeline_rows: %u\n", _contrail_timeline_get_n_rows (timeline));
  printf ("timeline_size_px: %dx%d\n", gtk_widget_get_width (GTK_WIDGET (timeline)),
          gtk_widget_get_height (GTK_WIDGET (timeline)));

  /* At fit, the top rows */
  fit = measure (timeline);
  printf ("timeline_frame_100k_fit_ms: %.3f\n", fit);

  /* Deep zoom: a 2 ms window in the middle, scrolled to the middle rows */
  _contrail_timeline_get_window (timeline, &w);
  _contrail_timeline_set_window (timeline, w.lower + (w.upper - w.lower) / 2,
                                 w.lower + (w.upper - w.lower) / 2 + 2000);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 2);
  deep = measure (timeline);
  printf ("timeline_frame_100k_deep_ms: %.3f\n", deep);

  /* Critical path and self time on, zoomed to a tenth of the trace */
  contrail_timeline_set_critical_path (timeline, TRUE);
  contrail_timeline_set_show_gaps (timeline, TRUE);
  _contrail_timeline_set_window (timeline, w.lower + (w.upper - w.lower) / 2,
                                 w.lower + (w.upper - w.lower) / 2 + (w.upper - w.lower) / 10);
  overlays = measure (timeline);
  printf ("timeline_frame_100k_overlays_ms: %.3f\n", overlays);
  contrail_timeline_set_critical_path (timeline, FALSE);
  contrail_timeline_set_show_gaps (timeline, FALSE);

  /* Collapsed: one row holds the whole trace below it */
  contrail_timeline_set_model (timeline, collapsed);
  _contrail_timeline_set_window (timeline, w.lower, w.upper);
  collapsed_ms = measure (timeline);
  printf ("timeline_frame_100k_collapsed_ms: %.3f\n", collapsed_ms);

  worst = MAX (MAX (fit, deep), MAX (collapsed_ms, overlays));
  printf ("timeline_frame_100k_ms: %.3f\n", worst);
  printf ("budget_timeline_frame: %s (≤ 2 ms)\n", worst <= 2.0 ? "met" : "MISSED");

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
