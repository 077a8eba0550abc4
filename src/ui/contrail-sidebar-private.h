/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * For tests only: a look inside ContrailSidebar.
 */
#pragma once

#include "contrail-sidebar.h"

G_BEGIN_DECLS

/* The account's traces (ContrailTraceSummary items), or NULL without a client. */
GListModel *_contrail_sidebar_get_account_model (ContrailSidebar *self);
/* The recent traces (GtkStringObject items). */
GListModel *_contrail_sidebar_get_recent_model  (ContrailSidebar *self);
/* "list" or "no-key" (no API key, or a rejected one). */
const char *_contrail_sidebar_get_account_page  (ContrailSidebar *self);
/* Activates the row of the account list at @position, as a click does. */
void        _contrail_sidebar_activate_account  (ContrailSidebar *self,
                                                 guint            position);
/* Activates the recent trace at @position, or removes it with @remove. */
void        _contrail_sidebar_activate_recent   (ContrailSidebar *self,
                                                 guint            position,
                                                 gboolean         remove);

G_END_DECLS
