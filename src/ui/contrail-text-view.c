/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTextView: a read-only GtkSourceView for one span text, with a
 * Pretty / Raw toggle, a wrap toggle and a copy button.
 *
 * The text is data: it only ever goes into the text buffer and the
 * clipboard, never into markup.
 *
 * Budget (DESIGN.md §8: a 20 MB field opens with no main-loop stall over
 * 50 ms): texts up to SYNC_LIMIT are formatted at once; bigger ones are
 * decoded, detected and pretty-printed in a GTask thread.  The buffer gets
 * at most CONTRAIL_TEXT_VIEW_PREVIEW_SIZE bytes at first, and "Show All"
 * adds the rest; either way the text goes in one slice per frame (see
 * load_tick_cb()), because GtkTextView may lay out every line added since
 * the last frame in one go.
 */

#define G_LOG_DOMAIN "contrail-text-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "contrail-text-view.h"

/* Formatted on the main thread up to this size (well under a millisecond). */
#define SYNC_LIMIT         (64 * 1024)
/* The buffer grows by one slice per frame.  What a slice costs to lay out
 * and paint varies a lot (prose is cheap, long base64 lines are not), so the
 * time from the tick that added it to the end of that frame's paint steers
 * the size: halved above SLOW_FRAME_US, half as big again below
 * FAST_FRAME_US. */
#define SLICE_MIN          (16 * 1024)
#define SLICE_START        (32 * 1024)
#define SLICE_MAX          (1024 * 1024)
#define SLOW_FRAME_US      (34 * 1000)
#define FAST_FRAME_US      (20 * 1000)
/* Highlighting above this size costs more memory and time than it helps. */
#define HIGHLIGHT_LIMIT    (2 * 1024 * 1024)
#define COPIED_TIMEOUT_MS  1500

struct _ContrailTextView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *box;
  GtkLabel           *title_label;
  GtkLabel           *info_label;
  GtkSpinner         *spinner;
  GtkWidget          *format_box;
  GtkToggleButton    *pretty_button;
  GtkToggleButton    *raw_button;
  GtkButton          *copy_button;
  GtkStack           *stack;
  GtkScrolledWindow  *scrolled;
  GtkSourceView      *source_view;
  GtkSourceBuffer    *buffer;
  GtkWidget          *cap_bar;
  GtkLabel           *cap_label;
  GtkButton          *show_all_button;

  /* Owned */
  ContrailTextSource *source;
  GCancellable       *cancellable;       /* the worker of the current source */
  GBytes             *raw_bytes;         /* the whole text, once prepared */
  GBytes             *pretty_bytes;      /* its pretty form, or NULL */
  GBytes             *shown;             /* raw_bytes or pretty_bytes */
  char               *title;
  guint               tick_id;           /* adds a slice per frame */
  GdkFrameClock      *frame_clock;       /* while loading, for "after-paint" */
  gulong              after_paint_id;
  guint               copied_source;     /* resets the copy button's icon */

  ContrailTextKind    kind;
  gsize               loaded;            /* bytes of @shown in the buffer */
  gsize               target;            /* bytes of @shown to load: preview or all */
  gsize               slice;             /* bytes per frame */
  gint64              tick_time;         /* when this frame's slice went in */
  gsize               line_len;          /* length of the buffer's last line */
  guint               n_breaks;          /* long lines broken for display */
  int                 max_content_height;

  guint               wrap : 1;
  guint               raw : 1;
  guint               preparing : 1;     /* the worker runs */
  guint               pending : 1;       /* a source waits for map */
  guint               capped : 1;
  guint               showing_all : 1;
};

G_DEFINE_FINAL_TYPE (ContrailTextView, contrail_text_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_WRAP,
  PROP_RAW,
  PROP_MAX_CONTENT_HEIGHT,
  PROP_LOADING,
  PROP_CAPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GBytes           *raw;
  GBytes           *pretty;
  ContrailTextKind  kind;
} Prepared;

