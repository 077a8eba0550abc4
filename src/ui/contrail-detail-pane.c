/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailDetailPane: the selected span (or the trace) in one scrolled
 * column: an overview header, then a card per text (input, output,
 * instructions, observations — each hidden when absent), the metrics, and
 * meta and scorer context.  The trace (no span selected) also gets its
 * tokens and calls per model; no cost: Opper's v2 traces carry none.
 *
 * Text from traces is data: it only reaches plain-text setters
 * (gtk_label_set_text, gtk_inscription_set_text, tooltips) and the text
 * views' buffers, never markup.  The pane never decodes a big text on the
 * main thread: the text views get ContrailTextSources and work off-thread.
 */

#define G_LOG_DOMAIN "contrail-detail-pane"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrail-detail-pane.h"
#include "contrail-format.h"
#include "contrail-metric.h"
#include "contrail-text-view.h"
#include "contrail-time.h"

#define COPIED_TIMEOUT_MS 1500
#define MAX_MODEL_ROWS    12    /* more models are summed up in one row */

struct _ContrailDetailPane
{
  GtkWidget          parent_instance;

  /* Owned */
  ContrailTrace     *trace;
  ContrailSpan      *span;
  GSettings         *settings;          /* NULL when the schema is not installed */
  GtkButton         *copied_button;     /* shows a check mark until copied_source */
  guint              copied_source;

  /* Template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scrolled;
  GtkImage          *kind_icon;
  GtkLabel          *name_label;
  GtkLabel          *subtitle_label;
  GtkFlowBox        *stats_box;
  GtkFlowBox        *tags_box;
  GtkWidget         *error_box;
  GtkLabel          *error_label;
  GtkWidget         *span_id_row;
  GtkLabel          *span_id_label;
  GtkButton         *span_id_button;
  GtkWidget         *parent_id_row;
  GtkLabel          *parent_id_label;
  GtkButton         *parent_id_button;
  GtkWidget         *generation_id_row;
  GtkLabel          *generation_id_label;
  GtkButton         *generation_id_button;
  GtkWidget         *trace_id_row;
  GtkLabel          *trace_id_label;
  GtkButton         *trace_id_button;
  GtkWidget         *models_card;
  GtkLabel          *models_info_label;
  GtkGrid           *models_grid;
  ContrailTextView  *input_view;
  ContrailTextView  *output_view;
  ContrailTextView  *instructions_view;
  ContrailTextView  *observations_view;
  GtkWidget         *metrics_card;
  GtkLabel          *metrics_info_label;
  GtkFlowBox        *scores_box;
  GtkWidget         *metrics_scrolled;
  GtkColumnView     *metrics_view;
  GtkWidget         *metrics_empty_label;
  ContrailTextView  *meta_view;
  ContrailTextView  *scorer_view;
};

G_DEFINE_FINAL_TYPE (ContrailDetailPane, contrail_detail_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_SPAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Formatting (plain text, never markup) ---- */

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

/* Local time with milliseconds: "2025-11-20 10:14:02.120". */
static char *
format_local_time (gint64 time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *seconds = NULL;
  gint64 secs;
  gint64 usec;

  if (!CONTRAIL_TIME_IS_VALID (time))
    return NULL;

  secs = time / G_USEC_PER_SEC;
  usec = time % G_USEC_PER_SEC;
  if (usec < 0)
    {
      secs--;
      usec += G_USEC_PER_SEC;
    }

  if (!(utc = g_date_time_new_from_unix_utc (secs)) || !(local = g_date_time_to_local (utc)))
    return NULL;

  seconds = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");

  return g_strdup_printf ("%s.%03d", seconds, (int)(usec / 1000));
}

static char *
format_iso_time (gint64 time)
{
  char buf[32];

  if (!contrail_time_format (time, buf))
    return NULL;

  return g_strdup (buf);
}

static const char *
kind_icon_name (ContrailSpanKind kind)
{
  switch (kind)
    {
    case CONTRAIL_SPAN_KIND_LLM:
      return "contrail-span-llm-symbolic";
    case CONTRAIL_SPAN_KIND_TOOL:
      return "contrail-span-tool-symbolic";
    case CONTRAIL_SPAN_KIND_AGENT:
      return "contrail-span-agent-symbolic";
    case CONTRAIL_SPAN_KIND_OTHER:
    default:
      return "contrail-span-other-symbolic";
    }
}

static const char *
kind_css_class (ContrailSpanKind kind)
{
  switch (kind)
    {
    case CONTRAIL_SPAN_KIND_LLM:
      return "llm";
    case CONTRAIL_SPAN_KIND_TOOL:
      return "tool";
    case CONTRAIL_SPAN_KIND_AGENT:
      return "agent";
    case CONTRAIL_SPAN_KIND_OTHER:
    default:
      return "other";
    }
}

/* ---- Style ---- */

static void
ensure_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "contrail-detail-pane-css"))
    return;

  /* The pane's own rules (named colours only), beside the app's style.css. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/contrail/Contrail/contrail-detail-pane.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "contrail-detail-pane-css",
                          g_steal_pointer (&provider), g_object_unref);
}

/* ---- Overview ---- */

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* A tile: a caption, a value and an optional line below; all plain text. */
static void
add_stat (GtkFlowBox *box,
          const char *title,
          const char *value,
          const char *detail,
          const char *tooltip,
          const char *css_class)
{
  GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value != NULL ? value : "—");
  GtkWidget *child;

  gtk_widget_add_css_class (tile, "detail-stat");
  if (css_class != NULL)
    gtk_widget_add_css_class (tile, css_class);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title_label, "caption-heading");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_box_append (GTK_BOX (tile), title_label);

  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "detail-stat-value");
  if (value == NULL)
    gtk_widget_add_css_class (value_label, "dim-label");
  gtk_box_append (GTK_BOX (tile), value_label);

  if (detail != NULL)
    {
      GtkWidget *detail_label = gtk_label_new (detail);

      gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (detail_label, "caption");
      gtk_widget_add_css_class (detail_label, "dim-label");
      gtk_box_append (GTK_BOX (tile), detail_label);
    }

  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (tile, tooltip);

  gtk_flow_box_append (box, tile);
  child = gtk_widget_get_parent (tile);
  gtk_widget_set_focusable (child, FALSE);
}

