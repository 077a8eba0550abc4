/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Find in trace, in the window: a hand-made trace with known matches (the
 * counter, next/previous order with wrapping, highlighted rows, "show
 * matches only" row counts as the query narrows, widens and changes, the
 * quick filters, closing), the timeline getting the result, and a generated
 * 100,000-span trace searched while typing: the longest main-loop gap is
 * printed and bounded.  Needs a display; skips without one.
 */

#define G_LOG_DOMAIN "test-find"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "contrail-find-bar.h"
#include "contrail-import.h"
#include "contrail-span-row.h"
#include "contrail-span-tree.h"
#include "contrail-timeline.h"
#include "contrail-timeline-private.h"
#include "contrail-window.h"
#include "contrail-window-private.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 30

/* agent_run
 * ├── plan          generation  gpt-4o       input  "Find the refund policy"
 * ├── search_docs   tool        error
 * ├── worker        agent
 * │   ├── draft     generation  claude       output "Refunds are possible …"
 * │   ├── lookup    tool
 * │   └── nested    agent
 * │       └── review  generation  gpt-4o     input  "check the REFUND wording"
 * └── reply         generation  gpt-4o-mini
 *
 * "refund" matches plan, draft and review (in that order); the root (10 s)
 * is the slowest 5 % of the nine spans. */
#define SPAN(id, parent, name, type, start, end, extra)                                    \
  "{\"id\":\"" id "\",\"parent_id\":" parent ",\"name\":\"" name "\",\"type\":\"" type "\"," \
  "\"start_time\":\"2025-11-20T09:00:" start "Z\",\"end_time\":\"2025-11-20T09:00:" end "Z\"" \
  extra "}"

static const char find_trace_json[] =
  "{\"id\":\"5b1d1f40-6a51-4b0e-9e8f-4f7f0c2a9d11\",\"name\":\"agent_run\",\"spans\":["
  SPAN ("root", "null", "agent_run", "agent", "00.000", "10.000", "") ","
  SPAN ("plan", "\"root\"", "plan", "generation", "00.100", "01.000",
        ",\"data\":{\"model\":\"openai/gpt-4o\",\"total_tokens\":100,"
        "\"input\":\"Find the refund policy\"}") ","
  SPAN ("search_docs", "\"root\"", "search_docs", "tool", "01.000", "02.000",
        ",\"error\":\"timeout while searching\"") ","
  SPAN ("worker", "\"root\"", "worker", "agent", "02.000", "09.000", "") ","
  SPAN ("draft", "\"worker\"", "draft", "generation", "02.000", "05.000",
        ",\"data\":{\"model\":\"anthropic/claude-sonnet-4\",\"total_tokens\":300,"
        "\"output\":\"Refunds are possible within 14 days\"}") ","
  SPAN ("lookup", "\"worker\"", "lookup", "tool", "05.000", "05.200", "") ","
  SPAN ("nested", "\"worker\"", "nested", "agent", "05.500", "08.500", "") ","
  SPAN ("review", "\"nested\"", "review", "generation", "06.000", "08.000",
        ",\"data\":{\"model\":\"openai/gpt-4o\",\"total_tokens\":50,"
        "\"input\":\"check the REFUND wording\"}") ","
  SPAN ("reply", "\"root\"", "reply", "generation", "09.000", "09.900",
        ",\"data\":{\"model\":\"openai/gpt-4o-mini\",\"total_tokens\":80,\"output\":\"Done\"}")
  "]}";

#undef SPAN

static ContrailTrace *
import_one (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, ==, 1);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

typedef struct
{
  ContrailWindow   *window;
  ContrailFindBar  *bar;
  ContrailSpanTree *tree;
  ContrailTimeline *timeline;
  ContrailTrace    *trace;
} Fixture;

