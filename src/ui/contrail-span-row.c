/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSpanRow: one row of the span tree.
 *
 * The row does its own layout: indentation (capped, so that a 10,000-deep
 * chain costs the same as a shallow tree: GtkTreeExpander would add one
 * widget per level), an expander, the kind icon, the name taking what is
 * left, then fixed-width columns for the error mark, model, tokens and
 * duration.  When the list is narrow, model and then tokens are dropped,
 * for all rows alike (the decision depends only on the row's width).
 *
 * Span text is data: it only reaches gtk_inscription_set_text() and
 * gtk_tooltip_set_text().  Tooltips are made when asked for (query-tooltip):
 * gtk_widget_set_tooltip_text() asks the X server where the pointer is, a
 * round trip per call, which made scrolling a big trace stall.
 */

#define G_LOG_DOMAIN "contrail-span-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrail-format.h"
#include "contrail-span.h"
#include "contrail-span-row.h"
#include "contrail-time.h"

#define ROW_MIN_HEIGHT     30
#define ROW_SPACING        6
#define ICON_SIZE          16    /* expander, kind icon and error mark */
#define INDENT_PX          16
#define MAX_INDENT_DEPTH   24    /* deeper rows are indented like this one */
#define NAME_RESERVE       180   /* px kept for the name before columns are dropped */
/* A cell lays out its whole text when drawn, though it shows one line: a
 * 10 kB name took 3 ms a row, 100 ms a page.  More than a row can show. */
#define CELL_MAX_CHARS     300

struct _ContrailSpanRow
{
  GtkWidget       parent_instance;

  /* Owned */
  GtkTreeListRow *list_row;
  gulong          expanded_id;

  /* Children */
  GtkWidget      *expander;
  GtkWidget      *icon;
  GtkWidget      *name;
  GtkWidget      *error;
  GtkWidget      *model;
  GtkWidget      *tokens;
  GtkWidget      *duration;

  guint           depth;
};

G_DEFINE_FINAL_TYPE (ContrailSpanRow, contrail_span_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_icon_name (ContrailSpanKind kind)
{
  switch (kind)
    {
    case CONTRAIL_SPAN_KIND_AGENT:
      return "contrail-span-agent-symbolic";
    case CONTRAIL_SPAN_KIND_LLM:
      return "contrail-span-llm-symbolic";
    case CONTRAIL_SPAN_KIND_TOOL:
      return "contrail-span-tool-symbolic";
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
    case CONTRAIL_SPAN_KIND_AGENT:
      return "agent";
    case CONTRAIL_SPAN_KIND_LLM:
      return "llm";
    case CONTRAIL_SPAN_KIND_TOOL:
      return "tool";
    case CONTRAIL_SPAN_KIND_OTHER:
    default:
      return "other";
    }
}

static const char *
kind_name (ContrailSpanKind kind)
{
  switch (kind)
    {
    case CONTRAIL_SPAN_KIND_AGENT:
      return _("Agent");
    case CONTRAIL_SPAN_KIND_LLM:
      return _("Model call");
    case CONTRAIL_SPAN_KIND_TOOL:
      return _("Tool call");
    case CONTRAIL_SPAN_KIND_OTHER:
    default:
      return _("Span");
    }
}

static void
update_expander (ContrailSpanRow *self)
{
  const char *icon_name = NULL;

  if (self->list_row != NULL && gtk_tree_list_row_is_expandable (self->list_row))
    {
      if (gtk_tree_list_row_get_expanded (self->list_row))
        icon_name = "pan-down-symbolic";
      else if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
        icon_name = "pan-start-symbolic";
      else
        icon_name = "pan-end-symbolic";
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->expander), icon_name);
}

/* Tokens: the span's own; for a collapsed row with children, the subtree's
 * ("Σ 12,345"), when the children add any. */
static void
update_tokens (ContrailSpanRow *self,
               ContrailSpan    *span)
{
  g_autofree char *text = NULL;
  gint64 tokens = contrail_span_get_total_tokens (span);
  gboolean collapsed = !gtk_tree_list_row_get_expanded (self->list_row);
  gint64 subtree = collapsed && contrail_span_get_n_children (span) > 0
                   ? contrail_span_tokens_with_children (span) : tokens;

  if (subtree != CONTRAIL_TOKENS_NONE && subtree != tokens)
    {
      text = contrail_format_subtree_tokens_short (subtree);
      gtk_widget_add_css_class (self->tokens, "subtree");
    }
  else
    {
      if (tokens != CONTRAIL_TOKENS_NONE)
        text = contrail_format_tokens_short (tokens);
      gtk_widget_remove_css_class (self->tokens, "subtree");
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (self->tokens), text);
}

static void
expanded_changed_cb (ContrailSpanRow *self)
{
  g_autoptr(ContrailSpan) span = NULL;

  update_expander (self);

  if (self->list_row != NULL && (span = gtk_tree_list_row_get_item (self->list_row)) != NULL)
    {
      update_tokens (self, span);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

static void
expander_pressed_cb (ContrailSpanRow *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  if (self->list_row == NULL || !gtk_tree_list_row_is_expandable (self->list_row))
    return;

  /* Only the expander: not a row selection too. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_tree_list_row_set_expanded (self->list_row, !gtk_tree_list_row_get_expanded (self->list_row));
}

static void
update (ContrailSpanRow *self)
{
  g_autoptr(ContrailSpan) span = NULL;
  g_autofree char *duration_text = NULL;
  g_autofree char *model = NULL;
  const char *kind_classes[] = { "span-kind", NULL, NULL };
  const char *name;
  ContrailSpanKind kind;
  double duration_ms = 0;

  if (self->list_row != NULL)
    span = gtk_tree_list_row_get_item (self->list_row);

  update_expander (self);

  if (span == NULL)
    {
      self->depth = 0;
      gtk_image_clear (GTK_IMAGE (self->icon));
      gtk_inscription_set_text (GTK_INSCRIPTION (self->name), NULL);
      gtk_inscription_set_text (GTK_INSCRIPTION (self->model), NULL);
      gtk_inscription_set_text (GTK_INSCRIPTION (self->tokens), NULL);
      gtk_inscription_set_text (GTK_INSCRIPTION (self->duration), NULL);
      gtk_widget_set_child_visible (self->error, FALSE);
      return;
    }

  /* The span's own depth: GtkTreeListRow computes its depth by walking up. */
  self->depth = contrail_span_get_depth (span);

  kind = contrail_span_get_kind (span);
  kind_classes[1] = kind_css_class (kind);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), kind_icon_name (kind));
  gtk_widget_set_css_classes (self->icon, kind_classes);

  name = contrail_span_get_name (span);
  if (name != NULL && name[0] != '\0')
    {
      g_autofree char *shown = contrail_format_excerpt (name, CELL_MAX_CHARS);

      gtk_inscription_set_text (GTK_INSCRIPTION (self->name), shown);
      gtk_widget_remove_css_class (self->name, "dim-label");
    }
  else
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (self->name), _("Unnamed span"));
      gtk_widget_add_css_class (self->name, "dim-label");
    }

  model = contrail_format_excerpt (contrail_span_get_model (span), CELL_MAX_CHARS);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->model), model);

  update_tokens (self, span);

  if (contrail_span_get_duration_ms (span, &duration_ms))
    duration_text = contrail_format_duration (duration_ms);
  else if (CONTRAIL_TIME_IS_VALID (contrail_span_get_start_time (span)))
    duration_text = g_strdup (_("running"));
  gtk_inscription_set_text (GTK_INSCRIPTION (self->duration), duration_text);

  /* Jaeger's marks: solid for the span's own error, hollow for one below it. */
  if (contrail_span_has_error (span))
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->error), "dialog-error-symbolic");
      gtk_widget_set_css_classes (self->error, (const char *[]) { "span-error", "error", NULL });
      gtk_widget_set_child_visible (self->error, TRUE);
    }
  else if (contrail_span_has_error_below (span))
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->error), "contrail-error-below-symbolic");
      gtk_widget_set_css_classes (self->error,
                                  (const char *[]) { "span-error", "error", "below", NULL });
      gtk_widget_set_child_visible (self->error, TRUE);
    }
  else
    {
      gtk_widget_set_child_visible (self->error, FALSE);
    }

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- Tooltips ---- */

