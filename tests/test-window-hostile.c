/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Hostile traces in a real ContrailWindow (issue 9, item 3): a 20 MB output,
 * 10 KB span names with newlines, RTL text, emoji and combining marks,
 * markup in every text field, a 100,000-deep chain, 1,000,000 spans under
 * one root, odd durations and times.  Each trace is generated here (nothing
 * big is committed), imported as a file would be, handed to the window, and
 * its first, deepest and last spans are selected while the tree, timeline
 * and detail pane draw.  A 1 ms timeout at high priority measures the
 * longest main-loop gap from just before the window gets the trace until it
 * has settled; the text must show literally, in labels, inscriptions, text
 * buffers and tooltips.  Needs a display; skips without one.
 *
 * The measured gaps are printed as "# hostile …" lines on stderr (in the
 * meson test log).
 */

#define G_LOG_DOMAIN "test-window-hostile"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "contrail-detail-pane.h"
#include "contrail-import.h"
#include "contrail-span-row.h"
#include "contrail-span-tree.h"
#include "contrail-text-view.h"
#include "contrail-time.h"
#include "contrail-timeline.h"
#include "contrail-window.h"
#include "contrail-window-private.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 60

/* Sanitizers make everything several times slower: the gaps are still
 * measured and printed, but held to a bound this many times looser. */
#if defined(__SANITIZE_ADDRESS__)
# define SLOWDOWN 6.0
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define SLOWDOWN 6.0
# endif
#endif
#ifndef SLOWDOWN
# define SLOWDOWN 1.0
#endif

/* ---- Generating traces ---- */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *key,
               const char *text)
{
  g_string_append_printf (out, ",\"%s\":", key);
  append_json_string (out, text);
}

static GPtrArray *
import_json (GString *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json->str, json->len);
  g_autoptr(GError) error = NULL;
  GPtrArray *traces = contrail_import_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (traces);
  g_assert_cmpuint (traces->len, ==, 1);

  return traces;
}

/* Every hostile kind of text in one piece: markup that must not be parsed,
 * entities, right-to-left scripts and overrides, emoji with joiners and
 * modifiers, combining marks, a newline, a tab. */
static const char hostile_piece[] =
  "<b>bold</b> & <span foreground='red'>red</span> &lt;not&gt; &amp;amp; <i>"
  " שלום עולם · مرحبا بالعالم \u202Eevil\u202C \u2067isolate\u2069"
  " 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 e\u0301 a\u0308\u0323 Z\u0335\u0322\u0361"
  "\n\tnext line ";

/* About @size bytes of hostile text, cut at a piece boundary (valid UTF-8). */
static char *
hostile_text (gsize       size,
              const char *tag)
{
  GString *text = g_string_new (tag);

  while (text->len < size)
    g_string_append (text, hostile_piece);

  g_assert_true (g_utf8_validate (text->str, text->len, NULL));

  return g_string_free (text, FALSE);
}

/* ---- Watching the window ---- */

static gboolean
text_views_idle (GtkWidget *root)
{
  if (CONTRAIL_IS_TEXT_VIEW (root) && contrail_text_view_get_loading (CONTRAIL_TEXT_VIEW (root)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!text_views_idle (child))
        return FALSE;
    }

  return TRUE;
}

static gboolean
settled (gpointer data)
{
  ContrailWindow *window = data;
  ContrailSpanTree *tree = CONTRAIL_SPAN_TREE (_contrail_window_get_span_tree (window));

  return !_contrail_window_get_busy (window) &&
         !contrail_span_tree_get_expanding (tree) &&
         text_views_idle (GTK_WIDGET (window));
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *n_painted)
{
  (*n_painted)++;
}

static void
queue_draw_cb (gpointer widget,
               gpointer user_data)
{
  gtk_widget_queue_draw (widget);
}

typedef struct
{
  guint *n_painted;
  guint  target;
} PaintWait;

static gboolean
painted (gpointer data)
{
  PaintWait *wait = data;

  return *wait->n_painted >= wait->target;
}

/* Makes every widget of the window draw again, @n times, each time waiting
 * until the frame clock has painted. */
static void
draw_frames (ContrailWindow *window,
             guint           n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint n_painted = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &n_painted);

  for (guint i = 0; i < n; i++)
    {
      PaintWait wait = { &n_painted, n_painted + 1 };

      ui_foreach_widget (GTK_WIDGET (window), queue_draw_cb, NULL);
      g_assert_true (ui_wait_for (painted, &wait, WAIT_SECONDS));
    }

  g_signal_handler_disconnect (clock, id);
}

/* Until nothing is left to do: loads, expansion, text views, then frames. */
static void
settle (ContrailWindow *window)
{
  g_assert_true (ui_wait_for (settled, window, WAIT_SECONDS));
  draw_frames (window, 2);
  ui_spin (50);
  g_assert_true (ui_wait_for (settled, window, WAIT_SECONDS));
  draw_frames (window, 1);
}

/* The row of the span tree bound to @span, if it is realised. */
static GtkWidget *
find_span_row (ContrailWindow *window,
               ContrailSpan   *span)
{
  GtkWidget *tree = _contrail_window_get_span_tree (window);
  GtkWidget *list = ui_find_widget (tree, GTK_TYPE_LIST_VIEW, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkTreeListRow *list_row;

      if (!CONTRAIL_IS_SPAN_ROW (row) || !gtk_widget_get_mapped (row))
        continue;

      list_row = contrail_span_row_get_list_row (CONTRAIL_SPAN_ROW (row));
      if (list_row != NULL)
        {
          g_autoptr(ContrailSpan) item = gtk_tree_list_row_get_item (list_row);

          if (item == span)
            return row;
        }
    }

  return NULL;
}

typedef struct
{
  ContrailWindow *window;
  ContrailSpan   *span;
} RowWait;

static gboolean
span_row_shown (gpointer data)
{
  RowWait *wait = data;

  return find_span_row (wait->window, wait->span) != NULL;
}

