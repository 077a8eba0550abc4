/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSpanRow: one row of the span tree.  Shows the span of a
 * GtkTreeListRow: indentation and expander, kind icon, name, error mark, model,
 * tokens and duration.  Its height is fixed (contrail_span_row_get_height()),
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

G_END_DECLS
