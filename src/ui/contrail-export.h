/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Export and copy: saving a trace as Contrail's normalized JSON or as the
 * document it was read from, the JSON of a span or a trace for the
 * clipboard, and a link to the trace on the Opper dashboard.
 *
 * Printing a big trace takes a while, so the JSON is printed in a worker
 * thread; files are written with g_file_replace_contents_async() (a
 * temporary file renamed over the target).
 */
#pragma once

#include <gio/gio.h>

#include "contrail-trace.h"

G_BEGIN_DECLS

typedef enum
{
  CONTRAIL_EXPORT_NORMALIZED,   /* Contrail JSON (DESIGN.md §5), as --print --json writes it */
  CONTRAIL_EXPORT_ORIGINAL,     /* the document as received: contrail_trace_get_source_bytes() */
} ContrailExportFormat;

/* Writes @trace to @file in @format, replacing the file.  Asking for the
 * original of a trace that has none fails with G_IO_ERROR_NOT_FOUND. */
void      contrail_export_save_async       (ContrailTrace        *trace,
                                            ContrailExportFormat  format,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  contrail_export_save_finish      (GAsyncResult         *result,
                                            GError              **error);

/* JSON for the clipboard: with @span, the span's own JSON object as
 * received when the format keeps it (contrail_span_get_source(), Opper),
 * else the span and its subtree as normalized JSON; without, the whole
 * trace as normalized JSON (one line, no newline at the end). */
void      contrail_export_json_async       (ContrailTrace        *trace,
                                            ContrailSpan         *span,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *contrail_export_json_finish      (GAsyncResult         *result,
                                            GError              **error);

/* The trace on the Opper dashboard, or NULL when its id is no Opper trace
 * id (a UUID of an Opper or normalized trace). */
char     *contrail_export_dup_trace_link   (ContrailTrace        *trace);

/* A file name to suggest: the trace's name (or id), safe for file systems,
 * ending in ".json" ("-original.json" for the original). */
char     *contrail_export_dup_file_name    (ContrailTrace        *trace,
                                            ContrailExportFormat  format);

G_END_DECLS
