/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailWindow: the main window.  A header bar with the trace search entry,
 * and a stack of pages: empty, loading, error, and the trace view (the open
 * traces beside the span tree of the selected one).
 *
 * Text from traces is data: it only ever reaches plain-text setters
 * (gtk_label_set_text, gtk_inscription_set_text, tooltips), or markup
 * setters after g_markup_escape_text.
 */

#define G_LOG_DOMAIN "contrail-window"

#include "config.h"

#include <glib/gi18n.h>

#include "contrail-import.h"
#include "contrail-time.h"
#include "contrail-trace.h"
#include "contrail-window.h"
#include "contrail-window-private.h"

struct _ContrailWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GListStore           *traces;           /* ContrailTrace, in the order they were opened */
  GCancellable         *cancellable;      /* all loads; cancelled in dispose */
  GSettings            *settings;         /* NULL when the schema is not installed */
  GtkNativeDialog      *file_chooser;     /* kept alive until it responds */
  ContrailTrace        *trace;            /* the trace in the span tree */
  GtkSingleSelection   *span_selection;   /* over a GtkTreeListModel of the trace's spans */
  ContrailSpan         *selected_span;

  /* Template widgets */
  GtkWidget            *sidebar_button;
  GtkSearchEntry       *search_entry;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkWidget            *back_button;
  GtkPaned             *paned;
  GtkWidget            *sidebar;
  GtkListBox           *trace_list;
  GtkLabel             *trace_title;
  GtkLabel             *trace_summary;
  GtkLabel             *trace_id;
  GtkListView          *span_view;

  guint                 n_loading;
  guint                 show_sidebar : 1;
};

G_DEFINE_FINAL_TYPE (ContrailWindow, contrail_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SELECTED_SPAN,
  PROP_SHOW_SIDEBAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The widgets of one span-tree row, kept on the row's box. */
typedef struct
{
  GtkWidget *icon;
  GtkWidget *name;
  GtkWidget *error;
  GtkWidget *type;
  GtkWidget *model;
  GtkWidget *tokens;
  GtkWidget *duration;
} SpanRow;

/* A file being imported. */
typedef struct
{
  ContrailWindow *self;
  GFile          *file;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* ---- Formatting ---- */

static inline const char *
nonnull (const char *str)
{
  return str != NULL ? str : "";
}

static char *
format_duration (double ms)
{
  if (ms < 0)
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
      guint m = (guint)(ms / 60000 + .5);

      /* Translators: a duration in hours and minutes, e.g. "2 h 05 min" */
      return g_strdup_printf (_("%u h %02u min"), m / 60, m % 60);
    }
}

/* A count with the locale's thousands separators. */
static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

/* Short, for the span tree: "12,248 tok", "263.1k tok", "2.63M tok". */
static char *
format_tokens (gint64 tokens)
{
  if (tokens < 100000)
    {
      g_autofree char *count = format_count (tokens);

      /* Translators: a token count in the span tree, e.g. "1,234 tok" */
      return g_strdup_printf (_("%s tok"), count);
    }

  if (tokens < 1000000)
    /* Translators: thousands of tokens in the span tree, e.g. "263.1k tok" */
    return g_strdup_printf (_("%.1fk tok"), tokens / 1e3);

  /* Translators: millions of tokens in the span tree, e.g. "2.63M tok" */
  return g_strdup_printf (_("%.2fM tok"), tokens / 1e6);
}

static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

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
kind_tooltip (ContrailSpanKind kind)
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

/* ---- Pages ---- */

static void
set_page (ContrailWindow *self,
          const char     *name)
{
  gboolean is_trace = g_strcmp0 (name, "trace") == 0;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_strcmp0 (name, "loading") == 0);
  gtk_widget_set_visible (self->sidebar_button, is_trace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-traces",
                                 !is_trace && g_list_model_get_n_items (G_LIST_MODEL (self->traces)) > 0);
}

static gboolean
page_is (ContrailWindow *self,
         const char     *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0;
}

