/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-model"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "contrail-enums.h"
#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-metric.h"
#include "contrail-print.h"
#include "contrail-time.h"

static const char agent_trace[] =
  "{\"id\":\"0b6f3c1e-8a4d-4b8e-9f10-2c3d4e5f6a7b\",\"name\":\"support\",\"status\":\"success\","
  "\"start_time\":\"2025-11-20T09:14:02.120000Z\",\"end_time\":\"2025-11-20T09:14:05.905000Z\","
  "\"total_tokens\":1532,\"input\":\"{'q': 1}\",\"output\":\"done\",\"spans\":["
  "{\"id\":\"a\",\"name\":\"agent\",\"type\":\"agent 🤖\",\"start_time\":\"2025-11-20T09:14:02.120Z\","
  " \"end_time\":\"2025-11-20T09:14:05.905Z\",\"meta\":{\"user\":\"u_42\"}},"
  "{\"id\":\"c\",\"parent_id\":\"a\",\"name\":\"lookup\",\"type\":\"🔧 tool\","
  " \"start_time\":\"2025-11-20T09:14:04Z\",\"end_time\":\"2025-11-20T09:14:04.3Z\","
  " \"error\":\"TimeoutError\"},"
  "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"think\",\"type\":\"generation\","
  " \"start_time\":\"2025-11-20T09:14:02.2Z\",\"end_time\":\"2025-11-20T09:14:03.95Z\",\"score\":87,"
  " \"data\":{\"input\":\"hi\",\"output\":\"{\\\"tool\\\": 1}\",\"total_tokens\":812,"
  "  \"model\":\"openai/gpt-4o-mini\",\"instructions\":\"Be brief.\",\"function\":\"think\","
  "  \"tags\":[\"env:prod\",7,\"beta\"],\"score\":50,\"generation_id\":\"g1\","
  "  \"observations\":\"Good.\",\"scorer_context\":{\"relevance\":0.9}},"
  " \"metrics\":[{\"id\":\"m1\",\"dimension\":\"latency\",\"value\":1.75,"
  "  \"created_at\":\"2025-11-20T09:14:04Z\",\"comment\":\"fast\"},"
  "  {\"id\":\"m2\",\"dimension\":\"quality\",\"value\":0.5,\"comment\":null}]},"
  "{\"id\":\"d\",\"parent_id\":\"b\",\"name\":\"inner\",\"data\":{\"total_tokens\":100},"
  " \"start_time\":\"2025-11-20T09:14:03Z\"}"
  "]}";

static ContrailTrace *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, error);

  if (traces == NULL)
    return NULL;

  g_assert_cmpuint (traces->len, ==, 1);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static void