static void
set_id_row (GtkWidget  *row,
            GtkLabel   *label,
            const char *id)
{
  gtk_widget_set_visible (row, id != NULL && id[0] != '\0');
  gtk_label_set_text (label, id != NULL ? id : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), id);
}

static void
set_tags (ContrailDetailPane *self,
          const char * const *tags)
{
  clear_flow_box (self->tags_box);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (tags[i]);
      GtkWidget *child;

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_tooltip_text (label, tags[i]);
      gtk_widget_add_css_class (label, "detail-tag");
      gtk_flow_box_append (self->tags_box, label);
      child = gtk_widget_get_parent (label);
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags != NULL && tags[0] != NULL);
}

/* Span data in the header's wrapped labels is cut to an excerpt: a label
 * lays out all of its text each time it is measured, and names, types and
 * errors of 10 kB (RTL, emoji, combining marks) stalled the window for one
 * to two seconds per selected span; at these lengths, 25-55 ms (Xvfb, the
 * cairo renderer).  The whole texts stay in the span's JSON (copy, export)
 * and the row's tooltip. */
#define NAME_MAX_CHARS     100
#define SUBTITLE_MAX_CHARS 60    /* each of type and model */
#define ERROR_MAX_CHARS    250

static void
set_name (ContrailDetailPane *self,
          const char         *name,
          const char         *fallback)
{
  g_autofree char *shown = contrail_format_excerpt (name, NAME_MAX_CHARS);

  gtk_label_set_text (self->name_label, shown != NULL && shown[0] != '\0' ? shown : fallback);
}

