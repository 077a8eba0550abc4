/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailKeyStore: where the Opper API key is kept, keyed by base URL.
 * The app uses the keyring (ContrailSecretKeyStore); tests use an in-memory
 * implementation so that they never touch a user's keyring.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONTRAIL_TYPE_KEY_STORE (contrail_key_store_get_type ())

G_DECLARE_INTERFACE (ContrailKeyStore, contrail_key_store, CONTRAIL, KEY_STORE, GObject)

struct _ContrailKeyStoreInterface
{
  GTypeInterface parent_iface;

  void      (*lookup_async)  (ContrailKeyStore     *self,
                              const char           *base_url,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  char     *(*lookup_finish) (ContrailKeyStore     *self,
                              GAsyncResult         *result,
                              GError              **error);
  void      (*store_async)   (ContrailKeyStore     *self,
                              const char           *base_url,
                              const char           *key,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*store_finish)  (ContrailKeyStore     *self,
                              GAsyncResult         *result,
                              GError              **error);
};

/* Resolves to the key, or NULL (and no error) when none is stored.  The
 * returned string should be freed with contrail_key_store_free_key(). */
void      contrail_key_store_lookup_async  (ContrailKeyStore     *self,
                                            const char           *base_url,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *contrail_key_store_lookup_finish (ContrailKeyStore     *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Stores @key for @base_url; an empty or NULL key removes it. */
void      contrail_key_store_store_async   (ContrailKeyStore     *self,
                                            const char           *base_url,
                                            const char           *key,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  contrail_key_store_store_finish  (ContrailKeyStore     *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Overwrites the key's memory before freeing it. */
void      contrail_key_store_free_key      (char                 *key);

/* The keyring (Secret Service, through libsecret), schema
 * "io.github.contrail.Contrail.ApiKey" with attribute "base-url". */
ContrailKeyStore *contrail_secret_key_store_new (void);


G_END_DECLS
