/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-trace-search"

#include "config.h"

#include <string.h>

#include "contrail-import.h"
#include "contrail-trace-search.h"

/* root
 * ├── plan            generation, gpt-4o, input mentions "Paris"
 * │   └── lookup      tool, error "TimeoutError", 900 ms
 * ├── café            tool, output "Crème brûlée"
 * └── answer          generation, claude, output with an escaped "Paris\n"
 * orphan              another root, slow (5 s)
 */
static const char trace_json[] =
  "{\"id\":\"t\",\"spans\":["
  "{\"id\":\"root\",\"name\":\"root\",\"type\":\"agent\",\"start_time\":\"2025-01-01T00:00:00Z\","
  " \"duration_ms\":3000},"
  "{\"id\":\"answer\",\"parent_id\":\"root\",\"name\":\"answer\",\"type\":\"generation\","
  " \"start_time\":\"2025-01-01T00:00:03Z\",\"duration_ms\":400,"
  " \"data\":{\"model\":\"anthropic/claude\",\"output\":\"The capital is \\u0050aris\\n\"}},"
  "{\"id\":\"plan\",\"parent_id\":\"root\",\"name\":\"plan\",\"type\":\"generation\","
  " \"start_time\":\"2025-01-01T00:00:01Z\",\"duration_ms\":100,"
  " \"data\":{\"model\":\"openai/gpt-4o\",\"input\":\"Where is PARIS?\"}},"
  "{\"id\":\"lookup\",\"parent_id\":\"plan\",\"name\":\"lookup\",\"type\":\"tool\","
  " \"start_time\":\"2025-01-01T00:00:01.5Z\",\"duration_ms\":900,\"error\":\"TimeoutError\"},"
  "{\"id\":\"cafe\",\"parent_id\":\"root\",\"name\":\"café\",\"type\":\"tool\","
  " \"start_time\":\"2025-01-01T00:00:02Z\",\"duration_ms\":50,"
  " \"data\":{\"output\":\"Crème brûlée\"}},"
  "{\"id\":\"orphan\",\"name\":\"orphan\",\"start_time\":\"2025-01-01T00:00:09Z\",\"duration_ms\":5000}"
  "]}";

static ContrailTrace *
load (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (trace_json, strlen (trace_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (traces, 0));
}

/* The ids of the matches, in order, joined by spaces. */
static char *
match_ids (ContrailSearchResult *result)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < contrail_search_result_get_n_matches (result); i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, contrail_span_get_id (contrail_search_result_get_match (result, i)));
    }

  return g_string_free (out, FALSE);
}

static void
check (const char           *query,
       ContrailSearchFilter  filters,
       const char           *expected)
{
  g_autoptr(ContrailTrace) trace = load ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ContrailSearchResult) result = contrail_trace_search (trace, query, filters, NULL, &error);
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  ids = match_ids (result);
  g_test_message ("“%s” %d → %s", query, filters, ids);
  g_assert_cmpstr (ids, ==, expected);
}

static void
test_search_fields (void)
{
  /* tree order: root, plan, lookup, cafe, answer, orphan */
  check ("paris", 0, "plan answer");            /* input, and an escaped output */
  check ("  Paris\t", 0, "plan answer");        /* trimmed, any case */
  check ("timeout", 0, "lookup");               /* error */
  check ("generation", 0, "plan answer");       /* type */
  check ("gpt-4o", 0, "plan");                  /* model */
  check ("CAFÉ", 0, "cafe");                    /* non-ASCII, case-folded */
  check ("crème", 0, "cafe");                   /* output text */
  check ("orphan", 0, "orphan");
  check ("nothing like this", 0, "");
  check ("", 0, "root plan lookup cafe answer orphan");
}

static void
test_search_filters (void)
{
  check ("", CONTRAIL_SEARCH_FILTER_ERRORS, "lookup");
  check ("", CONTRAIL_SEARCH_FILTER_LLM, "plan answer");
  /* 6 spans: the slowest 5 % is one span */
  check ("", CONTRAIL_SEARCH_FILTER_SLOWEST, "orphan");
  check ("paris", CONTRAIL_SEARCH_FILTER_LLM, "plan answer");
  check ("paris", CONTRAIL_SEARCH_FILTER_ERRORS, "");
  check ("", CONTRAIL_SEARCH_FILTER_ERRORS | CONTRAIL_SEARCH_FILTER_LLM, "");
}

