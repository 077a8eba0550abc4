/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSpanTree: the span tree of one trace (see the header).
 *
 * The model chain lives as long as the widget: a new trace replaces the
 * GtkTreeListModel under the one GtkFilterListModel and GtkSingleSelection,
 * so that the timeline can keep the selection model it was given.
 *
 * Big traces: rows are virtualised by the GtkListView and each row does
 * constant work (ContrailSpanRow).  Expanding is done by walking the rows
 * in time-boxed idle slices (expand all), and the initial expansion to
 * "expand-depth" only visits spans above that depth, skipping the rows
 * below them.
 *
 * Find in trace: the window hands over a ContrailSearchResult.  Rows of
 * matches get a style class (the bound rows are updated when the result
 * changes, the others when they are bound).  "Show matches only" gives the
 * custom filter a function that reads the result's per-span flags, and
 * tells the filter model how a new result relates to the old one (a longer
 * query or one more filter only hides rows: MORE_STRICT), so that it looks
 * again only at the rows that can change.
 */

#define G_LOG_DOMAIN "contrail-span-tree"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrail-span-row.h"
#include "contrail-span-tree.h"

#define EXPAND_SLICE_USEC     5000    /* per frame (of 16.7 ms at 60 Hz) */
#define INITIAL_EXPAND_USEC   30000   /* before the new model is shown */
#define INCREMENTAL_ROWS      8192    /* refilter more rows than this in idle slices */

struct _ContrailSpanTree
{
  GtkWidget           parent_instance;

  /* Owned */
  ContrailTrace      *trace;
  GtkTreeListModel   *tree;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  ContrailSpan       *selected_span;
  GtkWidget          *probe;            /* a hidden row, to measure the row height */
  ContrailSearchResult *result;         /* find in trace: the matches to highlight */
  ContrailSearchResult *filter_result;  /* the result the filter shows, with matches-only */
  ContrailSearchResult *expand_result;  /* expanding the ancestors of its matches */
  ContrailSpan       *pending_select;   /* to select once the filter has looked at its row */
  GMenuModel         *context_menu;
  GtkWidget          *popover;          /* the context menu, made when first shown */

  /* Template widgets */
  GtkWidget          *box;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;

  /* Expanding in slices, one per frame (or idle when hidden) */
  guint               expand_source;
  guint               expand_tick;
  guint               expand_position;
  guint               expand_max_depth;  /* expand rows above this depth */
  guint               filter_done_source;

  int                 expand_depth;
  int                 row_height;
  guint               expanding : 1;
  guint               updating_selection : 1;
  guint               matches_only : 1;
  guint               has_filter_func : 1;
};

G_DEFINE_FINAL_TYPE (ContrailSpanTree, contrail_span_tree, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_SELECTED_SPAN,
  PROP_EXPAND_DEPTH,
  PROP_EXPANDING,
  PROP_ROW_HEIGHT,
  PROP_SEARCH_RESULT,
  PROP_MATCHES_ONLY,
  PROP_CONTEXT_MENU,
  PROP_FILTERING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SPAN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Rows and positions ---- */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  ContrailSpan *span = item;
  GListModel *children = contrail_span_get_children (span);

  return children != NULL ? g_object_ref (children) : NULL;
}

static ContrailSpan *
row_get_span (GtkTreeListRow *row)
{
  /* Borrowed: the tree model holds the span. */
  g_autoptr(ContrailSpan) span = gtk_tree_list_row_get_item (row);

  return span;
}

/* The position in the selection model of @row, or GTK_INVALID_LIST_POSITION
 * when the filter hides it. */