/* Whether (@x, @y) in the row is on @child (as laid out last). */
static gboolean
child_contains (GtkWidget *child,
                GtkWidget *row,
                double     x,
                double     y)
{
  const GdkRectangle *area = g_object_get_data (G_OBJECT (child), "contrail-span-row-area");

  if (!gtk_widget_get_child_visible (child) || area == NULL)
    return FALSE;

  return x >= area->x && x < area->x + area->width && y >= area->y && y < area->y + area->height;
}

/* "12,345 tokens", and for a span with children what they add. */
static char *
dup_tokens_tooltip (ContrailSpan *span)
{
  gint64 tokens = contrail_span_get_total_tokens (span);
  gint64 subtree = contrail_span_get_n_children (span) > 0
                   ? contrail_span_tokens_with_children (span) : tokens;
  g_autofree char *own = NULL;
  g_autofree char *all = NULL;

  if (subtree == CONTRAIL_TOKENS_NONE || subtree == tokens)
    return tokens != CONTRAIL_TOKENS_NONE ? contrail_format_tokens (tokens) : NULL;

  all = contrail_format_tokens (subtree);
  if (tokens == CONTRAIL_TOKENS_NONE)
    /* Translators: a tooltip: the tokens of a span and all spans below it */
    return g_strdup_printf (_("%s with everything below"), all);

  own = contrail_format_tokens (tokens);
  /* Translators: a tooltip: the tokens of a span and all spans below it, then its own */
  return g_strdup_printf (_("%s with everything below (this span: %s)"), all, own);
}

