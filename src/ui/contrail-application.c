/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailApplication: the app object.  It keeps what the command line asked
 * for (TRACE arguments, --demo) and hands it to the window on activation.
 *
 * It owns the Opper API client (one per process): the base URL comes from
 * --base-url, else $OPPER_BASE_URL, else GSettings, else the default; the
 * key from $OPPER_API_KEY, else the keyring.  The client is made again when
 * the Preferences change the key or the base URL, and handed to every window.
 *
 * Contrail is a unique application.  When a second `contrail FILE` starts
 * while one is running, the second process forwards its TRACE arguments to
 * the first through the "app.open-traces" action (with file paths made
 * absolute), so the running window opens them.
 */

#define G_LOG_DOMAIN "contrail-application"

#include "config.h"

#include <glib/gi18n.h>

#include "contrail-application.h"
#include "contrail-client.h"
#include "contrail-key-store.h"
#include "contrail-preferences-window.h"
#include "contrail-window.h"

struct _ContrailApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  char          **traces;       /* from the command line; file paths absolute */
  char           *base_url;     /* --base-url */
  GSettings      *settings;     /* NULL when the schema is not installed */
  ContrailKeyStore *key_store;
  ContrailClient *client;       /* NULL when the base URL is not valid … */
  GError         *client_error; /* … and this says why */

  /* Borrowed (weak) */
  GtkWidget      *preferences;

  gboolean        demo;
  gboolean        opened;     /* the command-line traces were handed to a window */
};

G_DEFINE_FINAL_TYPE (ContrailApplication, contrail_application, ADW_TYPE_APPLICATION)

static ContrailWindow *
get_window (ContrailApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  ContrailWindow *new_window;

  if (CONTRAIL_IS_WINDOW (window))
    return CONTRAIL_WINDOW (window);

  new_window = contrail_window_new (GTK_APPLICATION (self));
  contrail_window_set_client (new_window, self->client, self->client_error);

  return new_window;
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/* (Re)makes the client from the command line, environment, settings and
 * keyring, and hands it to every window. */
static void
update_client (ContrailApplication *self)
{
  g_autofree char *base_url = contrail_client_resolve_base_url (self->base_url);
  const char *env_key = g_getenv ("OPPER_API_KEY");

  g_clear_object (&self->client);
  g_clear_error (&self->client_error);

  self->client = contrail_client_new (base_url, &self->client_error);
  if (self->client != NULL)
    {
      if (env_key != NULL && env_key[0] != '\0')
        contrail_client_set_api_key (self->client, env_key);
      else
        contrail_client_set_key_store (self->client, self->key_store);
    }
  else
    {
      g_debug ("No API client for %s: %s", base_url, self->client_error->message);
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (CONTRAIL_IS_WINDOW (l->data))
        contrail_window_set_client (l->data, self->client, self->client_error);
    }
}

/* A trace UUID (8-4-4-4-12 hex digits) anywhere in @str. */
static gboolean
contains_uuid (const char *str)
{
  static const guint groups[] = { 8, 4, 4, 4, 12 };
  gsize len = strlen (str);

  for (gsize start = 0; start + 36 <= len; start++)
    {
      const char *p = str + start;
      gboolean match = TRUE;

      for (guint g = 0; match && g < G_N_ELEMENTS (groups); g++)
        {
          for (guint i = 0; match && i < groups[g]; i++, p++)
            match = g_ascii_isxdigit (*p);
          if (match && g + 1 < G_N_ELEMENTS (groups))
            match = *p++ == '-';
        }

      if (match)
        return TRUE;
    }

  return FALSE;
}

static void
open_traces (ContrailApplication *self,
             gboolean             demo,
             const char * const  *traces)
{
  ContrailWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));

  if (demo)
    contrail_window_open_demo (window);

  /* Files first: opening a file drops a fetch under way (the newer request
   * wins), and here both are wanted. */
  for (guint i = 0; traces != NULL && traces[i] != NULL; i++)
    {
      if (g_file_test (traces[i], G_FILE_TEST_EXISTS) || !contains_uuid (traces[i]))
        {
          g_autoptr(GFile) file = g_file_new_for_path (traces[i]);

          contrail_window_open_file (window, file);
        }
    }

  for (guint i = 0; traces != NULL && traces[i] != NULL; i++)
    {
      if (g_file_test (traces[i], G_FILE_TEST_EXISTS) || !contains_uuid (traces[i]))
        continue;

      if (!contrail_window_open_reference (window, traces[i]))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a trace ID, an Opper trace link or a trace file"),
                             traces[i]);

          contrail_window_show_message (window, message);
        }
    }
}