/* ---- Literal text ---- */

/* GtkTooltip keeps its window private; the text a query put there is read
 * from its label.  GTK 4's struct starts like this (gtktooltip.c); the
 * GTK_IS_WIDGET check below would catch a change. */
typedef struct
{
  GObject    parent_instance;
  GtkWidget *window;
} TooltipPeek;

/* Asks @widget for its keyboard-mode tooltip (the selected span, no pointer
 * needed) and returns what its label would show; NULL when there is none. */
static char *
query_tooltip (GtkWidget *widget,
               gboolean   keyboard_mode,
               int        x,
               int        y)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  GtkWidget *tooltip_window = ((TooltipPeek *)tooltip)->window;
  gboolean shown = FALSE;
  GtkWidget *label;

  g_assert_true (GTK_IS_WIDGET (tooltip_window));
  g_signal_emit_by_name (widget, "query-tooltip", x, y, keyboard_mode, tooltip, &shown);
  if (!shown)
    return NULL;

  label = ui_find_widget (tooltip_window, GTK_TYPE_LABEL, NULL);
  g_assert_nonnull (label);
  /* Data is never markup in a tooltip. */
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));

  return g_strdup (gtk_label_get_label (GTK_LABEL (label)));
}

static GObject *
pane_child (ContrailWindow *window,
            const char     *name)
{
  GObject *object = gtk_widget_get_template_child (_contrail_window_get_detail_pane (window),
                                                   CONTRAIL_TYPE_DETAIL_PANE, name);

  g_assert_nonnull (object);

  return object;
}

/* @shown is @text, or (for a long text) its beginning and "…": as given,
 * nothing parsed or dropped.  (Compared by hand: a failed g_assert_cmpstr
 * would print 10 kB twice.) */
static void
assert_excerpt (const char *shown,
                const char *text)
{
  gsize len;

  g_assert_nonnull (shown);
  if (strcmp (shown, text) == 0)
    return;

  len = strlen (shown);
  if (!g_str_has_suffix (shown, "…") || strncmp (shown, text, len - strlen ("…")) != 0)
    g_error ("Shown “%.80s…” (%zu bytes) is not “%.80s…” (%zu bytes) or its beginning",
             shown, len, text, strlen (text));
  /* Long enough to say what it is */
  g_assert_cmpuint (g_utf8_strlen (shown, -1), >=, 50);
}

static void
assert_label_literal (GtkLabel   *label,
                      const char *text)
{
  g_assert_false (gtk_label_get_use_markup (label));
  assert_excerpt (gtk_label_get_label (label), text);
  g_assert_cmpstr (gtk_label_get_text (label), ==, gtk_label_get_label (label));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* No label anywhere in the window parses data as markup: a label that
 * uses markup must have had @marker escaped (its source would hold the raw
 * text if it had been parsed as formatting). */
static void
check_markup_label (gpointer widget,
                    gpointer user_data)
{
  const char *marker = user_data;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_markup (widget) &&
      strstr (gtk_label_get_label (widget), marker) != NULL)
    g_error ("A markup label got span data unescaped: %.200s", gtk_label_get_label (widget));
}

static ContrailSpan *tree_selected_span (ContrailWindow *window);

/* The selected span is shown literally: the detail pane's name label, and
 * its row in the tree (name and tooltip) and the timeline's tooltip, or
 * those of the ancestor whose row stands in for it. */
static void
assert_span_literal (ContrailWindow *window,
                     ContrailSpan   *span)
{
  ContrailSpan *row_span = tree_selected_span (window) != NULL ? tree_selected_span (window) : span;
  const char *name = contrail_span_get_name (span);
  const char *row_name = contrail_span_get_name (row_span);
  GtkWidget *timeline = ui_find_widget (GTK_WIDGET (window), CONTRAIL_TYPE_TIMELINE, NULL);
  RowWait wait = { window, row_span };
  g_autofree char *row_tip = NULL;
  g_autofree char *timeline_tip = NULL;
  GtkWidget *row;
  GtkWidget *inscription;

  if (name != NULL && name[0] != '\0')
    assert_label_literal (GTK_LABEL (pane_child (window, "name_label")), name);

  if (row_name == NULL || row_name[0] == '\0')
    return;

  g_assert_true (ui_wait_for (span_row_shown, &wait, WAIT_SECONDS));
  row = find_span_row (window, row_span);
  inscription = ui_find_widget (row, GTK_TYPE_INSCRIPTION, "span-name");
  g_assert_nonnull (inscription);
  assert_excerpt (gtk_inscription_get_text (GTK_INSCRIPTION (inscription)), row_name);
  g_assert_null (gtk_inscription_get_attributes (GTK_INSCRIPTION (inscription)));

  /* The row's tooltip: the name, cut at 2000 bytes on a character boundary */
  row_tip = query_tooltip (row, TRUE, 0, 0);
  g_assert_nonnull (row_tip);
  g_assert_true (g_str_has_prefix (row_name, row_tip));
  g_assert_cmpuint (strlen (row_tip), >=, MIN (strlen (row_name), 1990));

  /* The timeline's tooltip starts with the name */
  timeline_tip = query_tooltip (timeline, TRUE, 0, 0);
  g_assert_nonnull (timeline_tip);
  g_assert_true (g_str_has_prefix (timeline_tip, row_name));
}

/* ---- Running a case ---- */

typedef struct
{
  const char *name;
  double      bound_ms;    /* the longest main-loop gap allowed (text: text_bound ()) */
  guint       tries;       /* each selection measured this often, the best counts */
  guint       min_stand_in_depth;  /* 0: the span itself is selected; else an ancestor
                                    * at least this deep may stand in for it */
  gboolean    text;        /* hostile text: bound_ms is text_bound() */
  double      load_ms;     /* measured: handing over the trace until settled */
  double      select_ms[3];
} Case;