static char *
dup_tooltip (ContrailSpanRow *self,
             ContrailSpan    *span,
             double           x,
             double           y)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (child_contains (self->expander, widget, x, y) &&
      gtk_tree_list_row_is_expandable (self->list_row))
    return g_strdup (gtk_tree_list_row_get_expanded (self->list_row) ? _("Collapse") : _("Expand"));

  if (child_contains (self->icon, widget, x, y))
    {
      ContrailSpanKind kind = contrail_span_get_kind (span);
      const char *type = contrail_span_get_span_type (span);

      if (type != NULL && type[0] != '\0')
        /* Translators: the kind icon's tooltip: the kind, then the span's own type */
        return g_strdup_printf (_("%s (%s)"), kind_name (kind), type);

      return g_strdup (kind_name (kind));
    }

  if (child_contains (self->error, widget, x, y))
    {
      const char *error = contrail_span_get_error (span);

      if (!contrail_span_has_error (span))
        return g_strdup (_("A span below this one failed"));

      return g_strdup (error != NULL && error[0] != '\0' ? error : _("This span failed"));
    }

  if (child_contains (self->model, widget, x, y))
    return g_strdup (contrail_span_get_model (span));

  if (child_contains (self->tokens, widget, x, y))
    return dup_tokens_tooltip (span);

  if (child_contains (self->name, widget, x, y))
    return g_strdup (contrail_span_get_name (span));

  return NULL;
}

static gboolean
contrail_span_row_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  ContrailSpanRow *self = CONTRAIL_SPAN_ROW (widget);
  g_autoptr(ContrailSpan) span = NULL;
  g_autofree char *text = NULL;

  if (self->list_row == NULL || !(span = gtk_tree_list_row_get_item (self->list_row)))
    return FALSE;

  if (keyboard_mode)
    text = g_strdup (contrail_span_get_name (span));
  else
    text = dup_tooltip (self, span, x, y);

  if (text == NULL || text[0] == '\0')
    return FALSE;

  /* Huge names stay readable (and cheap). */
  if (strlen (text) > 2000)
    {
      const char *end = g_utf8_find_prev_char (text, text + 2000);

      text[end - text] = '\0';
    }

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* ---- Layout ---- */

