/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The OTLP/JSON and Jaeger JSON importers (DESIGN.md §5.1, §5.2).
 *
 * - tests/fixtures/{otlp,jaeger}/NAME.json (or .jsonl): imports to one trace
 *   per line of NAME.expected.json, whose normalized JSON is that line byte
 *   for byte, and each printed line reads back to itself.  The expected
 *   files come from tests/oracle/otel.py, an independent Python reading of
 *   §5.1/§5.2 (`python3 tests/oracle/otel.py --regenerate`).
 *   invalid-NAME.* must fail with CONTRAIL_ERROR_INVALID_DATA.
 * - Every fixture again with each of its values replaced by values of other
 *   types: the import succeeds or fails cleanly, never with a critical.
 * - The real files of $CONTRAIL_REAL_TRACES/MANIFEST.tsv load as their row
 *   says, and print what the oracle prints for them (when python3 exists).
 * - Texts (input, output, instructions, meta) that the UI shows.
 */

#define G_LOG_DOMAIN "test-import-otel"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "contrail-error.h"
#include "contrail-import.h"
#include "contrail-json-reader.h"
#include "contrail-print.h"
#include "contrail-span.h"
#include "contrail-trace.h"

static const char *
srcdir (void)
{
  const char *dir = g_getenv ("G_TEST_SRCDIR");

  return dir != NULL ? dir : g_test_get_dir (G_TEST_DIST);
}

/* Fails with the neighbourhood of the first difference rather than with two
 * long strings. */
static void
assert_same_text (const char *what,
                  const char *got,
                  const char *want)
{
  gsize got_len = strlen (got);
  gsize want_len = strlen (want);
  gsize i = 0;
  gsize from;
  g_autofree char *got_part = NULL;
  g_autofree char *want_part = NULL;

  if (got_len == want_len && memcmp (got, want, got_len) == 0)
    return;

  while (i < got_len && i < want_len && got[i] == want[i])
    i++;
  from = i > 160 ? i - 160 : 0;
  got_part = g_strndup (got + from, MIN (got_len - from, 320));
  want_part = g_strndup (want + from, MIN (want_len - from, 320));
  g_test_message ("%s: first difference at byte %" G_GSIZE_FORMAT
                  " (lengths %" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT ")",
                  what, i, got_len, want_len);
  g_assert_cmpstr (got_part, ==, want_part);
  g_assert_not_reached ();
}

/* Prints every trace (normalized JSON, one line each), then drops them and
 * checks that nothing keeps them alive. */
static char *
print_and_free (GPtrArray *traces)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < traces->len; i++)
    contrail_print_json (out, g_ptr_array_index (traces, i));

  while (traces->len > 0)
    {
      ContrailTrace *trace = g_object_ref (g_ptr_array_index (traces, traces->len - 1));

      g_ptr_array_remove_index (traces, traces->len - 1);
      g_assert_finalize_object (trace);   /* catches leaked spans and ref cycles */
    }
  g_ptr_array_unref (traces);

  return g_string_free (out, FALSE);
}

