/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSidebar: the trace lists beside the span tree.
 *
 *  - "Open": the traces loaded in this window (a GListModel of
 *    ContrailTrace); selecting one emits "trace-selected".
 *  - "Recent": the GSettings "recent-traces" (trace IDs and file paths,
 *    newest first), each removable; activating one emits "open-reference".
 *  - "Your Traces": the account's traces (GET /traces through a
 *    ContrailTraceList), paged as the list scrolls to its end, with a name
 *    filter and a refresh button; activating one emits "open-reference"
 *    with its ID.  Without an API key it explains how to add one.
 */
#pragma once

#include <gtk/gtk.h>

#include "contrail-client.h"
#include "contrail-trace.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_SIDEBAR (contrail_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (ContrailSidebar, contrail_sidebar, CONTRAIL, SIDEBAR, GtkWidget)

GtkWidget  *contrail_sidebar_new            (void);
/* @traces: a GListModel of ContrailTrace */
void        contrail_sidebar_set_traces     (ContrailSidebar *self,
                                             GListModel      *traces);
/* Marks @trace (one of the open traces, or NULL) as the one shown. */
void        contrail_sidebar_select_trace   (ContrailSidebar *self,
                                             ContrailTrace   *trace);
/* @settings: NULL when the schema is not installed (then no recent list) */
void        contrail_sidebar_set_settings   (ContrailSidebar *self,
                                             GSettings       *settings);
/* The client for "Your Traces" (NULL: the list is unavailable).  Setting a
 * client loads the first page. */
void        contrail_sidebar_set_client     (ContrailSidebar *self,
                                             ContrailClient  *client);
/* Loads "Your Traces" again from the first page. */
void        contrail_sidebar_reload         (ContrailSidebar *self);

G_END_DECLS
