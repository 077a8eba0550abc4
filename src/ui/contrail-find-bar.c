/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailFindBar: find in trace (see the header).
 *
 * Every change of the query, the filters, the trace or the search mode
 * restarts the search: the running one is cancelled and a new one starts in
 * a worker thread; the entry's search-delay coalesces typing.  The previous
 * result stays up until the new one arrives, so that the tree does not
 * flicker while a big trace is searched; a spinner shows after a moment.
 */

#define G_LOG_DOMAIN "contrail-find-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "contrail-find-bar.h"
#include "contrail-format.h"

#define SPINNER_DELAY_MS 150

struct _ContrailFindBar
{
  GtkWidget             parent_instance;

  /* Owned */
  ContrailTrace        *trace;
  ContrailSpan         *current_span;
  ContrailSearchResult *result;
  GCancellable         *cancellable;      /* the running search, NULL when none runs */
  char                 *searched_query;   /* what the running or last search was for */
  ContrailSearchFilter  searched_filters;
  guint                 spinner_source;

  /* Template widgets */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *entry;
  GtkSpinner           *spinner;
  GtkLabel             *counter_label;

  ContrailSearchFilter  filters;
  guint                 matches_only : 1;
};

G_DEFINE_FINAL_TYPE (ContrailFindBar, contrail_find_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_SEARCH_MODE,
  PROP_QUERY,
  PROP_ERRORS_ONLY,
  PROP_LLM_ONLY,
  PROP_SLOWEST_ONLY,
  PROP_MATCHES_ONLY,
  PROP_CURRENT_SPAN,
  PROP_RESULT,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MATCH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The filter behind each pill's property. */
static const struct
{
  guint                prop_id;
  ContrailSearchFilter filter;
} filter_props[] = {
  { PROP_ERRORS_ONLY, CONTRAIL_SEARCH_FILTER_ERRORS },
  { PROP_LLM_ONLY, CONTRAIL_SEARCH_FILTER_LLM },
  { PROP_SLOWEST_ONLY, CONTRAIL_SEARCH_FILTER_SLOWEST },
};

/* ---- Counter and actions ---- */

static void
update_counter (ContrailFindBar *self)
{
  g_autofree char *text = NULL;
  gboolean none = FALSE;

  if (self->result != NULL)
    {
      guint n = contrail_search_result_get_n_matches (self->result);
      gint position = self->current_span != NULL
                      ? contrail_search_result_find (self->result, self->current_span) : -1;

      if (n == 0)
        {
          text = g_strdup (_("No matches"));
          none = TRUE;
        }
      else if (position >= 0)
        {
          g_autofree char *at = contrail_format_count (position + 1);
          g_autofree char *of = contrail_format_count (n);

          /* Translators: the match counter of find in trace, e.g. "3 of 12" */
          text = g_strdup_printf (_("%s of %s"), at, of);
        }
      else
        {
          g_autofree char *count = contrail_format_count (n);

          text = g_strdup_printf (ngettext ("%s match", "%s matches", n), count);
        }
    }

  gtk_label_set_text (self->counter_label, text != NULL ? text : "");

  if (none)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.next", self->result != NULL && !none);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.previous", self->result != NULL && !none);
}

static void
set_result (ContrailFindBar      *self,
            ContrailSearchResult *result)
{
  if (!g_set_object (&self->result, result))
    return;

  update_counter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/* ---- Searching ---- */

static gboolean
spinner_timeout_cb (gpointer user_data)
{
  ContrailFindBar *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);

  return G_SOURCE_REMOVE;
}

static void
set_searching (ContrailFindBar *self,
               gboolean         searching)
{
  gboolean was_searching = self->cancellable != NULL;

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (searching)
    {
      self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, spinner_timeout_cb, self);
      g_source_set_name_by_id (self->spinner_source, "[contrail] find spinner");
    }
  else
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      g_clear_object (&self->cancellable);
    }

  if (was_searching != searching)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
