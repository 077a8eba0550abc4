/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The pure parts of the timeline: the time window, ruler ticks, level of
 * detail, the critical path and self time, on hand-made traces.
 */
#define G_LOG_DOMAIN "test-timeline-layout"

#include "config.h"

#include <string.h>

#include "contrail-import.h"
#include "contrail-time.h"
#include "contrail-timeline-layout.h"

/* 2025-01-01T00:00:00Z */
#define BASE G_GINT64_CONSTANT (1735689600000000)
#define MS(x) (BASE + (gint64)((x) * 1000 + ((x) >= 0 ? 0.5 : -0.5)))
#define NONE (-1)

/* ---- Hand-made traces ---- */

typedef struct
{
  const char *id;
  const char *parent;
  double      start_ms;   /* NONE: absent */
  double      end_ms;     /* NONE: absent */
} SpanSpec;

static void
append_time (GString    *json,
             const char *member,
             double      ms)
{
  char buf[32];

  if (ms == NONE)
    return;

  g_assert_true (contrail_time_format (MS (ms), buf));
  g_string_append_printf (json, ",\"%s\":\"%s\"", member, buf);
}

static ContrailTrace *
make_trace (const SpanSpec *specs,
            guint           n_specs)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"trace\",\"spans\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_specs; i++)
    {
      g_string_append_printf (json, "%s{\"id\":\"%s\",\"name\":\"%s\"", i > 0 ? "," : "",
                              specs[i].id, specs[i].id);
      if (specs[i].parent != NULL)
        g_string_append_printf (json, ",\"parent_id\":\"%s\"", specs[i].parent);
      append_time (json, "start_time", specs[i].start_ms);
      append_time (json, "end_time", specs[i].end_ms);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]}");

  bytes = g_bytes_new (json->str, json->len);
  traces = contrail_import_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, ==, 1);

  return g_object_ref (g_ptr_array_index (traces, 0));
}

static const char *
span_name (ContrailTrace *trace,
           guint          index)
{
  return contrail_span_get_name (contrail_trace_get_span (trace, index));
}

/* "a 10-40, root 0-10" (ms from BASE), latest first. */
static char *
describe_sections (ContrailTrace *trace,
                   GArray        *sections)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < sections->len; i++)
    {
      ContrailTimeInterval *s = &g_array_index (sections, ContrailTimeInterval, i);

      g_string_append_printf (str, "%s%s %g-%g", i > 0 ? ", " : "", span_name (trace, s->id),
                              (s->start - BASE) / 1000.0, (s->end - BASE) / 1000.0);
    }

  return g_string_free (str, FALSE);
}

static void
assert_critical_path (const SpanSpec *specs,
                      guint           n_specs,
                      const char     *expected)
{
  g_autoptr(ContrailTrace) trace = make_trace (specs, n_specs);
  g_autoptr(GArray) sections = contrail_timeline_critical_path (trace);
  g_autofree char *described = describe_sections (trace, sections);

  g_assert_cmpstr (described, ==, expected);
}

/* ---- The window ---- */

static void
test_window_mapping (void)
{
  ContrailTimeWindow w;

  contrail_time_window_init (&w, MS (0), MS (2000));
  g_assert_true (contrail_time_window_is_fit (&w));
  g_assert_cmpint (contrail_time_window_get_duration (&w), ==, 2000000);

  g_assert_cmpfloat_with_epsilon (contrail_time_window_to_x (&w, MS (0), 1000), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrail_time_window_to_x (&w, MS (500), 1000), 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrail_time_window_to_x (&w, MS (2000), 1000), 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrail_time_window_to_x (&w, MS (-200), 1000), -100, 1e-9);
  g_assert_cmpint (contrail_time_window_from_x (&w, 250, 1000), ==, MS (500));
  g_assert_cmpint (contrail_time_window_from_x (&w, 0, 1000), ==, MS (0));
  g_assert_cmpint (contrail_time_window_from_x (&w, 0, 0), ==, MS (0));

  /* Round trip at µs precision, far from the epoch */
  g_assert_true (contrail_time_window_set (&w, MS (1000), MS (1000) + 1000));
  for (gint64 t = MS (1000); t <= MS (1000) + 1000; t += 37)
    g_assert_cmpint (contrail_time_window_from_x (&w, contrail_time_window_to_x (&w, t, 800), 800),
                     ==, t);

  /* Empty and inverted bounds still give a 1 µs window */
  contrail_time_window_init (&w, MS (5), MS (5));
  g_assert_cmpint (w.upper - w.lower, ==, 1);
  contrail_time_window_init (&w, MS (5), MS (1));
  g_assert_cmpint (w.start, ==, MS (5));
  g_assert_cmpint (w.end, ==, MS (5) + 1);
}

