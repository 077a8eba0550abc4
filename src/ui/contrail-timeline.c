/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTimeline: one bar per row of the span tree, a time ruler and an
 * overview strip of the whole trace.
 *
 * Geometry is model state: the x axis is a time window (contrail-timeline-
 * layout.h) that zoom and pan change; rows come from the tree's selection
 * model and scroll with its vertical adjustment.  Everything the snapshot
 * reads lives in flat arrays built once per trace (spans) and kept in step
 * with the model (rows).  The ruler, grid and bars of the visible rows are
 * cached as one render node, the overview as another; hover, selection and
 * the range being dragged are drawn on top every frame.
 *
 * Find in trace: a search result becomes a flag per span (SPAN_MATCH) and
 * the matches' intervals in pre-order, built once when the result is set;
 * the snapshot reads those, never the result.  Matches get a ring, the other
 * bars are dimmed, and the overview shows where the matches are.
 */
#define G_LOG_DOMAIN "contrail-timeline"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "contrail-format.h"
#include "contrail-time.h"
#include "contrail-timeline.h"
#include "contrail-timeline-layout.h"
#include "contrail-timeline-private.h"
#include "contrail-trace-search.h"

#define NO_ROW           G_MAXUINT
#define NO_SPAN          G_MAXUINT
#define RULER_HEIGHT     22
#define OVERVIEW_HEIGHT  40
#define MIN_OVERVIEW     14
#define LABEL_PAD        5
#define MIN_LABEL_BAR    40
#define ZOOM_STEP        1.5
#define WHEEL_ZOOM_BASE  1.15
#define FADE_WIDTH       48.0
#define LABEL_CACHE_MAX  512

typedef enum
{
  SPAN_HAS_BAR     = 1 << 0,
  SPAN_RUNNING     = 1 << 1,
  SPAN_REVERSED    = 1 << 2,
  SPAN_ERROR       = 1 << 3,
  SPAN_CRITICAL    = 1 << 4,
  SPAN_ANCESTOR    = 1 << 5,
  SPAN_MATCH       = 1 << 6,   /* find in trace */
} SpanFlags;

/* One span, as the snapshot needs it; indexed by contrail_span_get_index(). */
typedef struct
{
  gint64      start;
  gint64      end;
  const char *name;        /* borrowed from the trace */
  guint       parent;      /* NO_SPAN for a root */
  guint       pre;         /* position in pre-order */
  guint       n_desc;
  guint8      kind;
  guint8      flags;
} SpanInfo;

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_RANGE,
  DRAG_OVERVIEW,
} DragMode;

typedef enum
{
  COLOR_FG,
  COLOR_ACCENT,
  COLOR_ACCENT_BG,
  COLOR_ERROR,
  COLOR_ERROR_FG,
  COLOR_MATCH,
  N_COLORS
} ColorId;

struct _ContrailTimeline
{
  GtkWidget             parent_instance;

  /* Owned */
  ContrailTrace        *trace;
  GtkSingleSelection   *model;
  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  GskRenderNode        *bars_node;
  GskRenderNode        *overview_node;
  SpanInfo             *spans;
  ContrailTimeInterval *preorder;      /* id = span index; no bar: start > end */
  GArray               *rows;          /* guint span index per model row */
  guint                *critical_offset; /* CSR by span index, n_spans + 1 */
  ContrailTimeInterval *critical;
  guint                *gap_offset;    /* CSR by span index, n_spans + 1 */
  ContrailTimeInterval *gaps;
  GArray               *ticks;
  GArray               *lod;
  GHashTable           *label_widths;
  PangoLayout          *measure_layout;
  ContrailSearchResult *search_result;  /* NULL: no search, nothing dimmed */
  ContrailTimeInterval *matches;        /* the matches' bars, in pre-order */
  guint                 n_matches;

  guint                 n_spans;
  gint64                origin;        /* the trace's start: offsets are from here */
  gint64                now;           /* the trace's end: running spans fade to it */
  gboolean              has_bounds;
  ContrailTimeWindow    window;

  int                   row_height;
  guint                 selected_span;
  guint                 hover_row;
  gboolean              hover_on_bar;

  GdkRGBA               colors[N_COLORS];
  GdkRGBA               kind_colors[4];
  GdkRGBA               kind_text[4];
  GdkRGBA               error_text;
  gboolean              high_contrast;

  /* Pointer and gestures */
  double                pointer_x;
  double                pointer_y;
  gboolean              pointer_inside;
  DragMode              drag_mode;
  gboolean              drag_started;
  double                drag_x;
  double                drag_y;
  double                drag_start_value;
  ContrailTimeWindow    drag_window;
  gint64                range_start;
  gint64                range_end;
  ContrailTimeWindow    pinch_window;
  gint64                pinch_anchor;

  guint                 hscroll_policy : 1;
  guint                 vscroll_policy : 1;
  guint                 shared_vadjustment : 1;
  guint                 critical_path : 1;
  guint                 show_gaps : 1;
  guint                 in_hadjustment_update : 1;

  /* Statistics of the last snapshot, for tests */
  guint                 n_bars_drawn;
  guint                 n_labels_drawn;
};

static void contrail_timeline_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ContrailTimeline, contrail_timeline, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      contrail_timeline_scrollable_init))

enum {
  PROP_0,
  PROP_TRACE,
  PROP_MODEL,
  PROP_ROW_HEIGHT,
  PROP_CRITICAL_PATH,
  PROP_SHOW_GAPS,
  PROP_SEARCH_RESULT,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

/* ---- Colours ---- */

/* The span-kind palette: libadwaita's named colours, chosen per mode.  The
 * fallbacks are the same colours, for a theme without them. */
typedef struct
{
  const char *name;
  const char *fallback;
} PaletteEntry;

/* [kind][light, dark, high-contrast light, high-contrast dark]: white
 * labels read on the first two; high contrast goes darker or lighter. */
static const PaletteEntry palette[4][4] = {
  [CONTRAIL_SPAN_KIND_OTHER] = {
    { "dark_1", "#77767b" }, { "dark_1", "#77767b" },
    { "dark_3", "#3d3846" }, { "light_3", "#deddda" },
  },
  [CONTRAIL_SPAN_KIND_LLM] = {
    { "purple_3", "#9141ac" }, { "purple_2", "#c061cb" },
    { "purple_5", "#613583" }, { "purple_1", "#dc8add" },
  },
  [CONTRAIL_SPAN_KIND_TOOL] = {
    { "orange_4", "#e66100" }, { "orange_4", "#e66100" },
    { "orange_5", "#c64600" }, { "orange_2", "#ffa348" },
  },
  [CONTRAIL_SPAN_KIND_AGENT] = {
    { "blue_3", "#3584e4" }, { "blue_3", "#3584e4" },
    { "blue_5", "#1a5fb4" }, { "blue_1", "#99c1f1" },
  },
};

/* GtkStyleContext colour reads are deprecated in GTK 4.10 with no
 * replacement for named colours; confined to these two helpers. */
static void
widget_get_color (GtkWidget *widget,
                  GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
widget_lookup_color (GtkWidget  *widget,
                     const char *name,
                     const char *fallback,
                     GdkRGBA    *color)
{
  gboolean found;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (!found)
    gdk_rgba_parse (color, fallback);
}

static double
luminance (const GdkRGBA *c)
{
  double rgb[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* White text, or black where white reads poorly on @bg. */
static void
text_color_for (const GdkRGBA *bg,
                GdkRGBA       *text)
{
  double l = luminance (bg);

  /* White unless it falls below 3:1 (large text) and black reads better */
  if (1.05 / (l + 0.05) < 3 && (l + 0.05) / 0.05 > 1.05 / (l + 0.05))
    *text = (GdkRGBA) { 0, 0, 0, 0.87 };
  else
    *text = (GdkRGBA) { 1, 1, 1, 1 };
}

static void
update_colors (ContrailTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean hc = adw_style_manager_get_high_contrast (manager);
  guint mode = (hc ? 2 : 0) + (dark ? 1 : 0);

  widget_get_color (widget, &self->colors[COLOR_FG]);
  widget_lookup_color (widget, "accent_color", "#1c71d8", &self->colors[COLOR_ACCENT]);
  widget_lookup_color (widget, "accent_bg_color", "#3584e4", &self->colors[COLOR_ACCENT_BG]);
  widget_lookup_color (widget, "error_bg_color", "#e01b24", &self->colors[COLOR_ERROR]);
  widget_lookup_color (widget, "error_fg_color", "#ffffff", &self->colors[COLOR_ERROR_FG]);
  /* Search matches: the yellow of text search highlights */
  widget_lookup_color (widget, dark ? "yellow_2" : "yellow_4", dark ? "#f8e45c" : "#f5c211",
                       &self->colors[COLOR_MATCH]);

  for (guint kind = 0; kind < 4; kind++)
    {
      widget_lookup_color (widget, palette[kind][mode].name, palette[kind][mode].fallback,
                           &self->kind_colors[kind]);
      text_color_for (&self->kind_colors[kind], &self->kind_text[kind]);
    }
  text_color_for (&self->colors[COLOR_ERROR], &self->error_text);
  self->high_contrast = hc;
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;

  return c;
}

/* ---- Caches and geometry ---- */

static void
drop_bars (ContrailTimeline *self)
{
  g_clear_pointer (&self->bars_node, gsk_render_node_unref);
}

static void
drop_caches (ContrailTimeline *self)
{
  g_clear_pointer (&self->bars_node, gsk_render_node_unref);
  g_clear_pointer (&self->overview_node, gsk_render_node_unref);
}

/* The header holds the overview strip above the ruler.  When the timeline
 * shares the tree's adjustment, the tree's list ends where the timeline
 * ends, so the rows start at height - page size: the header takes what the
 * tree's own header takes, and rows line up exactly. */
static int
header_height (ContrailTimeline *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->shared_vadjustment && self->vadjustment != NULL)
    {
      double page = gtk_adjustment_get_page_size (self->vadjustment);

      if (page > 0 && page <= height)
        return height - (int)page;
    }

  return MIN (RULER_HEIGHT + OVERVIEW_HEIGHT, height);
}

static int
overview_height (ContrailTimeline *self,
                 int               header)
{
  int overview = header - RULER_HEIGHT;

  return overview >= MIN_OVERVIEW ? overview : 0;
}

static double
scroll_value (ContrailTimeline *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static guint
n_rows (ContrailTimeline *self)
{
  return self->rows != NULL ? self->rows->len : 0;
}

static guint
row_span (ContrailTimeline *self,
          guint             row)
{
  if (row >= n_rows (self))
    return NO_SPAN;

  return g_array_index (self->rows, guint, row);
}

/* The row under y in widget coordinates, or NO_ROW. */
static guint
row_at_y (ContrailTimeline *self,
          double            y)
{
  int header = header_height (self);
  double row;

  if (y < header || self->row_height <= 0)
    return NO_ROW;

  row = floor ((y - header + scroll_value (self)) / self->row_height);
  if (row < 0 || row >= n_rows (self))
    return NO_ROW;

  return (guint)row;
}

static double
row_top (ContrailTimeline *self,
         guint             row)
{
  return header_height (self) + (double)row * self->row_height - scroll_value (self);
}

static void
bar_geometry (ContrailTimeline *self,
              double            row_y,
              double           *bar_y,
              double           *bar_h)
{
  double h = MAX (4, self->row_height - 12);

  *bar_y = row_y + floor ((self->row_height - h) / 2);
  *bar_h = h;
}

/* The bar of @span in x: FALSE when it has none. */
static gboolean
span_x (ContrailTimeline *self,
        guint             span,
        double            width,
        double           *x0,
        double           *x1)
{
  const SpanInfo *info;

  if (span >= self->n_spans || !(self->spans[span].flags & SPAN_HAS_BAR))
    return FALSE;

  info = &self->spans[span];
  *x0 = contrail_time_window_to_x (&self->window, info->start, width);
  *x1 = contrail_time_window_to_x (&self->window, info->end, width);

  return TRUE;
}

/* ---- Adjustments ---- */

static void
configure_vadjustment (ContrailTimeline *self)
{
  double page, upper, value;

  if (self->vadjustment == NULL || self->shared_vadjustment)
    return;

  page = MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - header_height (self));
  upper = (double)n_rows (self) * self->row_height;
  value = CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, MAX (0, upper - page));

  gtk_adjustment_configure (self->vadjustment, value, 0, MAX (upper, page),
                            self->row_height, page * 0.9, page);
}

static void
configure_hadjustment (ContrailTimeline *self)
{
  double range, duration;

  if (self->hadjustment == NULL)
    return;

  range = (double)(self->window.upper - self->window.lower);
  duration = (double)(self->window.end - self->window.start);

  self->in_hadjustment_update = TRUE;
  gtk_adjustment_configure (self->hadjustment,
                            (double)(self->window.start - self->window.lower),
                            0, range, duration * 0.1, duration * 0.9, duration);
  self->in_hadjustment_update = FALSE;
}

static void
update_actions (ContrailTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_time = self->has_bounds;
  gboolean fit = contrail_time_window_is_fit (&self->window);

  gtk_widget_action_set_enabled (widget, "timeline.zoom-in",
                                 has_time && contrail_time_window_get_duration (&self->window) >
                                             CONTRAIL_TIME_WINDOW_MIN_DURATION);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-out", has_time && !fit);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-fit", has_time && !fit);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-to-span",
                                 has_time && self->selected_span != NO_SPAN &&
                                 (self->spans[self->selected_span].flags & SPAN_HAS_BAR));
  gtk_widget_action_set_enabled (widget, "timeline.pan", has_time && !fit);
}

