/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "contrail-trace.h"

G_BEGIN_DECLS

/* One line of normalized JSON (DESIGN.md §5), with a trailing newline. */
void contrail_print_json (GString       *out,
                          ContrailTrace *trace);

/* One span and its subtree as a normalized SPAN object (DESIGN.md §5), on
 * one line, without a newline: for "copy span as JSON". */
void contrail_print_span_json (GString      *out,
                               ContrailSpan *span);

/* Called whenever @out holds more than a chunk, to write it away and
 * truncate it; keeps memory flat when printing a huge trace. */
typedef void (*ContrailPrintFlush) (GString  *out,
                                    gpointer  user_data);

void contrail_print_json_full (GString            *out,
                               ContrailTrace      *trace,
                               ContrailPrintFlush  flush,
                               gpointer            user_data);

/* A readable, box-drawn tree: a header line for the trace, then one line per
 * span (name, type, model, duration, tokens, score, error mark). */
void contrail_print_text (GString       *out,
                          ContrailTrace *trace);

G_END_DECLS
