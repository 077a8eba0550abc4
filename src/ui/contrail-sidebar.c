/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailSidebar: open, recent and account traces (see the header).
 *
 * Trace names, statuses and paths are data: they only reach plain-text
 * setters.
 */

#define G_LOG_DOMAIN "contrail-sidebar"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrail-format.h"
#include "contrail-reference.h"
#include "contrail-sidebar.h"
#include "contrail-sidebar-private.h"
#include "contrail-trace-list.h"

#define PAGE_SIZE          50
#define LOAD_MORE_MARGIN   400   /* px from the end at which the next page is fetched */

struct _ContrailSidebar
{
  GtkWidget          parent_instance;

  /* Owned */
  GListModel        *traces;
  GSettings         *settings;
  ContrailClient    *client;
  ContrailTraceList *trace_list;
  GtkStringList     *recent;
  guint              fill_source;

  /* Borrowed */
  ContrailTrace     *current;

  /* Template widgets */
  GtkWidget         *scroller;
  GtkWidget         *open_heading;
  GtkListBox        *open_list;
  GtkWidget         *recent_section;
  GtkListBox        *recent_list;
  GtkWidget         *list_spinner;
  GtkWidget         *refresh_button;
  GtkSearchEntry    *filter_entry;
  GtkStack          *account_stack;
  GtkListBox        *account_list;
  GtkLabel          *list_status;
  GtkWidget         *retry_button;
  GtkLabel          *no_key_label;

  guint              selecting : 1;
};

G_DEFINE_FINAL_TYPE (ContrailSidebar, contrail_sidebar, GTK_TYPE_WIDGET)

enum {
  TRACE_SELECTED,
  OPEN_REFERENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Rows ---- */

/* A one-line label still lays out all of its text: a trace named with
 * 10 kB took milliseconds per row.  More than a row can show. */
#define LABEL_MAX_CHARS 200

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           gboolean    dim)
{
  g_autofree char *shown = contrail_format_excerpt (text, LABEL_MAX_CHARS);
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", 0.0f,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   "single-line-mode", TRUE,
                                   NULL);

  gtk_label_set_text (GTK_LABEL (label), shown != NULL ? shown : "");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
two_line_box (const char *title,
              const char *subtitle,
              const char *subtitle_class)
{
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *subtitle_label;

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), label_new (title, NULL, FALSE));
  if (subtitle != NULL && subtitle[0] != '\0')
    {
      subtitle_label = label_new (subtitle, "caption", TRUE);
      if (subtitle_class != NULL)
        gtk_widget_add_css_class (subtitle_label, subtitle_class);
      gtk_box_append (GTK_BOX (labels), subtitle_label);
    }

  return labels;
}

static GtkWidget *
error_icon_new (const char *tooltip)
{
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "dialog-error-symbolic",
                                  "valign", GTK_ALIGN_CENTER,
                                  "css-classes", (const char *[]) { "error", NULL },
                                  NULL);

  gtk_widget_set_tooltip_text (icon, tooltip);

  return icon;
}

static GtkWidget *
create_open_row_cb (gpointer item,
                    gpointer user_data)
{
  ContrailTrace *trace = item;
  const char *name = contrail_trace_get_name (trace);
  guint n_spans = contrail_trace_get_span_count (trace);
  guint n_errors = contrail_trace_get_n_errors (trace);
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u span", "%u spans", n_spans), n_spans);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  double duration_ms = 0;

  if (contrail_trace_get_duration_ms (trace, &duration_ms))
    {
      g_autofree char *duration = contrail_format_duration (duration_ms);
      g_autofree char *spans = g_steal_pointer (&subtitle);

      subtitle = g_strdup_printf ("%s · %s", spans, duration);
    }

  gtk_box_append (GTK_BOX (box),
                  two_line_box (name != NULL && name[0] != '\0' ? name : _("Unnamed Trace"),
                                subtitle, "numeric"));

  if (n_errors > 0)
    {
      g_autofree char *tooltip = g_strdup_printf (ngettext ("%u span failed", "%u spans failed",
                                                            n_errors),
                                                  n_errors);

      gtk_box_append (GTK_BOX (box), error_icon_new (tooltip));
    }

  gtk_widget_set_tooltip_text (box, name);

  return box;
}

static gboolean
status_is_failure (const char *status)
{
  g_autofree char *lower = NULL;

  if (status == NULL)
    return FALSE;

  lower = g_ascii_strdown (status, -1);

  return strstr (lower, "error") != NULL || strstr (lower, "fail") != NULL;
}