static gboolean
rows_bound (gpointer data)
{
  Fixture *f = data;
  GtkWidget *list = ui_find_widget (GTK_WIDGET (f->tree), GTK_TYPE_LIST_VIEW, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (CONTRAIL_IS_SPAN_ROW (row) && gtk_widget_get_mapped (row) &&
          contrail_span_row_get_list_row (CONTRAIL_SPAN_ROW (row)) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
fixture_open (Fixture       *f,
              ContrailTrace *trace)
{
  g_autoptr(GPtrArray) traces = g_ptr_array_new ();

  f->trace = trace;
  f->window = g_object_ref (contrail_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->bar = CONTRAIL_FIND_BAR (_contrail_window_get_find_bar (f->window));
  f->tree = CONTRAIL_SPAN_TREE (_contrail_window_get_span_tree (f->window));
  f->timeline = CONTRAIL_TIMELINE (_contrail_window_get_timeline (f->window));

  g_ptr_array_add (traces, trace);
  contrail_window_add_traces (f->window, traces);
  g_assert_true (ui_wait_for (rows_bound, f, WAIT_SECONDS));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_drain ();
  g_clear_object (&f->window);
}

static gboolean
search_done (gpointer data)
{
  Fixture *f = data;

  return !contrail_find_bar_get_searching (f->bar) &&
         !contrail_span_tree_get_expanding (f->tree) &&
         !contrail_span_tree_get_filtering (f->tree);
}

static void
wait_search (Fixture *f)
{
  g_assert_true (ui_wait_for (search_done, f, WAIT_SECONDS));
  ui_drain ();
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (_contrail_window_get_span_model (f->window));
}

static const char *
selected_name (Fixture *f)
{
  ContrailSpan *span = contrail_window_get_selected_span (f->window);

  return span != NULL ? contrail_span_get_name (span) : NULL;
}

static void
search (Fixture              *f,
        const char           *query,
        ContrailSearchFilter  filters)
{
  contrail_find_bar_set_filters (f->bar, filters);
  contrail_find_bar_set_query (f->bar, query);
  wait_search (f);
}

/* Every bound row is styled as a match exactly when its span is one. */
static void
assert_row_highlights (Fixture *f)
{
  ContrailSearchResult *result = contrail_find_bar_get_result (f->bar);
  GtkWidget *list = ui_find_widget (GTK_WIDGET (f->tree), GTK_TYPE_LIST_VIEW, NULL);
  guint n_checked = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkTreeListRow *list_row;
      g_autoptr(ContrailSpan) span = NULL;
      gboolean match;

      if (!CONTRAIL_IS_SPAN_ROW (row) ||
          !(list_row = contrail_span_row_get_list_row (CONTRAIL_SPAN_ROW (row))))
        continue;

      span = gtk_tree_list_row_get_item (list_row);
      match = result != NULL && contrail_search_result_is_match (result, span);
      g_assert_cmpint (gtk_widget_has_css_class (row, "search-match"), ==, match);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >, 0);
}

static void
next (Fixture    *f,
      gboolean    backward,
      const char *counter,
      const char *name)
{
  g_assert_true (contrail_find_bar_next_match (f->bar, backward));
  ui_drain ();
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f->bar), ==, counter);
  g_assert_cmpstr (selected_name (f), ==, name);
}

/* A shortcut for @keyval with @mods on @widget that activates @action. */
static gboolean
has_shortcut (GtkWidget       *widget,
              guint            keyval,
              GdkModifierType  mods,
              const char      *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (named) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action))
            return TRUE;
        }
    }

  return FALSE;
}

