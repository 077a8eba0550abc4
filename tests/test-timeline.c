/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTimeline: snapshots of the demo traces and of a generated
 * 100,000-span trace at fit and deep zoom, the zoom, pan and fit actions,
 * selection by clicking, the toggles, and following the model.  Needs a
 * display (meson test --setup headless); skips without one.
 */
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "contrail-import.h"
#include "contrail-timeline.h"
#include "contrail-timeline-private.h"
#include "timeline-trace.h"

typedef struct
{
  GtkWidget          *window;
  ContrailTimeline   *timeline;
  GtkSingleSelection *selection;
  GtkTreeListModel   *tree;
} Fixture;

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  ContrailSpan *span = item;

  if (contrail_span_get_n_children (span) == 0)
    return NULL;

  return g_object_ref (contrail_span_get_children (span));
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A window with the timeline over a span-tree model of @trace (every span
 * expanded when @expanded), as the span tree would give it. */
static void
fixture_setup (Fixture       *f,
               ContrailTrace *trace,
               gboolean       expanded)
{
  GtkFilterListModel *filtered;

  f->tree = gtk_tree_list_model_new (g_object_ref (contrail_trace_get_roots (trace)),
                                     FALSE, expanded, create_children_cb, NULL, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (f->tree)), NULL);
  f->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (f->selection, FALSE);
  gtk_single_selection_set_selected (f->selection, GTK_INVALID_LIST_POSITION);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  f->timeline = CONTRAIL_TIMELINE (contrail_timeline_new ());
  g_object_ref_sink (f->timeline);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->timeline));
  contrail_timeline_set_row_height (f->timeline, 30);
  contrail_timeline_set_model (f->timeline, f->selection);
  contrail_timeline_set_trace (f->timeline, trace);
  gtk_window_present (GTK_WINDOW (f->window));

  for (guint i = 0; i < 2000 && (gtk_widget_get_width (GTK_WIDGET (f->timeline)) < 100 ||
                                 !gtk_widget_get_mapped (GTK_WIDGET (f->timeline))); i++)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->timeline)), >=, 100);
}

static void
fixture_teardown (Fixture *f)
{
  ContrailTimeline *timeline = g_steal_pointer (&f->timeline);
  gpointer weak = timeline;

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  drain ();

  /* The timeline lets go of the model and the trace */
  g_object_add_weak_pointer (G_OBJECT (timeline), &weak);
  g_object_unref (timeline);
  g_assert_null (weak);
  g_assert_finalize_object (g_steal_pointer (&f->selection));
  g_clear_object (&f->tree);
}

static GskRenderNode *
snapshot_timeline (ContrailTimeline *timeline)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  _contrail_timeline_drop_caches (timeline);
  _contrail_timeline_snapshot (timeline, snapshot);

  return gtk_snapshot_free_to_node (snapshot);
}

static gint64
window_duration (ContrailTimeline *timeline)
{
  ContrailTimeWindow w;

  _contrail_timeline_get_window (timeline, &w);

  return w.end - w.start;
}

static void
assert_window_in_bounds (ContrailTimeline *timeline)
{
  ContrailTimeWindow w;

  _contrail_timeline_get_window (timeline, &w);
  g_assert_cmpint (w.start, >=, w.lower);
  g_assert_cmpint (w.end, <=, w.upper);
  g_assert_cmpint (w.end - w.start, >=, 1);
}

