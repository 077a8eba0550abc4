/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-timeline-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contrail-time.h"
#include "contrail-timeline-layout.h"

#define USEC_PER_MSEC G_GINT64_CONSTANT (1000)
#define USEC_PER_SEC  G_GINT64_CONSTANT (1000000)
#define USEC_PER_MIN  (60 * USEC_PER_SEC)
#define USEC_PER_HOUR (60 * USEC_PER_MIN)
#define USEC_PER_DAY  (24 * USEC_PER_HOUR)

#define NO_INDEX G_MAXUINT

/* ---- The time window ---- */

void
contrail_time_window_init (ContrailTimeWindow *window,
                           gint64              lower,
                           gint64              upper)
{
  g_return_if_fail (window != NULL);

  if (upper - lower < CONTRAIL_TIME_WINDOW_MIN_DURATION)
    upper = lower + CONTRAIL_TIME_WINDOW_MIN_DURATION;

  window->lower = lower;
  window->upper = upper;
  window->start = lower;
  window->end = upper;
}

gboolean
contrail_time_window_fit (ContrailTimeWindow *window)
{
  g_return_val_if_fail (window != NULL, FALSE);

  return contrail_time_window_set (window, window->lower, window->upper);
}

gboolean
contrail_time_window_is_fit (const ContrailTimeWindow *window)
{
  g_return_val_if_fail (window != NULL, FALSE);

  return window->start == window->lower && window->end == window->upper;
}

gint64
contrail_time_window_get_duration (const ContrailTimeWindow *window)
{
  g_return_val_if_fail (window != NULL, 0);

  return window->end - window->start;
}

gboolean
contrail_time_window_set (ContrailTimeWindow *window,
                          gint64              start,
                          gint64              end)
{
  gint64 range, duration;

  g_return_val_if_fail (window != NULL, FALSE);

  range = window->upper - window->lower;
  duration = end - start;
  if (duration < CONTRAIL_TIME_WINDOW_MIN_DURATION)
    duration = CONTRAIL_TIME_WINDOW_MIN_DURATION;
  if (duration >= range)
    {
      start = window->lower;
      duration = range;
    }
  if (start < window->lower)
    start = window->lower;
  if (start > window->upper - duration)
    start = window->upper - duration;
  end = start + duration;

  if (start == window->start && end == window->end)
    return FALSE;

  window->start = start;
  window->end = end;

  return TRUE;
}

gboolean
contrail_time_window_zoom (ContrailTimeWindow *window,
                           double              factor,
                           gint64              anchor)
{
  gint64 duration, range, new_duration, new_start;
  double relative;

  g_return_val_if_fail (window != NULL, FALSE);

  if (!(factor > 0) || !isfinite (factor) || factor == 1.0)
    return FALSE;

  duration = window->end - window->start;
  range = window->upper - window->lower;

  if ((double)duration * factor >= (double)range)
    new_duration = range;
  else
    new_duration = (gint64)llround ((double)duration * factor);

  /* Always make progress, even at a window of a few µs. */
  if (factor > 1 && new_duration <= duration)
    new_duration = duration + 1;
  else if (factor < 1 && new_duration >= duration)
    new_duration = duration - 1;
  new_duration = CLAMP (new_duration, CONTRAIL_TIME_WINDOW_MIN_DURATION, range);

  relative = (double)(anchor - window->start) / (double)duration;
  new_start = anchor - (gint64)llround (relative * (double)new_duration);

  return contrail_time_window_set (window, new_start, new_start + new_duration);
}

gboolean
contrail_time_window_pan (ContrailTimeWindow *window,
                          gint64              delta)
{
  g_return_val_if_fail (window != NULL, FALSE);

  return contrail_time_window_set (window, window->start + delta, window->end + delta);
}

gboolean
contrail_time_window_ensure_visible (ContrailTimeWindow *window,
                                     gint64              start,
                                     gint64              end,
                                     double              margin)
{
  gint64 duration, pad;
  gboolean fits;

  g_return_val_if_fail (window != NULL, FALSE);

  if (end < start)
    end = start;
  if (start <= window->end && end >= window->start)
    return FALSE;

  duration = window->end - window->start;
  margin = CLAMP (margin, 0.0, 0.45);
  pad = (gint64)(duration * margin);
  fits = end - start <= duration - 2 * pad;

  if (end < window->start)
    {
      /* Left of the window */
      if (fits)
        return contrail_time_window_set (window, start - pad, start - pad + duration);
      else
        return contrail_time_window_set (window, end + pad - duration, end + pad);
    }
  else
    {
      /* Right of the window */
      if (fits)
        return contrail_time_window_set (window, end + pad - duration, end + pad);
      else
        return contrail_time_window_set (window, start - pad, start - pad + duration);
    }
}