static const char plain_trace[] =
  "{\"id\":\"a2f4c0de-0000-4000-8000-000000000001\",\"name\":\"plain\",\"spans\":["
  "{\"id\":\"a\",\"name\":\"agent\",\"type\":\"agent\",\"start_time\":\"2025-11-20T09:14:02Z\","
  " \"end_time\":\"2025-11-20T09:14:05Z\",\"data\":{\"input\":\"{\\\"q\\\": 1}\",\"output\":\"ok\"}},"
  "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"think\",\"type\":\"generation\","
  " \"start_time\":\"2025-11-20T09:14:03Z\",\"duration_ms\":1200,"
  " \"data\":{\"model\":\"gpt\",\"total_tokens\":42,\"input\":\"hello\",\"output\":\"hi\"}},"
  "{\"id\":\"c\",\"parent_id\":\"a\",\"name\":\"tool\",\"start_time\":\"2025-11-20T09:14:04Z\","
  " \"duration_ms\":300,\"error\":\"failed\"}"
  "]}";

static double measure_select_best (ContrailWindow *window,
                                   ContrailSpan   *span,
                                   guint           tries,
                                   const char     *what);

/* What the same window takes for plain text, measured by window_new(): */
static double plain_load_ms;    /* showing a plain trace (not the first) */
static double plain_select_ms;  /* selecting its slowest span (best of three) */

/* The bound for hostile text: the 50 ms plus 25 ms for the noise
 * of a busy machine (meson runs the UI tests in parallel; the detail pane's
 * 20 MB test allows for the same), or what plain text takes in the same
 * window plus 50 ms where that is more (sanitizers).  Measured on a quiet
 * 2-core machine under Xvfb with the cairo renderer: the 10 KB names
 * 25-45 ms (the best of three tries; the first try up to 65 ms), the other
 * cases under 15 ms; a plain span 5-8 ms, a plain trace 10-20 ms.  Before
 * the excerpts, the 10 KB names took 1.2-2.6 s. */
static double
text_bound (double plain_ms)
{
  return MAX (75, plain_ms + 50);
}

/* A window that has already shown a plain trace and each of its spans, so
 * that what is measured afterwards is the hostile trace, not the first use
 * of every widget (building the pane's cards, loading the source view's
 * language and style).  That first use is printed too, and a second plain
 * trace is shown for the baseline. */
static ContrailWindow *
window_new (void)
{
  ContrailWindow *window = g_object_ref (contrail_window_new (NULL));
  g_autoptr(GString) json = g_string_new (plain_trace);
  g_autoptr(GPtrArray) traces = import_json (json);
  g_autoptr(GPtrArray) others = NULL;
  ContrailTrace *trace = g_ptr_array_index (traces, 0);
  UiGapMeter *meter;
  double first;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (settled, window, WAIT_SECONDS));
  draw_frames (window, 2);

  meter = ui_gap_meter_start ();
  contrail_window_add_traces (window, traces);
  settle (window);
  first = ui_gap_meter_stop (meter);

  plain_select_ms = 0;
  for (guint i = 0; i < contrail_trace_get_span_count (trace); i++)
    {
      double gap = measure_select_best (window, contrail_trace_get_span (trace, i), 3,
                                        "plain: selecting a span");

      plain_select_ms = MAX (plain_select_ms, gap);
    }

  g_string_replace (json, "000000000001", "000000000002", 1);
  others = import_json (json);
  meter = ui_gap_meter_start ();
  contrail_window_add_traces (window, others);
  settle (window);
  plain_load_ms = ui_gap_meter_stop (meter);

  g_printerr ("# hostile plain (3 spans): first trace shown, longest gap %.1f ms; another, %.1f ms; "
              "selecting its slowest span, %.1f ms\n", first, plain_load_ms, plain_select_ms);

  return window;
}

static void
window_free (ContrailWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  ui_assert_finalized_soon (window);
}

static ContrailSpan *
deepest_span (ContrailTrace *trace)
{
  guint n = contrail_trace_get_span_count (trace);
  ContrailSpan *deepest = NULL;

  for (guint i = 0; i < n; i++)
    {
      ContrailSpan *span = contrail_trace_get_span (trace, i);

      if (deepest == NULL || contrail_span_get_depth (span) > contrail_span_get_depth (deepest))
        deepest = span;
    }

  return deepest;
}

static double
measure_select (ContrailWindow *window,
                ContrailSpan   *span)
{
  UiGapMeter *meter = ui_gap_meter_start ();

  g_object_set (window, "selected-span", span, NULL);
  settle (window);

  return ui_gap_meter_stop (meter);
}

static ContrailSpan *
tree_selected_span (ContrailWindow *window)
{
  return contrail_span_tree_get_selected_span (CONTRAIL_SPAN_TREE (_contrail_window_get_span_tree (window)));
}

static gboolean
is_ancestor (ContrailSpan *ancestor,
             ContrailSpan *span)
{
  for (ContrailSpan *s = span; s != NULL; s = contrail_span_get_parent (s))
    {
      if (s == ancestor)
        return TRUE;
    }

  return FALSE;
}

/* Selecting @span, @tries times (from the trace's overview each time): the
 * best of the tries, since the machine's own noise under Xvfb reaches tens
 * of milliseconds.  Each try is printed.  One try where doing it again
 * would measure less (rows that stay expanded). */
