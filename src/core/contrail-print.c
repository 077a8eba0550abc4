/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The --print output: normalized JSON (DESIGN.md §5) and a readable text
 * tree.  Both walk the tree with an explicit stack, so a chain 100,000 spans
 * deep prints like any other trace.
 */
#define G_LOG_DOMAIN "contrail-print"

#include "config.h"

#include <math.h>
#include <string.h>

#include "contrail-json-reader.h"
#include "contrail-print.h"
#include "contrail-time.h"

typedef struct
{
  ContrailSpan *span;
  guint         next_child;
} Frame;

/* ---- Normalized JSON ---- */

static void
append_key (GString    *out,
            const char *key)
{
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append (out, "\":");
}

static void
append_string_member (GString    *out,
                      const char *key,
                      const char *value)
{
  append_key (out, key);
  contrail_json_append_string (out, value);
  g_string_append_c (out, ',');
}

static void
append_time_member (GString    *out,
                    const char *key,
                    gint64      time)
{
  char buf[32];

  append_key (out, key);
  if (time == CONTRAIL_TIME_EMPTY)
    g_string_append (out, "\"\"");
  else if (contrail_time_format (time, buf))
    g_string_append_printf (out, "\"%s\"", buf);
  else
    g_string_append (out, "null");
  g_string_append_c (out, ',');
}

static void
append_number_member (GString    *out,
                      const char *key,
                      gboolean    present,
                      double      value)
{
  append_key (out, key);
  if (present)
    contrail_json_append_double (out, value);
  else
    g_string_append (out, "null");
  g_string_append_c (out, ',');
}

static void
append_tokens_member (GString    *out,
                      const char *key,
                      gint64      tokens)
{
  append_key (out, key);
  if (tokens != CONTRAIL_TOKENS_NONE)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, tokens);
  else
    g_string_append (out, "null");
  g_string_append_c (out, ',');
}

static void
append_span_open (GString      *out,
                  ContrailSpan *span)
{
  double value;
  gboolean present;

  g_string_append_c (out, '{');
  append_string_member (out, "id", contrail_span_get_id (span));
  append_string_member (out, "parent_id", contrail_span_get_parent_id (span));
  append_string_member (out, "name", contrail_span_get_name (span));
  append_string_member (out, "type", contrail_span_get_span_type (span));
  append_string_member (out, "service", contrail_span_get_service (span));
  append_time_member (out, "start_time", contrail_span_get_start_time (span));
  append_time_member (out, "end_time", contrail_span_get_end_time (span));
  present = contrail_span_get_duration_ms (span, &value);
  append_number_member (out, "duration_ms", present, value);
  append_tokens_member (out, "total_tokens", contrail_span_get_total_tokens (span));
  append_string_member (out, "model", contrail_span_get_model (span));
  present = contrail_span_get_effective_score (span, &value);
  append_number_member (out, "score", present, value);
  append_string_member (out, "error", contrail_span_get_error (span));
  append_key (out, "metrics");
  g_string_append_printf (out, "%u,", contrail_span_get_n_metrics (span));
  append_key (out, "children");
  g_string_append_c (out, '[');
}

#define FLUSH_CHUNK (1024 * 1024)

/* @span and everything below it, depth first with an explicit stack. */
static void
append_subtree (GString            *out,
                ContrailSpan       *span,
                GArray             *stack,
                ContrailPrintFlush  flush,
                gpointer            user_data)
{
  Frame frame = { span, 0 };

  append_span_open (out, frame.span);
  g_array_append_val (stack, frame);

  while (stack->len > 0)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);

      if (top->next_child < contrail_span_get_n_children (top->span))
        {
          Frame child = { contrail_span_get_child (top->span, top->next_child), 0 };

          if (top->next_child > 0)
            g_string_append_c (out, ',');
          top->next_child++;
          append_span_open (out, child.span);
          g_array_append_val (stack, child);
          if (flush != NULL && out->len > FLUSH_CHUNK)
            flush (out, user_data);
        }
      else
        {
          g_string_append (out, "]}");
          g_array_set_size (stack, stack->len - 1);
        }
    }
}

void
contrail_print_json (GString       *out,
                     ContrailTrace *trace)
{
  contrail_print_json_full (out, trace, NULL, NULL);
}

