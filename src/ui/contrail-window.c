/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailWindow: the main window.  A header bar with the trace search entry;
 * the sidebar (open, recent and account traces) beside a stack of pages:
 * empty, loading, error, and the trace view (a summary bar, the span tree
 * with the timeline beside it, and the detail pane).
 *
 * Traces come from files (Ctrl+O, drag and drop, the command line, the
 * search entry), from the Opper API by ID or URL (the search entry, Ctrl+V,
 * the command line, the sidebar), and from the bundled demo.  Every load is
 * cancellable; a newer fetch cancels the older one.
 *
 * The selected span is one property of the window ("selected-span"), bound
 * to the span tree's; the detail pane follows it.
 *
 * Find in trace (Ctrl+F): the find bar above the tree searches the trace;
 * its result goes to the span tree (highlight, matches only) and the
 * timeline, and the match it moves to becomes the selected span.  Save and
 * copy (Ctrl+Shift+S, the trace bar's menu, a row's context menu) go
 * through contrail-export.
 *
 * Text from traces is data: it only ever reaches plain-text setters
 * (gtk_label_set_text, tooltips), or markup setters after
 * g_markup_escape_text.
 */

#define G_LOG_DOMAIN "contrail-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrail-detail-pane.h"
#include "contrail-export.h"
#include "contrail-find-bar.h"
#include "contrail-format.h"
#include "contrail-import.h"
#include "contrail-reference.h"
#include "contrail-sidebar.h"
#include "contrail-span-tree.h"
#include "contrail-timeline.h"
#include "contrail-trace.h"
#include "contrail-window.h"
#include "contrail-window-private.h"

/* Where a trace came from, kept on the trace, for Refresh. */
#define SOURCE_ID   "contrail-window-source-id"     /* char *: fetched by this ID */
#define SOURCE_FILE "contrail-window-source-file"   /* GFile: read from this file */

#define SEARCH_HINT_MAX_CHARS 60

struct _ContrailWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GListStore           *traces;             /* ContrailTrace, in the order they were opened */
  GCancellable         *cancellable;        /* file loads, the demo, the clipboard */
  GCancellable         *fetch_cancellable;  /* the current fetch from Opper */
  GSettings            *settings;           /* NULL when the schema is not installed */
  ContrailClient       *client;
  GError               *client_error;       /* why there is no client */
  GtkNativeDialog      *file_chooser;       /* kept alive until it responds */
  GtkNativeDialog      *save_chooser;       /* likewise */
  ContrailTrace        *trace;              /* the trace shown */
  ContrailSpan         *selected_span;
  char                 *retry_id;           /* what win.retry fetches again … */
  GFile                *retry_file;         /* … or reads again */
  char                 *pending_search;     /* the search text being fetched */

  /* Template widgets */
  GtkWidget            *sidebar_button;
  GtkSearchEntry       *search_entry;
  GtkStack             *refresh_stack;
  GtkSpinner           *header_spinner;
  GtkRevealer          *search_hint_revealer;
  GtkLabel             *search_hint;
  AdwToastOverlay      *toast_overlay;
  GtkPaned             *paned;
  ContrailSidebar      *sidebar;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  GtkButton            *error_button;
  GtkWidget            *back_button;
  GtkWidget            *error_demo_button;
  GtkLabel             *trace_title;
  GtkLabel             *trace_summary;
  GtkLabel             *trace_id;
  GtkWidget            *copy_id_button;
  ContrailFindBar      *find_bar;
  GtkPaned             *detail_paned;
  GtkPaned             *tree_paned;
  ContrailSpanTree     *span_tree;
  GtkWidget            *timeline_slot;
  ContrailTimeline     *timeline;          /* in timeline_slot */
  GtkWidget            *detail_pane;

  guint                 n_loading;          /* file and demo loads */
  guint                 fetching : 1;
  guint                 show_sidebar : 1;
  guint                 sidebar_folded : 1;  /* hidden because the window is narrow */
  guint                 error_needs_key : 1; /* the error page is about the API key */
};

G_DEFINE_FINAL_TYPE (ContrailWindow, contrail_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SELECTED_SPAN,
  PROP_SHOW_SIDEBAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void file_chooser_response_cb (ContrailWindow  *self,
                                      int              response,
                                      GtkNativeDialog *dialog);
static void save_chooser_response_cb (ContrailWindow  *self,
                                      int              response,
                                      GtkNativeDialog *dialog);

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

/* A trace being fetched from Opper.  The window is held weakly: a request
 * that hangs must not keep a closed window alive, since only its dispose
 * cancels the request. */
typedef struct
{
  GWeakRef        self;
  char           *id;
  gboolean        refresh;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_weak_ref_clear (&data->self);
  g_free (data->id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchData, fetch_data_free)

/* ---- Helpers ---- */

static inline const char *
nonnull (const char *str)
{
  return str != NULL ? str : "";
}

static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

static guint
n_traces (ContrailWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->traces));
}