static GtkWidget *
create_account_row_cb (gpointer item,
                       gpointer user_data)
{
  ContrailTraceSummary *summary = item;
  const char *name = contrail_trace_summary_get_name (summary);
  const char *status = contrail_trace_summary_get_status (summary);
  gint64 tokens = contrail_trace_summary_get_total_tokens (summary);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *caption = NULL;
  g_autofree char *time = contrail_format_start_time (contrail_trace_summary_get_start_time (summary));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  double duration_ms = 0;

  if (time != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&time));
  if (contrail_trace_summary_get_duration_ms (summary, &duration_ms))
    g_ptr_array_add (parts, contrail_format_duration (duration_ms));
  if (tokens >= 0)
    g_ptr_array_add (parts, contrail_format_tokens_short (tokens));
  if (status != NULL && status[0] != '\0' && !status_is_failure (status))
    g_ptr_array_add (parts, g_strdup (status));
  g_ptr_array_add (parts, NULL);
  caption = g_strjoinv (" · ", (char **)parts->pdata);

  gtk_box_append (GTK_BOX (box),
                  two_line_box (name != NULL && name[0] != '\0' ? name : _("Unnamed Trace"),
                                caption, "numeric"));
  if (status_is_failure (status))
    gtk_box_append (GTK_BOX (box), error_icon_new (status));

  gtk_widget_set_tooltip_text (box, name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "contrail-reference",
                          g_strdup (contrail_trace_summary_get_id (summary)), g_free);

  return row;
}

/* The name of the trace with @id, when it is open or in the account list. */
static const char *
lookup_name (ContrailSidebar *self,
             const char      *id)
{
  GListModel *models[] = { self->traces, G_LIST_MODEL (self->trace_list) };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint n = models[m] != NULL ? g_list_model_get_n_items (models[m]) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (models[m], i);
          const char *item_id;
          const char *name;

          if (CONTRAIL_IS_TRACE (item))
            {
              item_id = contrail_trace_get_id (CONTRAIL_TRACE (item));
              name = contrail_trace_get_name (CONTRAIL_TRACE (item));
            }
          else
            {
              item_id = contrail_trace_summary_get_id (CONTRAIL_TRACE_SUMMARY (item));
              name = contrail_trace_summary_get_name (CONTRAIL_TRACE_SUMMARY (item));
            }

          if (g_strcmp0 (item_id, id) == 0 && name != NULL && name[0] != '\0')
            return name;
        }
    }

  return NULL;
}

static void
remove_recent_cb (ContrailSidebar *self,
                  GtkButton       *button)
{
  const char *reference = g_object_get_data (G_OBJECT (button), "contrail-reference");
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  if (self->settings == NULL || reference == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-traces");
  for (guint i = 0; recent[i] != NULL; i++)
    {
      if (g_strcmp0 (recent[i], reference) != 0)
        g_strv_builder_add (builder, recent[i]);
    }

  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-traces", (const char * const *)kept);
}

static GtkWidget *
create_recent_row_cb (gpointer item,
                      gpointer user_data)
{
  ContrailSidebar *self = user_data;
  const char *reference = gtk_string_object_get_string (item);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *subtitle_class = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove;

  if (g_path_is_absolute (reference))
    {
      g_autofree char *dir = g_path_get_dirname (reference);

      title = g_filename_display_basename (reference);
      subtitle = g_filename_display_name (dir);
    }
  else
    {
      const char *name = lookup_name (self, reference);

      /* Translators: a recent trace whose name is not known, e.g. "Trace 0383850c…" */
      title = name != NULL ? g_strdup (name) : g_strdup_printf (_("Trace %.8s…"), reference);
      subtitle = g_strdup (reference);
      subtitle_class = "monospace";
    }

  gtk_box_append (GTK_BOX (box), two_line_box (title, subtitle, subtitle_class));

  remove = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "window-close-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Remove from Recent"),
                         "css-classes", (const char *[]) { "flat", "circular", "sidebar-remove", NULL },
                         NULL);
  g_object_set_data_full (G_OBJECT (remove), "contrail-reference", g_strdup (reference), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_recent_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_widget_set_tooltip_text (box, reference);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "contrail-reference", g_strdup (reference), g_free);

  return row;
}

/* ---- Recent ---- */