/* Each printed line must read back to itself (§5.1 rule 1). */
static void
assert_round_trip (const char *printed)
{
  g_auto(GStrv) lines = g_strsplit (printed, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *again = NULL;
      GPtrArray *traces;

      if (lines[i][0] == '\0')
        continue;

      line = g_strconcat (lines[i], "\n", NULL);
      bytes = g_bytes_new (line, strlen (line));
      traces = contrail_import_bytes (bytes, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (traces->len, ==, 1);
      g_assert_cmpint (contrail_trace_get_format (g_ptr_array_index (traces, 0)), ==,
                       CONTRAIL_TRACE_FORMAT_NORMALIZED);
      again = print_and_free (traces);
      assert_same_text ("round trip", again, line);
    }
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* ---- Fixtures ---- */

typedef struct
{
  char *dir;       /* "otlp" or "jaeger" */
  char *file;      /* NAME.json or NAME.jsonl */
  char *name;      /* NAME */
} Fixture;

static void
fixture_free (gpointer data)
{
  Fixture *fixture = data;

  g_free (fixture->dir);
  g_free (fixture->file);
  g_free (fixture->name);
  g_free (fixture);
}

static char *
fixture_path (const Fixture *fixture,
              const char    *file)
{
  return g_build_filename (srcdir (), "fixtures", fixture->dir, file, NULL);
}

static void
test_fixture (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autofree char *path = fixture_path (fixture, fixture->file);
  g_autofree char *expected_name = g_strconcat (fixture->name, ".expected.json", NULL);
  g_autofree char *expected_path = fixture_path (fixture, expected_name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *printed = NULL;
  ContrailTraceFormat format = strcmp (fixture->dir, "otlp") == 0
                               ? CONTRAIL_TRACE_FORMAT_OTLP
                               : CONTRAIL_TRACE_FORMAT_JAEGER;
  GPtrArray *traces;

  traces = contrail_import_file (file, NULL, &error);

  if (g_str_has_prefix (fixture->name, "invalid-"))
    {
      g_assert_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA);
      g_assert_null (traces);
      g_assert_true (strstr (error->message, "invalid") != NULL);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (traces);
  g_file_get_contents (expected_path, &expected, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (traces->len, ==, count_lines (expected));
  for (guint i = 0; i < traces->len; i++)
    g_assert_cmpint (contrail_trace_get_format (g_ptr_array_index (traces, i)), ==, format);

  printed = print_and_free (traces);
  assert_same_text (fixture->file, printed, expected);
  assert_round_trip (printed);
}

/* ---- Values of the wrong type, everywhere ---- */

typedef struct
{
  gsize start;
  gsize end;
} Extent;

typedef struct
{
  gsize    start;
  gboolean object;
} Open;

/* The byte extents of every value of the first JSON document in @data. */
static GArray *
value_extents (const char *data,
               gsize       len)
{
  g_autoptr(ContrailJsonReader) reader = contrail_json_reader_new (data, len);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Open));
  GArray *extents = g_array_new (FALSE, FALSE, sizeof (Extent));
  gboolean more = TRUE;

  while (more)
    {
      ContrailJsonType type = contrail_json_reader_peek (reader);
      gsize start = contrail_json_reader_get_offset (reader);

      if (type == CONTRAIL_JSON_ERROR)
        break;

      if (type == CONTRAIL_JSON_OBJECT || type == CONTRAIL_JSON_ARRAY)
        {
          Open open = { start, type == CONTRAIL_JSON_OBJECT };

          if (open.object)
            contrail_json_reader_enter_object (reader);
          else
            contrail_json_reader_enter_array (reader);
          g_array_append_val (stack, open);
        }
      else
        {
          Extent extent = { start, 0 };

          contrail_json_reader_skip (reader, NULL, NULL);
          extent.end = contrail_json_reader_get_offset (reader);
          g_array_append_val (extents, extent);
        }

      /* Move to the next value, closing finished containers. */
      more = FALSE;
      while (stack->len > 0)
        {
          Open *top = &g_array_index (stack, Open, stack->len - 1);
          Extent extent = { top->start, 0 };
          ContrailJsonSlice key;
          gboolean next;

          if (top->object)
            next = contrail_json_reader_next_member (reader, &key);
          else
            next = contrail_json_reader_next_element (reader);

          if (next)
            {
              more = TRUE;
              break;
            }

          extent.end = contrail_json_reader_get_offset (reader);
          g_array_append_val (extents, extent);
          g_array_set_size (stack, stack->len - 1);
        }
    }

  g_assert_null (contrail_json_reader_get_error (reader));

  return extents;
}

static void
test_type_confusion (gconstpointer data)
{
  static const char * const replacements[] = {
    "null", "0", "-1", "1.5", "true", "\"\"", "\"x\"", "[]", "{}", "[{}]", "[null]",
    "{\"stringValue\":1}", "99999999999999999999",
  };
  const Fixture *fixture = data;
  g_autofree char *path = fixture_path (fixture, fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GArray) extents = NULL;
  gsize len;
  guint step;
  guint n_loaded = 0;
  guint n_failed = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  extents = value_extents (contents, len);

  /* At most about 120 values per file, spread over it. */
  step = MAX (1, extents->len / 120);
  for (guint i = 0; i < extents->len; i += step)
    {
      const Extent *extent = &g_array_index (extents, Extent, i);

      for (guint r = 0; r < G_N_ELEMENTS (replacements); r++)
        {
          g_autoptr(GString) mutated = g_string_new_len (contents, extent->start);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) import_error = NULL;
          GPtrArray *traces;

          g_string_append (mutated, replacements[r]);
          g_string_append_len (mutated, contents + extent->end, len - extent->end);
          bytes = g_bytes_new (mutated->str, mutated->len);

          traces = contrail_import_bytes (bytes, NULL, &import_error);
          if (traces != NULL)
            {
              g_autofree char *printed = NULL;

              g_assert_no_error (import_error);
              g_assert_cmpuint (traces->len, >, 0);
              for (guint t = 0; t < traces->len; t++)
                {
                  ContrailTrace *trace = g_ptr_array_index (traces, t);

                  for (guint s = 0; s < contrail_trace_get_span_count (trace); s++)
                    {
                      ContrailSpan *span = contrail_trace_get_span (trace, s);

                      /* The lazily built texts must decode too. */
                      contrail_span_get_input (span);
                      contrail_span_get_output (span);
                      contrail_span_get_instructions (span);
                      contrail_span_get_meta (span);
                    }
                }
              printed = print_and_free (traces);
              g_assert_cmpuint (strlen (printed), >, 0);
              n_loaded++;
            }
          else
            {
              g_assert_error (import_error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA);
              g_assert_cmpstr (import_error->message, !=, "");
              n_failed++;
            }
        }
    }

  g_test_message ("%s/%s: %u values, %u variants loaded, %u refused",
                  fixture->dir, fixture->file, extents->len, n_loaded, n_failed);
}

/* ---- Generated input ---- */

/* An attribute whose arrayValue / kvlistValue nests 100,000 deep must not
 * overflow the stack (only the first levels are kept in meta). */
static void
test_deep_attribute_value (void)
{
  const guint depth = 100000;
  g_autoptr(GString) json = g_string_new ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{"
                                          "\"traceId\":\"01\",\"spanId\":\"02\",\"name\":\"deep\","
                                          "\"attributes\":[{\"key\":\"deep\",\"value\":");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  GPtrArray *traces;
  const char *meta;

  for (guint i = 0; i < depth; i++)
    g_string_append (json, i % 2 == 0 ? "{\"arrayValue\":{\"values\":["
                                      : "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":");
  g_string_append (json, "{\"stringValue\":\"bottom\"}");
  for (guint i = depth; i > 0; i--)
    g_string_append (json, (i - 1) % 2 == 0 ? "]}}" : "}]}}");
  g_string_append (json, "}]}]}]}]}");

  bytes = g_bytes_new (json->str, json->len);
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, ==, 1);

  meta = contrail_span_get_meta (contrail_trace_get_span (g_ptr_array_index (traces, 0), 0));
  g_assert_nonnull (meta);
  g_assert_true (g_str_has_prefix (meta, "{\"deep\":[{\"k\":[{\"k\":["));
  g_assert_true (strstr (meta, "null") != NULL);

  printed = print_and_free (traces);
  g_assert_true (strstr (printed, "\"name\":\"deep\"") != NULL);
}

/* 20,000 spans in one chain, children listed first, spread over JSON
 * lines of 1,000 spans: one trace, 20,000 deep. */
static void
test_long_chain_over_lines (void)
{
  const guint n = 20000;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *traces;
  ContrailTrace *trace;

  for (guint i = n; i > 0; i--)
    {
      if (i % 1000 == 0)
        g_string_append (json, "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[");
      else
        g_string_append_c (json, ',');
      g_string_append_printf (json, "{\"traceId\":\"AbCd\",\"spanId\":\"%016x\",", i);
      if (i > 1)
        g_string_append_printf (json, "\"parentSpanId\":\"%016X\",", i - 1);
      g_string_append_printf (json, "\"name\":\"s%u\",\"startTimeUnixNano\":%u000}", i, i);
      if ((i - 1) % 1000 == 0)
        g_string_append (json, "]}]}]}\n");
    }

  bytes = g_bytes_new (json->str, json->len);
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, ==, 1);
  trace = g_ptr_array_index (traces, 0);
  g_assert_cmpstr (contrail_trace_get_id (trace), ==, "abcd");
  g_assert_cmpuint (contrail_trace_get_span_count (trace), ==, n);
  g_assert_cmpuint (contrail_trace_get_n_roots (trace), ==, 1);
  g_assert_cmpuint (contrail_trace_get_max_depth (trace), ==, n - 1);
  g_assert_cmpstr (contrail_trace_get_name (trace), ==, "s1");
  g_free (print_and_free (traces));
}