static ContrailTrace *
load_big_trace (guint n_spans)
{
  g_autoptr(GBytes) bytes = timeline_trace_generate (n_spans);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (traces);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

/* Every demo trace, at fit, deep zoomed and with both toggles. */
static void
test_timeline_demo_snapshot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_demo (&error);

  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, >=, 2);

  for (guint t = 0; t < traces->len; t++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, t);
      Fixture f = { 0 };
      ContrailTimeWindow w;
      g_autoptr(GskRenderNode) fit = NULL;
      g_autoptr(GskRenderNode) deep = NULL;
      g_autoptr(GskRenderNode) toggled = NULL;
      guint n_bars, n_labels;

      fixture_setup (&f, trace, TRUE);
      g_assert_cmpuint (_contrail_timeline_get_n_rows (f.timeline), ==,
                        contrail_trace_get_span_count (trace));

      fit = snapshot_timeline (f.timeline);
      g_assert_nonnull (fit);
      _contrail_timeline_get_draw_stats (f.timeline, &n_bars, &n_labels);
      g_assert_cmpuint (n_bars, >, 0);
      g_assert_cmpuint (n_labels, >, 0);

      /* 100 µs in the middle */
      _contrail_timeline_get_window (f.timeline, &w);
      _contrail_timeline_set_window (f.timeline, w.lower + (w.upper - w.lower) / 2,
                                     w.lower + (w.upper - w.lower) / 2 + 100);
      deep = snapshot_timeline (f.timeline);
      g_assert_nonnull (deep);
      g_assert_cmpint (window_duration (f.timeline), ==, 100);

      contrail_timeline_set_critical_path (f.timeline, TRUE);
      contrail_timeline_set_show_gaps (f.timeline, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.zoom-fit", NULL);
      toggled = snapshot_timeline (f.timeline);
      g_assert_nonnull (toggled);

      /* Drawn for real, too */
      gtk_widget_queue_draw (GTK_WIDGET (f.timeline));
      drain ();

      fixture_teardown (&f);
    }
}

/* 100,000 spans, every one expanded and then all collapsed into the root. */
static void
test_timeline_big_snapshot (void)
{
  g_autoptr(ContrailTrace) trace = load_big_trace (100000);
  Fixture f = { 0 };
  GtkAdjustment *vadjustment;
  ContrailTimeWindow w;
  guint n_bars, n_labels;

  g_assert_cmpuint (contrail_trace_get_span_count (trace), >=, 99900);

  fixture_setup (&f, trace, TRUE);
  g_assert_cmpuint (_contrail_timeline_get_n_rows (f.timeline), ==,
                    contrail_trace_get_span_count (trace));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f.timeline));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), ==,
                     30.0 * contrail_trace_get_span_count (trace));

  /* At fit: only the rows in view are drawn */
  {
    g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);

    g_assert_nonnull (node);
    _contrail_timeline_get_draw_stats (f.timeline, &n_bars, &n_labels);
    g_assert_cmpuint (n_bars, >, 0);
    g_assert_cmpuint (n_bars, <=, 700 / 30 + 2);
  }

  /* Deep zoom in the middle, scrolled to the middle */
  _contrail_timeline_get_window (f.timeline, &w);
  _contrail_timeline_set_window (f.timeline, w.lower + (w.upper - w.lower) / 2,
                                 w.lower + (w.upper - w.lower) / 2 + 1000);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 2);
  {
    g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);

    _contrail_timeline_get_draw_stats (f.timeline, &n_bars, &n_labels);
    g_assert_cmpuint (n_bars, <=, 700 / 30 + 2);
  }

  /* Critical path and gaps over the whole trace */
  contrail_timeline_set_critical_path (f.timeline, TRUE);
  contrail_timeline_set_show_gaps (f.timeline, TRUE);
  {
    g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);
  }

  /* Collapse the root: one row summarising 100,000 spans */
  {
    g_autoptr(GtkTreeListRow) root = gtk_tree_list_model_get_row (f.tree, 0);

    gtk_tree_list_row_set_expanded (root, FALSE);
  }
  g_assert_cmpuint (_contrail_timeline_get_n_rows (f.timeline), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.zoom-fit", NULL);
  {
    g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);

    g_assert_nonnull (node);
    _contrail_timeline_get_draw_stats (f.timeline, &n_bars, &n_labels);
    g_assert_cmpuint (n_bars, ==, 1);
  }

  fixture_teardown (&f);
}