static void
test_window_zoom (void)
{
  ContrailTimeWindow w;
  gint64 anchor = MS (500);
  double before;

  contrail_time_window_init (&w, MS (0), MS (2000));

  /* Zooming in keeps the anchor at the same x */
  before = contrail_time_window_to_x (&w, anchor, 1000);
  g_assert_true (contrail_time_window_zoom (&w, 0.5, anchor));
  g_assert_cmpint (contrail_time_window_get_duration (&w), ==, 1000000);
  g_assert_cmpfloat_with_epsilon (contrail_time_window_to_x (&w, anchor, 1000), before, 0.01);
  g_assert_cmpint (w.start, ==, MS (250));

  /* Many steps in: never below 1 µs, and always inside the bounds */
  for (guint i = 0; i < 200; i++)
    {
      contrail_time_window_zoom (&w, 1 / 1.15, MS (1999.9999));
      g_assert_cmpint (w.end - w.start, >=, 1);
      g_assert_cmpint (w.start, >=, w.lower);
      g_assert_cmpint (w.end, <=, w.upper);
    }
  g_assert_cmpint (w.end - w.start, ==, 1);
  g_assert_false (contrail_time_window_zoom (&w, 0.5, w.start));

  /* Zooming out from 1 µs makes progress, and ends at the bounds */
  g_assert_true (contrail_time_window_zoom (&w, 1.15, w.start));
  g_assert_cmpint (w.end - w.start, ==, 2);
  for (guint i = 0; i < 400; i++)
    contrail_time_window_zoom (&w, 1.15, MS (1000));
  g_assert_true (contrail_time_window_is_fit (&w));
  g_assert_false (contrail_time_window_zoom (&w, 2, MS (1000)));

  /* Bad factors do nothing */
  g_assert_false (contrail_time_window_zoom (&w, 0, MS (1000)));
  g_assert_false (contrail_time_window_zoom (&w, -1, MS (1000)));
  g_assert_false (contrail_time_window_zoom (&w, 1, MS (1000)));

  /* Anchored at the right edge, zooming out of a window at the left edge */
  contrail_time_window_set (&w, MS (0), MS (100));
  contrail_time_window_zoom (&w, 2, MS (100));
  g_assert_cmpint (w.start, ==, MS (0));
  g_assert_cmpint (w.end, ==, MS (200));
}

static void
test_window_pan_and_clamp (void)
{
  ContrailTimeWindow w;

  contrail_time_window_init (&w, MS (0), MS (1000));
  g_assert_false (contrail_time_window_pan (&w, 1000));
  g_assert_true (contrail_time_window_set (&w, MS (100), MS (200)));

  g_assert_true (contrail_time_window_pan (&w, 50000));
  g_assert_cmpint (w.start, ==, MS (150));
  g_assert_cmpint (w.end, ==, MS (250));

  /* Clamped at the bounds, keeping the duration */
  contrail_time_window_pan (&w, -G_GINT64_CONSTANT (1000000000));
  g_assert_cmpint (w.start, ==, MS (0));
  g_assert_cmpint (w.end, ==, MS (100));
  contrail_time_window_pan (&w, G_GINT64_CONSTANT (1000000000));
  g_assert_cmpint (w.start, ==, MS (900));
  g_assert_cmpint (w.end, ==, MS (1000));

  /* set() clamps too wide, inverted and outside windows */
  contrail_time_window_set (&w, MS (-100), MS (5000));
  g_assert_true (contrail_time_window_is_fit (&w));
  contrail_time_window_set (&w, MS (300), MS (200));
  g_assert_cmpint (w.start, ==, MS (300));
  g_assert_cmpint (w.end, ==, MS (300) + 1);
  contrail_time_window_set (&w, MS (1200), MS (1300));
  g_assert_cmpint (w.start, ==, MS (900));
  g_assert_cmpint (w.end, ==, MS (1000));

  g_assert_true (contrail_time_window_fit (&w));
  g_assert_false (contrail_time_window_fit (&w));
}