static void
add_toast (ContrailWindow *self,
           const char     *message,
           const char     *button_label,
           const char     *action_name)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);   /* toast titles are markup */
  AdwToast *toast = adw_toast_new (escaped);

  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }

  adw_toast_set_timeout (toast, button_label != NULL ? 8 : 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Loads under way ---- */

/* Drops the fetch under way: the user asked for something else since, and
 * its answer would replace that when it came. */
static void
cancel_fetch (ContrailWindow *self)
{
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetching = FALSE;
}

/* ---- Pages ---- */

static gboolean
page_is (ContrailWindow *self,
         const char     *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0;
}

static void
update_busy (ContrailWindow *self)
{
  gboolean busy = self->fetching || self->n_loading > 0;

  gtk_stack_set_visible_child_name (self->refresh_stack, busy ? "spinner" : "button");
  gtk_spinner_set_spinning (self->header_spinner, busy);
  gtk_spinner_set_spinning (self->spinner, busy && page_is (self, "loading"));
}

static void
update_actions (ContrailWindow *self)
{
  gboolean has_source = self->trace != NULL &&
                        (g_object_get_data (G_OBJECT (self->trace), SOURCE_ID) != NULL ||
                         g_object_get_data (G_OBJECT (self->trace), SOURCE_FILE) != NULL);
  const char *id = self->trace != NULL ? contrail_trace_get_id (self->trace) : NULL;
  g_autofree char *link = self->trace != NULL ? contrail_export_dup_trace_link (self->trace) : NULL;
  gboolean on_trace = self->trace != NULL && page_is (self, "trace");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", has_source);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-trace-id", id != NULL && id[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-trace-link", link != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-trace-json", self->trace != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-span-json",
                                 self->trace != NULL && self->selected_span != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-trace", self->trace != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", on_trace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-traces",
                                 self->trace != NULL && !page_is (self, "trace"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry",
                                 self->retry_id != NULL || self->retry_file != NULL);
}

static void
set_page (ContrailWindow *self,
          const char     *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_busy (self);
  update_actions (self);
}

/* After a load ended: the trace if there is one, else the empty page. */
static void
leave_loading_page (ContrailWindow *self)
{
  if (page_is (self, "loading") && self->n_loading == 0 && !self->fetching)
    set_page (self, self->trace != NULL ? "trace" : "empty");
  update_busy (self);
}

static void
begin_load (ContrailWindow *self,
            const char     *message)
{
  self->n_loading++;

  gtk_label_set_text (self->loading_label, message);
  if (!page_is (self, "trace"))
    set_page (self, "loading");
  update_busy (self);
}

static void
end_load (ContrailWindow *self)
{
  g_assert (self->n_loading > 0);

  self->n_loading--;
  leave_loading_page (self);
}

/* @button_label and @action_name: the next step (NULL for none). */
static void
show_error_page (ContrailWindow *self,
                 const char     *title,
                 const char     *message,
                 const char     *button_label,
                 const char     *action_name)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);   /* description is markup */

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);

  gtk_widget_set_visible (GTK_WIDGET (self->error_button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->error_button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), action_name);
    }

  gtk_widget_set_visible (self->back_button, self->trace != NULL);
  gtk_widget_set_visible (self->error_demo_button, self->trace == NULL);
  set_page (self, "error");
}

/* A file or the demo failed to load: on the error page when no trace is
 * shown, else as a toast. */
static void
report_load_error (ContrailWindow *self,
                   GFile          *file,
                   const GError   *error)
{
  g_autofree char *name = file != NULL ? dup_file_display_name (file) : NULL;

  g_debug ("Loading %s failed: %s", name ? name : "the demo traces", error->message);

  g_clear_pointer (&self->retry_id, g_free);
  g_set_object (&self->retry_file, file);
  self->error_needs_key = FALSE;

  if (page_is (self, "trace"))
    {
      g_autofree char *message = NULL;

      if (name != NULL)
        message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
      else
        message = g_strdup_printf (_("Could not open the demo traces: %s"), error->message);
      add_toast (self, message, NULL, NULL);
    }
  else
    {
      g_autofree char *title = NULL;

      if (name != NULL)
        title = g_strdup_printf (_("Could Not Open “%s”"), name);
      else
        title = g_strdup (_("Could Not Open the Demo Traces"));
      show_error_page (self, title, error->message,
                       file != NULL ? _("_Try Again") : NULL, "win.retry");
    }

  update_actions (self);
}

