/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTextView: one read-only text of a span (input, output, …) in a
 * GtkSourceView, with a toolbar: Pretty / Raw, wrap, copy.
 *
 * JSON is pretty-printed and Python reprs are shown as pretty JSON (both
 * highlighted as JSON); markdown is highlighted; anything else is plain text.
 * The raw form is one click away and the copy button always copies the whole
 * raw text.  Big texts never stall the main loop: decoding, detection and
 * pretty-printing run in a worker thread (cancelled when the text changes),
 * at most CONTRAIL_TEXT_VIEW_PREVIEW_SIZE bytes go into the buffer at first,
 * and "Show All" appends the rest in slices from an idle.
 */
#pragma once

#include <adwaita.h>

#include "contrail-text-format.h"
#include "contrail-text-source.h"

G_BEGIN_DECLS

/* At most this much text goes into the buffer at once.  Lines longer than
 * CONTRAIL_TEXT_VIEW_LINE_SIZE are broken for display (Pango lays out a line
 * as a whole: a 16 kB line without spaces takes 50–250 ms); the copy button
 * still copies the original. */
#define CONTRAIL_TEXT_VIEW_PREVIEW_SIZE  (256 * 1024)
#define CONTRAIL_TEXT_VIEW_LINE_SIZE     (8 * 1024)

#define CONTRAIL_TYPE_TEXT_VIEW (contrail_text_view_get_type ())

G_DECLARE_FINAL_TYPE (ContrailTextView, contrail_text_view, CONTRAIL, TEXT_VIEW, GtkWidget)

GtkWidget          *contrail_text_view_new            (void);

/* The text to show, or NULL.  Formatting starts when the view is mapped. */
void                contrail_text_view_set_source     (ContrailTextView   *self,
                                                       ContrailTextSource *source);
ContrailTextSource *contrail_text_view_get_source     (ContrailTextView   *self);
/* Convenience: a copy of @text (NULL clears). */
void                contrail_text_view_set_text       (ContrailTextView   *self,
                                                       const char         *text);

/* The heading in the toolbar ("Input", "Output", …). */
const char         *contrail_text_view_get_title      (ContrailTextView   *self);
void                contrail_text_view_set_title      (ContrailTextView   *self,
                                                       const char         *title);
gboolean            contrail_text_view_get_wrap       (ContrailTextView   *self);
void                contrail_text_view_set_wrap       (ContrailTextView   *self,
                                                       gboolean            wrap);
/* Show the raw text instead of the pretty form. */
gboolean            contrail_text_view_get_raw        (ContrailTextView   *self);
void                contrail_text_view_set_raw        (ContrailTextView   *self,
                                                       gboolean            raw);
/* The most the text area grows to before it scrolls; -1 (the default):
 * fill the allocation. */
int                 contrail_text_view_get_max_content_height (ContrailTextView *self);
void                contrail_text_view_set_max_content_height (ContrailTextView *self,
                                                               int               height);

/* State, for the pane and tests. */
gboolean            contrail_text_view_get_loading    (ContrailTextView   *self);
/* TRUE when only part of the text is in the view ("Show All" is offered). */
gboolean            contrail_text_view_get_capped     (ContrailTextView   *self);
ContrailTextKind    contrail_text_view_get_kind       (ContrailTextView   *self);
/* The whole raw text once loaded (NULL before), as copied by the copy button. */
GBytes             *contrail_text_view_get_raw_bytes  (ContrailTextView   *self);
/* The source view's buffer (what is shown). */
GtkTextBuffer      *contrail_text_view_get_buffer     (ContrailTextView   *self);
/* Appends the rest of a capped text, in slices; "loading" until done. */
void                contrail_text_view_show_all       (ContrailTextView   *self);
void                contrail_text_view_copy           (ContrailTextView   *self);

G_END_DECLS