static void
test_window_ensure_visible (void)
{
  ContrailTimeWindow w;

  contrail_time_window_init (&w, MS (0), MS (1000));
  contrail_time_window_set (&w, MS (400), MS (500));

  /* Already (partly) visible: nothing moves */
  g_assert_false (contrail_time_window_ensure_visible (&w, MS (450), MS (460), 0.1));
  g_assert_false (contrail_time_window_ensure_visible (&w, MS (300), MS (410), 0.1));

  /* Left of the window, and it fits: its start comes in at the margin */
  g_assert_true (contrail_time_window_ensure_visible (&w, MS (100), MS (120), 0.1));
  g_assert_cmpint (w.start, ==, MS (90));
  g_assert_cmpint (w.end, ==, MS (190));

  /* Right of it */
  g_assert_true (contrail_time_window_ensure_visible (&w, MS (700), MS (720), 0.1));
  g_assert_cmpint (w.end, ==, MS (730));
  g_assert_cmpint (w.end - w.start, ==, 100000);

  /* Longer than the window: its nearest end comes in */
  contrail_time_window_set (&w, MS (800), MS (900));
  g_assert_true (contrail_time_window_ensure_visible (&w, MS (100), MS (600), 0.1));
  g_assert_cmpint (w.end, ==, MS (610));

  /* An inverted interval counts as its start */
  g_assert_true (contrail_time_window_ensure_visible (&w, MS (950), MS (10), 0.1));
  g_assert_cmpint (w.end, ==, MS (960));
}

/* ---- Ticks ---- */

static void
assert_offset (gint64      offset,
               gint64      step,
               const char *expected)
{
  char buf[64];

  contrail_timeline_format_offset (offset, step, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, expected);
}

static void
test_tick_labels (void)
{
  assert_offset (0, 1, "0 µs");
  assert_offset (0, 50000, "0 ms");
  assert_offset (0, 500000, "0 ms");
  assert_offset (0, 1000000, "0 s");
  assert_offset (0, 60000000, "0 min");
  assert_offset (12, 2, "12 µs");
  assert_offset (1234, 2, "1.234 ms");
  assert_offset (1200, 100, "1.2 ms");
  assert_offset (250000, 50000, "250 ms");
  assert_offset (1000000, 500000, "1 s");
  assert_offset (1500000, 500000, "1.5 s");
  assert_offset (12345678, 2, "12.345678 s");
  assert_offset (120000000, 60000000, "2 min");
  assert_offset (90000000, 30000000, "1 min 30 s");
  assert_offset (90500000, 500000, "1 min 30.5 s");
  assert_offset (G_GINT64_CONSTANT (5400000000), G_GINT64_CONSTANT (1800000000), "1 h 30 min");
  assert_offset (G_GINT64_CONSTANT (3600000000), G_GINT64_CONSTANT (3600000000), "1 h");
  assert_offset (G_GINT64_CONSTANT (2) * 86400000000 + G_GINT64_CONSTANT (3600000000),
                 G_GINT64_CONSTANT (3600000000), "2 d 1 h");
  assert_offset (-1500000, 500000, "\xe2\x88\x92" "1.5 s");

}

static char *
describe_ticks (GArray *ticks)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < ticks->len; i++)
    g_string_append_printf (str, "%s%s", i > 0 ? "|" : "",
                            g_array_index (ticks, ContrailTimeTick, i).label);

  return g_string_free (str, FALSE);
}