static void
test_timeline_actions (void)
{
  g_autoptr(ContrailTrace) trace = load_big_trace (200);
  Fixture f = { 0 };
  ContrailTimeWindow w, before;
  GtkWidget *widget;
  gint64 full;

  fixture_setup (&f, trace, TRUE);
  widget = GTK_WIDGET (f.timeline);
  _contrail_timeline_get_window (f.timeline, &w);
  full = w.upper - w.lower;
  g_assert_cmpint (window_duration (f.timeline), ==, full);

  /* Zoom in: the window shrinks by 1.5 around its middle */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.zoom-in", NULL));
  g_assert_cmpint (llabs (window_duration (f.timeline) - (gint64)(full / 1.5)), <=, 1);
  _contrail_timeline_get_window (f.timeline, &w);
  g_assert_cmpint (llabs ((w.start + w.end) / 2 - (w.lower + w.upper) / 2), <=, 1);
  gtk_widget_activate_action (widget, "timeline.zoom-in", NULL);
  g_assert_cmpint (window_duration (f.timeline), <, full / 2);
  assert_window_in_bounds (f.timeline);

  /* Pan right by a tenth of the window, then left again */
  _contrail_timeline_get_window (f.timeline, &before);
  gtk_widget_activate_action (widget, "timeline.pan", "d", 0.1);
  _contrail_timeline_get_window (f.timeline, &w);
  g_assert_cmpint (llabs ((w.start - before.start) - (before.end - before.start) / 10), <=, 1);
  g_assert_cmpint (w.end - w.start, ==, before.end - before.start);
  gtk_widget_activate_action (widget, "timeline.pan", "d", -0.1);
  _contrail_timeline_get_window (f.timeline, &w);
  g_assert_cmpint (w.start, ==, before.start);

  /* Panning stops at the trace's ends */
  for (guint i = 0; i < 50; i++)
    gtk_widget_activate_action (widget, "timeline.pan", "d", -0.5);
  _contrail_timeline_get_window (f.timeline, &w);
  g_assert_cmpint (w.start, ==, w.lower);

  /* Zoom out, and fit */
  gtk_widget_activate_action (widget, "timeline.zoom-out", NULL);
  g_assert_cmpint (window_duration (f.timeline), >, before.end - before.start);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.zoom-fit", NULL));
  g_assert_cmpint (window_duration (f.timeline), ==, full);
  /* At fit there is nothing to zoom out to, and no room to pan */
  gtk_widget_activate_action (widget, "timeline.zoom-out", NULL);
  gtk_widget_activate_action (widget, "timeline.pan", "d", 0.1);
  g_assert_cmpint (window_duration (f.timeline), ==, full);

  /* Many zooms in stop at 1 µs */
  for (guint i = 0; i < 80; i++)
    gtk_widget_activate_action (widget, "timeline.zoom-in", NULL);
  g_assert_cmpint (window_duration (f.timeline), ==, 1);
  assert_window_in_bounds (f.timeline);

  /* The toggles are property actions */
  g_assert_false (contrail_timeline_get_critical_path (f.timeline));
  gtk_widget_activate_action (widget, "timeline.critical-path", NULL);
  g_assert_true (contrail_timeline_get_critical_path (f.timeline));
  gtk_widget_activate_action (widget, "timeline.show-gaps", NULL);
  g_assert_true (contrail_timeline_get_show_gaps (f.timeline));
  gtk_widget_activate_action (widget, "timeline.show-gaps", NULL);
  g_assert_false (contrail_timeline_get_show_gaps (f.timeline));

  fixture_teardown (&f);
}

