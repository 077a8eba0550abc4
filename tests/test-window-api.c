/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The main window against an in-process mock of the Opper API: a pasted ID
 * loads the trace, a 404 offers Retry (which works once the trace is
 * there), a 401 or a missing key offers the API key, a newer search cancels
 * the older one, Refresh keeps the selected span, loads are remembered in
 * the recent list, and the sidebar lists the account's traces.  Needs a
 * display; skips without one.
 */

#define G_LOG_DOMAIN "test-window-api"

#include "config.h"

#include <adwaita.h>

#include "contrail-client.h"
#include "contrail-sidebar.h"
#include "contrail-sidebar-private.h"
#include "contrail-span-tree.h"
#include "contrail-trace-list.h"
#include "contrail-window.h"
#include "contrail-window-private.h"
#include "memory-key-store.h"
#include "mock-opper.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 20
#define TEST_KEY     "op-test-key-window"
#define TRACE_ID     "0b6f3c1e-8a4d-4b8e-9f10-2c3d4e5f6a7b"
#define OTHER_ID     "1c7a4d2f-9b5e-4c9f-8a21-3d4e5f6a7b8c"

typedef struct
{
  MockOpper      *mock;
  ContrailClient *client;
  ContrailWindow *window;
  char           *body;
} Fixture;

static gboolean account_list_settled (gpointer data);

static void
fixture_set_up (Fixture    *fixture,
                const char *api_key)
{
  g_autoptr(GError) error = NULL;

  fixture->mock = mock_opper_new ();
  fixture->body = mock_opper_trace_json (TRACE_ID);
  fixture->mock->body = fixture->body;

  fixture->client = contrail_client_new (fixture->mock->base_url, &error);
  g_assert_no_error (error);
  contrail_client_set_retry_delays_ms (fixture->client, 10, 200);
  contrail_client_set_timeout_ms (fixture->client, 5000);
  if (api_key != NULL)
    contrail_client_set_api_key (fixture->client, api_key);

  fixture->window = g_object_ref (contrail_window_new (NULL));
  contrail_window_set_client (fixture->window, fixture->client, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* The sidebar asks for the account's traces first; count from here. */
  g_assert_true (ui_wait_for (account_list_settled, fixture->window, WAIT_SECONDS));
  fixture->mock->n_requests = 0;
}

static void
fixture_tear_down (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ui_drain ();
  ui_assert_finalized_soon (g_steal_pointer (&fixture->window));
  g_clear_object (&fixture->client);
  ui_drain ();
  g_clear_pointer (&fixture->mock, mock_opper_free);
  g_clear_pointer (&fixture->body, g_free);
}

static gboolean
settled (gpointer data)
{
  return !_contrail_window_get_busy (data) &&
         g_strcmp0 (_contrail_window_get_page (data), "loading") != 0;
}

static gboolean
account_list_settled (gpointer data)
{
  ContrailSidebar *sidebar = CONTRAIL_SIDEBAR (_contrail_window_get_sidebar (data));
  GListModel *model = _contrail_sidebar_get_account_model (sidebar);

  return model == NULL || !contrail_trace_list_get_loading (CONTRAIL_TRACE_LIST (model));
}

static gboolean
sidebar_wants_key (gpointer data)
{
  ContrailSidebar *sidebar = CONTRAIL_SIDEBAR (_contrail_window_get_sidebar (data));

  return g_strcmp0 (_contrail_sidebar_get_account_page (sidebar), "no-key") == 0;
}

static void
search (ContrailWindow *window,
        const char     *text)
{
  GtkWidget *entry = _contrail_window_get_search_entry (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static ContrailTrace *
shown_trace (ContrailWindow *window)
{
  return contrail_span_tree_get_trace (CONTRAIL_SPAN_TREE (_contrail_window_get_span_tree (window)));
}

static gboolean
page_is_trace (gpointer data)
{
  return g_strcmp0 (_contrail_window_get_page (data), "trace") == 0;
}

static gboolean
page_is_error (gpointer data)
{
  return g_strcmp0 (_contrail_window_get_page (data), "error") == 0;
}

static gboolean
shows_other_trace (gpointer data)
{
  ContrailTrace *trace = shown_trace (data);

  return trace != NULL && g_strcmp0 (contrail_trace_get_id (trace), OTHER_ID) == 0;
}

static const char *
error_action (ContrailWindow *window)
{
  GtkWidget *button = _contrail_window_get_error_button (window);

  g_assert_nonnull (button);

  return gtk_actionable_get_action_name (GTK_ACTIONABLE (button));
}

/* ---- Paste ---- */

static void
run_paste_test (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) recent = NULL;
  ContrailTrace *trace;

  fixture_set_up (&fixture, TEST_KEY);

  /* An Opper link in the clipboard, Ctrl+V with the focus outside the entry */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture.window)),
                          "https://platform.opper.ai/acme/traces/" TRACE_ID "?span=b\n");
  gtk_widget_grab_focus (_contrail_window_get_span_tree (fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.paste", NULL));
  g_assert_true (ui_wait_for (page_is_trace, fixture.window, WAIT_SECONDS));

  trace = shown_trace (fixture.window);
  g_assert_nonnull (trace);
  g_assert_cmpstr (contrail_trace_get_id (trace), ==, TRACE_ID);
  g_assert_cmpstr (fixture.mock->last_path, ==, "/v2/traces/" TRACE_ID);
  g_assert_cmpstr (fixture.mock->last_authorization, ==, "Bearer " TEST_KEY);
  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (_contrail_window_get_span_model (fixture.window)), ==, 3);
  /* The search did its job: the entry is empty again. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_contrail_window_get_search_entry (fixture.window))),
                   ==, "");

  /* Remembered, newest first */
  settings = g_settings_new (APP_ID);
  recent = g_settings_get_strv (settings, "recent-traces");
  g_assert_cmpstr (recent[0], ==, TRACE_ID);
  g_assert_cmpuint (g_list_model_get_n_items (
    _contrail_sidebar_get_recent_model (CONTRAIL_SIDEBAR (_contrail_window_get_sidebar (fixture.window)))),
                    ==, 1);

  fixture_tear_down (&fixture);
}