void
contrail_print_json_full (GString            *out,
                          ContrailTrace      *trace,
                          ContrailPrintFlush  flush,
                          gpointer            user_data)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  double duration;
  gboolean has_duration;
  guint n_roots;

  g_return_if_fail (out != NULL);
  g_return_if_fail (CONTRAIL_IS_TRACE (trace));

  g_string_append_c (out, '{');
  append_string_member (out, "format", "contrail-trace/1");
  append_string_member (out, "id", contrail_trace_get_id (trace));
  append_string_member (out, "name", contrail_trace_get_name (trace));
  append_string_member (out, "status", contrail_trace_get_status (trace));
  append_time_member (out, "start_time", contrail_trace_get_start_time (trace));
  append_time_member (out, "end_time", contrail_trace_get_end_time (trace));
  has_duration = contrail_trace_get_duration_ms (trace, &duration);
  append_number_member (out, "duration_ms", has_duration, duration);
  append_tokens_member (out, "total_tokens", contrail_trace_get_total_tokens (trace));
  append_key (out, "span_count");
  g_string_append_printf (out, "%u,", contrail_trace_get_span_count (trace));
  append_key (out, "spans");
  g_string_append_c (out, '[');

  n_roots = contrail_trace_get_n_roots (trace);
  for (guint r = 0; r < n_roots; r++)
    {
      if (r > 0)
        g_string_append_c (out, ',');
      append_subtree (out, contrail_trace_get_root (trace, r), stack, flush, user_data);
    }

  g_string_append (out, "]}\n");
}

void
contrail_print_span_json (GString      *out,
                          ContrailSpan *span)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));

  g_return_if_fail (out != NULL);
  g_return_if_fail (CONTRAIL_IS_SPAN (span));

  append_subtree (out, span, stack, NULL, NULL);
}

/* ---- Text ---- */

/* Deeper than this, the guides are summarised so that a line stays short
 * even in a chain of 100,000 spans. */
#define MAX_GUIDE_DEPTH 24
#define MAX_FIELD_CHARS 120

/* Appends @text on one line: control characters shown as spaces, cut to
 * @max_chars characters with an ellipsis. */
static void
append_field (GString    *out,
              const char *text,
              guint       max_chars)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == max_chars)
        {
          g_string_append (out, "…");
          return;
        }

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static void
append_thousands (GString *out,
                  gint64   value)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, value);

  for (int i = 0; i < len; i++)
    {
      g_string_append_c (out, digits[i]);
      if (digits[i] != '-' && (len - i - 1) % 3 == 0 && i < len - 1)
        g_string_append_c (out, ',');
    }
}

static void
append_duration (GString *out,
                 double   ms)
{
  double a = fabs (ms);

  /* -0 prints as 0, as it does in the JSON (found by fuzz-import). */
  if (ms == 0)
    ms = 0;

  if (a < 1)
    g_string_append_printf (out, "%.2f ms", ms);
  else if (a < 1000)
    g_string_append_printf (out, "%.0f ms", ms);
  else if (a < 60 * 1000)
    g_string_append_printf (out, "%.2f s", ms / 1000);
  else if (a < 3600 * 1000)
    g_string_append_printf (out, "%d min %02d s", (int)(ms / 60000), (int)fmod (a / 1000, 60));
  else
    g_string_append_printf (out, "%.1f h", ms / 3600000);
}

static void
append_number (GString *out,
               double   value)
{
  GString *tmp = g_string_new (NULL);

  contrail_json_append_double (tmp, value);
  g_string_append_len (out, tmp->str, tmp->len);
  g_string_free (tmp, TRUE);
}

static void
append_span_line (GString      *out,
                  ContrailSpan *span)
{
  const char *type = contrail_span_get_span_type (span);
  const char *model = contrail_span_get_model (span);
  const char *error = contrail_span_get_error (span);
  double value;
  gint64 tokens;

  append_field (out, contrail_span_get_name (span) != NULL ? contrail_span_get_name (span)
                                                           : "(unnamed)", MAX_FIELD_CHARS);
  if (type != NULL && type[0] != '\0')
    {
      g_string_append (out, "  [");
      append_field (out, type, 40);
      g_string_append_c (out, ']');
    }
  if (model != NULL && model[0] != '\0')
    {
      g_string_append (out, "  ");
      append_field (out, model, 60);
    }

  g_string_append (out, "  ");
  if (contrail_span_get_duration_ms (span, &value))
    append_duration (out, value);
  else if (!CONTRAIL_TIME_IS_VALID (contrail_span_get_end_time (span)) &&
           CONTRAIL_TIME_IS_VALID (contrail_span_get_start_time (span)))
    g_string_append (out, "running");
  else
    g_string_append (out, "—");

  tokens = contrail_span_get_total_tokens (span);
  if (tokens != CONTRAIL_TOKENS_NONE)
    {
      g_string_append (out, "  ");
      append_thousands (out, tokens);
      g_string_append (out, tokens == 1 ? " token" : " tokens");
    }

  if (contrail_span_get_effective_score (span, &value))
    {
      g_string_append (out, "  score ");
      append_number (out, value);
    }

  if (error != NULL)
    {
      g_string_append (out, "  ✗ ");
      append_field (out, error[0] != '\0' ? error : "error", MAX_FIELD_CHARS);
    }
  else if (contrail_span_has_error_below (span))
    {
      g_string_append (out, "  (error below)");
    }

  g_string_append_c (out, '\n');
}