static void
test_timeline_click (void)
{
  g_autoptr(ContrailTrace) trace = load_big_trace (200);
  Fixture f = { 0 };
  GtkTreeListRow *row;
  ContrailTimeWindow w;
  guint n_rows;

  fixture_setup (&f, trace, TRUE);
  n_rows = _contrail_timeline_get_n_rows (f.timeline);
  g_assert_cmpuint (n_rows, >, 10);

  /* A click selects the row under it, in the shared selection */
  _contrail_timeline_click (f.timeline, 200, _contrail_timeline_get_row_y (f.timeline, 3), 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (f.selection), ==, 3);
  _contrail_timeline_click (f.timeline, 5, _contrail_timeline_get_row_y (f.timeline, 0), 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (f.selection), ==, 0);

  /* Not on a row: nothing changes */
  _contrail_timeline_click (f.timeline, 200, 2, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (f.selection), ==, 0);

  /* Keys select the next and previous rows */
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.select-relative", "i", 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (f.selection), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.select-relative", "i", -5);
  g_assert_cmpuint (gtk_single_selection_get_selected (f.selection), ==, 0);

  /* A double click zooms to the span of the row */
  _contrail_timeline_click (f.timeline, 200, _contrail_timeline_get_row_y (f.timeline, 2), 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (f.selection), ==, 2);
  row = gtk_single_selection_get_selected_item (f.selection);
  {
    g_autoptr(ContrailSpan) span = gtk_tree_list_row_get_item (row);
    gint64 start = contrail_span_get_start_time (span);
    gint64 end = contrail_span_get_end_time (span);

    _contrail_timeline_get_window (f.timeline, &w);
    g_assert_cmpint (w.start, <=, start);
    g_assert_cmpint (w.end, >=, end);
    g_assert_cmpint (w.end - w.start, <, (end - start) * 3 / 2);
  }

  /* Zooming in never loses the selected span: not with the keys, which zoom
   * at it, nor at the pointer far away from it */
  for (guint i = 0; i < 30; i++)
    gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.zoom-in", NULL);
  {
    g_autoptr(ContrailSpan) span = gtk_tree_list_row_get_item (row);

    _contrail_timeline_get_window (f.timeline, &w);
    g_assert_cmpint (w.start, <=, contrail_span_get_end_time (span));
    g_assert_cmpint (w.end, >=, contrail_span_get_start_time (span));

    gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.zoom-fit", NULL);
    _contrail_timeline_get_window (f.timeline, &w);
    for (guint i = 0; i < 10; i++)
      _contrail_timeline_zoom_at (f.timeline, 0.5, w.upper);
    _contrail_timeline_get_window (f.timeline, &w);
    g_assert_cmpint (w.end - w.start, <, (w.upper - w.lower) / 500);
    g_assert_cmpint (w.start, <=, contrail_span_get_end_time (span));
    g_assert_cmpint (w.end, >=, contrail_span_get_start_time (span));
  }

  /* Selecting a span elsewhere (in the tree) brings it into view */
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.zoom-to-span", NULL);
  gtk_single_selection_set_selected (f.selection, n_rows - 1);
  {
    g_autoptr(ContrailSpan) span = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (f.selection));

    _contrail_timeline_get_window (f.timeline, &w);
    g_assert_cmpint (w.end, >=, contrail_span_get_start_time (span));
  }

  fixture_teardown (&f);
}

/* The rows follow the model: expanding, collapsing, a new trace. */
static void
test_timeline_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_demo (&error);
  ContrailTrace *trace = g_ptr_array_index (traces, 0);
  Fixture f = { 0 };
  g_autoptr(GtkTreeListRow) root = NULL;
  guint all;

  fixture_setup (&f, trace, FALSE);
  g_assert_cmpuint (_contrail_timeline_get_n_rows (f.timeline), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (f.selection)));

  root = gtk_tree_list_model_get_row (f.tree, 0);
  gtk_tree_list_row_set_expanded (root, TRUE);
  all = g_list_model_get_n_items (G_LIST_MODEL (f.selection));
  g_assert_cmpuint (all, >, 1);
  g_assert_cmpuint (_contrail_timeline_get_n_rows (f.timeline), ==, all);
  {
    g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);
  }

  gtk_tree_list_row_set_expanded (root, FALSE);
  g_assert_cmpuint (_contrail_timeline_get_n_rows (f.timeline), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (f.selection)));

  /* Another trace that the model does not show: its rows draw nothing */
  contrail_timeline_set_trace (f.timeline, g_ptr_array_index (traces, 1));
  {
    g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);
    guint n_bars, n_labels;

    _contrail_timeline_get_draw_stats (f.timeline, &n_bars, &n_labels);
    g_assert_cmpuint (n_bars, ==, 0);
  }

  /* No trace, no model */
  contrail_timeline_set_trace (f.timeline, NULL);
  contrail_timeline_set_model (f.timeline, NULL);
  g_assert_cmpuint (_contrail_timeline_get_n_rows (f.timeline), ==, 0);
  {
    g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);
  }
  contrail_timeline_set_model (f.timeline, f.selection);

  fixture_teardown (&f);
}