static guint
view_position (ContrailSpanTree *self,
               GtkTreeListRow   *row)
{
  guint target, lo, hi;

  if (row == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (gtk_filter_get_strictness (GTK_FILTER (self->filter)) == GTK_FILTER_MATCH_ALL)
    return gtk_tree_list_row_get_position (row);

  /* The filter keeps the tree's order: binary search by tree position. */
  target = gtk_tree_list_row_get_position (row);
  lo = 0;
  hi = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(GtkTreeListRow) other = g_list_model_get_item (G_LIST_MODEL (self->filtered), mid);
      guint at = gtk_tree_list_row_get_position (other);

      if (at == target)
        return other == row ? mid : GTK_INVALID_LIST_POSITION;
      if (at < target)
        lo = mid + 1;
      else
        hi = mid;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* GtkTreeListModel walks up through every level to expand a row, so each
 * expansion costs as much as the row is deep, and revealing a span n
 * levels down costs n²: 2,000 levels took 130 ms, 10,000 took 2.3 s, and
 * a 100,000-deep chain froze the window for minutes.  One call expands
 * rows whose depths add up to at most this (about 770 levels from the
 * top); for a span further down, the tree selects the deepest row it
 * revealed, as for a span below a collapsed row. */
#define EXPAND_DEPTH_BUDGET 300000

/* The row of @span, expanding its ancestors when @expand (within the
 * budget); else the row of its deepest visible ancestor.  NULL when @span
 * is not in the tree. */
static GtkTreeListRow *
find_row (ContrailSpanTree *self,
          ContrailSpan     *span,
          gboolean          expand)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autoptr(GtkTreeListRow) row = NULL;
  ContrailSpan *root;
  guint n_roots;
  guint index = G_MAXUINT;
  guint64 expanded_depths = 0;

  if (self->tree == NULL || span == NULL)
    return NULL;

  for (ContrailSpan *s = span; s != NULL; s = contrail_span_get_parent (s))
    g_ptr_array_add (chain, s);

  root = g_ptr_array_index (chain, chain->len - 1);
  n_roots = contrail_trace_get_n_roots (self->trace);
  for (guint i = 0; i < n_roots && index == G_MAXUINT; i++)
    {
      if (contrail_trace_get_root (self->trace, i) == root)
        index = i;
    }

  if (index == G_MAXUINT)
    return NULL;

  row = gtk_tree_list_model_get_child_row (self->tree, index);

  for (guint level = chain->len - 1; level > 0 && row != NULL; level--)
    {
      ContrailSpan *parent = g_ptr_array_index (chain, level);
      ContrailSpan *child = g_ptr_array_index (chain, level - 1);
      guint n_children = contrail_span_get_n_children (parent);
      GtkTreeListRow *child_row;

      if (!gtk_tree_list_row_get_expanded (row))
        {
          /* The row's depth: chain->len - 1 - level */
          expanded_depths += chain->len - 1 - level;
          if (!expand || expanded_depths > EXPAND_DEPTH_BUDGET)
            break;
          gtk_tree_list_row_set_expanded (row, TRUE);
        }

      index = G_MAXUINT;
      for (guint i = 0; i < n_children && index == G_MAXUINT; i++)
        {
          if (contrail_span_get_child (parent, i) == child)
            index = i;
        }

      if (index == G_MAXUINT || !(child_row = gtk_tree_list_row_get_child_row (row, index)))
        return NULL;

      g_set_object (&row, child_row);
      g_object_unref (child_row);
    }

  return g_steal_pointer (&row);
}

/* Moves the keyboard focus to the row at @position, if the list has the
 * focus (so that arrow keys go on from there). */
static void
focus_position (ContrailSpanTree *self,
                guint             position)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(GtkTreeListRow) row = NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *span_row = gtk_widget_get_first_child (child);

      if (CONTRAIL_IS_SPAN_ROW (span_row) &&
          contrail_span_row_get_list_row (CONTRAIL_SPAN_ROW (span_row)) == row)
        {
          gtk_widget_grab_focus (child);
          return;
        }
    }
}

static void
select_position (ContrailSpanTree *self,
                 guint             position,
                 gboolean          move_focus)
{
  if (position == GTK_INVALID_LIST_POSITION ||
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  if (move_focus)
    focus_position (self, position);
}

static GtkTreeListRow *
selected_row (ContrailSpanTree *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* ---- Expanding ---- */

static void
clear_expand_sources (ContrailSpanTree *self)
{
  g_clear_handle_id (&self->expand_source, g_source_remove);
  if (self->expand_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->expand_tick);
      self->expand_tick = 0;
    }
}

static void
stop_expanding (ContrailSpanTree *self)
{
  clear_expand_sources (self);
  g_clear_object (&self->expand_result);

  if (!self->expanding)
    return;

  self->expanding = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDING]);
}

/* Does a child of @span match, or lead to a match? */
static gboolean
has_visible_child (ContrailSearchResult *result,
                   ContrailSpan         *span)
{
  guint n = contrail_span_get_n_children (span);

  for (guint i = 0; i < n; i++)
    {
      if (contrail_search_result_is_visible (result, contrail_span_get_child (span, i)))
        return TRUE;
    }

  return FALSE;
}

/* Expands rows from self->expand_position on, above self->expand_max_depth
 * (and, with self->expand_result, those above a match), until @deadline
 * (monotonic µs).  TRUE when it reached the end. */
static gboolean
expand_some (ContrailSpanTree *self,
             gint64            deadline)
{
  GListModel *rows = G_LIST_MODEL (self->tree);
  guint n = g_list_model_get_n_items (rows);
  guint count = 0;

  while (self->expand_position < n)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, self->expand_position);
      ContrailSpan *span = row_get_span (row);
      guint depth = contrail_span_get_depth (span);
      gboolean expanded_now = FALSE;

      if (gtk_tree_list_row_is_expandable (row) &&
          !gtk_tree_list_row_get_expanded (row) &&
          (depth < self->expand_max_depth ||
           (self->expand_result != NULL && has_visible_child (self->expand_result, span))))
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          n = g_list_model_get_n_items (rows);
          expanded_now = TRUE;
        }

      /* Its children, just added and collapsed, are too deep to expand: skip them. */
      if (expanded_now && depth + 1 >= self->expand_max_depth && self->expand_result == NULL)
        self->expand_position += 1 + contrail_span_get_n_children (span);
      else
        self->expand_position++;

      /* An expansion adds rows that the filter, the list and the timeline
       * look at: check the clock after each. */
      if ((++count % 32 == 0 || expanded_now) && g_get_monotonic_time () >= deadline)
        break;
    }

  return self->expand_position >= n;
}

