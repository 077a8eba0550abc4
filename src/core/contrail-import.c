/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-import-private.h"
#include "contrail-time.h"

#define DEMO_PATH "/io/github/contrail/Contrail/demo/"

GResource *contrail_demo_get_resource (void);

/* ---- Field readers ---- */

const char *
_contrail_import_string (ContrailImport *import)
{
  ContrailJsonSlice slice;

  if (!contrail_json_reader_read_string (import->reader, &slice))
    {
      contrail_json_reader_skip (import->reader, NULL, NULL);
      return NULL;
    }

  if (!slice.escaped && slice.len < 256 && g_utf8_validate (slice.data, slice.len, NULL))
    return _contrail_store_intern (import->store, slice.data, slice.len);

  g_string_truncate (import->scratch, 0);
  contrail_json_slice_decode (&slice, import->scratch);

  return _contrail_store_intern (import->store, import->scratch->str, import->scratch->len);
}

gint64
_contrail_import_time (ContrailImport *import)
{
  ContrailJsonSlice slice;

  if (!contrail_json_reader_read_string (import->reader, &slice))
    {
      contrail_json_reader_skip (import->reader, NULL, NULL);
      return CONTRAIL_TIME_NONE;
    }

  if (!slice.escaped)
    return contrail_time_parse (slice.data, slice.len);

  g_string_truncate (import->scratch, 0);
  contrail_json_slice_decode (&slice, import->scratch);

  return contrail_time_parse (import->scratch->str, import->scratch->len);
}

gboolean
_contrail_import_number (ContrailImport *import,
                         double         *value)
{
  gboolean is_integer;
  gint64 int_value;

  if (!contrail_json_reader_read_number (import->reader, value, &is_integer, &int_value))
    {
      contrail_json_reader_skip (import->reader, NULL, NULL);
      *value = 0;
      return FALSE;
    }

  /* 1e999 is a number in JSON but not one we can compute with. */
  if (!isfinite (*value))
    {
      *value = 0;
      return FALSE;
    }

  return TRUE;
}

gint64
_contrail_import_count (ContrailImport *import)
{
  double value;
  gboolean is_integer;
  gint64 int_value;

  if (!contrail_json_reader_read_number (import->reader, &value, &is_integer, &int_value))
    {
      contrail_json_reader_skip (import->reader, NULL, NULL);
      return -1;
    }

  return is_integer && int_value >= 0 ? int_value : -1;
}

gint64
_contrail_import_tokens (ContrailImport *import)
{
  double value;
  gboolean is_integer;
  gint64 int_value;

  if (!contrail_json_reader_read_number (import->reader, &value, &is_integer, &int_value))
    {
      contrail_json_reader_skip (import->reader, NULL, NULL);
      return CONTRAIL_TOKENS_NONE;
    }

  return is_integer ? int_value : CONTRAIL_TOKENS_NONE;
}

void
_contrail_import_text (ContrailImport *import,
                       ContrailText   *text)
{
  ContrailJsonSlice slice;

  _contrail_text_clear (text);

  if (!contrail_json_reader_read_string (import->reader, &slice))
    {
      contrail_json_reader_skip (import->reader, NULL, NULL);
      return;
    }

  /* Texts stay slices of the source until a view shows them: most are
   * never looked at, and decoding them all would double the memory. */
  if (import->store->source != NULL)
    {
      text->raw = slice.data;
      text->raw_len = slice.len;
      text->state = CONTRAIL_TEXT_ESCAPED;
      return;
    }

  g_string_truncate (import->scratch, 0);
  contrail_json_slice_decode (&slice, import->scratch);
  text->str = _contrail_store_intern (import->store, import->scratch->str, import->scratch->len);
  text->state = CONTRAIL_TEXT_READY;
}