/* ---- What the UI shows: texts and meta ---- */

static GPtrArray *
import_fixture (const char *dir,
                const char *file)
{
  g_autofree char *path = g_build_filename (srcdir (), "fixtures", dir, file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *traces = contrail_import_file (gfile, NULL, &error);

  g_assert_no_error (error);

  return traces;
}

static ContrailSpan *
find_span (GPtrArray  *traces,
           const char *name)
{
  for (guint t = 0; t < traces->len; t++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, t);

      for (guint s = 0; s < contrail_trace_get_span_count (trace); s++)
        {
          ContrailSpan *span = contrail_trace_get_span (trace, s);

          if (g_strcmp0 (contrail_span_get_name (span), name) == 0)
            return span;
        }
    }

  g_assert_not_reached ();
}

static void
test_texts (void)
{
  g_autoptr(GPtrArray) otlp = import_fixture ("otlp", "genai-two-traces.json");
  g_autoptr(GPtrArray) events = import_fixture ("otlp", "genai-events.json");
  g_autoptr(GPtrArray) openinference = import_fixture ("otlp", "openinference.json");
  g_autoptr(GPtrArray) jaeger = import_fixture ("jaeger", "genai-tags.json");
  ContrailSpan *span;

  span = find_span (otlp, "chat gpt-4o-mini");
  g_assert_cmpstr (contrail_span_get_input (span), ==,
                   "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Where is my order?\"}]}]");
  g_assert_cmpstr (contrail_span_get_output (span), ==,
                   "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"It ships today.\"}]}]");
  /* Texts shown elsewhere are not repeated in meta; the rest is. */
  g_assert_cmpstr (contrail_span_get_meta (span), ==,
                   "{\"gen_ai.operation.name\":\"chat\",\"gen_ai.request.model\":\"gpt-4o-mini\","
                   "\"gen_ai.response.model\":\"gpt-4o-mini-2024-07-18\","
                   "\"gen_ai.usage.input_tokens\":420,\"gen_ai.usage.output_tokens\":35}");
  g_assert_cmpint (contrail_span_get_kind (span), ==, CONTRAIL_SPAN_KIND_LLM);

  span = find_span (otlp, "chat claude-3-5-sonnet");
  g_assert_cmpstr (contrail_span_get_instructions (span), ==, "You are a helpful support agent.");
  g_assert_null (contrail_span_get_input (span));

  span = find_span (otlp, "execute_tool lookup_order");
  g_assert_cmpstr (contrail_span_get_input (span), ==, "{\"order\":\"A-1001\"}");
  g_assert_cmpstr (contrail_span_get_output (span), ==, "{\"status\":\"shipping\"}");
  g_assert_cmpint (contrail_span_get_kind (span), ==, CONTRAIL_SPAN_KIND_TOOL);

  span = find_span (otlp, "cache lookup");
  g_assert_null (contrail_span_get_meta (span));

  span = find_span (events, "chat gpt-4o");
  g_assert_cmpstr (contrail_span_get_input (span), ==,
                   "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                   "{\"role\":\"user\",\"content\":\"Say hi.\"}]");
  g_assert_cmpstr (contrail_span_get_output (span), ==,
                   "[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"content\":\"Hi!\"}}]");

  span = find_span (events, "completion (older semantic conventions)");
  g_assert_cmpstr (contrail_span_get_input (span), ==,
                   "[{\"role\":\"user\",\"content\":\"Count to three.\"},{\"role\":\"assistant\"},"
                   "{\"content\":\"index 10 sorts after 1\"}]");
  g_assert_cmpstr (contrail_span_get_output (span), ==,
                   "[{\"content\":\"1, 2, 3\",\"finish_reason\":\"stop\"}]");
  g_assert_cmpstr (contrail_span_get_meta (span), ==,
                   "{\"gen_ai.request.model\":\"gpt-3.5-turbo-instruct\","
                   "\"gen_ai.usage.prompt_tokens\":5,\"gen_ai.usage.completion_tokens\":7}");

  span = find_span (events, "content events");
  g_assert_cmpstr (contrail_span_get_input (span), ==,
                   "[{\"role\": \"user\", \"content\": \"hello\"}]");
  g_assert_cmpstr (contrail_span_get_output (span), ==,
                   "[{\"role\": \"assistant\", \"content\": \"hello yourself\"}]");

  span = find_span (events, "gen_ai.prompt as a plain attribute");
  g_assert_cmpstr (contrail_span_get_input (span), ==, "plain prompt");
  g_assert_cmpstr (contrail_span_get_output (span), ==, "[\"one\",\"two\"]");

  span = find_span (openinference, "RetrievalQA");
  g_assert_cmpstr (contrail_span_get_input (span), ==, "What is OTLP?");
  g_assert_cmpstr (contrail_span_get_output (span), ==,
                   "{\"answer\": \"The OpenTelemetry protocol.\"}");

  span = find_span (openinference, "ChatOpenAI");
  g_assert_cmpstr (contrail_span_get_input (span), ==,
                   "[{\"message.role\":\"system\",\"message.content\":\"Answer from the context.\"},"
                   "{\"message.role\":\"user\",\"message.content\":\"What is OTLP?\"}]");
  g_assert_cmpint (contrail_span_get_kind (span), ==, CONTRAIL_SPAN_KIND_LLM);

  span = find_span (jaeger, "chat model-a");
  g_assert_cmpstr (contrail_span_get_instructions (span), ==,
                   "[{\"type\":\"text\",\"content\":\"You plan.\"}]");
  g_assert_true (g_str_has_prefix (contrail_span_get_input (span), "[{\"role\":\"user\""));
  g_assert_true (strstr (contrail_span_get_meta (span),
                         "\"gen_ai.usage.cache_read.input_tokens\":1024") != NULL);

  span = find_span (jaeger, "execute_tool search");
  g_assert_cmpstr (contrail_span_get_input (span), ==, "{\"q\":\"weather\"}");
  g_assert_cmpstr (contrail_span_get_output (span), ==, "{\"temp\":21}");
  g_assert_cmpstr (contrail_span_get_error (span), ==, "tool timed out");
}

/* A text longer than the lazy threshold is kept as a slice of the file and
 * decoded when first asked for, escapes included. */
static void
test_long_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  ContrailSpan *span;

  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "line \\\"é\\\"\\n");
  g_string_append_printf (json,
                          "{\"traceID\":\"01\",\"spans\":[{\"spanID\":\"02\",\"tags\":["
                          "{\"key\":\"input.value\",\"type\":\"string\",\"value\":\"%s\"}]}]}",
                          text->str);
  bytes = g_bytes_new (json->str, json->len);
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);

  span = contrail_trace_get_span (g_ptr_array_index (traces, 0), 0);
  g_assert_cmpuint (strlen (contrail_span_get_input (span)), ==, 5000 * strlen ("line \"é\"\n"));
  g_assert_true (g_str_has_prefix (contrail_span_get_input (span), "line \"é\"\nline"));
}

