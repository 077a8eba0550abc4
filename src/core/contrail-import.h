/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Importers: bytes or files → ContrailTrace (DESIGN.md §5).  The format is
 * recognised by content (§5.1).  A file may hold several traces, so the
 * generic entry points return a GPtrArray of ContrailTrace (never empty).
 *
 * The async variants parse in a GTask worker thread.
 */
#pragma once

#include <gio/gio.h>

#include "contrail-trace.h"

G_BEGIN_DECLS

GPtrArray     *contrail_import_bytes        (GBytes              *bytes,
                                             GCancellable        *cancellable,
                                             GError             **error);
GPtrArray     *contrail_import_file         (GFile               *file,
                                             GCancellable        *cancellable,
                                             GError             **error);

void           contrail_import_bytes_async  (GBytes              *bytes,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           contrail_import_file_async   (GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Finishes either of the two above. */
GPtrArray     *contrail_import_finish       (GAsyncResult        *result,
                                             GError             **error);

/* One Opper trace (the body of GET /v2/traces/{id}), for the API client. */
ContrailTrace *contrail_import_opper_bytes  (GBytes              *bytes,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* The bundled demo traces (GResource). */
GPtrArray     *contrail_import_demo         (GError             **error);

G_END_DECLS
