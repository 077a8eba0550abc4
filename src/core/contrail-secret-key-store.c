/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSecretKeyStore: the API key in the user's keyring through
 * libsecret (the Secret Service, or the Secret portal inside Flatpak).
 */
#define G_LOG_DOMAIN "contrail-secret-key-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "contrail-key-store.h"

#define CONTRAIL_TYPE_SECRET_KEY_STORE (contrail_secret_key_store_get_type ())
G_DECLARE_FINAL_TYPE (ContrailSecretKeyStore, contrail_secret_key_store,
                      CONTRAIL, SECRET_KEY_STORE, GObject)

struct _ContrailSecretKeyStore
{
  GObject parent_instance;
};

static void key_store_iface_init (ContrailKeyStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ContrailSecretKeyStore, contrail_secret_key_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CONTRAIL_TYPE_KEY_STORE,
                                                      key_store_iface_init))

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.contrail.Contrail.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify)contrail_key_store_free_key);
}

static void
contrail_secret_key_store_lookup_async (ContrailKeyStore    *store,
                                        const char          *base_url,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, contrail_secret_key_store_lookup_async);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "base-url", base_url,
                          NULL);
}

static char *
contrail_secret_key_store_lookup_finish (ContrailKeyStore  *store,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_get_task_data (task) != NULL)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
contrail_secret_key_store_store_async (ContrailKeyStore    *store,
                                       const char          *base_url,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf (_("Opper API key for %s"), base_url);

  g_task_set_source_tag (task, contrail_secret_key_store_store_async);

  if (key != NULL && key[0] != '\0')
    {
      g_task_set_task_data (task, GINT_TO_POINTER (1), NULL);
      secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, key,
                             cancellable, store_cb, g_steal_pointer (&task),
                             "base-url", base_url,
                             NULL);
    }
  else
    {
      secret_password_clear (get_schema (), cancellable, store_cb, g_steal_pointer (&task),
                             "base-url", base_url,
                             NULL);
    }
}

static gboolean
contrail_secret_key_store_store_finish (ContrailKeyStore  *store,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
key_store_iface_init (ContrailKeyStoreInterface *iface)
{
  iface->lookup_async = contrail_secret_key_store_lookup_async;
  iface->lookup_finish = contrail_secret_key_store_lookup_finish;
  iface->store_async = contrail_secret_key_store_store_async;
  iface->store_finish = contrail_secret_key_store_store_finish;
}

static void
contrail_secret_key_store_class_init (ContrailSecretKeyStoreClass *klass)
{
}

static void
contrail_secret_key_store_init (ContrailSecretKeyStore *self)
{
}

ContrailKeyStore *
contrail_secret_key_store_new (void)
{
  return g_object_new (CONTRAIL_TYPE_SECRET_KEY_STORE, NULL);
}