/* ---- Real trace files ---- */

typedef struct
{
  char *file;
  char *reading;
} RealTrace;

static void
real_trace_free (gpointer data)
{
  RealTrace *real = data;

  g_free (real->file);
  g_free (real->reading);
  g_free (real);
}

static const char *
real_traces_dir (void)
{
  const char *dir = g_getenv ("CONTRAIL_REAL_TRACES");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;

  return dir;
}

/* The rows of MANIFEST.tsv, or NULL when there is none. */
static GPtrArray *
read_manifest (void)
{
  const char *dir = real_traces_dir ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows;

  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, "MANIFEST.tsv", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  rows = g_ptr_array_new_with_free_func (real_trace_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      RealTrace *real;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      if (g_strv_length (fields) < 2)
        continue;

      real = g_new0 (RealTrace, 1);
      real->file = g_strdup (fields[0]);
      real->reading = g_strdup (fields[1]);
      g_ptr_array_add (rows, real);
    }

  return rows;
}

static void
test_real_trace (gconstpointer data)
{
  const RealTrace *real = data;
  g_autofree char *path = g_build_filename (real_traces_dir (), real->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  ContrailTraceFormat format;
  GPtrArray *traces;
  guint n_spans = 0;

  traces = contrail_import_file (file, NULL, &error);

  if (strcmp (real->reading, "invalid") == 0)
    {
      g_assert_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA);
      g_assert_null (traces);
      return;
    }

  if (strcmp (real->reading, "uncovered") == 0)
    {
      if (traces == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == CONTRAIL_ERROR);
          g_assert_cmpstr (error->message, !=, "");
          g_test_message ("%s is refused: %s", real->file, error->message);
          return;
        }
      g_assert_no_error (error);
      g_free (print_and_free (traces));
      return;
    }

  if (strcmp (real->reading, "otlp") == 0)
    format = CONTRAIL_TRACE_FORMAT_OTLP;
  else if (strcmp (real->reading, "jaeger") == 0)
    format = CONTRAIL_TRACE_FORMAT_JAEGER;
  else if (strcmp (real->reading, "opper") == 0)
    format = CONTRAIL_TRACE_FORMAT_OPPER;
  else
    {
      g_test_skip ("unknown reading in MANIFEST.tsv");
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (traces);
  g_assert_cmpuint (traces->len, >, 0);
  for (guint i = 0; i < traces->len; i++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, i);

      g_assert_cmpint (contrail_trace_get_format (trace), ==, format);
      n_spans += contrail_trace_get_span_count (trace);
    }
  g_test_message ("%s: %u traces, %u spans", real->file, traces->len, n_spans);

  printed = print_and_free (traces);
  assert_round_trip (printed);
}