void
_contrail_import_object_text (ContrailImport *import,
                              ContrailText   *text)
{
  const char *raw = NULL;
  gsize raw_len = 0;
  gboolean is_object = contrail_json_reader_peek (import->reader) == CONTRAIL_JSON_OBJECT;

  _contrail_text_clear (text);

  if (!contrail_json_reader_skip (import->reader, &raw, &raw_len) || !is_object)
    return;

  if (import->store->source != NULL)
    {
      text->raw = raw;
      text->raw_len = raw_len;
      text->state = CONTRAIL_TEXT_VERBATIM;
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (raw, raw_len);

      text->str = _contrail_store_intern (import->store, valid, -1);
      text->state = CONTRAIL_TEXT_READY;
    }
}

char **
_contrail_import_strv (ContrailImport *import)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return NULL;
    }

  builder = g_strv_builder_new ();
  while (contrail_json_reader_next_element (reader))
    {
      ContrailJsonSlice slice;

      if (contrail_json_reader_read_string (reader, &slice))
        {
          g_autofree char *tag = contrail_json_slice_dup (&slice);

          g_strv_builder_add (builder, tag);
        }
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  return g_strv_builder_end (builder);
}

gboolean
_contrail_import_trace_member (ContrailImport          *import,
                               ContrailTrace           *trace,
                               const ContrailJsonSlice *key)
{
  if (contrail_json_slice_equal (key, "id"))
    trace->id = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "name"))
    trace->name = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "status"))
    trace->status = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "start_time"))
    trace->start_time = _contrail_import_time (import);
  else if (contrail_json_slice_equal (key, "end_time"))
    trace->end_time = _contrail_import_time (import);
  else if (contrail_json_slice_equal (key, "duration_ms"))
    trace->has_duration = _contrail_import_number (import, &trace->duration_ms);
  else if (contrail_json_slice_equal (key, "total_tokens"))
    trace->total_tokens = _contrail_import_tokens (import);
  else
    return FALSE;

  return TRUE;
}

gboolean
_contrail_import_span_member (ContrailImport          *import,
                              ContrailSpan            *span,
                              const ContrailJsonSlice *key)
{
  if (contrail_json_slice_equal (key, "id"))
    span->id = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "parent_id"))
    span->parent_id = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "name"))
    span->name = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "type"))
    span->type = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "start_time"))
    span->start_time = _contrail_import_time (import);
  else if (contrail_json_slice_equal (key, "end_time"))
    span->end_time = _contrail_import_time (import);
  else if (contrail_json_slice_equal (key, "duration_ms"))
    span->has_duration = _contrail_import_number (import, &span->duration_ms);
  else if (contrail_json_slice_equal (key, "error"))
    span->error = _contrail_import_string (import);
  else if (contrail_json_slice_equal (key, "score"))
    span->has_score = _contrail_import_number (import, &span->score);
  else
    return FALSE;

  return TRUE;
}

void
_contrail_trace_finish (ContrailTrace *trace)
{
  if (!trace->has_duration &&
      CONTRAIL_TIME_IS_VALID (trace->start_time) &&
      CONTRAIL_TIME_IS_VALID (trace->end_time))
    {
      trace->duration_ms = contrail_time_diff_ms (trace->end_time, trace->start_time);
      trace->has_duration = TRUE;
    }
}

gboolean
_contrail_import_check_cancelled (ContrailImport  *import,
                                  GError         **error)
{
  return g_cancellable_set_error_if_cancelled (import->cancellable, error);
}

/* ---- Recognising a document (DESIGN.md §5.1) ---- */

typedef enum
{
  KIND_INVALID,
  KIND_NORMALIZED,
  KIND_OTLP,
  KIND_JAEGER,
  KIND_OPPER,
} DocumentKind;