/* A fetch failed: say what happened and what to do next. */
static void
report_fetch_error (ContrailWindow *self,
                    const char     *id,
                    const GError   *error,
                    gboolean        refresh)
{
  g_autofree char *message = NULL;
  const char *title;
  const char *button = _("_Retry");
  const char *action = "win.retry";
  gboolean transient = FALSE;
  const char *base_url = self->client != NULL ? contrail_client_get_base_url (self->client) : "";

  g_debug ("Fetching trace %s failed: %s", id, error->message);

  self->error_needs_key = FALSE;

  if (error->domain != CONTRAIL_CLIENT_ERROR)
    {
      title = _("Could Not Load the Trace");
      message = g_strdup (error->message);
    }
  else switch ((ContrailClientError)error->code)
    {
    case CONTRAIL_CLIENT_ERROR_NO_API_KEY:
      title = _("No API Key");
      message = g_strdup (_("Contrail needs an Opper API key to fetch traces. Add one in "
                            "Preferences, or start Contrail with OPPER_API_KEY set."));
      button = _("_Set API Key…");
      action = "app.preferences";
      self->error_needs_key = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_UNAUTHORIZED:
      title = _("API Key Rejected");
      message = g_strdup (_("Opper rejected the API key. Open Preferences and enter a valid key."));
      button = _("_Set API Key…");
      action = "app.preferences";
      self->error_needs_key = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_FORBIDDEN:
      title = _("Access Denied");
      message = g_strdup_printf (_("The API key may not read the trace “%s”. Check that the key "
                                   "belongs to the project that recorded it."), id);
      button = _("_Set API Key…");
      action = "app.preferences";
      self->error_needs_key = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_NOT_FOUND:
      title = _("Trace Not Found");
      message = g_strdup_printf (_("Opper has no trace with the ID “%s”. A run that has just "
                                   "finished can take a few seconds to appear: retry in a "
                                   "moment. Otherwise, check the ID."), id);
      break;

    case CONTRAIL_CLIENT_ERROR_RATE_LIMITED:
      title = _("Too Many Requests");
      message = g_strdup (_("Opper is limiting requests right now. Wait a little, then retry."));
      transient = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_SERVER:
      title = _("Opper Had a Problem");
      message = g_strdup (_("The Opper server could not answer. Retry in a moment."));
      transient = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_TIMED_OUT:
      title = _("Opper Did Not Answer");
      message = g_strdup (_("The request timed out. Check your network connection, then retry."));
      transient = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_CONNECT:
      title = _("Could Not Reach Opper");
      /* Also a connection that broke off mid-answer: say what happened. */
      message = g_strdup_printf (_("No complete answer came from %s (%s). Check your network "
                                   "connection, or the API address in Preferences, then retry."),
                                 base_url, error->message);
      transient = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_BAD_URL:
      title = _("Invalid API Address");
      message = g_strdup_printf (_("%s. Fix the API address in Preferences."), error->message);
      button = _("Open _Preferences");
      action = "app.preferences";
      break;

    case CONTRAIL_CLIENT_ERROR_TLS:
      title = _("Secure Connection Failed");
      message = g_strdup_printf (_("The identity of %s could not be verified, so nothing was "
                                   "sent (%s)."), base_url, error->message);
      break;

    case CONTRAIL_CLIENT_ERROR_INVALID_RESPONSE:
      title = _("Unreadable Answer");
      message = g_strdup_printf (_("Opper answered with something that is not a trace (%s)."),
                                 error->message);
      transient = TRUE;
      break;

    case CONTRAIL_CLIENT_ERROR_BAD_REQUEST:
    case CONTRAIL_CLIENT_ERROR_TOO_MANY_REDIRECTS:
    case CONTRAIL_CLIENT_ERROR_HTTP:
    default:
      title = _("Could Not Load the Trace");
      message = g_strdup_printf (_("Opper did not return the trace (%s)."), error->message);
      transient = TRUE;
      break;
    }

  if (refresh || (transient && page_is (self, "trace")))
    {
      /* Translators: a toast: the title of an error page, then what to do */
      g_autofree char *toast = g_strdup_printf (_("%s: %s"), title, message);

      add_toast (self, toast, button, action);
    }
  else
    {
      show_error_page (self, title, message, button, action);
    }

  update_actions (self);
}

static void
report_client_error (ContrailWindow *self,
                     const char     *id)
{
  g_autoptr(GError) error = NULL;

  if (self->client_error != NULL)
    error = g_error_copy (self->client_error);
  else
    error = g_error_new_literal (CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_BAD_URL,
                                 _("No API address is set"));

  report_fetch_error (self, id, error, FALSE);
}

/* ---- The trace view ---- */

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
    g_ptr_array_add (parts, contrail_format_duration (duration_ms));

  if (tokens == CONTRAIL_TOKENS_NONE)
    tokens = contrail_trace_get_span_tokens (trace);
  if (tokens != CONTRAIL_TOKENS_NONE)
    g_ptr_array_add (parts, contrail_format_tokens (tokens));

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u span", "%u spans", n_spans), n_spans));

  if (n_errors > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static void
update_detail_pane (ContrailWindow *self)
{
  contrail_detail_pane_show (CONTRAIL_DETAIL_PANE (self->detail_pane), self->trace,
                             self->selected_span);
}

/* Shows @trace (one of the open traces) with @span_id selected if it has one. */
static void
show_trace (ContrailWindow *self,
            ContrailTrace  *trace,
            const char     *span_id)
{
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  g_autofree char *shown_name = NULL;
  const char *name;
  const char *id;

  if (self->trace != trace)
    {
      g_set_object (&self->trace, trace);
      contrail_sidebar_select_trace (self->sidebar, trace);
      contrail_span_tree_set_trace (self->span_tree, trace);
      contrail_timeline_set_trace (self->timeline, trace);
      /* After the tree and timeline: they drop the old result themselves. */
      contrail_find_bar_set_trace (self->find_bar, trace);
    }

  if (span_id != NULL && trace != NULL)
    contrail_span_tree_set_selected_span (self->span_tree,
                                          contrail_trace_lookup_span (trace, span_id));

  update_detail_pane (self);
  update_actions (self);

  if (trace == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Contrail"));
      return;
    }

  /* Data in a one-line label: an excerpt (the label lays out all of its
   * text, however little of it shows). */
  name = shown_name = contrail_format_excerpt (contrail_trace_get_name (trace), 200);
  if (name == NULL || name[0] == '\0')
    name = _("Unnamed Trace");
  gtk_label_set_text (self->trace_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->trace_title), name);

  summary = dup_trace_summary (trace);
  gtk_label_set_text (self->trace_summary, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->trace_summary), summary);

  id = contrail_trace_get_id (trace);
  gtk_label_set_text (self->trace_id, nonnull (id));
  gtk_widget_set_visible (GTK_WIDGET (self->trace_id), id != NULL && id[0] != '\0');
  gtk_widget_set_visible (self->copy_id_button, id != NULL && id[0] != '\0');

  /* Translators: the window title: a trace name, then the app name */
  title = g_strdup_printf (_("%s — Contrail"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
add_recent (ContrailWindow *self,
            const char     *reference)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  int max;
  int n = 1;

  if (self->settings == NULL || reference == NULL)
    return;

  max = g_settings_get_int (self->settings, "max-recent-traces");
  if (max <= 0)
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, reference);
  recent = g_settings_get_strv (self->settings, "recent-traces");
  for (guint i = 0; recent[i] != NULL && n < max; i++)
    {
      if (g_strcmp0 (recent[i], reference) != 0)
        {
          g_strv_builder_add (builder, recent[i]);
          n++;
        }
    }

  updated = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *)updated, (const char * const *)recent))
    g_settings_set_strv (self->settings, "recent-traces", (const char * const *)updated);
}