double
contrail_time_window_to_x (const ContrailTimeWindow *window,
                           gint64                    time,
                           double                    width)
{
  return (double)(time - window->start) * width / (double)(window->end - window->start);
}

gint64
contrail_time_window_from_x (const ContrailTimeWindow *window,
                             double                    x,
                             double                    width)
{
  if (!(width > 0))
    return window->start;

  return window->start + (gint64)llround (x * (double)(window->end - window->start) / width);
}

/* ---- Labels ---- */

/* The fewest decimals (at most those of @unit) that show @value / @unit exactly. */
static int
decimals_for (gint64 value,
              gint64 unit)
{
  gint64 fraction = value % unit;
  int decimals = 0;

  for (gint64 u = unit; u > 1; u /= 10)
    decimals++;

  while (decimals > 0 && fraction % 10 == 0)
    {
      fraction /= 10;
      decimals--;
    }

  return decimals;
}

static void
append_part (GString    *str,
             const char *part)
{
  if (str->len > 0)
    g_string_append_c (str, ' ');
  g_string_append (str, part);
}

void
contrail_timeline_format_offset (gint64  offset,
                                 gint64  step,
                                 char   *buf,
                                 gsize   size)
{
  const char *sign = "";
  char part[64];

  g_return_if_fail (buf != NULL && size > 0);

  if (offset < 0)
    {
      /* U+2212 MINUS SIGN */
      sign = "\xe2\x88\x92";
      offset = offset == G_MININT64 ? G_MAXINT64 : -offset;
    }

  if (offset == 0)
    {
      /* Translators: the origin of the time ruler, in the unit of its ticks */
      if (step < USEC_PER_MSEC)
        g_snprintf (buf, size, "%s", _("0 µs"));
      else if (step < USEC_PER_SEC)
        g_snprintf (buf, size, "%s", _("0 ms"));
      else if (step < USEC_PER_MIN)
        g_snprintf (buf, size, "%s", _("0 s"));
      else if (step < USEC_PER_HOUR)
        g_snprintf (buf, size, "%s", _("0 min"));
      else if (step < USEC_PER_DAY)
        g_snprintf (buf, size, "%s", _("0 h"));
      else
        g_snprintf (buf, size, "%s", _("0 d"));
    }
  else if (offset < USEC_PER_MSEC)
    {
      /* Translators: a time offset in microseconds, e.g. "250 µs" */
      g_snprintf (part, sizeof part, _("%d µs"), (int)offset);
      g_snprintf (buf, size, "%s%s", sign, part);
    }
  else if (offset < USEC_PER_SEC)
    {
      /* Translators: a time offset in milliseconds, e.g. "250 ms" or "1.5 ms" */
      g_snprintf (part, sizeof part, _("%.*f ms"), decimals_for (offset, USEC_PER_MSEC),
                  (double)offset / USEC_PER_MSEC);
      g_snprintf (buf, size, "%s%s", sign, part);
    }
  else if (offset < USEC_PER_MIN)
    {
      /* Translators: a time offset in seconds, e.g. "1.5 s" */
      g_snprintf (part, sizeof part, _("%.*f s"), decimals_for (offset, USEC_PER_SEC),
                  (double)offset / USEC_PER_SEC);
      g_snprintf (buf, size, "%s%s", sign, part);
    }
  else
    {
      g_autoptr(GString) str = g_string_new (NULL);
      gint64 days = offset / USEC_PER_DAY;
      gint64 hours = offset % USEC_PER_DAY / USEC_PER_HOUR;
      gint64 minutes = offset % USEC_PER_HOUR / USEC_PER_MIN;
      gint64 usec = offset % USEC_PER_MIN;

      if (days > 0)
        {
          /* Translators: part of a long time offset, e.g. "2 d 4 h" */
          g_snprintf (part, sizeof part, _("%" G_GINT64_FORMAT " d"), days);
          append_part (str, part);
        }
      if (hours > 0)
        {
          /* Translators: part of a long time offset, e.g. "1 h 30 min" */
          g_snprintf (part, sizeof part, _("%d h"), (int)hours);
          append_part (str, part);
        }
      if (minutes > 0)
        {
          /* Translators: part of a long time offset, e.g. "2 min" or "1 min 30 s" */
          g_snprintf (part, sizeof part, _("%d min"), (int)minutes);
          append_part (str, part);
        }
      if (usec > 0)
        {
          /* Translators: part of a long time offset, e.g. "1 min 30 s" */
          g_snprintf (part, sizeof part, _("%.*f s"), decimals_for (usec, USEC_PER_SEC),
                      (double)usec / USEC_PER_SEC);
          append_part (str, part);
        }

      g_snprintf (buf, size, "%s%s", sign, str->str);
    }
}