test_model_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContrailTrace) trace = load_string (agent_trace, &error);
  ContrailSpan *agent, *think, *lookup, *inner;
  double value;
  char buf[32];

  g_assert_no_error (error);
  g_assert_cmpstr (contrail_trace_get_id (trace), ==, "0b6f3c1e-8a4d-4b8e-9f10-2c3d4e5f6a7b");
  g_assert_cmpstr (contrail_trace_get_name (trace), ==, "support");
  g_assert_cmpstr (contrail_trace_get_status (trace), ==, "success");
  g_assert_cmpstr (contrail_trace_get_input (trace), ==, "{'q': 1}");
  g_assert_cmpstr (contrail_trace_get_output (trace), ==, "done");
  g_assert_cmpint (contrail_trace_get_total_tokens (trace), ==, 1532);
  g_assert_true (contrail_trace_get_duration_ms (trace, &value));
  g_assert_cmpfloat_with_epsilon (value, 3785, 1e-9);
  g_assert_cmpint (contrail_trace_get_format (trace), ==, CONTRAIL_TRACE_FORMAT_OPPER);
  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, 4);
  g_assert_cmpuint (contrail_trace_get_n_roots (trace), ==, 1);
  g_assert_cmpuint (contrail_trace_get_max_depth (trace), ==, 2);

  agent = contrail_trace_lookup_span (trace, "a");
  think = contrail_trace_lookup_span (trace, "b");
  lookup = contrail_trace_lookup_span (trace, "c");
  inner = contrail_trace_lookup_span (trace, "d");
  g_assert_nonnull (agent);
  g_assert_null (contrail_trace_lookup_span (trace, "zzz"));
  g_assert_true (contrail_trace_get_root (trace, 0) == agent);

  /* Tree: children sorted by start time, not input order */
  g_assert_cmpuint (contrail_span_get_n_children (agent), ==, 2);
  g_assert_true (contrail_span_get_child (agent, 0) == think);
  g_assert_true (contrail_span_get_child (agent, 1) == lookup);
  g_assert_true (contrail_span_get_parent (think) == agent);
  g_assert_null (contrail_span_get_parent (agent));
  g_assert_cmpuint (contrail_span_get_depth (inner), ==, 2);
  g_assert_cmpuint (contrail_span_get_index (lookup), ==, 1);
  g_assert_cmpuint (contrail_span_get_n_descendants (agent), ==, 3);
  g_assert_null (contrail_span_get_children (inner));

  /* Kinds from the free-text type */
  g_assert_cmpint (contrail_span_get_kind (agent), ==, CONTRAIL_SPAN_KIND_AGENT);
  g_assert_cmpint (contrail_span_get_kind (think), ==, CONTRAIL_SPAN_KIND_LLM);
  g_assert_cmpint (contrail_span_get_kind (lookup), ==, CONTRAIL_SPAN_KIND_TOOL);
  g_assert_cmpint (contrail_span_get_kind (inner), ==, CONTRAIL_SPAN_KIND_OTHER);

  /* Span data */
  g_assert_cmpstr (contrail_span_get_input (think), ==, "hi");
  g_assert_cmpstr (contrail_span_get_output (think), ==, "{\"tool\": 1}");
  g_assert_cmpstr (contrail_span_get_model (think), ==, "openai/gpt-4o-mini");
  g_assert_cmpstr (contrail_span_get_instructions (think), ==, "Be brief.");
  g_assert_cmpstr (contrail_span_get_function (think), ==, "think");
  g_assert_cmpstr (contrail_span_get_generation_id (think), ==, "g1");
  g_assert_cmpstr (contrail_span_get_observations (think), ==, "Good.");
  g_assert_cmpstr (contrail_span_get_scorer_context (think), ==, "{\"relevance\":0.9}");
  g_assert_cmpstr (contrail_span_get_meta (agent), ==, "{\"user\":\"u_42\"}");
  g_assert_cmpuint (g_strv_length ((char **)contrail_span_get_tags (think)), ==, 2);
  g_assert_cmpstr (contrail_span_get_tags (think)[1], ==, "beta");
  g_assert_cmpint (contrail_span_get_total_tokens (think), ==, 812);
  g_assert_true (contrail_span_get_score (think, &value));
  g_assert_cmpfloat (value, ==, 87);
  g_assert_true (contrail_span_get_data_score (think, &value));
  g_assert_cmpfloat (value, ==, 50);
  g_assert_true (contrail_span_get_effective_score (think, &value));
  g_assert_cmpfloat (value, ==, 87);
  g_assert_false (contrail_span_get_effective_score (agent, &value));
  g_assert_true (contrail_span_get_duration_ms (lookup, &value));
  g_assert_cmpfloat_with_epsilon (value, 300, 1e-9);
  g_assert_false (contrail_span_get_duration_ms (inner, NULL));
  g_assert_true (contrail_time_format (contrail_span_get_start_time (think), buf));
  g_assert_cmpstr (buf, ==, "2025-11-20T09:14:02.200000Z");

  /* Metrics */
  g_assert_cmpuint (contrail_span_get_n_metrics (think), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (contrail_span_get_metrics (think)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (contrail_span_get_metrics (agent)), ==, 0);
  {
    g_autoptr(ContrailMetric) metric = g_list_model_get_item (contrail_span_get_metrics (think), 0);

    g_assert_cmpstr (contrail_metric_get_dimension (metric), ==, "latency");
    g_assert_cmpstr (contrail_metric_get_comment (metric), ==, "fast");
    g_assert_true (contrail_metric_get_value (metric, &value));
    g_assert_cmpfloat (value, ==, 1.75);
    g_assert_true (CONTRAIL_TIME_IS_VALID (contrail_metric_get_created_at (metric)));
  }

  /* Aggregates */
  g_assert_cmpint (contrail_span_get_subtree_tokens (agent), ==, 912);
  g_assert_cmpint (contrail_span_get_subtree_tokens (think), ==, 912);
  g_assert_cmpint (contrail_span_get_subtree_tokens (lookup), ==, CONTRAIL_TOKENS_NONE);
  g_assert_cmpint (contrail_trace_get_span_tokens (trace), ==, 912);
  g_assert_true (contrail_span_has_error (lookup));
  g_assert_false (contrail_span_has_error (agent));
  g_assert_true (contrail_span_has_error_below (agent));
  g_assert_false (contrail_span_has_error_below (think));
  g_assert_cmpuint (contrail_trace_get_n_errors (trace), ==, 1);
  {
    gint64 start, end;

    g_assert_true (contrail_trace_get_time_bounds (trace, &start, &end));
    g_assert_true (contrail_time_format (start, buf));
    g_assert_cmpstr (buf, ==, "2025-11-20T09:14:02.120000Z");
    g_assert_true (contrail_time_format (end, buf));
    g_assert_cmpstr (buf, ==, "2025-11-20T09:14:05.905000Z");
  }

  g_assert_finalize_object (g_steal_pointer (&trace));
}