static void
update_accessible_description (ContrailTimeline *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *total = NULL;
  g_autofree char *description = NULL;

  if (!self->has_bounds)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("No timing information"), -1);
      return;
    }

  from = contrail_format_duration ((self->window.start - self->origin) / 1000.0);
  to = contrail_format_duration ((self->window.end - self->origin) / 1000.0);
  total = contrail_format_duration ((self->window.upper - self->window.lower) / 1000.0);
  /* Translators: the accessible description of the timeline, e.g.
   * "Showing 120 ms to 480 ms of 2.41 s" */
  description = g_strdup_printf (_("Showing %s to %s of %s"), from, to, total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* Everything that follows a change of the window. */
static void
window_changed (ContrailTimeline *self)
{
  drop_bars (self);
  configure_hadjustment (self);
  update_actions (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
span_visible (ContrailTimeline *self,
              guint             span)
{
  const SpanInfo *info;

  if (span >= self->n_spans || !(self->spans[span].flags & SPAN_HAS_BAR))
    return FALSE;

  info = &self->spans[span];

  return info->start <= self->window.end && info->end >= self->window.start;
}

/* Zoom never loses the selected span: if it was in view before, it stays. */
static void
zoom_window (ContrailTimeline *self,
             double            factor,
             gint64            anchor)
{
  gboolean keep = span_visible (self, self->selected_span);
  gboolean changed = contrail_time_window_zoom (&self->window, factor, anchor);

  if (keep)
    {
      const SpanInfo *info = &self->spans[self->selected_span];

      changed |= contrail_time_window_ensure_visible (&self->window, info->start, info->end, 0.1);
    }

  if (changed)
    window_changed (self);
}

static void
set_window (ContrailTimeline *self,
            gint64            start,
            gint64            end)
{
  if (contrail_time_window_set (&self->window, start, end))
    window_changed (self);
}

/* The anchor of keyboard zoom: the selected span when it is in view, else
 * the middle of the window. */
static gint64
keyboard_anchor (ContrailTimeline *self)
{
  if (span_visible (self, self->selected_span))
    {
      const SpanInfo *info = &self->spans[self->selected_span];
      gint64 start = MAX (info->start, self->window.start);
      gint64 end = MIN (info->end, self->window.end);

      return start + (end - start) / 2;
    }

  return self->window.start + (self->window.end - self->window.start) / 2;
}

static void
zoom_to_span (ContrailTimeline *self,
              guint             span)
{
  const SpanInfo *info;
  gint64 duration, pad;

  if (span >= self->n_spans || !(self->spans[span].flags & SPAN_HAS_BAR))
    return;

  info = &self->spans[span];
  duration = MAX (info->end - info->start, 10);
  pad = MAX (duration / 20, 1);
  set_window (self, info->start - pad, info->end + pad);
}

static void
scroll_to_row (ContrailTimeline *self,
               guint             row)
{
  double value, page, top;

  if (self->vadjustment == NULL || row >= n_rows (self))
    return;

  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  top = (double)row * self->row_height;

  if (top < value)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (top + self->row_height > value + page)
    gtk_adjustment_set_value (self->vadjustment, top + self->row_height - page);
}

/* ---- The trace: flat arrays ---- */

static void
clear_critical_path (ContrailTimeline *self)
{
  g_clear_pointer (&self->critical_offset, g_free);
  g_clear_pointer (&self->critical, g_free);
  for (guint i = 0; i < self->n_spans; i++)
    self->spans[i].flags &= ~SPAN_CRITICAL;
}

static void
clear_trace_data (ContrailTimeline *self)
{
  clear_critical_path (self);
  g_clear_pointer (&self->matches, g_free);
  self->n_matches = 0;
  g_clear_pointer (&self->gap_offset, g_free);
  g_clear_pointer (&self->gaps, g_free);
  g_clear_pointer (&self->spans, g_free);
  g_clear_pointer (&self->preorder, g_free);
  self->n_spans = 0;
  self->selected_span = NO_SPAN;
  self->hover_row = NO_ROW;
}

static void
build_trace_data (ContrailTimeline *self)
{
  ContrailTrace *trace = self->trace;
  g_autoptr(GPtrArray) stack = NULL;
  gint64 lower = 0, upper = 1;
  guint pre = 0;

  clear_trace_data (self);

  self->has_bounds = trace != NULL && contrail_trace_get_time_bounds (trace, &lower, &upper);
  if (!self->has_bounds)
    {
      lower = 0;
      upper = 1;
    }
  contrail_time_window_init (&self->window, lower, upper);
  self->origin = self->window.lower;
  self->now = self->window.upper;

  if (trace == NULL)
    return;

  self->n_spans = contrail_trace_get_span_count (trace);
  self->spans = g_new0 (SpanInfo, MAX (self->n_spans, 1));
  self->preorder = g_new (ContrailTimeInterval, MAX (self->n_spans, 1));

  for (guint i = 0; i < self->n_spans; i++)
    {
      ContrailSpan *span = contrail_trace_get_span (trace, i);
      ContrailSpan *parent = contrail_span_get_parent (span);
      SpanInfo *info = &self->spans[i];
      ContrailSpanTimeFlags time_flags = 0;

      info->name = contrail_span_get_name (span);
      info->parent = parent != NULL ? contrail_span_get_index (parent) : NO_SPAN;
      info->n_desc = contrail_span_get_n_descendants (span);
      info->kind = (guint8)MIN (contrail_span_get_kind (span), CONTRAIL_SPAN_KIND_AGENT);
      info->pre = NO_SPAN;
      if (contrail_timeline_span_interval (span, self->now, &info->start, &info->end, &time_flags))
        info->flags |= SPAN_HAS_BAR;
      if (time_flags & CONTRAIL_SPAN_TIME_RUNNING)
        info->flags |= SPAN_RUNNING;
      if (time_flags & CONTRAIL_SPAN_TIME_REVERSED)
        info->flags |= SPAN_REVERSED;
      if (contrail_span_has_error (span))
        info->flags |= SPAN_ERROR;
    }

  /* Pre-order, so that a span's descendants are the n_desc entries after it */
  stack = g_ptr_array_new ();
  for (guint i = contrail_trace_get_n_roots (trace); i > 0; i--)
    g_ptr_array_add (stack, contrail_trace_get_root (trace, i - 1));
  while (stack->len > 0 && pre < self->n_spans)
    {
      ContrailSpan *span = g_ptr_array_steal_index_fast (stack, stack->len - 1);
      guint index = contrail_span_get_index (span);
      SpanInfo *info;

      if (index >= self->n_spans || self->spans[index].pre != NO_SPAN)
        continue;

      info = &self->spans[index];
      info->pre = pre;
      self->preorder[pre].id = index;
      if (info->flags & SPAN_HAS_BAR)
        {
          self->preorder[pre].start = info->start;
          self->preorder[pre].end = info->end;
        }
      else
        {
          self->preorder[pre].start = G_MAXINT64;
          self->preorder[pre].end = G_MININT64;
        }
      pre++;

      for (guint c = contrail_span_get_n_children (span); c > 0; c--)
        g_ptr_array_add (stack, contrail_span_get_child (span, c - 1));
    }
  /* Spans the tree did not reach (none, by the model's rules) have no
   * descendants to summarise, and no place in the overview. */
  for (guint i = 0; i < self->n_spans; i++)
    if (self->spans[i].pre == NO_SPAN)
      self->spans[i].n_desc = 0;
  for (; pre < self->n_spans; pre++)
    self->preorder[pre] = (ContrailTimeInterval) { G_MAXINT64, G_MININT64, 0 };
}

/* Find in trace: SPAN_MATCH on the matches of self->search_result, and
 * their bars in pre-order (for the overview). */
static void
build_search_data (ContrailTimeline *self)
{
  guint n;

  g_clear_pointer (&self->matches, g_free);
  self->n_matches = 0;
  for (guint i = 0; i < self->n_spans; i++)
    self->spans[i].flags &= ~SPAN_MATCH;

  if (self->search_result == NULL || self->n_spans == 0)
    return;

  n = contrail_search_result_get_n_matches (self->search_result);
  for (guint i = 0; i < n; i++)
    {
      guint index = contrail_span_get_index (contrail_search_result_get_match (self->search_result, i));

      if (index < self->n_spans)
        self->spans[index].flags |= SPAN_MATCH;
    }

  self->matches = g_new (ContrailTimeInterval, MAX (n, 1));
  for (guint pre = 0; pre < self->n_spans && self->n_matches < n; pre++)
    {
      guint id = self->preorder[pre].id;

      if (self->spans[id].pre == pre && (self->spans[id].flags & SPAN_MATCH))
        self->matches[self->n_matches++] = self->preorder[pre];
    }
}

/* The first match at or after pre-order position @pre. */
static guint
first_match_from (ContrailTimeline *self,
                  guint             pre)
{
  guint lo = 0, hi = self->n_matches;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->spans[self->matches[mid].id].pre < pre)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static int
compare_sections (gconstpointer a,
                  gconstpointer b)
{
  const ContrailTimeInterval *sa = a, *sb = b;

  if (sa->id != sb->id)
    return sa->id < sb->id ? -1 : 1;
  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return 0;
}

static void
ensure_critical_path (ContrailTimeline *self)
{
  g_autoptr(GArray) sections = NULL;

  if (self->critical_offset != NULL || self->trace == NULL)
    return;

  sections = contrail_timeline_critical_path (self->trace);
  g_array_sort (sections, compare_sections);

  self->critical_offset = g_new0 (guint, self->n_spans + 1);
  for (guint i = 0; i < sections->len; i++)
    {
      guint id = g_array_index (sections, ContrailTimeInterval, i).id;

      if (id < self->n_spans)
        {
          self->critical_offset[id + 1]++;
          self->spans[id].flags |= SPAN_CRITICAL;
        }
    }
  for (guint i = 0; i < self->n_spans; i++)
    self->critical_offset[i + 1] += self->critical_offset[i];
  self->critical = (ContrailTimeInterval *)g_array_steal (sections, NULL);
}

static void
ensure_gaps (ContrailTimeline *self)
{
  g_autoptr(GArray) children = NULL;
  g_autoptr(GArray) gaps = NULL;

  if (self->gap_offset != NULL || self->trace == NULL)
    return;

  children = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  gaps = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  self->gap_offset = g_new0 (guint, self->n_spans + 1);

  for (guint i = 0; i < self->n_spans; i++)
    {
      const SpanInfo *info = &self->spans[i];

      if ((info->flags & SPAN_HAS_BAR) && info->pre != NO_SPAN)
        {
          guint child = info->pre + 1;
          guint stop = info->pre + 1 + info->n_desc;

          /* Children in pre-order: each next sibling follows the previous
           * one's descendants. */
          g_array_set_size (children, 0);
          while (child < stop)
            {
              ContrailTimeInterval *iv = &self->preorder[child];

              if (iv->start <= iv->end)
                g_array_append_val (children, *iv);
              child += self->spans[iv->id].n_desc + 1;
            }
          contrail_timeline_gaps (info->start, info->end,
                                  (ContrailTimeInterval *)(gpointer)children->data,
                                  children->len, gaps);
        }
      self->gap_offset[i + 1] = gaps->len;
    }

  self->gaps = (ContrailTimeInterval *)g_array_steal (gaps, NULL);
}

/* ---- Rows ---- */

static guint
resolve_row (ContrailTimeline *self,
             gpointer          item)
{
  g_autoptr(ContrailSpan) span = NULL;
  guint index;

  if (item == NULL || self->trace == NULL)
    return NO_SPAN;

  if (GTK_IS_TREE_LIST_ROW (item))
    span = gtk_tree_list_row_get_item (item);
  else if (CONTRAIL_IS_SPAN (item))
    span = g_object_ref (item);

  if (!CONTRAIL_IS_SPAN (span))
    return NO_SPAN;

  index = contrail_span_get_index (span);
  if (index >= self->n_spans || contrail_trace_get_span (self->trace, index) != span)
    return NO_SPAN;

  return index;
}

static void
update_selection (ContrailTimeline *self)
{
  guint old = self->selected_span;
  guint position;

  /* Unmark the old chain, mark the new one */
  for (guint s = old; s < self->n_spans; s = self->spans[s].parent)
    self->spans[s].flags &= ~SPAN_ANCESTOR;

  position = self->model != NULL ? gtk_single_selection_get_selected (self->model)
                                 : GTK_INVALID_LIST_POSITION;
  self->selected_span = position != GTK_INVALID_LIST_POSITION ? row_span (self, position) : NO_SPAN;

  if (self->selected_span != NO_SPAN)
    for (guint s = self->spans[self->selected_span].parent; s < self->n_spans;
         s = self->spans[s].parent)
      self->spans[s].flags |= SPAN_ANCESTOR;

  /* A span selected elsewhere comes into view (by panning, not zooming) */
  if (self->selected_span != old && self->selected_span != NO_SPAN &&
      (self->spans[self->selected_span].flags & SPAN_HAS_BAR))
    {
      const SpanInfo *info = &self->spans[self->selected_span];

      if (contrail_time_window_ensure_visible (&self->window, info->start, info->end, 0.1))
        window_changed (self);
    }

  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rebuild_rows (ContrailTimeline *self)
{
  GListModel *model = G_LIST_MODEL (self->model);
  guint n = self->model != NULL ? g_list_model_get_n_items (model) : 0;

  g_array_set_size (self->rows, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_array_index (self->rows, guint, i) = resolve_row (self, item);
    }

  self->hover_row = NO_ROW;
  drop_bars (self);
  configure_vadjustment (self);
  update_selection (self);
}

static void
items_changed_cb (ContrailTimeline *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  if (position + removed > self->rows->len)
    {
      rebuild_rows (self);
      return;
    }

  if (removed > 0)
    g_array_remove_range (self->rows, position, removed);
  if (added > 0)
    {
      g_array_set_size (self->rows, self->rows->len + added);
      memmove (&g_array_index (self->rows, guint, position + added),
               &g_array_index (self->rows, guint, position),
               (self->rows->len - added - position) * sizeof (guint));
      for (guint i = 0; i < added; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

          g_array_index (self->rows, guint, position + i) = resolve_row (self, item);
        }
    }

  self->hover_row = NO_ROW;
  drop_bars (self);
  configure_vadjustment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
selection_changed_cb (ContrailTimeline *self)
{
  update_selection (self);
}

static void
select_row (ContrailTimeline *self,
            guint             row)
{
  if (self->model == NULL || row >= n_rows (self))
    return;

  gtk_single_selection_set_selected (self->model, row);
  scroll_to_row (self, row);
}

/* The row showing span @span, or NO_ROW. */
static guint
row_of_span (ContrailTimeline *self,
             guint             span)
{
  for (guint i = 0; i < n_rows (self); i++)
    if (g_array_index (self->rows, guint, i) == span)
      return i;

  return NO_ROW;
}

/* ---- Snapshot: labels ---- */

static double
measure_label_cb (const char *text,
                  gpointer    user_data)
{
  ContrailTimeline *self = user_data;
  gpointer cached;
  int width;

  if (g_hash_table_lookup_extended (self->label_widths, text, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  if (self->measure_layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      self->measure_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (self->measure_layout, attrs);
      pango_attr_list_unref (attrs);
    }

  pango_layout_set_text (self->measure_layout, text, -1);
  pango_layout_get_pixel_size (self->measure_layout, &width, NULL);

  if (g_hash_table_size (self->label_widths) >= LABEL_CACHE_MAX)
    g_hash_table_remove_all (self->label_widths);
  g_hash_table_insert (self->label_widths, g_strdup (text), GINT_TO_POINTER (width));

  return width;
}

/* Lays out @text (plain text, never markup) with the duration part dimmed. */
static void
layout_set_label (PangoLayout *layout,
                  const char  *name,
                  const char  *duration)
{
  char buf[512];
  PangoAttrList *attrs;
  PangoAttribute *attr;
  const char *valid_end;
  gsize name_len;

  g_strlcpy (buf, name, sizeof buf - 64);
  /* The cut is by bytes: drop a character it split (Pango warns on it) */
  if (!g_utf8_validate (buf, -1, &valid_end))
    buf[valid_end - buf] = '\0';
  /* The name is data: no newlines in a one-line label */
  for (char *p = buf; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  name_len = strlen (buf);
  if (duration != NULL)
    {
      g_strlcat (buf, "  ", sizeof buf);
      g_strlcat (buf, duration, sizeof buf);
    }

  pango_layout_set_text (layout, buf, -1);

  attrs = pango_attr_list_new ();
  attr = pango_attr_font_features_new ("tnum");
  pango_attr_list_insert (attrs, attr);
  if (duration != NULL)
    {
      attr = pango_attr_foreground_alpha_new (65535 * 0.7);
      attr->start_index = (guint)name_len;
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* ---- Snapshot: the cached parts ---- */

static void
append_bar (GtkSnapshot   *snapshot,
            const GdkRGBA *color,
            double         x,
            double         y,
            double         w,
            double         h)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, w, h);

  if (w >= 6)
    {
      GskRoundedRect rounded;

      gsk_rounded_rect_init_from_rect (&rounded, &rect, MIN (3, h / 2));
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, color, &rect);
      gtk_snapshot_pop (snapshot);
    }
  else
    gtk_snapshot_append_color (snapshot, color, &rect);
}

/* A running span: solid, then fading out towards "now". */
static void
append_running_bar (GtkSnapshot   *snapshot,
                    const GdkRGBA *color,
                    double         x,
                    double         y,
                    double         w,
                    double         h)
{
  double fade = MIN (FADE_WIDTH, w * 0.6);
  GskColorStop stops[2] = {
    { 0, *color },
    { 1, with_alpha (color, 0.05) },
  };

  if (w - fade > 0)
    append_bar (snapshot, color, x, y, w - fade + 3, h);
  gtk_snapshot_append_linear_gradient (snapshot,
                                       &GRAPHENE_RECT_INIT (x + w - fade, y, fade, h),
                                       &GRAPHENE_POINT_INIT (x + w - fade, y),
                                       &GRAPHENE_POINT_INIT (x + w, y),
                                       stops, G_N_ELEMENTS (stops));
}

static void
snapshot_ruler (ContrailTimeline *self,
                GtkSnapshot      *snapshot,
                PangoLayout      *layout,
                double            width,
                double            height,
                int               header)
{
  GdkRGBA grid = with_alpha (&self->colors[COLOR_FG], self->high_contrast ? 0.25 : 0.08);
  GdkRGBA tick = with_alpha (&self->colors[COLOR_FG], 0.35);
  GdkRGBA text = with_alpha (&self->colors[COLOR_FG], 0.7);
  double ruler_y = header - RULER_HEIGHT;
  PangoAttrList *attrs;

  if (header < RULER_HEIGHT || !self->has_bounds)
    return;

  contrail_timeline_choose_ticks (&self->window, self->origin, width, 16,
                                  measure_label_cb, self, self->ticks);

  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));

  for (guint i = 0; i < self->ticks->len; i++)
    {
      ContrailTimeTick *t = &g_array_index (self->ticks, ContrailTimeTick, i);
      double x = floor (t->x);
      int text_h;

      /* The grid line through the rows, the tick on the ruler */
      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (x, header, 1, MAX (0, height - header)));
      gtk_snapshot_append_color (snapshot, &tick,
                                 &GRAPHENE_RECT_INIT (x, header - 6, 1, 6));

      /* The last label may not fit before the right edge */
      if (x + 4 + measure_label_cb (t->label, self) > width)
        continue;

      pango_layout_set_text (layout, t->label, -1);
      pango_layout_set_attributes (layout, attrs);
      pango_layout_get_pixel_size (layout, NULL, &text_h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + 4, ruler_y + (RULER_HEIGHT - 6 - text_h) / 2 + 1));
      gtk_snapshot_append_layout (snapshot, layout, &text);
      gtk_snapshot_restore (snapshot);
    }

  pango_attr_list_unref (attrs);
}

/* One label for the bar [x0, x1] of a row, inside it or beside it. */
static void
snapshot_bar_label (ContrailTimeline *self,
                    GtkSnapshot      *snapshot,
                    PangoLayout      *layout,
                    guint             span,
                    double            x0,
                    double            x1,
                    double            row_y,
                    double            width,
                    gboolean          faint)
{
  const SpanInfo *info = &self->spans[span];
  g_autofree char *duration = NULL;
  const char *name = info->name != NULL && info->name[0] != '\0' ? info->name : _("Unnamed span");
  double visible_x0 = MAX (x0, 0), visible_x1 = MIN (x1, width);
  double inside = visible_x1 - visible_x0 - 2 * LABEL_PAD;
  double right = width - x1 - LABEL_PAD * 2;
  double left = x0 - LABEL_PAD * 2;
  double text_x, avail;
  int text_w, text_h;
  const GdkRGBA *color;
  GdkRGBA beside = self->colors[COLOR_FG];

  duration = contrail_format_duration ((info->end - info->start) / 1000.0);
  if (info->flags & SPAN_RUNNING)
    {
      g_autofree char *so_far = g_steal_pointer (&duration);

      /* Translators: the duration of a span that is still running, e.g. "1.25 s…" */
      duration = g_strdup_printf (_("%s…"), so_far);
    }

  layout_set_label (layout, name, duration);
  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);

  if (inside >= MIN_LABEL_BAR - 2 * LABEL_PAD && text_w <= inside)
    {
      text_x = visible_x0 + LABEL_PAD;
      avail = -1;
      color = (info->flags & SPAN_ERROR) ? &self->error_text : &self->kind_text[info->kind];
    }
  else if (right >= MIN (text_w, 80))
    {
      text_x = x1 + LABEL_PAD;
      avail = text_w <= right ? -1 : right;
      color = &beside;
    }
  else if (left >= MIN (text_w, 80))
    {
      avail = text_w <= left ? -1 : left;
      text_x = x0 - LABEL_PAD - (avail < 0 ? text_w : avail);
      color = &beside;
    }
  else if (inside >= MIN_LABEL_BAR - 2 * LABEL_PAD)
    {
      text_x = visible_x0 + LABEL_PAD;
      avail = inside;
      color = (info->flags & SPAN_ERROR) ? &self->error_text : &self->kind_text[info->kind];
    }
  else
    return;

  /* On a dimmed bar, in the text colour (the bar is too faint to carry white) */
  if (faint)
    {
      beside = with_alpha (&self->colors[COLOR_FG], 0.5);
      color = &beside;
    }

  if (avail >= 0)
    {
      pango_layout_set_width (layout, (int)(avail * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (floor (text_x),
                                                floor (row_y + (self->row_height - text_h) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  self->n_labels_drawn++;
}

/* The descendants hidden below a collapsed row, merged per pixel column. */
static void
snapshot_hidden_descendants (ContrailTimeline *self,
                             GtkSnapshot      *snapshot,
                             guint             span,
                             double            row_y,
                             double            width)
{
  const SpanInfo *info = &self->spans[span];
  double bar_y, bar_h, y, h;

  bar_geometry (self, row_y, &bar_y, &bar_h);
  y = bar_y + bar_h + 2;
  h = MIN (3, row_y + self->row_height - y - 1);

  if (h < 1 || info->pre == NO_SPAN || info->n_desc == 0)
    return;

  g_array_set_size (self->lod, 0);
  contrail_timeline_lod (&self->window, width, &self->preorder[info->pre + 1], info->n_desc,
                         self->lod);

  for (guint i = 0; i < self->lod->len; i++)
    {
      const ContrailTimeInterval *iv = &g_array_index (self->lod, ContrailTimeInterval, i);
      const SpanInfo *d = &self->spans[iv->id];
      double x0 = MAX (contrail_time_window_to_x (&self->window, iv->start, width), -1);
      double x1 = MIN (contrail_time_window_to_x (&self->window, iv->end, width), width + 1);
      gboolean faint = self->search_result != NULL && !(d->flags & SPAN_MATCH);
      GdkRGBA color = with_alpha ((d->flags & SPAN_ERROR) ? &self->colors[COLOR_ERROR]
                                                          : &self->kind_colors[d->kind],
                                  faint ? 0.18 : 0.55);

      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x0, y, MAX (x1 - x0, 1), h));
    }
}

/* Is the row after @row showing a descendant of @span?  If not, the
 * span's descendants are hidden (collapsed or filtered out). */
static gboolean
descendants_hidden (ContrailTimeline *self,
                    guint             row,
                    guint             span)
{
  const SpanInfo *info = &self->spans[span];
  guint next = row_span (self, row + 1);

  if (info->n_desc == 0)
    return FALSE;
  if (next == NO_SPAN)
    return TRUE;

  return !(self->spans[next].pre > info->pre && self->spans[next].pre <= info->pre + info->n_desc);
}

static void
snapshot_row (ContrailTimeline *self,
              GtkSnapshot      *snapshot,
              PangoLayout      *layout,
              guint             row,
              double            row_y,
              double            width)
{
  guint span = row_span (self, row);
  const SpanInfo *info;
  double x0, x1, bar_y, bar_h, bx0, bx1, bw;
  GdkRGBA color;
  gboolean dim, unmatched;

  if (span == NO_SPAN)
    return;

  info = &self->spans[span];
  bar_geometry (self, row_y, &bar_y, &bar_h);

  if (descendants_hidden (self, row, span))
    snapshot_hidden_descendants (self, snapshot, span, row_y, width);

  if (!span_x (self, span, width, &x0, &x1))
    {
      GdkRGBA dim_text = with_alpha (&self->colors[COLOR_FG], 0.5);
      int text_h;

      /* No start time: say so where the bar would begin */
      layout_set_label (layout, _("No start time"), NULL);
      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, NULL, &text_h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (LABEL_PAD,
                                                    floor (row_y + (self->row_height - text_h) / 2.0)));
      gtk_snapshot_append_layout (snapshot, layout, &dim_text);
      gtk_snapshot_restore (snapshot);
      return;
    }

  /* Outside the time window: the row is empty */
  if (x1 < -1 || x0 > width + 1)
    return;

  bx0 = MAX (x0, -4);
  bx1 = MIN (x1, width + 4);
  bw = MAX (bx1 - bx0, 2);

  color = (info->flags & SPAN_ERROR) ? self->colors[COLOR_ERROR] : self->kind_colors[info->kind];
  dim = (self->critical_path && !(info->flags & SPAN_CRITICAL));
  unmatched = self->search_result != NULL && !(info->flags & SPAN_MATCH);
  if (unmatched)
    color = with_alpha (&color, 0.22);
  else if (dim)
    color = with_alpha (&color, 0.3);

  if (self->show_gaps && self->gap_offset != NULL)
    {
      GdkRGBA covered = with_alpha (&color, 0.3);

      /* Covered by children: faint; self time: solid */
      append_bar (snapshot, &covered, bx0, bar_y, bw, bar_h);
      for (guint g = self->gap_offset[span]; g < self->gap_offset[span + 1]; g++)
        {
          double g0 = MAX (contrail_time_window_to_x (&self->window, self->gaps[g].start, width), -4);
          double g1 = MIN (contrail_time_window_to_x (&self->window, self->gaps[g].end, width),
                           width + 4);

          if (g1 < 0 || g0 > width)
            continue;
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (g0, bar_y, MAX (g1 - g0, 1), bar_h));
        }
    }
  else if (info->flags & SPAN_RUNNING)
    append_running_bar (snapshot, &color, bx0, bar_y, bw, bar_h);
  else
    append_bar (snapshot, &color, bx0, bar_y, bw, bar_h);

  if (self->high_contrast)
    {
      GskRoundedRect outline;
      const GdkRGBA *fg = &self->colors[COLOR_FG];

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (bx0, bar_y, bw, bar_h),
                                       bw >= 6 ? MIN (3, bar_h / 2) : 0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { *fg, *fg, *fg, *fg });
    }

  /* A search match: a ring around the bar */
  if (self->search_result != NULL && (info->flags & SPAN_MATCH))
    {
      GskRoundedRect ring;
      const GdkRGBA *c = &self->colors[COLOR_MATCH];

      gsk_rounded_rect_init_from_rect (&ring,
                                       &GRAPHENE_RECT_INIT (bx0 - 2, bar_y - 2, bw + 4, bar_h + 4),
                                       bw >= 6 ? 4 : 1);
      gtk_snapshot_append_border (snapshot, &ring, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { *c, *c, *c, *c });
    }

  /* The critical sections: a line through the middle of the bar */
  if (self->critical_path && self->critical_offset != NULL)
    {
      GdkRGBA line = with_alpha (&self->colors[COLOR_FG], 0.8);
      double line_h = MAX (2, floor (bar_h / 6));

      for (guint c = self->critical_offset[span]; c < self->critical_offset[span + 1]; c++)
        {
          double c0 = MAX (contrail_time_window_to_x (&self->window, self->critical[c].start, width), -4);
          double c1 = MIN (contrail_time_window_to_x (&self->window, self->critical[c].end, width),
                           width + 4);

          if (c1 < 0 || c0 > width)
            continue;
          gtk_snapshot_append_color (snapshot, &line,
                                     &GRAPHENE_RECT_INIT (c0, bar_y + floor ((bar_h - line_h) / 2),
                                                          MAX (c1 - c0, 1), line_h));
        }
    }

  self->n_bars_drawn++;
  snapshot_bar_label (self, snapshot, layout, span, x0, x1, row_y, width, unmatched);
}

static void
snapshot_bars (ContrailTimeline *self,
               GtkSnapshot      *snapshot,
               double            width,
               double            height)
{
  int header = header_height (self);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  double value = scroll_value (self);
  guint first, last;

  self->n_bars_drawn = 0;
  self->n_labels_drawn = 0;

  snapshot_ruler (self, snapshot, layout, width, height, header);

  if (self->row_height > 0 && n_rows (self) > 0 && height > header)
    {
      first = (guint)MAX (0, floor (value / self->row_height));
      last = (guint)MIN ((double)n_rows (self) - 1, floor ((value + height - header) / self->row_height));

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, header, width, height - header));
      for (guint row = first; row <= last && row < n_rows (self); row++)
        snapshot_row (self, snapshot, layout, row,
                      header + (double)row * self->row_height - value, width);
      gtk_snapshot_pop (snapshot);
    }

  g_object_unref (layout);
}