static void
prepared_free (gpointer data)
{
  Prepared *prepared = data;

  g_clear_pointer (&prepared->raw, g_bytes_unref);
  g_clear_pointer (&prepared->pretty, g_bytes_unref);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

/* Any thread: the pure work, from the source's bytes to a pretty form. */
static Prepared *
prepare (ContrailTextSource *source)
{
  Prepared *prepared = g_new0 (Prepared, 1);
  char *pretty = NULL;
  gsize pretty_len = 0;
  const char *data;
  gsize len;

  prepared->raw = contrail_text_source_get_bytes (source);
  data = g_bytes_get_data (prepared->raw, &len);
  prepared->kind = contrail_text_format (data, len, &pretty, &pretty_len);
  if (pretty != NULL)
    prepared->pretty = g_bytes_new_take (pretty, pretty_len);   /* NUL-terminated */

  return prepared;
}

static void
prepare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ContrailTextSource *source = task_data;
  Prepared *prepared;

  if (g_task_return_error_if_cancelled (task))
    return;

  prepared = prepare (source);

  if (g_cancellable_is_cancelled (cancellable))
    {
      prepared_free (prepared);
      g_task_return_error_if_cancelled (task);
      return;
    }

  g_task_return_pointer (task, prepared, prepared_free);
}

static inline gsize
char_boundary_before (const char *data,
                      gsize       pos,
                      gsize       min)
{
  while (pos > min && ((guchar)data[pos] & 0xc0) == 0x80)
    pos--;

  return pos;
}

/* Appends the text from @data + *pos to @out: at most @limit bytes of it,
 * ending after a newline where one is near the limit, always at a character
 * boundary.  Pango lays out a line as a whole, so lines longer than
 * CONTRAIL_TEXT_VIEW_LINE_SIZE are broken for display (*line_len carries the
 * length of the current line from one call to the next).  Returns the
 * number of breaks added and advances *pos. */
static guint
append_display_text (GString    *out,
                     const char *data,
                     gsize       len,
                     gsize      *pos,
                     gsize       limit,
                     gsize      *line_len)
{
  gsize p = *pos;
  gsize end = p + MIN (len - p, limit);
  guint breaks = 0;

  if (end < len)
    {
      gsize half = p + (end - p) / 2;
      const char *nl = NULL;

      for (gsize i = end; i > half; i--)
        {
          if (data[i - 1] == '\n')
            {
              nl = data + i;
              break;
            }
        }
      end = nl != NULL ? (gsize)(nl - data) : char_boundary_before (data, end, p);
      if (end == p)
        end = p + MIN (len - p, limit);
    }

  while (p < end)
    {
      const char *nl = memchr (data + p, '\n', end - p);
      gsize text_end = nl != NULL ? (gsize)(nl - data) : end;

      while (text_end - p + *line_len > CONTRAIL_TEXT_VIEW_LINE_SIZE)
        {
          gsize q = char_boundary_before (data, p + (CONTRAIL_TEXT_VIEW_LINE_SIZE - *line_len), p);

          if (q == p)
            {
              /* Not even one character fits: break before it. */
              if (*line_len == 0)
                break;
            }
          g_string_append_len (out, data + p, q - p);
          g_string_append_c (out, '\n');
          breaks++;
          *line_len = 0;
          p = q;
        }

      if (nl != NULL)
        {
          g_string_append_len (out, data + p, text_end + 1 - p);
          *line_len = 0;
          p = text_end + 1;
        }
      else
        {
          g_string_append_len (out, data + p, end - p);
          *line_len += end - p;
          p = end;
        }
    }

  *pos = end;

  return breaks;
}

/* A text that fills the card anyway gets the card's full height without
 * asking the text view for its natural height: measuring that lays out
 * every line at once (200 ms for 256 kB of JSON). */
static void
update_height (ContrailTextView *self,
               const char       *text,
               gsize             len,
               gboolean          more)
{
  gboolean fill;

  if (self->max_content_height < 0)
    return;

  fill = more || len > 16 * 1024;
  if (!fill)
    {
      guint lines = 1;

      for (const char *p = text; (p = memchr (p, '\n', text + len - p)) != NULL; p++)
        lines++;
      fill = lines * 18 > (guint)self->max_content_height;
    }

  gtk_scrolled_window_set_propagate_natural_height (self->scrolled, !fill);
  gtk_scrolled_window_set_min_content_height (self->scrolled, fill ? self->max_content_height : 36);
}

static const char *
kind_label (ContrailTextKind kind)
{
  switch (kind)
    {
    case CONTRAIL_TEXT_KIND_JSON:
      return _("JSON");
    case CONTRAIL_TEXT_KIND_PYTHON:
      /* Translators: the text is a Python object printed with repr() */
      return _("Python repr");
    case CONTRAIL_TEXT_KIND_MARKDOWN:
      return _("Markdown");
    case CONTRAIL_TEXT_KIND_PLAIN:
    default:
      return _("Text");
    }
}

