/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailTextSource: one text of a span or a trace (its input, output, …),
 * taken from the main thread in O(1) and decoded in any thread.
 *
 * contrail_span_get_output() decodes a large text on first use, on the main
 * thread; a 20 MB output full of escapes takes longer than a frame.  A text
 * source captures the still encoded slice instead (it keeps the trace's
 * storage alive, not the span), so a worker thread can decode, detect and
 * pretty-print it while the main loop keeps running.
 */
#pragma once

#include <glib-object.h>

#include "contrail-span.h"
#include "contrail-trace.h"

G_BEGIN_DECLS

typedef enum
{
  CONTRAIL_TEXT_FIELD_INPUT,
  CONTRAIL_TEXT_FIELD_OUTPUT,
  CONTRAIL_TEXT_FIELD_INSTRUCTIONS,
  CONTRAIL_TEXT_FIELD_OBSERVATIONS,
  CONTRAIL_TEXT_FIELD_META,
  CONTRAIL_TEXT_FIELD_SCORER_CONTEXT,
} ContrailTextField;

#define CONTRAIL_TYPE_TEXT_SOURCE (contrail_text_source_get_type ())

typedef struct _ContrailTextSource ContrailTextSource;

GType               contrail_text_source_get_type      (void) G_GNUC_CONST;

/* A copy of @len bytes of @text (-1: NUL-terminated); invalid UTF-8 and NUL
 * bytes are replaced by U+FFFD when the text is decoded. */
ContrailTextSource *contrail_text_source_new           (const char         *text,
                                                        gssize              len);
/* Main thread, O(1) for large texts (small ones, already decoded at load,
 * are copied).  NULL when the span or trace has no such text (an empty text
 * is not absent).  A trace has only INPUT and OUTPUT. */
ContrailTextSource *contrail_text_source_new_for_span  (ContrailSpan       *span,
                                                        ContrailTextField   field);
ContrailTextSource *contrail_text_source_new_for_trace (ContrailTrace      *trace,
                                                        ContrailTextField   field);

ContrailTextSource *contrail_text_source_ref           (ContrailTextSource *self);
void                contrail_text_source_unref         (ContrailTextSource *self);

/* Any thread.  The size in bytes: exact once decoded, before that the size
 * of the encoded text (a few percent more than the decoded one). */
gsize               contrail_text_source_get_size      (ContrailTextSource *self);
/* Any thread.  Whether contrail_text_source_get_bytes() is cheap. */
gboolean            contrail_text_source_is_decoded    (ContrailTextSource *self);
/* Any thread; decodes once (the first caller pays, others wait).  The text
 * as valid UTF-8 without NUL bytes; the data is NUL-terminated one byte past
 * g_bytes_get_size(). */
GBytes             *contrail_text_source_get_bytes     (ContrailTextSource *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContrailTextSource, contrail_text_source_unref)

G_END_DECLS