/* ---- Loading files and the demo ---- */

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
    {
      report_load_error (self, data->file, error);
    }
  else
    {
      g_autofree char *path = g_file_get_path (data->file);

      for (guint i = 0; i < traces->len; i++)
        g_object_set_data_full (g_ptr_array_index (traces, i), SOURCE_FILE,
                                g_object_ref (data->file), g_object_unref);
      contrail_window_add_traces (self, traces);
      add_recent (self, path);
    }

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

/* ---- Fetching from Opper ---- */

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FetchData) data = user_data;
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ContrailWindow) self = g_weak_ref_get (&data->self);

  trace = contrail_client_get_trace_finish (CONTRAIL_CLIENT (object), result, &error);

  /* A newer fetch, a cancel or the window going away: none of our business. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL)
    return;

  self->fetching = FALSE;
  g_clear_object (&self->fetch_cancellable);

  if (trace == NULL)
    {
      report_fetch_error (self, data->id, error, data->refresh);
    }
  else
    {
      g_autoptr(GPtrArray) traces = g_ptr_array_new ();

      g_object_set_data_full (G_OBJECT (trace), SOURCE_ID, g_strdup (data->id), g_free);
      g_ptr_array_add (traces, trace);
      contrail_window_add_traces (self, traces);
      add_recent (self, data->id);

      /* The search did its job: on to the spans (j/k work right away). */
      if (self->pending_search != NULL &&
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                     self->pending_search) == 0)
        {
          GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          if (focus != NULL && (focus == GTK_WIDGET (self->search_entry) ||
                                gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry))))
            gtk_widget_grab_focus (GTK_WIDGET (self->span_tree));
        }
    }

  g_clear_pointer (&self->pending_search, g_free);
  leave_loading_page (self);
}

static void
fetch_trace (ContrailWindow *self,
             const char     *id,
             gboolean        refresh)
{
  FetchData *data;

  /* A newer fetch replaces the older one. */
  cancel_fetch (self);

  if (g_strcmp0 (self->retry_id, id) != 0)
    {
      g_free (self->retry_id);
      self->retry_id = g_strdup (id);
    }
  g_clear_object (&self->retry_file);

  if (self->client == NULL)
    {
      report_client_error (self, id);
      leave_loading_page (self);
      return;
    }

  data = g_new0 (FetchData, 1);
  g_weak_ref_init (&data->self, self);
  data->id = g_strdup (id);
  data->refresh = refresh;

  self->fetch_cancellable = g_cancellable_new ();
  self->fetching = TRUE;
  gtk_label_set_text (self->loading_label, _("Fetching the Trace from Opper…"));
  if (!page_is (self, "trace"))
    set_page (self, "loading");
  update_busy (self);
  update_actions (self);

  contrail_client_get_trace_async (self->client, id, self->fetch_cancellable, fetch_cb, data);
}

/* ---- Search, paste, references ---- */

/* A trace file named by @text: a path (absolute, ~/…, or relative to the
 * working directory) or a file:// URI of an existing regular file. */
static GFile *
file_for_text (const char *text)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_has_prefix (text, "file://"))
    file = g_file_new_for_uri (text);
  else if (g_str_has_prefix (text, "~/"))
    file = g_file_new_build_filename (g_get_home_dir (), text + 2, NULL);
  else if (strstr (text, "://") == NULL && text[0] != '\0')
    file = g_file_new_for_commandline_arg (text);

  if (file != NULL &&
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    return g_steal_pointer (&file);

  return NULL;
}

/* Trims @text, and quotes a terminal may have added. */
static char *
clean_reference_text (const char *text)
{
  char *clean = g_strstrip (g_strdup (text));
  gsize len = strlen (clean);

  if (len >= 2 && (clean[0] == '"' || clean[0] == '\'') && clean[len - 1] == clean[0])
    {
      memmove (clean, clean + 1, len - 2);
      clean[len - 2] = '\0';
      g_strstrip (clean);
    }

  return clean;
}

static void
hide_search_hint (ContrailWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_revealer_set_reveal_child (self->search_hint_revealer, FALSE);
}

static void
show_search_hint (ContrailWindow *self,
                  const char     *text)
{
  g_autofree char *shown = NULL;
  g_autofree char *hint = NULL;

  if (g_utf8_strlen (text, -1) > SEARCH_HINT_MAX_CHARS)
    {
      g_autofree char *start = g_utf8_substring (text, 0, SEARCH_HINT_MAX_CHARS);

      shown = g_strconcat (start, "…", NULL);
    }
  else
    {
      shown = g_strdup (text);
    }

  /* Translators: the search entry's hint; the example is a trace ID */
  hint = g_strdup_printf (_("“%s” is not a trace ID, an Opper trace link or a trace file. "
                            "A trace ID looks like 0383850c-2027-43b4-ab16-66b3370e2c1d."),
                          shown);
  gtk_label_set_text (self->search_hint, hint);
  gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_revealer_set_reveal_child (self->search_hint_revealer, TRUE);
}

static void
search_changed_cb (ContrailWindow *self,
                   GtkSearchEntry *entry)
{
  hide_search_hint (self);
}