static void
set_error (ContrailDetailPane *self,
           const char         *error)
{
  g_autofree char *shown = contrail_format_excerpt (error, ERROR_MAX_CHARS);

  gtk_label_set_text (self->error_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (self->error_box, error != NULL);
}

static void
set_kind (ContrailDetailPane *self,
          const char         *icon_name,
          const char         *css_class)
{
  static const char *classes[] = { "llm", "tool", "agent", "other", "trace" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->kind_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_icon), css_class);
  gtk_image_set_from_icon_name (self->kind_icon, icon_name);
}

/* The first root's score stands for the trace: Opper's trace has none. */
static gboolean
get_trace_score (ContrailTrace *trace,
                 double        *score)
{
  ContrailSpan *root;

  if (trace == NULL || (root = contrail_trace_get_root (trace, 0)) == NULL)
    return FALSE;

  return contrail_span_get_effective_score (root, score);
}

/* "{}" or null in meta or scorer context says nothing: hidden like absent. */
static gboolean
is_empty_document (ContrailTextSource *source)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  if (source == NULL || contrail_text_source_get_size (source) > 64)
    return FALSE;

  bytes = contrail_text_source_get_bytes (source);
  text = g_strstrip (g_strdup (g_bytes_get_data (bytes, NULL)));

  return text[0] == '\0' || g_str_equal (text, "{}") || g_str_equal (text, "null");
}

static void
show_text (ContrailTextView   *view,
           ContrailTextSource *source)
{
  contrail_text_view_set_source (view, source);
  gtk_widget_set_visible (GTK_WIDGET (view), source != NULL);
}

static void
show_span_texts (ContrailDetailPane *self,
                 ContrailSpan       *span)
{
  static const struct
  {
    gsize             offset;
    ContrailTextField field;
  } texts[] = {
    { G_STRUCT_OFFSET (ContrailDetailPane, input_view), CONTRAIL_TEXT_FIELD_INPUT },
    { G_STRUCT_OFFSET (ContrailDetailPane, output_view), CONTRAIL_TEXT_FIELD_OUTPUT },
    { G_STRUCT_OFFSET (ContrailDetailPane, instructions_view), CONTRAIL_TEXT_FIELD_INSTRUCTIONS },
    { G_STRUCT_OFFSET (ContrailDetailPane, observations_view), CONTRAIL_TEXT_FIELD_OBSERVATIONS },
    { G_STRUCT_OFFSET (ContrailDetailPane, meta_view), CONTRAIL_TEXT_FIELD_META },
    { G_STRUCT_OFFSET (ContrailDetailPane, scorer_view), CONTRAIL_TEXT_FIELD_SCORER_CONTEXT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      ContrailTextView *view = G_STRUCT_MEMBER (ContrailTextView *, self, texts[i].offset);
      g_autoptr(ContrailTextSource) source = NULL;

      if (span != NULL)
        source = contrail_text_source_new_for_span (span, texts[i].field);
      if ((texts[i].field == CONTRAIL_TEXT_FIELD_META ||
           texts[i].field == CONTRAIL_TEXT_FIELD_SCORER_CONTEXT) &&
          is_empty_document (source))
        g_clear_pointer (&source, contrail_text_source_unref);
      show_text (view, source);
    }
}

static void
show_metrics (ContrailDetailPane *self,
              ContrailSpan       *span,
              ContrailTrace      *trace)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *info = NULL;
  guint n_metrics = contrail_span_get_n_metrics (span);
  double score;

  selection = gtk_no_selection_new (g_object_ref (contrail_span_get_metrics (span)));
  gtk_column_view_set_model (self->metrics_view, GTK_SELECTION_MODEL (selection));
  gtk_widget_set_visible (self->metrics_scrolled, n_metrics > 0);
  gtk_widget_set_visible (self->metrics_empty_label, n_metrics == 0);

  info = g_strdup_printf (ngettext ("%u metric", "%u metrics", n_metrics), n_metrics);
  gtk_label_set_text (self->metrics_info_label, info);

  clear_flow_box (self->scores_box);
  {
    g_autofree char *span_score = NULL;
    g_autofree char *trace_score = NULL;
    g_autofree char *trace_tokens = NULL;
    gint64 tokens;

    if (contrail_span_get_effective_score (span, &score))
      span_score = format_number (score);
    if (get_trace_score (trace, &score))
      trace_score = format_number (score);
    if (trace != NULL && (tokens = contrail_trace_get_total_tokens (trace)) != CONTRAIL_TOKENS_NONE)
      trace_tokens = contrail_format_count (tokens);

    add_stat (self->scores_box, _("Span Score"), span_score, NULL, NULL, NULL);
    add_stat (self->scores_box, _("Trace Score"), trace_score, NULL,
              _("The score of the trace’s root span"), NULL);
    add_stat (self->scores_box, _("Trace Tokens"), trace_tokens, NULL, NULL, NULL);
  }

  gtk_widget_set_visible (self->metrics_card, TRUE);
}

