/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSpanTree: expansion to a depth, keys (j/k/h/l …), selection that
 * follows collapsing, expand/collapse all, and a 100,000-span trace: how long
 * loading, expanding everything and scrolling keep the main loop busy.
 * Needs a display; skips without one.
 */

#define G_LOG_DOMAIN "test-span-tree"

#include "config.h"

#include <adwaita.h>

#include "contrail-import.h"
#include "contrail-span-tree.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 60

/* An Opper trace: one root, @fan_out agents below it, @fan_out2 steps below
 * each agent and @leaves leaves below each step. */
static ContrailTrace *
generate_trace (guint fan_out,
                guint fan_out2,
                guint leaves)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"6c1f0e2a-7b3d-4e5f-8a9b-0c1d2e3f4a5b\","
                                          "\"name\":\"generated\",\"spans\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  guint n = 0;

#define SPAN(id, parent, type)                                                              \
  g_string_append_printf (json, "%s{\"id\":\"%s\",%s%s%s\"name\":\"%s %u\",\"type\":\"%s\","    \
                          "\"start_time\":\"2025-11-20T09:%02u:%02u.%03uZ\","                  \
                          "\"duration_ms\":%u,\"data\":{\"total_tokens\":%u}}",                \
                          n == 0 ? "" : ",", id,                                              \
                          parent != NULL ? "\"parent_id\":\"" : "",                           \
                          parent != NULL ? parent : "", parent != NULL ? "\"," : "",          \
                          type, n, type, (n / 60000) % 60, (n / 1000) % 60, n % 1000,          \
                          1 + n % 977, n % 1500);                                             \
  n++

  SPAN ("r", (const char *)NULL, "agent");
  for (guint a = 0; a < fan_out; a++)
    {
      g_autofree char *agent = g_strdup_printf ("a%u", a);

      SPAN (agent, "r", "agent");
      for (guint s = 0; s < fan_out2; s++)
        {
          g_autofree char *step = g_strdup_printf ("a%u.%u", a, s);

          SPAN (step, agent, "generation");
          for (guint l = 0; l < leaves; l++)
            {
              g_autofree char *leaf = g_strdup_printf ("a%u.%u.%u", a, s, l);

              SPAN (leaf, step, "tool");
            }
        }
    }
#undef SPAN

  g_string_append (json, "]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, ==, 1);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static GtkWidget *
tree_window_new (ContrailSpanTree **tree_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *tree = contrail_span_tree_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 600);
  gtk_window_set_child (GTK_WINDOW (window), tree);
  gtk_window_present (GTK_WINDOW (window));
  *tree_out = CONTRAIL_SPAN_TREE (tree);

  return window;
}

static GListModel *
rows_of (ContrailSpanTree *tree)
{
  return G_LIST_MODEL (contrail_span_tree_get_selection_model (tree));
}

static ContrailSpan *
span_at (ContrailSpanTree *tree,
         guint             position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows_of (tree), position);
  g_autoptr(ContrailSpan) span = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  return span;   /* borrowed: the trace keeps its spans */
}

static guint
selected_position (ContrailSpanTree *tree)
{
  return gtk_single_selection_get_selected (contrail_span_tree_get_selection_model (tree));
}

static void
press (ContrailSpanTree *tree,
       const char       *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tree), action, NULL));
}

/* The list's key map: every key goes to the action the header promises. */
static void
assert_key (GtkWidget  *list_view,
            guint       keyval,
            const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list_view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *shortcut_action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              GTK_IS_NAMED_ACTION (shortcut_action))
            {
              g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (shortcut_action)),
                               ==, action);
              return;
            }
        }
    }

  g_error ("no shortcut for %s", gdk_keyval_name (keyval));
}

static gboolean
not_expanding (gpointer data)
{
  return !contrail_span_tree_get_expanding (data);
}