cancel_search (ContrailFindBar *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_searching (self, FALSE);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ContrailFindBar) self = user_data;
  g_autoptr(ContrailSearchResult) found = NULL;
  g_autoptr(GError) error = NULL;

  found = contrail_trace_search_finish (result, &error);

  /* A newer search replaced this one, or the bar went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_searching (self, FALSE);

  if (found == NULL)
    {
      g_debug ("Searching the trace failed: %s", error->message);
      return;
    }

  set_result (self, found);

  /* Find as you type: on to the first match after the current span,
   * unless that span is a match itself. */
  if (self->current_span == NULL ||
      !contrail_search_result_is_match (found, self->current_span))
    contrail_find_bar_next_match (self, FALSE);
}

static gboolean
has_query (const char *query)
{
  for (const char *p = query; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return TRUE;
    }

  return FALSE;
}

static void
restart_search (ContrailFindBar *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->trace == NULL || !gtk_search_bar_get_search_mode (self->search_bar) ||
      (!has_query (query) && self->filters == CONTRAIL_SEARCH_FILTER_NONE))
    {
      cancel_search (self);
      g_clear_pointer (&self->searched_query, g_free);
      set_result (self, NULL);
      return;
    }

  /* The same search is running, or done. */
  if ((self->cancellable != NULL || self->result != NULL) &&
      g_strcmp0 (self->searched_query, query) == 0 && self->searched_filters == self->filters)
    return;

  cancel_search (self);
  g_free (self->searched_query);
  self->searched_query = g_strdup (query);
  self->searched_filters = self->filters;
  self->cancellable = g_cancellable_new ();
  set_searching (self, TRUE);

  contrail_trace_search_async (self->trace, query, self->filters, self->cancellable,
                               search_cb, g_object_ref (self));
}

/* ---- Callbacks and actions ---- */

static void
entry_search_changed_cb (ContrailFindBar *self,
                         GtkSearchEntry  *entry)
{
  restart_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

static void
entry_activate_cb (ContrailFindBar *self,
                   GtkSearchEntry  *entry)
{
  contrail_find_bar_next_match (self, FALSE);
}

static void
entry_next_match_cb (ContrailFindBar *self,
                     GtkSearchEntry  *entry)
{
  contrail_find_bar_next_match (self, FALSE);
}

static void
entry_previous_match_cb (ContrailFindBar *self,
                         GtkSearchEntry  *entry)
{
  contrail_find_bar_next_match (self, TRUE);
}

static void
search_mode_changed_cb (ContrailFindBar *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
    }

  restart_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  contrail_find_bar_next_match (CONTRAIL_FIND_BAR (widget),
                                g_str_equal (action_name, "find.previous"));
}

static void
add_entry_shortcuts (ContrailFindBar *self)
{
  static const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Shift+Enter: the entry would take it as a plain Enter. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i],
                                                                                    GDK_SHIFT_MASK),
                                                            gtk_named_action_new ("find.previous")));
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
}

/* ---- GObject ---- */

static void
contrail_find_bar_dispose (GObject *object)
{
  ContrailFindBar *self = (ContrailFindBar *)object;

  cancel_search (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_FIND_BAR);
  g_clear_object (&self->result);
  g_clear_object (&self->current_span);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->searched_query, g_free);

  G_OBJECT_CLASS (contrail_find_bar_parent_class)->dispose (object);
}

