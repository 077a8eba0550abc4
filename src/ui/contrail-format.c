/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrail-format.h"
#include "contrail-time.h"

char *
contrail_format_duration (double ms)
{
  /* End before start happens in real data: say so rather than hide it. */
  if (ms < 0)
    {
      g_autofree char *positive = contrail_format_duration (-ms);

      return g_strconcat ("−", positive, NULL);
    }
  if (!(ms >= 0))   /* NaN */
    ms = 0;

  /* Translators: durations; keep the number format, translate the unit */
  if (ms < 1)
    return g_strdup_printf (_("%.2f ms"), ms);
  if (ms < 10)
    return g_strdup_printf (_("%.1f ms"), ms);
  if (ms < 999.5)
    return g_strdup_printf (_("%.0f ms"), ms);
  if (ms < 9995)
    return g_strdup_printf (_("%.2f s"), ms / 1000);
  if (ms < 59950)
    return g_strdup_printf (_("%.1f s"), ms / 1000);
  if (ms < 3600000)
    {
      guint s = (guint)(ms / 1000 + .5);

      /* Translators: a duration in minutes and seconds, e.g. "7 min 52 s" */
      return g_strdup_printf (_("%u min %u s"), s / 60, s % 60);
    }
  else
    {
      guint64 m = (guint64)(ms / 60000 + .5);

      /* Translators: a duration in hours and minutes, e.g. "2 h 05 min" */
      return g_strdup_printf (_("%" G_GUINT64_FORMAT " h %02u min"), m / 60, (guint)(m % 60));
    }
}

char *
contrail_format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

char *
contrail_format_count_short (gint64 count)
{
  if (count < 100000)
    return contrail_format_count (count);

  if (count < 1000000)
    /* Translators: thousands in a narrow column, e.g. "263.1k" */
    return g_strdup_printf (_("%.1fk"), count / 1e3);

  /* Translators: millions in a narrow column, e.g. "2.63M" */
  return g_strdup_printf (_("%.2fM"), count / 1e6);
}

char *
contrail_format_tokens_short (gint64 tokens)
{
  g_autofree char *count = contrail_format_count_short (tokens);

  /* Translators: a token count in a narrow column, e.g. "1,234 tok" or "263.1k tok" */
  return g_strdup_printf (_("%s tok"), count);
}

char *
contrail_format_subtree_tokens_short (gint64 tokens)
{
  g_autofree char *count = contrail_format_count_short (tokens);

  /* Translators: the tokens of a collapsed span and all spans below it, e.g. "Σ 12,345" */
  return g_strdup_printf (_("Σ %s"), count);
}

static gint64
add_tokens (gint64 a,
            gint64 b)
{
  if (a == CONTRAIL_TOKENS_NONE)
    return b;
  if (b == CONTRAIL_TOKENS_NONE)
    return a;

  return a + b;
}

/* A span and what is below it: its own count when that covers what the
 * spans below add up to (it includes theirs), else both. */
static gint64
combine_tokens (gint64 own,
                gint64 below)
{
  if (own != CONTRAIL_TOKENS_NONE && below != CONTRAIL_TOKENS_NONE && own >= below)
    return own;

  return add_tokens (own, below);
}

typedef struct
{
  ContrailSpan *span;
  guint         next_child;
  gint64        below;
} TokensFrame;

gint64
contrail_span_tokens_with_children (ContrailSpan *span)
{
  static GQuark quark;
  g_autoptr(GArray) stack = NULL;
  TokensFrame first = { span, 0, CONTRAIL_TOKENS_NONE };
  gint64 *cached;
  gint64 result = CONTRAIL_TOKENS_NONE;

  g_return_val_if_fail (CONTRAIL_IS_SPAN (span), CONTRAIL_TOKENS_NONE);

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("contrail-tokens-with-children");
  if ((cached = g_object_get_qdata (G_OBJECT (span), quark)) != NULL)
    return *cached;

  /* Post-order with a stack of our own: a chain 100,000 deep works. */
  stack = g_array_new (FALSE, FALSE, sizeof (TokensFrame));
  g_array_append_val (stack, first);
  while (stack->len > 0)
    {
      TokensFrame *top = &g_array_index (stack, TokensFrame, stack->len - 1);
      gint64 value;

      if (top->next_child < contrail_span_get_n_children (top->span))
        {
          TokensFrame child = { contrail_span_get_child (top->span, top->next_child++), 0,
                                CONTRAIL_TOKENS_NONE };

          /* Known already: not down there again (leaves are quicker to do) */
          if (contrail_span_get_n_children (child.span) > 0 &&
              (cached = g_object_get_qdata (G_OBJECT (child.span), quark)) != NULL)
            top->below = add_tokens (top->below, *cached);
          else
            g_array_append_val (stack, child);
          continue;
        }

      value = combine_tokens (contrail_span_get_total_tokens (top->span), top->below);

      /* Remembered for every span with children on the way, not only the
       * one asked about: the rows further down a chain ask next, and each
       * walking its subtree again made showing a span 100,000 levels down
       * take seconds (n²). */
      if (stack->len == 1 || contrail_span_get_n_children (top->span) > 0)
        {
          cached = g_new (gint64, 1);
          *cached = value;
          g_object_set_qdata_full (G_OBJECT (top->span), quark, cached, g_free);
        }

      g_array_set_size (stack, stack->len - 1);
      if (stack->len == 0)
        result = value;
      else
        g_array_index (stack, TokensFrame, stack->len - 1).below =
          add_tokens (g_array_index (stack, TokensFrame, stack->len - 1).below, value);
    }

  return result;
}

char *
contrail_format_tokens (gint64 tokens)
{
  g_autofree char *count = contrail_format_count (tokens);
  gulong n = tokens < 0 ? 0 : (gulong)MIN (tokens, G_MAXLONG);

  return g_strdup_printf (ngettext ("%s token", "%s tokens", n), count);
}

char *
contrail_format_start_time (gint64 time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan age;

  if (!CONTRAIL_TIME_IS_VALID (time))
    return NULL;

  if (!(utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC)))
    return NULL;

  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  age = g_date_time_difference (now, local);

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, see the GDateTime format docs */
    return g_date_time_format (local, _("%H:%M"));

  if (age >= 0 && age < 6 * G_TIME_SPAN_DAY)
    /* Translators: a weekday and time within the last week, e.g. "Mon 14:03" */
    return g_date_time_format (local, _("%a %H:%M"));

  /* Translators: a date and time, e.g. "2025-11-20 14:03" */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

char *
contrail_format_excerpt (const char *text,
                         gsize       max_chars)
{
  const char *end;

  if (text == NULL)
    return NULL;

  /* Every character takes at least a byte: short texts are kept whole. */
  if (strlen (text) <= max_chars)
    return g_strdup (text);

  end = text;
  for (gsize i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);

  {
    GString *excerpt = g_string_new_len (text, end - text);

    g_string_append (excerpt, "…");

    return g_string_free (excerpt, FALSE);
  }
}