static void
search_activate_cb (ContrailWindow *self,
                    GtkSearchEntry *entry)
{
  g_autofree char *text = clean_reference_text (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (text[0] == '\0')
    {
      hide_search_hint (self);
      return;
    }

  g_free (self->pending_search);
  self->pending_search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (!contrail_window_open_reference (self, text))
    {
      g_clear_pointer (&self->pending_search, g_free);
      show_search_hint (self, text);
    }
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ContrailWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_autofree char *line = NULL;
  char *newline;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (text == NULL || (line = clean_reference_text (text))[0] == '\0')
    {
      add_toast (self, _("The clipboard holds no trace ID, Opper link or file path"), NULL, NULL);
      return;
    }

  /* One reference per paste: the first line. */
  if ((newline = strchr (line, '\n')) != NULL)
    *newline = '\0';

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), g_strstrip (line));
  search_activate_cb (self, self->search_entry);
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ContrailWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);
  GSList *files;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      add_toast (self, _("The clipboard holds no trace ID, Opper link or file path"), NULL, NULL);
      return;
    }

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    contrail_window_open_file (self, l->data);
  g_slist_free (files);
}

/* ---- Actions ---- */

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
          g_autoptr(GFile) folder = g_file_get_parent (file);
          g_autofree char *folder_path = folder != NULL ? g_file_get_path (folder) : NULL;

          if (self->settings != NULL && folder_path != NULL)
            g_settings_set_string (self->settings, "last-folder", folder_path);
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
  g_autofree char *last_folder = NULL;
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

  if (self->settings != NULL)
    last_folder = g_settings_get_string (self->settings, "last-folder");

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkFileChooserNative: deprecated in GTK 4.10 */
  chooser = gtk_file_chooser_native_new (_("Open Trace Files"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), json_filter);
  if (last_folder != NULL && last_folder[0] != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
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

  if (self->trace != NULL)
    set_page (self, "trace");
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);
  const char *id;
  GFile *file;

  if (self->trace == NULL)
    return;

  if ((id = g_object_get_data (G_OBJECT (self->trace), SOURCE_ID)) != NULL)
    {
      g_autofree char *copy = g_strdup (id);

      fetch_trace (self, copy, TRUE);
    }
  else if ((file = g_object_get_data (G_OBJECT (self->trace), SOURCE_FILE)) != NULL)
    {
      g_autoptr(GFile) copy = g_object_ref (file);

      contrail_window_open_file (self, copy);
    }
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);

  if (self->retry_id != NULL)
    {
      g_autofree char *id = g_strdup (self->retry_id);

      fetch_trace (self, id, FALSE);
    }
  else if (self->retry_file != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (self->retry_file);

      contrail_window_open_file (self, file);
    }
}

static void
cancel_fetch_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);

  cancel_fetch (self);

  /* File loads too: their callbacks see the cancellation and do nothing. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_loading = 0;

  g_clear_pointer (&self->pending_search, g_free);
  leave_loading_page (self);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, paste_files_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, self->cancellable, paste_text_cb,
                                   g_object_ref (self));
}

static void
copy_trace_id_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);
  const char *id = self->trace != NULL ? contrail_trace_get_id (self->trace) : NULL;

  if (id == NULL || id[0] == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), id);
  add_toast (self, _("Trace ID copied"), NULL, NULL);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);

  if (self->trace != NULL && page_is (self, "trace"))
    contrail_find_bar_set_search_mode (self->find_bar, TRUE);
}

/* ---- Save and copy ---- */

/* A save or a copy under way. */
typedef struct
{
  ContrailWindow *self;
  GFile          *file;       /* saving */
  gboolean        span;       /* copying a span (else the trace) */
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_file_display_name (data->file);
  g_autofree char *message = NULL;

  if (!contrail_export_save_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Saving %s failed: %s", name, error->message);
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
    }
  else
    {
      message = g_strdup_printf (_("Saved “%s”"), name);
    }

  add_toast (data->self, message, NULL, NULL);
}

static void
save_trace (ContrailWindow       *self,
            GFile                *file,
            ContrailExportFormat  format)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  contrail_export_save_async (self->trace, format, file, self->cancellable, saved_cb, data);
}

static void
save_chooser_response_cb (ContrailWindow  *self,
                          int              response,
                          GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->trace != NULL)
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) folder = NULL;
      g_autofree char *folder_path = NULL;
      const char *choice;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkFileChooser: deprecated in GTK 4.10 */
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format");
      G_GNUC_END_IGNORE_DEPRECATIONS

      folder = file != NULL ? g_file_get_parent (file) : NULL;
      folder_path = folder != NULL ? g_file_get_path (folder) : NULL;
      if (self->settings != NULL && folder_path != NULL)
        g_settings_set_string (self->settings, "last-folder", folder_path);

      if (file != NULL)
        save_trace (self, file, g_strcmp0 (choice, "original") == 0 ? CONTRAIL_EXPORT_ORIGINAL
                                                                     : CONTRAIL_EXPORT_NORMALIZED);
    }

  if (self->save_chooser == dialog)
    g_clear_object (&self->save_chooser);
}

