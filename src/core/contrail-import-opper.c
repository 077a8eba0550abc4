/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Opper traces: the body of GET /v2/traces/{id} (reference/opper-api.md §5).
 * Every field but the trace id may be absent or null, and a field of the
 * wrong type counts as absent.  One pass over the document.
 */
#define G_LOG_DOMAIN "contrail-import-opper"

#include "config.h"

#include "contrail-import-private.h"
#include "contrail-time.h"

#define KEY(k) contrail_json_slice_equal (&key, k)

static void
read_metrics (ContrailImport *import,
              ContrailSpan   *span)
{
  ContrailJsonReader *reader = import->reader;

  g_clear_pointer (&span->metrics, g_array_unref);
  span->n_metrics = 0;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  while (contrail_json_reader_next_element (reader))
    {
      ContrailMetricData metric = { NULL, NULL, NULL, 0, CONTRAIL_TIME_NONE, FALSE };
      ContrailJsonSlice key;

      span->n_metrics++;

      if (!contrail_json_reader_enter_object (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          continue;
        }

      while (contrail_json_reader_next_member (reader, &key))
        {
          if (KEY ("id"))
            metric.id = _contrail_import_string (import);
          else if (KEY ("dimension"))
            metric.dimension = _contrail_import_string (import);
          else if (KEY ("comment"))
            metric.comment = _contrail_import_string (import);
          else if (KEY ("value"))
            metric.has_value = _contrail_import_number (import, &metric.value);
          else if (KEY ("created_at"))
            metric.created_at = _contrail_import_time (import);
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }

      if (span->metrics == NULL)
        span->metrics = g_array_new (FALSE, FALSE, sizeof (ContrailMetricData));
      g_array_append_val (span->metrics, metric);
    }
}

static void
read_data (ContrailImport *import,
           ContrailSpan   *span)
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
      if (KEY ("input"))
        _contrail_import_text (import, &span->input);
      else if (KEY ("output"))
        _contrail_import_text (import, &span->output);
      else if (KEY ("total_tokens"))
        span->total_tokens = _contrail_import_tokens (import);
      else if (KEY ("model"))
        span->model = _contrail_import_string (import);
      else if (KEY ("instructions"))
        _contrail_import_text (import, &span->instructions);
      else if (KEY ("function"))
        span->function = _contrail_import_string (import);
      else if (KEY ("tags"))
        {
          g_strfreev (span->tags);
          span->tags = _contrail_import_strv (import);
        }
      else if (KEY ("score"))
        span->has_data_score = _contrail_import_number (import, &span->data_score);
      else if (KEY ("generation_id"))
        span->generation_id = _contrail_import_string (import);
      else if (KEY ("observations"))
        _contrail_import_text (import, &span->observations);
      else if (KEY ("scorer_context"))
        _contrail_import_object_text (import, &span->scorer_context);
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }
}

static ContrailSpan *
read_span (ContrailImport *import)
{
  ContrailJsonReader *reader = import->reader;
  gsize start = contrail_json_reader_get_offset (reader);
  ContrailSpan *span;
  ContrailJsonSlice key;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return NULL;
    }

  span = _contrail_span_new (import->store);

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (_contrail_import_span_member (import, span, &key))
        continue;
      else if (KEY ("meta"))
        _contrail_import_object_text (import, &span->meta);
      else if (KEY ("data"))
        read_data (import, span);
      else if (KEY ("metrics"))
        read_metrics (import, span);
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  /* The object's own text, for copying the span as the server sent it. */
  if (import->store->source != NULL && import->data != NULL &&
      contrail_json_reader_get_error (reader) == NULL)
    {
      gsize end = contrail_json_reader_get_offset (reader);

      while (start < end && g_ascii_isspace (import->data[start]))
        start++;
      if (start < end && import->data[start] == '{')
        {
          span->source.raw = import->data + start;
          span->source.raw_len = end - start;
          span->source.state = CONTRAIL_TEXT_VERBATIM;
        }
    }

  _contrail_span_finish (span);

  return span;
}

static GPtrArray *
read_spans (ContrailImport  *import,
            GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return g_steal_pointer (&spans);
    }

  while (contrail_json_reader_next_element (reader))
    {
      ContrailSpan *span = read_span (import);

      if (span != NULL)
        g_ptr_array_add (spans, span);

      if ((spans->len & 1023) == 0 && _contrail_import_check_cancelled (import, error))
        return NULL;
    }

  return g_steal_pointer (&spans);
}

GPtrArray *
_contrail_import_opper (ContrailImport  *import,
                        GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  g_autoptr(ContrailTrace) trace = _contrail_trace_new (import->store,
                                                        CONTRAIL_TRACE_FORMAT_OPPER);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  ContrailJsonSlice key;

  if (!contrail_json_reader_enter_object (reader))
    g_return_val_if_reached (NULL);

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (_contrail_import_trace_member (import, trace, &key))
        continue;
      else if (KEY ("input"))
        _contrail_import_text (import, &trace->input);
      else if (KEY ("output"))
        _contrail_import_text (import, &trace->output);
      else if (KEY ("spans"))
        {
          g_clear_pointer (&spans, g_ptr_array_unref);
          if (!(spans = read_spans (import, error)))
            return NULL;
        }
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  if (contrail_json_reader_get_error (reader) != NULL)
    {
      g_propagate_error (error, g_error_copy (contrail_json_reader_get_error (reader)));
      return NULL;
    }

  _contrail_trace_finish (trace);
  _contrail_trace_set_spans (trace,
                             spans != NULL ? g_steal_pointer (&spans) : g_ptr_array_new (),
                             NULL);

  traces = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (traces, g_steal_pointer (&trace));

  return g_steal_pointer (&traces);
}