/* One slice; FALSE when done. */
static gboolean
expand_step (ContrailSpanTree *self)
{
  if (self->tree != NULL &&
      !expand_some (self, g_get_monotonic_time () + EXPAND_SLICE_USEC))
    return TRUE;

  /* The source is removed by returning G_SOURCE_REMOVE. */
  self->expand_source = 0;
  self->expand_tick = 0;
  stop_expanding (self);

  return FALSE;
}

static gboolean
expand_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  return expand_step (CONTRAIL_SPAN_TREE (widget)) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
expand_idle_cb (gpointer user_data)
{
  return expand_step (CONTRAIL_SPAN_TREE (user_data)) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Shown: one slice per frame, so that frames keep coming however long the
 * work is (an idle could starve behind back-to-back frames).  Hidden: in
 * idle time. */
static void
schedule_expanding (ContrailSpanTree *self)
{
  clear_expand_sources (self);

  if (!self->expanding)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->expand_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), expand_tick_cb,
                                                        NULL, NULL);
    }
  else
    {
      self->expand_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, expand_idle_cb, self, NULL);
      g_source_set_name_by_id (self->expand_source, "[contrail] expand span tree");
    }
}

static void
start_expanding (ContrailSpanTree *self,
                 guint             max_depth,
                 guint             from)
{
  if (self->tree == NULL)
    {
      stop_expanding (self);
      return;
    }

  self->expand_position = from;
  self->expand_max_depth = max_depth;

  if (!self->expanding)
    {
      self->expanding = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDING]);
    }

  schedule_expanding (self);
}

/* ---- Rows ---- */

/* A signal factory, not a GtkBuilderListItemFactory: GTK 4.8's list view
 * builds up to 200 rows at once (and again on every long jump), so setting
 * a row up must be as cheap as it can be. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, contrail_span_row_new ());
}

static void
update_row_match (ContrailSpanTree *self,
                  ContrailSpanRow  *row)
{
  GtkTreeListRow *list_row = contrail_span_row_get_list_row (row);
  gboolean match = FALSE;

  if (self->result != NULL && list_row != NULL)
    match = contrail_search_result_is_match (self->result, row_get_span (list_row));

  contrail_span_row_set_search_match (row, match);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  ContrailSpanRow *row = CONTRAIL_SPAN_ROW (gtk_list_item_get_child (item));

  contrail_span_row_set_list_row (row, gtk_list_item_get_item (item));
  update_row_match (CONTRAIL_SPAN_TREE (user_data), row);
}

/* The rows the list view has made (bound or not). */
static void
update_bound_rows (ContrailSpanTree *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (CONTRAIL_IS_SPAN_ROW (row))
        update_row_match (self, CONTRAIL_SPAN_ROW (row));
    }
}

/* ---- Find in trace ---- */

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/* Does every text that contains @outer contain @inner, as
 * contrail_trace_search() compares (ASCII case-insensitively for an ASCII
 * query, case-folded otherwise)? */
static gboolean
query_implies (const char *outer,
               const char *inner)
{
  g_autofree char *o = NULL;
  g_autofree char *i = NULL;

  if (inner[0] == '\0')
    return TRUE;

  if (is_ascii (outer) && is_ascii (inner))
    {
      o = g_ascii_strdown (outer, -1);
      i = g_ascii_strdown (inner, -1);
    }
  else if (!is_ascii (outer) && !is_ascii (inner))
    {
      o = g_utf8_casefold (outer, -1);
      i = g_utf8_casefold (inner, -1);
    }
  else
    {
      return FALSE;
    }

  return strstr (o, i) != NULL;
}

/* How the rows shown for @to relate to those shown for @from: a span
 * matches when it passes every filter and contains the query, so more
 * filters and a query holding the old one can only hide rows. */
static GtkFilterChange
search_change (ContrailSearchResult *from,
               ContrailSearchResult *to)
{
  ContrailSearchFilter a = contrail_search_result_get_filters (from);
  ContrailSearchFilter b = contrail_search_result_get_filters (to);
  const char *qa = contrail_search_result_get_query (from);
  const char *qb = contrail_search_result_get_query (to);

  if (contrail_search_result_get_trace (from) != contrail_search_result_get_trace (to))
    return GTK_FILTER_CHANGE_DIFFERENT;
  if ((b & a) == a && query_implies (qb, qa))
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if ((a & b) == b && query_implies (qa, qb))
    return GTK_FILTER_CHANGE_LESS_STRICT;

  return GTK_FILTER_CHANGE_DIFFERENT;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  ContrailSpanTree *self = user_data;

  return self->filter_result == NULL ||
         contrail_search_result_is_visible (self->filter_result,
                                            row_get_span (GTK_TREE_LIST_ROW (item)));
}

static gboolean
same_search (ContrailSearchResult *a,
             ContrailSearchResult *b)
{
  return contrail_search_result_get_trace (a) == contrail_search_result_get_trace (b) &&
         contrail_search_result_get_filters (a) == contrail_search_result_get_filters (b) &&
         g_strcmp0 (contrail_search_result_get_query (a), contrail_search_result_get_query (b)) == 0;
}

