/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * For tests only: a look inside ContrailWindow.
 */
#pragma once

#include "contrail-window.h"

G_BEGIN_DECLS

/* The name of the visible page: "empty", "loading", "error" or "trace". */
const char *_contrail_window_get_page              (ContrailWindow *self);
/* The span tree's rows (GtkTreeListRow items), or NULL when no trace is shown. */
GListModel *_contrail_window_get_span_model        (ContrailWindow *self);
/* The list of open traces (ContrailTrace items). */
GListModel *_contrail_window_get_traces            (ContrailWindow *self);
GtkWidget  *_contrail_window_get_span_tree         (ContrailWindow *self);
GtkWidget  *_contrail_window_get_detail_pane       (ContrailWindow *self);
GtkWidget  *_contrail_window_get_search_entry      (ContrailWindow *self);
gboolean    _contrail_window_get_search_hint_shown (ContrailWindow *self);
/* The error page's button for the next step, or NULL when it has none. */
GtkWidget  *_contrail_window_get_error_button      (ContrailWindow *self);
GtkWidget  *_contrail_window_get_sidebar           (ContrailWindow *self);
GtkWidget  *_contrail_window_get_timeline_slot     (ContrailWindow *self);
GtkWidget  *_contrail_window_get_timeline          (ContrailWindow *self);
GtkWidget  *_contrail_window_get_find_bar          (ContrailWindow *self);
/* A fetch or a file load is running. */
gboolean    _contrail_window_get_busy              (ContrailWindow *self);

G_END_DECLS