static void
recent_changed_cb (ContrailSidebar *self)
{
  g_auto(GStrv) recent = NULL;
  int max = 20;

  if (self->settings != NULL)
    {
      recent = g_settings_get_strv (self->settings, "recent-traces");
      max = g_settings_get_int (self->settings, "max-recent-traces");
    }

  gtk_string_list_splice (self->recent, 0, g_list_model_get_n_items (G_LIST_MODEL (self->recent)),
                          (const char * const *)recent);
  gtk_widget_set_visible (self->recent_section,
                          max > 0 && recent != NULL && recent[0] != NULL);
}

/* ---- The account's traces ---- */

static void
update_list_state (ContrailSidebar *self)
{
  const GError *error = NULL;
  gboolean loading = FALSE;
  guint n_items = 0;
  g_autofree char *status = NULL;
  const char *filter = NULL;

  if (self->trace_list != NULL)
    {
      error = contrail_trace_list_get_error (self->trace_list);
      loading = contrail_trace_list_get_loading (self->trace_list);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->trace_list));
      filter = contrail_trace_list_get_filter (self->trace_list);
    }

  gtk_widget_set_visible (self->list_spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->list_spinner), loading);
  gtk_widget_set_sensitive (self->refresh_button, self->trace_list != NULL);

  if (g_error_matches (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_NO_API_KEY) ||
      g_error_matches (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_UNAUTHORIZED))
    {
      if (error->code == CONTRAIL_CLIENT_ERROR_NO_API_KEY)
        gtk_label_set_text (self->no_key_label,
                            _("Contrail lists the traces of your Opper account once it has an API "
                              "key. Create one in the Opper dashboard, then add it in Preferences. "
                              "The demo traces work without one."));
      else
        gtk_label_set_text (self->no_key_label,
                            _("Opper rejected the API key. Open Preferences and enter a valid "
                              "key. The demo traces work without one."));
      gtk_widget_set_visible (GTK_WIDGET (self->filter_entry), FALSE);
      gtk_stack_set_visible_child_name (self->account_stack, "no-key");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->filter_entry), self->trace_list != NULL);
  gtk_stack_set_visible_child_name (self->account_stack, "list");

  if (self->trace_list == NULL)
    status = g_strdup (_("Your traces are not available: the API address is not valid. Check it "
                         "in Preferences."));
  else if (g_error_matches (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_CONNECT) ||
           g_error_matches (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_TIMED_OUT))
    status = g_strdup (_("Could not reach Opper to list your traces. Check the network "
                         "connection, or the API address in Preferences."));
  else if (error != NULL)
    /* Translators: the list of the account's traces failed; %s says why */
    status = g_strdup_printf (_("Could not load your traces: %s"), error->message);
  else if (loading && n_items == 0)
    status = g_strdup (_("Loading…"));
  else if (!loading && n_items == 0 && filter != NULL)
    status = g_strdup_printf (_("No traces named like “%s”"), filter);
  else if (!loading && n_items == 0)
    status = g_strdup (_("No traces yet. Traces appear here once your code runs with Opper."));

  gtk_label_set_text (self->list_status, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->list_status), status != NULL);
  gtk_widget_set_visible (self->retry_button, error != NULL);
}