/* The whole trace, one lane per pixel row (spans in pre-order), merged per
 * pixel column. */
static void
snapshot_overview (ContrailTimeline *self,
                   GtkSnapshot      *snapshot,
                   double            width,
                   double            overview)
{
  ContrailTimeWindow all = self->window;
  double top = 4, avail = overview - 8;
  guint n = self->n_spans;
  guint lanes, pre = 0;
  double alpha = self->search_result != NULL ? 0.25 : 1;

  contrail_time_window_fit (&all);

  if (n == 0 || avail < 2)
    return;

  /* At least 2 px per lane, so that a small trace still reads */
  lanes = (guint)MAX (1, MIN ((double)n, floor (avail / 2)));

  for (guint lane = 0; lane < lanes; lane++)
    {
      guint end = (guint)(((guint64)(lane + 1) * n) / lanes);
      double y = top + floor ((double)lane * avail / lanes);
      double h = MAX (1, MIN (4, floor (avail / lanes) - 1));

      g_array_set_size (self->lod, 0);
      contrail_timeline_lod (&all, width, &self->preorder[pre], end - pre, self->lod);
      for (guint i = 0; i < self->lod->len; i++)
        {
          const ContrailTimeInterval *iv = &g_array_index (self->lod, ContrailTimeInterval, i);
          const SpanInfo *d = &self->spans[iv->id];
          double x0 = contrail_time_window_to_x (&all, iv->start, width);
          double x1 = contrail_time_window_to_x (&all, iv->end, width);
          GdkRGBA color = with_alpha ((d->flags & SPAN_ERROR) ? &self->colors[COLOR_ERROR]
                                                              : &self->kind_colors[d->kind], alpha);

          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (x0, y, MAX (x1 - x0, 1), h));
        }

      /* Where the matches are: on top, in the match colour */
      if (self->search_result != NULL)
        {
          guint from = first_match_from (self, pre);
          guint to = first_match_from (self, end);

          g_array_set_size (self->lod, 0);
          contrail_timeline_lod (&all, width, &self->matches[from], to - from, self->lod);
          for (guint i = 0; i < self->lod->len; i++)
            {
              const ContrailTimeInterval *iv = &g_array_index (self->lod, ContrailTimeInterval, i);
              double x0 = contrail_time_window_to_x (&all, iv->start, width);
              double x1 = contrail_time_window_to_x (&all, iv->end, width);

              gtk_snapshot_append_color (snapshot, &self->colors[COLOR_MATCH],
                                         &GRAPHENE_RECT_INIT (x0, y, MAX (x1 - x0, 2), h));
            }
        }
      pre = end;
    }
}

