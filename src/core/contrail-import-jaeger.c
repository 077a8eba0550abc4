/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Jaeger JSON (DESIGN.md §5.2): the query API's {"data": [trace…]} or one bare
 * trace {traceID, spans, processes}.  Times are microseconds; span fields come
 * from tags, with the same names as OTLP attributes (contrail-import-otlp.c).
 *
 * Where DESIGN.md is silent (tests/oracle/otel.py reads the same way):
 * - each trace object is one trace; two with the same traceID stay apart,
 *   and one without spans is a trace of 0 spans;
 * - a reference without a traceID is within the trace; when the trace object
 *   has no traceID, references are compared with the span's own traceID;
 * - the deprecated parentSpanID counts only when the span has no references
 *   at all (absent, not an array or empty); "" means none;
 * - the service is the span's inline "process", else processes[processID]:
 *   its serviceName, else its tag service.name;
 * - a startTime of 0 is unset; duration_ms is duration / 1000 whenever
 *   duration is given, end_time start + duration;
 * - the span.kind tag is lower-cased (ASCII).
 */
#define G_LOG_DOMAIN "contrail-import-jaeger"

#include "config.h"

#include <string.h>

#include "contrail-import-private.h"
#include "contrail-time.h"

#define KEY(k) contrail_json_slice_equal (&key, k)

typedef struct
{
  const char *trace_id;    /* NULL: the reference has none (within the trace) */
  const char *span_id;     /* NULL: unusable */
  gboolean    child_of;
} Reference;

typedef struct
{
  const char *trace_id;          /* the span's own traceID */
  const char *process_id;
  const char *inline_service;    /* when has_inline_process */
  const char *legacy_parent;     /* parentSpanID */
  guint       n_references;      /* elements of its references arrays */
  guint       first_ref;         /* its Reference entries */
  guint       n_refs;
  gboolean    has_inline_process;
} SpanInfo;

/* One trace object while it is read: the parents and services of its spans
 * are resolved once it is complete, since traceID and processes may come
 * after the spans. */
typedef struct
{
  const char *id;
  gboolean    has_trace_id;     /* a "traceID" member, of any type */
  gboolean    has_spans;        /* a "spans" array */
  GPtrArray  *spans;            /* ContrailSpan */
  GArray     *infos;            /* SpanInfo */
  GArray     *refs;             /* Reference */
  GHashTable *services;         /* process id → service (or "" key mapping to NULL) */
} TraceObject;

typedef struct
{
  ContrailOtelFields *fields;
  ContrailOtelFields *process_tags;
  guint               n_spans;
} Jaeger;

