/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared pieces of the importers.  Each importer gets a reader positioned at
 * the start of a document that has already been validated as JSON and
 * recognised as its format (contrail-import.c), and builds traces from it.
 */
#pragma once

#include <gio/gio.h>

#include "contrail-json-reader.h"
#include "contrail-model-private.h"

G_BEGIN_DECLS

/* Texts longer than this stay slices of the source until they are shown. */
#define CONTRAIL_LAZY_TEXT_MIN 1024

typedef struct
{
  ContrailJsonReader *reader;
  ContrailStore      *store;
  GCancellable       *cancellable;
  GString            *scratch;     /* for decoding escaped strings */
} ContrailImport;

/* Field readers: each consumes the next value.  A value of the wrong type is
 * skipped and treated as absent (the out value is reset to "absent"). */
const char *_contrail_import_string   (ContrailImport *import);
gint64      _contrail_import_time     (ContrailImport *import);
gboolean    _contrail_import_number   (ContrailImport *import,
                                       double         *value);
/* A non-negative JSON integer (no fraction or exponent), else -1. */
gint64      _contrail_import_count    (ContrailImport *import);
void        _contrail_import_text     (ContrailImport *import,
                                       ContrailText   *text);
/* An object kept as its JSON text (for meta, scorer_context). */
void        _contrail_import_object_text (ContrailImport *import,
                                          ContrailText   *text);
char      **_contrail_import_strv     (ContrailImport *import);

/* Duration fallback for a trace: input's duration, else end - start. */
void        _contrail_trace_finish    (ContrailTrace  *trace);

gboolean    _contrail_import_check_cancelled (ContrailImport  *import,
                                              GError         **error);

GPtrArray  *_contrail_import_opper      (ContrailImport  *import,
                                         GError         **error);
GPtrArray  *_contrail_import_normalized (ContrailImport  *import,
                                         GError         **error);

G_END_DECLS