static int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);

  return natural;
}

static int
indent_width (ContrailSpanRow *self)
{
  return MIN (self->depth, MAX_INDENT_DEPTH) * INDENT_PX;
}

static void
contrail_span_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ContrailSpanRow *self = CONTRAIL_SPAN_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int fixed = indent_width (self) + 3 * ICON_SIZE + 4 * ROW_SPACING +
                  natural_width (self->duration);
      int name_min = 0;

      gtk_widget_measure (self->name, orientation, -1, &name_min, NULL, NULL, NULL);
      *minimum = fixed + name_min;
      *natural = fixed + natural_width (self->name) +
                 ROW_SPACING + natural_width (self->model) +
                 ROW_SPACING + natural_width (self->tokens);
    }
  else
    {
      *minimum = *natural = ROW_MIN_HEIGHT;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0;
          int child_nat = 0;

          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }

  *minimum_baseline = *natural_baseline = -1;
}

static void
place (GtkWidget *child,
       gboolean   rtl,
       int        row_width,
       int        x,
       int        width,
       int        height)
{
  GdkRectangle *area = g_object_get_data (G_OBJECT (child), "contrail-span-row-area");
  int child_height = 0;

  if (rtl)
    x = row_width - x - width;

  /* Its own height, centred: a GtkInscription given more room than one
   * line wraps its text onto a second line. */
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &child_height, NULL, NULL);
  child_height = MIN (child_height, height);
  if (area == NULL)
    {
      area = g_new0 (GdkRectangle, 1);
      g_object_set_data_full (G_OBJECT (child), "contrail-span-row-area", area, g_free);
    }
  *area = (GdkRectangle) { x, 0, width, height };
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { x, (height - child_height) / 2, width, child_height },
                            -1);
}

static void
contrail_span_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ContrailSpanRow *self = CONTRAIL_SPAN_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  /* The optional columns, in the order they are dropped */
  GtkWidget *optional[] = { self->model, self->tokens };
  int optional_width[G_N_ELEMENTS (optional)];
  int expander_width = ICON_SIZE;
  int icon_width = ICON_SIZE;
  int error_width = ICON_SIZE;
  int duration_width = natural_width (self->duration);
  int needed;
  int x;
  int right;
  guint first_kept = 0;

  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    optional_width[i] = natural_width (optional[i]) + ROW_SPACING;

  /* The same for every row: the indentation is not counted. */
  needed = expander_width + icon_width + NAME_RESERVE + error_width + duration_width +
           4 * ROW_SPACING;
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    needed += optional_width[i];
  while (first_kept < G_N_ELEMENTS (optional) && needed > width)
    needed -= optional_width[first_kept++];

  /* From the left: indentation, expander, icon */
  x = indent_width (self);
  place (self->expander, rtl, width, x, expander_width, height);
  x += expander_width + ROW_SPACING;
  place (self->icon, rtl, width, x, icon_width, height);
  x += icon_width + ROW_SPACING;

  /* From the right: duration, tokens, model, error mark */
  right = width - duration_width;
  place (self->duration, rtl, width, right, duration_width, height);

  for (int i = G_N_ELEMENTS (optional) - 1; i >= 0; i--)
    {
      gboolean kept = (guint)i >= first_kept;

      gtk_widget_set_child_visible (optional[i], kept);
      if (kept)
        {
          right -= optional_width[i];
          place (optional[i], rtl, width, right, optional_width[i] - ROW_SPACING, height);
        }
    }

  right -= ROW_SPACING + error_width;
  if (gtk_widget_get_child_visible (self->error))
    place (self->error, rtl, width, right, error_width, height);

  /* The name takes what is left. */
  place (self->name, rtl, width, x, MAX (0, right - ROW_SPACING - x), height);
}

/* ---- GObject ---- */

