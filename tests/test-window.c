/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The main window with files and the demo: pages, the open traces, the span
 * tree and the detail pane, the search hint, markup in span names.  Needs a
 * display (meson test --setup headless); skips without one.
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "contrail-detail-pane.h"
#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-sidebar.h"
#include "contrail-sidebar-private.h"
#include "contrail-span-tree.h"
#include "contrail-window.h"
#include "contrail-window-private.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 20

/* The span list has realised at least one row bound to a span. */
static gboolean
span_rows_shown (gpointer data)
{
  GtkWidget *tree = _contrail_window_get_span_tree (data);
  GtkWidget *list = ui_find_widget (tree, GTK_TYPE_LIST_VIEW, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && gtk_widget_get_mapped (row) &&
          g_object_class_find_property (G_OBJECT_GET_CLASS (row), "list-row") != NULL)
        {
          g_autoptr(GtkTreeListRow) list_row = NULL;

          g_object_get (row, "list-row", &list_row, NULL);
          if (list_row != NULL)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
not_loading (gpointer data)
{
  return g_strcmp0 (_contrail_window_get_page (data), "loading") != 0 &&
         !_contrail_window_get_busy (data);
}

/* Spans at depth 0 … @max_depth: the rows when the levels above are expanded. */
static guint
count_spans_to_depth (GListModel *spans,
                      guint       depth,
                      guint       max_depth)
{
  guint n = 0;

  for (guint i = 0; spans != NULL && i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(ContrailSpan) span = g_list_model_get_item (spans, i);

      n++;
      if (depth < max_depth)
        n += count_spans_to_depth (contrail_span_get_children (span), depth + 1, max_depth);
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
  g_autoptr(ContrailSpan) second_span = NULL;
  ContrailWindow *window;
  ContrailDetailPane *pane;
  ContrailTrace *trace;
  GListModel *rows;
  guint n_traces;

  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "empty");
  g_assert_null (_contrail_window_get_span_model (window));
  /* The place for the timeline is there, empty. */
  g_assert_nonnull (_contrail_window_get_timeline_slot (window));

  /* The demo traces: the trace view, with the first trace's span tree */
  traces = contrail_import_demo (&error);
  g_assert_no_error (error);
  g_assert_nonnull (traces);
  g_assert_cmpuint (traces->len, >=, 3);
  trace = g_ptr_array_index (traces, 0);

  contrail_window_add_traces (window, traces);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");
  g_assert_true (ui_wait_for (span_rows_shown, window, WAIT_SECONDS));

  n_traces = g_list_model_get_n_items (_contrail_window_get_traces (window));
  g_assert_cmpuint (n_traces, ==, traces->len);

  /* Expanded to depth 2 (the "expand-depth" default): the spans at depths 0, 1 and 2. */
  rows = _contrail_window_get_span_model (window);
  g_assert_nonnull (rows);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    count_spans_to_depth (contrail_trace_get_roots (trace), 0, 2));

  first = g_list_model_get_item (rows, 0);
  first_span = gtk_tree_list_row_get_item (first);
  g_assert_true (first_span == contrail_trace_get_root (trace, 0));
  g_assert_true (gtk_tree_list_row_get_expanded (first));
  second = g_list_model_get_item (rows, 1);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (second), ==, 1);
  second_span = gtk_tree_list_row_get_item (second);

  /* Nothing is selected at first: the detail pane shows the trace. */
  pane = CONTRAIL_DETAIL_PANE (_contrail_window_get_detail_pane (window));
  g_assert_null (contrail_window_get_selected_span (window));
  g_assert_true (contrail_detail_pane_get_trace (pane) == trace);
  g_assert_null (contrail_detail_pane_get_span (pane));

  /* Selecting a row selects the span in the window and shows it in the pane. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), 1);
  g_assert_true (contrail_window_get_selected_span (window) == second_span);
  g_assert_true (contrail_detail_pane_get_span (pane) == second_span);
  g_assert_true (contrail_detail_pane_get_trace (pane) == trace);

  /* … and the window's property selects the row. */
  g_object_set (window, "selected-span", first_span, NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, 0);
  g_assert_true (contrail_detail_pane_get_span (pane) == first_span);

  /* The big demo trace (about 2,000 spans) is deeper than that. */
  {
    g_autoptr(GPtrArray) big = g_ptr_array_new ();
    ContrailTrace *big_trace = g_ptr_array_index (traces, 2);

    g_ptr_array_add (big, big_trace);
    contrail_window_add_traces (window, big);
    rows = _contrail_window_get_span_model (window);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                      count_spans_to_depth (contrail_trace_get_roots (big_trace), 0, 2));
    g_assert_cmpuint (g_list_model_get_n_items (rows), <, contrail_trace_get_span_count (big_trace));
    g_assert_null (contrail_window_get_selected_span (window));
    g_assert_true (contrail_detail_pane_get_trace (pane) == big_trace);
  }

  /* The same traces again are not listed twice. */
  contrail_window_add_traces (window, traces);
  g_assert_cmpuint (g_list_model_get_n_items (_contrail_window_get_traces (window)), ==, n_traces);

  /* An error: the error page, with the message as plain text */
  shown_error = g_error_new_literal (CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                                     "“<b>run & done</b>.json” is not a trace");
  contrail_window_show_error (window, shown_error);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "error");
  ui_drain ();

  /* Back to the traces */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-traces", NULL));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");

  /* A missing file, while traces are shown: a toast, the traces stay. */
  missing = g_file_new_for_path ("/nonexistent/contrail/missing-trace.json");
  contrail_window_open_file (window, missing);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");
  g_assert_true (ui_wait_for (not_loading, window, WAIT_SECONDS));
  ui_drain ();
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");

  /* A trace file, parsed in a worker thread; its id is already open. */
  demo_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "01-support-agent.json",
                                     NULL);
  demo_file = g_file_new_for_path (demo_path);
  contrail_window_open_file (window, demo_file);
  g_assert_true (ui_wait_for (not_loading, window, WAIT_SECONDS));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");
  g_assert_cmpuint (g_list_model_get_n_items (_contrail_window_get_traces (window)), ==, n_traces);

  /* Tear down: no criticals (fatal here), and the window goes away. */
  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  g_clear_pointer (&traces, g_ptr_array_unref);
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&first_span);
  g_clear_object (&second_span);
  ui_assert_finalized_soon (window);
}

