/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Totals: a collapsed row with children shows its subtree's tokens ("Σ …",
 * nothing counted twice when a span's count includes its children's) and
 * its own once expanded; the trace overview lists tokens and calls per
 * model (and no cost).  Needs a display; skips without one.
 */

#define G_LOG_DOMAIN "test-totals"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "contrail-detail-pane.h"
#include "contrail-format.h"
#include "contrail-import.h"
#include "contrail-span-row.h"
#include "contrail-span-tree.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 20

static ContrailTrace *
demo_trace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_demo (&error);

  g_assert_no_error (error);

  return g_object_ref (g_ptr_array_index (traces, 0));   /* support_agent */
}

static void
test_totals_format (void)
{
  g_autofree char *small = contrail_format_subtree_tokens_short (12345);
  g_autofree char *count = contrail_format_count (12345);
  g_autofree char *expected = g_strconcat ("Σ ", count, NULL);
  g_autofree char *big = contrail_format_subtree_tokens_short (263149);
  g_autofree char *huge = contrail_format_subtree_tokens_short (2631176);
  g_autofree char *tokens = contrail_format_tokens_short (263149);

  g_assert_cmpstr (small, ==, expected);
  g_assert_cmpstr (big, ==, "Σ 263.1k");
  g_assert_cmpstr (huge, ==, "Σ 2.63M");
  g_assert_cmpstr (tokens, ==, "263.1k tok");
}

/* The row widget showing @span, or NULL when none is bound to it. */
static GtkWidget *
row_widget (GtkWidget    *tree,
            ContrailSpan *span)
{
  GtkWidget *list = ui_find_widget (tree, GTK_TYPE_LIST_VIEW, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkTreeListRow *list_row;
      g_autoptr(ContrailSpan) item = NULL;

      if (!CONTRAIL_IS_SPAN_ROW (row) ||
          !(list_row = contrail_span_row_get_list_row (CONTRAIL_SPAN_ROW (row))))
        continue;

      item = gtk_tree_list_row_get_item (list_row);
      if (item == span)
        return row;
    }

  return NULL;
}

/* The tokens cell of the row showing @span. */
static const char *
tokens_text (GtkWidget    *tree,
             ContrailSpan *span)
{
  GtkWidget *row = row_widget (tree, span);

  g_assert_nonnull (row);

  return gtk_inscription_get_text (GTK_INSCRIPTION (ui_find_widget (row, GTK_TYPE_INSCRIPTION,
                                                                    "span-tokens")));
}

typedef struct
{
  GtkWidget    *tree;
  ContrailSpan *span;
} RowWait;

static gboolean
row_bound (gpointer data)
{
  RowWait *wait = data;

  return row_widget (wait->tree, wait->span) != NULL;
}

static GtkTreeListRow *
row_of (ContrailSpanTree *tree,
        ContrailSpan     *span)
{
  GListModel *rows = G_LIST_MODEL (contrail_span_tree_get_selection_model (tree));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(ContrailSpan) item = gtk_tree_list_row_get_item (row);

      if (item == span)
        return g_steal_pointer (&row);
    }

  g_assert_not_reached ();
}

/* root (no count)
 * ├── sum      (no count)  a 100, b 200        → Σ 300
 * ├── incl     500         c 200, d 300        → 500: it includes them
 * └── mixed    100         e 300               → Σ 400
 * The root adds them up: 300 + 500 + 400. */
#define SPAN(id, parent, tokens)                                                          \
  "{\"id\":\"" id "\",\"parent_id\":" parent ",\"name\":\"" id "\",\"type\":\"agent\","    \
  "\"start_time\":\"2025-11-20T09:00:00Z\",\"duration_ms\":10" tokens "}"
#define TOKENS(n) ",\"data\":{\"total_tokens\":" #n "}"

static const char totals_json[] =
  "{\"id\":\"2f0c8c1e-4d3b-4a51-9f7e-1c2d3e4f5a6b\",\"name\":\"totals\",\"spans\":["
  SPAN ("root", "null", "") ","
  SPAN ("sum", "\"root\"", "") ","
  SPAN ("a", "\"sum\"", TOKENS (100)) ","
  SPAN ("b", "\"sum\"", TOKENS (200)) ","
  SPAN ("incl", "\"root\"", TOKENS (500)) ","
  SPAN ("c", "\"incl\"", TOKENS (200)) ","
  SPAN ("d", "\"incl\"", TOKENS (300)) ","
  SPAN ("mixed", "\"root\"", TOKENS (100)) ","
  SPAN ("e", "\"mixed\"", TOKENS (300))
  "]}";