/* Looks for @key among the members of the object that comes next; consumes it. */
static gboolean
object_has_member (ContrailJsonReader *reader,
                   const char         *key,
                   ContrailJsonType    type)
{
  ContrailJsonSlice name;
  gboolean found = FALSE;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return FALSE;
    }

  while (contrail_json_reader_next_member (reader, &name))
    {
      if (!found && contrail_json_slice_equal (&name, key) &&
          (type == CONTRAIL_JSON_ERROR || contrail_json_reader_peek (reader) == type))
        found = TRUE;
      contrail_json_reader_skip (reader, NULL, NULL);
    }

  return found;
}

/* "data" of a Jaeger export: an array whose elements are objects with traceID. */
static gboolean
array_of_jaeger_traces (ContrailJsonReader *reader)
{
  gboolean first = TRUE;
  gboolean all = TRUE;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return FALSE;
    }

  while (contrail_json_reader_next_element (reader))
    {
      if (first)
        all = object_has_member (reader, "traceID", CONTRAIL_JSON_ERROR);
      else
        contrail_json_reader_skip (reader, NULL, NULL);
      first = FALSE;
    }

  return !first && all;
}

/* What DESIGN.md §5.1 looks at in one top-level JSON value. */
typedef struct
{
  gboolean object;
  gboolean normalized;
  gboolean otlp;
  gboolean jaeger_data;
  gboolean trace_id;
  gboolean spans;
  gboolean string_id;
} Members;

/* Reads (and validates) the next top-level value. */
static void
scan_value (ContrailJsonReader *reader,
            Members            *m)
{
  ContrailJsonSlice key;

  if (contrail_json_reader_peek (reader) != CONTRAIL_JSON_OBJECT)
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  m->object = TRUE;
  contrail_json_reader_enter_object (reader);
  while (contrail_json_reader_next_member (reader, &key))
    {
      ContrailJsonType value_type = contrail_json_reader_peek (reader);
      ContrailJsonSlice value;

      if (contrail_json_slice_equal (&key, "format") && value_type == CONTRAIL_JSON_STRING)
        {
          contrail_json_reader_read_string (reader, &value);
          m->normalized = contrail_json_slice_equal (&value, "contrail-trace/1");
        }
      else if ((contrail_json_slice_equal (&key, "resourceSpans") ||
                contrail_json_slice_equal (&key, "batches")) &&
               value_type == CONTRAIL_JSON_ARRAY)
        {
          m->otlp = TRUE;
          contrail_json_reader_skip (reader, NULL, NULL);
        }
      else if (contrail_json_slice_equal (&key, "result") && value_type == CONTRAIL_JSON_OBJECT)
        {
          m->otlp |= object_has_member (reader, "resourceSpans", CONTRAIL_JSON_ARRAY);
        }
      else if (contrail_json_slice_equal (&key, "data") && value_type == CONTRAIL_JSON_ARRAY)
        {
          m->jaeger_data = array_of_jaeger_traces (reader);
        }
      else if (contrail_json_slice_equal (&key, "traceID"))
        {
          m->trace_id = TRUE;
          contrail_json_reader_skip (reader, NULL, NULL);
        }
      else if (contrail_json_slice_equal (&key, "spans") && value_type == CONTRAIL_JSON_ARRAY)
        {
          m->spans = TRUE;
          contrail_json_reader_skip (reader, NULL, NULL);
        }
      else if (contrail_json_slice_equal (&key, "id"))
        {
          m->string_id = value_type == CONTRAIL_JSON_STRING;
          contrail_json_reader_skip (reader, NULL, NULL);
        }
      else
        {
          contrail_json_reader_skip (reader, NULL, NULL);
        }
    }
}

static gboolean
only_whitespace (const char *data,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
        return FALSE;
    }

  return TRUE;
}

/* @message is about the value that starts at @offset ("line 2, column 5: …",
 * counted from there): the same, counted from the start of @data. */
