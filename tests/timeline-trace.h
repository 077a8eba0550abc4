/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A generated Opper trace for the timeline test and benchmark: a batch run
 * in which eight workers review documents in parallel.  Each review is an
 * agent with tool calls, model calls and a nested risk assessment, a third
 * of which nest once more.  A few tool calls fail, and the last review is
 * still running.  Deterministic for a given size.
 */
#pragma once

#include <glib.h>

#include "contrail-time.h"

/* 2025-11-18T22:00:00Z */
#define TIMELINE_TRACE_BASE G_GINT64_CONSTANT (1763503200000000)
#define TIMELINE_TRACE_RUNNING G_MININT64

typedef struct
{
  const char *name;
  const char *type;
  guint       parent;     /* G_MAXUINT for the root */
  gint64      start;      /* µs from the base */
  gint64      end;        /* TIMELINE_TRACE_RUNNING: no end */
  gboolean    failed;
} TimelineTraceSpan;

typedef struct
{
  GArray *spans;
  GRand  *rand;
  guint   max_spans;
} TimelineTraceGen;

static guint
timeline_trace_add (TimelineTraceGen *gen,
                    guint             parent,
                    const char       *name,
                    const char       *type,
                    gint64            start,
                    gint64            end)
{
  TimelineTraceSpan span = { name, type, parent, start, end, FALSE };

  g_array_append_val (gen->spans, span);

  return gen->spans->len - 1;
}

static gint64
timeline_trace_ms (TimelineTraceGen *gen,
                   int               low,
                   int               high)
{
  return (gint64)g_rand_int_range (gen->rand, low, high) * 1000;
}

static gboolean
timeline_trace_full (TimelineTraceGen *gen)
{
  return gen->spans->len >= gen->max_spans;
}

/* @n model and tool calls in a row below @parent from @t; returns the end. */
static gint64
timeline_trace_steps (TimelineTraceGen *gen,
                      guint             parent,
                      gint64            t,
                      guint             n,
                      gboolean          running)
{
  static const char *tools[] = { "lookup_playbook", "search_clauses", "fetch_precedent" };

  for (guint i = 0; i < n && !timeline_trace_full (gen); i++)
    {
      gboolean llm = g_rand_boolean (gen->rand);
      gint64 d = llm ? timeline_trace_ms (gen, 300, 2500) : timeline_trace_ms (gen, 20, 400);
      guint step;

      t += timeline_trace_ms (gen, 1, 30);
      step = timeline_trace_add (gen, parent, llm ? "compare_clause" : tools[i % G_N_ELEMENTS (tools)],
                                 llm ? "generation" : "🔧 tool", t, t + d);
      if (!llm && g_rand_int_range (gen->rand, 0, 60) == 0)
        g_array_index (gen->spans, TimelineTraceSpan, step).failed = TRUE;
      if (running && i + 1 == n)
        g_array_index (gen->spans, TimelineTraceSpan, step).end = TIMELINE_TRACE_RUNNING;
      t += d;
    }

  return t;
}

/* One document review from @t; returns its end. */
static gint64
timeline_trace_review (TimelineTraceGen *gen,
                       guint             root,
                       const char       *name,
                       gint64            t,
                       gboolean          running)
{
  guint review = timeline_trace_add (gen, root, name, "🤖 agent", t, 0);
  gint64 d;

  t += timeline_trace_ms (gen, 1, 20);
  d = timeline_trace_ms (gen, 30, 300);
  timeline_trace_add (gen, review, "fetch_document", "🔧 tool", t, t + d);
  t += d + timeline_trace_ms (gen, 1, 10);
  d = timeline_trace_ms (gen, 600, 3000);
  timeline_trace_add (gen, review, "extract_clauses", "generation", t, t + d);
  t += d;

  if (!timeline_trace_full (gen))
    {
      guint assess = timeline_trace_add (gen, review, "assess_risk", "🤖 agent",
                                         t + timeline_trace_ms (gen, 1, 10), 0);

      t = timeline_trace_steps (gen, assess, g_array_index (gen->spans, TimelineTraceSpan, assess).start,
                                (guint)g_rand_int_range (gen->rand, 2, 6), FALSE);
      if (g_rand_int_range (gen->rand, 0, 3) == 0 && !timeline_trace_full (gen))
        {
          guint check = timeline_trace_add (gen, assess, "double_check", "🤖 agent",
                                            t + timeline_trace_ms (gen, 1, 10), 0);

          t = timeline_trace_steps (gen, check, g_array_index (gen->spans, TimelineTraceSpan, check).start,
                                    (guint)g_rand_int_range (gen->rand, 1, 4), FALSE);
          t += 2000;
          g_array_index (gen->spans, TimelineTraceSpan, check).end = t;
        }
      t += 3000;
      g_array_index (gen->spans, TimelineTraceSpan, assess).end = t;
    }

  t = timeline_trace_steps (gen, review, t, 1, running);
  t += timeline_trace_ms (gen, 2, 30);
  g_array_index (gen->spans, TimelineTraceSpan, review).end = running ? TIMELINE_TRACE_RUNNING : t;

  return t;
}