/* ---- Ticks ---- */

/* The candidate steps, ascending. */
static const gint64 *
tick_steps (guint *n_steps)
{
  static gint64 steps[80];
  static gsize n = 0;

  if (g_once_init_enter (&n))
    {
      static const gint64 fixed[] = {
        10 * USEC_PER_SEC, 20 * USEC_PER_SEC, 30 * USEC_PER_SEC,
        USEC_PER_MIN, 2 * USEC_PER_MIN, 5 * USEC_PER_MIN, 10 * USEC_PER_MIN,
        20 * USEC_PER_MIN, 30 * USEC_PER_MIN,
        USEC_PER_HOUR, 2 * USEC_PER_HOUR, 5 * USEC_PER_HOUR, 10 * USEC_PER_HOUR,
        20 * USEC_PER_HOUR,
      };
      gsize count = 0;

      /* 1-2-5 from 1 µs to 5 s */
      for (gint64 decade = 1; decade <= USEC_PER_SEC; decade *= 10)
        {
          steps[count++] = decade;
          steps[count++] = 2 * decade;
          steps[count++] = 5 * decade;
        }
      for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
        steps[count++] = fixed[i];
      /* 1-2-5 days, up to beyond the range of valid times */
      for (gint64 decade = USEC_PER_DAY; count + 3 <= G_N_ELEMENTS (steps) && decade < G_MAXINT64 / 50;
           decade *= 10)
        {
          steps[count++] = decade;
          steps[count++] = 2 * decade;
          steps[count++] = 5 * decade;
        }

      g_once_init_leave (&n, count);
    }

  *n_steps = (guint)n;

  return steps;
}

static double
estimate_width (const char *text,
                gpointer    user_data)
{
  return 7.0 * g_utf8_strlen (text, -1);
}

/* Floor division for a possibly negative numerator. */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

static void
fill_ticks (const ContrailTimeWindow *window,
            gint64                    origin,
            double                    width,
            gint64                    step,
            GArray                   *ticks)
{
  gint64 k = floor_div (window->start - origin, step);

  g_array_set_size (ticks, 0);

  for (gint64 t = origin + k * step; t <= window->end; t += step)
    {
      ContrailTimeTick tick;

      if (t < window->start)
        continue;

      tick.time = t;
      tick.x = contrail_time_window_to_x (window, t, width);
      contrail_timeline_format_offset (t - origin, step, tick.label, sizeof tick.label);
      g_array_append_val (ticks, tick);

      if (t > G_MAXINT64 - step)
        break;
    }
}