/* ---- Snapshot: the overlay ---- */

static void
snapshot_row_backgrounds (ContrailTimeline *self,
                          GtkSnapshot      *snapshot,
                          double            width,
                          double            height,
                          int               header)
{
  guint selected_row = self->model != NULL ? gtk_single_selection_get_selected (self->model)
                                           : GTK_INVALID_LIST_POSITION;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, header, width, MAX (0, height - header)));

  if (self->hover_row != NO_ROW && self->hover_row != selected_row)
    {
      GdkRGBA hover = with_alpha (&self->colors[COLOR_FG], 0.04);

      gtk_snapshot_append_color (snapshot, &hover,
                                 &GRAPHENE_RECT_INIT (0, row_top (self, self->hover_row),
                                                      width, self->row_height));
    }
  if (selected_row != GTK_INVALID_LIST_POSITION && selected_row < n_rows (self))
    {
      GdkRGBA selected = with_alpha (&self->colors[COLOR_ACCENT_BG], 0.14);

      gtk_snapshot_append_color (snapshot, &selected,
                                 &GRAPHENE_RECT_INIT (0, row_top (self, selected_row),
                                                      width, self->row_height));
    }

  gtk_snapshot_pop (snapshot);
}

static void
snapshot_overlay (ContrailTimeline *self,
                  GtkSnapshot      *snapshot,
                  double            width,
                  double            height,
                  int               header)
{
  double value = scroll_value (self);
  guint first = self->row_height > 0 ? (guint)MAX (0, floor (value / self->row_height)) : 0;
  guint last = self->row_height > 0 ? (guint)MAX (0, floor ((value + height - header) / self->row_height)) : 0;
  const GdkRGBA *accent = &self->colors[COLOR_ACCENT];

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, header, width, MAX (0, height - header)));

  /* The selected bar and its ancestors' bars, hover */
  for (guint row = first; row <= last && row < n_rows (self); row++)
    {
      guint span = row_span (self, row);
      double x0, x1, bar_y, bar_h;
      gboolean selected, ancestor, hovered;

      if (span == NO_SPAN)
        continue;

      selected = span == self->selected_span;
      ancestor = (self->spans[span].flags & SPAN_ANCESTOR) != 0;
      hovered = row == self->hover_row && self->hover_on_bar;
      if (!selected && !ancestor && !hovered)
        continue;
      if (!span_x (self, span, width, &x0, &x1) || x1 < -1 || x0 > width + 1)
        continue;

      x0 = MAX (x0, -4);
      x1 = MAX (MIN (x1, width + 4), x0 + 2);
      bar_geometry (self, row_top (self, row), &bar_y, &bar_h);

      if (hovered)
        {
          GdkRGBA light = { 1, 1, 1, 0.22 };

          append_bar (snapshot, &light, x0, bar_y, x1 - x0, bar_h);
        }
      if (selected)
        {
          GskRoundedRect ring;
          GdkRGBA c = self->colors[COLOR_FG];

          gsk_rounded_rect_init_from_rect (&ring,
                                           &GRAPHENE_RECT_INIT (x0 - 2, bar_y - 2,
                                                                x1 - x0 + 4, bar_h + 4), 5);
          gtk_snapshot_append_border (snapshot, &ring, (float[4]) { 2, 2, 2, 2 },
                                      (GdkRGBA[4]) { c, c, c, c });
        }
      else if (ancestor)
        {
          GdkRGBA c = with_alpha (accent, 0.9);

          /* An ancestor of the selected span: a line under its bar */
          gtk_snapshot_append_color (snapshot, &c,
                                     &GRAPHENE_RECT_INIT (x0, bar_y + bar_h + 2, x1 - x0, 2));
        }
    }

  gtk_snapshot_pop (snapshot);

  /* The range being selected */
  if (self->drag_mode == DRAG_RANGE && self->drag_started)
    {
      double a = contrail_time_window_to_x (&self->window, MIN (self->range_start, self->range_end), width);
      double b = contrail_time_window_to_x (&self->window, MAX (self->range_start, self->range_end), width);
      GdkRGBA fill = with_alpha (&self->colors[COLOR_ACCENT_BG], 0.18);
      GdkRGBA edge = with_alpha (&self->colors[COLOR_ACCENT_BG], 0.8);
      double top = header - RULER_HEIGHT;

      gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (a, top, b - a, height - top));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (a, top, 1, height - top));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (b - 1, top, 1, height - top));
    }
}