static char *
position_in_file (const char *data,
                  gsize       offset,
                  const char *message)
{
  const char *line_start = data;
  guint line = 1, value_line, column;
  int used = 0;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          line++;
          line_start = data + i + 1;
        }
    }

  if (sscanf (message, "line %u, column %u: %n", &value_line, &column, &used) != 2 ||
      used == 0 || value_line == 0)
    return g_strdup_printf ("line %u: %s", line, message);

  if (value_line == 1)
    column += g_utf8_strlen (line_start, data + offset - line_start);

  return g_strdup_printf ("line %u, column %u: %s", line + value_line - 1, column,
                          message + used);
}

/* One pass over the whole document: validates it and decides its kind.
 * Also tells whether more JSON values follow the first one (JSON lines). */
static DocumentKind
recognise (const char  *data,
           gsize        len,
           gboolean     mapped,
           gboolean    *more_lines,
           GError     **error)
{
  g_autoptr(ContrailJsonReader) reader = contrail_json_reader_new (data, len);
  Members first = { 0 };
  gboolean all_objects, all_normalized, any_otlp;
  gsize offset = 0;

  contrail_json_reader_set_release_input (reader, mapped);
  *more_lines = FALSE;

  scan_value (reader, &first);
  all_objects = first.object;
  all_normalized = first.normalized;
  any_otlp = first.otlp;

  /* JSON lines: OTLP comes that way (one export per line), and so does
   * `--print --json` of several traces.  Several values are OTLP when all
   * are objects and one holds spans (the others, metrics and logs, are
   * skipped by the importer), or normalized traces when all are. */
  while (contrail_json_reader_get_error (reader) == NULL)
    {
      Members next = { 0 };

      offset += contrail_json_reader_get_offset (reader);
      if (offset >= len || only_whitespace (data + offset, len - offset))
        break;

      *more_lines = TRUE;
      /* A new reader would skip a byte order mark; between values it is junk. */
      if (len - offset >= 3 && memcmp (data + offset, "\xEF\xBB\xBF", 3) == 0)
        {
          g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                       _("invalid JSON: unexpected data after the end of the document"));
          return KIND_INVALID;
        }
      contrail_json_reader_free (reader);
      reader = contrail_json_reader_new (data + offset, len - offset);
      contrail_json_reader_set_release_input (reader, mapped);
      scan_value (reader, &next);
      all_objects &= next.object;
      all_normalized &= next.normalized;
      any_otlp |= next.otlp;
    }

  if (contrail_json_reader_get_error (reader) != NULL)
    {
      const char *message = contrail_json_reader_get_error (reader)->message;
      g_autofree char *where = position_in_file (data, offset, message);

      g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                   _("invalid JSON: %s"), *more_lines ? where : message);
      return KIND_INVALID;
    }

  if (*more_lines)
    {
      if (all_objects && any_otlp)
        return KIND_OTLP;
      if (all_normalized)
        return KIND_NORMALIZED;

      if (all_objects)
        g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                     _("invalid trace: the file holds several JSON documents, which only "
                       "OTLP JSON lines with spans or Contrail traces may do"));
      else
        g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                     _("invalid JSON: unexpected data after the end of the document"));
      return KIND_INVALID;
    }

  if (first.normalized)
    return KIND_NORMALIZED;
  if (first.otlp)
    return KIND_OTLP;
  if (first.jaeger_data || (first.trace_id && first.spans))
    return KIND_JAEGER;
  if (first.string_id)
    return KIND_OPPER;

  g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
               _("invalid trace: the JSON is not an Opper trace, an OTLP or Jaeger export, "
                 "or a Contrail trace"));
  return KIND_INVALID;
}

/* ---- Entry points ---- */

/* @mapped: @bytes is a read-only file mapping, whose pages may be given
 * back while reading (contrail_json_reader_set_release_input). */