/* ---- Tokens and calls per model ---- */

static void
add_model_cell (GtkGrid    *grid,
                int         column,
                int         row,
                const char *text,
                const char *tooltip,
                gboolean    numeric,
                gboolean    heading)
{
  g_autofree char *shown = contrail_format_excerpt (text, NAME_MAX_CHARS);
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  if (!numeric)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    {
      gtk_widget_add_css_class (label, "numeric");
    }
  if (heading)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    }
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (label, tooltip);

  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
add_model_row (ContrailDetailPane *self,
               int                 row,
               const char         *model,
               guint               n_calls,
               gint64              tokens,
               gboolean            other)
{
  g_autofree char *calls_text = contrail_format_count (n_calls);
  g_autofree char *tokens_text = tokens != CONTRAIL_TOKENS_NONE ? contrail_format_count (tokens)
                                                                : g_strdup ("—");

  add_model_cell (self->models_grid, 0, row, model, other ? NULL : model, FALSE, FALSE);
  add_model_cell (self->models_grid, 1, row, calls_text, NULL, TRUE, FALSE);
  add_model_cell (self->models_grid, 2, row, tokens_text, NULL, TRUE, FALSE);
}

/* Tokens and calls per model, most tokens first (model names are data:
 * plain-text labels only). */
static void
show_model_usage (ContrailDetailPane *self,
                  ContrailTrace      *trace)
{
  g_autoptr(GArray) usage = trace != NULL ? contrail_trace_get_model_usage (trace) : NULL;
  g_autofree char *models_text = NULL;
  g_autofree char *calls_text = NULL;
  g_autofree char *info = NULL;
  GtkWidget *child;
  guint n_calls = 0;
  guint other_models = 0;
  guint other_calls = 0;
  gint64 other_tokens = CONTRAIL_TOKENS_NONE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->models_grid))) != NULL)
    gtk_grid_remove (self->models_grid, child);

  gtk_widget_set_visible (self->models_card, usage != NULL && usage->len > 0);
  if (usage == NULL || usage->len == 0)
    return;

  add_model_cell (self->models_grid, 0, 0, _("Model"), NULL, FALSE, TRUE);
  add_model_cell (self->models_grid, 1, 0, _("Calls"), NULL, TRUE, TRUE);
  add_model_cell (self->models_grid, 2, 0, _("Tokens"), NULL, TRUE, TRUE);

  for (guint i = 0; i < usage->len; i++)
    {
      const ContrailModelUsage *entry = &g_array_index (usage, ContrailModelUsage, i);

      n_calls += entry->n_spans;
      if (i < MAX_MODEL_ROWS)
        {
          add_model_row (self, i + 1, entry->model, entry->n_spans, entry->tokens, FALSE);
          continue;
        }

      other_models++;
      other_calls += entry->n_spans;
      if (entry->tokens != CONTRAIL_TOKENS_NONE)
        other_tokens = (other_tokens == CONTRAIL_TOKENS_NONE ? 0 : other_tokens) + entry->tokens;
    }

  if (other_models > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u other model", "%u other models",
                                                         other_models),
                                                other_models);

      add_model_row (self, MAX_MODEL_ROWS + 1, label, other_calls, other_tokens, TRUE);
    }

  models_text = g_strdup_printf (ngettext ("%u model", "%u models", usage->len), usage->len);
  calls_text = g_strdup_printf (ngettext ("%u call", "%u calls", n_calls), n_calls);
  /* Translators: the models card's caption, e.g. "3 models · 14 calls" */
  info = g_strdup_printf (_("%s · %s"), models_text, calls_text);
  gtk_label_set_text (self->models_info_label, info);
}