/* The visible window on the overview: shade what is outside it. */
static void
snapshot_overview_window (ContrailTimeline *self,
                          GtkSnapshot      *snapshot,
                          double            width,
                          double            overview)
{
  ContrailTimeWindow all = self->window;
  GdkRGBA shade = with_alpha (&self->colors[COLOR_FG], 0.12);
  GdkRGBA edge = *(&self->colors[COLOR_ACCENT_BG]);
  double a, b;

  contrail_time_window_fit (&all);
  a = floor (contrail_time_window_to_x (&all, self->window.start, width));
  b = ceil (contrail_time_window_to_x (&all, self->window.end, width));
  b = MAX (b, a + 2);

  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (0, 0, a, overview));
  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (b, 0, width - b, overview));
  if (!contrail_time_window_is_fit (&self->window))
    {
      GskRoundedRect ring;

      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (a, 1, b - a, overview - 2), 3);
      gtk_snapshot_append_border (snapshot, &ring, (float[4]) { 1, 2, 1, 2 },
                                  (GdkRGBA[4]) { edge, edge, edge, edge });
    }
}

static void
contrail_timeline_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  ContrailTimeline *self = (ContrailTimeline *)widget;
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  int header = header_height (self);
  int overview = overview_height (self, header);
  GdkRGBA header_bg = with_alpha (&self->colors[COLOR_FG], 0.03);
  GdkRGBA line = with_alpha (&self->colors[COLOR_FG], self->high_contrast ? 0.5 : 0.15);

  if (width <= 0 || height <= 0)
    return;

  /* Header: overview above, ruler below, a line under each */
  gtk_snapshot_append_color (snapshot, &header_bg, &GRAPHENE_RECT_INIT (0, 0, width, header));
  if (overview > 0)
    gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, overview - 1, width, 1));
  if (header > 0)
    gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, header - 1, width, 1));

  if (self->trace == NULL)
    return;

  if (!self->has_bounds)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, _("No timing information"));
      GdkRGBA dim = with_alpha (&self->colors[COLOR_FG], 0.55);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor ((width - w) / 2),
                                                              header + 24));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
      return;
    }

  if (overview > 0)
    {
      if (self->overview_node == NULL)
        {
          GtkSnapshot *part = gtk_snapshot_new ();

          snapshot_overview (self, part, width, overview);
          self->overview_node = gtk_snapshot_free_to_node (part);
        }
      if (self->overview_node != NULL)
        gtk_snapshot_append_node (snapshot, self->overview_node);
      snapshot_overview_window (self, snapshot, width, overview - 1);
    }

  snapshot_row_backgrounds (self, snapshot, width, height, header);

  if (self->bars_node == NULL)
    {
      GtkSnapshot *part = gtk_snapshot_new ();

      snapshot_bars (self, part, width, height);
      self->bars_node = gtk_snapshot_free_to_node (part);
    }
  if (self->bars_node != NULL)
    gtk_snapshot_append_node (snapshot, self->bars_node);

  snapshot_overlay (self, snapshot, width, height, header);
}