static void
begin_load (ContrailWindow *self)
{
  self->n_loading++;

  if (!page_is (self, "trace"))
    set_page (self, "loading");
}

static void
end_load (ContrailWindow *self)
{
  g_assert (self->n_loading > 0);

  self->n_loading--;

  if (self->n_loading == 0 && page_is (self, "loading"))
    set_page (self, g_list_model_get_n_items (G_LIST_MODEL (self->traces)) > 0 ? "trace" : "empty");
}

static void
show_error_page (ContrailWindow *self,
                 const char     *title,
                 const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);   /* description is markup */

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_widget_set_visible (self->back_button,
                          g_list_model_get_n_items (G_LIST_MODEL (self->traces)) > 0);
  set_page (self, "error");
}

/* A load failed: on the error page when nothing else is shown, else as a toast. */
static void
report_load_error (ContrailWindow *self,
                   GFile          *file,
                   const GError   *error)
{
  g_autofree char *name = file != NULL ? dup_file_display_name (file) : NULL;

  g_debug ("Loading %s failed: %s", name ? name : "the demo traces", error->message);

  if (page_is (self, "trace"))
    {
      g_autofree char *message = NULL;

      if (name != NULL)
        message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
      else
        message = g_strdup_printf (_("Could not open the demo traces: %s"), error->message);
      contrail_window_show_message (self, message);
    }
  else
    {
      g_autofree char *title = NULL;

      if (name != NULL)
        title = g_strdup_printf (_("Could Not Open “%s”"), name);
      else
        title = g_strdup (_("Could Not Open the Demo Traces"));
      show_error_page (self, title, error->message);
    }
}

/* ---- The span tree ---- */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  ContrailSpan *span = item;

  if (contrail_span_get_n_children (span) == 0)
    return NULL;

  return g_object_ref (contrail_span_get_children (span));
}

/* The span row lays out its columns itself: the name takes what is left, and
 * when the list is too narrow for every column, type, then model, then tokens
 * are dropped (for all rows alike, as the choice depends on the list's width). */
#define ROW_SPACING       8
#define ROW_NAME_RESERVE  260   /* px kept for indentation and the name */
#define ROW_NAME_MIN      48

static int
measure_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);

  return natural;
}

static void
span_row_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  SpanRow *row = g_object_get_data (G_OBJECT (widget), "contrail-span-row");

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      GtkWidget *fixed[] = { row->icon, row->error, row->duration };
      GtkWidget *optional[] = { row->type, row->model, row->tokens };

      *minimum = ROW_NAME_MIN;
      *natural = measure_width (row->name);

      for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
        {
          if (gtk_widget_get_visible (fixed[i]))
            {
              int width = measure_width (fixed[i]) + ROW_SPACING;

              *minimum += width;
              *natural += width;
            }
        }

      for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
        *natural += measure_width (optional[i]) + ROW_SPACING;
    }
  else
    {
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
span_row_allocate (GtkWidget *widget,
                   int        width,
                   int        height,
                   int        baseline)
{
  SpanRow *row = g_object_get_data (G_OBJECT (widget), "contrail-span-row");
  GtkWidget *list_view = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW);
  int list_width = list_view != NULL ? gtk_widget_get_width (list_view) : width;
  /* In the order they are dropped */
  GtkWidget *optional[] = { row->type, row->model, row->tokens };
  GtkWidget *order[] = { row->icon, row->name, row->error, row->type, row->model, row->tokens,
                         row->duration };
  int optional_width[G_N_ELEMENTS (optional)];
  int fixed_width = 0;
  int needed;
  int x = 0;
  guint first_kept = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i] != row->name && gtk_widget_get_visible (order[i]))
        fixed_width += measure_width (order[i]) + ROW_SPACING;
    }

  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    optional_width[i] = measure_width (optional[i]) + ROW_SPACING;

  /* Drop optional columns while the list is too narrow for them. */
  needed = ROW_NAME_RESERVE + fixed_width;
  while (first_kept < G_N_ELEMENTS (optional) && needed > list_width)
    needed -= optional_width[first_kept++];

  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      gtk_widget_set_child_visible (optional[i], i >= first_kept);
      if (i < first_kept)
        fixed_width -= optional_width[i];
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *child = order[i];
      int child_width;

      if (!gtk_widget_should_layout (child) || !gtk_widget_get_child_visible (child))
        continue;

      if (child == row->name)
        child_width = MAX (0, width - fixed_width);
      else
        child_width = measure_width (child);

      gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, child_width, height }, -1);
      x += child_width + ROW_SPACING;
    }
}

