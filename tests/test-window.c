/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The main window: pages, the trace list and the span tree, with the demo
 * traces.  Needs a display (meson test --setup headless); skips without one.
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-window.h"
#include "contrail-window-private.h"

#define WAIT_TIMEOUT_SECONDS 20

typedef gboolean (*WindowCheck) (ContrailWindow *window);

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @check holds; FALSE on timeout. */
static gboolean
wait_for (ContrailWindow *window,
          WindowCheck     check)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timeout_cb, &timed_out);

  while (!check (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Drops our reference and waits (briefly) for the last one to go: GTK may
 * still hold a window for an idle or two after gtk_window_destroy(). */
static void
assert_finalized_soon (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);

  for (guint i = 0; weak != NULL && i < 300; i++)
    {
      drain_main_context ();
      if (weak != NULL)
        g_usleep (10000);
    }

  g_assert_null (weak);
}

/* The span list view has realised at least one row bound to a span. */
static gboolean
span_rows_shown (ContrailWindow *window)
{
  GtkWidget *view = _contrail_window_get_span_view (window);

  for (GtkWidget *child = gtk_widget_get_first_child (view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *expander = gtk_widget_get_first_child (child);

      if (GTK_IS_TREE_EXPANDER (expander) &&
          gtk_widget_get_mapped (expander) &&
          gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander)) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
not_loading (ContrailWindow *window)
{
  return g_strcmp0 (_contrail_window_get_page (window), "loading") != 0;
}

static guint
count_rows_at_depth (GListModel *rows,
                     guint       depth)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      n += gtk_tree_list_row_get_depth (row) == depth;
    }

  return n;
}

static void
run_window_test (void)
{
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) shown_error = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) demo_file = NULL;
  g_autofree char *demo_path = NULL;
  g_autoptr(GtkTreeListRow) first = NULL;
  g_autoptr(GtkTreeListRow) second = NULL;
  g_autoptr(ContrailSpan) first_span = NULL;
  ContrailWindow *window;
  ContrailTrace *trace;
  GListModel *rows;
  guint n_traces;

  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "empty");
  g_assert_null (_contrail_window_get_span_model (window));

  /* The demo traces: the trace view, with the first trace's span tree */
  traces = contrail_import_demo (&error);
  g_assert_no_error (error);
  g_assert_nonnull (traces);
  g_assert_cmpuint (traces->len, >=, 3);
  trace = g_ptr_array_index (traces, 0);

  contrail_window_add_traces (window, traces);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");
  g_assert_true (wait_for (window, span_rows_shown));

  n_traces = g_list_model_get_n_items (_contrail_window_get_traces (window));
  g_assert_cmpuint (n_traces, ==, traces->len);

  rows = _contrail_window_get_span_model (window);
  g_assert_nonnull (rows);
  g_assert_cmpuint (count_rows_at_depth (rows, 0), ==, contrail_trace_get_n_roots (trace));
  g_assert_cmpuint (count_rows_at_depth (rows, 0), >, 0);

  /* The first two levels are expanded: the first root's children follow it. */
  first = g_list_model_get_item (rows, 0);
  first_span = gtk_tree_list_row_get_item (first);
  g_assert_true (first_span == contrail_trace_get_root (trace, 0));
  g_assert_cmpuint (contrail_span_get_n_children (first_span), >, 0);
  g_assert_true (gtk_tree_list_row_get_expanded (first));
  second = g_list_model_get_item (rows, 1);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (second), ==, 1);
  g_assert_true (contrail_window_get_selected_span (window) == first_span);

  /* The same traces again are not listed twice. */
  contrail_window_add_traces (window, traces);
  g_assert_cmpuint (g_list_model_get_n_items (_contrail_window_get_traces (window)), ==, n_traces);

  /* An error: the error page, with the message as plain text */
  shown_error = g_error_new_literal (CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                                     "“<b>run & done</b>.json” is not a trace");
  contrail_window_show_error (window, shown_error);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "error");
  drain_main_context ();

  /* Back to the traces */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-traces", NULL));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");

  /* A missing file, while traces are shown: a toast, the traces stay. */
  missing = g_file_new_for_path ("/nonexistent/contrail/missing-trace.json");
  contrail_window_open_file (window, missing);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");
  drain_main_context ();

  /* A trace file, parsed in a worker thread; its id is already open. */
  demo_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "01-support-agent.json",
                                     NULL);
  demo_file = g_file_new_for_path (demo_path);
  contrail_window_open_file (window, demo_file);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");

  /* Tear down: no criticals (fatal here), and the window goes away. */
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_clear_pointer (&traces, g_ptr_array_unref);
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&first_span);
  assert_finalized_soon (window);
}

static void
run_error_test (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/contrail/missing-trace.json");
  g_autoptr(GSettings) settings = NULL;
  ContrailWindow *window;

  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));

  /* Nothing shown yet: a failed load ends on the error page. */
  contrail_window_open_file (window, missing);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "error");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-traces", NULL) &&
                  g_strcmp0 (_contrail_window_get_page (window), "trace") == 0);

  /* Closing saves the window size (GSETTINGS_BACKEND=memory in the test environment). */
  gtk_window_set_default_size (GTK_WINDOW (window), 913, 641);
  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();
  assert_finalized_soon (window);

  settings = g_settings_new (APP_ID);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 913);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 641);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
run_cancel_test (void)
{
  ContrailWindow *window;

  /* Destroying the window while the demo loads must not touch it later. */
  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  contrail_window_open_demo (window);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "loading");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);

  for (guint i = 0; i < 50; i++)
    {
      drain_main_context ();
      g_usleep (10000);
    }
}

static void
test_window_demo (void)
{
  if (g_test_subprocess ())
    {
      run_window_test ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_window_error (void)
{
  if (g_test_subprocess ())
    {
      run_error_test ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_window_cancel (void)
{
  if (g_test_subprocess ())
    {
      run_cancel_test ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
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

  g_test_add_func ("/contrail/window/demo", test_window_demo);
  g_test_add_func ("/contrail/window/error", test_window_error);
  g_test_add_func ("/contrail/window/cancel", test_window_cancel);

  return g_test_run ();
}
