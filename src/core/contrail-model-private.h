/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Friend-only access to the model, for the importers and the tree builder.
 * The model is built in a worker thread by exactly one importer and is
 * immutable once handed out.
 */
#pragma once

#include "contrail-metric.h"
#include "contrail-span.h"
#include "contrail-trace.h"

G_BEGIN_DECLS

/* Shared, refcounted storage behind one trace: the small strings of all its
 * spans (deduplicated) and the source bytes that large texts are sliced from.
 * Every span holds a ref, so a span outlives its trace safely. */
typedef struct
{
  GStringChunk *strings;
  GBytes       *source;    /* may be NULL */
} ContrailStore;

ContrailStore *_contrail_store_new    (GBytes        *source);
ContrailStore *_contrail_store_ref    (ContrailStore *store);
void           _contrail_store_unref  (ContrailStore *store);
/* Copy @len bytes of already decoded text into the store's string chunk. */
const char    *_contrail_store_intern (ContrailStore *store,
                                       const char    *str,
                                       gssize         len);

/* A text that may be decoded lazily: either decoded at load time (READY,
 * str in the store), or a slice of the source (ESCAPED, VERBATIM) decoded on
 * first access into str, which it then owns.  The state never changes after
 * import; str is published atomically, so any thread may read a text. */
typedef enum
{
  CONTRAIL_TEXT_ABSENT = 0,
  CONTRAIL_TEXT_READY,        /* str is set, in the store */
  CONTRAIL_TEXT_ESCAPED,      /* raw is a JSON string body, still escaped */
  CONTRAIL_TEXT_VERBATIM,     /* raw is the text itself (e.g. a JSON sub-document) */
} ContrailTextState;

typedef struct
{
  const char *str;
  const char *raw;
  gsize       raw_len;
  guint8      state;
} ContrailText;

/* Decodes once and keeps the result. */
const char    *_contrail_text_get      (ContrailText  *text);
/* Appends the decoded text to @out without keeping it (for one-off reads of
 * many texts, e.g. a search). */
void           _contrail_text_append   (const ContrailText *text,
                                        GString            *out);
gsize          _contrail_text_get_size (const ContrailText *text);
void           _contrail_text_clear    (ContrailText  *text);

struct _ContrailMetric
{
  GObject     parent_instance;

  /* Owned */
  char       *id;
  char       *dimension;
  char       *comment;
  double      value;
  gint64      created_at;
  guint       has_value : 1;
};

ContrailMetric *_contrail_metric_new (void);

/* A metric as the importer stores it: plain data, strings in the store.
 * ContrailMetric objects are made from it only when a view asks. */
typedef struct
{
  const char *id;
  const char *dimension;
  const char *comment;
  double      value;
  gint64      created_at;
  gboolean    has_value;
} ContrailMetricData;

ContrailMetric *_contrail_metric_new_from_data (const ContrailMetricData *data);

struct _ContrailSpan
{
  GObject        parent_instance;

  /* Borrowed */
  ContrailSpan  *parent;

  /* Owned */
  ContrailStore *store;
  GPtrArray     *children;        /* ContrailSpan, sorted; NULL for a leaf */
  GListStore    *children_model;  /* created on demand */
  GArray        *metrics;         /* ContrailMetricData; NULL when none */
  GListStore    *metrics_model;   /* created on demand */
  char         **tags;

  /* Strings in the store (or NULL) */
  const char    *id;
  const char    *parent_id;
  const char    *name;
  const char    *type;
  const char    *service;
  const char    *error;
  const char    *model;
  const char    *function;
  const char    *generation_id;

  ContrailText   meta;
  ContrailText   input;
  ContrailText   output;
  ContrailText   instructions;
  ContrailText   observations;
  ContrailText   scorer_context;
  ContrailText   source;          /* the span's JSON object as the input gave it */

  gint64         start_time;
  gint64         end_time;
  gint64         total_tokens;    /* -1 when absent */
  gint64         subtree_tokens;  /* -1 when no span in the subtree has tokens */
  double         duration_ms;
  double         score;
  double         data_score;

  guint          index;
  guint          depth;
  guint          n_metrics;
  guint          n_descendants;

  guint          kind : 3;
  guint          has_duration : 1;
  guint          has_score : 1;
  guint          has_data_score : 1;
  guint          has_error_below : 1;
};

ContrailSpan  *_contrail_span_new          (ContrailStore *store);
/* Compute duration (fallback) and kind once all fields are set. */
void           _contrail_span_finish       (ContrailSpan  *self);

/* Trace construction.  The builder takes the spans in input order. */
struct _ContrailTrace
{
  GObject              parent_instance;

  /* Owned */
  ContrailStore       *store;
  GPtrArray           *spans;       /* input order */
  GPtrArray           *roots;       /* sorted */
  GListStore          *roots_model;
  GHashTable          *by_id;       /* id → first span with it (borrowed) */

  const char          *id;
  const char          *name;
  const char          *status;
  ContrailText         input;
  ContrailText         output;

  gint64               start_time;
  gint64               end_time;
  gint64               total_tokens;
  gint64               span_tokens;
  gint64               bounds_start;
  gint64               bounds_end;
  double               duration_ms;
  guint                n_errors;
  guint                max_depth;
  ContrailTraceFormat  format;
  guint                has_duration : 1;
};

ContrailTrace *_contrail_trace_new         (ContrailStore       *store,
                                            ContrailTraceFormat  format);

/* Link the spans into a tree.
 *
 * With @parents == NULL the tree comes from the spans' parent_id strings by
 * the rules of DESIGN.md §5 (orphans, self-parents, duplicates, cycles).
 * Otherwise @parents[i] is the input index of span i's parent, or -1 for a
 * root (used when the input nests its spans, as normalized JSON does).
 *
 * Then sorts roots and children by start time (stable), sets depth, and
 * computes the aggregates.  Takes ownership of @spans.  Iterative. */
void           _contrail_trace_set_spans   (ContrailTrace *self,
                                            GPtrArray     *spans,
                                            const gint    *parents);

G_END_DECLS