static void
test_model_properties (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContrailTrace) trace = load_string (agent_trace, &error);
  ContrailSpan *think = contrail_trace_lookup_span (trace, "b");
  g_autofree char *name = NULL;
  g_autofree char *model = NULL;
  g_autofree char *input = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GListModel) roots = NULL;
  g_autoptr(ContrailSpan) parent = NULL;
  gint64 tokens = 0;
  guint depth = 0, span_count = 0;
  ContrailSpanKind kind;
  gboolean has_error_below;

  g_assert_no_error (error);

  g_object_get (think,
                "name", &name,
                "model", &model,
                "input", &input,
                "tags", &tags,
                "total-tokens", &tokens,
                "depth", &depth,
                "kind", &kind,
                "children", &children,
                "parent", &parent,
                NULL);
  g_assert_cmpstr (name, ==, "think");
  g_assert_cmpstr (model, ==, "openai/gpt-4o-mini");
  g_assert_cmpstr (input, ==, "hi");
  g_assert_cmpstr (tags[0], ==, "env:prod");
  g_assert_cmpint (tokens, ==, 812);
  g_assert_cmpuint (depth, ==, 1);
  g_assert_cmpint (kind, ==, CONTRAIL_SPAN_KIND_LLM);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);
  g_assert_true (g_list_model_get_item_type (children) == CONTRAIL_TYPE_SPAN);
  g_assert_true (parent == contrail_trace_lookup_span (trace, "a"));

  g_object_get (parent, "has-error-below", &has_error_below, NULL);
  g_assert_true (has_error_below);

  g_object_get (trace, "roots", &roots, "span-count", &span_count, NULL);
  g_assert_cmpuint (span_count, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
}

/* A span stays usable after its trace is gone; its parent link is dropped
 * when the parent goes. */
static void
test_model_span_outlives_trace (void)
{
  g_autoptr(GError) error = NULL;
  ContrailTrace *trace = load_string (agent_trace, &error);
  ContrailSpan *agent;
  ContrailSpan *inner;

  g_assert_no_error (error);
  agent = g_object_ref (contrail_trace_lookup_span (trace, "a"));
  inner = g_object_ref (contrail_trace_lookup_span (trace, "d"));
  g_assert_finalize_object (trace);

  g_assert_cmpstr (contrail_span_get_name (agent), ==, "agent");
  g_assert_cmpuint (contrail_span_get_n_children (agent), ==, 2);
  g_assert_cmpstr (contrail_span_get_name (contrail_span_get_child (agent, 0)), ==, "think");
  g_assert_nonnull (contrail_span_get_parent (inner));

  g_assert_finalize_object (agent);
  g_assert_null (contrail_span_get_parent (inner));
  g_assert_cmpstr (contrail_span_get_name (inner), ==, "inner");
  g_assert_finalize_object (inner);
}

static void
test_model_large_text_is_lazy (void)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"t\",\"spans\":[{\"id\":\"s\",\"data\":{\"output\":\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(ContrailTrace) trace = NULL;
  ContrailSpan *span;
  const char *output;

  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "ab\\n\\u00e9");
  g_string_append (json, "\"}}]}");

  trace = load_string (json->str, &error);
  g_assert_no_error (error);
  span = contrail_trace_get_span (trace, 0);
  /* Not decoded yet: the size is the escaped size */
  g_assert_cmpuint (contrail_span_get_output_size (span), ==, 100000 * 10);
  output = contrail_span_get_output (span);
  g_assert_cmpuint (strlen (output), ==, 100000 * 5);
  g_assert_true (g_str_has_prefix (output, "ab\né"));
  g_assert_true (contrail_span_get_output (span) == output);
}