#undef SPAN
#undef TOKENS

static ContrailTrace *
import_json (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, &error);

  g_assert_no_error (error);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static void
test_totals_counted_once (void)
{
  g_autoptr(ContrailTrace) trace = import_json (totals_json);
  g_autoptr(ContrailTrace) demo = demo_trace ();
  g_autoptr(GString) chain = g_string_new ("{\"id\":\"3a0c8c1e-4d3b-4a51-9f7e-1c2d3e4f5a6b\","
                                           "\"spans\":[");
  g_autoptr(ContrailTrace) deep = NULL;

  g_assert_cmpint (contrail_span_tokens_with_children (ui_find_span (trace, "sum")), ==, 300);
  g_assert_cmpint (contrail_span_tokens_with_children (ui_find_span (trace, "incl")), ==, 500);
  g_assert_cmpint (contrail_span_tokens_with_children (ui_find_span (trace, "mixed")), ==, 400);
  g_assert_cmpint (contrail_span_tokens_with_children (ui_find_span (trace, "root")), ==, 1200);
  g_assert_cmpint (contrail_span_tokens_with_children (ui_find_span (trace, "e")), ==, 300);
  /* Asked again: remembered */
  g_assert_cmpint (contrail_span_tokens_with_children (ui_find_span (trace, "root")), ==, 1200);

  /* The demo's agents count what runs below them: the root's total is the trace's */
  g_assert_cmpint (contrail_span_tokens_with_children (contrail_trace_get_root (demo, 0)), ==,
                   contrail_trace_get_total_tokens (demo));

  /* A chain 100,000 deep with a count at the bottom only */
  g_string_append (chain, "{\"id\":\"s0\"}");
  for (guint i = 1; i < 100000; i++)
    g_string_append_printf (chain, ",{\"id\":\"s%u\",\"parent_id\":\"s%u\"%s}", i, i - 1,
                            i == 99999 ? ",\"data\":{\"total_tokens\":42}" : "");
  g_string_append (chain, "]}");
  deep = import_json (chain->str);
  g_assert_cmpint (contrail_span_tokens_with_children (contrail_trace_get_root (deep, 0)), ==, 42);
}

static void
run_row_test (void)
{
  g_autoptr(ContrailTrace) trace = import_json (totals_json);
  ContrailSpan *sum = ui_find_span (trace, "sum");
  ContrailSpan *incl = ui_find_span (trace, "incl");
  ContrailSpan *mixed = ui_find_span (trace, "mixed");
  ContrailSpan *leaf = ui_find_span (trace, "a");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *tree = contrail_span_tree_new ();
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autofree char *sigma_sum = contrail_format_subtree_tokens_short (300);
  g_autofree char *sigma_mixed = contrail_format_subtree_tokens_short (400);
  g_autofree char *own_incl = contrail_format_tokens_short (500);
  g_autofree char *own_mixed = contrail_format_tokens_short (100);
  g_autofree char *own_leaf = contrail_format_tokens_short (100);
  RowWait wait = { tree, sum };

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), tree);
  gtk_window_present (GTK_WINDOW (window));
  contrail_span_tree_set_trace (CONTRAIL_SPAN_TREE (tree), trace);
  g_assert_true (ui_wait_for (row_bound, &wait, WAIT_SECONDS));

  /* Expanded (depth 2): each row its own count, if any */
  g_assert_cmpstr (tokens_text (tree, sum), ==, NULL);
  g_assert_cmpstr (tokens_text (tree, incl), ==, own_incl);
  g_assert_cmpstr (tokens_text (tree, mixed), ==, own_mixed);
  g_assert_cmpstr (tokens_text (tree, leaf), ==, own_leaf);

  /* Collapsed: the subtree, counted once */
  row = row_of (CONTRAIL_SPAN_TREE (tree), sum);
  gtk_tree_list_row_set_expanded (row, FALSE);
  g_clear_object (&row);
  row = row_of (CONTRAIL_SPAN_TREE (tree), incl);
  gtk_tree_list_row_set_expanded (row, FALSE);
  g_clear_object (&row);
  row = row_of (CONTRAIL_SPAN_TREE (tree), mixed);
  gtk_tree_list_row_set_expanded (row, FALSE);
  ui_drain ();
  g_assert_cmpstr (tokens_text (tree, sum), ==, sigma_sum);
  g_assert_cmpstr (tokens_text (tree, incl), ==, own_incl);
  g_assert_cmpstr (tokens_text (tree, mixed), ==, sigma_mixed);
  g_assert_true (g_str_has_prefix (sigma_sum, "Σ "));

  /* Expanded again: its own */
  gtk_tree_list_row_set_expanded (row, TRUE);
  ui_drain ();
  g_assert_cmpstr (tokens_text (tree, mixed), ==, own_mixed);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
}