static void
run_find_test (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (find_trace_json, strlen (find_trace_json));
  g_autoptr(ContrailTrace) trace = import_one (bytes);
  GtkWidget *entry;
  GtkWidget *focus;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  Fixture f = { 0 };
  guint all_rows;

  fixture_open (&f, trace);
  entry = ui_find_widget (GTK_WIDGET (f.bar), GTK_TYPE_SEARCH_ENTRY, NULL);

  /* Expanded to depth 2: everything but "review" */
  g_assert_cmpuint (n_rows (&f), ==, 8);
  g_assert_false (contrail_find_bar_get_search_mode (f.bar));

  /* Ctrl+F (win.find): the bar opens with the entry focused */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.find", NULL));
  ui_drain ();
  g_assert_true (contrail_find_bar_get_search_mode (f.bar));
  focus = gtk_root_get_focus (GTK_ROOT (f.window));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "");
  g_assert_null (contrail_find_bar_get_result (f.bar));

  /* Enter, Shift+Enter, Ctrl+G and Ctrl+Shift+G are there */
  g_assert_true (has_shortcut (entry, GDK_KEY_Return, GDK_SHIFT_MASK, "find.previous"));
  g_assert_true (has_shortcut (entry, GDK_KEY_KP_Enter, GDK_SHIFT_MASK, "find.previous"));

  /* "refund": three matches; find as you type goes to the first */
  search (&f, "refund", CONTRAIL_SEARCH_FILTER_NONE);
  g_assert_nonnull (contrail_find_bar_get_result (f.bar));
  g_assert_cmpuint (contrail_search_result_get_n_matches (contrail_find_bar_get_result (f.bar)),
                    ==, 3);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "1 of 3");
  g_assert_cmpstr (selected_name (&f), ==, "plan");
  g_assert_true (contrail_span_tree_get_search_result (f.tree) == contrail_find_bar_get_result (f.bar));
  assert_row_highlights (&f);

  /* The timeline has it, as flags per span, and draws with it */
  g_assert_true (contrail_timeline_get_search_result (f.timeline) ==
                 contrail_find_bar_get_result (f.bar));
  g_assert_cmpuint (_contrail_timeline_get_n_search_matches (f.timeline), ==, 3);
  snapshot = gtk_snapshot_new ();
  _contrail_timeline_drop_caches (f.timeline);
  _contrail_timeline_snapshot (f.timeline, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  /* Enter (the entry's activate), then the buttons' actions; wrapping both ways */
  g_signal_emit_by_name (entry, "activate");
  ui_drain ();
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "2 of 3");
  g_assert_cmpstr (selected_name (&f), ==, "draft");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.bar), "find.next", NULL));
  ui_drain ();
  /* "review" was below a collapsed row: its ancestors were expanded */
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "3 of 3");
  g_assert_cmpstr (selected_name (&f), ==, "review");
  g_assert_cmpuint (n_rows (&f), ==, 9);
  next (&f, FALSE, "1 of 3", "plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.bar), "find.previous", NULL));
  ui_drain ();
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "3 of 3");
  g_assert_cmpstr (selected_name (&f), ==, "review");
  next (&f, TRUE, "2 of 3", "draft");
  g_signal_emit_by_name (entry, "next-match");       /* Ctrl+G */
  ui_drain ();
  g_assert_cmpstr (selected_name (&f), ==, "review");
  g_signal_emit_by_name (entry, "previous-match");   /* Ctrl+Shift+G */
  ui_drain ();
  g_assert_cmpstr (selected_name (&f), ==, "draft");

  /* A span that is not a match: the counter says how many there are */
  g_object_set (f.window, "selected-span", contrail_trace_lookup_span (trace, "lookup"), NULL);
  ui_drain ();
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "3 matches");
  next (&f, FALSE, "3 of 3", "review");
  all_rows = n_rows (&f);
  g_assert_cmpuint (all_rows, ==, 9);
  assert_row_highlights (&f);

  /* Show matches only: the matches and their ancestors */
  contrail_find_bar_set_matches_only (f.bar, TRUE);
  wait_search (&f);
  g_assert_true (contrail_span_tree_get_matches_only (f.tree));
  g_assert_cmpuint (n_rows (&f), ==, 6);
  g_assert_cmpstr (selected_name (&f), ==, "review");
  assert_row_highlights (&f);

  /* A longer query hides rows (MORE_STRICT); the selection moves to its match */
  search (&f, "refund p", CONTRAIL_SEARCH_FILTER_NONE);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "1 of 1");
  g_assert_cmpstr (selected_name (&f), ==, "plan");
  g_assert_cmpuint (n_rows (&f), ==, 2);

  /* A shorter one shows them again (LESS_STRICT) */
  search (&f, "refund", CONTRAIL_SEARCH_FILTER_NONE);
  g_assert_cmpuint (n_rows (&f), ==, 6);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "1 of 3");

  /* Another query altogether (DIFFERENT); case does not matter */
  search (&f, "CLAUDE", CONTRAIL_SEARCH_FILTER_NONE);
  g_assert_cmpuint (n_rows (&f), ==, 3);   /* agent_run, worker, draft */
  g_assert_cmpstr (selected_name (&f), ==, "draft");

  /* Quick filters, without a query */
  search (&f, "", CONTRAIL_SEARCH_FILTER_ERRORS);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "1 of 1");
  g_assert_cmpstr (selected_name (&f), ==, "search_docs");
  g_assert_cmpuint (n_rows (&f), ==, 2);

  /* Errors and LLM calls: none */
  search (&f, "", CONTRAIL_SEARCH_FILTER_ERRORS | CONTRAIL_SEARCH_FILTER_LLM);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "No matches");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (contrail_find_bar_next_match (f.bar, FALSE));
  g_assert_cmpuint (n_rows (&f), ==, 0);

  search (&f, "", CONTRAIL_SEARCH_FILTER_LLM);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (contrail_search_result_get_n_matches (contrail_find_bar_get_result (f.bar)),
                    ==, 4);
  g_assert_cmpuint (n_rows (&f), ==, 7);   /* all but search_docs and lookup */
  g_assert_cmpuint (_contrail_timeline_get_n_search_matches (f.timeline), ==, 4);

  /* The pills are property actions */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.bar), "find.llm-only", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.bar), "find.slowest-only", NULL));
  g_assert_cmpint (contrail_find_bar_get_filters (f.bar), ==, CONTRAIL_SEARCH_FILTER_SLOWEST);
  wait_search (&f);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "1 of 1");
  g_assert_cmpstr (selected_name (&f), ==, "agent_run");
  g_assert_cmpuint (n_rows (&f), ==, 1);

  /* Nothing to look for: no result, every row */
  search (&f, "  ", CONTRAIL_SEARCH_FILTER_NONE);
  g_assert_null (contrail_find_bar_get_result (f.bar));
  g_assert_null (contrail_span_tree_get_search_result (f.tree));
  g_assert_null (contrail_timeline_get_search_result (f.timeline));
  g_assert_cmpuint (n_rows (&f), ==, all_rows);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "");

  /* Escape (the entry's stop-search) closes the bar: no result, every row */
  search (&f, "refund", CONTRAIL_SEARCH_FILTER_NONE);
  g_assert_cmpuint (n_rows (&f), ==, 6);
  g_signal_emit_by_name (entry, "stop-search");
  ui_drain ();
  g_assert_false (contrail_find_bar_get_search_mode (f.bar));
  focus = gtk_root_get_focus (GTK_ROOT (f.window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (f.tree)));
  g_assert_null (contrail_find_bar_get_result (f.bar));
  g_assert_null (contrail_timeline_get_search_result (f.timeline));
  g_assert_cmpuint (n_rows (&f), ==, all_rows);
  assert_row_highlights (&f);

  /* Opening again starts afresh (GtkSearchBar empties the entry on closing) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.find", NULL));
  wait_search (&f);
  g_assert_cmpstr (contrail_find_bar_get_query (f.bar), ==, "");
  g_assert_null (contrail_find_bar_get_result (f.bar));
  search (&f, "refund", CONTRAIL_SEARCH_FILTER_NONE);
  g_assert_cmpuint (n_rows (&f), ==, 6);

  fixture_close (&f);
}

static void
test_find (void)
{
  ui_test_run_subprocess (run_find_test, 60);
}

/* ---- 100,000 spans ---- */