static GtkWidget *
column_label_new (const char *css_class,
                  int         width_chars,
                  float       xalign,
                  gboolean    dim)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", xalign,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   "single-line-mode", TRUE,
                                   "width-chars", width_chars,
                                   "max-width-chars", width_chars,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
span_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "hexpand", TRUE, NULL);
  SpanRow *row = g_new0 (SpanRow, 1);

  row->icon = g_object_new (GTK_TYPE_IMAGE,
                            "pixel-size", 16,
                            "css-classes", (const char *[]) { "span-kind", NULL },
                            NULL);
  row->name = g_object_new (GTK_TYPE_LABEL,
                            "xalign", 0.0f,
                            "ellipsize", PANGO_ELLIPSIZE_END,
                            "single-line-mode", TRUE,
                            "max-width-chars", 48,
                            "css-classes", (const char *[]) { "span-name", NULL },
                            NULL);
  row->error = g_object_new (GTK_TYPE_IMAGE,
                             "icon-name", "dialog-error-symbolic",
                             "pixel-size", 16,
                             "css-classes", (const char *[]) { "error", NULL },
                             NULL);
  row->type = column_label_new ("span-type", 12, 0.0f, TRUE);
  row->model = column_label_new ("span-model", 22, 0.0f, TRUE);
  row->tokens = column_label_new ("span-tokens", 10, 1.0f, TRUE);
  gtk_widget_add_css_class (row->tokens, "numeric");
  row->duration = column_label_new ("span-duration", 10, 1.0f, FALSE);
  gtk_widget_add_css_class (row->duration, "numeric");

  gtk_box_append (GTK_BOX (box), row->icon);
  gtk_box_append (GTK_BOX (box), row->name);
  gtk_box_append (GTK_BOX (box), row->error);
  gtk_box_append (GTK_BOX (box), row->type);
  gtk_box_append (GTK_BOX (box), row->model);
  gtk_box_append (GTK_BOX (box), row->tokens);
  gtk_box_append (GTK_BOX (box), row->duration);

  /* The box only holds the children; the custom layout places them. */
  g_object_set_data_full (G_OBJECT (box), "contrail-span-row", row, g_free);
  gtk_widget_set_layout_manager (box, gtk_custom_layout_new (NULL, span_row_measure,
                                                             span_row_allocate));

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
span_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  SpanRow *row = g_object_get_data (G_OBJECT (box), "contrail-span-row");
  GtkTreeListRow *list_row = gtk_list_item_get_item (item);
  g_autoptr(ContrailSpan) span = gtk_tree_list_row_get_item (list_row);
  ContrailSpanKind kind = contrail_span_get_kind (span);
  const char *name = contrail_span_get_name (span);
  gint64 tokens = contrail_span_get_total_tokens (span);
  g_autofree char *tokens_text = NULL;
  g_autofree char *duration_text = NULL;
  double duration_ms = 0;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), list_row);

  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), kind_icon_name (kind));
  gtk_widget_add_css_class (row->icon, kind_css_class (kind));
  gtk_widget_set_tooltip_text (row->icon, kind_tooltip (kind));

  if (name != NULL && name[0] != '\0')
    {
      gtk_label_set_text (GTK_LABEL (row->name), name);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (row->name), _("Unnamed span"));
      gtk_widget_add_css_class (row->name, "dim-label");
    }

  gtk_label_set_text (GTK_LABEL (row->type), nonnull (contrail_span_get_span_type (span)));
  gtk_label_set_text (GTK_LABEL (row->model), nonnull (contrail_span_get_model (span)));

  if (tokens >= 0)
    tokens_text = format_tokens (tokens);
  gtk_label_set_text (GTK_LABEL (row->tokens), nonnull (tokens_text));

  if (contrail_span_get_duration_ms (span, &duration_ms))
    duration_text = format_duration (duration_ms);
  else if (CONTRAIL_TIME_IS_VALID (contrail_span_get_start_time (span)))
    duration_text = g_strdup (_("running"));
  gtk_label_set_text (GTK_LABEL (row->duration), nonnull (duration_text));

  if (contrail_span_has_error (span))
    {
      const char *error = contrail_span_get_error (span);

      gtk_widget_set_visible (row->error, TRUE);
      gtk_widget_set_tooltip_text (row->error, error != NULL && error[0] != '\0' ? error : _("Failed"));
    }
  else if (contrail_span_has_error_below (span))
    {
      gtk_widget_set_visible (row->error, TRUE);
      gtk_widget_add_css_class (row->error, "below");
      gtk_widget_set_tooltip_text (row->error, _("A span below this one failed"));
    }
  else
    {
      gtk_widget_set_visible (row->error, FALSE);
    }
}

