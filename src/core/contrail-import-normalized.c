/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Contrail's own normalized JSON (DESIGN.md §5, "contrail-trace/1"): what
 * `--print --json` and export write.  Spans are nested in "children"; the
 * nesting is the tree, so reading a file back gives the same output.  The
 * nesting is followed with an explicit stack, never by recursion.
 */
#define G_LOG_DOMAIN "contrail-import-normalized"

#include "config.h"

#include "contrail-import-private.h"
#include "contrail-time.h"

#define KEY(k) contrail_json_slice_equal (&key, k)

typedef struct
{
  gint     span;        /* index of the span whose object we are in, or -1 */
  gboolean in_array;    /* inside a "children" (or top-level "spans") array */
} Frame;

static void
read_span_member (ContrailImport    *import,
                  ContrailSpan      *span,
                  ContrailJsonSlice  key)
{
  if (_contrail_import_span_member (import, span, &key))
    return;
  else if (KEY ("service"))
    span->service = _contrail_import_string (import);
  else if (KEY ("total_tokens"))
    span->total_tokens = _contrail_import_tokens (import);
  else if (KEY ("model"))
    span->model = _contrail_import_string (import);
  else if (KEY ("metrics"))
    {
      gint64 count = _contrail_import_count (import);

      span->n_metrics = (guint)CLAMP (count, 0, G_MAXUINT);
    }
  else
    contrail_json_reader_skip (import->reader, NULL, NULL);
}

/* Reads the "spans" array into @spans (pre-order) and @parents. */
static gboolean
read_span_tree (ContrailImport  *import,
                GPtrArray       *spans,
                GArray          *parents,
                GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame top = { -1, TRUE };

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return TRUE;
    }
  g_array_append_val (stack, top);

  while (stack->len > 0)
    {
      Frame *frame = &g_array_index (stack, Frame, stack->len - 1);
      ContrailJsonSlice key;

      if (frame->in_array)
        {
          gint parent = frame->span;

          if (!contrail_json_reader_next_element (reader))
            {
              /* The children array ends; its span's object goes on. */
              g_array_set_size (stack, stack->len - 1);
              continue;
            }

          if (!contrail_json_reader_enter_object (reader))
            {
              contrail_json_reader_skip (reader, NULL, NULL);
              continue;
            }

          g_ptr_array_add (spans, _contrail_span_new (import->store));
          g_array_append_val (parents, parent);
          top.span = (gint)spans->len - 1;
          top.in_array = FALSE;
          g_array_append_val (stack, top);

          if ((spans->len & 1023) == 0 && _contrail_import_check_cancelled (import, error))
            return FALSE;
        }
      else
        {
          ContrailSpan *span = g_ptr_array_index (spans, frame->span);

          if (!contrail_json_reader_next_member (reader, &key))
            {
              _contrail_span_finish (span);
              g_array_set_size (stack, stack->len - 1);
              continue;
            }

          if (KEY ("children") && contrail_json_reader_enter_array (reader))
            {
              top.span = frame->span;
              top.in_array = TRUE;
              g_array_append_val (stack, top);
            }
          else
            {
              read_span_member (import, span, key);
            }
        }

      if (contrail_json_reader_get_error (reader) != NULL)
        break;
    }

  return TRUE;
}

static ContrailTrace *
read_trace (ContrailImport  *import,
            GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  g_autoptr(ContrailTrace) trace = _contrail_trace_new (import->store,
                                                        CONTRAIL_TRACE_FORMAT_NORMALIZED);
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (gint));
  ContrailJsonSlice key;

  if (!contrail_json_reader_enter_object (reader))
    g_return_val_if_reached (NULL);

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (_contrail_import_trace_member (import, trace, &key))
        continue;
      else if (KEY ("spans") && spans->len == 0)
        {
          if (!read_span_tree (import, spans, parents, error))
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
  _contrail_trace_set_spans (trace, g_steal_pointer (&spans), (const gint *)parents->data);

  return g_steal_pointer (&trace);
}

static gboolean
only_whitespace (const char *data,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

/* One trace per JSON value: a file holds one, or one per line (what
 * `--print --json` writes for several traces). */
GPtrArray *
_contrail_import_normalized (ContrailImport  *import,
                             GError         **error)
{
  g_autoptr(GPtrArray) traces = g_ptr_array_new_with_free_func (g_object_unref);
  ContrailImport line = *import;
  gsize offset = 0;

  for (;;)
    {
      ContrailTrace *trace = read_trace (&line, error);

      offset += contrail_json_reader_get_offset (line.reader);
      if (line.reader != import->reader)
        contrail_json_reader_free (line.reader);
      line.reader = NULL;

      if (trace == NULL)
        return NULL;
      g_ptr_array_add (traces, trace);

      if (import->data == NULL || offset >= import->len ||
          only_whitespace (import->data + offset, import->len - offset))
        break;

      line.reader = contrail_json_reader_new (import->data + offset, import->len - offset);
    }

  return g_steal_pointer (&traces);
}