/* An Opper trace: a root, @fan_out agents, @steps generations below each
 * and @leaves tool calls below each generation (1 + 10 + 1,000 + 99,000 =
 * 100,011 spans), each with an input and an output of some 150 bytes; one
 * tool call in a thousand mentions "needle". */
static GBytes *
generate_big_trace (guint fan_out,
                    guint steps,
                    guint leaves)
{
  GString *json = g_string_new ("{\"id\":\"9e0b6f3a-2c4d-4e5f-8a6b-7c8d9e0f1a2b\","
                                "\"name\":\"big\",\"spans\":[");
  guint n = 0;

#define ADD(id, parent, type)                                                               \
  g_string_append_printf (json, "%s{\"id\":\"%s\",\"parent_id\":%s%s%s,\"name\":\"%s %u\","  \
                          "\"type\":\"%s\",\"start_time\":\"2025-11-20T09:%02u:%02u.%03uZ\"," \
                          "\"duration_ms\":%u,\"data\":{\"total_tokens\":%u,"                 \
                          "\"input\":\"{\\\"question\\\": \\\"How do I configure step %u of " \
                          "the pipeline for region eu-west?\\\"}\","                          \
                          "\"output\":\"The answer for step %u: %s use the defaults and "     \
                          "restart the worker afterwards.\"}}",                               \
                          n == 0 ? "" : ",", id, parent != NULL ? "\"" : "",                 \
                          parent != NULL ? parent : "null", parent != NULL ? "\"" : "",      \
                          type, n, type, (n / 60000) % 60, (n / 1000) % 60, n % 1000,         \
                          1 + n % 977, n % 1500, n, n, n % 1000 == 999 ? "needle," : "");     \
  n++

  ADD ("r", (const char *)NULL, "agent");
  for (guint a = 0; a < fan_out; a++)
    {
      g_autofree char *agent = g_strdup_printf ("a%u", a);

      ADD (agent, "r", "agent");
      for (guint s = 0; s < steps; s++)
        {
          g_autofree char *step = g_strdup_printf ("a%u.%u", a, s);

          ADD (step, agent, "generation");
          for (guint l = 0; l < leaves; l++)
            {
              g_autofree char *leaf = g_strdup_printf ("a%u.%u.%u", a, s, l);

              ADD (leaf, step, "tool");
            }
        }
    }
#undef ADD

  g_string_append (json, "]}");

  return g_string_free_to_bytes (json);
}