static void
span_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  SpanRow *row = g_object_get_data (G_OBJECT (box), "contrail-span-row");
  GtkTreeListRow *list_row = gtk_list_item_get_item (item);
  g_autoptr(ContrailSpan) span = gtk_tree_list_row_get_item (list_row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  gtk_widget_remove_css_class (row->icon, kind_css_class (contrail_span_get_kind (span)));
  gtk_widget_remove_css_class (row->name, "dim-label");
  gtk_widget_remove_css_class (row->error, "below");
}

static void
span_selection_changed_cb (ContrailWindow     *self,
                           GParamSpec         *pspec,
                           GtkSingleSelection *selection)
{
  GtkTreeListRow *row = selection != NULL ? gtk_single_selection_get_selected_item (selection) : NULL;
  g_autoptr(ContrailSpan) span = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (g_set_object (&self->selected_span, span))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN]);
}

static void
span_activate_cb (ContrailWindow *self,
                  guint           position,
                  GtkListView    *list_view)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  if (self->span_selection == NULL)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->span_selection), position);
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

enum {
  SPAN_KEY_EXPAND,
  SPAN_KEY_COLLAPSE,
  SPAN_KEY_EXPAND_ALL,
};

/* Expands @row and every row below it. */
static void
expand_all_below (GListModel     *rows,
                  GtkTreeListRow *row)
{
  guint depth = gtk_tree_list_row_get_depth (row);

  gtk_tree_list_row_set_expanded (row, TRUE);

  /* Rows appear below as they are expanded; stop at the next row that is not below @row. */
  for (guint i = gtk_tree_list_row_get_position (row) + 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) below = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_get_depth (below) <= depth)
        break;

      if (gtk_tree_list_row_is_expandable (below))
        gtk_tree_list_row_set_expanded (below, TRUE);
    }
}

