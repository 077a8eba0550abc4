/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailPreferencesWindow: the Opper API key, kept in the keyring (a
 * ContrailKeyStore) for the current base URL, and the base URL (GSettings
 * "base-url"), checked with contrail_client_new() before it is saved.
 *
 * The key is never logged, never shown, and never kept: the entry is
 * cleared once the key is stored.  Rows that show user or server text set
 * use-markup to FALSE.
 */

#define G_LOG_DOMAIN "contrail-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "contrail-client.h"
#include "contrail-preferences-window.h"

struct _ContrailPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  ContrailKeyStore     *key_store;      /* may be NULL: the key rows are insensitive */
  GSettings            *settings;       /* may be NULL: the base URL row is insensitive */
  GCancellable         *cancellable;    /* key store calls; cancelled in dispose */
  GCancellable         *test_cancellable;
  char                 *base_url;       /* the effective base URL the key belongs to */

  /* Template widgets */
  AdwPreferencesGroup  *key_group;
  AdwPasswordEntryRow  *key_row;
  AdwActionRow         *key_status_row;
  GtkWidget            *remove_key_button;
  AdwActionRow         *env_key_row;
  AdwEntryRow          *base_url_row;
  AdwActionRow         *base_url_error_row;
  AdwActionRow         *env_url_row;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  GtkWidget            *test_button;

  guint                 storing : 1;
};

G_DEFINE_FINAL_TYPE (ContrailPreferencesWindow, contrail_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_KEY_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  KEY_CHANGED,
  BASE_URL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
nonempty_env (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* What the app will use: $OPPER_BASE_URL, else the setting, else the default;
 * in the client's canonical form (no trailing slash) when it is valid. */
static char *
resolve_base_url (ContrailPreferencesWindow *self)
{
  g_autofree char *setting = NULL;
  g_autoptr(ContrailClient) client = NULL;
  const char *url = nonempty_env ("OPPER_BASE_URL");

  if (url == NULL && self->settings != NULL)
    {
      setting = g_strstrip (g_settings_get_string (self->settings, "base-url"));
      if (setting[0] != '\0')
        url = setting;
    }
  if (url == NULL)
    url = CONTRAIL_CLIENT_DEFAULT_BASE_URL;

  if ((client = contrail_client_new (url, NULL)) != NULL)
    return g_strdup (contrail_client_get_base_url (client));

  return g_strdup (url);
}

/* An error message as a sentence: "refusing …" → "Refusing …". */
static char *
sentence (const char *message)
{
  if (message == NULL || message[0] == '\0')
    return g_strdup ("");

  return g_strdup_printf ("%c%s", g_ascii_toupper (message[0]), message + 1);
}

static void
set_key_status (ContrailPreferencesWindow *self,
                const char                *title,
                const char                *subtitle,
                gboolean                   stored)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_status_row), title);
  adw_action_row_set_subtitle (self->key_status_row, subtitle);
  gtk_widget_set_visible (self->remove_key_button, stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-key",
                                 stored && !self->storing);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ContrailPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  char *key;

  key = contrail_key_store_lookup_finish (CONTRAIL_KEY_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_autofree char *message = sentence (error->message);

      g_debug ("Could not read the keyring: %s", error->message);
      /* Translators: %s is the error from the keyring service */
      subtitle = g_strdup_printf (_("Is a keyring service such as GNOME Keyring running? (%s)"),
                                  message);
      set_key_status (self, _("Could not read the keyring"), subtitle, FALSE);
      return;
    }

  if (key != NULL)
    {
      /* Translators: %s is the API base URL the key belongs to */
      subtitle = g_strdup_printf (_("Stored in your keyring for %s"), self->base_url);
      set_key_status (self, _("A key is saved"), subtitle, TRUE);
    }
  else
    {
      /* Translators: %s is the API base URL */
      subtitle = g_strdup_printf (_("A key entered above is stored in your keyring for %s"),
                                  self->base_url);
      set_key_status (self, _("No key saved"), subtitle, FALSE);
    }

  contrail_key_store_free_key (key);
}