/* First uses that cost a frame or more, done early from a low-priority
 * idle, one per idle: fontconfig's first match for the monospace family
 * (about 150 ms), and compiling each language's highlighting rules (30–40 ms;
 * GtkSourceView drops them when the last buffer using them goes, so a buffer
 * per language is kept for the life of the process). */
static const char *warm_languages[] = { "json", "markdown", "python3" };
static GPtrArray *warm_buffers;

static gboolean
warm_up_cb (gpointer user_data)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *language;

  if (warm_buffers == NULL)
    {
      g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (NULL));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, "{\"a\": 1}");
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("monospace");
      int width;

      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &width, NULL);

      warm_buffers = g_ptr_array_new ();
      return G_SOURCE_CONTINUE;
    }

  language = gtk_source_language_manager_get_language (languages,
                                                       warm_languages[warm_buffers->len]);
  g_ptr_array_add (warm_buffers,
                   language != NULL ? gtk_source_buffer_new_with_language (language) : NULL);

  return warm_buffers->len < G_N_ELEMENTS (warm_languages) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* GtkTextView reports an estimated height until its lines are laid out
 * (a markdown heading is taller than the estimate); a card sized to its text
 * asks again once the real height is known. */
static void
vadjustment_upper_cb (ContrailTextView *self,
                      GParamSpec       *pspec,
                      GtkAdjustment    *adjustment)
{
  if (gtk_scrolled_window_get_propagate_natural_height (self->scrolled))
    gtk_widget_queue_resize (GTK_WIDGET (self->scrolled));
}

static void
update_style_scheme (ContrailTextView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* After preparing or tick_id changed: the spinner, and "loading". */
static void
update_loading (ContrailTextView *self,
                gboolean          was_loading)
{
  gboolean loading = contrail_text_view_get_loading (self);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);

  if (was_loading != loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_capped (ContrailTextView *self,
            gboolean          capped)
{
  capped = !!capped;
  if (self->capped == capped)
    return;

  self->capped = capped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPPED]);
}

/* The bar under a capped text ("Showing 256 kB of 20 MB", Show All), which
 * also says when long lines were broken for display. */
static void
update_cap_bar (ContrailTextView *self)
{
  g_autoptr(GString) label = g_string_new (NULL);
  g_autofree char *total = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *button = NULL;
  gsize len;

  if (self->shown == NULL || (!self->capped && self->n_breaks == 0))
    {
      gtk_widget_set_visible (self->cap_bar, FALSE);
      return;
    }

  len = g_bytes_get_size (self->shown);
  total = g_format_size (len);
  shown = g_format_size (self->loaded);

  if (self->showing_all && self->tick_id != 0)
    /* Translators: loading the rest of a long text, e.g. "Loading… 45 %" */
    g_string_append_printf (label, _("Loading… %u %%"),
                            (guint)(100.0 * self->loaded / MAX (len, 1)));
  else if (self->capped)
    /* Translators: e.g. "Showing 256.0 kB of 20.0 MB" */
    g_string_append_printf (label, _("Showing %s of %s"), shown, total);

  if (self->n_breaks > 0)
    {
      if (label->len > 0)
        g_string_append (label, " · ");
      g_string_append_printf (label, _("Lines over %u kB are broken for display; Copy copies "
                                       "the original"),
                              CONTRAIL_TEXT_VIEW_LINE_SIZE / 1024);
    }

  /* Translators: a button that loads the rest of a long text, e.g. "Show All (20.0 MB)" */
  button = g_strdup_printf (_("Show All (%s)"), total);

  gtk_label_set_text (self->cap_label, label->str);
  gtk_button_set_label (self->show_all_button, button);
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), self->capped);
  gtk_widget_set_sensitive (GTK_WIDGET (self->show_all_button), !self->showing_all);
  gtk_widget_set_visible (self->cap_bar, TRUE);
}

