/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command line (DESIGN.md §4).  Parsed without GTK, so that `--print`
 * runs with no display.
 */
#define G_LOG_DOMAIN "contrail-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "contrail-cli.h"
#include "contrail-client.h"
#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-print.h"
#include "contrail-reference.h"

gboolean
contrail_cli_options_parse (ContrailCliOptions  *options,
                            int                  argc,
                            char               **argv,
                            GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Open the bundled sample traces (no API key or network needed)"), NULL },
    { "print", 0, 0, G_OPTION_ARG_NONE, &options->print,
      N_("Print each trace’s span tree as text instead of opening a window"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("With --print: print each trace as normalized JSON, one per line"), NULL },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options->base_url,
      N_("Opper API base URL (default: $OPPER_BASE_URL, else https://api.opper.ai/v2)"),
      N_("URL") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->traces,
      NULL, N_("[TRACE…]") },
    { NULL }
  };

  g_return_val_if_fail (options != NULL, FALSE);

  memset (options, 0, sizeof *options);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("View LLM traces from Opper, and OTLP or Jaeger trace files.\n\n"
                                  "TRACE is a trace ID, an Opper URL that contains one, or the "
                                  "path of a JSON file.\nThe API key is read from $OPPER_API_KEY "
                                  "or the keyring, never from the command line."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* g_option_context_parse_strv wants a copy it may modify. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, error))
    {
      /* "Unknown option --api-key=SECRET": never echo what follows '='. */
      if (error != NULL && *error != NULL && strchr ((*error)->message, '=') != NULL)
        {
          char *cut = g_strndup ((*error)->message, strchr ((*error)->message, '=') - (*error)->message);

          g_free ((*error)->message);
          (*error)->message = cut;
        }
      return FALSE;
    }

  if (options->json && !options->print)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--json only works together with --print"));
      return FALSE;
    }

  if (options->print && !options->demo &&
      (options->traces == NULL || options->traces[0] == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--print needs a TRACE (an ID, a URL or a file) or --demo"));
      return FALSE;
    }

  return TRUE;
}

void
contrail_cli_options_clear (ContrailCliOptions *options)
{
  g_clear_pointer (&options->base_url, g_free);
  g_clear_pointer (&options->traces, g_strfreev);
}

static void
flush_stdout_cb (GString  *out,
                 gpointer  user_data)
{
  fwrite (out->str, 1, out->len, stdout);
  g_string_truncate (out, 0);
}

static void
print_traces (GPtrArray *traces,
              gboolean   json)
{
  g_autoptr(GString) out = g_string_new (NULL);
  static gboolean first = TRUE;

  for (guint i = 0; i < traces->len; i++)
    {
      g_string_truncate (out, 0);
      if (json)
        {
          contrail_print_json_full (out, g_ptr_array_index (traces, i), flush_stdout_cb, NULL);
        }
      else
        {
          if (!first)
            g_string_append_c (out, '\n');
          contrail_print_text (out, g_ptr_array_index (traces, i));
        }
      first = FALSE;
      fwrite (out->str, 1, out->len, stdout);
    }
  fflush (stdout);
}

static void
print_error (const char   *what,
             const GError *error)
{
  g_autofree char *what_valid = g_utf8_make_valid (what, -1);

  fprintf (stderr, "contrail: %s: %s\n", what_valid, error->message);
}

static GPtrArray *
kept_until_exit (void)
{
  static GPtrArray *kept;

  if (kept == NULL)
    kept = g_ptr_array_new ();

  return kept;
}

typedef enum
{
  TRACE_FILE,
  TRACE_REMOTE,
} TraceKind;

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Fetches one trace, running the default main context until it is done. */
static GPtrArray *
fetch_trace (ContrailClient  *client,
             const char      *trace_id,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ContrailTrace) trace = NULL;
  GPtrArray *traces;

  contrail_client_get_trace_async (client, trace_id, NULL, fetch_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!(trace = contrail_client_get_trace_finish (client, result, error)))
    return NULL;

  traces = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (traces, g_steal_pointer (&trace));

  return traces;
}

static ContrailClient *
create_client (ContrailCliOptions  *options,
               GError             **error)
{
  g_autofree char *base_url = contrail_client_resolve_base_url (options->base_url);
  g_autoptr(ContrailClient) client = contrail_client_new (base_url, error);
  const char *key = g_getenv ("OPPER_API_KEY");

  if (client == NULL)
    return NULL;

  if (key != NULL && key[0] != '\0')
    {
      contrail_client_set_api_key (client, key);
    }
  else
    {
      g_autoptr(ContrailKeyStore) store = contrail_secret_key_store_new ();

      contrail_client_set_key_store (client, store);
    }

  return g_steal_pointer (&client);
}

int
contrail_cli_print (ContrailCliOptions *options)
{
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (TraceKind));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ContrailClient) client = NULL;
  guint n = options->traces != NULL ? g_strv_length (options->traces) : 0;
  int status = 0;

  /* stdout carries the traces only: debug output (G_MESSAGES_DEBUG) goes
   * to stderr with the errors. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Bad usage is reported before anything is loaded. */
  for (guint i = 0; i < n; i++)
    {
      const char *arg = options->traces[i];
      g_autofree char *uuid = NULL;
      TraceKind kind;

      if (g_file_test (arg, G_FILE_TEST_IS_REGULAR) && g_access (arg, R_OK) == 0)
        {
          kind = TRACE_FILE;
        }
      else if ((uuid = contrail_reference_parse (arg)) != NULL)
        {
          kind = TRACE_REMOTE;
        }
      else
        {
          g_autofree char *valid = g_utf8_make_valid (arg, -1);

          if (g_file_test (arg, G_FILE_TEST_EXISTS))
            fprintf (stderr, _("contrail: %s: not a readable file\n"), valid);
          else
            fprintf (stderr, _("contrail: %s: no such file, and not a trace ID or a URL "
                               "that contains one\n"), valid);
          return 2;
        }

      g_array_append_val (kinds, kind);
      g_ptr_array_add (ids, g_steal_pointer (&uuid));
    }

  if (options->base_url != NULL || kinds->len > 0)
    {
      gboolean remote = options->base_url != NULL;

      for (guint i = 0; i < kinds->len; i++)
        remote |= g_array_index (kinds, TraceKind, i) == TRACE_REMOTE;

      if (remote)
        {
          g_autoptr(GError) error = NULL;

          if (!(client = create_client (options, &error)))
            {
              fprintf (stderr, "contrail: %s\n", error->message);
              return 2;
            }
        }
    }

  if (options->demo)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) traces = contrail_import_demo (&error);

      if (traces == NULL)
        {
          print_error ("demo", error);
          status = 1;
        }
      else
        print_traces (traces, options->json);
    }

  for (guint i = 0; i < n; i++)
    {
      const char *arg = options->traces[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) traces = NULL;

      if (g_array_index (kinds, TraceKind, i) == TRACE_FILE)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);

          traces = contrail_import_file (file, NULL, &error);
        }
      else
        {
          traces = fetch_trace (client, g_ptr_array_index (ids, i), &error);
        }

      if (traces == NULL)
        {
          print_error (arg, error);
          status = 1;
          continue;
        }

      print_traces (traces, options->json);

      /* The last trace is left to the end of the process: tearing down a
       * 100,000-span model only to exit would take a tenth of a second. */
      if (i + 1 == n)
        g_ptr_array_add (kept_until_exit (), g_steal_pointer (&traces));
    }

  return status;
}