static void
maybe_load_more (ContrailSidebar *self)
{
  GtkAdjustment *adjustment;

  if (self->trace_list == NULL ||
      contrail_trace_list_get_loading (self->trace_list) ||
      !contrail_trace_list_get_has_more (self->trace_list) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  if (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
      gtk_adjustment_get_upper (adjustment) - LOAD_MORE_MARGIN)
    contrail_trace_list_load_more (self->trace_list);
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  ContrailSidebar *self = user_data;

  self->fill_source = 0;
  maybe_load_more (self);

  return G_SOURCE_REMOVE;
}

/* After a change, once the list is laid out: fetch more if it does not fill the view. */
static void
queue_fill (ContrailSidebar *self)
{
  if (self->fill_source == 0)
    self->fill_source = g_timeout_add_full (G_PRIORITY_LOW, 100, fill_idle_cb, self, NULL);
}

static void
trace_list_changed_cb (ContrailSidebar *self)
{
  update_list_state (self);
  queue_fill (self);
}

static void
edge_reached_cb (ContrailSidebar   *self,
                 GtkPositionType    position,
                 GtkScrolledWindow *scroller)
{
  if (position == GTK_POS_BOTTOM)
    maybe_load_more (self);
}

static void
scrolled_cb (ContrailSidebar *self)
{
  maybe_load_more (self);
}

static void
refresh_clicked_cb (ContrailSidebar *self)
{
  contrail_sidebar_reload (self);
}

static void
filter_changed_cb (ContrailSidebar *self,
                   GtkSearchEntry  *entry)
{
  if (self->trace_list != NULL)
    contrail_trace_list_set_filter (self->trace_list,
                                    gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
drop_trace_list (ContrailSidebar *self)
{
  if (self->trace_list == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->trace_list, self);
  gtk_list_box_bind_model (self->account_list, NULL, NULL, NULL, NULL);
  /* Cancels its request: the callback holds a ref until it runs. */
  g_object_run_dispose (G_OBJECT (self->trace_list));
  g_clear_object (&self->trace_list);
}

/* ---- Activation ---- */

static void
open_row_selected_cb (ContrailSidebar *self,
                      GtkListBoxRow   *row,
                      GtkListBox      *list_box)
{
  g_autoptr(ContrailTrace) trace = NULL;

  if (self->selecting || row == NULL || self->traces == NULL)
    return;

  trace = g_list_model_get_item (self->traces, gtk_list_box_row_get_index (row));
  if (trace != NULL && trace != self->current)
    {
      self->current = trace;
      g_signal_emit (self, signals[TRACE_SELECTED], 0, trace);
    }
}

static void
recent_row_activated_cb (ContrailSidebar *self,
                         GtkListBoxRow   *row,
                         GtkListBox      *list_box)
{
  const char *reference = g_object_get_data (G_OBJECT (row), "contrail-reference");

  if (reference != NULL)
    g_signal_emit (self, signals[OPEN_REFERENCE], 0, reference);
}

static void
account_row_activated_cb (ContrailSidebar *self,
                          GtkListBoxRow   *row,
                          GtkListBox      *list_box)
{
  const char *reference = g_object_get_data (G_OBJECT (row), "contrail-reference");

  if (reference != NULL)
    g_signal_emit (self, signals[OPEN_REFERENCE], 0, reference);
}

static void
traces_changed_cb (ContrailSidebar *self)
{
  gtk_widget_set_visible (self->open_heading, g_list_model_get_n_items (self->traces) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->open_list), g_list_model_get_n_items (self->traces) > 0);
  /* Names of recent traces may be known now. */
  recent_changed_cb (self);
  contrail_sidebar_select_trace (self, self->current);
}

/* ---- GObject ---- */

static void
contrail_sidebar_dispose (GObject *object)
{
  ContrailSidebar *self = (ContrailSidebar *)object;

  g_clear_handle_id (&self->fill_source, g_source_remove);
  drop_trace_list (self);
  if (self->traces != NULL)
    g_signal_handlers_disconnect_by_data (self->traces, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_SIDEBAR);

  g_clear_object (&self->traces);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_object (&self->recent);
  self->current = NULL;

  G_OBJECT_CLASS (contrail_sidebar_parent_class)->dispose (object);
}

static void
contrail_sidebar_class_init (ContrailSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrail_sidebar_dispose;

  /**
   * ContrailSidebar::trace-selected:
   * @trace: one of the open traces
   */
  signals[TRACE_SELECTED] =
    g_signal_new ("trace-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONTRAIL_TYPE_TRACE);

  /**
   * ContrailSidebar::open-reference:
   * @reference: a trace ID or the absolute path of a trace file
   */
  signals[OPEN_REFERENCE] =
    g_signal_new ("open-reference",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, open_heading);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, open_list);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, recent_section);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, recent_list);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, account_stack);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, account_list);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, list_status);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, retry_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailSidebar, no_key_label);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebar");
}

static void
contrail_sidebar_init (ContrailSidebar *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (self->recent),
                           create_recent_row_cb, self, NULL);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_visible (self->open_heading, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->open_list), FALSE);
  recent_changed_cb (self);
  update_list_state (self);
}

/* ---- Public API ---- */

GtkWidget *
contrail_sidebar_new (void)
{
  return g_object_new (CONTRAIL_TYPE_SIDEBAR, NULL);
}