static void
update_info (ContrailTextView *self)
{
  g_autofree char *size = NULL;
  g_autofree char *info = NULL;

  if (self->raw_bytes != NULL)
    {
      size = g_format_size (g_bytes_get_size (self->raw_bytes));
      /* Translators: the kind of a text and its size, e.g. "JSON · 2.3 kB" */
      info = g_strdup_printf (_("%s · %s"), kind_label (self->kind), size);
    }
  else if (self->source != NULL)
    {
      size = g_format_size (contrail_text_source_get_size (self->source));
      /* Translators: a long text being prepared, e.g. "Formatting 20.0 MB…" */
      info = g_strdup_printf (_("Formatting %s…"), size);
    }

  gtk_label_set_text (self->info_label, info != NULL ? info : "");
  gtk_widget_set_visible (self->format_box,
                          self->pretty_bytes != NULL || self->kind == CONTRAIL_TEXT_KIND_MARKDOWN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "text.copy", self->raw_bytes != NULL);
}

/* Removes the tick callback and the frame clock handler; no notification. */
static void
clear_loader (ContrailTextView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  self->tick_time = 0;
}

static void
stop_loader (ContrailTextView *self)
{
  gboolean was_loading = contrail_text_view_get_loading (self);

  if (self->tick_id == 0)
    return;

  clear_loader (self);
  update_loading (self, was_loading);
}

/* Appends the next slice of @shown, up to the target. */
static void
load_slice (ContrailTextView *self)
{
  g_autoptr(GString) slice = g_string_sized_new (self->slice + 64);
  const char *data = g_bytes_get_data (self->shown, NULL);
  GtkTextIter end;

  self->n_breaks += append_display_text (slice, data, self->target, &self->loaded, self->slice,
                                         &self->line_len);
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self->buffer), &end);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (self->buffer), &end, slice->str, slice->len);
}

static void
after_paint_cb (ContrailTextView *self,
                GdkFrameClock    *frame_clock)
{
  gint64 cost;

  if (self->tick_time == 0)
    return;

  cost = g_get_monotonic_time () - self->tick_time;
  self->tick_time = 0;

  if (cost > SLOW_FRAME_US)
    self->slice = MAX (SLICE_MIN, self->slice / 2);
  else if (cost < FAST_FRAME_US)
    self->slice = MIN (SLICE_MAX, self->slice + self->slice / 2);
}

static gboolean
load_tick_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  ContrailTextView *self = CONTRAIL_TEXT_VIEW (widget);

  self->tick_time = g_get_monotonic_time ();
  load_slice (self);

  if (self->loaded < self->target)
    {
      update_cap_bar (self);
      return G_SOURCE_CONTINUE;
    }

  /* Done: the tick goes with G_SOURCE_REMOVE, the rest here. */
  self->tick_id = 0;
  clear_loader (self);
  set_capped (self, self->loaded < g_bytes_get_size (self->shown));
  update_cap_bar (self);
  update_loading (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
start_loader (ContrailTextView *self)
{
  gboolean was_loading = contrail_text_view_get_loading (self);
  GdkFrameClock *frame_clock;

  if (self->tick_id != 0 || self->loaded >= self->target)
    return;

  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), load_tick_cb, NULL, NULL);
  if ((frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))) != NULL)
    {
      self->frame_clock = g_object_ref (frame_clock);
      self->after_paint_id = g_signal_connect_object (frame_clock, "after-paint",
                                                      G_CALLBACK (after_paint_cb), self,
                                                      G_CONNECT_SWAPPED);
    }
  update_loading (self, was_loading);
}

/* Where the preview of @data ends: all of it when short, else after a
 * newline near CONTRAIL_TEXT_VIEW_PREVIEW_SIZE, else at a character boundary. */
static gsize
preview_end (const char *data,
             gsize       len)
{
  gsize end = CONTRAIL_TEXT_VIEW_PREVIEW_SIZE;

  if (len <= end)
    return len;

  for (gsize i = end; i > end / 2; i--)
    {
      if (data[i - 1] == '\n')
        return i;
    }

  return char_boundary_before (data, end, 0);
}

/* Wrapped lines never need a horizontal scrollbar, and must not get one: the
 * scrolled window would then measure the text at its natural width. */
static void
update_wrap (ContrailTextView *self)
{
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->source_view),
                               self->wrap ? GTK_WRAP_WORD_CHAR : GTK_WRAP_NONE);
  gtk_scrolled_window_set_policy (self->scrolled,
                                  self->wrap ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
}