static void
show_span (ContrailDetailPane *self,
           ContrailTrace      *trace,
           ContrailSpan       *span)
{
  const char *type = contrail_span_get_span_type (span);
  const char *model = contrail_span_get_model (span);
  const char *name = contrail_span_get_name (span);
  ContrailSpanKind kind = contrail_span_get_kind (span);
  gint64 start = contrail_span_get_start_time (span);
  gint64 tokens = contrail_span_get_total_tokens (span);
  gint64 subtree_tokens = contrail_span_tokens_with_children (span);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *offset = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *tokens_text = NULL;
  g_autofree char *subtree_text = NULL;
  g_autofree char *score_text = NULL;
  double value;
  gint64 trace_start;
  gint64 trace_end;

  /* Name, type and model */
  set_kind (self, kind_icon_name (kind), kind_css_class (kind));
  set_name (self, name, _("Unnamed span"));
  if (type != NULL && type[0] != '\0')
    {
      g_autofree char *shown = contrail_format_excerpt (type, SUBTITLE_MAX_CHARS);

      g_string_append (subtitle, shown);
    }
  if (model != NULL && model[0] != '\0')
    {
      g_autofree char *shown = contrail_format_excerpt (model, SUBTITLE_MAX_CHARS);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, shown);
    }
  gtk_label_set_text (self->subtitle_label, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle->len > 0);

  /* Times, tokens, score */
  if (CONTRAIL_TIME_IS_VALID (start))
    {
      absolute = format_local_time (start);
      iso = format_iso_time (start);
      if (trace != NULL && contrail_trace_get_time_bounds (trace, &trace_start, &trace_end))
        {
          g_autofree char *since = contrail_format_duration (contrail_time_diff_ms (start, trace_start));

          /* Translators: time since the trace started, e.g. "+1.24 s" */
          offset = g_strdup_printf (_("+%s"), since);
        }
    }
  if (contrail_span_get_duration_ms (span, &value))
    duration = contrail_format_duration (value);
  else if (CONTRAIL_TIME_IS_VALID (start) &&
           !CONTRAIL_TIME_IS_VALID (contrail_span_get_end_time (span)))
    duration = g_strdup (_("Running"));
  if (tokens != CONTRAIL_TOKENS_NONE)
    tokens_text = contrail_format_count (tokens);
  if (subtree_tokens != CONTRAIL_TOKENS_NONE &&
      (subtree_tokens != tokens || contrail_span_get_n_children (span) > 0))
    {
      g_autofree char *count = contrail_format_count (subtree_tokens);

      /* Translators: tokens of the span and all spans below it, e.g. "12,345 with children" */
      subtree_text = g_strdup_printf (_("%s with children"), count);
    }
  if (contrail_span_get_effective_score (span, &value))
    score_text = format_number (value);

  clear_flow_box (self->stats_box);
  add_stat (self->stats_box, _("Start"), offset != NULL ? offset : absolute,
            offset != NULL ? absolute : NULL, iso, NULL);
  add_stat (self->stats_box, _("Duration"), duration, NULL, NULL, NULL);
  add_stat (self->stats_box, _("Tokens"), tokens_text, subtree_text, NULL, NULL);
  add_stat (self->stats_box, _("Score"), score_text, NULL, NULL, NULL);

  set_tags (self, contrail_span_get_tags (span));
  set_error (self, contrail_span_get_error (span));

  /* Identifiers */
  set_id_row (self->span_id_row, self->span_id_label, contrail_span_get_id (span));
  set_id_row (self->parent_id_row, self->parent_id_label, contrail_span_get_parent_id (span));
  set_id_row (self->generation_id_row, self->generation_id_label,
              contrail_span_get_generation_id (span));
  set_id_row (self->trace_id_row, self->trace_id_label,
              trace != NULL ? contrail_trace_get_id (trace) : NULL);

  show_span_texts (self, span);
  show_metrics (self, span, trace);
  show_model_usage (self, NULL);
}