/* The output for a real file is what tests/oracle/otel.py prints for it. */
static void
test_real_trace_oracle (gconstpointer data)
{
  const RealTrace *real = data;
  g_autofree char *path = g_build_filename (real_traces_dir (), real->file, NULL);
  g_autofree char *oracle = g_build_filename (srcdir (), "oracle", "otel.py", NULL);
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *oracle_out = NULL;
  g_autofree char *oracle_err = NULL;
  g_autofree char *printed = NULL;
  GPtrArray *traces;
  int status = 0;

  if (python == NULL)
    {
      g_test_skip ("python3 is not available: the oracle cannot run");
      return;
    }

  {
    const char *argv[] = { python, oracle, path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &oracle_out, &oracle_err, &status, &error);
    g_assert_no_error (error);
  }

  traces = contrail_import_file (file, NULL, &error);
  if (traces == NULL)
    {
      g_assert_true (error->domain == CONTRAIL_ERROR);
      g_assert_cmpstr (oracle_out, ==, "invalid\n");
      return;
    }

  g_assert_no_error (error);
  printed = print_and_free (traces);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("oracle: %s", oracle_err);
  assert_same_text (real->file, printed, oracle_out);
}

/* ---- Registration ---- */

static int
compare_fixtures (gconstpointer a,
                  gconstpointer b)
{
  const Fixture *fa = *(const Fixture * const *)a;
  const Fixture *fb = *(const Fixture * const *)b;
  int cmp = strcmp (fa->dir, fb->dir);

  return cmp != 0 ? cmp : strcmp (fa->file, fb->file);
}