static void
contrail_span_row_dispose (GObject *object)
{
  ContrailSpanRow *self = (ContrailSpanRow *)object;
  GtkWidget *child;

  if (self->list_row != NULL)
    g_clear_signal_handler (&self->expanded_id, self->list_row);
  g_clear_object (&self->list_row);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (contrail_span_row_parent_class)->dispose (object);
}

static void
contrail_span_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ContrailSpanRow *self = CONTRAIL_SPAN_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      g_value_set_object (value, self->list_row);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_span_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ContrailSpanRow *self = CONTRAIL_SPAN_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      contrail_span_row_set_list_row (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_span_row_class_init (ContrailSpanRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrail_span_row_dispose;
  object_class->get_property = contrail_span_row_get_property;
  object_class->set_property = contrail_span_row_set_property;

  widget_class->measure = contrail_span_row_measure;
  widget_class->size_allocate = contrail_span_row_size_allocate;
  widget_class->query_tooltip = contrail_span_row_query_tooltip;

  properties[PROP_LIST_ROW] =
    g_param_spec_object ("list-row", NULL, NULL,
                         GTK_TYPE_TREE_LIST_ROW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "spanrow");
}

static GtkWidget *
image_new (ContrailSpanRow *self,
           const char      *css_class)
{
  GtkWidget *image = gtk_image_new ();

  gtk_image_set_pixel_size (GTK_IMAGE (image), ICON_SIZE);
  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);
  gtk_widget_set_parent (image, GTK_WIDGET (self));

  return image;
}

static GtkWidget *
inscription_new (ContrailSpanRow *self,
                 guint            n_chars,
                 float            xalign,
                 const char      *css_class,
                 gboolean         dim,
                 gboolean         numeric)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), MIN (n_chars, 4));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), n_chars);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), xalign);
  gtk_widget_add_css_class (inscription, css_class);
  if (dim)
    gtk_widget_add_css_class (inscription, "dim-label");
  if (numeric)
    gtk_widget_add_css_class (inscription, "numeric");
  gtk_widget_set_parent (inscription, GTK_WIDGET (self));

  return inscription;
}

/* No template: the list view (GTK 4.8) makes up to 200 rows at once, and
 * again for every long jump, so a row must be cheap to build. */
static void
contrail_span_row_init (ContrailSpanRow *self)
{
  GtkGesture *click;

  self->expander = image_new (self, "span-expander");
  self->icon = image_new (self, NULL);
  self->name = inscription_new (self, 30, 0.0f, "span-name", FALSE, FALSE);
  self->error = image_new (self, NULL);
  self->model = inscription_new (self, 18, 0.0f, "span-model", TRUE, FALSE);
  self->tokens = inscription_new (self, 9, 1.0f, "span-tokens", TRUE, TRUE);
  self->duration = inscription_new (self, 10, 1.0f, "span-duration", FALSE, TRUE);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (expander_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->expander, GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_child_visible (self->error, FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
contrail_span_row_new (void)
{
  return g_object_new (CONTRAIL_TYPE_SPAN_ROW, NULL);
}

GtkTreeListRow *
contrail_span_row_get_list_row (ContrailSpanRow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN_ROW (self), NULL);

  return self->list_row;
}

void
contrail_span_row_set_list_row (ContrailSpanRow *self,
                                GtkTreeListRow  *list_row)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_ROW (self));
  g_return_if_fail (list_row == NULL || GTK_IS_TREE_LIST_ROW (list_row));

  if (self->list_row == list_row)
    return;

  if (self->list_row != NULL)
    g_clear_signal_handler (&self->expanded_id, self->list_row);

  g_set_object (&self->list_row, list_row);

  if (list_row != NULL)
    self->expanded_id = g_signal_connect_object (list_row, "notify::expanded",
                                                 G_CALLBACK (expanded_changed_cb), self,
                                                 G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_ROW]);
}

void
contrail_span_row_set_search_match (ContrailSpanRow *self,
                                    gboolean         match)
{
  g_return_if_fail (CONTRAIL_IS_SPAN_ROW (self));

  if (match)
    gtk_widget_add_css_class (GTK_WIDGET (self), "search-match");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "search-match");
}
