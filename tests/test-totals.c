/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Totals: a collapsed row with children shows its subtree's tokens ("Σ …")
 * and its own once expanded; the trace overview lists tokens and calls per
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

static ContrailSpan *
span_named (ContrailTrace *trace,
            const char    *name)
{
  for (guint i = 0; i < contrail_trace_get_span_count (trace); i++)
    {
      ContrailSpan *span = contrail_trace_get_span (trace, i);

      if (g_strcmp0 (contrail_span_get_name (span), name) == 0)
        return span;
    }

  g_assert_not_reached ();
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

static void
run_row_test (void)
{
  g_autoptr(ContrailTrace) trace = demo_trace ();
  ContrailSpan *planner = span_named (trace, "shipping_planner");
  ContrailSpan *think = span_named (trace, "classify_ticket");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *tree = contrail_span_tree_new ();
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autofree char *subtree = NULL;
  g_autofree char *own = NULL;
  RowWait wait = { tree, planner };
  gint64 planner_tokens = contrail_span_get_total_tokens (planner);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), tree);
  gtk_window_present (GTK_WINDOW (window));
  contrail_span_tree_set_trace (CONTRAIL_SPAN_TREE (tree), trace);

  /* Expanded to depth 2: the planner's own tokens, if any */
  g_assert_true (ui_wait_for (row_bound, &wait, WAIT_SECONDS));
  row = row_of (CONTRAIL_SPAN_TREE (tree), planner);
  g_assert_true (gtk_tree_list_row_get_expanded (row));
  if (planner_tokens != CONTRAIL_TOKENS_NONE)
    own = contrail_format_tokens_short (planner_tokens);
  g_assert_cmpstr (tokens_text (tree, planner), ==, own);

  /* Collapsed: everything below it */
  g_assert_cmpint (contrail_span_get_subtree_tokens (planner), >, 0);
  g_assert_cmpint (contrail_span_get_subtree_tokens (planner), !=, planner_tokens);
  gtk_tree_list_row_set_expanded (row, FALSE);
  ui_drain ();
  subtree = contrail_format_subtree_tokens_short (contrail_span_get_subtree_tokens (planner));
  g_assert_cmpstr (tokens_text (tree, planner), ==, subtree);
  g_assert_true (g_str_has_prefix (subtree, "Σ "));

  /* Expanded again: its own */
  gtk_tree_list_row_set_expanded (row, TRUE);
  ui_drain ();
  g_assert_cmpstr (tokens_text (tree, planner), ==, own);

  /* A leaf is never summed */
  {
    g_autofree char *leaf = contrail_format_tokens_short (contrail_span_get_total_tokens (think));

    g_assert_cmpstr (tokens_text (tree, think), ==, leaf);
  }

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
  contrail_detail_pane_show (CONTRAIL_DETAIL_PANE (pane), trace, span_named (trace, "think"));
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
  g_test_add_func ("/contrail/totals/row", test_totals_row);
  g_test_add_func ("/contrail/totals/models", test_totals_models);

  return g_test_run ();
}