static void
save_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autofree char *last_folder = NULL;
  gboolean has_original;
  GtkFileChooserNative *chooser;
  const char *options[] = { "normalized", "original", NULL };
  const char *labels[] = { _("Contrail JSON"), _("Original JSON (as received)"), NULL };

  if (self->trace == NULL)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkNativeDialog: deprecated in GTK 4.10 */
  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_show (self->save_chooser);
      return;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* A choice cannot grey out one of its options: without the original
   * document, "Original JSON" is left out. */
  has_original = contrail_trace_get_source_bytes (self->trace) != NULL;
  if (!has_original)
    options[1] = labels[1] = NULL;

  name = contrail_export_dup_file_name (self->trace, CONTRAIL_EXPORT_NORMALIZED);
  if (self->settings != NULL)
    last_folder = g_settings_get_string (self->settings, "last-folder");

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkFileChooserNative: deprecated in GTK 4.10 */
  chooser = gtk_file_chooser_native_new (_("Save Trace"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"),
                               options, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "normalized");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (last_folder != NULL && last_folder[0] != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  self->save_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->save_chooser, TRUE);
  g_signal_connect_object (self->save_chooser, "response",
                           G_CALLBACK (save_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->save_chooser);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
copied_json_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = contrail_export_json_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (json == NULL)
    {
      g_debug ("Printing JSON to copy failed: %s", error->message);
      add_toast (data->self, _("Could not copy the JSON"), NULL, NULL);
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (data->self)), json);
  add_toast (data->self, data->span ? _("Span copied as JSON") : _("Trace copied as JSON"),
             NULL, NULL);
}

static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);
  gboolean span = g_str_equal (action_name, "win.copy-span-json");
  ExportData *data;

  if (self->trace == NULL || (span && self->selected_span == NULL))
    return;

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->span = span;
  contrail_export_json_async (self->trace, span ? self->selected_span : NULL, self->cancellable,
                              copied_json_cb, data);
}

static void
copy_trace_link_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ContrailWindow *self = CONTRAIL_WINDOW (widget);
  g_autofree char *link = self->trace != NULL ? contrail_export_dup_trace_link (self->trace) : NULL;

  if (link == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), link);
  add_toast (self, _("Link to the trace copied"), NULL, NULL);
}

/* ---- Callbacks ---- */

static void
find_match_activated_cb (ContrailWindow  *self,
                         ContrailSpan    *span,
                         ContrailFindBar *find_bar)
{
  /* Selects it, expanding its ancestors and scrolling to it; the find bar
   * follows the selection ("current-span"). */
  contrail_span_tree_set_selected_span (self->span_tree, span);
}

/* Closed (Escape): the keyboard goes back to the spans. */
static void
find_search_mode_changed_cb (ContrailWindow  *self,
                             GParamSpec      *pspec,
                             ContrailFindBar *find_bar)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!contrail_find_bar_get_search_mode (find_bar) && page_is (self, "trace") &&
      (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (find_bar))))
    gtk_widget_grab_focus (GTK_WIDGET (self->span_tree));
}

static void
find_result_changed_cb (ContrailWindow  *self,
                        GParamSpec      *pspec,
                        ContrailFindBar *find_bar)
{
  ContrailSearchResult *result = contrail_find_bar_get_result (find_bar);

  contrail_span_tree_set_search_result (self->span_tree, result);
  contrail_timeline_set_search_result (self->timeline, result);
}

static void
sidebar_trace_selected_cb (ContrailWindow  *self,
                           ContrailTrace   *trace,
                           ContrailSidebar *sidebar)
{
  cancel_fetch (self);
  show_trace (self, trace, NULL);
  set_page (self, "trace");
}

static void
sidebar_open_reference_cb (ContrailWindow  *self,
                           const char      *reference,
                           ContrailSidebar *sidebar)
{
  if (!contrail_window_open_reference (self, reference))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” can no longer be opened"), reference);

      add_toast (self, message, NULL, NULL);
    }
}

static void
span_activated_cb (ContrailWindow   *self,
                   ContrailSpan     *span,
                   ContrailSpanTree *tree)
{
  g_object_set (self, "selected-span", span, NULL);
}

static void
selected_span_changed_cb (ContrailWindow *self)
{
  update_detail_pane (self);
  update_actions (self);
}

static void
row_height_changed_cb (ContrailWindow *self)
{
  contrail_timeline_set_row_height (self->timeline,
                                    contrail_span_tree_get_row_height (self->span_tree));
}

/* The timeline beside the tree: the tree's rows, selection and scrolling. */
static void
add_timeline (ContrailWindow *self)
{
  self->timeline = CONTRAIL_TIMELINE (contrail_timeline_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->timeline), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->timeline), TRUE);
  gtk_box_append (GTK_BOX (self->timeline_slot), GTK_WIDGET (self->timeline));

  contrail_timeline_set_model (self->timeline,
                               contrail_span_tree_get_selection_model (self->span_tree));
  contrail_timeline_share_vadjustment (self->timeline,
                                       contrail_span_tree_get_vadjustment (self->span_tree));
  row_height_changed_cb (self);
  g_signal_connect_object (self->span_tree, "notify::row-height",
                           G_CALLBACK (row_height_changed_cb), self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-timeline", self->timeline_slot, "visible",
                     G_SETTINGS_BIND_GET);
  else
    gtk_widget_set_visible (self->timeline_slot, TRUE);
}

static gboolean
drop_cb (ContrailWindow *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      for (GSList *l = files; l != NULL; l = l->next)
        contrail_window_open_file (self, l->data);
      g_slist_free (files);

      return TRUE;
    }

  if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      g_autofree char *text = clean_reference_text (g_value_get_string (value));

      if (contrail_window_open_reference (self, text))
        return TRUE;

      show_search_hint (self, text);
    }

  return FALSE;
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

  if (gtk_widget_get_mapped (GTK_WIDGET (self->sidebar)))
    g_settings_set_int (self->settings, "sidebar-position",
                        CLAMP (gtk_paned_get_position (self->paned), 120, 2000));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->detail_paned)))
    g_settings_set_int (self->settings, "detail-pane-position",
                        CLAMP (gtk_paned_get_position (self->detail_paned), 200, 4000));
  if (gtk_widget_get_mapped (self->timeline_slot))
    g_settings_set_int (self->settings, "tree-pane-position",
                        CLAMP (gtk_paned_get_position (self->tree_paned), 120, 4000));

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
      g_debug ("GSettings schema %s is not installed; nothing is remembered", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- GObject ---- */

static void
contrail_window_set_selected_span (ContrailWindow *self,
                                   ContrailSpan   *span)
{
  if (g_set_object (&self->selected_span, span))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN]);
}

