/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-key-store"

#include "config.h"

#include <string.h>

#include "contrail-key-store.h"

G_DEFINE_INTERFACE (ContrailKeyStore, contrail_key_store, G_TYPE_OBJECT)

static void
contrail_key_store_default_init (ContrailKeyStoreInterface *iface)
{
}

void
contrail_key_store_lookup_async (ContrailKeyStore    *self,
                                 const char          *base_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CONTRAIL_IS_KEY_STORE (self));
  g_return_if_fail (base_url != NULL);

  CONTRAIL_KEY_STORE_GET_IFACE (self)->lookup_async (self, base_url, cancellable,
                                                     callback, user_data);
}

char *
contrail_key_store_lookup_finish (ContrailKeyStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (CONTRAIL_IS_KEY_STORE (self), NULL);

  return CONTRAIL_KEY_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
contrail_key_store_store_async (ContrailKeyStore    *self,
                                const char          *base_url,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CONTRAIL_IS_KEY_STORE (self));
  g_return_if_fail (base_url != NULL);

  CONTRAIL_KEY_STORE_GET_IFACE (self)->store_async (self, base_url, key, cancellable,
                                                    callback, user_data);
}

gboolean
contrail_key_store_store_finish (ContrailKeyStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (CONTRAIL_IS_KEY_STORE (self), FALSE);

  return CONTRAIL_KEY_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
contrail_key_store_free_key (char *key)
{
  if (key == NULL)
    return;

  /* Not a guarantee (copies may exist elsewhere), but no key is left
   * lying in freed memory by us. */
  memset (key, 0, strlen (key));
  g_free (key);
}