/* A mapped file gives its pages back while it is read; texts sliced from
 * the released pages still decode (they come back from the file). */
static void
test_model_released_input (void)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"t\",\"spans\":[");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "contrail-test-release.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;
  ContrailTrace *trace;
  const guint n = 3000;

  /* About 24 MB, so that several release chunks go by */
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (json, "%s{\"id\":\"s%u\",\"data\":{\"output\":\"span %u:",
                              i == 0 ? "" : ",", i, i);
      for (guint k = 0; k < 800; k++)
        g_string_append (json, " tok\\n");
      g_string_append (json, "\"}}");
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  g_assert_no_error (error);

  traces = contrail_import_file (file, NULL, &error);
  g_assert_no_error (error);
  trace = g_ptr_array_index (traces, 0);
  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, n);

  for (guint i = 0; i < n; i += 499)
    {
      g_autofree char *prefix = g_strdup_printf ("span %u: tok\n tok", i);
      const char *output = contrail_span_get_output (contrail_trace_get_span (trace, i));

      g_assert_true (g_str_has_prefix (output, prefix));
      /* each " tok\\n" of the JSON decodes to " tok" and a newline */
      g_assert_cmpuint (strlen (output), ==, strlen (prefix) - strlen (" tok\n tok") + 800 * 5);
    }

  g_unlink (path);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_model_async (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "golden", "agent.json",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;

  contrail_import_file_async (file, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  traces = contrail_import_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, ==, 1);
  g_assert_cmpuint (contrail_trace_get_span_count (g_ptr_array_index (traces, 0)), ==, 5);
}

static void
test_model_async_cancelled (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "golden", "agent.json",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  contrail_import_file_async (file, cancellable, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  traces = contrail_import_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (traces);
}

static void
test_model_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/contrail/trace.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_file (file, NULL, &error);

  g_assert_null (traces);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_model_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_demo (&error);
  guint total = 0;
  gboolean some_error = FALSE, some_llm = FALSE, some_tool = FALSE, some_agent = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, >=, 3);

  for (guint i = 0; i < traces->len; i++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, i);

      g_assert_nonnull (contrail_trace_get_id (trace));
      g_assert_nonnull (contrail_trace_get_name (trace));
      g_assert_cmpuint (contrail_trace_get_span_count (trace), >, 0);
      total += contrail_trace_get_span_count (trace);

      for (guint s = 0; s < contrail_trace_get_span_count (trace); s++)
        {
          ContrailSpan *span = contrail_trace_get_span (trace, s);

          some_error |= contrail_span_has_error (span);
          some_llm |= contrail_span_get_kind (span) == CONTRAIL_SPAN_KIND_LLM;
          some_tool |= contrail_span_get_kind (span) == CONTRAIL_SPAN_KIND_TOOL;
          some_agent |= contrail_span_get_kind (span) == CONTRAIL_SPAN_KIND_AGENT;
        }
    }

  /* The large generated trace has about 2,000 spans */
  g_assert_cmpuint (total, >=, 2000);
  g_assert_true (some_error && some_llm && some_tool && some_agent);
}

/* For export and "copy span as JSON": the document as received, each
 * span's own object, and a span's subtree as normalized JSON. */
static void
test_model_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (agent_trace, strlen (agent_trace));
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, &error);
  ContrailTrace *trace;
  ContrailSpan *lookup, *think;
  g_autoptr(GString) json = g_string_new (NULL);
  GBytes *source;

  g_assert_no_error (error);
  trace = g_ptr_array_index (traces, 0);
  source = contrail_trace_get_source_bytes (trace);
  g_assert_nonnull (source);
  g_assert_true (g_bytes_equal (source, bytes));

  lookup = contrail_trace_lookup_span (trace, "c");
  g_assert_cmpstr (contrail_span_get_source (lookup), ==,
                   "{\"id\":\"c\",\"parent_id\":\"a\",\"name\":\"lookup\",\"type\":\"🔧 tool\","
                   " \"start_time\":\"2025-11-20T09:14:04Z\",\"end_time\":\"2025-11-20T09:14:04.3Z\","
                   " \"error\":\"TimeoutError\"}");

  think = contrail_trace_lookup_span (trace, "b");
  contrail_print_span_json (json, think);
  g_assert_true (g_str_has_prefix (json->str, "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"think\""));
  g_assert_true (g_str_has_suffix (json->str, "\"metrics\":0,\"children\":[]}]}"));
  g_assert_nonnull (strstr (json->str, "\"children\":[{\"id\":\"d\""));
  g_assert_null (strchr (json->str, '\n'));
}