static void
test_api_paste (void)
{
  ui_test_run_subprocess (run_paste_test, 60);
}

/* ---- 404, then Retry ---- */

static void
run_not_found_test (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture, TEST_KEY);
  fixture.mock->mode = MOCK_STATUS;
  fixture.mock->status = 404;
  fixture.mock->body = "{\"type\":\"NotFoundError\",\"message\":\"Trace not found\"}";

  search (fixture.window, TRACE_ID);
  g_assert_true (ui_wait_for (page_is_error, fixture.window, WAIT_SECONDS));
  g_assert_cmpstr (error_action (fixture.window), ==, "win.retry");

  /* Still not there: the same page again. */
  g_signal_emit_by_name (_contrail_window_get_error_button (fixture.window), "clicked");
  g_assert_cmpstr (_contrail_window_get_page (fixture.window), ==, "loading");
  g_assert_true (ui_wait_for (page_is_error, fixture.window, WAIT_SECONDS));
  g_assert_cmpuint (fixture.mock->n_requests, ==, 2);

  /* The trace arrives: Retry loads it. */
  fixture.mock->mode = MOCK_OK;
  fixture.mock->body = fixture.body;
  g_signal_emit_by_name (_contrail_window_get_error_button (fixture.window), "clicked");
  g_assert_true (ui_wait_for (page_is_trace, fixture.window, WAIT_SECONDS));
  g_assert_cmpstr (contrail_trace_get_id (shown_trace (fixture.window)), ==, TRACE_ID);

  fixture_tear_down (&fixture);
}

static void
test_api_not_found (void)
{
  ui_test_run_subprocess (run_not_found_test, 60);
}

/* ---- 401 and no key: the way to the API key ---- */