static void
test_tick_choice (void)
{
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (ContrailTimeTick));
  g_autofree char *described = NULL;
  ContrailTimeWindow w;
  gint64 step;

  /* 2.5 s over 500 px, 7 px per character and 12 px between labels */
  contrail_time_window_init (&w, MS (0), MS (2500));
  step = contrail_timeline_choose_ticks (&w, w.lower, 500, 12, NULL, NULL, ticks);
  g_assert_cmpint (step, ==, 500000);
  described = describe_ticks (ticks);
  g_assert_cmpstr (described, ==, "0 ms|500 ms|1 s|1.5 s|2 s|2.5 s");
  g_assert_cmpfloat_with_epsilon (g_array_index (ticks, ContrailTimeTick, 1).x, 100, 1e-9);
  g_clear_pointer (&described, g_free);

  /* Wider: finer steps */
  step = contrail_timeline_choose_ticks (&w, w.lower, 2000, 12, NULL, NULL, ticks);
  g_assert_cmpint (step, ==, 100000);

  /* A window inside the trace: ticks stay multiples of the step from the
   * trace start, and only those inside the window are given */
  contrail_time_window_set (&w, MS (1234), MS (1334));
  step = contrail_timeline_choose_ticks (&w, w.lower, 500, 12, NULL, NULL, ticks);
  g_assert_cmpint (step, ==, 20000);
  described = describe_ticks (ticks);
  g_assert_cmpstr (described, ==, "1.24 s|1.26 s|1.28 s|1.3 s|1.32 s");
  g_clear_pointer (&described, g_free);

  /* Minutes */
  contrail_time_window_init (&w, MS (0), MS (10 * 60 * 1000));
  step = contrail_timeline_choose_ticks (&w, w.lower, 600, 12, NULL, NULL, ticks);
  g_assert_cmpint (step, ==, 60000000);
  described = describe_ticks (ticks);
  g_assert_true (g_str_has_prefix (described, "0 min|1 min|2 min|"));
  g_clear_pointer (&described, g_free);

  /* A 1 µs window still gets a tick label */
  contrail_time_window_init (&w, MS (0), MS (1000));
  contrail_time_window_set (&w, MS (500), MS (500) + 1);
  contrail_timeline_choose_ticks (&w, w.lower, 800, 12, NULL, NULL, ticks);
  g_assert_cmpuint (ticks->len, >=, 1);
  g_assert_cmpstr (g_array_index (ticks, ContrailTimeTick, 0).label, ==, "500 ms");

  /* No width: no ticks */
  contrail_timeline_choose_ticks (&w, w.lower, 0, 12, NULL, NULL, ticks);
  g_assert_cmpuint (ticks->len, ==, 0);
}

static double
measure_wide (const char *text,
              gpointer    user_data)
{
  return *(double *)user_data * g_utf8_strlen (text, -1);
}

/* Whatever the window and width, labels never overlap. */
static void
test_tick_no_overlap (void)
{
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (ContrailTimeTick));
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 2000; i++)
    {
      ContrailTimeWindow w;
      gint64 range = (gint64)g_rand_double_range (rand, 1, 1e12);
      gint64 start = (gint64)g_rand_double_range (rand, 0, (double)range);
      gint64 length = (gint64)g_rand_double_range (rand, 1, (double)(range - (start - 0)));
      double width = g_rand_double_range (rand, 20, 3000);
      double char_width = g_rand_double_range (rand, 4, 12);
      double gap = 12;

      contrail_time_window_init (&w, BASE, BASE + range);
      contrail_time_window_set (&w, BASE + start, BASE + start + length);
      contrail_timeline_choose_ticks (&w, w.lower, width, gap, measure_wide, &char_width, ticks);

      for (guint j = 0; j + 1 < ticks->len; j++)
        {
          ContrailTimeTick *a = &g_array_index (ticks, ContrailTimeTick, j);
          ContrailTimeTick *b = &g_array_index (ticks, ContrailTimeTick, j + 1);

          g_assert_cmpfloat (a->x + measure_wide (a->label, &char_width) + gap, <=, b->x);
          g_assert_cmpint (a->time, <, b->time);
        }
      for (guint j = 0; j < ticks->len; j++)
        {
          ContrailTimeTick *t = &g_array_index (ticks, ContrailTimeTick, j);

          g_assert_cmpint (t->time, >=, w.start);
          g_assert_cmpint (t->time, <=, w.end);
        }
    }
}

/* ---- Level of detail ---- */