static gboolean
span_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ContrailWindow *self = user_data;
  GtkTreeListRow *row;

  if (self->span_selection == NULL ||
      (row = gtk_single_selection_get_selected_item (self->span_selection)) == NULL)
    return FALSE;

  switch (g_variant_get_int32 (args))
    {
    case SPAN_KEY_EXPAND:
      if (gtk_tree_list_row_is_expandable (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
      break;

    case SPAN_KEY_COLLAPSE:
      if (gtk_tree_list_row_get_expanded (row))
        {
          gtk_tree_list_row_set_expanded (row, FALSE);
        }
      else
        {
          g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

          /* Already collapsed: go to the parent span. */
          if (parent != NULL)
            {
              guint position = gtk_tree_list_row_get_position (parent);

              gtk_single_selection_set_selected (self->span_selection, position);
              gtk_widget_activate_action (widget, "list.scroll-to-item", "u", position);
            }
        }
      break;

    case SPAN_KEY_EXPAND_ALL:
      expand_all_below (gtk_single_selection_get_model (self->span_selection), row);
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static void
add_span_shortcuts (ContrailWindow *self)
{
  static const struct {
    guint keyval;
    int   key;
  } keys[] = {
    { GDK_KEY_plus, SPAN_KEY_EXPAND },
    { GDK_KEY_KP_Add, SPAN_KEY_EXPAND },
    { GDK_KEY_Right, SPAN_KEY_EXPAND },
    { GDK_KEY_minus, SPAN_KEY_COLLAPSE },
    { GDK_KEY_KP_Subtract, SPAN_KEY_COLLAPSE },
    { GDK_KEY_Left, SPAN_KEY_COLLAPSE },
    { GDK_KEY_asterisk, SPAN_KEY_EXPAND_ALL },
    { GDK_KEY_KP_Multiply, SPAN_KEY_EXPAND_ALL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                gtk_callback_action_new (span_key_cb, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (keys[i].key));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }

  /* Capture: before the focused row's GtkTreeExpander, which binds some of these keys itself. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->span_view), controller);
}

static char *
dup_trace_summary (ContrailTrace *trace)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *status = contrail_trace_get_status (trace);
  guint n_spans = contrail_trace_get_span_count (trace);
  guint n_errors = contrail_trace_get_n_errors (trace);
  gint64 tokens = contrail_trace_get_total_tokens (trace);
  double duration_ms = 0;

  if (status != NULL && status[0] != '\0')
    g_ptr_array_add (parts, g_strdup (status));

  if (contrail_trace_get_duration_ms (trace, &duration_ms))
    g_ptr_array_add (parts, format_duration (duration_ms));

  if (tokens >= 0)
    {
      g_autofree char *count = format_count (tokens);

      g_ptr_array_add (parts, g_strdup_printf (ngettext ("%s token", "%s tokens", tokens), count));
    }

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u span", "%u spans", n_spans), n_spans));

  if (n_errors > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static void
show_trace (ContrailWindow *self,
            ContrailTrace  *trace)
{
  GtkTreeListModel *tree;
  const char *name;
  const char *id;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;

  if (self->trace == trace)
    return;

  g_set_object (&self->trace, trace);

  if (self->span_selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->span_selection, span_selection_changed_cb, self);
      g_clear_object (&self->span_selection);
    }

  if (trace == NULL)
    {
      gtk_list_view_set_model (self->span_view, NULL);
      span_selection_changed_cb (self, NULL, NULL);
      return;
    }

  name = contrail_trace_get_name (trace);
  if (name == NULL || name[0] == '\0')
    name = _("Unnamed Trace");
  gtk_label_set_text (self->trace_title, name);

  summary = dup_trace_summary (trace);
  gtk_label_set_text (self->trace_summary, summary);

  id = contrail_trace_get_id (trace);
  gtk_label_set_text (self->trace_id, nonnull (id));
  gtk_widget_set_visible (GTK_WIDGET (self->trace_id), id != NULL && id[0] != '\0');

  /* Translators: the window title: a trace name, then the app name */
  title = g_strdup_printf (_("%s — Contrail"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  tree = gtk_tree_list_model_new (g_object_ref (contrail_trace_get_roots (trace)),
                                  FALSE, FALSE, create_children_cb, NULL, NULL);

  /* Expand the first two levels, before the view sees the model. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);

      if (gtk_tree_list_row_get_depth (row) < 2 && gtk_tree_list_row_is_expandable (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  self->span_selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  g_signal_connect_object (self->span_selection, "notify::selected-item",
                           G_CALLBACK (span_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->span_view, GTK_SELECTION_MODEL (self->span_selection));
  span_selection_changed_cb (self, NULL, self->span_selection);
}

/* ---- The trace list ---- */

static GtkWidget *
create_trace_row_cb (gpointer item,
                     gpointer user_data)
{
  ContrailTrace *trace = item;
  const char *name = contrail_trace_get_name (trace);
  guint n_spans = contrail_trace_get_span_count (trace);
  guint n_errors = contrail_trace_get_n_errors (trace);
  g_autofree char *spans = g_strdup_printf (ngettext ("%u span", "%u spans", n_spans), n_spans);
  g_autofree char *subtitle = NULL;
  GtkWidget *box;
  GtkWidget *labels;
  GtkWidget *title;
  GtkWidget *caption;
  double duration_ms = 0;

  if (contrail_trace_get_duration_ms (trace, &duration_ms))
    {
      g_autofree char *duration = format_duration (duration_ms);

      subtitle = g_strdup_printf ("%s · %s", spans, duration);
    }
  else
    {
      subtitle = g_steal_pointer (&spans);
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  title = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        NULL);
  gtk_label_set_text (GTK_LABEL (title), name != NULL && name[0] != '\0' ? name : _("Unnamed Trace"));
  gtk_box_append (GTK_BOX (labels), title);

  caption = g_object_new (GTK_TYPE_LABEL,
                          "xalign", 0.0f,
                          "ellipsize", PANGO_ELLIPSIZE_END,
                          "css-classes", (const char *[]) { "caption", "dim-label", "numeric", NULL },
                          NULL);
  gtk_label_set_text (GTK_LABEL (caption), subtitle);
  gtk_box_append (GTK_BOX (labels), caption);

  if (n_errors > 0)
    {
      g_autofree char *tooltip = g_strdup_printf (ngettext ("%u span failed", "%u spans failed",
                                                            n_errors),
                                                  n_errors);
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", "dialog-error-symbolic",
                                      "valign", GTK_ALIGN_CENTER,
                                      "css-classes", (const char *[]) { "error", NULL },
                                      NULL);

      gtk_widget_set_tooltip_text (icon, tooltip);
      gtk_box_append (GTK_BOX (box), icon);
    }

  gtk_widget_set_tooltip_text (box, name);
  gtk_widget_add_css_class (box, "trace-row");

  return box;
}

static void
trace_row_selected_cb (ContrailWindow *self,
                       GtkListBoxRow  *row,
                       GtkListBox     *list_box)
{
  g_autoptr(ContrailTrace) trace = NULL;

  if (row != NULL)
    trace = g_list_model_get_item (G_LIST_MODEL (self->traces), gtk_list_box_row_get_index (row));

  show_trace (self, trace);
}

/* ---- Loading ---- */

static void
import_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;
  ContrailWindow *self = data->self;

  traces = contrail_import_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (traces == NULL)
    report_load_error (self, data->file, error);
  else
    contrail_window_add_traces (self, traces);

  end_load (self);
}

static void
load_demo_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GPtrArray *traces;
  GError *error = NULL;

  if ((traces = contrail_import_demo (&error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, traces, (GDestroyNotify)g_ptr_array_unref);
}

static void
load_demo_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ContrailWindow *self = CONTRAIL_WINDOW (object);
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;

  traces = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (traces == NULL)
    report_load_error (self, NULL, error);
  else
    contrail_window_add_traces (self, traces);

  end_load (self);
}

/* ---- Actions and callbacks ---- */

static void
file_chooser_response_cb (ContrailWindow  *self,
                          int              response,
                          GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = NULL;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkFileChooser: deprecated in GTK 4.10 */
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      G_GNUC_END_IGNORE_DEPRECATIONS

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          contrail_window_open_file (self, file);
        }
    }

  if (self->file_chooser == dialog)
    g_clear_object (&self->file_chooser);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);
  g_autoptr(GtkFileFilter) json_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkNativeDialog: deprecated in GTK 4.10 */
  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (self->file_chooser);
      return;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_file_filter_set_name (json_filter, _("Trace Files (JSON)"));
  gtk_file_filter_add_mime_type (json_filter, "application/json");
  gtk_file_filter_add_mime_type (json_filter, "application/x-ndjson");
  gtk_file_filter_add_pattern (json_filter, "*.json");
  gtk_file_filter_add_pattern (json_filter, "*.jsonl");
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkFileChooserNative: deprecated in GTK 4.10 */
  chooser = gtk_file_chooser_native_new (_("Open Trace Files"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), json_filter);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->file_chooser, TRUE);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->file_chooser);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  contrail_window_open_demo (CONTRAIL_WINDOW (widget));
}

