/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSpanRow: one row of the span tree.  Shows the span of a
 * GtkTreeListRow: indentation and expander, kind icon, name, error mark, model,
 * tokens and duration.  A collapsed row with children shows the tokens of
 * its whole subtree ("Σ 12,345").  Its height is fixed (contrail_span_row_get_height()),
 * so that the timeline can draw its bars on the same rows.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONTRAIL_TYPE_SPAN_ROW (contrail_span_row_get_type ())

G_DECLARE_FINAL_TYPE (ContrailSpanRow, contrail_span_row, CONTRAIL, SPAN_ROW, GtkWidget)

GtkWidget      *contrail_span_row_new          (void);
GtkTreeListRow *contrail_span_row_get_list_row (ContrailSpanRow *self);
void            contrail_span_row_set_list_row (ContrailSpanRow *self,
                                                GtkTreeListRow  *list_row);
/* Find in trace: the row shows a match (style class "search-match"). */
void            contrail_span_row_set_search_match (ContrailSpanRow *self,
                                                    gboolean         match);

G_END_DECLS