static void
test_lod (void)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  ContrailTimeWindow w;
  /* Over 100 px, one column is 10 µs */
  const ContrailTimeInterval in[] = {
    { 0, 2, 0 },          /* column 0, short */
    { 3, 8, 1 },          /* column 0, longest of column 0 */
    { 1, 4, 2 },          /* column 0 */
    { 500, 501, 3 },      /* column 50, alone */
    { 200, 400, 4 },      /* column 20, 20 columns long */
    { 250, 260, 5 },      /* column 25, under #4: dropped */
    { 395, 396, 6 },      /* column 39, under #4: dropped */
    { 405, 406, 7 },      /* column 40, just past #4: kept */
    { -50, -10, 8 },      /* before the window */
    { 1001, 1100, 9 },    /* after it */
    { -50, 15, 10 },      /* starts before: clipped into column 0, longest there */
    { 999, 2000, 11 },    /* last column */
  };
  const guint expected[] = { 10, 4, 7, 3, 11 };

  contrail_time_window_init (&w, 0, 1000);
  g_assert_cmpuint (contrail_timeline_lod (&w, 100, in, G_N_ELEMENTS (in), out), ==,
                    G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_array_index (out, ContrailTimeInterval, i).id, ==, expected[i]);

  /* What counts is the visible length: #12 started long before the window
   * but shows less of itself than #10 */
  {
    const ContrailTimeInterval early[] = { { -50, 15, 10 }, { -900, 12, 12 } };

    g_array_set_size (out, 0);
    contrail_timeline_lod (&w, 100, early, G_N_ELEMENTS (early), out);
    g_assert_cmpuint (out->len, ==, 1);
    g_assert_cmpuint (g_array_index (out, ContrailTimeInterval, 0).id, ==, 10);
  }

  /* Without #10, #1 is the longest of column 0 */
  g_array_set_size (out, 0);
  contrail_timeline_lod (&w, 100, in, 10, out);
  g_assert_cmpuint (g_array_index (out, ContrailTimeInterval, 0).id, ==, 1);

  /* Zoomed in, everything in view is kept */
  g_array_set_size (out, 0);
  contrail_time_window_set (&w, 0, 10);
  g_assert_cmpuint (contrail_timeline_lod (&w, 1000, in, 3, out), ==, 3);
  g_assert_cmpuint (g_array_index (out, ContrailTimeInterval, 0).id, ==, 0);
  g_assert_cmpuint (g_array_index (out, ContrailTimeInterval, 1).id, ==, 2);
  g_assert_cmpuint (g_array_index (out, ContrailTimeInterval, 2).id, ==, 1);

  /* Nothing, or no width */
  g_array_set_size (out, 0);
  g_assert_cmpuint (contrail_timeline_lod (&w, 0, in, 3, out), ==, 0);
  g_assert_cmpuint (contrail_timeline_lod (&w, 100, in, 0, out), ==, 0);
  g_assert_cmpuint (out->len, ==, 0);
}

/* A million intervals in a thousand columns: at most one per column. */
static void
test_lod_many (void)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  g_autofree ContrailTimeInterval *in = g_new (ContrailTimeInterval, 1000000);
  ContrailTimeWindow w;
  double last_x = -1;

  for (guint i = 0; i < 1000000; i++)
    {
      in[i].start = (gint64)(i * 7919u % 1000000u);
      in[i].end = in[i].start + i % 13;
      in[i].id = i;
    }
  in[123456].end = in[123456].start + 50000;

  contrail_time_window_init (&w, 0, 1000000);
  contrail_timeline_lod (&w, 1000, in, 1000000, out);
  g_assert_cmpuint (out->len, <=, 1000);
  g_assert_cmpuint (out->len, >, 900);
  for (guint i = 0; i < out->len; i++)
    {
      ContrailTimeInterval *iv = &g_array_index (out, ContrailTimeInterval, i);
      double x = contrail_time_window_to_x (&w, iv->start, 1000);

      g_assert_cmpfloat (x, >, last_x);
      last_x = x;
    }

  /* The long one survives and hides the 50 columns under it */
  {
    gboolean found = FALSE;

    for (guint i = 0; i < out->len; i++)
      {
        ContrailTimeInterval *iv = &g_array_index (out, ContrailTimeInterval, i);

        if (iv->id == 123456)
          found = TRUE;
        else
          g_assert_false (iv->start > in[123456].start + 1000 && iv->start < in[123456].end - 1000);
      }
    g_assert_true (found);
  }
}

/* ---- Spans, critical path and gaps ---- */