static void
show_traces_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->traces)) > 0)
    set_page (self, "trace");
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_activate_cb (ContrailWindow *self,
                    GtkSearchEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (text[0] == '\0')
    return;

  /* A pasted path opens the file; IDs and URLs need the API client (a later version). */
  if (g_path_is_absolute (text) && g_file_test (text, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (text);

      contrail_window_open_file (self, file);
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
    }
  else
    {
      contrail_window_show_message (self,
                                    _("Fetching traces from Opper is not supported yet; open a trace file instead"));
    }
}

static gboolean
drop_cb (ContrailWindow *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    contrail_window_open_file (self, l->data);
  g_slist_free (files);

  return TRUE;
}

static gboolean
close_request_cb (ContrailWindow *self)
{
  int width = 0;
  int height = 0;

  if (self->settings == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (gtk_widget_get_visible (self->sidebar) && gtk_widget_get_mapped (self->sidebar))
    g_settings_set_int (self->settings, "sidebar-position",
                        CLAMP (gtk_paned_get_position (self->paned), 120, 2000));

  return GDK_EVENT_PROPAGATE;
}

/* The app adds its resource icons to the theme; a window without one (tests) does it here. */
static void
ensure_resource_icons (ContrailWindow *self)
{
  static const char *icons_path = "/io/github/contrail/Contrail/icons";
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (theme);

  if (paths == NULL || !g_strv_contains ((const char * const *)paths, icons_path))
    gtk_icon_theme_add_resource_path (theme, icons_path);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed; the window size is not kept", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- GObject ---- */

static void
contrail_window_set_show_sidebar (ContrailWindow *self,
                                  gboolean        show_sidebar)
{
  show_sidebar = !!show_sidebar;

  if (self->show_sidebar == show_sidebar)
    return;

  self->show_sidebar = show_sidebar;
  gtk_widget_set_visible (self->sidebar, show_sidebar);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

static void
contrail_window_dispose (GObject *object)
{
  ContrailWindow *self = (ContrailWindow *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->file_chooser, file_chooser_response_cb, self);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkNativeDialog: deprecated in GTK 4.10 */
      gtk_native_dialog_destroy (self->file_chooser);
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_clear_object (&self->file_chooser);
    }

  if (self->span_selection != NULL)
    g_signal_handlers_disconnect_by_func (self->span_selection, span_selection_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_WINDOW);

  g_clear_object (&self->span_selection);
  g_clear_object (&self->selected_span);
  g_clear_object (&self->trace);
  g_clear_object (&self->traces);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (contrail_window_parent_class)->dispose (object);
}

static void
contrail_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ContrailWindow *self = CONTRAIL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_SPAN:
      g_value_set_object (value, self->selected_span);
      break;

    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->show_sidebar);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ContrailWindow *self = CONTRAIL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      contrail_window_set_show_sidebar (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_window_class_init (ContrailWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrail_window_dispose;
  object_class->get_property = contrail_window_get_property;
  object_class->set_property = contrail_window_set_property;

  properties[PROP_SELECTED_SPAN] =
    g_param_spec_object ("selected-span", NULL, NULL,
                         CONTRAIL_TYPE_SPAN,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, trace_list);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, trace_title);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, trace_summary);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, trace_id);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, span_view);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, trace_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-traces", NULL, show_traces_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.show-sidebar", NULL);
}