/* Fills the buffer with the start of the raw text or of its pretty form. */
static void
display (ContrailTextView *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *language = NULL;
  const char *data = "";
  gsize len = 0;
  gboolean pretty;

  stop_loader (self);
  g_clear_pointer (&self->shown, g_bytes_unref);
  self->showing_all = FALSE;

  if (self->raw_bytes == NULL)
    {
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), "", 0);
      self->loaded = 0;
      self->n_breaks = 0;
      set_capped (self, FALSE);
      update_cap_bar (self);
      gtk_stack_set_visible_child_name (self->stack, "text");
      return;
    }

  pretty = !self->raw && self->pretty_bytes != NULL;
  self->shown = g_bytes_ref (pretty ? self->pretty_bytes : self->raw_bytes);
  data = g_bytes_get_data (self->shown, &len);

  switch (self->kind)
    {
    case CONTRAIL_TEXT_KIND_JSON:
      language = gtk_source_language_manager_get_language (languages, "json");
      break;
    case CONTRAIL_TEXT_KIND_PYTHON:
      language = gtk_source_language_manager_get_language (languages, pretty ? "json" : "python3");
      break;
    case CONTRAIL_TEXT_KIND_MARKDOWN:
      if (!self->raw)
        language = gtk_source_language_manager_get_language (languages, "markdown");
      break;
    case CONTRAIL_TEXT_KIND_PLAIN:
    default:
      break;
    }

  /* Code in a monospace font, prose (plain text, markdown) in the UI's. */
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->source_view),
                               pretty || self->kind == CONTRAIL_TEXT_KIND_JSON ||
                               self->kind == CONTRAIL_TEXT_KIND_PYTHON);
  gtk_source_buffer_set_language (self->buffer, language);
  gtk_source_buffer_set_highlight_syntax (self->buffer, language != NULL && len <= HIGHLIGHT_LIMIT);

  {
    g_autoptr(GString) first = g_string_sized_new (SLICE_START + 64);

    self->loaded = 0;
    self->line_len = 0;
    self->slice = SLICE_START;
    self->target = preview_end (data, len);
    self->n_breaks = append_display_text (first, data, self->target, &self->loaded, self->slice,
                                          &self->line_len);
    update_height (self, first->str, first->len, self->loaded < self->target);
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), first->str, first->len);
  }

  gtk_stack_set_visible_child_name (self->stack, len > 0 ? "text" : "empty");
  set_capped (self, self->target < len);
  start_loader (self);
  update_cap_bar (self);
}

static void
apply_prepared (ContrailTextView *self,
                Prepared         *prepared)
{
  g_clear_pointer (&self->raw_bytes, g_bytes_unref);
  g_clear_pointer (&self->pretty_bytes, g_bytes_unref);

  self->raw_bytes = g_steal_pointer (&prepared->raw);
  self->pretty_bytes = g_steal_pointer (&prepared->pretty);
  self->kind = prepared->kind;

  update_info (self);
  display (self);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ContrailTextView) self = user_data;
  g_autoptr(Prepared) prepared = NULL;
  g_autoptr(GError) error = NULL;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A newer source replaced this one without cancelling: not ours. */
  if (g_task_get_task_data (G_TASK (result)) != self->source)
    return;

  g_clear_object (&self->cancellable);
  self->preparing = FALSE;
  update_loading (self, TRUE);
  if (prepared != NULL)
    apply_prepared (self, prepared);
}

static void
start (ContrailTextView *self)
{
  self->pending = FALSE;

  if (self->source == NULL)
    return;

  if (contrail_text_source_get_size (self->source) <= SYNC_LIMIT)
    {
      g_autoptr(Prepared) prepared = prepare (self->source);

      apply_prepared (self, prepared);
    }
  else
    {
      g_autoptr(GTask) task = NULL;

      self->cancellable = g_cancellable_new ();
      task = g_task_new (NULL, self->cancellable, prepare_cb, g_object_ref (self));
      g_task_set_source_tag (task, start);
      g_task_set_task_data (task, contrail_text_source_ref (self->source),
                            (GDestroyNotify)contrail_text_source_unref);
      self->preparing = TRUE;
      update_loading (self, FALSE);
      update_info (self);
      display (self);
      g_task_run_in_thread (task, prepare_worker);
    }
}