static void
apply_sidebar_visibility (ContrailWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), self->show_sidebar && !self->sidebar_folded);
}

/* "show-sidebar" is what the user chose (and is saved); the sidebar also
 * folds away by itself while the window is too narrow for it. */
static void
contrail_window_set_show_sidebar (ContrailWindow *self,
                                  gboolean        show_sidebar)
{
  show_sidebar = !!show_sidebar;

  /* Asking for the sidebar in a narrow window shows it there. */
  if (show_sidebar)
    self->sidebar_folded = FALSE;

  if (self->show_sidebar != show_sidebar)
    {
      self->show_sidebar = show_sidebar;
      if (self->settings != NULL)
        g_settings_set_boolean (self->settings, "show-sidebar", show_sidebar);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
    }

  apply_sidebar_visibility (self);
}

#define FOLD_BELOW_WIDTH    880
#define UNFOLD_ABOVE_WIDTH  1000

static void
default_width_changed_cb (ContrailWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean folded = self->sidebar_folded;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width <= 0)
    return;

  if (width < FOLD_BELOW_WIDTH)
    folded = TRUE;
  else if (width > UNFOLD_ABOVE_WIDTH)
    folded = FALSE;

  if (folded == self->sidebar_folded)
    return;

  self->sidebar_folded = folded;
  apply_sidebar_visibility (self);

  /* The toggle (win.show-sidebar) shows what is on screen. */
  if (self->show_sidebar)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

static void
contrail_window_dispose (GObject *object)
{
  ContrailWindow *self = (ContrailWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);

  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->file_chooser, file_chooser_response_cb, self);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkNativeDialog: deprecated in GTK 4.10 */
      gtk_native_dialog_destroy (self->file_chooser);
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_clear_object (&self->file_chooser);
    }
  if (self->save_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->save_chooser, save_chooser_response_cb, self);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS   /* GtkNativeDialog: deprecated in GTK 4.10 */
      gtk_native_dialog_destroy (self->save_chooser);
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_clear_object (&self->save_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_WINDOW);

  g_clear_object (&self->selected_span);
  g_clear_object (&self->trace);
  g_clear_object (&self->traces);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_error (&self->client_error);
  g_clear_object (&self->retry_file);
  g_clear_pointer (&self->retry_id, g_free);
  g_clear_pointer (&self->pending_search, g_free);
  g_clear_object (&self->fetch_cancellable);
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
      g_value_set_boolean (value, self->show_sidebar && !self->sidebar_folded);
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
    case PROP_SELECTED_SPAN:
      contrail_window_set_selected_span (self, g_value_get_object (value));
      break;

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
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONTRAIL_TYPE_SIDEBAR);
  g_type_ensure (CONTRAIL_TYPE_SPAN_TREE);
  g_type_ensure (CONTRAIL_TYPE_DETAIL_PANE);
  g_type_ensure (CONTRAIL_TYPE_TIMELINE);
  g_type_ensure (CONTRAIL_TYPE_FIND_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, search_hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, search_hint);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, error_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, error_demo_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, trace_title);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, trace_summary);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, trace_id);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, copy_id_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, detail_paned);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, tree_paned);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, span_tree);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, timeline_slot);
  gtk_widget_class_bind_template_child (widget_class, ContrailWindow, detail_pane);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_trace_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_open_reference_cb);
  gtk_widget_class_bind_template_callback (widget_class, span_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_match_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_result_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_search_mode_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-traces", NULL, show_traces_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-fetch", NULL, cancel_fetch_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.copy-trace-id", NULL, copy_trace_id_action);
  gtk_widget_class_install_action (widget_class, "win.copy-trace-link", NULL,
                                   copy_trace_link_action);
  gtk_widget_class_install_action (widget_class, "win.copy-trace-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "win.copy-span-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "win.save-trace", NULL, save_trace_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-trace", NULL);
  /* Bubble phase: a focused text field pastes into itself first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "win.paste", NULL);
}

static void
contrail_window_init (ContrailWindow *self)
{
  GtkDropTarget *drop_target;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  /* Before the template: the sidebar button reads it through win.show-sidebar. */
  self->show_sidebar = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_resource_icons (self);

  self->traces = g_list_store_new (CONTRAIL_TYPE_TRACE);
  self->cancellable = g_cancellable_new ();

  contrail_sidebar_set_traces (self->sidebar, G_LIST_MODEL (self->traces));

  /* The one selected span: the tree's selection, the window's property. */
  g_object_bind_property (self->span_tree, "selected-span", self, "selected-span",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::selected-span", G_CALLBACK (selected_span_changed_cb), NULL);
  g_object_bind_property (self, "selected-span", self->find_bar, "current-span",
                          G_BINDING_SYNC_CREATE);

  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, drop_types, G_N_ELEMENTS (drop_types));
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
      gtk_paned_set_position (self->detail_paned,
                              g_settings_get_int (self->settings, "detail-pane-position"));
      gtk_paned_set_position (self->tree_paned,
                              g_settings_get_int (self->settings, "tree-pane-position"));
      self->show_sidebar = g_settings_get_boolean (self->settings, "show-sidebar");
      g_settings_bind (self->settings, "expand-depth", self->span_tree, "expand-depth",
                       G_SETTINGS_BIND_GET);
    }
  else
    {
      gtk_paned_set_position (self->paned, 260);
      gtk_paned_set_position (self->detail_paned, 560);
      gtk_paned_set_position (self->tree_paned, 320);
    }

  contrail_sidebar_set_settings (self->sidebar, self->settings);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (default_width_changed_cb), NULL);
  default_width_changed_cb (self);
  apply_sidebar_visibility (self);
  add_timeline (self);
  update_detail_pane (self);
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
 * Adds the traces to the window's list and shows the first of them.  A
 * trace whose id is already open replaces it (a fresher copy: a refresh);
 * when it is the one shown, its selected span stays selected if the new
 * copy still has it.
 */
