/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Find in trace: which spans match a query (name, type, model, service,
 * error, id, and the text of inputs, outputs, instructions and
 * observations, case-insensitively) and the quick filters, computed off the
 * main thread for big traces.  The result also knows the ancestors of the
 * matches, for "show matches only".
 */
#pragma once

#include <gio/gio.h>

#include "contrail-trace.h"

G_BEGIN_DECLS

typedef enum
{
  CONTRAIL_SEARCH_FILTER_NONE    = 0,
  CONTRAIL_SEARCH_FILTER_ERRORS  = 1 << 0,  /* spans with an error of their own */
  CONTRAIL_SEARCH_FILTER_LLM     = 1 << 1,  /* LLM calls */
  CONTRAIL_SEARCH_FILTER_SLOWEST = 1 << 2,  /* the slowest 5 % by duration */
} ContrailSearchFilter;

#define CONTRAIL_TYPE_SEARCH_RESULT (contrail_search_result_get_type ())

G_DECLARE_FINAL_TYPE (ContrailSearchResult, contrail_search_result, CONTRAIL, SEARCH_RESULT, GObject)

/* A span matches when it passes every filter and, if @query is not empty,
 * contains it in one of the searched fields. */
ContrailSearchResult *contrail_trace_search        (ContrailTrace         *trace,
                                                    const char            *query,
                                                    ContrailSearchFilter   filters,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
void                  contrail_trace_search_async  (ContrailTrace         *trace,
                                                    const char            *query,
                                                    ContrailSearchFilter   filters,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
ContrailSearchResult *contrail_trace_search_finish (GAsyncResult          *result,
                                                    GError               **error);

ContrailTrace        *contrail_search_result_get_trace     (ContrailSearchResult *self);
const char           *contrail_search_result_get_query     (ContrailSearchResult *self);
ContrailSearchFilter  contrail_search_result_get_filters   (ContrailSearchResult *self);
/* Matches in tree order (depth first, children by start time). */
guint                 contrail_search_result_get_n_matches (ContrailSearchResult *self);
ContrailSpan         *contrail_search_result_get_match     (ContrailSearchResult *self,
                                                            guint                 position);
/* The position of @span among the matches, or -1. */
gint                  contrail_search_result_find          (ContrailSearchResult *self,
                                                            ContrailSpan         *span);
/* For Enter / Shift+Enter: the position of the first match after @span in
 * tree order (before it, with @backward), wrapping around; with @span NULL
 * the first (last) match.  -1 when there are no matches. */
gint                  contrail_search_result_next          (ContrailSearchResult *self,
                                                            ContrailSpan         *span,
                                                            gboolean              backward);
gboolean              contrail_search_result_is_match      (ContrailSearchResult *self,
                                                            ContrailSpan         *span);
/* A match, or an ancestor of one: what "show matches only" keeps. */
gboolean              contrail_search_result_is_visible    (ContrailSearchResult *self,
                                                            ContrailSpan         *span);

G_END_DECLS