gint64
contrail_timeline_choose_ticks (const ContrailTimeWindow *window,
                                gint64                    origin,
                                double                    width,
                                double                    gap,
                                ContrailMeasureFunc       measure,
                                gpointer                  user_data,
                                GArray                   *ticks)
{
  const gint64 *steps;
  guint n_steps;
  double duration;

  g_return_val_if_fail (window != NULL, 0);
  g_return_val_if_fail (ticks != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (ticks) == sizeof (ContrailTimeTick), 0);

  if (measure == NULL)
    measure = estimate_width;
  if (!(gap > 1))
    gap = 1;

  steps = tick_steps (&n_steps);
  duration = (double)(window->end - window->start);

  g_array_set_size (ticks, 0);
  if (!(width > 0))
    return steps[n_steps - 1];

  for (guint i = 0; i < n_steps; i++)
    {
      double step_px = (double)steps[i] * width / duration;
      gboolean fits = TRUE;

      /* Too dense even for the narrowest label: skip without formatting. */
      if (step_px < gap + 8 && i + 1 < n_steps)
        continue;

      fill_ticks (window, origin, width, steps[i], ticks);

      for (guint j = 0; fits && j + 1 < ticks->len; j++)
        {
          ContrailTimeTick *a = &g_array_index (ticks, ContrailTimeTick, j);
          ContrailTimeTick *b = &g_array_index (ticks, ContrailTimeTick, j + 1);

          if (a->x + measure (a->label, user_data) + gap > b->x)
            fits = FALSE;
        }

      if (fits || i + 1 == n_steps)
        return steps[i];
    }

  g_assert_not_reached ();
  return 0;
}

/* ---- Level of detail ---- */

guint
contrail_timeline_lod (const ContrailTimeWindow   *window,
                       double                      width,
                       const ContrailTimeInterval *in,
                       guint                       n_in,
                       GArray                     *out)
{
  guint n_columns, n_kept = 0;
  guint *best;
  gint64 *best_length;
  double scale, covered = -1;

  g_return_val_if_fail (window != NULL, 0);
  g_return_val_if_fail (in != NULL || n_in == 0, 0);
  g_return_val_if_fail (out != NULL, 0);

  if (!(width >= 1) || n_in == 0)
    return 0;

  n_columns = (guint)MIN (ceil (width), 1 << 20);
  best = g_new (guint, n_columns);
  best_length = g_new (gint64, n_columns);
  memset (best, 0xff, n_columns * sizeof (guint));
  scale = width / (double)(window->end - window->start);

  for (guint i = 0; i < n_in; i++)
    {
      const ContrailTimeInterval *iv = &in[i];
      gint64 start, length;
      guint column;

      if (iv->end < window->start || iv->start > window->end)
        continue;

      /* What shows: the part inside the window */
      start = MAX (iv->start, window->start);
      length = MIN (iv->end, window->end) - start;
      column = (guint)((double)(start - window->start) * scale);
      if (column >= n_columns)
        column = n_columns - 1;

      if (best[column] == NO_INDEX || length > best_length[column])
        {
          best[column] = i;
          best_length[column] = length;
        }
    }

  for (guint column = 0; column < n_columns; column++)
    {
      const ContrailTimeInterval *iv;
      double x1;

      if (best[column] == NO_INDEX)
        continue;
      iv = &in[best[column]];
      x1 = MAX ((double)(MIN (iv->end, window->end) - window->start) * scale,
                (double)column + 1);
      /* Already painted by one further left */
      if (x1 <= covered)
        continue;

      covered = x1;
      g_array_append_val (out, *iv);
      n_kept++;
    }

  g_free (best);
  g_free (best_length);

  return n_kept;
}

/* ---- Spans ---- */

gboolean
contrail_timeline_span_interval (ContrailSpan          *span,
                                 gint64                 now,
                                 gint64                *start,
                                 gint64                *end,
                                 ContrailSpanTimeFlags *flags)
{
  gint64 s, e;
  double duration_ms;
  ContrailSpanTimeFlags f = 0;

  g_return_val_if_fail (CONTRAIL_IS_SPAN (span), FALSE);

  s = contrail_span_get_start_time (span);
  e = contrail_span_get_end_time (span);

  if (!CONTRAIL_TIME_IS_VALID (s))
    {
      if (flags != NULL)
        *flags = 0;
      return FALSE;
    }

  if (!CONTRAIL_TIME_IS_VALID (e))
    {
      /* The input may give a duration without an end: the span is done. */
      if (contrail_span_get_duration_ms (span, &duration_ms) && duration_ms >= 0 &&
          duration_ms < 1e14)
        e = s + (gint64)llround (duration_ms * 1000);
      else
        {
          f |= CONTRAIL_SPAN_TIME_RUNNING;
          e = now;
        }
      if (e < s)
        e = s;
    }
  else if (e < s)
    {
      f |= CONTRAIL_SPAN_TIME_REVERSED;
      e = s;
    }

  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;
  if (flags != NULL)
    *flags = f;

  return TRUE;
}