static void select_span (ContrailSpanTree *self,
                         ContrailSpan     *span);

/* Done refiltering: back to synchronous filtering (rows that expanding
 * adds must be there at once, to be selected), without a function when
 * nothing is filtered any more, and the selection that waited. */
static void
finish_filtering (ContrailSpanTree *self)
{
  g_autoptr(ContrailSpan) span = NULL;

  g_clear_handle_id (&self->filter_done_source, g_source_remove);
  if (gtk_filter_list_model_get_pending (self->filtered) > 0)
    return;

  if (gtk_filter_list_model_get_incremental (self->filtered) && self->has_filter_func)
    gtk_filter_list_model_set_incremental (self->filtered, FALSE);
  if (self->filter_result == NULL && self->has_filter_func)
    {
      /* Every row passes already: no change to emit. */
      self->has_filter_func = FALSE;
      gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
    }

  if ((span = g_steal_pointer (&self->pending_select)) != NULL)
    select_span (self, span);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERING]);
}

static gboolean
filter_done_cb (gpointer user_data)
{
  ContrailSpanTree *self = user_data;

  self->filter_done_source = 0;
  finish_filtering (self);

  return G_SOURCE_REMOVE;
}

/* The filter model notifies from inside a slice, before it tells about
 * the slice's rows: finish afterwards. */
static void
filter_pending_cb (ContrailSpanTree *self)
{
  if (gtk_filter_list_model_get_pending (self->filtered) > 0 || self->filter_done_source != 0)
    return;

  self->filter_done_source = g_idle_add (filter_done_cb, self);
  g_source_set_name_by_id (self->filter_done_source, "[contrail] span tree filtered");
}

/* Many rows to look at again are looked at in idle slices (512 rows
 * each): 100,000 at once would stall the window for a tenth of a second.
 * Which rows the filter model looks at depends on the change. */
static void
refilter (ContrailSpanTree *self,
          GtkFilterChange   change,
          gboolean          set_func)
{
  guint n_rows = self->tree != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_looked_at;
  gboolean big;

  if (set_func || change == GTK_FILTER_CHANGE_DIFFERENT)
    n_looked_at = n_rows;
  else if (change == GTK_FILTER_CHANGE_MORE_STRICT)
    n_looked_at = n_shown;
  else
    n_looked_at = n_rows - MIN (n_shown, n_rows);
  big = n_looked_at > INCREMENTAL_ROWS;

  if (big)
    gtk_filter_list_model_set_incremental (self->filtered, TRUE);

  if (set_func)
    {
      /* From every row: each row is looked at once, whatever the change. */
      self->has_filter_func = TRUE;
      gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
    }
  else
    {
      gtk_filter_changed (GTK_FILTER (self->filter), change);
    }

  if (big)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERING]);
  finish_filtering (self);
}

static void
update_filter (ContrailSpanTree *self)
{
  ContrailSearchResult *wanted = self->matches_only ? self->result : NULL;
  g_autoptr(ContrailSearchResult) old = NULL;

  if (wanted == self->filter_result)
    return;

  old = g_steal_pointer (&self->filter_result);
  if (wanted != NULL)
    self->filter_result = g_object_ref (wanted);

  if (wanted == NULL)
    /* Every row passes (LESS_STRICT); the function goes when the filter is done. */
    refilter (self, GTK_FILTER_CHANGE_LESS_STRICT, FALSE);
  else if (!self->has_filter_func)
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT, TRUE);
  else if (old == NULL)
    /* Still showing every row, on the way out of matches-only */
    refilter (self, GTK_FILTER_CHANGE_MORE_STRICT, FALSE);
  else if (!same_search (old, wanted))
    refilter (self, search_change (old, wanted), FALSE);

  g_clear_object (&self->expand_result);
  if (wanted == NULL || self->tree == NULL)
    return;

  /* Show the matches: expand their ancestors, in slices like expand-all
   * (and on with an expansion that was running). */
  g_set_object (&self->expand_result, wanted);
  if (!self->expanding)
    self->expand_max_depth = 0;
  self->expand_position = 0;
  if (expand_some (self, g_get_monotonic_time () + EXPAND_SLICE_USEC))
    stop_expanding (self);
  else
    start_expanding (self, self->expand_max_depth, self->expand_position);
}

/* ---- Context menu ---- */

static void
show_context_menu (ContrailSpanTree *self,
                   double            x,
                   double            y)
{
  GdkRectangle rect = { (int)x, (int)y, 1, 1 };

  if (self->context_menu == NULL)
    return;

  if (self->popover == NULL)
    {
      self->popover = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
      gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* The row widget (ContrailSpanRow) at (@x, @y) of the list view, or NULL. */
static ContrailSpanRow *
row_at (ContrailSpanTree *self,
        double            x,
        double            y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self->list_view);
       widget = gtk_widget_get_parent (widget))
    {
      if (CONTRAIL_IS_SPAN_ROW (widget))
        return CONTRAIL_SPAN_ROW (widget);
    }

  return NULL;
}