static void
show_trace (ContrailDetailPane *self,
            ContrailTrace      *trace)
{
  const char *name = contrail_trace_get_name (trace);
  const char *status = contrail_trace_get_status (trace);
  gint64 start = contrail_trace_get_start_time (trace);
  gint64 tokens = contrail_trace_get_total_tokens (trace);
  guint n_spans = contrail_trace_get_span_count (trace);
  guint n_errors = contrail_trace_get_n_errors (trace);
  g_autoptr(ContrailTextSource) input = NULL;
  g_autoptr(ContrailTextSource) output = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *tokens_text = NULL;
  g_autofree char *spans_text = NULL;
  g_autofree char *errors_text = NULL;
  double value;
  gint64 bounds_start;
  gint64 bounds_end;

  set_kind (self, "contrail-span-agent-symbolic", "trace");
  set_name (self, name, _("Unnamed trace"));

  if (status != NULL && status[0] != '\0')
    /* Translators: the subtitle of a trace, e.g. "Trace · success" */
    subtitle = g_strdup_printf (_("Trace · %s"), status);
  else
    subtitle = g_strdup (_("Trace"));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);

  if (!CONTRAIL_TIME_IS_VALID (start) &&
      contrail_trace_get_time_bounds (trace, &bounds_start, &bounds_end))
    start = bounds_start;
  absolute = format_local_time (start);
  iso = format_iso_time (start);
  if (contrail_trace_get_duration_ms (trace, &value))
    duration = contrail_format_duration (value);
  if (tokens == CONTRAIL_TOKENS_NONE)
    tokens = contrail_trace_get_span_tokens (trace);
  if (tokens != CONTRAIL_TOKENS_NONE)
    tokens_text = contrail_format_count (tokens);
  spans_text = contrail_format_count (n_spans);
  errors_text = contrail_format_count (n_errors);

  clear_flow_box (self->stats_box);
  add_stat (self->stats_box, _("Start"), absolute, NULL, iso, NULL);
  add_stat (self->stats_box, _("Duration"), duration, NULL, NULL, NULL);
  add_stat (self->stats_box, _("Tokens"), tokens_text, NULL, NULL, NULL);
  add_stat (self->stats_box, _("Spans"), spans_text, NULL, NULL, NULL);
  add_stat (self->stats_box, _("Errors"), errors_text, NULL, NULL,
            n_errors > 0 ? "error" : NULL);

  set_tags (self, NULL);
  set_error (self, NULL);

  gtk_widget_set_visible (self->span_id_row, FALSE);
  gtk_widget_set_visible (self->parent_id_row, FALSE);
  gtk_widget_set_visible (self->generation_id_row, FALSE);
  set_id_row (self->trace_id_row, self->trace_id_label, contrail_trace_get_id (trace));

  show_span_texts (self, NULL);
  input = contrail_text_source_new_for_trace (trace, CONTRAIL_TEXT_FIELD_INPUT);
  output = contrail_text_source_new_for_trace (trace, CONTRAIL_TEXT_FIELD_OUTPUT);
  show_text (self->input_view, input);
  show_text (self->output_view, output);

  gtk_column_view_set_model (self->metrics_view, NULL);
  gtk_widget_set_visible (self->metrics_card, FALSE);
  show_model_usage (self, trace);
}

