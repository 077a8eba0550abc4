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

/* Texts shorter than this may be decoded at load time where keeping a slice
 * is not possible; longer ones always stay slices of the source. */
#define CONTRAIL_LAZY_TEXT_MIN 1024

typedef struct
{
  ContrailJsonReader *reader;
  ContrailStore      *store;
  GCancellable       *cancellable;
  GString            *scratch;     /* for decoding escaped strings */
  const char         *data;        /* the document the reader reads (JSON lines: */
  gsize               len;         /* the importer reads on past the first value) */
} ContrailImport;

/* Field readers: each consumes the next value.  A value of the wrong type is
 * skipped and treated as absent (the out value is reset to "absent"). */
const char *_contrail_import_string   (ContrailImport *import);
gint64      _contrail_import_time     (ContrailImport *import);
gboolean    _contrail_import_number   (ContrailImport *import,
                                       double         *value);
/* A non-negative JSON integer (no fraction or exponent), else -1. */
gint64      _contrail_import_count    (ContrailImport *import);
/* A JSON integer within gint64 (no fraction or exponent), else
 * CONTRAIL_TOKENS_NONE. */
gint64      _contrail_import_tokens   (ContrailImport *import);
void        _contrail_import_text     (ContrailImport *import,
                                       ContrailText   *text);
/* An object kept as its JSON text (for meta, scorer_context). */
void        _contrail_import_object_text (ContrailImport *import,
                                          ContrailText   *text);
char      **_contrail_import_strv     (ContrailImport *import);

/* Reads the value of @key when it is one of the trace fields that Opper and
 * normalized JSON share (id, name, status, start_time, end_time,
 * duration_ms, total_tokens); FALSE, with nothing read, for other keys. */
gboolean    _contrail_import_trace_member (ContrailImport          *import,
                                           ContrailTrace           *trace,
                                           const ContrailJsonSlice *key);

/* The same for the span fields the two share (id, parent_id, name, type,
 * start_time, end_time, duration_ms, error, score). */
gboolean    _contrail_import_span_member  (ContrailImport          *import,
                                           ContrailSpan            *span,
                                           const ContrailJsonSlice *key);

/* Duration fallback for a trace: input's duration, else end - start. */
void        _contrail_trace_finish    (ContrailTrace  *trace);

gboolean    _contrail_import_check_cancelled (ContrailImport  *import,
                                              GError         **error);

GPtrArray  *_contrail_import_opper      (ContrailImport  *import,
                                         GError         **error);
GPtrArray  *_contrail_import_normalized (ContrailImport  *import,
                                         GError         **error);
GPtrArray  *_contrail_import_otlp       (ContrailImport  *import,
                                         GError         **error);
GPtrArray  *_contrail_import_jaeger     (ContrailImport  *import,
                                         GError         **error);

/* Shared by the OTLP and Jaeger importers (contrail-import-otlp.c),
 * DESIGN.md §5.2.  ContrailOtelFields collects one span's attributes (OTLP)
 * or tags (Jaeger) and its events (OTLP) or logs (Jaeger); the first
 * attribute with a key wins. */
typedef struct _ContrailOtelFields ContrailOtelFields;

ContrailOtelFields *_contrail_otel_fields_new        (void);
void                _contrail_otel_fields_free       (ContrailOtelFields *fields);
void                _contrail_otel_fields_reset      (ContrailOtelFields *fields);
/* Each reads the next value: an OTLP attributes array ({key, value: AnyValue}),
 * an OTLP events array, a Jaeger tags array ({key, type, value}) or a Jaeger
 * logs array; anything else is skipped. */
void                _contrail_otel_read_attributes   (ContrailImport     *import,
                                                      ContrailOtelFields *fields);
void                _contrail_otel_read_events       (ContrailImport     *import,
                                                      ContrailOtelFields *fields);
void                _contrail_otel_read_tags         (ContrailImport     *import,
                                                      ContrailOtelFields *fields);
void                _contrail_otel_read_logs         (ContrailImport     *import,
                                                      ContrailOtelFields *fields);
/* The first value of @key when it is a string (in the store), else NULL. */
const char         *_contrail_otel_fields_get_string (ContrailImport     *import,
                                                      ContrailOtelFields *fields,
                                                      const char         *key);
/* TRUE when the first value of @key is true or the string "true". */
gboolean            _contrail_otel_fields_is_true    (ContrailImport     *import,
                                                      ContrailOtelFields *fields,
                                                      const char         *key);
/* Sets the span's type (else @kind_type), model, total_tokens, input,
 * output, instructions and meta from the fields. */
void                _contrail_otel_fields_apply      (ContrailImport     *import,
                                                      ContrailOtelFields *fields,
                                                      ContrailSpan       *span,
                                                      const char         *kind_type);

/* Reads the next value as an id: lower-case hex (base64 converted), in the
 * store; NULL when it is not a string. */
const char         *_contrail_otel_read_id           (ContrailImport     *import);
/* Reads the next value as an integer: a JSON integer, an integral number or a
 * string of ASCII digits (optionally negative) within gint64. */
gboolean            _contrail_otel_read_int64        (ContrailImport     *import,
                                                      gint64             *value);
/* A trace of @spans (taken; linked by their parent_id): @id, the first
 * root's name, the earliest start and the latest end of its spans. */
ContrailTrace      *_contrail_otel_trace_new         (ContrailImport     *import,
                                                      ContrailTraceFormat format,
                                                      const char         *id,
                                                      GPtrArray          *spans);

G_END_DECLS