/* ---- Input ---- */

static void
set_hover (ContrailTimeline *self,
           guint             row,
           gboolean          on_bar)
{
  if (row == self->hover_row && on_bar == self->hover_on_bar)
    return;

  self->hover_row = row;
  self->hover_on_bar = on_bar;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Is x over the bar of @row (with a little slop for thin bars)? */
static gboolean
x_on_bar (ContrailTimeline *self,
          guint             row,
          double            x)
{
  double x0, x1;

  if (!span_x (self, row_span (self, row), gtk_widget_get_width (GTK_WIDGET (self)), &x0, &x1))
    return FALSE;

  return x >= x0 - 3 && x <= MAX (x1, x0 + 2) + 3;
}

static void
update_hover (ContrailTimeline *self)
{
  guint row = self->pointer_inside ? row_at_y (self, self->pointer_y) : NO_ROW;

  set_hover (self, row, row != NO_ROW && x_on_bar (self, row, self->pointer_x));
}

static void
motion_cb (ContrailTimeline         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
leave_cb (ContrailTimeline         *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  set_hover (self, NO_ROW, FALSE);
}

static gboolean
scroll_cb (ContrailTimeline         *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean surface = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE;
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (!self->has_bounds || width <= 0)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      gint64 anchor = contrail_time_window_from_x (&self->window,
                                                   self->pointer_inside ? self->pointer_x : width / 2,
                                                   width);

      zoom_window (self, pow (WHEEL_ZOOM_BASE, surface ? dy / 10 : dy), anchor);
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK)
    {
      /* Shift turns the wheel sideways */
      dx += dy;
      dy = 0;
    }

  if (dx != 0)
    {
      double px = surface ? dx : dx * width / 10;

      if (contrail_time_window_pan (&self->window,
                                    (gint64)llround (px * contrail_time_window_get_duration (&self->window) / width)))
        window_changed (self);
    }

  if (dy != 0 && self->vadjustment != NULL)
    {
      double page = gtk_adjustment_get_page_size (self->vadjustment);
      double step = surface ? dy : dy * pow (MAX (page, 1), 2.0 / 3.0);

      gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + step);
    }

  return TRUE;
}

static void
click_pressed_cb (ContrailTimeline *self,
                  int               n_press,
                  double            x,
                  double            y,
                  GtkGestureClick  *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* A double click zooms to the span of the row */
  if (n_press == 2)
    _contrail_timeline_click (self, x, y, 2);
}

static void
click_released_cb (ContrailTimeline *self,
                   int               n_press,
                   double            x,
                   double            y,
                   GtkGestureClick  *gesture)
{
  if (n_press == 1 && !self->drag_started)
    _contrail_timeline_click (self, x, y, 1);
}

static void
drag_begin_cb (ContrailTimeline *self,
               double            x,
               double            y,
               GtkGestureDrag   *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int header = header_height (self);
  int overview = overview_height (self, header);
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  self->drag_x = x;
  self->drag_y = y;
  self->drag_started = FALSE;
  self->drag_window = self->window;
  self->drag_start_value = scroll_value (self);

  if (!self->has_bounds)
    self->drag_mode = DRAG_NONE;
  else if (button == GDK_BUTTON_MIDDLE)
    self->drag_mode = DRAG_PAN;
  else if (y < overview)
    {
      ContrailTimeWindow all = self->window;
      double width = gtk_widget_get_width (GTK_WIDGET (self));
      double a, b;

      /* Grab the window where it is, or move it under the pointer first */
      contrail_time_window_fit (&all);
      a = contrail_time_window_to_x (&all, self->window.start, width);
      b = contrail_time_window_to_x (&all, self->window.end, width);
      if (x < a || x > b)
        {
          gint64 center = contrail_time_window_from_x (&all, x, width);
          gint64 duration = contrail_time_window_get_duration (&self->window);

          set_window (self, center - duration / 2, center - duration / 2 + duration);
          self->drag_window = self->window;
        }
      self->drag_mode = DRAG_OVERVIEW;
      self->drag_started = TRUE;
    }
  else if (y < header || (state & GDK_SHIFT_MASK))
    {
      self->drag_mode = DRAG_RANGE;
      self->range_start = self->range_end =
        contrail_time_window_from_x (&self->window, x, gtk_widget_get_width (GTK_WIDGET (self)));
    }
  else
    self->drag_mode = DRAG_PAN;
}