static void
clear (ContrailDetailPane *self)
{
  show_span_texts (self, NULL);
  gtk_column_view_set_model (self->metrics_view, NULL);
  clear_flow_box (self->stats_box);
  clear_flow_box (self->scores_box);
  set_tags (self, NULL);
  show_model_usage (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- Metrics cells ---- */

static void
metric_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 6);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 16);
  gtk_list_item_set_child (item, inscription);
}

static void
metric_setup_numeric_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  metric_setup_cb (factory, item, user_data);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (gtk_list_item_get_child (item)), 1.0);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (gtk_list_item_get_child (item)), 8);
  gtk_widget_add_css_class (gtk_list_item_get_child (item), "numeric");
}

static void
metric_setup_comment_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  metric_setup_cb (factory, item, user_data);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (gtk_list_item_get_child (item)), 24);
}

static void
set_cell (GtkListItem *item,
          const char  *text)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));

  gtk_inscription_set_text (inscription, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (inscription), text);
}

static void
metric_dimension_bind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          gpointer                  user_data)
{
  ContrailMetric *metric = gtk_list_item_get_item (item);

  set_cell (item, contrail_metric_get_dimension (metric));
}

static void
metric_value_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  ContrailMetric *metric = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  double value;

  if (contrail_metric_get_value (metric, &value))
    text = format_number (value);
  set_cell (item, text);
}

static void
metric_comment_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  ContrailMetric *metric = gtk_list_item_get_item (item);

  set_cell (item, contrail_metric_get_comment (metric));
}

static void
metric_created_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  ContrailMetric *metric = gtk_list_item_get_item (item);
  gint64 created = contrail_metric_get_created_at (metric);
  g_autofree char *text = format_local_time (created);
  g_autofree char *iso = format_iso_time (created);

  /* Milliseconds say little here; the tooltip has the exact time. */
  if (text != NULL && strlen (text) > 19)
    text[19] = '\0';

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), iso);
}

static void
metric_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  set_cell (item, NULL);
}

/* ---- Actions ---- */

static gboolean
reset_copied_cb (gpointer user_data)
{
  ContrailDetailPane *self = user_data;

  self->copied_source = 0;
  if (self->copied_button != NULL)
    gtk_button_set_icon_name (self->copied_button, "edit-copy-symbolic");
  self->copied_button = NULL;

  return G_SOURCE_REMOVE;
}

static void
copy_id_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ContrailDetailPane *self = CONTRAIL_DETAIL_PANE (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  const char *id = NULL;
  GtkButton *button = NULL;

  if (g_str_equal (which, "span") && self->span != NULL)
    {
      id = contrail_span_get_id (self->span);
      button = self->span_id_button;
    }
  else if (g_str_equal (which, "parent") && self->span != NULL)
    {
      id = contrail_span_get_parent_id (self->span);
      button = self->parent_id_button;
    }
  else if (g_str_equal (which, "generation") && self->span != NULL)
    {
      id = contrail_span_get_generation_id (self->span);
      button = self->generation_id_button;
    }
  else if (g_str_equal (which, "trace") && self->trace != NULL)
    {
      id = contrail_trace_get_id (self->trace);
      button = self->trace_id_button;
    }

  if (id == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), id);

  reset_copied_cb (self);
  g_clear_handle_id (&self->copied_source, g_source_remove);
  self->copied_button = button;
  gtk_button_set_icon_name (button, "object-select-symbolic");
  self->copied_source = g_timeout_add (COPIED_TIMEOUT_MS, reset_copied_cb, self);
}

/* ---- GObject ---- */

static void
contrail_detail_pane_dispose (GObject *object)
{
  ContrailDetailPane *self = (ContrailDetailPane *)object;

  g_clear_handle_id (&self->copied_source, g_source_remove);
  self->copied_button = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_DETAIL_PANE);

  g_clear_object (&self->span);
  g_clear_object (&self->trace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (contrail_detail_pane_parent_class)->dispose (object);
}

