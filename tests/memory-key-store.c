/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "memory-key-store"

#include "config.h"

#include "memory-key-store.h"

struct _MemoryKeyStore
{
  GObject     parent_instance;
  GHashTable *keys;      /* base URL → key */
  guint       lookups;
};

static void key_store_iface_init (ContrailKeyStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MemoryKeyStore, memory_key_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CONTRAIL_TYPE_KEY_STORE, key_store_iface_init))

static void
memory_lookup_async (ContrailKeyStore    *store,
                     const char          *base_url,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  MemoryKeyStore *self = MEMORY_KEY_STORE (store);
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  self->lookups++;
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->keys, base_url)), g_free);
}

static char *
memory_lookup_finish (ContrailKeyStore  *store,
                      GAsyncResult      *result,
                      GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_store_async (ContrailKeyStore    *store,
                    const char          *base_url,
                    const char          *key,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  MemoryKeyStore *self = MEMORY_KEY_STORE (store);
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  if (key != NULL && key[0] != '\0')
    g_hash_table_insert (self->keys, g_strdup (base_url), g_strdup (key));
  else
    g_hash_table_remove (self->keys, base_url);

  g_task_return_boolean (task, TRUE);
}

static gboolean
memory_store_finish (ContrailKeyStore  *store,
                     GAsyncResult      *result,
                     GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
key_store_iface_init (ContrailKeyStoreInterface *iface)
{
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = memory_lookup_finish;
  iface->store_async = memory_store_async;
  iface->store_finish = memory_store_finish;
}

static void
memory_key_store_finalize (GObject *object)
{
  MemoryKeyStore *self = MEMORY_KEY_STORE (object);

  g_hash_table_unref (self->keys);

  G_OBJECT_CLASS (memory_key_store_parent_class)->finalize (object);
}

static void
memory_key_store_class_init (MemoryKeyStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = memory_key_store_finalize;
}

static void
memory_key_store_init (MemoryKeyStore *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

MemoryKeyStore *
memory_key_store_new (void)
{
  return g_object_new (MEMORY_TYPE_KEY_STORE, NULL);
}

guint
memory_key_store_get_lookups (MemoryKeyStore *self)
{
  return self->lookups;
}