/* ---- Self time ---- */

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  const ContrailTimeInterval *ia = a, *ib = b;

  if (ia->start != ib->start)
    return ia->start < ib->start ? -1 : 1;
  if (ia->end != ib->end)
    return ia->end < ib->end ? -1 : 1;
  return 0;
}

guint
contrail_timeline_gaps (gint64                      start,
                        gint64                      end,
                        const ContrailTimeInterval *children,
                        guint                       n_children,
                        GArray                     *out)
{
  g_autofree ContrailTimeInterval *sorted = NULL;
  guint n_sorted = 0, n_gaps = 0;
  gint64 cursor = start;

  g_return_val_if_fail (children != NULL || n_children == 0, 0);
  g_return_val_if_fail (out != NULL, 0);

  if (end <= start)
    return 0;

  sorted = g_new (ContrailTimeInterval, MAX (n_children, 1));
  for (guint i = 0; i < n_children; i++)
    {
      ContrailTimeInterval c = children[i];

      if (c.end < c.start || c.end <= start || c.start >= end)
        continue;
      c.start = MAX (c.start, start);
      c.end = MIN (c.end, end);
      sorted[n_sorted++] = c;
    }
  qsort (sorted, n_sorted, sizeof (ContrailTimeInterval), compare_by_start);

  for (guint i = 0; i < n_sorted && cursor < end; i++)
    {
      if (sorted[i].start > cursor)
        {
          ContrailTimeInterval gap = { cursor, sorted[i].start, NO_INDEX };

          g_array_append_val (out, gap);
          n_gaps++;
        }
      cursor = MAX (cursor, sorted[i].end);
    }

  if (cursor < end)
    {
      ContrailTimeInterval gap = { cursor, end, NO_INDEX };

      g_array_append_val (out, gap);
      n_gaps++;
    }

  return n_gaps;
}

GArray *
contrail_timeline_span_gaps (ContrailSpan *span,
                             gint64        now)
{
  g_autoptr(GArray) children = NULL;
  GArray *gaps;
  guint n_children;
  gint64 start, end;

  g_return_val_if_fail (CONTRAIL_IS_SPAN (span), NULL);

  gaps = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  if (!contrail_timeline_span_interval (span, now, &start, &end, NULL))
    return gaps;

  n_children = contrail_span_get_n_children (span);
  children = g_array_sized_new (FALSE, FALSE, sizeof (ContrailTimeInterval), n_children);
  for (guint i = 0; i < n_children; i++)
    {
      ContrailSpan *child = contrail_span_get_child (span, i);
      ContrailTimeInterval c = { 0, 0, contrail_span_get_index (child) };

      if (contrail_timeline_span_interval (child, now, &c.start, &c.end, NULL))
        g_array_append_val (children, c);
    }

  contrail_timeline_gaps (start, end, (ContrailTimeInterval *)(gpointer)children->data,
                          children->len, gaps);
  for (guint i = 0; i < gaps->len; i++)
    g_array_index (gaps, ContrailTimeInterval, i).id = contrail_span_get_index (span);

  return gaps;
}

/* ---- Critical path ---- */

typedef struct
{
  gint64 end;
  guint  node;
} CriticalChild;

static int
compare_by_end_desc (gconstpointer a,
                     gconstpointer b)
{
  const CriticalChild *ca = a, *cb = b;

  if (ca->end != cb->end)
    return ca->end > cb->end ? -1 : 1;
  /* Stable: keep the children's order (by start) */
  return ca->node < cb->node ? -1 : (ca->node > cb->node ? 1 : 0);
}

