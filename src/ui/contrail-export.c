/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrail-export.h"
#include "contrail-print.h"
#include "contrail-reference.h"

/* The Opper dashboard's page of one trace.  An assumption: the dashboard
 * lists traces at https://platform.opper.ai/traces (reference/opper-api.md
 * §9), but no source shows the address of a single trace; this is the
 * obvious shape, and Contrail itself opens such a link (the search entry
 * takes any URL holding a trace ID). */
#define OPPER_TRACE_URL "https://platform.opper.ai/traces/"

#define MAX_FILE_NAME_CHARS 80

/* ---- Printing in a worker ---- */

typedef struct
{
  ContrailTrace *trace;
  ContrailSpan  *span;          /* NULL: the whole trace */
  gboolean       for_file;      /* the trace ends with a newline, as --print --json writes it */
} PrintData;

static void
string_free (GString *string)
{
  g_string_free (string, TRUE);
}

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->trace);
  g_clear_object (&data->span);
  g_free (data);
}

/* Reads only the trace, which never changes after import: the getters and
 * the lazily decoded texts are safe from any thread. */
static void
print_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrintData *data = task_data;
  GString *out;
  const char *source;

  if (data->span == NULL)
    {
      out = g_string_new (NULL);
      contrail_print_json (out, data->trace);
      /* On the clipboard: one document, not a line of a JSON-lines stream */
      if (!data->for_file && out->len > 0 && out->str[out->len - 1] == '\n')
        g_string_truncate (out, out->len - 1);
    }
  else if ((source = contrail_span_get_source (data->span)) != NULL)
    {
      out = g_string_new (source);
    }
  else
    {
      out = g_string_new (NULL);
      contrail_print_span_json (out, data->span);
    }

  if (g_task_return_error_if_cancelled (task))
    g_string_free (out, TRUE);
  else
    g_task_return_pointer (task, out, (GDestroyNotify)string_free);
}

static void
print_async (ContrailTrace       *trace,
             ContrailSpan        *span,
             gboolean             for_file,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrintData *data = g_new0 (PrintData, 1);

  data->trace = g_object_ref (trace);
  data->span = span != NULL ? g_object_ref (span) : NULL;
  data->for_file = for_file;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, print_async);
  g_task_set_task_data (task, data, (GDestroyNotify)print_data_free);
  g_task_run_in_thread (task, print_worker);
}

static GString *
print_finish (GAsyncResult  *result,
              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Saving ---- */

typedef struct
{
  GFile  *file;
  GBytes *bytes;   /* kept alive while the file is written */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
replaced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_bytes (GTask  *task,
             GBytes *bytes)
{
  SaveData *data = g_task_get_task_data (task);

  data->bytes = g_bytes_ref (bytes);
  g_file_replace_contents_bytes_async (data->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), replaced_cb, task);
}

static void
printed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *text;

  if ((text = print_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_string_free_to_bytes (text);
  write_bytes (g_steal_pointer (&task), bytes);
}

void
contrail_export_save_async (ContrailTrace        *trace,
                            ContrailExportFormat  format,
                            GFile                *file,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CONTRAIL_IS_TRACE (trace));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, contrail_export_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);

  if (format == CONTRAIL_EXPORT_ORIGINAL)
    {
      GBytes *source = contrail_trace_get_source_bytes (trace);

      if (source == NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("The document this trace was read from is not available"));
      else
        write_bytes (g_steal_pointer (&task), source);
      return;
    }

  print_async (trace, NULL, TRUE, cancellable, printed_cb, g_steal_pointer (&task));
}

gboolean
contrail_export_save_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == contrail_export_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Copying ---- */

void
contrail_export_json_async (ContrailTrace       *trace,
                            ContrailSpan        *span,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CONTRAIL_IS_TRACE (trace));
  g_return_if_fail (span == NULL || CONTRAIL_IS_SPAN (span));

  print_async (trace, span, FALSE, cancellable, callback, user_data);
}

char *
contrail_export_json_finish (GAsyncResult  *result,
                             GError       **error)
{
  GString *text;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == print_async, NULL);

  text = print_finish (result, error);

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

char *
contrail_export_dup_trace_link (ContrailTrace *trace)
{
  g_autofree char *uuid = NULL;
  ContrailTraceFormat format;
  const char *id;

  g_return_val_if_fail (CONTRAIL_IS_TRACE (trace), NULL);

  format = contrail_trace_get_format (trace);
  id = contrail_trace_get_id (trace);
  /* The id itself is a UUID: a URL holding one is not an id Opper gave. */
  if ((format != CONTRAIL_TRACE_FORMAT_OPPER && format != CONTRAIL_TRACE_FORMAT_NORMALIZED) ||
      id == NULL || strstr (id, "://") != NULL || (uuid = contrail_reference_parse (id)) == NULL)
    return NULL;

  return g_strconcat (OPPER_TRACE_URL, uuid, NULL);
}

char *
contrail_export_dup_file_name (ContrailTrace        *trace,
                               ContrailExportFormat  format)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *base;

  g_return_val_if_fail (CONTRAIL_IS_TRACE (trace), NULL);

  base = contrail_trace_get_name (trace);
  if (base == NULL || base[0] == '\0')
    base = contrail_trace_get_id (trace);
  if (base == NULL || base[0] == '\0')
    base = "trace";

  /* Printable characters only, no path separators, not too long */
  for (const char *p = base; *p != '\0' && g_utf8_strlen (name->str, -1) < MAX_FILE_NAME_CHARS;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;
      if (c == '/' || c == '\\' || c == ':' || !g_unichar_isprint (c))
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0 || name->str[0] == '.')
    g_string_prepend (name, "trace");

  g_string_append (name, format == CONTRAIL_EXPORT_ORIGINAL ? "-original.json" : ".json");

  return g_string_free (g_steal_pointer (&name), FALSE);
}