static void
timeline_trace_append_time (GString *json,
                            gint64   offset)
{
  char buf[32];

  if (offset == TIMELINE_TRACE_RUNNING)
    {
      g_string_append (json, "null");
      return;
    }

  contrail_time_format (TIMELINE_TRACE_BASE + offset, buf);
  g_string_append_printf (json, "\"%s\"", buf);
}

/* Opper JSON (GET /v2/traces/{id}) for a trace of about @n_spans spans. */
static GBytes *
timeline_trace_generate (guint n_spans)
{
  TimelineTraceGen gen = { 0 };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 workers[8] = { 0 };
  gint64 end = 0;
  GString *json;
  guint root;

  gen.spans = g_array_sized_new (FALSE, FALSE, sizeof (TimelineTraceSpan), n_spans);
  gen.rand = g_rand_new_with_seed (20251118);
  gen.max_spans = MAX (n_spans, 16);

  root = timeline_trace_add (&gen, G_MAXUINT, "contract_batch_review", "🤖 agent", 0, 0);
  while (gen.spans->len + 12 < gen.max_spans)
    {
      guint w = names->len % G_N_ELEMENTS (workers);
      gboolean last = gen.spans->len + 24 >= gen.max_spans;
      char *name = g_strdup_printf ("review_contract_%u", names->len + 1);

      g_ptr_array_add (names, name);
      workers[w] += timeline_trace_ms (&gen, 5, 200);
      workers[w] = timeline_trace_review (&gen, root, name, workers[w], last);
      end = MAX (end, workers[w]);
    }
  g_array_index (gen.spans, TimelineTraceSpan, root).end = end + 50000;

  json = g_string_sized_new ((gsize)gen.spans->len * 240 + 256);
  g_string_append (json, "{\"id\":\"7a6c3e0e-5f1b-4c1e-9a53-2d7f1e0c9b11\","
                         "\"name\":\"contract_batch_review\",\"status\":\"running\",\"spans\":[");
  for (guint i = 0; i < gen.spans->len; i++)
    {
      TimelineTraceSpan *s = &g_array_index (gen.spans, TimelineTraceSpan, i);

      g_string_append_printf (json, "%s{\"id\":\"s%u\",\"parent_id\":", i > 0 ? "," : "", i);
      if (s->parent == G_MAXUINT)
        g_string_append (json, "null");
      else
        g_string_append_printf (json, "\"s%u\"", s->parent);
      g_string_append_printf (json, ",\"name\":\"%s\",\"type\":\"%s\",\"start_time\":", s->name, s->type);
      timeline_trace_append_time (json, s->start);
      g_string_append (json, ",\"end_time\":");
      timeline_trace_append_time (json, s->end);
      if (s->failed)
        g_string_append (json, ",\"error\":\"TimeoutError: upstream took too long\"");
      if (g_str_equal (s->type, "generation"))
        g_string_append_printf (json, ",\"data\":{\"model\":\"openai/gpt-4o-mini\","
                                      "\"total_tokens\":%d}",
                                g_rand_int_range (gen.rand, 200, 4000));
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]}");

  g_array_unref (gen.spans);
  g_rand_free (gen.rand);

  return g_string_free_to_bytes (json);
}