static double
measure_select_best (ContrailWindow *window,
                     ContrailSpan   *span,
                     guint           tries,
                     const char     *what)
{
  g_autoptr(GString) each = g_string_new (NULL);
  double best = G_MAXDOUBLE;

  for (guint t = 0; t < MAX (tries, 1); t++)
    {
      double gap;

      if (t > 0)
        {
          g_object_set (window, "selected-span", NULL, NULL);
          settle (window);
        }
      gap = measure_select (window, span);
      g_string_append_printf (each, "%s%.1f", t > 0 ? ", " : "", gap);
      best = MIN (best, gap);
    }

  g_printerr ("# hostile %s (depth %u): longest gap %s ms\n",
              what, contrail_span_get_depth (span), each->str);

  /* The window has the span; the tree its row, or (far down a chain) the
   * row of an ancestor standing in for it */
  g_assert_true (contrail_window_get_selected_span (window) == span);
  if (tree_selected_span (window) != span)
    {
      ContrailSpan *selected = tree_selected_span (window);

      g_assert_nonnull (selected);
      g_assert_true (is_ancestor (selected, span));
      g_printerr ("# hostile %s: the tree shows its ancestor at depth %u\n",
                  what, contrail_span_get_depth (selected));
    }

  return best;
}

/* Hands @traces to the window, then selects the first, deepest and last
 * spans, each time until everything has drawn; checks that each is shown
 * literally (@check_text) and that no gap exceeded the case's bound. */
static void
run_case (ContrailWindow *window,
          GPtrArray      *traces,
          Case           *c,
          gboolean        check_text)
{
  static const char *which[] = { "first", "deepest", "last" };
  ContrailTrace *trace = g_ptr_array_index (traces, 0);
  guint n = contrail_trace_get_span_count (trace);
  ContrailSpan *spans[3];
  UiGapMeter *meter;
  gint64 start, handed_over;
  double load_bound, select_bound;

  spans[0] = contrail_trace_get_root (trace, 0);
  spans[1] = deepest_span (trace);
  spans[2] = contrail_trace_get_span (trace, n - 1);

  start = g_get_monotonic_time ();
  meter = ui_gap_meter_start ();
  contrail_window_add_traces (window, traces);
  handed_over = g_get_monotonic_time ();
  settle (window);
  c->load_ms = ui_gap_meter_stop (meter);
  g_printerr ("# hostile %s: %u spans shown in %.0f ms (the call itself %.0f ms), "
              "longest gap %.1f ms\n",
              c->name, n, (g_get_monotonic_time () - start) / 1000.0,
              (handed_over - start) / 1000.0, c->load_ms);
  g_assert_cmpstr (_contrail_window_get_page (window), ==, "trace");

  if (c->text)
    {
      load_bound = text_bound (plain_load_ms) * SLOWDOWN;
      select_bound = text_bound (plain_select_ms) * SLOWDOWN;
    }
  else
    {
      load_bound = select_bound = c->bound_ms * SLOWDOWN;
    }

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      g_autofree char *what = g_strdup_printf ("%s: selecting the %s span", c->name, which[i]);

      c->select_ms[i] = measure_select_best (window, spans[i], c->tries, what);
      if (c->min_stand_in_depth == 0)
        g_assert_true (tree_selected_span (window) == spans[i]);
      else
        g_assert_cmpuint (contrail_span_get_depth (tree_selected_span (window)), >=,
                          MIN (contrail_span_get_depth (spans[i]), c->min_stand_in_depth));

      if (check_text)
        assert_span_literal (window, spans[i]);
    }

  g_printerr ("# hostile %s: showing it %.1f ms (bound %.0f ms), selecting %.1f, %.1f, %.1f ms "
              "(bound %.0f ms)\n",
              c->name, c->load_ms, load_bound, c->select_ms[0], c->select_ms[1], c->select_ms[2],
              select_bound);
  g_assert_cmpfloat (c->load_ms, <=, load_bound);
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    g_assert_cmpfloat (c->select_ms[i], <=, select_bound);
}

/* ---- 20 MB output ---- */

static void
run_big_output_test (void)
{
  g_autoptr(GString) json = g_string_sized_new (22 * 1024 * 1024);
  g_autoptr(GPtrArray) traces = NULL;
  g_autofree char *shown = NULL;
  ContrailWindow *window;
  ContrailTextView *output;
  ContrailSpan *big;
  gsize start;
  /* The frame that lays out and paints the pane's new content is the
   * largest piece (the field is decoded, detected and formatted in a
   * worker; the buffer gets 256 kB, a slice per frame). */
  Case c = { "20 MB output", 50, 3, 0, TRUE };

  g_string_append (json, "{\"id\":\"a2f4c0de-0000-4000-8000-000000000020\",\"name\":\"big\","
                         "\"spans\":[{\"id\":\"root\",\"name\":\"root\","
                         "\"start_time\":\"2025-11-20T09:00:00Z\","
                         "\"end_time\":\"2025-11-20T09:00:09Z\"},"
                         "{\"id\":\"big\",\"parent_id\":\"root\",\"name\":\"big output\","
                         "\"type\":\"generation\",\"start_time\":\"2025-11-20T09:00:01Z\","
                         "\"end_time\":\"2025-11-20T09:00:05Z\",\"data\":{\"output\":\"");
  start = json->len;
  /* Plain text with markup in it, in lines of about 100 bytes */
  for (guint i = 0; json->len - start < 20 * 1024 * 1024; i++)
    g_string_append_printf (json, "line %08u: <b>not bold</b> & <span foreground='red'>not red"
                                  "</span> &lt;as is&gt; \\u00e9t\\u00e9 👍\\n", i);
  g_string_append (json, "\"}}]}");

  traces = import_json (json);
  g_string_truncate (json, 0);
  big = contrail_trace_get_span (g_ptr_array_index (traces, 0), 1);
  g_assert_cmpuint (contrail_span_get_output_size (big), >=, 20 * 1024 * 1024);

  window = window_new ();
  run_case (window, traces, &c, TRUE);

  /* The big one (also the deepest and last), from another span; shown
   * capped and literally */
  g_object_set (window, "selected-span", contrail_trace_get_root (g_ptr_array_index (traces, 0), 0),
                NULL);
  settle (window);
  c.select_ms[0] = measure_select_best (window, big, c.tries, "20 MB output: the 20 MB span again");
  g_assert_cmpfloat (c.select_ms[0], <=, text_bound (plain_select_ms) * SLOWDOWN);

  output = CONTRAIL_TEXT_VIEW (pane_child (window, "output_view"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (output)));
  g_assert_true (contrail_text_view_get_capped (output));
  shown = buffer_text (contrail_text_view_get_buffer (output));
  g_assert_true (g_str_has_prefix (shown, "line 00000000: <b>not bold</b> & <span foreground='red'>"
                                          "not red</span> &lt;as is&gt; été 👍\nline 00000001: "));
  g_assert_cmpuint (strlen (shown), <=, CONTRAIL_TEXT_VIEW_PREVIEW_SIZE + 4096);

  window_free (window);
}

