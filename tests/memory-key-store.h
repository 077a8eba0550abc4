/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A ContrailKeyStore in memory, so that tests never touch a real keyring. */
#pragma once

#include "contrail-key-store.h"

G_BEGIN_DECLS

#define MEMORY_TYPE_KEY_STORE (memory_key_store_get_type ())
G_DECLARE_FINAL_TYPE (MemoryKeyStore, memory_key_store, MEMORY, KEY_STORE, GObject)

MemoryKeyStore *memory_key_store_new         (void);
guint           memory_key_store_get_lookups (MemoryKeyStore *self);

G_END_DECLS