static void
run_keys_test (void)
{
  g_autoptr(ContrailTrace) trace = generate_trace (2, 2, 2);   /* 1 + 2 + 4 + 8 spans */
  ContrailSpanTree *tree;
  GtkWidget *window = tree_window_new (&tree);
  GtkWidget *list_view = ui_find_widget (GTK_WIDGET (tree), GTK_TYPE_LIST_VIEW, NULL);
  ContrailSpan *agent;

  assert_key (list_view, GDK_KEY_j, "span-tree.next");
  assert_key (list_view, GDK_KEY_k, "span-tree.previous");
  assert_key (list_view, GDK_KEY_h, "span-tree.collapse");
  assert_key (list_view, GDK_KEY_l, "span-tree.expand");
  assert_key (list_view, GDK_KEY_Left, "span-tree.collapse");
  assert_key (list_view, GDK_KEY_Right, "span-tree.expand");
  assert_key (list_view, GDK_KEY_asterisk, "span-tree.expand-below");
  assert_key (list_view, GDK_KEY_bracketleft, "span-tree.expand-all");
  assert_key (list_view, GDK_KEY_bracketright, "span-tree.collapse-all");
  assert_key (list_view, GDK_KEY_Escape, "span-tree.unselect");

  contrail_span_tree_set_trace (tree, trace);
  g_assert_true (ui_wait_for (not_expanding, tree, WAIT_SECONDS));
  gtk_widget_grab_focus (GTK_WIDGET (tree));

  /* Depth 2: root, 2 agents, 4 steps; nothing selected. */
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 7);
  g_assert_null (contrail_span_tree_get_selected_span (tree));

  /* j/k */
  press (tree, "span-tree.next");
  g_assert_cmpuint (selected_position (tree), ==, 0);
  g_assert_true (contrail_span_tree_get_selected_span (tree) == contrail_trace_get_root (trace, 0));
  press (tree, "span-tree.next");
  press (tree, "span-tree.next");
  g_assert_cmpuint (selected_position (tree), ==, 2);
  g_assert_cmpstr (contrail_span_get_id (contrail_span_tree_get_selected_span (tree)), ==, "a0.0");
  press (tree, "span-tree.previous");
  g_assert_cmpstr (contrail_span_get_id (contrail_span_tree_get_selected_span (tree)), ==, "a0");
  agent = contrail_span_tree_get_selected_span (tree);

  /* h on an expanded span collapses it; h again goes to the parent. */
  press (tree, "span-tree.collapse");
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 5);
  g_assert_true (contrail_span_tree_get_selected_span (tree) == agent);
  press (tree, "span-tree.collapse");
  g_assert_cmpstr (contrail_span_get_id (contrail_span_tree_get_selected_span (tree)), ==, "r");

  /* l expands, and on an expanded span goes to its first child. */
  press (tree, "span-tree.next");
  press (tree, "span-tree.expand");
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 7);
  g_assert_true (contrail_span_tree_get_selected_span (tree) == agent);
  press (tree, "span-tree.expand");
  g_assert_cmpstr (contrail_span_get_id (contrail_span_tree_get_selected_span (tree)), ==, "a0.0");
  press (tree, "span-tree.expand");
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 9);
  press (tree, "span-tree.expand");
  g_assert_cmpstr (contrail_span_get_id (contrail_span_tree_get_selected_span (tree)), ==, "a0.0.0");

  /* Collapsing an ancestor (e.g. with the mouse) selects it instead of nothing. */
  {
    g_autoptr(GtkTreeListRow) agent_row = g_list_model_get_item (rows_of (tree), 1);

    gtk_tree_list_row_set_expanded (agent_row, FALSE);
    g_assert_true (contrail_span_tree_get_selected_span (tree) == agent);
  }

  /* Escape: nothing selected. */
  press (tree, "span-tree.unselect");
  g_assert_null (contrail_span_tree_get_selected_span (tree));

  /* Selecting a span deep down expands its ancestors. */
  contrail_span_tree_set_selected_span (tree, contrail_trace_lookup_span (trace, "a1.1.1"));
  g_assert_cmpstr (contrail_span_get_id (contrail_span_tree_get_selected_span (tree)), ==, "a1.1.1");
  g_assert_true (span_at (tree, selected_position (tree)) == contrail_span_tree_get_selected_span (tree));

  /* Expand all, collapse all ([ and ]) */
  press (tree, "span-tree.expand-all");
  g_assert_true (ui_wait_for (not_expanding, tree, WAIT_SECONDS));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 15);
  press (tree, "span-tree.collapse-all");
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 1);
  /* The root above the selection stays selected. */
  g_assert_true (contrail_span_tree_get_selected_span (tree) == contrail_trace_get_root (trace, 0));

  /* * expands below the selected span only */
  press (tree, "span-tree.expand-below");
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 15);

  /* The row height the timeline relies on is what the rows get. */
  g_assert_cmpint (contrail_span_tree_get_row_height (tree), >=, 24);
  ui_spin (100);
  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_mapped (child))
        g_assert_cmpint (gtk_widget_get_height (child), ==, contrail_span_tree_get_row_height (tree));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
}

static void
test_span_tree_keys (void)
{
  ui_test_run_subprocess (run_keys_test, 60);
}

/* ---- 100,000 spans ---- */

typedef struct
{
  gint64 last;
  gint64 longest;
  guint  frames;
} FrameMeter;

static void
after_paint_cb (GdkFrameClock *clock,
                FrameMeter    *meter)
{
  gint64 now = g_get_monotonic_time ();

  if (meter->last != 0)
    meter->longest = MAX (meter->longest, now - meter->last);
  meter->last = now;
  meter->frames++;
}

typedef struct
{
  GtkAdjustment *adjustment;
  guint          step;
  guint          n_steps;
  gboolean       jumps;
} Scroller;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Scroller *scroller = user_data;
  double upper = gtk_adjustment_get_upper (scroller->adjustment);
  double page = gtk_adjustment_get_page_size (scroller->adjustment);

  if (scroller->jumps)
    gtk_adjustment_set_value (scroller->adjustment,
                              (upper - page) * ((scroller->step * 7919) % 1000) / 1000.0);
  else
    gtk_adjustment_set_value (scroller->adjustment,
                              gtk_adjustment_get_value (scroller->adjustment) + page);

  return ++scroller->step < scroller->n_steps ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
scroll_done (gpointer data)
{
  Scroller *scroller = data;

  return scroller->step >= scroller->n_steps;
}