static void
test_span_interval (void)
{
  const SpanSpec specs[] = {
    { "root", NULL, 0, 100 },
    { "running", "root", 30, NONE },
    { "reversed", "root", 50, 40 },
    { "no-start", "root", NONE, 60 },
    { "late", "root", 150, NONE },
  };
  g_autoptr(ContrailTrace) trace = make_trace (specs, G_N_ELEMENTS (specs));
  ContrailSpanTimeFlags flags;
  gint64 start, end;

  g_assert_true (contrail_timeline_span_interval (contrail_trace_get_span (trace, 0), MS (100),
                                                  &start, &end, &flags));
  g_assert_cmpint (start, ==, MS (0));
  g_assert_cmpint (end, ==, MS (100));
  g_assert_cmpint (flags, ==, 0);

  g_assert_true (contrail_timeline_span_interval (contrail_trace_get_span (trace, 1), MS (100),
                                                  &start, &end, &flags));
  g_assert_cmpint (end, ==, MS (100));
  g_assert_cmpint (flags, ==, CONTRAIL_SPAN_TIME_RUNNING);

  g_assert_true (contrail_timeline_span_interval (contrail_trace_get_span (trace, 2), MS (100),
                                                  &start, &end, &flags));
  g_assert_cmpint (start, ==, MS (50));
  g_assert_cmpint (end, ==, MS (50));
  g_assert_cmpint (flags, ==, CONTRAIL_SPAN_TIME_REVERSED);

  g_assert_false (contrail_timeline_span_interval (contrail_trace_get_span (trace, 3), MS (100),
                                                   &start, &end, &flags));

  /* Running, but "now" is before its start */
  g_assert_true (contrail_timeline_span_interval (contrail_trace_get_span (trace, 4), MS (100),
                                                  &start, &end, &flags));
  g_assert_cmpint (start, ==, MS (150));
  g_assert_cmpint (end, ==, MS (150));
}

static void
test_span_interval_duration_only (void)
{
  static const char json[] =
    "{\"id\":\"t\",\"spans\":[{\"id\":\"a\",\"start_time\":\"2025-01-01T00:00:00Z\","
    "\"duration_ms\":250}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GPtrArray) traces = contrail_import_bytes (bytes, NULL, NULL);
  ContrailSpanTimeFlags flags;
  gint64 start, end;

  g_assert_nonnull (traces);
  g_assert_true (contrail_timeline_span_interval (
    contrail_trace_get_span (g_ptr_array_index (traces, 0), 0), MS (0), &start, &end, &flags));
  g_assert_cmpint (end - start, ==, 250000);
  g_assert_cmpint (flags, ==, 0);
}

static void
test_critical_path_sequential (void)
{
  const SpanSpec specs[] = {
    { "root", NULL, 0, 100 },
    { "a", "root", 10, 40 },
    { "b", "root", 50, 90 },
  };

  assert_critical_path (specs, G_N_ELEMENTS (specs),
                        "root 90-100, b 50-90, root 40-50, a 10-40, root 0-10");
}

static void
test_critical_path_overlapping (void)
{
  /* b ends inside a: a finishes last, and nothing ends before a starts */
  const SpanSpec inside[] = {
    { "root", NULL, 0, 100 },
    { "a", "root", 0, 80 },
    { "b", "root", 20, 60 },
  };
  /* b overlaps a's end: only b, then the root before b */
  const SpanSpec across[] = {
    { "root", NULL, 0, 100 },
    { "a", "root", 0, 60 },
    { "b", "root", 40, 90 },
  };
  /* Three in parallel, the middle one ends before the last one starts */
  const SpanSpec parallel[] = {
    { "root", NULL, 0, 100 },
    { "a", "root", 5, 30 },
    { "b", "root", 10, 50 },
    { "c", "root", 20, 45 },
    { "d", "root", 55, 95 },
  };

  assert_critical_path (inside, G_N_ELEMENTS (inside), "root 80-100, a 0-80");
  assert_critical_path (across, G_N_ELEMENTS (across), "root 90-100, b 40-90, root 0-40");
  assert_critical_path (parallel, G_N_ELEMENTS (parallel),
                        "root 95-100, d 55-95, root 50-55, b 10-50, root 0-10");
}

static void
test_critical_path_nested (void)
{
  const SpanSpec specs[] = {
    { "root", NULL, 0, 100 },
    { "a", "root", 0, 50 },
    { "a1", "a", 10, 45 },
    { "a2", "a", 12, 20 },
    { "b", "root", 60, 100 },
  };

  assert_critical_path (specs, G_N_ELEMENTS (specs),
                        "b 60-100, root 50-60, a 45-50, a1 10-45, a 0-10");
}

static void
test_critical_path_unfinished (void)
{
  /* c never ended: it runs until the trace's end, set here by the root */
  const SpanSpec specs[] = {
    { "root", NULL, 0, 100 },
    { "a", "root", 5, 25 },
    { "c", "root", 30, NONE },
  };
  /* The root never ended either: both run until the latest time seen */
  const SpanSpec both[] = {
    { "root", NULL, 0, NONE },
    { "a", "root", 5, 70 },
    { "c", "root", 30, NONE },
    { "c1", "c", 40, 80 },
  };

  assert_critical_path (specs, G_N_ELEMENTS (specs), "c 30-100, root 25-30, a 5-25, root 0-5");
  assert_critical_path (both, G_N_ELEMENTS (both), "c1 40-80, c 30-40, root 0-30");
}