static void
run_unauthorized_test (void)
{
  Fixture fixture = { 0 };
  g_autoptr(ContrailClient) keyless = NULL;
  g_autoptr(MemoryKeyStore) store = memory_key_store_new ();
  g_autoptr(GError) error = NULL;
  ContrailSidebar *sidebar;

  fixture_set_up (&fixture, "op-wrong-key");
  fixture.mock->mode = MOCK_STATUS;
  fixture.mock->status = 401;
  fixture.mock->body = "{\"type\":\"UnauthorizedError\",\"message\":\"Invalid API key\"}";

  search (fixture.window, TRACE_ID);
  g_assert_true (ui_wait_for (page_is_error, fixture.window, WAIT_SECONDS));
  g_assert_cmpstr (error_action (fixture.window), ==, "app.preferences");

  /* The sidebar explains it too. */
  sidebar = CONTRAIL_SIDEBAR (_contrail_window_get_sidebar (fixture.window));
  contrail_sidebar_reload (sidebar);
  g_assert_true (ui_wait_for (sidebar_wants_key, fixture.window, WAIT_SECONDS));

  /* No key at all (none set, none in the key store) */
  keyless = contrail_client_new (fixture.mock->base_url, &error);
  g_assert_no_error (error);
  contrail_client_set_key_store (keyless, CONTRAIL_KEY_STORE (store));
  fixture.mock->mode = MOCK_OK;
  fixture.mock->body = fixture.body;
  contrail_window_set_client (fixture.window, keyless, NULL);
  g_assert_true (ui_wait_for (account_list_settled, fixture.window, WAIT_SECONDS));
  g_assert_true (sidebar_wants_key (fixture.window));
  search (fixture.window, TRACE_ID);
  g_assert_true (ui_wait_for (settled, fixture.window, WAIT_SECONDS));
  g_assert_cmpstr (_contrail_window_get_page (fixture.window), ==, "error");
  g_assert_cmpstr (error_action (fixture.window), ==, "app.preferences");

  /* A key arrives (as Preferences would): the failed fetch goes again by itself. */
  contrail_client_set_api_key (fixture.client, TEST_KEY);
  contrail_window_set_client (fixture.window, fixture.client, NULL);
  g_assert_true (ui_wait_for (page_is_trace, fixture.window, WAIT_SECONDS));
  g_assert_cmpstr (fixture.mock->last_authorization, ==, "Bearer " TEST_KEY);

  fixture_tear_down (&fixture);
}

static void
test_api_unauthorized (void)
{
  ui_test_run_subprocess (run_unauthorized_test, 60);
}

/* ---- A newer search cancels the older one ---- */

static gboolean
one_request (gpointer data)
{
  return ((MockOpper *)data)->n_requests >= 1;
}

static void
run_newer_search_test (void)
{
  Fixture fixture = { 0 };
  g_autofree char *other = mock_opper_trace_json (OTHER_ID);

  fixture_set_up (&fixture, TEST_KEY);

  /* The first one hangs … */
  fixture.mock->mode = MOCK_STALL;
  search (fixture.window, TRACE_ID);
  g_assert_cmpstr (_contrail_window_get_page (fixture.window), ==, "loading");
  g_assert_true (ui_wait_for (one_request, fixture.mock, WAIT_SECONDS));

  /* … the second one wins, and the first never shows up. */
  fixture.mock->mode = MOCK_OK;
  fixture.mock->body = other;
  search (fixture.window, OTHER_ID);
  g_assert_true (ui_wait_for (shows_other_trace, fixture.window, WAIT_SECONDS));
  ui_spin (300);
  g_assert_cmpstr (contrail_trace_get_id (shown_trace (fixture.window)), ==, OTHER_ID);
  g_assert_cmpuint (g_list_model_get_n_items (_contrail_window_get_traces (fixture.window)), ==, 1);
  g_assert_cmpstr (_contrail_window_get_page (fixture.window), ==, "trace");

  fixture_tear_down (&fixture);
}

static void
test_api_newer_search (void)
{
  ui_test_run_subprocess (run_newer_search_test, 60);
}

/* ---- Refresh keeps the selected span ---- */

static gboolean
three_requests (gpointer data)
{
  Fixture *fixture = data;

  return fixture->mock->n_requests >= 3 && settled (fixture->window);
}