static void
contrail_window_init (ContrailWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkDropTarget *drop_target;

  /* Before the template: the sidebar button reads it through win.show-sidebar. */
  self->show_sidebar = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_resource_icons (self);

  self->traces = g_list_store_new (CONTRAIL_TYPE_TRACE);
  self->cancellable = g_cancellable_new ();

  gtk_list_box_bind_model (self->trace_list, G_LIST_MODEL (self->traces),
                           create_trace_row_cb, NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (span_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (span_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (span_unbind_cb), NULL);
  gtk_list_view_set_factory (self->span_view, factory);
  g_signal_connect_object (self->span_view, "activate",
                           G_CALLBACK (span_activate_cb), self, G_CONNECT_SWAPPED);
  add_span_shortcuts (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  if ((self->settings = settings_new_if_installed ()) != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      gtk_paned_set_position (self->paned, g_settings_get_int (self->settings, "sidebar-position"));
    }
  else
    {
      gtk_paned_set_position (self->paned, 260);
    }

  set_page (self, "empty");
}

/* ---- Public API ---- */

ContrailWindow *
contrail_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CONTRAIL_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * contrail_window_add_traces:
 * @traces: (element-type ContrailTrace): traces to add to the list
 *
 * Adds the traces to the window's list (a trace whose id is already open is
 * not added twice) and shows the first of them.
 */
void
contrail_window_add_traces (ContrailWindow *self,
                            GPtrArray      *traces)
{
  int select = -1;

  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (traces != NULL);

  for (guint i = 0; i < traces->len; i++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, i);
      const char *id = contrail_trace_get_id (trace);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->traces));
      int position = -1;

      for (guint j = 0; id != NULL && j < n && position < 0; j++)
        {
          g_autoptr(ContrailTrace) other = g_list_model_get_item (G_LIST_MODEL (self->traces), j);

          if (g_strcmp0 (contrail_trace_get_id (other), id) == 0)
            position = j;
        }

      if (position < 0)
        {
          g_list_store_append (self->traces, trace);
          position = n;
        }

      if (select < 0)
        select = position;
    }

  if (select < 0)
    return;

  set_page (self, "trace");
  gtk_list_box_select_row (self->trace_list, gtk_list_box_get_row_at_index (self->trace_list, select));
}