static void
test_search_visible_and_next (void)
{
  g_autoptr(ContrailTrace) trace = load ();
  g_autoptr(ContrailSearchResult) result = contrail_trace_search (trace, "timeout", 0, NULL, NULL);
  ContrailSpan *root = contrail_trace_lookup_span (trace, "root");
  ContrailSpan *plan = contrail_trace_lookup_span (trace, "plan");
  ContrailSpan *lookup = contrail_trace_lookup_span (trace, "lookup");
  ContrailSpan *cafe = contrail_trace_lookup_span (trace, "cafe");
  ContrailSpan *orphan = contrail_trace_lookup_span (trace, "orphan");
  g_autoptr(ContrailSearchResult) many = contrail_trace_search (trace, "a", 0, NULL, NULL);

  /* Matches only keeps the ancestors */
  g_assert_true (contrail_search_result_is_match (result, lookup));
  g_assert_false (contrail_search_result_is_match (result, plan));
  g_assert_true (contrail_search_result_is_visible (result, plan));
  g_assert_true (contrail_search_result_is_visible (result, root));
  g_assert_false (contrail_search_result_is_visible (result, cafe));
  g_assert_false (contrail_search_result_is_visible (result, orphan));
  g_assert_cmpint (contrail_search_result_find (result, lookup), ==, 0);
  g_assert_cmpint (contrail_search_result_find (result, plan), ==, -1);

  /* "a" is in every span but lookup ("agent" is root's type) */
  {
    g_autofree char *ids = match_ids (many);

    g_assert_cmpstr (ids, ==, "root plan cafe answer orphan");
  }
  g_assert_cmpint (contrail_search_result_next (many, NULL, FALSE), ==, 0);
  g_assert_cmpint (contrail_search_result_next (many, NULL, TRUE), ==, 4);
  g_assert_cmpint (contrail_search_result_next (many, lookup, FALSE), ==, 2);   /* → cafe */
  g_assert_cmpint (contrail_search_result_next (many, lookup, TRUE), ==, 1);    /* → plan */
  g_assert_cmpint (contrail_search_result_next (many, cafe, FALSE), ==, 3);     /* → answer */
  g_assert_cmpint (contrail_search_result_next (many, cafe, TRUE), ==, 1);      /* → plan */
  g_assert_cmpint (contrail_search_result_next (many, orphan, FALSE), ==, 0);   /* wraps */
  g_assert_cmpint (contrail_search_result_next (many, root, TRUE), ==, 4);      /* wraps */
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* 100,000 spans with texts: searched in a worker, cancellable. */
static void
test_search_big_async (void)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"t\",\"spans\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ContrailSearchResult) found = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 100000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\":\"s%u\",\"parent_id\":\"s%u\",\"name\":\"step\","
                                  "\"data\":{\"output\":\"result %s number %u\"}}",
                            i == 0 ? "" : ",", i, i / 10, i % 1000 == 7 ? "needle" : "hay", i);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);

  contrail_trace_search_async (g_ptr_array_index (traces, 0), "NEEDLE", 0, NULL,
                               search_done_cb, &result);
  g_cancellable_cancel (cancellable);
  contrail_trace_search_async (g_ptr_array_index (traces, 0), "hay", 0, cancellable,
                               search_done_cb, &cancelled);
  while (result == NULL || cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);

  found = contrail_trace_search_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contrail_search_result_get_n_matches (found), ==, n / 1000);

  g_assert_null (contrail_trace_search_finish (cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/trace-search/fields", test_search_fields);
  g_test_add_func ("/contrail/trace-search/filters", test_search_filters);
  g_test_add_func ("/contrail/trace-search/visible-and-next", test_search_visible_and_next);
  g_test_add_func ("/contrail/trace-search/big-async", test_search_big_async);

  return g_test_run ();
}