static void
test_hostile_big_output (void)
{
  ui_test_run_subprocess (run_big_output_test, 300);
}

/* ---- 10 KB names: newlines, RTL, emoji, combining marks ---- */

static void
run_long_names_test (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) traces = NULL;
  g_autofree char *trace_name = hostile_text (10 * 1024, "trace ");
  ContrailWindow *window;
  ContrailTrace *trace;
  Case c = { "10 KB names", 50, 3, 0, TRUE };

  g_string_append (json, "{\"id\":\"a2f4c0de-0000-4000-8000-000000000010\"");
  append_member (json, "name", trace_name);
  g_string_append (json, ",\"spans\":[");
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *tag = g_strdup_printf ("span %u ", i);
      g_autofree char *name = hostile_text (10 * 1024, tag);
      g_autofree char *time = g_strdup_printf ("2025-11-20T09:00:%02u.5Z", i);

      g_string_append_printf (json, "%s{\"id\":\"s%u\"", i > 0 ? "," : "", i);
      if (i > 0)
        g_string_append_printf (json, ",\"parent_id\":\"s%u\"", i < 20 ? i - 1 : 0);
      append_member (json, "name", name);
      append_member (json, "type", name);
      append_member (json, "start_time", time);
      g_string_append_printf (json, ",\"duration_ms\":%u", 60000 - i * 1000);
      append_member (json, "error", name);
      g_string_append (json, ",\"data\":{");
      g_string_append (json, "\"model\":");
      append_json_string (json, name);
      append_member (json, "input", name);
      append_member (json, "output", name);
      g_string_append (json, "}}");
    }
  /* Long names whose 447th byte is inside a character (a cut by bytes
   * there is not UTF-8) */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GString) name = g_string_new (i == 0 ? "xy" : "a");

      for (guint j = 0; j < 400; j++)
        g_string_append (name, i == 0 ? "é" : "👍");
      g_string_append_printf (json, ",{\"id\":\"cut%u\",\"parent_id\":\"s0\"", i);
      append_member (json, "name", name->str);
      g_string_append (json, ",\"start_time\":\"2025-11-20T09:00:00Z\",\"duration_ms\":50000}");
    }
  g_string_append (json, "]}");

  traces = import_json (json);
  trace = g_ptr_array_index (traces, 0);

  window = window_new ();
  run_case (window, traces, &c, TRUE);

  /* The summary bar and the window title */
  ui_foreach_widget (GTK_WIDGET (window), check_markup_label, (gpointer)"<b>bold</b>");
  {
    const char *title = gtk_window_get_title (GTK_WINDOW (window));
    g_autofree char *name = NULL;

    g_assert_true (g_str_has_suffix (title, " — Contrail"));
    name = g_strndup (title, strlen (title) - strlen (" — Contrail"));
    assert_excerpt (name, trace_name);
  }
  g_assert_cmpstr (contrail_trace_get_name (trace), ==, trace_name);

  window_free (window);
}

static void
test_hostile_long_names (void)
{
  ui_test_run_subprocess (run_long_names_test, 300);
}

/* ---- Markup in every text field ---- */

static const char *markup_texts[] = {
  "<b>bold</b>",
  "a & b",
  "<span foreground='red'>red</span>",
  "&lt;entity&gt; &amp; &#60;",
  "<i>unclosed",
  "</b> close only",
  "<markup>&nbsp;</markup>",
  "<a href=\"https://example.com\">link</a>",
};

typedef struct
{
  const char *text;
  gboolean    found;
} Literal;

static void
find_literal_cb (gpointer widget,
                 gpointer user_data)
{
  Literal *literal = user_data;

  if (GTK_IS_LABEL (widget) && !gtk_label_get_use_markup (widget) &&
      g_strcmp0 (gtk_label_get_label (widget), literal->text) == 0)
    literal->found = TRUE;
  else if (GTK_IS_INSCRIPTION (widget) &&
           g_strcmp0 (gtk_inscription_get_text (widget), literal->text) == 0)
    literal->found = TRUE;
}

static gboolean
window_shows (ContrailWindow *window,
              const char     *text)
{
  Literal literal = { text, FALSE };

  ui_foreach_widget (GTK_WIDGET (window), find_literal_cb, &literal);

  return literal.found;
}