static void
contrail_find_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ContrailFindBar *self = CONTRAIL_FIND_BAR (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, contrail_find_bar_get_search_mode (self));
      break;

    case PROP_QUERY:
      g_value_set_string (value, contrail_find_bar_get_query (self));
      break;

    case PROP_ERRORS_ONLY:
    case PROP_LLM_ONLY:
    case PROP_SLOWEST_ONLY:
      for (guint i = 0; i < G_N_ELEMENTS (filter_props); i++)
        {
          if (filter_props[i].prop_id == prop_id)
            g_value_set_boolean (value, (self->filters & filter_props[i].filter) != 0);
        }
      break;

    case PROP_MATCHES_ONLY:
      g_value_set_boolean (value, self->matches_only);
      break;

    case PROP_CURRENT_SPAN:
      g_value_set_object (value, self->current_span);
      break;

    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    case PROP_SEARCHING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_find_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ContrailFindBar *self = CONTRAIL_FIND_BAR (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      contrail_find_bar_set_trace (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_MODE:
      contrail_find_bar_set_search_mode (self, g_value_get_boolean (value));
      break;

    case PROP_QUERY:
      contrail_find_bar_set_query (self, g_value_get_string (value));
      break;

    case PROP_ERRORS_ONLY:
    case PROP_LLM_ONLY:
    case PROP_SLOWEST_ONLY:
      for (guint i = 0; i < G_N_ELEMENTS (filter_props); i++)
        {
          ContrailSearchFilter filter = filter_props[i].filter;

          if (filter_props[i].prop_id == prop_id)
            contrail_find_bar_set_filters (self, g_value_get_boolean (value)
                                                 ? self->filters | filter
                                                 : self->filters & ~filter);
        }
      break;

    case PROP_MATCHES_ONLY:
      contrail_find_bar_set_matches_only (self, g_value_get_boolean (value));
      break;

    case PROP_CURRENT_SPAN:
      contrail_find_bar_set_current_span (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_find_bar_class_init (ContrailFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrail_find_bar_dispose;
  object_class->get_property = contrail_find_bar_get_property;
  object_class->set_property = contrail_find_bar_set_property;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         CONTRAIL_TYPE_TRACE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERRORS_ONLY] =
    g_param_spec_boolean ("errors-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LLM_ONLY] =
    g_param_spec_boolean ("llm-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SLOWEST_ONLY] =
    g_param_spec_boolean ("slowest-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MATCHES_ONLY] =
    g_param_spec_boolean ("matches-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CURRENT_SPAN] =
    g_param_spec_object ("current-span", NULL, NULL,
                         CONTRAIL_TYPE_SPAN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL,
                         CONTRAIL_TYPE_SEARCH_RESULT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ContrailFindBar::match-activated:
   * @span: the match to go to
   *
   * Enter, Shift+Enter, the buttons, or a new result: the owner selects
   * @span and sets "current-span".
   */
  signals[MATCH_ACTIVATED] =
    g_signal_new ("match-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONTRAIL_TYPE_SPAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailFindBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ContrailFindBar, entry);
  gtk_widget_class_bind_template_child (widget_class, ContrailFindBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, ContrailFindBar, counter_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_previous_match_cb);

  gtk_widget_class_install_action (widget_class, "find.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "find.previous", NULL, next_action);
  gtk_widget_class_install_property_action (widget_class, "find.errors-only", "errors-only");
  gtk_widget_class_install_property_action (widget_class, "find.llm-only", "llm-only");
  gtk_widget_class_install_property_action (widget_class, "find.slowest-only", "slowest-only");
  gtk_widget_class_install_property_action (widget_class, "find.matches-only", "matches-only");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findbar");
}

static void
contrail_find_bar_init (ContrailFindBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Escape in the entry closes the bar. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);
  add_entry_shortcuts (self);
  update_counter (self);
}

/* ---- Public API ---- */

GtkWidget *
contrail_find_bar_new (void)
{
  return g_object_new (CONTRAIL_TYPE_FIND_BAR, NULL);
}

ContrailTrace *
contrail_find_bar_get_trace (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), NULL);

  return self->trace;
}

void
contrail_find_bar_set_trace (ContrailFindBar *self,
                             ContrailTrace   *trace)
{
  g_return_if_fail (CONTRAIL_IS_FIND_BAR (self));
  g_return_if_fail (trace == NULL || CONTRAIL_IS_TRACE (trace));

  if (!g_set_object (&self->trace, trace))
    return;

  /* The old result is about spans of the old trace. */
  cancel_search (self);
  g_clear_pointer (&self->searched_query, g_free);
  set_result (self, NULL);
  restart_search (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

gboolean
contrail_find_bar_get_search_mode (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
contrail_find_bar_set_search_mode (ContrailFindBar *self,
                                   gboolean         search_mode)
{
  g_return_if_fail (CONTRAIL_IS_FIND_BAR (self));

  /* Notifies through search_mode_changed_cb. */
  if (gtk_search_bar_get_search_mode (self->search_bar) != !!search_mode)
    gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  else if (search_mode)
    search_mode_changed_cb (self);   /* open already: focus the entry again */
}

const char *
contrail_find_bar_get_query (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
contrail_find_bar_set_query (ContrailFindBar *self,
                             const char      *query)
{
  g_return_if_fail (CONTRAIL_IS_FIND_BAR (self));

  if (query == NULL)
    query = "";

  if (g_strcmp0 (query, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), query);

  /* Now, not after the entry's typing delay (which then finds it done). */
  restart_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

ContrailSearchFilter
contrail_find_bar_get_filters (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), CONTRAIL_SEARCH_FILTER_NONE);

  return self->filters;
}

void
contrail_find_bar_set_filters (ContrailFindBar      *self,
                               ContrailSearchFilter  filters)
{
  ContrailSearchFilter changed;

  g_return_if_fail (CONTRAIL_IS_FIND_BAR (self));

  changed = self->filters ^ filters;
  if (changed == 0)
    return;

  self->filters = filters;
  restart_search (self);

  for (guint i = 0; i < G_N_ELEMENTS (filter_props); i++)
    {
      if (changed & filter_props[i].filter)
        g_object_notify_by_pspec (G_OBJECT (self), properties[filter_props[i].prop_id]);
    }
}

gboolean
contrail_find_bar_get_matches_only (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), FALSE);

  return self->matches_only;
}

void
contrail_find_bar_set_matches_only (ContrailFindBar *self,
                                    gboolean         matches_only)
{
  g_return_if_fail (CONTRAIL_IS_FIND_BAR (self));

  matches_only = !!matches_only;
  if (self->matches_only == matches_only)
    return;

  self->matches_only = matches_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCHES_ONLY]);
}

ContrailSpan *
contrail_find_bar_get_current_span (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), NULL);

  return self->current_span;
}

void
contrail_find_bar_set_current_span (ContrailFindBar *self,
                                    ContrailSpan    *span)
{
  g_return_if_fail (CONTRAIL_IS_FIND_BAR (self));
  g_return_if_fail (span == NULL || CONTRAIL_IS_SPAN (span));

  if (!g_set_object (&self->current_span, span))
    return;

  update_counter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SPAN]);
}

ContrailSearchResult *
contrail_find_bar_get_result (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), NULL);

  return self->result;
}

gboolean
contrail_find_bar_get_searching (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), FALSE);

  return self->cancellable != NULL;
}

const char *
contrail_find_bar_get_counter_text (ContrailFindBar *self)
{
  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), NULL);

  return gtk_label_get_text (self->counter_label);
}

gboolean
contrail_find_bar_next_match (ContrailFindBar *self,
                              gboolean         backward)
{
  ContrailSpan *match;
  gint position;

  g_return_val_if_fail (CONTRAIL_IS_FIND_BAR (self), FALSE);

  if (self->result == NULL ||
      (position = contrail_search_result_next (self->result, self->current_span, backward)) < 0)
    return FALSE;

  match = contrail_search_result_get_match (self->result, (guint)position);
  g_signal_emit (self, signals[MATCH_ACTIVATED], 0, match);

  /* Without an owner that follows, count on from the match all the same. */
  if (self->current_span != match)
    contrail_find_bar_set_current_span (self, match);

  return TRUE;
}