static GPtrArray *
import_bytes (GBytes        *bytes,
              gboolean       mapped,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(ContrailJsonReader) reader = NULL;
  g_autoptr(GString) scratch = NULL;
  ContrailImport import = { 0 };
  GPtrArray *traces = NULL;
  const char *data;
  gsize len;
  gboolean more_lines;
  DocumentKind kind;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  /* A UTF-8 byte order mark is not JSON, but editors write it. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  kind = recognise (data, len, mapped, &more_lines, error);
  if (kind == KIND_INVALID)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  reader = contrail_json_reader_new (data, len);
  contrail_json_reader_set_release_input (reader, mapped);
  scratch = g_string_new (NULL);
  import.reader = reader;
  import.store = _contrail_store_new (bytes);
  import.cancellable = cancellable;
  import.scratch = scratch;
  import.data = data;
  import.len = len;

  if (kind == KIND_NORMALIZED)
    traces = _contrail_import_normalized (&import, error);
  else if (kind == KIND_OTLP)
    traces = _contrail_import_otlp (&import, error);
  else if (kind == KIND_JAEGER)
    traces = _contrail_import_jaeger (&import, error);
  else
    traces = _contrail_import_opper (&import, error);

  _contrail_store_unref (import.store);

  if (traces != NULL && contrail_json_reader_get_error (reader) != NULL)
    {
      g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                   _("invalid JSON: %s"), contrail_json_reader_get_error (reader)->message);
      g_clear_pointer (&traces, g_ptr_array_unref);
    }

  return traces;
}

GPtrArray *
contrail_import_bytes (GBytes        *bytes,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return import_bytes (bytes, FALSE, cancellable, error);
}

static GBytes *
load_file (GFile         *file,
           gboolean      *mapped,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *path = g_file_get_path (file);

  /* Map local files: the importer keeps large texts as slices of the map. */
  if (path != NULL)
    {
      g_autoptr(GMappedFile) mapped_file = g_mapped_file_new (path, FALSE, error);

      if (mapped_file == NULL)
        return NULL;

      *mapped = g_mapped_file_get_length (mapped_file) > 0;
      return g_mapped_file_get_bytes (mapped_file);
    }

  return g_file_load_bytes (file, cancellable, NULL, error);
}

GPtrArray *
contrail_import_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean mapped = FALSE;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(bytes = load_file (file, &mapped, cancellable, error)))
    return NULL;

  return import_bytes (bytes, mapped, cancellable, error);
}

ContrailTrace *
contrail_import_opper_bytes (GBytes        *bytes,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, cancellable, error);

  if (traces == NULL)
    return NULL;

  if (traces->len != 1 ||
      contrail_trace_get_format (g_ptr_array_index (traces, 0)) != CONTRAIL_TRACE_FORMAT_OPPER)
    {
      g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                   _("invalid trace: the response is not an Opper trace"));
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static void
import_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *traces;

  if (G_IS_FILE (task_data))
    traces = contrail_import_file (task_data, cancellable, &error);
  else
    traces = contrail_import_bytes (task_data, cancellable, &error);

  if (traces == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, traces, (GDestroyNotify)g_ptr_array_unref);
}

void
contrail_import_bytes_async (GBytes              *bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, contrail_import_bytes_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, import_worker);
}

void
contrail_import_file_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, contrail_import_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_worker);
}

GPtrArray *
contrail_import_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

GPtrArray *
contrail_import_demo (GError **error)
{
  g_autoptr(GPtrArray) traces = g_ptr_array_new_with_free_func (g_object_unref);
  GResource *resource = contrail_demo_get_resource ();
  g_auto(GStrv) names = NULL;

  names = g_resource_enumerate_children (resource, DEMO_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                         error);
  if (names == NULL)
    return NULL;

  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (DEMO_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) loaded = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      if (!(bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, error)) ||
          !(loaded = contrail_import_bytes (bytes, NULL, error)))
        {
          g_prefix_error (error, "%s: ", names[i]);
          return NULL;
        }

      g_ptr_array_extend_and_steal (traces, g_steal_pointer (&loaded));
    }

  return g_steal_pointer (&traces);
}