static void
refresh_key_status (ContrailPreferencesWindow *self)
{
  g_free (self->base_url);
  self->base_url = resolve_base_url (self);

  if (self->key_store == NULL)
    {
      set_key_status (self, _("No keyring"), NULL, FALSE);
      return;
    }

  set_key_status (self, _("Checking the keyring…"), NULL, FALSE);
  contrail_key_store_lookup_async (self->key_store, self->base_url, self->cancellable,
                                   lookup_cb, g_object_ref (self));
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ContrailPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  contrail_key_store_store_finish (CONTRAIL_KEY_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->storing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), TRUE);

  if (error != NULL)
    {
      g_autofree char *message = sentence (error->message);

      g_debug ("Could not store the key: %s", error->message);
      set_key_status (self, _("Could not store the key"), message, FALSE);
      return;
    }

  refresh_key_status (self);
  g_signal_emit (self, signals[KEY_CHANGED], 0);
}

/* Stores @key (NULL or "" removes it) for the current base URL. */
static void
store_key (ContrailPreferencesWindow *self,
           const char                *key)
{
  if (self->key_store == NULL || self->storing)
    return;

  self->storing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-key", FALSE);
  contrail_key_store_store_async (self->key_store, self->base_url, key, self->cancellable,
                                  store_cb, g_object_ref (self));
}

static void
key_row_apply_cb (ContrailPreferencesWindow *self,
                  AdwPasswordEntryRow       *row)
{
  char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (key[0] != '\0')
    {
      store_key (self, key);
      /* Not kept around once handed to the store. */
      gtk_editable_set_text (GTK_EDITABLE (row), "");
    }

  contrail_key_store_free_key (key);
}

static void
remove_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  store_key (CONTRAIL_PREFERENCES_WINDOW (widget), NULL);
}

static void
show_base_url_error (ContrailPreferencesWindow *self,
                     const char                *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error_row), message != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->base_url_error_row),
                                 message != NULL ? message : "");
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
}

static void
base_url_changed_cb (ContrailPreferencesWindow *self,
                     AdwEntryRow               *row)
{
  show_base_url_error (self, NULL);
}

static void
base_url_apply_cb (ContrailPreferencesWindow *self,
                   AdwEntryRow               *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(ContrailClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;

  if (text[0] == '\0')
    {
      g_settings_set_string (self->settings, "base-url", "");
      return;
    }

  /* The client's own rules: https, or plain http to this computer only. */
  if (!(client = contrail_client_new (text, &error)))
    {
      g_autofree char *message = sentence (error->message);

      show_base_url_error (self, message);
      return;
    }

  show_base_url_error (self, NULL);
  g_settings_set_string (self->settings, "base-url", contrail_client_get_base_url (client));
}

static void
settings_changed_cb (ContrailPreferencesWindow *self,
                     const char                *key,
                     GSettings                 *settings)
{
  g_autofree char *value = g_settings_get_string (settings, "base-url");

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row)), value) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), value);
  show_base_url_error (self, NULL);

  refresh_key_status (self);
  g_signal_emit (self, signals[BASE_URL_CHANGED], 0, self->base_url);
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ContrailPreferencesWindow) self = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  gint64 total = -1;

  page = contrail_client_list_traces_finish (CONTRAIL_CLIENT (object), result, &total, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->test_cancellable);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.test-connection", TRUE);

  if (error != NULL)
    subtitle = sentence (error->message);
  else if (total >= 0)
    subtitle = g_strdup_printf (ngettext ("Connected: the account has %" G_GINT64_FORMAT " trace",
                                          "Connected: the account has %" G_GINT64_FORMAT " traces",
                                          total),
                                total);
  else
    subtitle = g_strdup (_("Connected"));

  adw_action_row_set_subtitle (self->test_row, subtitle);
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ContrailPreferencesWindow *self = CONTRAIL_PREFERENCES_WINDOW (widget);
  g_autoptr(ContrailClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *env_key = nonempty_env ("OPPER_API_KEY");

  if (!(client = contrail_client_new (self->base_url, &error)))
    {
      g_autofree char *message = sentence (error->message);

      adw_action_row_set_subtitle (self->test_row, message);
      return;
    }

  if (env_key != NULL)
    contrail_client_set_api_key (client, env_key);
  else if (self->key_store != NULL)
    contrail_client_set_key_store (client, self->key_store);

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (widget, "prefs.test-connection", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));

  contrail_client_list_traces_async (client, 0, 1, NULL, self->test_cancellable,
                                     test_cb, g_object_ref (self));
}