static void
run_markup_test (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) traces = NULL;
  ContrailWindow *window;
  ContrailTrace *trace;
  Case c = { "markup", 50, 3, 0, TRUE };

  g_string_append (json, "{\"id\":\"a2f4c0de-0000-4000-8000-00000000000a\"");
  append_member (json, "name", "<b>trace</b> & <span foreground='red'>co</span>");
  append_member (json, "status", "<i>ok</i> &amp;");
  append_member (json, "start_time", "2025-11-20T09:00:00Z");
  append_member (json, "input", "<b>trace input</b> &");
  append_member (json, "output", "<b>trace output</b> &");
  g_string_append (json, ",\"spans\":[");
  for (guint i = 0; i < G_N_ELEMENTS (markup_texts); i++)
    {
      const char *t = markup_texts[i];
      g_autofree char *time = g_strdup_printf ("2025-11-20T09:00:%02u.5Z", i);
      g_autofree char *id = g_strdup_printf ("<b>id %u</b>&", i);
      g_autofree char *parent = g_strdup_printf ("<b>id %u</b>&", i - 1);

      g_string_append (json, i > 0 ? ",{" : "{");
      g_string_append (json, "\"id\":");
      append_json_string (json, id);
      if (i > 0)
        append_member (json, "parent_id", parent);
      append_member (json, "name", t);
      append_member (json, "type", t);
      append_member (json, "start_time", time);
      g_string_append (json, ",\"duration_ms\":1500");
      append_member (json, "error", t);
      g_string_append (json, ",\"meta\":{\"<b>key</b>\":");
      append_json_string (json, t);
      g_string_append (json, "},\"data\":{\"model\":");
      append_json_string (json, t);
      append_member (json, "input", t);
      append_member (json, "output", t);
      append_member (json, "instructions", t);
      append_member (json, "function", t);
      append_member (json, "generation_id", t);
      append_member (json, "observations", t);
      g_string_append (json, ",\"total_tokens\":12,\"tags\":[");
      append_json_string (json, t);
      g_string_append (json, "]}");
      g_string_append (json, ",\"metrics\":[{\"id\":\"m\",\"dimension\":");
      append_json_string (json, t);
      append_member (json, "comment", t);
      g_string_append (json, ",\"value\":0.5}]}");
    }
  g_string_append (json, "]}");

  traces = import_json (json);
  trace = g_ptr_array_index (traces, 0);

  window = window_new ();
  run_case (window, traces, &c, TRUE);

  /* Every span: its texts shown as given wherever they appear */
  for (guint i = 0; i < contrail_trace_get_span_count (trace); i++)
    {
      ContrailSpan *span = contrail_trace_get_span (trace, i);
      const char *t = contrail_span_get_name (span);
      g_autofree char *input = NULL;
      g_autofree char *output = NULL;

      g_object_set (window, "selected-span", span, NULL);
      settle (window);
      assert_span_literal (window, span);

      g_assert_true (window_shows (window, t));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pane_child (window, "error_label"))), ==, t);
      g_assert_false (gtk_label_get_use_markup (GTK_LABEL (pane_child (window, "error_label"))));
      input = buffer_text (contrail_text_view_get_buffer (CONTRAIL_TEXT_VIEW (pane_child (window,
                                                                                         "input_view"))));
      g_assert_cmpstr (input, ==, t);
      output = buffer_text (contrail_text_view_get_buffer (CONTRAIL_TEXT_VIEW (pane_child (window,
                                                                                          "output_view"))));
      g_assert_cmpstr (output, ==, t);

      ui_foreach_widget (GTK_WIDGET (window), check_markup_label, (gpointer)"<b>bold</b>");
      ui_foreach_widget (GTK_WIDGET (window), check_markup_label,
                         (gpointer)"<span foreground='red'>");
    }

  /* The trace itself: name in the summary bar and the pane */
  g_object_set (window, "selected-span", NULL, NULL);
  settle (window);
  g_assert_true (window_shows (window, "<b>trace</b> & <span foreground='red'>co</span>"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "<b>trace</b> & <span foreground='red'>co</span> — Contrail");
  ui_foreach_widget (GTK_WIDGET (window), check_markup_label, (gpointer)"<b>trace</b>");

  window_free (window);
}

static void
test_hostile_markup (void)
{
  ui_test_run_subprocess (run_markup_test, 300);
}

/* ---- A 100,000-deep chain ---- */

#define CHAIN_DEPTH chain_depth ()

/* CONTRAIL_TEST_CHAIN_DEPTH: try another depth (when measuring). */
static guint
chain_depth (void)
{
  const char *env = g_getenv ("CONTRAIL_TEST_CHAIN_DEPTH");

  return env != NULL ? (guint)g_ascii_strtoull (env, NULL, 10) : 100000;
}

static void
run_deep_test (void)
{
  g_autoptr(GString) json = g_string_sized_new (CHAIN_DEPTH * 120);
  g_autoptr(GPtrArray) traces = NULL;
  ContrailWindow *window;
  ContrailTrace *trace;
  /* Revealing a span n levels down costs GtkTreeListModel n² (each
   * expansion walks up all levels): the tree reveals about 770 levels and
   * selects the deepest row it reached, an ancestor standing in for the
   * span (the window and the detail pane keep the span itself).  That
   * selection expands the ~30 rows on screen one by one, the list view
   * updating its rows each time, then scrolls 770 rows down: 75-120 ms
   * measured here (minutes before the budget), held to 250 ms.  Loading and
   * the other selections are held to 50 ms below. */
  Case c = { "100,000-deep chain", 250, 1, 500 };

  g_string_append (json, "{\"id\":\"a2f4c0de-0000-4000-8000-0000000000dd\",\"name\":\"deep\","
                         "\"spans\":[");
  for (guint i = 0; i < CHAIN_DEPTH; i++)
    {
      g_string_append_printf (json, "%s{\"id\":\"d%u\",\"name\":\"depth %u\","
                                    "\"start_time\":\"2025-11-20T09:00:00.%06uZ\","
                                    "\"duration_ms\":%u",
                              i > 0 ? "," : "", i, i, i, (CHAIN_DEPTH - i) / 1000 + 1);
      if (i > 0)
        g_string_append_printf (json, ",\"parent_id\":\"d%u\"", i - 1);
      g_string_append_c (json, '}');
    }
  /* The last span in input order: a second child of the root */
  g_string_append (json, ",{\"id\":\"tail\",\"parent_id\":\"d0\",\"name\":\"tail\","
                         "\"start_time\":\"2025-11-20T09:00:00.9Z\",\"duration_ms\":5}]}");

  traces = import_json (json);
  trace = g_ptr_array_index (traces, 0);
  g_assert_cmpuint (contrail_trace_get_max_depth (trace), >=, CHAIN_DEPTH - 1);

  window = window_new ();
  run_case (window, traces, &c, TRUE);

  /* Only revealing the deepest span may take longer than the others */
  g_assert_cmpfloat (c.load_ms, <=, text_bound (plain_load_ms) * SLOWDOWN);
  g_assert_cmpfloat (c.select_ms[0], <=, text_bound (plain_select_ms) * SLOWDOWN);
  g_assert_cmpfloat (c.select_ms[2], <=, text_bound (plain_select_ms) * SLOWDOWN);

  window_free (window);
}

