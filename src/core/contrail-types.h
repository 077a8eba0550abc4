/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A token count that the input did not give (any other gint64, negative
 * ones included, is printed as given). */
#define CONTRAIL_TOKENS_NONE G_MININT64

typedef struct _ContrailTrace  ContrailTrace;
typedef struct _ContrailSpan   ContrailSpan;
typedef struct _ContrailMetric ContrailMetric;

/* What a span does, classified from its free-text type (reference/opper-api.md §7). */
typedef enum
{
  CONTRAIL_SPAN_KIND_OTHER,
  CONTRAIL_SPAN_KIND_LLM,
  CONTRAIL_SPAN_KIND_TOOL,
  CONTRAIL_SPAN_KIND_AGENT,
} ContrailSpanKind;

/* Where a trace was read from. */
typedef enum
{
  CONTRAIL_TRACE_FORMAT_OPPER,
  CONTRAIL_TRACE_FORMAT_NORMALIZED,
  CONTRAIL_TRACE_FORMAT_OTLP,
  CONTRAIL_TRACE_FORMAT_JAEGER,
} ContrailTraceFormat;

G_END_DECLS