static void
contrail_preferences_window_constructed (GObject *object)
{
  ContrailPreferencesWindow *self = (ContrailPreferencesWindow *)object;
  const char *env_url = nonempty_env ("OPPER_BASE_URL");

  G_OBJECT_CLASS (contrail_preferences_window_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->env_key_row), nonempty_env ("OPPER_API_KEY") != NULL);

  if (env_url != NULL)
    {
      /* Translators: %s is the URL the environment variable holds */
      g_autofree char *subtitle = g_strdup_printf (_("It takes precedence over the base URL here: %s"),
                                                   env_url);

      adw_action_row_set_subtitle (self->env_url_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->env_url_row), TRUE);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), self->key_store != NULL);

  if (self->settings != NULL)
    {
      g_autofree char *value = g_settings_get_string (self->settings, "base-url");

      gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), value);
      g_signal_connect_object (self->settings, "changed::base-url",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->base_url_row), FALSE);
    }

  refresh_key_status (self);
}

static void
contrail_preferences_window_dispose (GObject *object)
{
  ContrailPreferencesWindow *self = (ContrailPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->key_store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (contrail_preferences_window_parent_class)->dispose (object);
}

static void
contrail_preferences_window_finalize (GObject *object)
{
  ContrailPreferencesWindow *self = (ContrailPreferencesWindow *)object;

  g_free (self->base_url);

  G_OBJECT_CLASS (contrail_preferences_window_parent_class)->finalize (object);
}

static void
contrail_preferences_window_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  ContrailPreferencesWindow *self = CONTRAIL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_KEY_STORE:
      g_value_set_object (value, self->key_store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_preferences_window_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  ContrailPreferencesWindow *self = CONTRAIL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_KEY_STORE:
      self->key_store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_preferences_window_class_init (ContrailPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = contrail_preferences_window_constructed;
  object_class->dispose = contrail_preferences_window_dispose;
  object_class->finalize = contrail_preferences_window_finalize;
  object_class->get_property = contrail_preferences_window_get_property;
  object_class->set_property = contrail_preferences_window_set_property;

  properties[PROP_KEY_STORE] = g_param_spec_object ("key-store", NULL, NULL,
                                                    CONTRAIL_TYPE_KEY_STORE, flags);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After the key was stored or removed. */
  signals[KEY_CHANGED] = g_signal_new ("key-changed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
  /* After the base URL setting changed; the argument is the base URL now in
   * effect (the environment's, the setting's or the default). */
  signals[BASE_URL_CHANGED] = g_signal_new ("base-url-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, key_group);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, key_status_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, env_key_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, base_url_error_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, env_url_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, ContrailPreferencesWindow, test_button);
  gtk_widget_class_bind_template_callback (widget_class, key_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.remove-key", NULL, remove_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL,
                                   test_connection_action);
}

static void
contrail_preferences_window_init (ContrailPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-key", FALSE);
}

GtkWidget *
contrail_preferences_window_new (GtkWindow        *parent,
                                 ContrailKeyStore *key_store,
                                 GSettings        *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (key_store == NULL || CONTRAIL_IS_KEY_STORE (key_store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CONTRAIL_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "key-store", key_store,
                       "settings", settings,
                       NULL);
}