/* A trace whose spans have no times at all, and odd ones. */
static void
test_timeline_odd_times (void)
{
  static const char json[] =
    "{\"id\":\"t\",\"spans\":["
    "{\"id\":\"a\",\"name\":\"no times\"},"
    "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"no end\",\"start_time\":\"2025-01-01T00:00:00Z\"},"
    "{\"id\":\"c\",\"parent_id\":\"a\",\"name\":\"backwards\",\"start_time\":\"2025-01-01T00:00:02Z\","
    " \"end_time\":\"2025-01-01T00:00:01Z\"},"
    "{\"id\":\"d\",\"parent_id\":\"a\",\"name\":\"<b>markup</b> &amp; \\n newline\","
    " \"start_time\":\"2025-01-01T00:00:01Z\",\"end_time\":\"2025-01-01T00:00:03Z\"}]}";
  static const char timeless[] = "{\"id\":\"t\",\"spans\":[{\"id\":\"a\",\"name\":\"a\"}]}";
  const char *documents[] = { json, timeless };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (documents[i], strlen (documents[i]));
      g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, NULL);
      Fixture f = { 0 };

      g_assert_nonnull (traces);
      fixture_setup (&f, g_ptr_array_index (traces, 0), TRUE);
      {
        g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);
      }
      gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.zoom-in", NULL);
      contrail_timeline_set_critical_path (f.timeline, TRUE);
      contrail_timeline_set_show_gaps (f.timeline, TRUE);
      {
        g_autoptr(GskRenderNode) node = snapshot_timeline (f.timeline);
      }
      for (guint row = 0; row < _contrail_timeline_get_n_rows (f.timeline); row++)
        _contrail_timeline_click (f.timeline, 100, _contrail_timeline_get_row_y (f.timeline, row), 2);
      assert_window_in_bounds (f.timeline);
      fixture_teardown (&f);
    }
}

static void
test_timeline_accessible (void)
{
  GtkWidget *timeline = g_object_ref_sink (contrail_timeline_new ());

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (timeline)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_widget_get_focusable (timeline));
  g_assert_cmpstr (gtk_widget_get_css_name (timeline), ==, "timeline");
  g_assert_true (GTK_IS_SCROLLABLE (timeline));
  g_assert_nonnull (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (timeline)));

  g_assert_finalize_object (timeline);
}

int
main (int   argc,
      char *argv[])
{
  /* gtk_init() exits when it cannot open a display, so look first. */
  if ((g_getenv ("DISPLAY") == NULL || g_getenv ("DISPLAY")[0] == '\0') &&
      (g_getenv ("WAYLAND_DISPLAY") == NULL || g_getenv ("WAYLAND_DISPLAY")[0] == '\0'))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/contrail/timeline/accessible", test_timeline_accessible);
  g_test_add_func ("/contrail/timeline/demo-snapshot", test_timeline_demo_snapshot);
  g_test_add_func ("/contrail/timeline/big-snapshot", test_timeline_big_snapshot);
  g_test_add_func ("/contrail/timeline/actions", test_timeline_actions);
  g_test_add_func ("/contrail/timeline/click", test_timeline_click);
  g_test_add_func ("/contrail/timeline/model", test_timeline_model);
  g_test_add_func ("/contrail/timeline/odd-times", test_timeline_odd_times);

  return g_test_run ();
}