static GPtrArray *
list_fixtures (void)
{
  static const char * const dirs[] = { "otlp", "jaeger" };
  GPtrArray *fixtures = g_ptr_array_new_with_free_func (fixture_free);

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = g_build_filename (srcdir (), "fixtures", dirs[d], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *entry;

      g_assert_no_error (error);
      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          const char *dot = strrchr (entry, '.');
          Fixture *fixture;

          if (g_str_has_suffix (entry, ".expected.json") || dot == NULL ||
              (strcmp (dot, ".json") != 0 && strcmp (dot, ".jsonl") != 0))
            continue;

          fixture = g_new0 (Fixture, 1);
          fixture->dir = g_strdup (dirs[d]);
          fixture->file = g_strdup (entry);
          fixture->name = g_strndup (entry, dot - entry);
          g_ptr_array_add (fixtures, fixture);
        }
    }

  g_ptr_array_sort (fixtures, compare_fixtures);

  return fixtures;
}

static void
test_no_real_traces (void)
{
  g_test_skip ("no real traces (CONTRAIL_REAL_TRACES)");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) fixtures = NULL;
  g_autoptr(GPtrArray) real = NULL;

  g_test_init (&argc, &argv, NULL);

  fixtures = list_fixtures ();
  g_assert_cmpuint (fixtures->len, >, 0);
  for (guint i = 0; i < fixtures->len; i++)
    {
      Fixture *fixture = g_ptr_array_index (fixtures, i);
      g_autofree char *path = g_strdup_printf ("/contrail/import-otel/%s/%s",
                                               fixture->dir, fixture->name);
      g_autofree char *mutated = g_strdup_printf ("/contrail/import-otel/mutated/%s/%s",
                                                  fixture->dir, fixture->name);

      g_test_add_data_func (path, fixture, test_fixture);
      g_test_add_data_func (mutated, fixture, test_type_confusion);
    }

  g_test_add_func ("/contrail/import-otel/generated/deep-attribute-value",
                   test_deep_attribute_value);
  g_test_add_func ("/contrail/import-otel/generated/long-chain-over-lines",
                   test_long_chain_over_lines);
  g_test_add_func ("/contrail/import-otel/texts", test_texts);
  g_test_add_func ("/contrail/import-otel/long-text", test_long_text);

  real = read_manifest ();
  if (real == NULL)
    g_test_add_func ("/contrail/import-otel/real/none", test_no_real_traces);
  else
    {
      for (guint i = 0; i < real->len; i++)
        {
          RealTrace *row = g_ptr_array_index (real, i);
          g_autofree char *path = g_strdup_printf ("/contrail/import-otel/real/%s", row->file);
          g_autofree char *oracle = g_strdup_printf ("/contrail/import-otel/real-oracle/%s",
                                                     row->file);

          g_test_add_data_func (path, row, test_real_trace);
          g_test_add_data_func (oracle, row, test_real_trace_oracle);
        }
    }

  return g_test_run ();
}