static void
secondary_pressed_cb (ContrailSpanTree *self,
                      int               n_press,
                      double            x,
                      double            y,
                      GtkGestureClick  *gesture)
{
  ContrailSpanRow *row = row_at (self, x, y);
  graphene_point_t point;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  /* The menu is about the row clicked: select it first. */
  if (row != NULL && contrail_span_row_get_list_row (row) != NULL)
    select_position (self, view_position (self, contrail_span_row_get_list_row (row)), FALSE);

  if (!gtk_widget_compute_point (GTK_WIDGET (self->list_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);
  show_context_menu (self, point.x, point.y);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);
  GtkTreeListRow *selected = selected_row (self);
  double x = 12, y = 12;

  /* Below the selected row, when it is on screen. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL && selected != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (CONTRAIL_IS_SPAN_ROW (row) &&
          contrail_span_row_get_list_row (CONTRAIL_SPAN_ROW (row)) == selected &&
          gtk_widget_get_mapped (row) &&
          gtk_widget_compute_bounds (row, GTK_WIDGET (self), &bounds))
        {
          x = bounds.origin.x + 24;
          y = bounds.origin.y + bounds.size.height;
          break;
        }
    }

  show_context_menu (self, x, y);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  contrail_span_row_set_list_row (CONTRAIL_SPAN_ROW (gtk_list_item_get_child (item)), NULL);
}

/* ---- Selection ---- */

static void
selection_changed_cb (ContrailSpanTree *self)
{
  GtkTreeListRow *row = selected_row (self);
  ContrailSpan *span = row != NULL ? row_get_span (row) : NULL;

  if (span == NULL && self->selected_span != NULL && !self->updating_selection &&
      self->tree != NULL)
    {
      g_autoptr(GtkTreeListRow) ancestor = NULL;

      /* The selected row went away because an ancestor collapsed: select
       * that ancestor rather than nothing. */
      ancestor = find_row (self, self->selected_span, FALSE);
      if (ancestor != NULL && row_get_span (ancestor) != self->selected_span)
        {
          guint position = view_position (self, ancestor);

          if (position != GTK_INVALID_LIST_POSITION)
            {
              self->updating_selection = TRUE;
              gtk_single_selection_set_selected (self->selection, position);
              self->updating_selection = FALSE;
              span = row_get_span (ancestor);
            }
        }
    }

  /* The row went away while the filter works towards the span to select. */
  if (span == NULL && self->pending_select != NULL)
    return;

  if (g_set_object (&self->selected_span, span))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN]);
}

static void
select_span (ContrailSpanTree *self,
             ContrailSpan     *span)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_clear_object (&self->pending_select);

  if (span != NULL && (row = find_row (self, span, TRUE)) != NULL)
    position = view_position (self, row);

  /* The filter has yet to look at its row: once it has. */
  if (position == GTK_INVALID_LIST_POSITION && row != NULL &&
      gtk_filter_list_model_get_pending (self->filtered) > 0)
    {
      self->pending_select = g_object_ref (span);
      return;
    }

  self->updating_selection = TRUE;
  if (position != GTK_INVALID_LIST_POSITION)
    select_position (self, position, FALSE);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating_selection = FALSE;

  selection_changed_cb (self);
}

/* ---- Actions and keys ---- */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);
  gboolean next = g_str_equal (action_name, "span-tree.next");

  if (n == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (next)
    position = MIN (position + 1, n - 1);
  else if (position > 0)
    position--;

  select_position (self, position, TRUE);
}

static void
expand_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);
  GtkTreeListRow *row = selected_row (self);

  if (row == NULL)
    return;

  if (gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, TRUE);
  else if (gtk_tree_list_row_get_expanded (row))
    move_action (widget, "span-tree.next", NULL);   /* to the first child */
}

static void
collapse_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);
  GtkTreeListRow *row = selected_row (self);
  g_autoptr(GtkTreeListRow) parent = NULL;

  if (row == NULL)
    return;

  if (gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, FALSE);
      return;
    }

  /* Already collapsed: go to the parent. */
  if ((parent = gtk_tree_list_row_get_parent (row)) != NULL)
    select_position (self, view_position (self, parent), TRUE);
}

static void
expand_below_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);
  GtkTreeListRow *row = selected_row (self);
  ContrailSpan *span;
  guint position;
  guint end;
  gint64 deadline = g_get_monotonic_time () + EXPAND_SLICE_USEC * 4;

  if (row == NULL)
    return;

  /* Small subtrees right away; big ones go on like expand-all. */
  span = row_get_span (row);
  position = gtk_tree_list_row_get_position (row);
  end = position + 1 + contrail_span_get_n_descendants (span);

  for (guint i = position; i < end && i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) below = gtk_tree_list_model_get_row (self->tree, i);

      if (gtk_tree_list_row_is_expandable (below) && !gtk_tree_list_row_get_expanded (below))
        gtk_tree_list_row_set_expanded (below, TRUE);

      if (g_get_monotonic_time () >= deadline)
        {
          contrail_span_tree_expand_all (self);
          return;
        }
    }
}

static void
expand_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  contrail_span_tree_expand_all (CONTRAIL_SPAN_TREE (widget));
}

static void
collapse_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  contrail_span_tree_collapse_all (CONTRAIL_SPAN_TREE (widget));
}