static void
open_traces_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ContrailApplication *self = user_data;
  g_autofree const char **traces = NULL;
  gboolean demo = FALSE;

  g_variant_get (parameter, "(b^a&s)", &demo, &traces);
  open_traces (self, demo, traces);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ContrailApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Contrail contributors", NULL };
  GtkWidget *about;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* AdwAboutWindow: deprecated in libadwaita 1.6 */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Contrail"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Contrail contributors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Look inside LLM traces recorded by the Opper platform: "
                                      "the span tree, timings, tokens, inputs and outputs."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_changed_cb (ContrailApplication *self)
{
  update_client (self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ContrailApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->preferences != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->preferences));
      return;
    }

  self->preferences = contrail_preferences_window_new (parent, self->key_store, self->settings);
  g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
  g_signal_connect_object (self->preferences, "key-changed",
                           G_CALLBACK (preferences_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preferences, "base-url-changed",
                           G_CALLBACK (preferences_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ContrailApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close (not destroy) the windows, so that they save their state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "open-traces", open_traces_action, "(bas)" },
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
contrail_application_finalize (GObject *object)
{
  ContrailApplication *self = (ContrailApplication *)object;

  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
  g_clear_pointer (&self->traces, g_strfreev);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->client);
  g_clear_error (&self->client_error);
  g_clear_object (&self->key_store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (contrail_application_parent_class)->finalize (object);
}

static gboolean
contrail_application_local_command_line (GApplication   *application,
                                         char         ***arguments,
                                         int            *exit_status)
{
  ContrailApplication *self = (ContrailApplication *)application;
  g_autoptr(GError) error = NULL;

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("contrail: %s\n", error->message);
      *exit_status = 1;
      return TRUE;
    }

  /* Another instance runs: hand it our traces (or just raise its window). */
  if (g_application_get_is_remote (application))
    {
      const char * const empty[] = { NULL };
      const char * const *traces = self->traces ? (const char * const *)self->traces : empty;

      g_action_group_activate_action (G_ACTION_GROUP (application), "open-traces",
                                      g_variant_new ("(b^as)", self->demo, traces));
      *exit_status = 0;
      return TRUE;
    }

  return G_APPLICATION_CLASS (contrail_application_parent_class)->local_command_line (application,
                                                                                    arguments,
                                                                                    exit_status);
}

static void
contrail_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *search_accels[] = { "<Control>l", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  ContrailApplication *self = CONTRAIL_APPLICATION (application);

  G_APPLICATION_CLASS (contrail_application_parent_class)->startup (application);

  self->settings = settings_new_if_installed ();
  self->key_store = contrail_secret_key_store_new ();
  update_client (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.open-file",
                                         open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.focus-search",
                                         search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-sidebar",
                                         sidebar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.refresh",
                                         refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  /* Not Ctrl+V: application accelerators come before a focused entry's own
   * paste.  The window binds it instead. */
}

/* For the benchmark's cold-start figure (tests/bench): with
 * CONTRAIL_EXIT_AFTER_FIRST_FRAME set, say when the window's first frame is
 * painted, then quit. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        gpointer       user_data)
{
  GApplication *application = user_data;

  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, user_data);
  g_print ("first-frame\n");
  g_application_quit (application);
}

static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), user_data, 0);
}

static void
contrail_application_activate (GApplication *application)
{
  ContrailApplication *self = (ContrailApplication *)application;
  gboolean demo;

  if (self->opened)
    {
      gtk_window_present (GTK_WINDOW (get_window (self)));
      return;
    }

  self->opened = TRUE;

  /* No TRACE and no API key: there is nothing else to show, so show the demo. */
  demo = self->demo ||
         ((self->traces == NULL || self->traces[0] == NULL) &&
          (g_getenv ("OPPER_API_KEY") == NULL || g_getenv ("OPPER_API_KEY")[0] == '\0'));

  open_traces (self, demo, (const char * const *)self->traces);

  if (g_getenv ("CONTRAIL_EXIT_AFTER_FIRST_FRAME") != NULL)
    {
      GtkWidget *window = GTK_WIDGET (get_window (self));

      if (gtk_widget_get_mapped (window))
        window_mapped_cb (window, self);
      else
        g_signal_connect_object (window, "map", G_CALLBACK (window_mapped_cb), self, 0);
    }
}

static void
contrail_application_class_init (ContrailApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = contrail_application_finalize;

  app_class->local_command_line = contrail_application_local_command_line;
  app_class->startup = contrail_application_startup;
  app_class->activate = contrail_application_activate;
}

static void
contrail_application_init (ContrailApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}

ContrailApplication *
contrail_application_new (const ContrailCliOptions *options)
{
  ContrailApplication *self;

  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (CONTRAIL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/contrail/Contrail",
                       NULL);

  self->demo = options->demo;
  self->base_url = g_strdup (options->base_url);

  if (options->traces != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      /* Make file paths absolute: another instance (another working directory) may open them. */
      for (guint i = 0; options->traces[i] != NULL; i++)
        {
          const char *trace = options->traces[i];

          if (!g_path_is_absolute (trace) &&
              (g_file_test (trace, G_FILE_TEST_EXISTS) || !contains_uuid (trace)))
            {
              g_autofree char *cwd = g_get_current_dir ();
              g_autofree char *path = g_build_filename (cwd, trace, NULL);

              g_strv_builder_add (builder, path);
            }
          else
            {
              g_strv_builder_add (builder, trace);
            }
        }

      self->traces = g_strv_builder_end (builder);
    }

  return self;
}