static void
run_big_test (void)
{
  g_autoptr(ContrailTrace) trace = NULL;
  ContrailSpanTree *tree;
  GtkWidget *window;
  GdkFrameClock *clock;
  UiGapMeter *gap;
  FrameMeter frames = { 0 };
  Scroller scroller = { 0 };
  gint64 start;
  double load_ms, expand_ms, expand_gap_ms, scroll_gap_ms[2], collapse_ms, select_ms;
  guint n_spans;
  gulong paint_id;

  /* 1 + 10 + 1,000 + 99,000 = 100,011 spans */
  start = g_get_monotonic_time ();
  trace = generate_trace (10, 100, 99);
  n_spans = contrail_trace_get_span_count (trace);
  g_assert_cmpuint (n_spans, ==, 100011);
  g_printerr ("# generate+import 100k: %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  window = tree_window_new (&tree);
  ui_spin (200);

  /* Loading: expanded to depth 2 before the list sees the model. */
  gap = ui_gap_meter_start ();
  start = g_get_monotonic_time ();
  contrail_span_tree_set_trace (tree, trace);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  ui_spin (300);
  g_assert_true (ui_wait_for (not_expanding, tree, WAIT_SECONDS));
  g_printerr ("# set_trace 100k (depth 2, %u rows): %.1f ms, longest main-loop gap %.1f ms\n",
           g_list_model_get_n_items (rows_of (tree)), load_ms, ui_gap_meter_stop (gap));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 1011);

  /* Expand all: in idle slices, the main loop keeps turning. */
  clock = gtk_widget_get_frame_clock (window);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  gap = ui_gap_meter_start ();
  start = g_get_monotonic_time ();
  contrail_span_tree_expand_all (tree);
  g_assert_true (contrail_span_tree_get_expanding (tree));
  g_assert_true (ui_wait_for (not_expanding, tree, WAIT_SECONDS));
  expand_ms = (g_get_monotonic_time () - start) / 1000.0;
  expand_gap_ms = ui_gap_meter_stop (gap);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, n_spans);
  g_printerr ("# expand all 100k: %.0f ms in total, longest main-loop gap %.1f ms, "
           "%u frames, longest frame interval %.1f ms\n",
           expand_ms, expand_gap_ms, frames.frames, frames.longest / 1000.0);

  /* Scrolling, one adjustment change per frame: a page at a time (like a
   * held Page Down or a fast wheel), then jumps across the 100k rows (like
   * dragging the scrollbar). */
  ui_spin (200);
  scroller.adjustment = contrail_span_tree_get_vadjustment (tree);
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroller.adjustment), >=,
                     (double)n_spans * contrail_span_tree_get_row_height (tree) * 0.99);
  for (guint phase = 0; phase < 2; phase++)
    {
      frames = (FrameMeter) { 0 };
      scroller.step = 0;
      scroller.jumps = phase == 1;
      scroller.n_steps = 120;
      gap = ui_gap_meter_start ();
      gtk_widget_add_tick_callback (window, scroll_tick_cb, &scroller, NULL);
      g_assert_true (ui_wait_for (scroll_done, &scroller, WAIT_SECONDS));
      ui_spin (100);
      scroll_gap_ms[phase] = ui_gap_meter_stop (gap);
      g_printerr ("# scroll 100k rows, %s (%u frames): longest frame interval %.1f ms, "
                  "longest main-loop gap %.1f ms\n",
                  phase == 0 ? "page by page" : "jumping anywhere",
                  frames.frames, frames.longest / 1000.0, scroll_gap_ms[phase]);
    }

  /* Selecting the last span (scrolls to it) */
  start = g_get_monotonic_time ();
  contrail_span_tree_set_selected_span (tree, contrail_trace_lookup_span (trace, "a9.99.98"));
  select_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (selected_position (tree), ==, n_spans - 1);
  g_printerr ("# select the last of 100k spans: %.1f ms\n", select_ms);

  /* Collapse all: one new model. */
  gap = ui_gap_meter_start ();
  start = g_get_monotonic_time ();
  contrail_span_tree_collapse_all (tree);
  collapse_ms = (g_get_monotonic_time () - start) / 1000.0;
  ui_spin (200);
  g_printerr ("# collapse all 100k: %.1f ms, longest main-loop gap %.1f ms\n",
           collapse_ms, ui_gap_meter_stop (gap));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (tree)), ==, 1);

  /* Generous bounds (a loaded CI machine under Xvfb); the figures are printed above. */
  g_assert_cmpfloat (load_ms, <, 1000);
  g_assert_cmpfloat (expand_gap_ms, <, 250);
  g_assert_cmpfloat (scroll_gap_ms[0], <, 250);
  g_assert_cmpfloat (scroll_gap_ms[1], <, 250);

  g_signal_handler_disconnect (clock, paint_id);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
}

static void
test_span_tree_big (void)
{
  ui_test_run_subprocess (run_big_test, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/contrail/span-tree/keys", test_span_tree_keys);
  g_test_add_func ("/contrail/span-tree/100k", test_span_tree_big);

  return g_test_run ();
}