void
contrail_window_show_error (ContrailWindow *self,
                            const GError   *error)
{
  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  show_error_page (self, _("Could Not Load Trace"), error->message);
}

void
contrail_window_open_file (ContrailWindow *self,
                           GFile          *file)
{
  LoadData *data;

  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);

  begin_load (self);
  contrail_import_file_async (file, self->cancellable, import_file_cb, data);
}

/**
 * contrail_window_open_demo:
 *
 * Loads the bundled demo traces (in a worker thread) and shows them.
 */
void
contrail_window_open_demo (ContrailWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CONTRAIL_IS_WINDOW (self));

  begin_load (self);

  task = g_task_new (self, self->cancellable, load_demo_cb, NULL);
  g_task_set_source_tag (task, contrail_window_open_demo);
  g_task_run_in_thread (task, load_demo_worker);
}

/**
 * contrail_window_show_message:
 * @message: plain text (it is escaped here)
 *
 * Shows a short message in a toast.
 */
void
contrail_window_show_message (ContrailWindow *self,
                              const char     *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  escaped = g_markup_escape_text (message, -1);   /* toast titles are markup */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

ContrailSpan *
contrail_window_get_selected_span (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return self->selected_span;
}

/* ---- For tests ---- */

const char *
_contrail_window_get_page (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
_contrail_window_get_span_model (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return self->span_selection != NULL ? G_LIST_MODEL (self->span_selection) : NULL;
}

GListModel *
_contrail_window_get_traces (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->traces);
}

GtkWidget *
_contrail_window_get_span_view (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->span_view);
}
