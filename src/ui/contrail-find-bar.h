/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailFindBar: find in trace.  A GtkSearchBar with a search entry, a
 * match counter ("3 of 12"), previous/next buttons, quick-filter pills
 * (errors, LLM calls, slowest 5 %) and "show matches only".
 *
 * It searches its trace off the main thread (contrail_trace_search_async; a
 * newer search cancels the older one) and publishes the outcome as its
 * "result" property, which the span tree and the timeline show.  It never
 * selects anything itself: moving to a match emits "match-activated", and
 * the owner selects that span and tells the bar through "current-span".
 *
 * Keys in the entry: Enter / Ctrl+G next match, Shift+Enter / Ctrl+Shift+G
 * previous match, Escape closes the bar.
 */
#pragma once

#include <gtk/gtk.h>

#include "contrail-trace-search.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_FIND_BAR (contrail_find_bar_get_type ())

G_DECLARE_FINAL_TYPE (ContrailFindBar, contrail_find_bar, CONTRAIL, FIND_BAR, GtkWidget)

GtkWidget            *contrail_find_bar_new              (void);

ContrailTrace        *contrail_find_bar_get_trace        (ContrailFindBar      *self);
void                  contrail_find_bar_set_trace        (ContrailFindBar      *self,
                                                          ContrailTrace        *trace);

/* Open: the entry takes the focus (its text selected); closed: no result. */
gboolean              contrail_find_bar_get_search_mode  (ContrailFindBar      *self);
void                  contrail_find_bar_set_search_mode  (ContrailFindBar      *self,
                                                          gboolean              search_mode);

const char           *contrail_find_bar_get_query        (ContrailFindBar      *self);
/* Sets the entry's text; the search starts right away (no typing delay). */
void                  contrail_find_bar_set_query        (ContrailFindBar      *self,
                                                          const char           *query);

ContrailSearchFilter  contrail_find_bar_get_filters      (ContrailFindBar      *self);
void                  contrail_find_bar_set_filters      (ContrailFindBar      *self,
                                                          ContrailSearchFilter  filters);

gboolean              contrail_find_bar_get_matches_only (ContrailFindBar      *self);
void                  contrail_find_bar_set_matches_only (ContrailFindBar      *self,
                                                          gboolean              matches_only);

/* The span the counter counts from and next/previous start at. */
ContrailSpan         *contrail_find_bar_get_current_span (ContrailFindBar      *self);
void                  contrail_find_bar_set_current_span (ContrailFindBar      *self,
                                                          ContrailSpan         *span);

/* The last finished search of the trace, or NULL: the bar is closed, there
 * is neither a query nor a filter, or the first search is still running. */
ContrailSearchResult *contrail_find_bar_get_result       (ContrailFindBar      *self);
/* A search is running (the result is about to change). */
gboolean              contrail_find_bar_get_searching    (ContrailFindBar      *self);
/* What the counter says: "3 of 12", "12 matches", "No matches" or "". */
const char           *contrail_find_bar_get_counter_text (ContrailFindBar      *self);

/* Emits "match-activated" with the next (previous) match after the current
 * span, wrapping around; FALSE when there is no match. */
gboolean              contrail_find_bar_next_match       (ContrailFindBar      *self,
                                                          gboolean              backward);

G_END_DECLS