static void
test_totals_row (void)
{
  ui_test_run_subprocess (run_row_test, 60);
}

static const char *
grid_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
run_models_test (void)
{
  g_autoptr(ContrailTrace) trace = demo_trace ();
  g_autoptr(GArray) usage = contrail_trace_get_model_usage (trace);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pane = contrail_detail_pane_new ();
  GtkWidget *card = NULL;
  GtkGrid *grid;
  GtkLabel *info;
  guint n_calls = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 900);
  gtk_window_set_child (GTK_WINDOW (window), pane);
  gtk_window_present (GTK_WINDOW (window));

  card = GTK_WIDGET (gtk_widget_get_template_child (pane, CONTRAIL_TYPE_DETAIL_PANE, "models_card"));
  grid = GTK_GRID (gtk_widget_get_template_child (pane, CONTRAIL_TYPE_DETAIL_PANE, "models_grid"));
  info = GTK_LABEL (gtk_widget_get_template_child (pane, CONTRAIL_TYPE_DETAIL_PANE,
                                                   "models_info_label"));

  /* The trace: one row per model, most tokens first, after a heading row */
  contrail_detail_pane_show (CONTRAIL_DETAIL_PANE (pane), trace, NULL);
  g_assert_true (gtk_widget_get_visible (card));
  g_assert_cmpuint (usage->len, >=, 2);
  g_assert_cmpstr (grid_text (grid, 0, 0), ==, "Model");
  g_assert_cmpstr (grid_text (grid, 1, 0), ==, "Calls");
  g_assert_cmpstr (grid_text (grid, 2, 0), ==, "Tokens");
  for (guint i = 0; i < usage->len; i++)
    {
      const ContrailModelUsage *entry = &g_array_index (usage, ContrailModelUsage, i);
      g_autofree char *calls = contrail_format_count (entry->n_spans);
      g_autofree char *tokens = contrail_format_count (entry->tokens);

      g_assert_cmpstr (grid_text (grid, 0, i + 1), ==, entry->model);
      g_assert_cmpstr (grid_text (grid, 1, i + 1), ==, calls);
      g_assert_cmpstr (grid_text (grid, 2, i + 1), ==, entry->tokens != CONTRAIL_TOKENS_NONE
                                                       ? tokens : "—");
      n_calls += entry->n_spans;
    }
  g_assert_null (gtk_grid_get_child_at (grid, 0, usage->len + 1));
  /* No cost column: v2 traces have none */
  g_assert_null (gtk_grid_get_child_at (grid, 3, 0));
  {
    g_autofree char *expected = g_strdup_printf ("%u models · %u calls", usage->len, n_calls);

    g_assert_cmpstr (gtk_label_get_text (info), ==, expected);
  }

  /* A span: no per-model table */
  contrail_detail_pane_show (CONTRAIL_DETAIL_PANE (pane), trace, ui_find_span (trace, "think"));
  g_assert_false (gtk_widget_get_visible (card));

  /* The trace again, then nothing */
  contrail_detail_pane_show (CONTRAIL_DETAIL_PANE (pane), trace, NULL);
  g_assert_true (gtk_widget_get_visible (card));
  contrail_detail_pane_show (CONTRAIL_DETAIL_PANE (pane), NULL, NULL);
  g_assert_false (gtk_widget_get_visible (card));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
}

static void
test_totals_models (void)
{
  ui_test_run_subprocess (run_models_test, 60);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/contrail/totals/format", test_totals_format);
  g_test_add_func ("/contrail/totals/counted-once", test_totals_counted_once);
  g_test_add_func ("/contrail/totals/row", test_totals_row);
  g_test_add_func ("/contrail/totals/models", test_totals_models);

  return g_test_run ();
}