static void
append_header (GString       *out,
               ContrailTrace *trace)
{
  const char *name = contrail_trace_get_name (trace);
  const char *status = contrail_trace_get_status (trace);
  guint n_spans = contrail_trace_get_span_count (trace);
  gint64 tokens = contrail_trace_get_total_tokens (trace);
  double duration;
  char start[32];

  g_string_append (out, "Trace ");
  append_field (out, name != NULL && name[0] != '\0' ? name : "(unnamed)", MAX_FIELD_CHARS);
  if (contrail_trace_get_id (trace) != NULL)
    {
      g_string_append (out, "  ");
      append_field (out, contrail_trace_get_id (trace), 80);
    }
  if (status != NULL && status[0] != '\0')
    {
      g_string_append (out, " · ");
      append_field (out, status, 40);
    }
  if (contrail_time_format (contrail_trace_get_start_time (trace), start))
    g_string_append_printf (out, " · %s", start);
  if (contrail_trace_get_duration_ms (trace, &duration))
    {
      g_string_append (out, " · ");
      append_duration (out, duration);
    }
  if (tokens == CONTRAIL_TOKENS_NONE)
    tokens = contrail_trace_get_span_tokens (trace);
  if (tokens != CONTRAIL_TOKENS_NONE)
    {
      g_string_append (out, " · ");
      append_thousands (out, tokens);
      g_string_append (out, " tokens");
    }
  g_string_append_printf (out, " · %u %s", n_spans, n_spans == 1 ? "span" : "spans");
  if (contrail_trace_get_n_errors (trace) > 0)
    g_string_append_printf (out, " · %u with errors", contrail_trace_get_n_errors (trace));
  g_string_append_c (out, '\n');
}

void
contrail_print_text (GString       *out,
                     ContrailTrace *trace)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  /* guides[d]: TRUE when the ancestor at depth d has siblings still to come */
  g_autoptr(GArray) more = g_array_new (FALSE, TRUE, sizeof (gboolean));
  guint n_roots;

  g_return_if_fail (out != NULL);
  g_return_if_fail (CONTRAIL_IS_TRACE (trace));

  append_header (out, trace);

  n_roots = contrail_trace_get_n_roots (trace);
  if (n_roots == 0)
    g_string_append (out, "(no spans)\n");

  for (guint r = 0; r < n_roots; r++)
    {
      Frame frame = { contrail_trace_get_root (trace, r), 0 };

      append_span_line (out, frame.span);
      g_array_append_val (stack, frame);

      while (stack->len > 0)
        {
          Frame *top = &g_array_index (stack, Frame, stack->len - 1);
          guint n_children = contrail_span_get_n_children (top->span);
          guint depth = stack->len;   /* depth of the child we are about to print */
          gboolean last;

          if (top->next_child >= n_children)
            {
              g_array_set_size (stack, stack->len - 1);
              continue;
            }

          frame.span = contrail_span_get_child (top->span, top->next_child++);
          frame.next_child = 0;
          last = top->next_child == n_children;

          g_array_set_size (more, depth);
          g_array_index (more, gboolean, depth - 1) = !last;

          if (depth <= MAX_GUIDE_DEPTH)
            {
              for (guint d = 0; d + 1 < depth; d++)
                g_string_append (out, g_array_index (more, gboolean, d) ? "│   " : "    ");
            }
          else
            {
              for (guint d = 0; d + 1 < MAX_GUIDE_DEPTH; d++)
                g_string_append (out, g_array_index (more, gboolean, d) ? "│   " : "    ");
              g_string_append_printf (out, "┄ (depth %u) ", depth);
            }
          g_string_append (out, last ? "└── " : "├── ");
          append_span_line (out, frame.span);

          g_array_append_val (stack, frame);
        }
    }
}