static void
test_critical_path_outside_parent (void)
{
  /* x lies wholly after its parent: ignored.  y sticks out: clipped. */
  const SpanSpec specs[] = {
    { "root", NULL, 0, 100 },
    { "x", "root", 150, 200 },
    { "y", "root", 80, 130 },
    { "y1", "y", 110, 120 },
    { "z", "root", -20, 10 },
  };

  assert_critical_path (specs, G_N_ELEMENTS (specs), "y 80-100, root 10-80, z 0-10");
}

static void
test_critical_path_roots (void)
{
  /* Two roots: the one that finishes last, then what ended before it began */
  const SpanSpec specs[] = {
    { "r1", NULL, 0, 30 },
    { "r2", NULL, 20, 120 },
    { "r3", NULL, 5, 15 },
    { "nostart", NULL, NONE, 200 },
  };
  /* Reversed and empty spans contribute no sections */
  const SpanSpec reversed[] = {
    { "root", NULL, 0, 100 },
    { "rev", "root", 60, 40 },
  };

  assert_critical_path (specs, G_N_ELEMENTS (specs), "r2 20-120, r3 5-15");
  assert_critical_path (reversed, G_N_ELEMENTS (reversed), "root 60-100, root 0-60");
}

static void
test_critical_path_empty (void)
{
  const SpanSpec none[] = {
    { "a", NULL, NONE, NONE },
  };
  g_autoptr(ContrailTrace) trace = make_trace (none, G_N_ELEMENTS (none));
  g_autoptr(GArray) sections = contrail_timeline_critical_path (trace);

  g_assert_cmpuint (sections->len, ==, 0);
}

/* A chain 50,000 deep, each child ending a little before its parent: the
 * walk visits every span without recursion. */
static void
test_critical_path_deep (void)
{
  const guint depth = 50000;
  g_autofree SpanSpec *specs = g_new0 (SpanSpec, depth);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GArray) sections = NULL;

  for (guint i = 0; i < depth; i++)
    g_ptr_array_add (names, g_strdup_printf ("s%u", i));
  for (guint i = 0; i < depth; i++)
    {
      specs[i].id = g_ptr_array_index (names, i);
      specs[i].parent = i > 0 ? g_ptr_array_index (names, i - 1) : NULL;
      specs[i].start_ms = i * 0.001;
      specs[i].end_ms = 1000 - i * 0.001;
    }

  trace = make_trace (specs, depth);
  sections = contrail_timeline_critical_path (trace);
  /* Each span but the innermost one: its end piece and its start piece */
  g_assert_cmpuint (sections->len, ==, 2 * depth - 1);
  g_assert_cmpstr (span_name (trace, g_array_index (sections, ContrailTimeInterval, 0).id),
                   ==, "s0");
  g_assert_cmpstr (span_name (trace, g_array_index (sections, ContrailTimeInterval,
                                                    depth - 1).id), ==, "s49999");
}

static char *
describe_gaps (GArray *gaps)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < gaps->len; i++)
    {
      ContrailTimeInterval *g = &g_array_index (gaps, ContrailTimeInterval, i);

      g_string_append_printf (str, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              i > 0 ? " " : "", g->start, g->end);
    }

  return g_string_free (str, FALSE);
}

static void
assert_gaps (gint64                      start,
             gint64                      end,
             const ContrailTimeInterval *children,
             guint                       n_children,
             const char                 *expected)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  g_autofree char *described = NULL;
  guint n = contrail_timeline_gaps (start, end, children, n_children, gaps);

  described = describe_gaps (gaps);
  g_assert_cmpuint (n, ==, gaps->len);
  g_assert_cmpstr (described, ==, expected);
}

static void
test_gaps (void)
{
  const ContrailTimeInterval unsorted[] = {
    { 60, 70, 0 }, { 10, 30, 1 }, { 20, 40, 2 }, { 35, 38, 3 },
  };
  const ContrailTimeInterval outside[] = {
    { -10, 5, 0 }, { 95, 200, 1 }, { 300, 400, 2 }, { 50, 40, 3 }, { -30, -20, 4 },
  };
  const ContrailTimeInterval covering[] = {
    { -10, 200, 0 },
  };

  assert_gaps (0, 100, NULL, 0, "0-100");
  assert_gaps (0, 100, unsorted, G_N_ELEMENTS (unsorted), "0-10 40-60 70-100");
  assert_gaps (0, 100, outside, G_N_ELEMENTS (outside), "5-95");
  assert_gaps (0, 100, covering, G_N_ELEMENTS (covering), "");
  assert_gaps (50, 50, unsorted, G_N_ELEMENTS (unsorted), "");
  assert_gaps (50, 40, NULL, 0, "");
}