static void
test_window_demo (void)
{
  ui_test_run_subprocess (run_window_test, 60);
}

/* ---- Span names are text, not markup ---- */

static const char markup_trace[] =
  "{\"id\":\"5d0c5a1e-3f4b-4c2d-9e8f-0a1b2c3d4e5f\",\"name\":\"<i>run</i> & <b>co</b>\","
  "\"spans\":["
  "{\"id\":\"a\",\"name\":\"<b>bold</b> & <span foreground='red'>red</span>\","
  " \"start_time\":\"2025-11-20T09:14:02Z\",\"end_time\":\"2025-11-20T09:14:03Z\","
  " \"error\":\"<b>failed</b>\"},"
  "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"&amp; not an entity\","
  " \"start_time\":\"2025-11-20T09:14:02Z\",\"data\":{\"model\":\"<tt>gpt</tt>\"}}"
  "]}";

typedef struct
{
  GPtrArray *texts;
} Collect;

static void
collect_inscription_text (gpointer widget,
                          gpointer user_data)
{
  Collect *collect = user_data;

  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (widget) != NULL)
    g_ptr_array_add (collect->texts, g_strdup (gtk_inscription_get_text (widget)));
  else if (GTK_IS_LABEL (widget))
    g_ptr_array_add (collect->texts, g_strdup (gtk_label_get_text (widget)));
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
two_rows_shown (gpointer data)
{
  GtkWidget *tree = _contrail_window_get_span_tree (data);
  Collect collect = { g_ptr_array_new_with_free_func (g_free) };
  gboolean shown;

  ui_foreach_widget (tree, collect_inscription_text, &collect);
  shown = texts_contain (collect.texts, "&amp; not an entity");
  g_ptr_array_unref (collect.texts);

  return shown;
}

static void
run_markup_test (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (markup_trace, sizeof markup_trace - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, &error);
  Collect collect = { g_ptr_array_new_with_free_func (g_free) };
  ContrailWindow *window;

  g_assert_no_error (error);

  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  contrail_window_add_traces (window, traces);
  g_assert_true (ui_wait_for (two_rows_shown, window, WAIT_SECONDS));

  /* Exactly as given, in the tree and in the summary bar and sidebar. */
  ui_foreach_widget (GTK_WIDGET (window), collect_inscription_text, &collect);
  g_assert_true (texts_contain (collect.texts, "<b>bold</b> & <span foreground='red'>red</span>"));
  g_assert_true (texts_contain (collect.texts, "&amp; not an entity"));
  g_assert_true (texts_contain (collect.texts, "<tt>gpt</tt>"));
  g_assert_true (texts_contain (collect.texts, "<i>run</i> & <b>co</b>"));
  g_ptr_array_unref (collect.texts);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  ui_assert_finalized_soon (window);
}