static void
unselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  contrail_span_tree_set_selected_span (CONTRAIL_SPAN_TREE (widget), NULL);
}

static void
list_activate_cb (ContrailSpanTree *self,
                  guint             position,
                  GtkListView      *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));

  g_signal_emit (self, signals[SPAN_ACTIVATED], 0, row_get_span (row));
}

static void
add_list_shortcuts (ContrailSpanTree *self)
{
  static const struct {
    guint       keyval;
    const char *action;
  } keys[] = {
    { GDK_KEY_j, "span-tree.next" },
    { GDK_KEY_k, "span-tree.previous" },
    { GDK_KEY_l, "span-tree.expand" },
    { GDK_KEY_Right, "span-tree.expand" },
    { GDK_KEY_plus, "span-tree.expand" },
    { GDK_KEY_KP_Add, "span-tree.expand" },
    { GDK_KEY_h, "span-tree.collapse" },
    { GDK_KEY_Left, "span-tree.collapse" },
    { GDK_KEY_minus, "span-tree.collapse" },
    { GDK_KEY_KP_Subtract, "span-tree.collapse" },
    { GDK_KEY_asterisk, "span-tree.expand-below" },
    { GDK_KEY_KP_Multiply, "span-tree.expand-below" },
    { GDK_KEY_bracketleft, "span-tree.expand-all" },
    { GDK_KEY_bracketright, "span-tree.collapse-all" },
    { GDK_KEY_Escape, "span-tree.unselect" },
    { GDK_KEY_Menu, "span-tree.context-menu" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                                  GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("span-tree.context-menu")));

  /* Capture: the list view consumes Left and Right itself. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

static void
update_actions (ContrailSpanTree *self)
{
  gboolean has_rows = self->trace != NULL && contrail_trace_get_span_count (self->trace) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "span-tree.expand-all", has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "span-tree.collapse-all", has_rows);
}

/* ---- Row height ---- */

static void
update_row_height (ContrailSpanTree *self)
{
  int height = 0;

  gtk_widget_measure (self->probe, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);

  if (height <= 0 || height == self->row_height)
    return;

  self->row_height = height;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_HEIGHT]);
}

/* ---- GtkWidget ---- */

static void
contrail_span_tree_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
contrail_span_tree_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);

  gtk_widget_size_allocate (self->box, &(GtkAllocation) { 0, 0, width, height }, -1);
  /* Not shown: only measured. */
  gtk_widget_size_allocate (self->probe, &(GtkAllocation) { 0, 0, width, self->row_height }, -1);

  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
contrail_span_tree_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);

  GTK_WIDGET_CLASS (contrail_span_tree_parent_class)->css_changed (widget, change);

  update_row_height (self);
}

static void
contrail_span_tree_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (contrail_span_tree_parent_class)->root (widget);

  update_row_height (CONTRAIL_SPAN_TREE (widget));
}

static void
contrail_span_tree_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (contrail_span_tree_parent_class)->map (widget);

  schedule_expanding (CONTRAIL_SPAN_TREE (widget));
}

static void
contrail_span_tree_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (contrail_span_tree_parent_class)->unmap (widget);

  schedule_expanding (CONTRAIL_SPAN_TREE (widget));
}

static gboolean
contrail_span_tree_grab_focus (GtkWidget *widget)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* ---- GObject ---- */

static void
contrail_span_tree_dispose (GObject *object)
{
  ContrailSpanTree *self = (ContrailSpanTree *)object;

  clear_expand_sources (self);
  self->expanding = FALSE;
  g_clear_handle_id (&self->filter_done_source, g_source_remove);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_func (self->filtered, filter_pending_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_SPAN_TREE);
  g_clear_pointer (&self->probe, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->context_menu);
  g_clear_object (&self->expand_result);
  g_clear_object (&self->filter_result);
  g_clear_object (&self->pending_select);
  g_clear_object (&self->result);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->selected_span);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (contrail_span_tree_parent_class)->dispose (object);
}