static void
test_span_gaps (void)
{
  const SpanSpec specs[] = {
    { "root", NULL, 0, 100 },
    { "a", "root", 10, 30 },
    { "b", "root", 20, 50 },
    { "c", "root", 80, NONE },     /* running until 100 */
    { "d", "root", NONE, 90 },     /* no start: covers nothing */
  };
  g_autoptr(ContrailTrace) trace = make_trace (specs, G_N_ELEMENTS (specs));
  g_autoptr(GArray) gaps = contrail_timeline_span_gaps (contrail_trace_get_span (trace, 0), MS (100));
  g_autoptr(GArray) leaf = contrail_timeline_span_gaps (contrail_trace_get_span (trace, 1), MS (100));
  g_autoptr(GArray) none = contrail_timeline_span_gaps (contrail_trace_get_span (trace, 4), MS (100));

  g_assert_cmpuint (gaps->len, ==, 2);
  g_assert_cmpint (g_array_index (gaps, ContrailTimeInterval, 0).start, ==, MS (0));
  g_assert_cmpint (g_array_index (gaps, ContrailTimeInterval, 0).end, ==, MS (10));
  g_assert_cmpint (g_array_index (gaps, ContrailTimeInterval, 1).start, ==, MS (50));
  g_assert_cmpint (g_array_index (gaps, ContrailTimeInterval, 1).end, ==, MS (80));
  g_assert_cmpuint (g_array_index (gaps, ContrailTimeInterval, 1).id, ==, 0);

  /* A leaf is all self time */
  g_assert_cmpuint (leaf->len, ==, 1);
  g_assert_cmpint (g_array_index (leaf, ContrailTimeInterval, 0).end -
                   g_array_index (leaf, ContrailTimeInterval, 0).start, ==, 20000);

  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/timeline-layout/window/mapping", test_window_mapping);
  g_test_add_func ("/contrail/timeline-layout/window/zoom", test_window_zoom);
  g_test_add_func ("/contrail/timeline-layout/window/pan-and-clamp", test_window_pan_and_clamp);
  g_test_add_func ("/contrail/timeline-layout/window/ensure-visible", test_window_ensure_visible);
  g_test_add_func ("/contrail/timeline-layout/ticks/labels", test_tick_labels);
  g_test_add_func ("/contrail/timeline-layout/ticks/choice", test_tick_choice);
  g_test_add_func ("/contrail/timeline-layout/ticks/no-overlap", test_tick_no_overlap);
  g_test_add_func ("/contrail/timeline-layout/lod/buckets", test_lod);
  g_test_add_func ("/contrail/timeline-layout/lod/many", test_lod_many);
  g_test_add_func ("/contrail/timeline-layout/span/interval", test_span_interval);
  g_test_add_func ("/contrail/timeline-layout/span/duration-only", test_span_interval_duration_only);
  g_test_add_func ("/contrail/timeline-layout/critical-path/sequential",
                   test_critical_path_sequential);
  g_test_add_func ("/contrail/timeline-layout/critical-path/overlapping",
                   test_critical_path_overlapping);
  g_test_add_func ("/contrail/timeline-layout/critical-path/nested", test_critical_path_nested);
  g_test_add_func ("/contrail/timeline-layout/critical-path/unfinished",
                   test_critical_path_unfinished);
  g_test_add_func ("/contrail/timeline-layout/critical-path/outside-parent",
                   test_critical_path_outside_parent);
  g_test_add_func ("/contrail/timeline-layout/critical-path/roots", test_critical_path_roots);
  g_test_add_func ("/contrail/timeline-layout/critical-path/empty", test_critical_path_empty);
  g_test_add_func ("/contrail/timeline-layout/critical-path/deep", test_critical_path_deep);
  g_test_add_func ("/contrail/timeline-layout/gaps/intervals", test_gaps);
  g_test_add_func ("/contrail/timeline-layout/gaps/span", test_span_gaps);

  return g_test_run ();
}