typedef struct
{
  GtkEditable *entry;
  Fixture     *f;
  const char  *text;
} Typist;

/* One key (as a person would type): a character on towards @text, or a
 * Backspace back to it. */
static gboolean
type_cb (gpointer user_data)
{
  Typist *typist = user_data;
  const char *now = gtk_editable_get_text (typist->entry);
  int len = (int)strlen (now);
  int position = len;

  if (g_str_has_prefix (typist->text, now))
    gtk_editable_insert_text (typist->entry, typist->text + len, 1, &position);
  else
    gtk_editable_delete_text (typist->entry, len - 1, len);

  return g_str_equal (gtk_editable_get_text (typist->entry), typist->text) ? G_SOURCE_REMOVE
                                                                           : G_SOURCE_CONTINUE;
}

static gboolean
typed_and_found (gpointer data)
{
  Typist *typist = data;
  ContrailSearchResult *result = contrail_find_bar_get_result (typist->f->bar);

  if (!g_str_equal (gtk_editable_get_text (typist->entry), typist->text) || !search_done (typist->f))
    return FALSE;

  /* Nothing to look for: no result */
  if (typist->text[0] == '\0')
    return result == NULL;

  return result != NULL && g_str_equal (contrail_search_result_get_query (result), typist->text);
}

/* Types (or backspaces) from the entry's text to @text at @interval_ms a
 * key, and waits for the result; returns the longest main-loop gap. */
static double
type_query (Fixture    *f,
            const char *text,
            guint       interval_ms)
{
  Typist typist = { NULL, f, text };
  UiGapMeter *gap = ui_gap_meter_start ();
  gint64 start = g_get_monotonic_time ();
  g_autofree char *from = NULL;
  double gap_ms;

  typist.entry = GTK_EDITABLE (ui_find_widget (GTK_WIDGET (f->bar), GTK_TYPE_SEARCH_ENTRY, NULL));
  from = g_strdup (gtk_editable_get_text (typist.entry));
  g_timeout_add (interval_ms, type_cb, &typist);
  g_assert_true (ui_wait_for (typed_and_found, &typist, 120));
  ui_spin (100);
  gap_ms = ui_gap_meter_stop (gap);

  g_printerr ("# typing \"%s\" -> \"%s\" at %u ms a key%s, 100k spans: %u matches, %u rows, "
              "done after %.0f ms, longest main-loop gap %.1f ms\n",
              from, text, interval_ms,
              contrail_find_bar_get_matches_only (f->bar) ? ", matches only" : "",
              contrail_find_bar_get_result (f->bar) != NULL
              ? contrail_search_result_get_n_matches (contrail_find_bar_get_result (f->bar)) : 0,
              n_rows (f), (g_get_monotonic_time () - start) / 1000.0, gap_ms);

  return gap_ms;
}

static void
timeline_frame (Fixture *f)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  gint64 start;
  double frame_ms;

  g_assert_nonnull (contrail_timeline_get_search_result (f->timeline));
  _contrail_timeline_drop_caches (f->timeline);
  start = g_get_monotonic_time ();
  _contrail_timeline_snapshot (f->timeline, snapshot);
  frame_ms = (g_get_monotonic_time () - start) / 1000.0;
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_printerr ("# timeline frame with %u matches of 100k spans, uncached: %.2f ms\n",
              _contrail_timeline_get_n_search_matches (f->timeline), frame_ms);
  /* DESIGN.md §8: 2 ms on the CI machine; tests/bench measures it */
  g_assert_cmpfloat (frame_ms, <, 16);
}