static void
run_refresh_test (void)
{
  Fixture fixture = { 0 };
  ContrailTrace *first;
  ContrailSpan *span;

  fixture_set_up (&fixture, TEST_KEY);

  search (fixture.window, TRACE_ID);
  g_assert_true (ui_wait_for (page_is_trace, fixture.window, WAIT_SECONDS));
  first = shown_trace (fixture.window);
  g_object_set (fixture.window, "selected-span", contrail_trace_lookup_span (first, "b"), NULL);

  /* Ctrl+R: a new copy of the trace, the span with the same id selected */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.refresh", NULL));
  g_assert_true (ui_wait_for (settled, fixture.window, WAIT_SECONDS));
  ui_spin (100);
  g_assert_cmpuint (fixture.mock->n_requests, ==, 2);
  g_assert_true (shown_trace (fixture.window) != first);
  span = contrail_window_get_selected_span (fixture.window);
  g_assert_nonnull (span);
  g_assert_cmpstr (contrail_span_get_id (span), ==, "b");
  g_assert_true (span == contrail_trace_lookup_span (shown_trace (fixture.window), "b"));
  g_assert_cmpuint (g_list_model_get_n_items (_contrail_window_get_traces (fixture.window)), ==, 1);

  /* A refresh that fails (a server error) keeps the trace: a toast, not the error page. */
  fixture.mock->mode = MOCK_STATUS;
  fixture.mock->status = 503;
  contrail_client_set_retry_delays_ms (fixture.client, 1, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.refresh", NULL));
  g_assert_true (ui_wait_for (three_requests, &fixture, WAIT_SECONDS));
  ui_spin (200);
  g_assert_cmpstr (_contrail_window_get_page (fixture.window), ==, "trace");
  g_assert_nonnull (contrail_window_get_selected_span (fixture.window));

  fixture_tear_down (&fixture);
}

static void
test_api_refresh (void)
{
  ui_test_run_subprocess (run_refresh_test, 60);
}

/* ---- The sidebar: the account's traces ---- */

static gboolean
list_has_items (gpointer data)
{
  ContrailSidebar *sidebar = CONTRAIL_SIDEBAR (_contrail_window_get_sidebar (data));
  GListModel *model = _contrail_sidebar_get_account_model (sidebar);

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

static void
run_sidebar_test (void)
{
  Fixture fixture = { 0 };
  ContrailSidebar *sidebar;
  GListModel *model;
  g_autoptr(ContrailTraceSummary) first = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture, TEST_KEY);
  fixture.mock->mode = MOCK_TRACE_LIST;
  fixture.mock->n_list_items = 230;
  sidebar = CONTRAIL_SIDEBAR (_contrail_window_get_sidebar (fixture.window));

  /* The list loaded when the client was set (before the mode changed): load it again. */
  contrail_sidebar_reload (sidebar);
  g_assert_true (ui_wait_for (list_has_items, fixture.window, WAIT_SECONDS));
  g_assert_cmpstr (_contrail_sidebar_get_account_page (sidebar), ==, "list");
  model = _contrail_sidebar_get_account_model (sidebar);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 50);
  g_assert_cmpstr (fixture.mock->last_path, ==, "/v2/traces");

  /* Activating a row fetches that trace. */
  first = g_list_model_get_item (model, 0);
  _contrail_sidebar_activate_account (sidebar, 0);
  g_assert_true (ui_wait_for (page_is_trace, fixture.window, WAIT_SECONDS));
  path = g_strconcat ("/v2/traces/", contrail_trace_summary_get_id (first), NULL);
  g_assert_cmpstr (fixture.mock->last_path, ==, path);

  fixture_tear_down (&fixture);
}

static void
test_api_sidebar (void)
{
  ui_test_run_subprocess (run_sidebar_test, 60);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/contrail/window-api/paste", test_api_paste);
  g_test_add_func ("/contrail/window-api/not-found", test_api_not_found);
  g_test_add_func ("/contrail/window-api/unauthorized", test_api_unauthorized);
  g_test_add_func ("/contrail/window-api/newer-search", test_api_newer_search);
  g_test_add_func ("/contrail/window-api/refresh", test_api_refresh);
  g_test_add_func ("/contrail/window-api/sidebar", test_api_sidebar);

  return g_test_run ();
}
