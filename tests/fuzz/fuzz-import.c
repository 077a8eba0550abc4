/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * contrail_import_bytes() on arbitrary bytes.  When it loads, every trace is
 * printed as normalized JSON and as text, every text a window would show is
 * read (and must be valid UTF-8), and the printed JSON is imported again:
 * it must give the same number of traces and print identically, as JSON and
 * as text (DESIGN.md §5.1 rule 1).  When it fails, the error must be
 * CONTRAIL_ERROR with a message.
 */
#define G_LOG_DOMAIN "contrail-fuzz"

#include <string.h>

#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-metric.h"
#include "contrail-print.h"
#include "contrail-span.h"
#include "contrail-trace.h"

#include "fuzz-harness.h"

static void
check_text (const char *what,
            const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("fuzz-import: %s is not valid UTF-8", what);
}

/* What the detail pane and the timeline read; texts kept as slices of the
 * input are decoded here. */
static void
touch_span (ContrailSpan *span)
{
  GListModel *metrics = contrail_span_get_metrics (span);
  const char * const *tags = contrail_span_get_tags (span);
  guint n_metrics = metrics != NULL ? g_list_model_get_n_items (metrics) : 0;
  double value;

  check_text ("id", contrail_span_get_id (span));
  check_text ("parent_id", contrail_span_get_parent_id (span));
  check_text ("name", contrail_span_get_name (span));
  check_text ("type", contrail_span_get_span_type (span));
  check_text ("service", contrail_span_get_service (span));
  check_text ("error", contrail_span_get_error (span));
  check_text ("meta", contrail_span_get_meta (span));
  check_text ("input", contrail_span_get_input (span));
  check_text ("output", contrail_span_get_output (span));
  check_text ("model", contrail_span_get_model (span));
  check_text ("instructions", contrail_span_get_instructions (span));
  check_text ("function", contrail_span_get_function (span));
  check_text ("generation_id", contrail_span_get_generation_id (span));
  check_text ("observations", contrail_span_get_observations (span));
  check_text ("scorer_context", contrail_span_get_scorer_context (span));
  check_text ("source", contrail_span_get_source (span));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    check_text ("tag", tags[i]);

  (void)contrail_span_get_input_size (span);
  (void)contrail_span_get_output_size (span);
  (void)contrail_span_get_duration_ms (span, &value);
  (void)contrail_span_get_effective_score (span, &value);
  (void)contrail_span_get_subtree_tokens (span);
  (void)contrail_span_get_n_descendants (span);

  for (guint i = 0; i < n_metrics; i++)
    {
      g_autoptr(ContrailMetric) metric = g_list_model_get_item (metrics, i);

      check_text ("metric id", contrail_metric_get_id (metric));
      check_text ("metric dimension", contrail_metric_get_dimension (metric));
      check_text ("metric comment", contrail_metric_get_comment (metric));
      (void)contrail_metric_get_value (metric, &value);
      (void)contrail_metric_get_created_at (metric);
    }
  if (metrics != NULL && g_list_model_get_item (metrics, n_metrics) != NULL)
    g_error ("fuzz-import: a metrics model returns an item past its end");
}

static void
touch_trace (ContrailTrace *trace)
{
  guint n = contrail_trace_get_span_count (trace);

  check_text ("trace id", contrail_trace_get_id (trace));
  check_text ("trace name", contrail_trace_get_name (trace));
  check_text ("trace status", contrail_trace_get_status (trace));
  check_text ("trace input", contrail_trace_get_input (trace));
  check_text ("trace output", contrail_trace_get_output (trace));
  (void)contrail_trace_get_max_depth (trace);

  for (guint i = 0; i < n; i++)
    touch_span (contrail_trace_get_span (trace, i));
}

/* Normalized JSON lines of every trace in @traces, and their text. */
static void
print_all (GPtrArray *traces,
           GString   *json,
           GString   *text)
{
  for (guint i = 0; i < traces->len; i++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, i);
      gsize from = json->len;

      contrail_print_json (json, trace);
      if (json->len == from || json->str[json->len - 1] != '\n' ||
          memchr (json->str + from, '\n', json->len - from - 1) != NULL)
        g_error ("fuzz-import: trace %u did not print as exactly one line", i);
      contrail_print_text (text, trace);
    }

  if (!g_utf8_validate (json->str, json->len, NULL) || !g_utf8_validate (text->str, text->len, NULL))
    g_error ("fuzz-import: printed output is not valid UTF-8");
}

static void
check_error (const GError *error)
{
  if (error == NULL)
    g_error ("fuzz-import: import failed without an error");
  if (error->domain != CONTRAIL_ERROR ||
      (error->code != CONTRAIL_ERROR_INVALID_DATA &&
       error->code != CONTRAIL_ERROR_UNSUPPORTED_FORMAT))
    g_error ("fuzz-import: unexpected error %s %d: %s",
             g_quark_to_string (error->domain), error->code, error->message);
  if (error->message == NULL || error->message[0] == '\0' ||
      !g_utf8_validate (error->message, -1, NULL))
    g_error ("fuzz-import: the error message is empty or not UTF-8");
}

int
contrail_fuzz_import (const guint8 *data,
                      gsize         size)
{
  /* A private copy of exactly @size bytes, so reads past the end trip ASan. */
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GBytes) printed = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) json2 = g_string_new (NULL);
  g_autoptr(GString) text2 = g_string_new (NULL);

  traces = contrail_import_bytes (bytes, NULL, &error);
  if (traces == NULL)
    {
      check_error (error);
      return 0;
    }
  if (error != NULL)
    g_error ("fuzz-import: import succeeded and set an error");
  if (traces->len == 0)
    g_error ("fuzz-import: import succeeded with no trace");

  for (guint i = 0; i < traces->len; i++)
    touch_trace (g_ptr_array_index (traces, i));
  print_all (traces, json, text);

  /* Reading the printed JSON back gives the same output. */
  printed = g_bytes_new (json->str, json->len);
  again = contrail_import_bytes (printed, NULL, &error);
  if (again == NULL)
    g_error ("fuzz-import: printed JSON does not read back: %s\n%s", error->message, json->str);
  if (again->len != traces->len)
    g_error ("fuzz-import: %u traces printed, %u read back", traces->len, again->len);
  print_all (again, json2, text2);
  if (!g_string_equal (json, json2))
    g_error ("fuzz-import: printed JSON reads back differently:\n%s\n%s", json->str, json2->str);
  if (!g_string_equal (text, text2))
    g_error ("fuzz-import: text differs after reading the JSON back:\n%s\n%s",
             text->str, text2->str);

  return 0;
}

CONTRAIL_FUZZ_ENTRY (contrail_fuzz_import)