static void
test_hostile_deep (void)
{
  ui_test_run_subprocess (run_deep_test, 300);
}

/* ---- 1,000,000 spans under one root ---- */

#define N_FLAT 1000000

/* Resident memory, from /proc (kB; 0 where there is none). */
static gsize
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;
  gsize kb = 0;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  if ((line = strstr (status, field)) != NULL)
    sscanf (line + strlen (field), " %zu", &kb);

  return kb;
}

static void
run_million_test (void)
{
  g_autoptr(GString) json = g_string_sized_new (N_FLAT * 110);
  g_autoptr(GPtrArray) traces = NULL;
  ContrailWindow *window;
  gsize rss_start, rss_model, rss_shown;
  gint64 start;
  /* Building the view models for a million rows happens once, when the
   * trace is handed over, in one main-loop iteration: the span tree's
   * GtkTreeListModel expands the root's million children at once (about
   * two thirds) and the timeline fills its per-span arrays (a third).
   * Measured 2.0-3.4 s here; held to 7 s.  After it, selecting and
   * drawing are held to the bound for plain work (text_bound ()), but for
   * the first selection of the root: the detail pane's tokens "with
   * children" walk its million children once (remembered after), about
   * 100 ms; held to 250 ms. */
  Case c = { "1,000,000 spans", 7000, 1 };

  window = window_new ();
  rss_start = read_status_kb ("VmRSS:");

  start = g_get_monotonic_time ();
  g_string_append (json, "{\"id\":\"a2f4c0de-0000-4000-8000-000000100000\",\"name\":\"million\","
                         "\"spans\":[{\"id\":\"root\",\"name\":\"root\","
                         "\"start_time\":\"2025-11-20T09:00:00Z\","
                         "\"end_time\":\"2025-11-20T10:00:00Z\"}");
  for (guint i = 1; i < N_FLAT; i++)
    g_string_append_printf (json, ",{\"id\":\"s%u\",\"parent_id\":\"root\",\"name\":\"span %u\","
                                  "\"start_time\":\"2025-11-20T09:%02u:%02u.%03uZ\","
                                  "\"duration_ms\":%u}",
                            i, i, (i / 60000) % 60, (i / 1000) % 60, i % 1000, 1 + i % 997);
  g_string_append (json, "]}");
  traces = import_json (json);
  g_string_free (g_steal_pointer (&json), TRUE);
  rss_model = read_status_kb ("VmRSS:");
  g_printerr ("# hostile %s: generated and imported in %.1f s; the model takes %.0f MB "
              "(resident %.0f -> %.0f MB)\n",
              c.name, (g_get_monotonic_time () - start) / 1e6,
              ((double)rss_model - rss_start) / 1024, rss_start / 1024.0, rss_model / 1024.0);
  g_assert_cmpuint (contrail_trace_get_span_count (g_ptr_array_index (traces, 0)), ==, N_FLAT);

  run_case (window, traces, &c, FALSE);
  rss_shown = read_status_kb ("VmRSS:");
  g_printerr ("# hostile %s: shown, the window adds %.0f MB (resident %.0f MB, peak %.0f MB)\n",
              c.name, ((double)rss_shown - rss_model) / 1024, rss_shown / 1024.0,
              read_status_kb ("VmHWM:") / 1024.0);

  g_assert_cmpfloat (c.select_ms[0], <=, 250 * SLOWDOWN);
  for (guint i = 1; i < G_N_ELEMENTS (c.select_ms); i++)
    g_assert_cmpfloat (c.select_ms[i], <=, text_bound (plain_select_ms) * SLOWDOWN);

  /* Sane memory: under 1.5 kB a span for the model and the view together
   * (the JSON text, freed above, is not counted). */
  g_assert_cmpfloat ((double)rss_shown - rss_start, <, 1.5 * N_FLAT * SLOWDOWN);

  /* The first and last rows are shown literally */
  assert_span_literal (window, contrail_trace_get_span (g_ptr_array_index (traces, 0), N_FLAT - 1));

  g_clear_pointer (&traces, g_ptr_array_unref);
  window_free (window);
}

static void
test_hostile_million (void)
{
  ui_test_run_subprocess (run_million_test, 600);
}

/* ---- Odd durations and times ---- */

