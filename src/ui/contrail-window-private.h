/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * For tests only: a look inside ContrailWindow.
 */
#pragma once

#include "contrail-window.h"

G_BEGIN_DECLS

/* The name of the visible page: "empty", "loading", "error" or "trace". */
const char *_contrail_window_get_page       (ContrailWindow *self);
/* The span tree's rows (GtkTreeListRow items), or NULL when no trace is shown. */
GListModel *_contrail_window_get_span_model (ContrailWindow *self);
/* The list of open traces (ContrailTrace items). */
GListModel *_contrail_window_get_traces     (ContrailWindow *self);
GtkWidget  *_contrail_window_get_span_view  (ContrailWindow *self);

G_END_DECLS