static void
test_window_markup (void)
{
  ui_test_run_subprocess (run_markup_test, 60);
}

/* ---- The search entry ---- */

static void
search (ContrailWindow *window,
        const char     *text)
{
  GtkWidget *entry = _contrail_window_get_search_entry (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
run_search_test (void)
{
  g_autofree char *demo_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                      "02-rag-query.json", NULL);
  ContrailWindow *window;
  GtkWidget *entry;

  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  entry = _contrail_window_get_search_entry (window);

  /* Neither a reference nor a file: an inline hint, the entry marked. */
  search (window, "definitely not a trace");
  g_assert_true (_contrail_window_get_search_hint_shown (window));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "empty");

  /* Typing again clears it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "0383850c-2027");
  g_assert_false (_contrail_window_get_search_hint_shown (window));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  /* Half a UUID is not one; a URL without one neither. */
  search (window, "0383850c-2027");
  g_assert_true (_contrail_window_get_search_hint_shown (window));
  search (window, "https://platform.opper.ai/traces");
  g_assert_true (_contrail_window_get_search_hint_shown (window));

  /* A file path opens the file (quotes from a terminal are fine). */
  {
    g_autofree char *quoted = g_strdup_printf ("'%s'", demo_path);

    search (window, quoted);
  }
  g_assert_false (_contrail_window_get_search_hint_shown (window));
  g_assert_true (ui_wait_for (not_loading, window, WAIT_SECONDS));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Remembered as a recent trace; opening it from there reads the file again;
   * removing it empties the list. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-traces");
    ContrailSidebar *sidebar = CONTRAIL_SIDEBAR (_contrail_window_get_sidebar (window));
    GListModel *recent_model = _contrail_sidebar_get_recent_model (sidebar);
    ContrailTrace *before = contrail_span_tree_get_trace (CONTRAIL_SPAN_TREE (_contrail_window_get_span_tree (window)));

    g_autoptr(GFile) demo_file = g_file_new_for_path (demo_path);
    g_autofree char *canonical = g_file_get_path (demo_file);

    g_assert_cmpstr (recent[0], ==, canonical);
    g_assert_cmpuint (g_list_model_get_n_items (recent_model), ==, 1);
    _contrail_sidebar_activate_recent (sidebar, 0, FALSE);
    g_assert_true (ui_wait_for (not_loading, window, WAIT_SECONDS));
    g_assert_true (contrail_span_tree_get_trace (CONTRAIL_SPAN_TREE (_contrail_window_get_span_tree (window))) != before);
    _contrail_sidebar_activate_recent (sidebar, 0, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (recent_model), ==, 0);
  }

  /* A UUID without a client: the error page says what to do. */
  search (window, "0383850C-2027-43B4-AB16-66B3370E2C1D");
  g_assert_false (_contrail_window_get_search_hint_shown (window));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "error");
  g_assert_nonnull (_contrail_window_get_error_button (window));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  ui_assert_finalized_soon (window);
}

static void
test_window_search (void)
{
  ui_test_run_subprocess (run_search_test, 60);
}

/* ---- Errors and teardown ---- */

static void
run_error_test (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/contrail/missing-trace.json");
  g_autoptr(GSettings) settings = NULL;
  ContrailWindow *window;

  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));

  /* Nothing shown yet: a failed load ends on the error page, with Try Again. */
  contrail_window_open_file (window, missing);
  g_assert_true (ui_wait_for (not_loading, window, WAIT_SECONDS));
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "error");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (_contrail_window_get_error_button (window))),
                   ==, "win.retry");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-traces", NULL) &&
                  g_strcmp0 (_contrail_window_get_page (window), "trace") == 0);

  /* Closing saves the window size (GSETTINGS_BACKEND=memory in the test environment). */
  gtk_window_set_default_size (GTK_WINDOW (window), 913, 641);
  gtk_window_close (GTK_WINDOW (window));
  ui_drain ();
  ui_assert_finalized_soon (window);

  settings = g_settings_new (APP_ID);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 913);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 641);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_window_error (void)
{
  ui_test_run_subprocess (run_error_test, 60);
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
      ui_drain ();
      g_usleep (10000);
    }
}

static void
test_window_cancel (void)
{
  ui_test_run_subprocess (run_cancel_test, 60);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/contrail/window/demo", test_window_demo);
  g_test_add_func ("/contrail/window/markup", test_window_markup);
  g_test_add_func ("/contrail/window/search", test_window_search);
  g_test_add_func ("/contrail/window/error", test_window_error);
  g_test_add_func ("/contrail/window/cancel", test_window_cancel);

  return g_test_run ();
}