void
contrail_sidebar_set_traces (ContrailSidebar *self,
                             GListModel      *traces)
{
  g_return_if_fail (CONTRAIL_IS_SIDEBAR (self));
  g_return_if_fail (traces == NULL || G_IS_LIST_MODEL (traces));

  if (self->traces == traces)
    return;

  if (self->traces != NULL)
    g_signal_handlers_disconnect_by_data (self->traces, self);
  g_set_object (&self->traces, traces);
  self->current = NULL;

  gtk_list_box_bind_model (self->open_list, traces, create_open_row_cb, NULL, NULL);
  if (traces != NULL)
    {
      /* After the list box has made its rows */
      g_signal_connect_object (traces, "items-changed", G_CALLBACK (traces_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      traces_changed_cb (self);
    }
}

void
contrail_sidebar_select_trace (ContrailSidebar *self,
                               ContrailTrace   *trace)
{
  GtkListBoxRow *row = NULL;
  guint n;

  g_return_if_fail (CONTRAIL_IS_SIDEBAR (self));
  g_return_if_fail (trace == NULL || CONTRAIL_IS_TRACE (trace));

  self->current = trace;
  n = self->traces != NULL ? g_list_model_get_n_items (self->traces) : 0;

  for (guint i = 0; i < n && trace != NULL && row == NULL; i++)
    {
      g_autoptr(ContrailTrace) item = g_list_model_get_item (self->traces, i);

      if (item == trace)
        row = gtk_list_box_get_row_at_index (self->open_list, i);
    }

  self->selecting = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->open_list, row);
  else
    gtk_list_box_unselect_all (self->open_list);
  self->selecting = FALSE;
}

void
contrail_sidebar_set_settings (ContrailSidebar *self,
                               GSettings       *settings)
{
  g_return_if_fail (CONTRAIL_IS_SIDEBAR (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);

  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::recent-traces",
                               G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::max-recent-traces",
                               G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
    }

  recent_changed_cb (self);
}

void
contrail_sidebar_set_client (ContrailSidebar *self,
                             ContrailClient  *client)
{
  g_return_if_fail (CONTRAIL_IS_SIDEBAR (self));
  g_return_if_fail (client == NULL || CONTRAIL_IS_CLIENT (client));

  if (self->client == client && (client == NULL || self->trace_list != NULL))
    return;

  drop_trace_list (self);
  g_set_object (&self->client, client);

  if (client != NULL)
    {
      self->trace_list = contrail_trace_list_new (client, PAGE_SIZE);
      g_signal_connect_object (self->trace_list, "notify::loading",
                               G_CALLBACK (trace_list_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->trace_list, "notify::has-more",
                               G_CALLBACK (trace_list_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->trace_list, "items-changed",
                               G_CALLBACK (trace_list_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      gtk_list_box_bind_model (self->account_list, G_LIST_MODEL (self->trace_list),
                               create_account_row_cb, NULL, NULL);
      contrail_trace_list_set_filter (self->trace_list,
                                      gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
    }

  update_list_state (self);
}

void
contrail_sidebar_reload (ContrailSidebar *self)
{
  g_return_if_fail (CONTRAIL_IS_SIDEBAR (self));

  if (self->trace_list != NULL)
    contrail_trace_list_reload (self->trace_list);
  update_list_state (self);
}

/* ---- For tests ---- */

GListModel *
_contrail_sidebar_get_account_model (ContrailSidebar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->trace_list);
}

GListModel *
_contrail_sidebar_get_recent_model (ContrailSidebar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->recent);
}

const char *
_contrail_sidebar_get_account_page (ContrailSidebar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SIDEBAR (self), NULL);

  return gtk_stack_get_visible_child_name (self->account_stack);
}

void
_contrail_sidebar_activate_account (ContrailSidebar *self,
                                    guint            position)
{
  GtkListBoxRow *row;

  g_return_if_fail (CONTRAIL_IS_SIDEBAR (self));

  if ((row = gtk_list_box_get_row_at_index (self->account_list, position)) != NULL)
    g_signal_emit_by_name (self->account_list, "row-activated", row);
}

void
_contrail_sidebar_activate_recent (ContrailSidebar *self,
                                   guint            position,
                                   gboolean         remove)
{
  GtkListBoxRow *row;
  GtkWidget *button;

  g_return_if_fail (CONTRAIL_IS_SIDEBAR (self));

  if ((row = gtk_list_box_get_row_at_index (self->recent_list, position)) == NULL)
    return;

  if (!remove)
    {
      g_signal_emit_by_name (self->recent_list, "row-activated", row);
      return;
    }

  /* The remove button is the last widget of the row's box. */
  button = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));
  g_signal_emit_by_name (button, "clicked");
}