static void
contrail_detail_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ContrailDetailPane *self = CONTRAIL_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, contrail_detail_pane_get_trace (self));
      break;
    case PROP_SPAN:
      g_value_set_object (value, contrail_detail_pane_get_span (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_detail_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ContrailDetailPane *self = CONTRAIL_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      contrail_detail_pane_show (self, g_value_get_object (value), NULL);
      break;
    case PROP_SPAN:
      contrail_detail_pane_show (self, self->trace, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_detail_pane_class_init (ContrailDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrail_detail_pane_dispose;
  object_class->get_property = contrail_detail_pane_get_property;
  object_class->set_property = contrail_detail_pane_set_property;

  /* Setting "trace" shows the trace (no span); setting "span" shows that
   * span of the current trace. */
  properties[PROP_TRACE] = g_param_spec_object ("trace", NULL, NULL, CONTRAIL_TYPE_TRACE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  properties[PROP_SPAN] = g_param_spec_object ("span", NULL, NULL, CONTRAIL_TYPE_SPAN,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detailpane");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, stats_box);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, tags_box);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, error_box);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, error_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, span_id_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, span_id_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, span_id_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, parent_id_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, parent_id_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, parent_id_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, generation_id_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, generation_id_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, generation_id_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, trace_id_row);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, trace_id_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, trace_id_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, models_card);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, models_info_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, models_grid);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, input_view);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, output_view);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, instructions_view);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, observations_view);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, metrics_card);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, metrics_info_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, scores_box);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, metrics_scrolled);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, metrics_view);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, metrics_empty_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, meta_view);
  gtk_widget_class_bind_template_child (widget_class, ContrailDetailPane, scorer_view);

  gtk_widget_class_bind_template_callback (widget_class, metric_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_setup_numeric_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_setup_comment_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_dimension_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_value_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_comment_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_created_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_unbind_cb);

  gtk_widget_class_install_action (widget_class, "detail.copy-id", "s", copy_id_action);

  g_type_ensure (CONTRAIL_TYPE_TEXT_VIEW);
  g_type_ensure (CONTRAIL_TYPE_METRIC);
}

static void
contrail_detail_pane_init (ContrailDetailPane *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* "Wrap long lines" is one setting for every text view. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL &&
      g_settings_schema_has_key (schema, "wrap-text"))
    {
      ContrailTextView *views[] = {
        self->input_view, self->output_view, self->instructions_view,
        self->observations_view, self->meta_view, self->scorer_view,
      };

      self->settings = g_settings_new (APP_ID);
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        g_settings_bind (self->settings, "wrap-text", views[i], "wrap", G_SETTINGS_BIND_DEFAULT);
    }

  clear (self);
}

/* ---- Public API ---- */

GtkWidget *
contrail_detail_pane_new (void)
{
  return g_object_new (CONTRAIL_TYPE_DETAIL_PANE, NULL);
}

void
contrail_detail_pane_show (ContrailDetailPane *self,
                           ContrailTrace      *trace,
                           ContrailSpan       *span)
{
  gboolean trace_changed;
  gboolean span_changed;

  g_return_if_fail (CONTRAIL_IS_DETAIL_PANE (self));
  g_return_if_fail (trace == NULL || CONTRAIL_IS_TRACE (trace));
  g_return_if_fail (span == NULL || CONTRAIL_IS_SPAN (span));

  if (self->trace == trace && self->span == span)
    return;

  trace_changed = g_set_object (&self->trace, trace);
  span_changed = g_set_object (&self->span, span);

  if (span != NULL)
    show_span (self, trace, span);
  else if (trace != NULL)
    show_trace (self, trace);
  else
    clear (self);

  if (span != NULL || trace != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "content");
      /* A new subject starts at the top. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
    }

  if (trace_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
  if (span_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN]);
}

ContrailTrace *
contrail_detail_pane_get_trace (ContrailDetailPane *self)
{
  g_return_val_if_fail (CONTRAIL_IS_DETAIL_PANE (self), NULL);

  return self->trace;
}

ContrailSpan *
contrail_detail_pane_get_span (ContrailDetailPane *self)
{
  g_return_val_if_fail (CONTRAIL_IS_DETAIL_PANE (self), NULL);

  return self->span;
}
