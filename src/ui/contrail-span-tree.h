/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSpanTree: the span tree of one trace.  A GtkListView over
 * GtkTreeListModel → GtkFilterListModel → GtkSingleSelection, with one
 * ContrailSpanRow per row.  The rows have a fixed height, so that the
 * timeline beside the tree can draw one bar per row, scrolled by the same
 * vertical adjustment.
 *
 * Keys (with the list focused): j/k next/previous span, h/l (or Left/Right)
 * collapse/expand (h on a collapsed span goes to its parent), * expands
 * everything below the span, [ and ] expand and collapse the whole tree,
 * Enter expands or collapses the span, Escape unselects, Menu or Shift+F10
 * opens the context menu.
 */
#pragma once

#include <gtk/gtk.h>

#include "contrail-trace.h"
#include "contrail-trace-search.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_SPAN_TREE (contrail_span_tree_get_type ())

G_DECLARE_FINAL_TYPE (ContrailSpanTree, contrail_span_tree, CONTRAIL, SPAN_TREE, GtkWidget)

GtkWidget          *contrail_span_tree_new                 (void);

ContrailTrace      *contrail_span_tree_get_trace           (ContrailSpanTree *self);
/* Shows @trace with its first "expand-depth" levels expanded; nothing is
 * selected. */
void                contrail_span_tree_set_trace           (ContrailSpanTree *self,
                                                            ContrailTrace    *trace);

ContrailSpan       *contrail_span_tree_get_selected_span   (ContrailSpanTree *self);
/* Selects @span (expanding its ancestors and scrolling to it), or unselects
 * with NULL.  A span that is not in the trace unselects. */
void                contrail_span_tree_set_selected_span   (ContrailSpanTree *self,
                                                            ContrailSpan     *span);

int                 contrail_span_tree_get_expand_depth    (ContrailSpanTree *self);
void                contrail_span_tree_set_expand_depth    (ContrailSpanTree *self,
                                                            int               depth);

/* Expands every span, in idle slices (the window stays responsive); the
 * "expanding" property is TRUE until it is done. */
void                contrail_span_tree_expand_all          (ContrailSpanTree *self);
void                contrail_span_tree_collapse_all        (ContrailSpanTree *self);
gboolean            contrail_span_tree_get_expanding       (ContrailSpanTree *self);

/* For the timeline.  The selection model lives as long as the tree (a new
 * trace replaces its items); its items are GtkTreeListRows of ContrailSpans. */
GtkSingleSelection *contrail_span_tree_get_selection_model (ContrailSpanTree *self);
GtkAdjustment      *contrail_span_tree_get_vadjustment     (ContrailSpanTree *self);
/* The height of every row in pixels ("row-height" notifies changes, e.g.
 * when the font changes). */
int                 contrail_span_tree_get_row_height      (ContrailSpanTree *self);

/* The filter between the tree model and the selection, for find-in-trace.
 * It has no function by default (every row matches).  Its items are
 * GtkTreeListRows. */
GtkCustomFilter    *contrail_span_tree_get_filter          (ContrailSpanTree *self);

/* Find in trace: the rows of @result's matches get the "search-match" style
 * class.  @result must be about the tree's trace (or NULL); a new trace
 * drops it. */
ContrailSearchResult *contrail_span_tree_get_search_result (ContrailSpanTree     *self);
void                contrail_span_tree_set_search_result   (ContrailSpanTree     *self,
                                                            ContrailSearchResult *result);
/* With a search result: only its matches and their ancestors are shown (the
 * filter gets a function), and those ancestors are expanded. */
gboolean            contrail_span_tree_get_matches_only    (ContrailSpanTree     *self);
void                contrail_span_tree_set_matches_only    (ContrailSpanTree     *self,
                                                            gboolean              matches_only);

/* A big tree (more than a few thousand rows) is refiltered in idle slices;
 * TRUE until that is done ("filtering" notifies). */
gboolean            contrail_span_tree_get_filtering       (ContrailSpanTree     *self);

/* The menu of a secondary click on a row (which selects the row first), of
 * the Menu key and of Shift+F10. */
GMenuModel         *contrail_span_tree_get_context_menu    (ContrailSpanTree     *self);
void                contrail_span_tree_set_context_menu    (ContrailSpanTree     *self,
                                                            GMenuModel           *menu);

G_END_DECLS