static void
contrail_span_tree_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    case PROP_SELECTED_SPAN:
      g_value_set_object (value, self->selected_span);
      break;

    case PROP_EXPAND_DEPTH:
      g_value_set_int (value, self->expand_depth);
      break;

    case PROP_EXPANDING:
      g_value_set_boolean (value, self->expanding);
      break;

    case PROP_ROW_HEIGHT:
      g_value_set_int (value, contrail_span_tree_get_row_height (self));
      break;

    case PROP_SEARCH_RESULT:
      g_value_set_object (value, self->result);
      break;

    case PROP_MATCHES_ONLY:
      g_value_set_boolean (value, self->matches_only);
      break;

    case PROP_CONTEXT_MENU:
      g_value_set_object (value, self->context_menu);
      break;

    case PROP_FILTERING:
      g_value_set_boolean (value, contrail_span_tree_get_filtering (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_span_tree_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ContrailSpanTree *self = CONTRAIL_SPAN_TREE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      contrail_span_tree_set_trace (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_SPAN:
      contrail_span_tree_set_selected_span (self, g_value_get_object (value));
      break;

    case PROP_EXPAND_DEPTH:
      contrail_span_tree_set_expand_depth (self, g_value_get_int (value));
      break;

    case PROP_SEARCH_RESULT:
      contrail_span_tree_set_search_result (self, g_value_get_object (value));
      break;

    case PROP_MATCHES_ONLY:
      contrail_span_tree_set_matches_only (self, g_value_get_boolean (value));
      break;

    case PROP_CONTEXT_MENU:
      contrail_span_tree_set_context_menu (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_span_tree_class_init (ContrailSpanTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrail_span_tree_dispose;
  object_class->get_property = contrail_span_tree_get_property;
  object_class->set_property = contrail_span_tree_set_property;

  widget_class->measure = contrail_span_tree_measure;
  widget_class->size_allocate = contrail_span_tree_size_allocate;
  widget_class->css_changed = contrail_span_tree_css_changed;
  widget_class->root = contrail_span_tree_root;
  widget_class->map = contrail_span_tree_map;
  widget_class->unmap = contrail_span_tree_unmap;
  widget_class->grab_focus = contrail_span_tree_grab_focus;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         CONTRAIL_TYPE_TRACE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_SPAN] =
    g_param_spec_object ("selected-span", NULL, NULL,
                         CONTRAIL_TYPE_SPAN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPAND_DEPTH] =
    g_param_spec_int ("expand-depth", NULL, NULL,
                      0, G_MAXINT, 2,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPANDING] =
    g_param_spec_boolean ("expanding", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROW_HEIGHT] =
    g_param_spec_int ("row-height", NULL, NULL,
                      1, G_MAXINT, 30,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_RESULT] =
    g_param_spec_object ("search-result", NULL, NULL,
                         CONTRAIL_TYPE_SEARCH_RESULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MATCHES_ONLY] =
    g_param_spec_boolean ("matches-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTEXT_MENU] =
    g_param_spec_object ("context-menu", NULL, NULL,
                         G_TYPE_MENU_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILTERING] =
    g_param_spec_boolean ("filtering", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ContrailSpanTree::span-activated:
   * @span: the span
   *
   * Enter or a double click on a row (which also expands or collapses it).
   */
  signals[SPAN_ACTIVATED] =
    g_signal_new ("span-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONTRAIL_TYPE_SPAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-span-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailSpanTree, box);
  gtk_widget_class_bind_template_child (widget_class, ContrailSpanTree, stack);
  gtk_widget_class_bind_template_child (widget_class, ContrailSpanTree, scroller);
  gtk_widget_class_bind_template_child (widget_class, ContrailSpanTree, list_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "span-tree.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "span-tree.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "span-tree.expand", NULL, expand_action);
  gtk_widget_class_install_action (widget_class, "span-tree.collapse", NULL, collapse_action);
  gtk_widget_class_install_action (widget_class, "span-tree.expand-below", NULL,
                                   expand_below_action);
  gtk_widget_class_install_action (widget_class, "span-tree.expand-all", NULL, expand_all_action);
  gtk_widget_class_install_action (widget_class, "span-tree.collapse-all", NULL,
                                   collapse_all_action);
  gtk_widget_class_install_action (widget_class, "span-tree.unselect", NULL, unselect_action);
  gtk_widget_class_install_action (widget_class, "span-tree.context-menu", NULL,
                                   context_menu_action);

  gtk_widget_class_set_css_name (widget_class, "spantree");

  g_type_ensure (CONTRAIL_TYPE_SPAN_ROW);
}

static void
contrail_span_tree_init (ContrailSpanTree *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkGesture *secondary;

  self->expand_depth = 2;
  self->row_height = 30;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe = contrail_span_row_new ();
  gtk_widget_set_child_visible (self->probe, FALSE);
  gtk_widget_set_parent (self->probe, GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "notify::pending",
                           G_CALLBACK (filter_pending_cb), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  secondary = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (secondary));

  add_list_shortcuts (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "spans");
}

/* ---- Public API ---- */

GtkWidget *
contrail_span_tree_new (void)
{
  return g_object_new (CONTRAIL_TYPE_SPAN_TREE, NULL);
}

ContrailTrace *
contrail_span_tree_get_trace (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), NULL);

  return self->trace;
}

void
contrail_span_tree_set_trace (ContrailSpanTree *self,
                              ContrailTrace    *trace)
{
  g_autoptr(GtkTreeListModel) tree = NULL;

  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));
  g_return_if_fail (trace == NULL || CONTRAIL_IS_TRACE (trace));

  if (self->trace == trace)
    return;

  stop_expanding (self);
  g_set_object (&self->trace, trace);

  /* The matches were spans of the old trace: no filter, without looking
   * at the old rows again. */
  g_clear_object (&self->pending_select);
  if (self->has_filter_func)
    {
      gtk_filter_list_model_set_model (self->filtered, NULL);
      gtk_filter_list_model_set_incremental (self->filtered, FALSE);
      g_clear_object (&self->filter_result);
      self->has_filter_func = FALSE;
      gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
      finish_filtering (self);
    }
  if (self->result != NULL)
    {
      g_clear_object (&self->result);
      g_clear_object (&self->filter_result);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_RESULT]);
    }

  if (trace != NULL)
    {
      tree = gtk_tree_list_model_new (g_object_ref (contrail_trace_get_roots (trace)),
                                      FALSE, FALSE, create_children_cb, NULL, NULL);

      /* Expand the first levels before the view sees the model (one
       * items-changed instead of one per row); a huge trace goes on in
       * idle slices once it is shown. */
      g_set_object (&self->tree, tree);
      self->expand_position = 0;
      self->expand_max_depth = self->expand_depth;
      if (self->expand_depth > 0 &&
          !expand_some (self, g_get_monotonic_time () + INITIAL_EXPAND_USEC))
        start_expanding (self, self->expand_depth, self->expand_position);
    }
  else
    {
      g_clear_object (&self->tree);
    }

  self->updating_selection = TRUE;
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->tree));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating_selection = FALSE;
  selection_changed_cb (self);

  gtk_stack_set_visible_child_name (self->stack,
                                    trace != NULL && contrail_trace_get_n_roots (trace) == 0
                                    ? "empty" : "spans");
  if (trace != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

ContrailSpan *
contrail_span_tree_get_selected_span (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), NULL);

  return self->selected_span;
}