static void
run_big_test (void)
{
  g_autoptr(GBytes) bytes = generate_big_trace (10, 100, 99);
  g_autoptr(ContrailTrace) trace = import_one (bytes);
  g_autoptr(ContrailSearchResult) direct = NULL;
  Fixture f = { 0 };
  UiGapMeter *gap;
  double worst = 0, gap_ms;
  gint64 start;

  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, 100011);

  /* The search itself (the worker's share), for the record */
  start = g_get_monotonic_time ();
  direct = contrail_trace_search (trace, "needle", CONTRAIL_SEARCH_FILTER_NONE, NULL, NULL);
  g_printerr ("# contrail_trace_search 100k spans (%.0f MB of JSON), \"needle\": %.0f ms, "
              "%u matches\n",
              g_bytes_get_size (bytes) / 1e6, (g_get_monotonic_time () - start) / 1000.0,
              contrail_search_result_get_n_matches (direct));
  g_assert_cmpuint (contrail_search_result_get_n_matches (direct), ==, 100);

  fixture_open (&f, trace);
  ui_spin (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.find", NULL));

  /* A key every 250 ms (slower than the search delay): every prefix is
   * searched, "n" matching almost every span, each search cancelling the
   * one before. */
  gap_ms = type_query (&f, "needle", 250);
  worst = MAX (worst, gap_ms);
  g_assert_cmpuint (contrail_search_result_get_n_matches (contrail_find_bar_get_result (f.bar)),
                    ==, 100);
  g_assert_cmpstr (contrail_find_bar_get_counter_text (f.bar), ==, "1 of 100");

  /* Fast typing (one search at the end), back and forth */
  gap_ms = type_query (&f, "", 60);
  worst = MAX (worst, gap_ms);
  gap_ms = type_query (&f, "worker", 60);
  worst = MAX (worst, gap_ms);
  gap_ms = type_query (&f, "", 60);
  worst = MAX (worst, gap_ms);

  /* Show matches only for 100 matches deep in the tree: the filter and
   * the expansion of their ancestors */
  gap_ms = type_query (&f, "needle", 60);
  worst = MAX (worst, gap_ms);
  gap = ui_gap_meter_start ();
  start = g_get_monotonic_time ();
  contrail_find_bar_set_matches_only (f.bar, TRUE);
  wait_search (&f);
  ui_spin (100);
  gap_ms = ui_gap_meter_stop (gap);
  g_printerr ("# show matches only, 100 matches of 100k spans: %u rows after %.0f ms, "
              "longest main-loop gap %.1f ms\n",
              n_rows (&f), (g_get_monotonic_time () - start) / 1000.0, gap_ms);
  worst = MAX (worst, gap_ms);
  /* root, 10 agents, the 100 steps above the matches, the matches */
  g_assert_cmpuint (n_rows (&f), ==, 1 + 10 + 100 + 100);

  /* Typing with matches only on: "n" shows almost every span again (and
   * expands the whole tree), "ne…" narrows 100,000 rows down (MORE_STRICT) */
  gap_ms = type_query (&f, "", 250);
  worst = MAX (worst, gap_ms);
  gap_ms = type_query (&f, "need", 250);
  worst = MAX (worst, gap_ms);
  g_assert_cmpuint (n_rows (&f), ==, 1 + 10 + 100 + 100);

  /* … and Backspace widens them again (LESS_STRICT over 100,000 rows) */
  gap_ms = type_query (&f, "n", 250);
  worst = MAX (worst, gap_ms);
  g_assert_cmpuint (n_rows (&f), >, 100000);

  /* The timeline with the result: an uncached frame (the bars dimmed or
   * ringed from the flat flags, the matches on the overview), with almost
   * every span a match, then with 100 */
  timeline_frame (&f);
  gap_ms = type_query (&f, "needle", 60);
  worst = MAX (worst, gap_ms);
  timeline_frame (&f);

  g_printerr ("# find in trace, 100k spans: longest main-loop gap %.1f ms\n", worst);

  /* The main thread's share of a search (the result handed to the tree,
   * the filter and the timeline's flags, then the list rebinding its rows)
   * measured some 50 ms here; 100 ms is the RAIL response budget (the user
   * notices no delay), and 150 ms leaves room for a loaded 2-core CI
   * machine under Xvfb while still catching filtering 100,000 rows at
   * once, which measured 230 ms (widening) before it went incremental. */
  g_assert_cmpfloat (worst, <, 150);

  fixture_close (&f);
}

static void
test_find_big (void)
{
  ui_test_run_subprocess (run_big_test, 200);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/contrail/find/trace", test_find);
  g_test_add_func ("/contrail/find/100k", test_find_big);

  return g_test_run ();
}