void
contrail_window_add_traces (ContrailWindow *self,
                            GPtrArray      *traces)
{
  ContrailTrace *first = NULL;
  g_autofree char *keep_span_id = NULL;

  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (traces != NULL);

  for (guint i = 0; i < traces->len; i++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, i);
      const char *id = contrail_trace_get_id (trace);
      guint n = n_traces (self);
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
        }
      else
        {
          g_autoptr(ContrailTrace) old = g_list_model_get_item (G_LIST_MODEL (self->traces),
                                                                position);

          if (old == self->trace && self->selected_span != NULL && keep_span_id == NULL)
            keep_span_id = g_strdup (contrail_span_get_id (self->selected_span));
          if (old != trace)
            g_list_store_splice (self->traces, position, 1, (gpointer *)&trace, 1);
        }

      if (first == NULL)
        first = trace;
    }

  if (first == NULL)
    return;

  show_trace (self, first, keep_span_id);
  set_page (self, "trace");
}

void
contrail_window_show_error (ContrailWindow *self,
                            const GError   *error)
{
  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  self->error_needs_key = FALSE;
  show_error_page (self, _("Could Not Load the Trace"), error->message, NULL, NULL);
}

void
contrail_window_open_file (ContrailWindow *self,
                           GFile          *file)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  LoadData *data;

  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);

  name = dup_file_display_name (file);
  message = g_strdup_printf (_("Opening “%s”…"), name);
  cancel_fetch (self);
  begin_load (self, message);
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

  cancel_fetch (self);
  begin_load (self, _("Opening the Demo Traces…"));

  task = g_task_new (self, self->cancellable, load_demo_cb, NULL);
  g_task_set_source_tag (task, contrail_window_open_demo);
  g_task_run_in_thread (task, load_demo_worker);
}

/**
 * contrail_window_open_reference:
 * @text: a trace ID, a URL holding one, or the path of a trace file
 *
 * Opens the file, or fetches the trace from Opper (cancelling an earlier
 * fetch).  Returns %FALSE, and does nothing, when @text is none of these.
 */
gboolean
contrail_window_open_reference (ContrailWindow *self,
                                const char     *text)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if ((file = file_for_text (text)) != NULL)
    {
      contrail_window_open_file (self, file);
      if (self->pending_search != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          g_clear_pointer (&self->pending_search, g_free);
        }
      return TRUE;
    }

  if ((id = contrail_reference_parse (text)) != NULL)
    {
      fetch_trace (self, id, FALSE);
      return TRUE;
    }

  return FALSE;
}

/**
 * contrail_window_set_client:
 * @client: (nullable): the Opper API client
 * @error: (nullable): why there is no client, when @client is %NULL
 *
 * Sets the client that fetches traces and lists the account's traces.  When
 * the window shows a problem with the API key, the failed fetch is tried
 * again with the new client.
 */
void
contrail_window_set_client (ContrailWindow *self,
                            ContrailClient *client,
                            const GError   *error)
{
  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (client == NULL || CONTRAIL_IS_CLIENT (client));

  g_set_object (&self->client, client);
  g_clear_error (&self->client_error);
  if (client == NULL && error != NULL)
    self->client_error = g_error_copy (error);

  contrail_sidebar_set_client (self->sidebar, client);

  if (page_is (self, "error") && self->error_needs_key && self->retry_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.retry", NULL);
}

void
contrail_window_show_message (ContrailWindow *self,
                              const char     *message)
{
  g_return_if_fail (CONTRAIL_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  add_toast (self, message, NULL, NULL);
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

  if (self->trace == NULL)
    return NULL;

  return G_LIST_MODEL (contrail_span_tree_get_selection_model (self->span_tree));
}

GListModel *
_contrail_window_get_traces (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->traces);
}

GtkWidget *
_contrail_window_get_span_tree (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->span_tree);
}

GtkWidget *
_contrail_window_get_detail_pane (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return self->detail_pane;
}

GtkWidget *
_contrail_window_get_search_entry (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

gboolean
_contrail_window_get_search_hint_shown (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->search_hint_revealer);
}

GtkWidget *
_contrail_window_get_error_button (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_button)) ? GTK_WIDGET (self->error_button)
                                                                   : NULL;
}

GtkWidget *
_contrail_window_get_find_bar (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->find_bar);
}

GtkWidget *
_contrail_window_get_timeline (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->timeline);
}

GtkWidget *
_contrail_window_get_sidebar (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->sidebar);
}

GtkWidget *
_contrail_window_get_timeline_slot (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), NULL);

  return self->timeline_slot;
}

gboolean
_contrail_window_get_busy (ContrailWindow *self)
{
  g_return_val_if_fail (CONTRAIL_IS_WINDOW (self), FALSE);

  return self->fetching || self->n_loading > 0;
}