static void
reset (ContrailTextView *self)
{
  gboolean was_loading = contrail_text_view_get_loading (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_loader (self);
  self->preparing = FALSE;
  update_loading (self, was_loading);

  g_clear_pointer (&self->raw_bytes, g_bytes_unref);
  g_clear_pointer (&self->pretty_bytes, g_bytes_unref);
  self->kind = CONTRAIL_TEXT_KIND_PLAIN;
}

static gboolean
reset_copy_icon_cb (gpointer user_data)
{
  ContrailTextView *self = user_data;

  self->copied_source = 0;
  gtk_button_set_icon_name (self->copy_button, "edit-copy-symbolic");

  return G_SOURCE_REMOVE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  contrail_text_view_copy (CONTRAIL_TEXT_VIEW (widget));
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  contrail_text_view_show_all (CONTRAIL_TEXT_VIEW (widget));
}

static void
contrail_text_view_map (GtkWidget *widget)
{
  ContrailTextView *self = (ContrailTextView *)widget;

  GTK_WIDGET_CLASS (contrail_text_view_parent_class)->map (widget);

  if (self->pending)
    start (self);
}

static void
contrail_text_view_dispose (GObject *object)
{
  ContrailTextView *self = (ContrailTextView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_loader (self);
  g_clear_handle_id (&self->copied_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRAIL_TYPE_TEXT_VIEW);

  g_clear_pointer (&self->source, contrail_text_source_unref);
  g_clear_pointer (&self->shown, g_bytes_unref);
  g_clear_pointer (&self->raw_bytes, g_bytes_unref);
  g_clear_pointer (&self->pretty_bytes, g_bytes_unref);

  G_OBJECT_CLASS (contrail_text_view_parent_class)->dispose (object);
}

static void
contrail_text_view_finalize (GObject *object)
{
  ContrailTextView *self = (ContrailTextView *)object;

  g_free (self->title);

  G_OBJECT_CLASS (contrail_text_view_parent_class)->finalize (object);
}

static void
contrail_text_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ContrailTextView *self = CONTRAIL_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, contrail_text_view_get_title (self));
      break;
    case PROP_WRAP:
      g_value_set_boolean (value, contrail_text_view_get_wrap (self));
      break;
    case PROP_RAW:
      g_value_set_boolean (value, contrail_text_view_get_raw (self));
      break;
    case PROP_MAX_CONTENT_HEIGHT:
      g_value_set_int (value, contrail_text_view_get_max_content_height (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, contrail_text_view_get_loading (self));
      break;
    case PROP_CAPPED:
      g_value_set_boolean (value, contrail_text_view_get_capped (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_text_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ContrailTextView *self = CONTRAIL_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      contrail_text_view_set_title (self, g_value_get_string (value));
      break;
    case PROP_WRAP:
      contrail_text_view_set_wrap (self, g_value_get_boolean (value));
      break;
    case PROP_RAW:
      contrail_text_view_set_raw (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_CONTENT_HEIGHT:
      contrail_text_view_set_max_content_height (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_text_view_class_init (ContrailTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = contrail_text_view_dispose;
  object_class->finalize = contrail_text_view_finalize;
  object_class->get_property = contrail_text_view_get_property;
  object_class->set_property = contrail_text_view_set_property;

  widget_class->map = contrail_text_view_map;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_WRAP] = g_param_spec_boolean ("wrap", NULL, NULL, TRUE, flags);
  properties[PROP_RAW] = g_param_spec_boolean ("raw", NULL, NULL, FALSE, flags);
  properties[PROP_MAX_CONTENT_HEIGHT] = g_param_spec_int ("max-content-height", NULL, NULL,
                                                          -1, G_MAXINT, -1, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPPED] = g_param_spec_boolean ("capped", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "textview-card");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contrail/Contrail/ui/contrail-text-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, box);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, info_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, format_box);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, pretty_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, raw_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, stack);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, source_view);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, buffer);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, cap_bar);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, cap_label);
  gtk_widget_class_bind_template_child (widget_class, ContrailTextView, show_all_button);

  gtk_widget_class_install_property_action (widget_class, "text.wrap", "wrap");
  gtk_widget_class_install_action (widget_class, "text.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "text.show-all", NULL, show_all_action);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);
}

static void
contrail_text_view_init (ContrailTextView *self)
{
  static gboolean warming_up;

  if (!warming_up)
    {
      warming_up = TRUE;
      g_idle_add_full (G_PRIORITY_LOW, warm_up_cb, NULL, NULL);
    }

  self->wrap = TRUE;
  self->max_content_height = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self, "raw", self->raw_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  update_wrap (self);

  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->source_view)),
                           "notify::upper", G_CALLBACK (vadjustment_upper_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);

  gtk_widget_set_visible (self->cap_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);
  update_info (self);
}

GtkWidget *
contrail_text_view_new (void)
{
  return g_object_new (CONTRAIL_TYPE_TEXT_VIEW, NULL);
}