GArray *
contrail_timeline_critical_path (ContrailTrace *trace)
{
  GArray *sections;
  guint n, root, n_included = 0;
  gint64 lower, upper;
  g_autofree gint64 *start = NULL;
  g_autofree gint64 *end = NULL;
  g_autofree guint *parent = NULL;
  g_autofree guint *order = NULL;       /* included nodes, parents first */
  g_autofree guint *child_offset = NULL;
  g_autofree CriticalChild *child = NULL;
  g_autofree guint *fill = NULL;
  g_autofree guint *cursor = NULL;
  g_autoptr(GPtrArray) stack = NULL;
  g_autoptr(GArray) stack_parent = NULL;
  guint current;
  gint64 returning;
  gboolean have_returning;

  g_return_val_if_fail (CONTRAIL_IS_TRACE (trace), NULL);

  sections = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  if (!contrail_trace_get_time_bounds (trace, &lower, &upper))
    return sections;

  /* Nodes 0…n-1 are the spans by index; node n is the whole trace. */
  n = contrail_trace_get_span_count (trace);
  root = n;
  start = g_new (gint64, n + 1);
  end = g_new (gint64, n + 1);
  parent = g_new (guint, n + 1);
  order = g_new (guint, n + 1);
  start[root] = lower;
  end[root] = upper;
  parent[root] = NO_INDEX;
  order[n_included++] = root;

  /* Clip every span to its (clipped) parent, parents first. */
  stack = g_ptr_array_new ();
  stack_parent = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = contrail_trace_get_n_roots (trace); i > 0; i--)
    {
      g_ptr_array_add (stack, contrail_trace_get_root (trace, i - 1));
      g_array_append_val (stack_parent, root);
    }

  while (stack->len > 0)
    {
      ContrailSpan *span = g_ptr_array_steal_index_fast (stack, stack->len - 1);
      guint p = g_array_index (stack_parent, guint, stack_parent->len - 1);
      guint index = contrail_span_get_index (span);
      gint64 s, e;

      g_array_set_size (stack_parent, stack_parent->len - 1);

      if (index >= n)
        continue;
      if (!contrail_timeline_span_interval (span, upper, &s, &e, NULL))
        continue;
      /* Wholly outside its parent: not part of the path, nor is its subtree */
      if (s > end[p] || e < start[p])
        continue;

      start[index] = MAX (s, start[p]);
      end[index] = MIN (e, end[p]);
      parent[index] = p;
      order[n_included++] = index;

      for (guint c = contrail_span_get_n_children (span); c > 0; c--)
        {
          g_ptr_array_add (stack, contrail_span_get_child (span, c - 1));
          g_array_append_val (stack_parent, index);
        }
    }

  /* Children lists (CSR), each sorted by end, latest first. */
  child_offset = g_new0 (guint, n + 2);
  for (guint k = 1; k < n_included; k++)
    child_offset[parent[order[k]] + 1]++;
  for (guint i = 0; i < n + 1; i++)
    child_offset[i + 1] += child_offset[i];
  child = g_new (CriticalChild, MAX (n_included, 1));
  fill = g_memdup2 (child_offset, (n + 2) * sizeof (guint));
  /* node is the position in pre-order, where siblings come in their tree
   * order (by start): ties keep that order. */
  for (guint k = 1; k < n_included; k++)
    {
      CriticalChild c = { end[order[k]], k };

      child[fill[parent[order[k]]]++] = c;
    }
  for (guint k = 0; k < n_included; k++)
    {
      guint node = order[k];
      guint count = child_offset[node + 1] - child_offset[node];

      if (count > 1)
        qsort (child + child_offset[node], count, sizeof (CriticalChild), compare_by_end_desc);
    }

  /* The walk.  cursor[i] only moves forward: each time the walk returns to
   * node i, the returning child started earlier than the last one. */
  cursor = g_new0 (guint, n + 1);
  current = root;
  have_returning = FALSE;
  returning = 0;

  for (;;)
    {
      guint first = child_offset[current], last = child_offset[current + 1];
      guint lfc = NO_INDEX;
      gint64 section_end = have_returning ? returning : end[current];
      ContrailTimeInterval section;

      if (!have_returning)
        {
          if (first < last)
            lfc = order[child[first].node];
        }
      else
        {
          while (first + cursor[current] < last &&
                 child[first + cursor[current]].end >= returning)
            cursor[current]++;
          if (first + cursor[current] < last)
            lfc = order[child[first + cursor[current]].node];
        }

      section.id = current;
      section.end = section_end;

      if (lfc != NO_INDEX)
        {
          section.start = end[lfc];
          if (current != root && section.start != section.end)
            g_array_append_val (sections, section);
          current = lfc;
          have_returning = FALSE;
        }
      else
        {
          section.start = start[current];
          if (current != root && section.start != section.end)
            g_array_append_val (sections, section);
          if (current == root)
            break;
          returning = start[current];
          have_returning = TRUE;
          current = parent[current];
        }
    }

  return sections;
}
