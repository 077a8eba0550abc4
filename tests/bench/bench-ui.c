/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The window figures of DESIGN.md §8 (run by tests/bench, needs a display):
 *
 *   bench-ui TRACE_100K TRACE_20MB_FIELD
 *
 * tree_set_trace_100k_ms   showing the 100k trace in the span tree, to depth 2
 * tree_expand_100k_ms      expanding all of it (in slices, one per frame)
 * tree_scroll_frame_*_ms   paging through it: time from a scroll to its frame
 * detail_20mb_stall_ms     the longest main-loop gap while the detail pane
 *                          shows a span with a 20 MB output
 */
#define G_LOG_DOMAIN "bench-ui"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "contrail-detail-pane.h"
#include "contrail-import.h"
#include "contrail-span-tree.h"

static ContrailTrace *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_file (file, NULL, &error);

  if (traces == NULL)
    g_error ("%s: %s", path, error->message);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- Main-loop gaps ---- */

typedef struct
{
  gint64 last;
  gint64 longest;
} Gaps;

static gboolean
gap_tick_cb (gpointer user_data)
{
  Gaps *gaps = user_data;
  gint64 now = g_get_monotonic_time ();

  if (gaps->last != 0)
    gaps->longest = MAX (gaps->longest, now - gaps->last);
  gaps->last = now;

  return G_SOURCE_CONTINUE;
}

/* ---- Frames ---- */

/* A frame's own work: from the frame clock's before-paint to after-paint
 * (layout, snapshot, render), not the wait for the next vblank. */
static gboolean painted;
static gint64 paint_started;
static double last_frame_ms;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  paint_started = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  last_frame_ms = (g_get_monotonic_time () - paint_started) / 1000.0;
  painted = TRUE;
}

static void
wait_for_frame (void)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  painted = FALSE;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ContrailTrace) big = NULL;
  g_autoptr(ContrailTrace) huge_field = NULL;
  GtkWidget *window, *tree, *pane;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  Gaps gaps = { 0 };
  gint64 start;
  guint gap_source;

  if (argc != 3)
    {
      g_printerr ("usage: bench-ui TRACE_100K TRACE_20MB_FIELD\n");
      return 2;
    }

  gtk_init ();
  if (gdk_display_get_default () == NULL)
    {
      g_printerr ("bench-ui: no display\n");
      return 77;
    }
  adw_init ();

  big = load (argv[1]);
  huge_field = load (argv[2]);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  tree = contrail_span_tree_new ();
  gtk_window_set_child (GTK_WINDOW (window), tree);
  gtk_window_present (GTK_WINDOW (window));
  iterate_for (300);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  /* Show the trace, expanded to depth 2, up to its first frame. */
  start = g_get_monotonic_time ();
  contrail_span_tree_set_trace (CONTRAIL_SPAN_TREE (tree), big);
  wait_for_frame ();
  printf ("tree_set_trace_100k_ms: %.0f\n", (g_get_monotonic_time () - start) / 1000.0);

  /* Expand everything: slices run one per frame until done. */
  gap_source = g_timeout_add (1, gap_tick_cb, &gaps);
  start = g_get_monotonic_time ();
  contrail_span_tree_expand_all (CONTRAIL_SPAN_TREE (tree));
  while (contrail_span_tree_get_expanding (CONTRAIL_SPAN_TREE (tree)))
    g_main_context_iteration (NULL, TRUE);
  printf ("tree_expand_100k_ms: %.0f\n", (g_get_monotonic_time () - start) / 1000.0);
  printf ("tree_expand_100k_longest_gap_ms: %.0f\n", gaps.longest / 1000.0);
  g_source_remove (gap_source);
  iterate_for (200);

  /* Page down 200 times: the work of each frame that shows a new page. */
  adjustment = contrail_span_tree_get_vadjustment (CONTRAIL_SPAN_TREE (tree));
  for (guint i = 0; i < 200; i++)
    {
      gtk_adjustment_set_value (adjustment,
                                gtk_adjustment_get_value (adjustment) +
                                gtk_adjustment_get_page_size (adjustment));
      wait_for_frame ();
      g_array_append_val (frames, last_frame_ms);
    }
  qsort (frames->data, frames->len, sizeof (double), compare_doubles);
  printf ("tree_scroll_frame_median_ms: %.1f\n", g_array_index (frames, double, frames->len / 2));
  printf ("tree_scroll_frame_max_ms: %.1f\n", g_array_index (frames, double, frames->len - 1));
  printf ("tree_scroll_rows: %.0f\n", gtk_adjustment_get_upper (adjustment) /
                                      MAX (1, contrail_span_tree_get_row_height (CONTRAIL_SPAN_TREE (tree))));

  /* A span with a 20 MB output in the detail pane: the longest main-loop
   * gap over the next two seconds (formatting runs in a worker, the buffer
   * fills in slices and is capped). */
  pane = contrail_detail_pane_new ();
  gtk_window_set_child (GTK_WINDOW (window), pane);
  iterate_for (300);
  gaps.last = 0;
  gaps.longest = 0;
  gap_source = g_timeout_add (1, gap_tick_cb, &gaps);
  {
    ContrailSpan *target = NULL;

    for (guint i = 0; i < contrail_trace_get_span_count (huge_field) && target == NULL; i++)
      {
        ContrailSpan *span = contrail_trace_get_span (huge_field, i);

        if (contrail_span_get_output_size (span) > 10 * 1024 * 1024)
          target = span;
      }
    if (target == NULL)
      g_error ("no span with a 20 MB output in %s", argv[2]);

    gaps.last = g_get_monotonic_time ();
    contrail_detail_pane_show (CONTRAIL_DETAIL_PANE (pane), huge_field, target);
    iterate_for (2000);
  }
  g_source_remove (gap_source);
  printf ("detail_20mb_stall_ms: %.0f\n", gaps.longest / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
  fflush (stdout);

  return 0;
}