void
contrail_text_view_set_source (ContrailTextView   *self,
                               ContrailTextSource *source)
{
  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));

  if (self->source == source)
    return;

  reset (self);
  g_clear_pointer (&self->source, contrail_text_source_unref);
  if (source != NULL)
    self->source = contrail_text_source_ref (source);

  update_info (self);
  display (self);

  if (self->source == NULL)
    self->pending = FALSE;
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start (self);
  else
    self->pending = TRUE;
}

ContrailTextSource *
contrail_text_view_get_source (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), NULL);

  return self->source;
}

void
contrail_text_view_set_text (ContrailTextView *self,
                             const char       *text)
{
  g_autoptr(ContrailTextSource) source = NULL;

  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));

  if (text != NULL)
    source = contrail_text_source_new (text, -1);
  contrail_text_view_set_source (self, source);
}

const char *
contrail_text_view_get_title (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), NULL);

  return self->title;
}

void
contrail_text_view_set_title (ContrailTextView *self,
                              const char       *title)
{
  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL && title[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
contrail_text_view_get_wrap (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), FALSE);

  return self->wrap;
}

void
contrail_text_view_set_wrap (ContrailTextView *self,
                             gboolean          wrap)
{
  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));

  wrap = !!wrap;
  if (self->wrap == wrap)
    return;

  self->wrap = wrap;
  update_wrap (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRAP]);
}

gboolean
contrail_text_view_get_raw (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), FALSE);

  return self->raw;
}

void
contrail_text_view_set_raw (ContrailTextView *self,
                            gboolean          raw)
{
  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));

  raw = !!raw;
  if (self->raw == raw)
    return;

  self->raw = raw;
  gtk_toggle_button_set_active (raw ? self->raw_button : self->pretty_button, TRUE);
  if (self->raw_bytes != NULL)
    display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW]);
}

int
contrail_text_view_get_max_content_height (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), -1);

  return self->max_content_height;
}

void
contrail_text_view_set_max_content_height (ContrailTextView *self,
                                           int               height)
{
  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));
  g_return_if_fail (height >= -1);

  if (self->max_content_height == height)
    return;

  self->max_content_height = height;
  if (height < 0)
    {
      gtk_scrolled_window_set_propagate_natural_height (self->scrolled, FALSE);
      gtk_scrolled_window_set_max_content_height (self->scrolled, -1);
      gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
    }
  else
    {
      gtk_scrolled_window_set_max_content_height (self->scrolled, height);
      gtk_scrolled_window_set_propagate_natural_height (self->scrolled, TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->stack), FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CONTENT_HEIGHT]);
}

gboolean
contrail_text_view_get_loading (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), FALSE);

  return self->preparing || self->tick_id != 0;
}

gboolean
contrail_text_view_get_capped (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), FALSE);

  return self->capped;
}

ContrailTextKind
contrail_text_view_get_kind (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), CONTRAIL_TEXT_KIND_PLAIN);

  return self->kind;
}

GBytes *
contrail_text_view_get_raw_bytes (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), NULL);

  return self->raw_bytes;
}

GtkTextBuffer *
contrail_text_view_get_buffer (ContrailTextView *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TEXT_VIEW (self), NULL);

  return GTK_TEXT_BUFFER (self->buffer);
}

void
contrail_text_view_show_all (ContrailTextView *self)
{
  gsize len;

  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));

  if (self->shown == NULL || self->showing_all || !self->capped)
    return;

  len = g_bytes_get_size (self->shown);
  if (len > HIGHLIGHT_LIMIT)
    gtk_source_buffer_set_highlight_syntax (self->buffer, FALSE);

  self->showing_all = TRUE;
  self->target = len;
  start_loader (self);
  update_cap_bar (self);
}

void
contrail_text_view_copy (ContrailTextView *self)
{
  GdkClipboard *clipboard;

  g_return_if_fail (CONTRAIL_IS_TEXT_VIEW (self));

  if (self->raw_bytes == NULL)
    return;

  /* The whole raw text, even when only part of it is shown. */
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  gdk_clipboard_set_text (clipboard, g_bytes_get_data (self->raw_bytes, NULL));

  gtk_button_set_icon_name (self->copy_button, "object-select-symbolic");
  g_clear_handle_id (&self->copied_source, g_source_remove);
  self->copied_source = g_timeout_add (COPIED_TIMEOUT_MS, reset_copy_icon_cb, self);
}