static void
drag_update_cb (ContrailTimeline *self,
                double            offset_x,
                double            offset_y,
                GtkGestureDrag   *gesture)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->drag_mode == DRAG_NONE || width <= 0)
    return;

  if (!self->drag_started)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), (int)self->drag_x, (int)self->drag_y,
                                     (int)(self->drag_x + offset_x), (int)(self->drag_y + offset_y)))
        return;
      self->drag_started = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      {
        gint64 delta = (gint64)llround (-offset_x * contrail_time_window_get_duration (&self->drag_window) / width);

        set_window (self, self->drag_window.start + delta, self->drag_window.end + delta);
        if (self->vadjustment != NULL)
          gtk_adjustment_set_value (self->vadjustment, self->drag_start_value - offset_y);
      }
      break;

    case DRAG_OVERVIEW:
      {
        gint64 delta = (gint64)llround (offset_x * (double)(self->window.upper - self->window.lower) / width);

        set_window (self, self->drag_window.start + delta, self->drag_window.end + delta);
      }
      break;

    case DRAG_RANGE:
      self->range_end = contrail_time_window_from_x (&self->window,
                                                     CLAMP (self->drag_x + offset_x, 0, width), width);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (ContrailTimeline *self,
             double            offset_x,
             double            offset_y,
             GtkGestureDrag   *gesture)
{
  if (self->drag_mode == DRAG_RANGE && self->drag_started && fabs (offset_x) >= 4)
    set_window (self, MIN (self->range_start, self->range_end), MAX (self->range_start, self->range_end));

  self->drag_mode = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_cancel_cb (ContrailTimeline *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->drag_mode = DRAG_NONE;
  self->drag_started = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pinch_begin_cb (ContrailTimeline *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  double x, y;

  self->pinch_window = self->window;
  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  self->pinch_anchor = contrail_time_window_from_x (&self->window, x,
                                                    gtk_widget_get_width (GTK_WIDGET (self)));
}

static void
pinch_scale_changed_cb (ContrailTimeline *self,
                        double            scale,
                        GtkGestureZoom   *gesture)
{
  if (!(scale > 0) || !self->has_bounds)
    return;

  /* Zoom from where the pinch began */
  self->window = self->pinch_window;
  zoom_window (self, 1 / scale, self->pinch_anchor);
  window_changed (self);
}

static gboolean
query_tooltip_cb (ContrailTimeline *self,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *duration = NULL;
  ContrailSpan *span;
  const SpanInfo *info;
  guint row, index;
  double x0, x1, bar_y, bar_h;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  char buf[48];
  const char *type, *model, *error;
  gint64 tokens;

  if (self->trace == NULL)
    return FALSE;

  if (keyboard_mode)
    {
      index = self->selected_span;
      row = row_of_span (self, index);
    }
  else
    {
      row = row_at_y (self, y);
      if (row == NO_ROW || !x_on_bar (self, row, x))
        return FALSE;
      index = row_span (self, row);
    }
  if (index == NO_SPAN || index >= self->n_spans)
    return FALSE;

  span = contrail_trace_get_span (self->trace, index);
  info = &self->spans[index];
  lines = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (lines, g_strdup (info->name != NULL && info->name[0] != '\0' ? info->name
                                                                                 : _("Unnamed span")));

  type = contrail_span_get_span_type (span);
  model = contrail_span_get_model (span);
  if (type != NULL && model != NULL)
    /* Translators: the type and model of a span in its tooltip, e.g. "llm · gpt-4o" */
    g_ptr_array_add (lines, g_strdup_printf (_("%s · %s"), type, model));
  else if (type != NULL || model != NULL)
    g_ptr_array_add (lines, g_strdup (type != NULL ? type : model));

  if (info->flags & SPAN_HAS_BAR)
    {
      contrail_timeline_format_offset (info->start - self->origin, 1, buf, sizeof buf);
      /* Translators: when a span started, counted from the start of the trace, e.g. "Starts at 1.5 s" */
      g_ptr_array_add (lines, g_strdup_printf (_("Starts at %s"), buf));

      duration = contrail_format_duration ((info->end - info->start) / 1000.0);
      if (info->flags & SPAN_RUNNING)
        /* Translators: a span without an end time; %s is how long it has run so far */
        g_ptr_array_add (lines, g_strdup_printf (_("Still running after %s"), duration));
      else
        /* Translators: e.g. "Duration 1.25 s" */
        g_ptr_array_add (lines, g_strdup_printf (_("Duration %s"), duration));
      if (info->flags & SPAN_REVERSED)
        g_ptr_array_add (lines, g_strdup (_("Its end time is before its start time")));

      if (self->show_gaps && self->gap_offset != NULL && info->end > info->start)
        {
          g_autofree char *self_text = NULL;
          gint64 self_time = 0;

          for (guint g = self->gap_offset[index]; g < self->gap_offset[index + 1]; g++)
            self_time += self->gaps[g].end - self->gaps[g].start;
          self_text = contrail_format_duration (self_time / 1000.0);
          /* Translators: time a span spent outside its children, e.g. "Self time 120 ms (40%)" */
          g_ptr_array_add (lines, g_strdup_printf (_("Self time %s (%.0f%%)"), self_text,
                                                   100.0 * self_time / (info->end - info->start)));
        }
      if (self->critical_path && (info->flags & SPAN_CRITICAL))
        g_ptr_array_add (lines, g_strdup (_("On the critical path")));
    }
  else
    g_ptr_array_add (lines, g_strdup (_("No start time")));

  tokens = contrail_span_get_total_tokens (span);
  if (tokens != CONTRAIL_TOKENS_NONE && tokens >= 0)
    g_ptr_array_add (lines, contrail_format_tokens (tokens));

  error = contrail_span_get_error (span);
  if (error != NULL)
    {
      g_autofree char *shortened = g_utf8_substring (error, 0, MIN (g_utf8_strlen (error, -1), 200));

      /* Translators: a span's error message in its tooltip */
      g_ptr_array_add (lines, g_strdup_printf (_("Error: %s"), shortened));
    }
  g_ptr_array_add (lines, NULL);
  text = g_strjoinv ("\n", (char **)lines->pdata);

  /* Plain text: span data is never markup */
  gtk_tooltip_set_text (tooltip, text);

  if (row != NO_ROW && span_x (self, index, width, &x0, &x1))
    {
      bar_geometry (self, row_top (self, row), &bar_y, &bar_h);
      x0 = MAX (x0, 0);
      x1 = MIN (MAX (x1, x0 + 2), width);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int)x0 - 3, (int)bar_y,
                                                           (int)(x1 - x0) + 6, (int)bar_h });
    }

  return TRUE;
}

/* ---- Actions ---- */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);

  zoom_window (self, 1 / ZOOM_STEP, keyboard_anchor (self));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);

  zoom_window (self, ZOOM_STEP, keyboard_anchor (self));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);

  if (contrail_time_window_fit (&self->window))
    window_changed (self);
}

static void
zoom_to_span_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);

  zoom_to_span (self, self->selected_span);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);
  double fraction = g_variant_get_double (parameter);
  gint64 delta = (gint64)llround (fraction * contrail_time_window_get_duration (&self->window));

  if (delta == 0)
    delta = fraction < 0 ? -1 : 1;
  if (contrail_time_window_pan (&self->window, delta))
    window_changed (self);
}

static void
select_relative_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);
  int delta = g_variant_get_int32 (parameter);
  guint selected, target;

  if (self->model == NULL || n_rows (self) == 0)
    return;

  selected = gtk_single_selection_get_selected (self->model);
  if (selected == GTK_INVALID_LIST_POSITION)
    target = delta > 0 ? 0 : n_rows (self) - 1;
  else if (delta < 0)
    target = selected >= (guint)-delta ? selected + delta : 0;
  else
    target = MIN (selected + delta, n_rows (self) - 1);

  select_row (self, target);
}

/* ---- GObject and GtkWidget ---- */

