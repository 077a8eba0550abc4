/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailPreferencesWindow: the Opper API key (kept in the keyring through a
 * ContrailKeyStore, never in GSettings) and the base URL (GSettings).
 */
#pragma once

#include <adwaita.h>

#include "contrail-key-store.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_PREFERENCES_WINDOW (contrail_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ContrailPreferencesWindow, contrail_preferences_window,
                      CONTRAIL, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings may be NULL when the schema is not installed (then the base URL
 * row is insensitive). Emits "key-changed" after the key is stored or
 * removed, and "base-url-changed" when the base URL changes. */
GtkWidget *contrail_preferences_window_new (GtkWindow        *parent,
                                            ContrailKeyStore *key_store,
                                            GSettings        *settings);

G_END_DECLS