static const char odd_spans[] =
  "{\"id\":\"root\",\"name\":\"root\",\"start_time\":\"2025-11-20T09:00:00Z\","
  " \"end_time\":\"2025-11-20T09:00:10Z\"},"
  "{\"id\":\"neg\",\"parent_id\":\"root\",\"name\":\"duration -5\","
  " \"start_time\":\"2025-11-20T09:00:01Z\",\"duration_ms\":-5},"
  "{\"id\":\"neg-zero\",\"parent_id\":\"root\",\"name\":\"duration -0\",\"duration_ms\":-0.0},"
  "{\"id\":\"huge\",\"parent_id\":\"root\",\"name\":\"duration 1e308\","
  " \"start_time\":\"2025-11-20T09:00:02Z\",\"duration_ms\":1e308},"
  "{\"id\":\"overflow\",\"parent_id\":\"root\",\"name\":\"duration 1e999\","
  " \"start_time\":\"2025-11-20T09:00:02Z\",\"duration_ms\":1e999},"
  "{\"id\":\"neg-huge\",\"parent_id\":\"root\",\"name\":\"duration -1e308\","
  " \"start_time\":\"2025-11-20T09:00:02Z\",\"duration_ms\":-1e308},"
  "{\"id\":\"nan\",\"parent_id\":\"root\",\"name\":\"duration NaN\","
  " \"start_time\":\"2025-11-20T09:00:03Z\",\"duration_ms\":\"NaN\"},"
  "{\"id\":\"inf\",\"parent_id\":\"root\",\"name\":\"duration Infinity\","
  " \"start_time\":\"2025-11-20T09:00:03Z\",\"duration_ms\":\"Infinity\"},"
  "{\"id\":\"reversed\",\"parent_id\":\"root\",\"name\":\"end before start\","
  " \"start_time\":\"2025-11-20T09:00:05Z\",\"end_time\":\"2025-11-20T09:00:04Z\"},"
  "{\"id\":\"year1\",\"parent_id\":\"root\",\"name\":\"year 1\","
  " \"start_time\":\"0001-01-01T00:00:00Z\",\"end_time\":\"0001-01-01T00:00:01Z\"},"
  "{\"id\":\"year9999\",\"parent_id\":\"root\",\"name\":\"year 9999\","
  " \"start_time\":\"9999-12-31T23:59:58Z\",\"end_time\":\"9999-12-31T23:59:59.999999Z\"},"
  "{\"id\":\"span-years\",\"parent_id\":\"root\",\"name\":\"year 1 to year 9999\","
  " \"start_time\":\"0001-01-01T00:00:00Z\",\"end_time\":\"9999-12-31T23:59:59Z\"},"
  "{\"id\":\"no-times\",\"parent_id\":\"root\",\"name\":\"no times at all\"},"
  "{\"id\":\"only-end\",\"parent_id\":\"root\",\"name\":\"only an end\","
  " \"end_time\":\"2025-11-20T09:00:06Z\"},"
  "{\"id\":\"null-times\",\"parent_id\":\"root\",\"name\":\"null times\","
  " \"start_time\":null,\"end_time\":null,\"duration_ms\":null},"
  "{\"id\":\"child-of-odd\",\"parent_id\":\"year9999\",\"name\":\"below year 9999\","
  " \"start_time\":\"2025-11-20T09:00:07Z\",\"duration_ms\":1e308}";

static void
run_odd_times_test (void)
{
  static const char *docs[] = {
    NULL,   /* odd_spans, below */
    /* Nothing has a time: the timeline has no bounds at all */
    "{\"id\":\"a2f4c0de-0000-4000-8000-0000000000a2\",\"name\":\"no times\",\"spans\":["
    "{\"id\":\"a\",\"name\":\"no time a\"},{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"no time b\","
    "\"duration_ms\":-5},{\"id\":\"c\",\"parent_id\":\"b\",\"name\":\"no time c\","
    "\"duration_ms\":1e308}]}",
    /* Only the two ends of time */
    "{\"id\":\"a2f4c0de-0000-4000-8000-0000000000a3\",\"name\":\"ends of time\","
    "\"start_time\":\"0001-01-01T00:00:00Z\",\"end_time\":\"9999-12-31T23:59:59Z\",\"spans\":["
    "{\"id\":\"a\",\"name\":\"year 1\",\"start_time\":\"0001-01-01T00:00:00Z\",\"duration_ms\":1},"
    "{\"id\":\"b\",\"parent_id\":\"a\",\"name\":\"year 9999\","
    "\"start_time\":\"9999-12-31T23:59:59Z\",\"duration_ms\":-1e308}]}",
  };
  ContrailWindow *window = window_new ();
  GtkWidget *timeline = ui_find_widget (GTK_WIDGET (window), CONTRAIL_TYPE_TIMELINE, NULL);

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(GPtrArray) traces = NULL;
      ContrailTrace *trace;
      Case c = { NULL, 50, 3, 0, TRUE };
      g_autofree char *name = g_strdup_printf ("odd times %u", d + 1);

      c.name = name;
      if (docs[d] != NULL)
        g_string_assign (json, docs[d]);
      else
        g_string_append_printf (json, "{\"id\":\"a2f4c0de-0000-4000-8000-0000000000a1\","
                                      "\"name\":\"odd times\",\"spans\":[%s]}", odd_spans);
      traces = import_json (json);
      trace = g_ptr_array_index (traces, 0);

      run_case (window, traces, &c, TRUE);

      /* Every span: selected, drawn, zoomed to, described */
      for (guint i = 0; i < contrail_trace_get_span_count (trace); i++)
        {
          ContrailSpan *span = contrail_trace_get_span (trace, i);
          double gap = measure_select_best (window, span, 1, contrail_span_get_name (span));
          g_autofree char *tip = NULL;
          double duration = 0;

          g_assert_cmpfloat (gap, <=, text_bound (plain_select_ms) * SLOWDOWN);
          assert_span_literal (window, span);
          if (contrail_span_get_duration_ms (span, &duration))
            g_assert_true (isfinite (duration));

          /* Zoom to the span (z), in and out, and draw */
          gtk_widget_activate_action (timeline, "timeline.zoom-to-span", NULL);
          gtk_widget_activate_action (timeline, "timeline.zoom-in", NULL);
          gtk_widget_activate_action (timeline, "timeline.zoom-out", NULL);
          draw_frames (window, 1);
          tip = query_tooltip (timeline, TRUE, 0, 0);
          g_assert_nonnull (tip);
          gtk_widget_activate_action (timeline, "timeline.zoom-fit", NULL);
        }
    }

  window_free (window);
}

static void
test_hostile_odd_times (void)
{
  ui_test_run_subprocess (run_odd_times_test, 300);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/contrail/window-hostile/big-output", test_hostile_big_output);
  g_test_add_func ("/contrail/window-hostile/long-names", test_hostile_long_names);
  g_test_add_func ("/contrail/window-hostile/markup", test_hostile_markup);
  g_test_add_func ("/contrail/window-hostile/deep", test_hostile_deep);
  g_test_add_func ("/contrail/window-hostile/million", test_hostile_million);
  g_test_add_func ("/contrail/window-hostile/odd-times", test_hostile_odd_times);

  return g_test_run ();
}