static void
test_model_usage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContrailTrace) trace = load_string (
    "{\"id\":\"t\",\"spans\":["
    "{\"id\":\"1\",\"data\":{\"model\":\"small\",\"total_tokens\":10}},"
    "{\"id\":\"2\",\"data\":{\"model\":\"big\",\"total_tokens\":500}},"
    "{\"id\":\"3\",\"data\":{\"model\":\"small\",\"total_tokens\":15}},"
    "{\"id\":\"4\",\"data\":{\"model\":\"unmetered\"}},"
    "{\"id\":\"5\",\"data\":{\"total_tokens\":99}}]}", &error);
  g_autoptr(GArray) usage = NULL;
  ContrailModelUsage *u;

  g_assert_no_error (error);
  usage = contrail_trace_get_model_usage (trace);
  g_assert_cmpuint (usage->len, ==, 3);
  u = &g_array_index (usage, ContrailModelUsage, 0);
  g_assert_cmpstr (u->model, ==, "big");
  g_assert_cmpint (u->tokens, ==, 500);
  g_assert_cmpuint (u->n_spans, ==, 1);
  u = &g_array_index (usage, ContrailModelUsage, 1);
  g_assert_cmpstr (u->model, ==, "small");
  g_assert_cmpint (u->tokens, ==, 25);
  g_assert_cmpuint (u->n_spans, ==, 2);
  u = &g_array_index (usage, ContrailModelUsage, 2);
  g_assert_cmpstr (u->model, ==, "unmetered");
  g_assert_cmpint (u->tokens, ==, CONTRAIL_TOKENS_NONE);
  g_assert_cmpint (contrail_trace_get_span_tokens (trace), ==, 624);
}

static void
test_model_classify (void)
{
  g_assert_cmpint (contrail_span_kind_classify ("generation", NULL, NULL), ==, CONTRAIL_SPAN_KIND_LLM);
  g_assert_cmpint (contrail_span_kind_classify ("LLM", NULL, NULL), ==, CONTRAIL_SPAN_KIND_LLM);
  g_assert_cmpint (contrail_span_kind_classify ("🔧 tool", NULL, NULL), ==, CONTRAIL_SPAN_KIND_TOOL);
  g_assert_cmpint (contrail_span_kind_classify ("email_tool", NULL, NULL), ==, CONTRAIL_SPAN_KIND_TOOL);
  g_assert_cmpint (contrail_span_kind_classify ("SubAgent", NULL, NULL), ==, CONTRAIL_SPAN_KIND_AGENT);
  g_assert_cmpint (contrail_span_kind_classify ("agent 🤖", NULL, NULL), ==, CONTRAIL_SPAN_KIND_AGENT);
  g_assert_cmpint (contrail_span_kind_classify ("workflow", NULL, NULL), ==, CONTRAIL_SPAN_KIND_OTHER);
  g_assert_cmpint (contrail_span_kind_classify ("workflow", "gpt-4o", NULL), ==, CONTRAIL_SPAN_KIND_LLM);
  g_assert_cmpint (contrail_span_kind_classify (NULL, NULL, "g"), ==, CONTRAIL_SPAN_KIND_LLM);
  g_assert_cmpint (contrail_span_kind_classify (NULL, NULL, NULL), ==, CONTRAIL_SPAN_KIND_OTHER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/model/fields", test_model_fields);
  g_test_add_func ("/contrail/model/properties", test_model_properties);
  g_test_add_func ("/contrail/model/span-outlives-trace", test_model_span_outlives_trace);
  g_test_add_func ("/contrail/model/large-text-is-lazy", test_model_large_text_is_lazy);
  g_test_add_func ("/contrail/model/released-input", test_model_released_input);
  g_test_add_func ("/contrail/model/async", test_model_async);
  g_test_add_func ("/contrail/model/async-cancelled", test_model_async_cancelled);
  g_test_add_func ("/contrail/model/missing-file", test_model_missing_file);
  g_test_add_func ("/contrail/model/demo", test_model_demo);
  g_test_add_func ("/contrail/model/sources", test_model_sources);
  g_test_add_func ("/contrail/model/usage", test_model_usage);
  g_test_add_func ("/contrail/model/classify", test_model_classify);

  return g_test_run ();
}
