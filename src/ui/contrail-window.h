/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "contrail-client.h"
#include "contrail-span.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_WINDOW (contrail_window_get_type ())

G_DECLARE_FINAL_TYPE (ContrailWindow, contrail_window, CONTRAIL, WINDOW, AdwApplicationWindow)

ContrailWindow *contrail_window_new               (GtkApplication *application);
void            contrail_window_add_traces        (ContrailWindow *self,
                                                   GPtrArray      *traces);
void            contrail_window_show_error        (ContrailWindow *self,
                                                   const GError   *error);
void            contrail_window_open_file         (ContrailWindow *self,
                                                   GFile          *file);
void            contrail_window_open_demo         (ContrailWindow *self);
gboolean        contrail_window_open_reference    (ContrailWindow *self,
                                                   const char     *text);
void            contrail_window_set_client        (ContrailWindow *self,
                                                   ContrailClient *client,
                                                   const GError   *error);
void            contrail_window_show_message      (ContrailWindow *self,
                                                   const char     *message);
ContrailSpan   *contrail_window_get_selected_span (ContrailWindow *self);

G_END_DECLS