static void
trace_object_init (TraceObject *self)
{
  self->spans = g_ptr_array_new_with_free_func (g_object_unref);
  self->infos = g_array_new (FALSE, TRUE, sizeof (SpanInfo));
  self->refs = g_array_new (FALSE, TRUE, sizeof (Reference));
  self->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
trace_object_clear (TraceObject *self)
{
  g_clear_pointer (&self->spans, g_ptr_array_unref);
  g_clear_pointer (&self->infos, g_array_unref);
  g_clear_pointer (&self->refs, g_array_unref);
  g_clear_pointer (&self->services, g_hash_table_unref);
}

/* {serviceName, tags}: serviceName when it is a string, else tag service.name. */
static const char *
read_process (Jaeger         *self,
              ContrailImport *import)
{
  ContrailJsonReader *reader = import->reader;
  const char *name = NULL;
  ContrailJsonSlice key;

  _contrail_otel_fields_reset (self->process_tags);

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (KEY ("serviceName"))
        name = _contrail_import_string (import);
      else if (KEY ("tags"))
        _contrail_otel_read_tags (import, self->process_tags);
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  if (name != NULL)
    return name;

  return _contrail_otel_fields_get_string (import, self->process_tags, "service.name");
}

static void
read_processes (Jaeger         *self,
                ContrailImport *import,
                TraceObject    *trace)
{
  ContrailJsonReader *reader = import->reader;
  ContrailJsonSlice key;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  while (contrail_json_reader_next_member (reader, &key))
    {
      char *process_id = contrail_json_slice_dup (&key);
      const char *service = NULL;

      /* Like any other member, a later process with the same id wins. */
      if (contrail_json_reader_enter_object (reader))
        service = read_process (self, import);
      else
        contrail_json_reader_skip (reader, NULL, NULL);

      g_hash_table_replace (trace->services, process_id, (gpointer)service);
    }
}

static void
read_references (ContrailImport *import,
                 TraceObject    *trace,
                 SpanInfo       *info)
{
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  while (contrail_json_reader_next_element (reader))
    {
      Reference ref = { NULL, NULL, FALSE };
      ContrailJsonSlice key;

      info->n_references++;

      if (!contrail_json_reader_enter_object (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          continue;
        }

      while (contrail_json_reader_next_member (reader, &key))
        {
          if (KEY ("refType"))
            {
              const char *type = _contrail_import_string (import);

              ref.child_of = g_strcmp0 (type, "CHILD_OF") == 0;
            }
          else if (KEY ("traceID"))
            ref.trace_id = _contrail_otel_read_id (import);
          else if (KEY ("spanID"))
            ref.span_id = _contrail_otel_read_id (import);
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }

      g_array_append_val (trace->refs, ref);
      info->n_refs++;
    }
}

/* Reads a time or a duration in microseconds. */
static gboolean
read_micros (ContrailImport *import,
             gint64         *value)
{
  return _contrail_otel_read_int64 (import, value);
}

static gint64
in_range (gint64 time)
{
  return time >= CONTRAIL_TIME_MIN && time <= CONTRAIL_TIME_MAX ? time : CONTRAIL_TIME_NONE;
}

static void
read_span (Jaeger         *self,
           ContrailImport *import,
           TraceObject    *trace)
{
  ContrailJsonReader *reader = import->reader;
  ContrailSpan *span;
  SpanInfo info = { 0 };
  ContrailJsonSlice key;
  const char *kind = NULL;
  g_autofree char *kind_lower = NULL;
  gint64 start = 0;
  gint64 duration = 0;
  gboolean has_start = FALSE;
  gboolean has_duration = FALSE;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  span = _contrail_span_new (import->store);
  _contrail_otel_fields_reset (self->fields);
  info.first_ref = trace->refs->len;

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (KEY ("traceID"))
        info.trace_id = _contrail_otel_read_id (import);
      else if (KEY ("spanID"))
        span->id = _contrail_otel_read_id (import);
      else if (KEY ("operationName"))
        span->name = _contrail_import_string (import);
      else if (KEY ("references"))
        read_references (import, trace, &info);
      else if (KEY ("parentSpanID"))
        {
          info.legacy_parent = _contrail_otel_read_id (import);
          if (info.legacy_parent != NULL && info.legacy_parent[0] == '\0')
            info.legacy_parent = NULL;
        }
      else if (KEY ("startTime"))
        has_start = read_micros (import, &start) && start != 0;
      else if (KEY ("duration"))
        has_duration = read_micros (import, &duration);
      else if (KEY ("tags"))
        _contrail_otel_read_tags (import, self->fields);
      else if (KEY ("logs"))
        _contrail_otel_read_logs (import, self->fields);
      else if (KEY ("processID"))
        info.process_id = _contrail_import_string (import);
      else if (KEY ("process"))
        {
          info.has_inline_process = contrail_json_reader_enter_object (reader);
          if (info.has_inline_process)
            info.inline_service = read_process (self, import);
          else
            {
              info.inline_service = NULL;
              contrail_json_reader_skip (reader, NULL, NULL);
            }
        }
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  kind = _contrail_otel_fields_get_string (import, self->fields, "span.kind");
  if (kind != NULL)
    kind_lower = g_ascii_strdown (kind, -1);
  _contrail_otel_fields_apply (import, self->fields, span, kind_lower);

  if (_contrail_otel_fields_is_true (import, self->fields, "error"))
    {
      const char *description = _contrail_otel_fields_get_string (import, self->fields,
                                                                  "otel.status_description");

      span->error = description != NULL && description[0] != '\0'
                    ? description : _contrail_store_intern (import->store, "error", -1);
    }

  if (has_start)
    {
      gint64 end;

      span->start_time = in_range (start);
      if (has_duration && !__builtin_add_overflow (start, duration, &end))
        span->end_time = in_range (end);
    }
  if (has_duration)
    {
      span->duration_ms = (double)duration / 1000.0;
      span->has_duration = TRUE;
    }
  _contrail_span_finish (span);

  g_ptr_array_add (trace->spans, span);
  g_array_append_val (trace->infos, info);
  self->n_spans++;
}

static gboolean
read_spans (Jaeger          *self,
            ContrailImport  *import,
            TraceObject     *trace,
            GError         **error)
{
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return TRUE;
    }

  trace->has_spans = TRUE;
  while (contrail_json_reader_next_element (reader))
    {
      read_span (self, import, trace);
      if ((self->n_spans & 1023) == 0 && _contrail_import_check_cancelled (import, error))
        return FALSE;
    }

  return TRUE;
}

/* DESIGN.md §5.2: the first CHILD_OF reference within the trace, else the
 * first reference within the trace, else none. */
static const char *
resolve_parent (TraceObject    *trace,
                const SpanInfo *info)
{
  const char *own = trace->id != NULL ? trace->id : info->trace_id;
  const char *first = NULL;

  if (info->n_references == 0)
    return info->legacy_parent;

  for (guint k = info->first_ref; k < info->first_ref + info->n_refs; k++)
    {
      const Reference *ref = &g_array_index (trace->refs, Reference, k);

      if (ref->span_id == NULL ||
          (ref->trace_id != NULL && g_strcmp0 (ref->trace_id, own) != 0))
        continue;
      if (ref->child_of)
        return ref->span_id;
      if (first == NULL)
        first = ref->span_id;
    }

  return first;
}

static ContrailTrace *
finish_trace (ContrailImport *import,
              TraceObject    *trace)
{
  for (guint k = 0; k < trace->spans->len; k++)
    {
      ContrailSpan *span = g_ptr_array_index (trace->spans, k);
      const SpanInfo *info = &g_array_index (trace->infos, SpanInfo, k);

      span->parent_id = resolve_parent (trace, info);
      if (info->has_inline_process)
        span->service = info->inline_service;
      else if (info->process_id != NULL)
        span->service = g_hash_table_lookup (trace->services, info->process_id);
    }

  return _contrail_otel_trace_new (import, CONTRAIL_TRACE_FORMAT_JAEGER, trace->id,
                                   g_steal_pointer (&trace->spans));
}

/* The members of a trace object; @key is the member just read. */
static gboolean
read_trace_member (Jaeger             *self,
                   ContrailImport     *import,
                   TraceObject        *trace,
                   ContrailJsonSlice   key,
                   GError            **error)
{
  if (KEY ("traceID"))
    {
      trace->has_trace_id = TRUE;
      trace->id = _contrail_otel_read_id (import);
    }
  else if (KEY ("spans"))
    return read_spans (self, import, trace, error);
  else if (KEY ("processes"))
    read_processes (self, import, trace);
  else
    contrail_json_reader_skip (import->reader, NULL, NULL);

  return TRUE;
}

/* "data": [trace…].  *usable tells whether its first element is an object
 * with a traceID (DESIGN.md §5.1 rule 3). */
static GPtrArray *
read_data (Jaeger          *self,
           ContrailImport  *import,
           gboolean        *usable,
           GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  g_autoptr(GPtrArray) traces = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean first = TRUE;

  *usable = FALSE;
  contrail_json_reader_enter_array (reader);

  while (contrail_json_reader_next_element (reader))
    {
      TraceObject trace = { 0 };
      ContrailJsonSlice key;

      if (!contrail_json_reader_enter_object (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          first = FALSE;
          continue;
        }

      trace_object_init (&trace);
      while (contrail_json_reader_next_member (reader, &key))
        {
          if (!read_trace_member (self, import, &trace, key, error))
            {
              trace_object_clear (&trace);
              return NULL;
            }
        }

      if (first)
        *usable = trace.has_trace_id;
      first = FALSE;

      g_ptr_array_add (traces, finish_trace (import, &trace));
      trace_object_clear (&trace);
    }

  return g_steal_pointer (&traces);
}

GPtrArray *
_contrail_import_jaeger (ContrailImport  *import,
                         GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  g_autoptr(GPtrArray) data = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  gboolean data_usable = FALSE;
  TraceObject bare = { 0 };
  ContrailJsonSlice key;
  gboolean ok = TRUE;
  Jaeger self = { 0 };

  if (!contrail_json_reader_enter_object (reader))
    g_return_val_if_reached (NULL);

  self.fields = _contrail_otel_fields_new ();
  self.process_tags = _contrail_otel_fields_new ();
  trace_object_init (&bare);

  while (ok && contrail_json_reader_next_member (reader, &key))
    {
      if (KEY ("data") && contrail_json_reader_peek (reader) == CONTRAIL_JSON_ARRAY)
        {
          /* The last "data" array decides, as in recognition. */
          g_clear_pointer (&data, g_ptr_array_unref);
          data = read_data (&self, import, &data_usable, error);
          ok = data != NULL;
        }
      else
        {
          ok = read_trace_member (&self, import, &bare, key, error);
        }
    }

  _contrail_otel_fields_free (self.fields);
  _contrail_otel_fields_free (self.process_tags);

  if (ok && contrail_json_reader_get_error (reader) != NULL)
    {
      g_propagate_error (error, g_error_copy (contrail_json_reader_get_error (reader)));
      ok = FALSE;
    }

  if (!ok)
    {
      trace_object_clear (&bare);
      return NULL;
    }

  if (data != NULL && data_usable)
    {
      trace_object_clear (&bare);
      return g_steal_pointer (&data);
    }

  traces = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (traces, finish_trace (import, &bare));
  trace_object_clear (&bare);

  return g_steal_pointer (&traces);
}