void
contrail_span_tree_set_selected_span (ContrailSpanTree *self,
                                      ContrailSpan     *span)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));
  g_return_if_fail (span == NULL || CONTRAIL_IS_SPAN (span));

  if (self->selected_span == span && self->pending_select == NULL)
    return;

  select_span (self, span);
}

int
contrail_span_tree_get_expand_depth (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), 0);

  return self->expand_depth;
}

void
contrail_span_tree_set_expand_depth (ContrailSpanTree *self,
                                     int               depth)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));

  depth = MAX (depth, 0);
  if (self->expand_depth == depth)
    return;

  /* Applies to the next trace. */
  self->expand_depth = depth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPAND_DEPTH]);
}

void
contrail_span_tree_expand_all (ContrailSpanTree *self)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));

  start_expanding (self, G_MAXUINT, 0);
}

void
contrail_span_tree_collapse_all (ContrailSpanTree *self)
{
  g_autoptr(GtkTreeListModel) tree = NULL;
  ContrailSpan *root = NULL;

  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));

  if (self->trace == NULL)
    return;

  stop_expanding (self);

  /* The root above the selected span stays selected. */
  for (ContrailSpan *s = self->selected_span; s != NULL; s = contrail_span_get_parent (s))
    root = s;

  /* A fresh model: one change, however many rows were expanded. */
  tree = gtk_tree_list_model_new (g_object_ref (contrail_trace_get_roots (self->trace)),
                                  FALSE, FALSE, create_children_cb, NULL, NULL);
  g_set_object (&self->tree, tree);

  self->updating_selection = TRUE;
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->tree));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_clear_object (&self->selected_span);
  self->updating_selection = FALSE;

  if (root != NULL)
    contrail_span_tree_set_selected_span (self, root);
  else
    selection_changed_cb (self);
}

gboolean
contrail_span_tree_get_expanding (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), FALSE);

  return self->expanding;
}

GtkSingleSelection *
contrail_span_tree_get_selection_model (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), NULL);

  return self->selection;
}

GtkAdjustment *
contrail_span_tree_get_vadjustment (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

int
contrail_span_tree_get_row_height (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), 30);

  return self->row_height;
}

GtkCustomFilter *
contrail_span_tree_get_filter (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), NULL);

  return self->filter;
}

ContrailSearchResult *
contrail_span_tree_get_search_result (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), NULL);

  return self->result;
}

void
contrail_span_tree_set_search_result (ContrailSpanTree     *self,
                                      ContrailSearchResult *result)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));
  g_return_if_fail (result == NULL || CONTRAIL_IS_SEARCH_RESULT (result));

  if (result != NULL && contrail_search_result_get_trace (result) != self->trace)
    {
      g_debug ("Ignoring a search result of another trace");
      result = NULL;
    }

  if (!g_set_object (&self->result, result))
    return;

  update_filter (self);
  update_bound_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_RESULT]);
}

gboolean
contrail_span_tree_get_matches_only (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), FALSE);

  return self->matches_only;
}

void
contrail_span_tree_set_matches_only (ContrailSpanTree *self,
                                     gboolean          matches_only)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));

  matches_only = !!matches_only;
  if (self->matches_only == matches_only)
    return;

  self->matches_only = matches_only;
  update_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCHES_ONLY]);
}

GMenuModel *
contrail_span_tree_get_context_menu (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), NULL);

  return self->context_menu;
}

void
contrail_span_tree_set_context_menu (ContrailSpanTree *self,
                                     GMenuModel       *menu)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_TREE (self));
  g_return_if_fail (menu == NULL || G_IS_MENU_MODEL (menu));

  if (!g_set_object (&self->context_menu, menu))
    return;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT_MENU]);
}

gboolean
contrail_span_tree_get_filtering (ContrailSpanTree *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_TREE (self), FALSE);

  return gtk_filter_list_model_get_pending (self->filtered) > 0 || self->filter_done_source != 0;
}