static void
style_changed_cb (ContrailTimeline *self)
{
  update_colors (self);
  drop_caches (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
adjustment_value_changed_cb (ContrailTimeline *self,
                             GtkAdjustment    *adjustment)
{
  drop_bars (self);
  if (self->pointer_inside)
    update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
adjustment_changed_cb (ContrailTimeline *self,
                       GtkAdjustment    *adjustment)
{
  /* The page size of a shared adjustment decides where the rows begin */
  if (self->shared_vadjustment)
    {
      drop_caches (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
hadjustment_value_changed_cb (ContrailTimeline *self,
                              GtkAdjustment    *adjustment)
{
  gint64 start;

  if (self->in_hadjustment_update)
    return;

  start = self->window.lower + (gint64)llround (gtk_adjustment_get_value (adjustment));
  set_window (self, start, start + contrail_time_window_get_duration (&self->window));
}

static void
set_vadjustment (ContrailTimeline *self,
                 GtkAdjustment    *adjustment,
                 gboolean          shared)
{
  if (adjustment == NULL && !shared)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (self->vadjustment != adjustment)
    {
      if (self->vadjustment != NULL)
        g_signal_handlers_disconnect_by_data (self->vadjustment, self);
      g_clear_object (&self->vadjustment);

      if (adjustment != NULL)
        {
          self->vadjustment = g_object_ref_sink (adjustment);
          g_signal_connect_object (adjustment, "value-changed",
                                   G_CALLBACK (adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (adjustment, "changed",
                                   G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
        }
    }

  self->shared_vadjustment = shared;
  configure_vadjustment (self);
  drop_caches (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "vadjustment");
}

static void
set_hadjustment (ContrailTimeline *self,
                 GtkAdjustment    *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (self->hadjustment == adjustment)
    return;

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_clear_object (&self->hadjustment);

  self->hadjustment = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (hadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  configure_hadjustment (self);
  g_object_notify (G_OBJECT (self), "hadjustment");
}

static gboolean
contrail_timeline_get_border (GtkScrollable *scrollable,
                              GtkBorder     *border)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (scrollable);

  border->top = header_height (self);

  return TRUE;
}

static void
contrail_timeline_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = contrail_timeline_get_border;
}

static void
contrail_timeline_dispose (GObject *object)
{
  ContrailTimeline *self = (ContrailTimeline *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->trace);
  g_clear_object (&self->measure_layout);
  drop_caches (self);

  G_OBJECT_CLASS (contrail_timeline_parent_class)->dispose (object);
}

static void
contrail_timeline_finalize (GObject *object)
{
  ContrailTimeline *self = (ContrailTimeline *)object;

  clear_trace_data (self);
  g_clear_object (&self->search_result);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->lod, g_array_unref);
  g_clear_pointer (&self->label_widths, g_hash_table_unref);

  G_OBJECT_CLASS (contrail_timeline_parent_class)->finalize (object);
}

static void
contrail_timeline_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_ROW_HEIGHT:
      g_value_set_int (value, self->row_height);
      break;

    case PROP_CRITICAL_PATH:
      g_value_set_boolean (value, self->critical_path);
      break;

    case PROP_SHOW_GAPS:
      g_value_set_boolean (value, self->show_gaps);
      break;

    case PROP_SEARCH_RESULT:
      g_value_set_object (value, self->search_result);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_timeline_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      contrail_timeline_set_trace (self, g_value_get_object (value));
      break;

    case PROP_MODEL:
      contrail_timeline_set_model (self, g_value_get_object (value));
      break;

    case PROP_ROW_HEIGHT:
      contrail_timeline_set_row_height (self, g_value_get_int (value));
      break;

    case PROP_CRITICAL_PATH:
      contrail_timeline_set_critical_path (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_GAPS:
      contrail_timeline_set_show_gaps (self, g_value_get_boolean (value));
      break;

    case PROP_SEARCH_RESULT:
      contrail_timeline_set_search_result (self, g_value_get_object (value));
      break;

    case PROP_HADJUSTMENT:
      set_hadjustment (self, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_vadjustment (self, g_value_get_object (value), FALSE);
      break;

    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint)g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint)g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_timeline_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      *minimum = RULER_HEIGHT + self->row_height;
      *natural = RULER_HEIGHT + OVERVIEW_HEIGHT + self->row_height * 8;
    }
}

static void
contrail_timeline_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);

  drop_caches (self);
  configure_vadjustment (self);
  if (self->pointer_inside)
    update_hover (self);
}

static void
contrail_timeline_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  ContrailTimeline *self = CONTRAIL_TIMELINE (widget);

  GTK_WIDGET_CLASS (contrail_timeline_parent_class)->css_changed (widget, change);

  g_hash_table_remove_all (self->label_widths);
  g_clear_object (&self->measure_layout);
  style_changed_cb (self);
}

static void
contrail_timeline_class_init (ContrailTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrail_timeline_dispose;
  object_class->finalize = contrail_timeline_finalize;
  object_class->get_property = contrail_timeline_get_property;
  object_class->set_property = contrail_timeline_set_property;

  widget_class->snapshot = contrail_timeline_snapshot;
  widget_class->measure = contrail_timeline_measure;
  widget_class->size_allocate = contrail_timeline_size_allocate;
  widget_class->css_changed = contrail_timeline_css_changed;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         CONTRAIL_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         GTK_TYPE_SINGLE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_HEIGHT] =
    g_param_spec_int ("row-height", NULL, NULL,
                      1, 1000, 30,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CRITICAL_PATH] =
    g_param_spec_boolean ("critical-path", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_GAPS] =
    g_param_spec_boolean ("show-gaps", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_RESULT] =
    g_param_spec_object ("search-result", NULL, NULL,
                         CONTRAIL_TYPE_SEARCH_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-to-span", NULL, zoom_to_span_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "d", pan_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-relative", "i",
                                   select_relative_action);
  gtk_widget_class_install_property_action (widget_class, "timeline.critical-path", "critical-path");
  gtk_widget_class_install_property_action (widget_class, "timeline.show-gaps", "show-gaps");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, 0, "timeline.zoom-to-span", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.pan", "d", -0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.pan", "d", 0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK,
                                       "timeline.pan", "d", -0.5);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK,
                                       "timeline.pan", "d", 0.5);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0,
                                       "timeline.select-relative", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0,
                                       "timeline.select-relative", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0,
                                       "timeline.select-relative", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0,
                                       "timeline.select-relative", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "timeline.select-relative", "i", -10);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "timeline.select-relative", "i", 10);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "timeline.critical-path", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, 0, "timeline.show-gaps", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
contrail_timeline_init (ContrailTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (ContrailTimeTick));
  self->lod = g_array_new (FALSE, FALSE, sizeof (ContrailTimeInterval));
  self->label_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->row_height = 30;
  self->selected_span = NO_SPAN;
  self->hover_row = NO_ROW;
  contrail_time_window_init (&self->window, 0, 1);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Span timeline"),
                                  -1);

  set_hadjustment (self, NULL);
  set_vadjustment (self, NULL, FALSE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

/* ---- Public API ---- */

GtkWidget *
contrail_timeline_new (void)
{
  return g_object_new (CONTRAIL_TYPE_TIMELINE, NULL);
}

void
contrail_timeline_set_trace (ContrailTimeline *self,
                             ContrailTrace    *trace)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));
  g_return_if_fail (trace == NULL || CONTRAIL_IS_TRACE (trace));

  if (!g_set_object (&self->trace, trace))
    return;

  /* The matches were spans of the old trace. */
  if (self->search_result != NULL)
    {
      g_clear_object (&self->search_result);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_RESULT]);
    }

  build_trace_data (self);
  if (self->critical_path)
    ensure_critical_path (self);
  if (self->show_gaps)
    ensure_gaps (self);
  drop_caches (self);
  rebuild_rows (self);
  window_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

/**
 * contrail_timeline_get_trace:
 *
 * Returns: (transfer none) (nullable): the trace shown
 */
ContrailTrace *
contrail_timeline_get_trace (ContrailTimeline *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), NULL);

  return self->trace;
}

void
contrail_timeline_set_model (ContrailTimeline   *self,
                             GtkSingleSelection *model)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));
  g_return_if_fail (model == NULL || GTK_IS_SINGLE_SELECTION (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed",
                               G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
      /* The position, or the item at the same position */
      g_signal_connect_object (model, "notify::selected",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::selected-item",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
    }

  rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * contrail_timeline_get_model:
 *
 * Returns: (transfer none) (nullable): the selection model of the rows
 */
GtkSingleSelection *
contrail_timeline_get_model (ContrailTimeline *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), NULL);

  return self->model;
}

void
contrail_timeline_set_row_height (ContrailTimeline *self,
                                  int               row_height)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));
  g_return_if_fail (row_height > 0);

  if (self->row_height == row_height)
    return;

  self->row_height = row_height;
  drop_caches (self);
  configure_vadjustment (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_HEIGHT]);
}

int
contrail_timeline_get_row_height (ContrailTimeline *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), 0);

  return self->row_height;
}

void
contrail_timeline_share_vadjustment (ContrailTimeline *self,
                                     GtkAdjustment    *adjustment)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));
  g_return_if_fail (adjustment == NULL || GTK_IS_ADJUSTMENT (adjustment));

  set_vadjustment (self, adjustment, adjustment != NULL);
}

void
contrail_timeline_set_critical_path (ContrailTimeline *self,
                                     gboolean          critical_path)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  critical_path = !!critical_path;
  if (self->critical_path == (guint)critical_path)
    return;

  self->critical_path = critical_path;
  if (critical_path)
    ensure_critical_path (self);
  drop_bars (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRITICAL_PATH]);
}

gboolean
contrail_timeline_get_critical_path (ContrailTimeline *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), FALSE);

  return self->critical_path;
}

void
contrail_timeline_set_show_gaps (ContrailTimeline *self,
                                 gboolean          show_gaps)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  show_gaps = !!show_gaps;
  if (self->show_gaps == (guint)show_gaps)
    return;

  self->show_gaps = show_gaps;
  if (show_gaps)
    ensure_gaps (self);
  drop_bars (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GAPS]);
}

gboolean
contrail_timeline_get_show_gaps (ContrailTimeline *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), FALSE);

  return self->show_gaps;
}

void
contrail_timeline_set_search_result (ContrailTimeline     *self,
                                     ContrailSearchResult *result)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));
  g_return_if_fail (result == NULL || CONTRAIL_IS_SEARCH_RESULT (result));

  if (result != NULL && contrail_search_result_get_trace (result) != self->trace)
    {
      g_debug ("Ignoring a search result of another trace");
      result = NULL;
    }

  if (!g_set_object (&self->search_result, result))
    return;

  build_search_data (self);
  drop_caches (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_RESULT]);
}

/**
 * contrail_timeline_get_search_result:
 *
 * Returns: (transfer none) (nullable): the search result shown
 */
ContrailSearchResult *
contrail_timeline_get_search_result (ContrailTimeline *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), NULL);

  return self->search_result;
}

/* ---- Private API (tests and benchmark) ---- */

void
_contrail_timeline_get_window (ContrailTimeline   *self,
                               ContrailTimeWindow *window)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  *window = self->window;
}

void
_contrail_timeline_set_window (ContrailTimeline *self,
                               gint64            start,
                               gint64            end)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  set_window (self, start, end);
}

void
_contrail_timeline_zoom_at (ContrailTimeline *self,
                            double            factor,
                            gint64            anchor)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  zoom_window (self, factor, anchor);
}

void
_contrail_timeline_drop_caches (ContrailTimeline *self)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  drop_caches (self);
}

void
_contrail_timeline_snapshot (ContrailTimeline *self,
                             GtkSnapshot      *snapshot)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  contrail_timeline_snapshot (GTK_WIDGET (self), snapshot);
}

void
_contrail_timeline_click (ContrailTimeline *self,
                          double            x,
                          double            y,
                          int               n_press)
{
  guint row;

  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  row = row_at_y (self, y);
  if (row == NO_ROW)
    return;

  if (n_press == 1)
    select_row (self, row);
  else if (n_press == 2)
    {
      select_row (self, row);
      zoom_to_span (self, row_span (self, row));
    }
}

double
_contrail_timeline_get_row_y (ContrailTimeline *self,
                              guint             row)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), 0);

  return row_top (self, row) + self->row_height / 2.0;
}

guint
_contrail_timeline_get_n_rows (ContrailTimeline *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), 0);

  return n_rows (self);
}

guint
_contrail_timeline_get_n_search_matches (ContrailTimeline *self)
{
  guint n = 0;

  g_return_val_if_fail (CONTRAIL_IS_TIMELINE (self), 0);

  for (guint i = 0; i < self->n_spans; i++)
    n += (self->spans[i].flags & SPAN_MATCH) != 0;

  return n;
}

void
_contrail_timeline_get_draw_stats (ContrailTimeline *self,
                                   guint            *n_bars,
                                   guint            *n_labels)
{
  g_return_if_fail (CONTRAIL_IS_TIMELINE (self));

  *n_bars = self->n_bars_drawn;
  *n_labels = self->n_labels_drawn;
}
