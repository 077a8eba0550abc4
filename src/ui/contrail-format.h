/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Numbers and times as the window shows them: durations, token counts and
 * start times.  All results are plain text (never markup) in the user's
 * language.
 */
#pragma once

#include <glib.h>

#include "contrail-span.h"

G_BEGIN_DECLS

/* "0.42 ms", "842 ms", "1.19 s", "7 min 52 s", "2 h 05 min" */
char *contrail_format_duration     (double ms);
/* A count with the locale's thousands separators: "12,345" */
char *contrail_format_count        (gint64 count);
/* Short, for narrow columns: "1,234", "263.1k", "2.63M" */
char *contrail_format_count_short  (gint64 count);
/* Short, for narrow columns: "1,234 tok", "263.1k tok", "2.63M tok" */
char *contrail_format_tokens_short (gint64 tokens);
/* The tokens of a span and everything below it, short: "Σ 1,234", "Σ 263.1k" */
char *contrail_format_subtree_tokens_short (gint64 tokens);
/* The tokens of @span and everything below it, as a collapsed row and the
 * overview show them.  Nothing is counted twice: a span whose own count is
 * at least what the spans below it add up to is taken to include theirs
 * (Opper's agent spans report their children's usage), where
 * contrail_span_get_subtree_tokens() adds both.  CONTRAIL_TOKENS_NONE when
 * no span of the subtree has a count.  Main thread; remembered per span. */
gint64 contrail_span_tokens_with_children (ContrailSpan *span);
/* "12,345 tokens" */
char *contrail_format_tokens       (gint64 tokens);
/* A start time (µs since the epoch, UTC) in local time: "14:03" today,
 * "Mon 14:03" within a week, "2025-11-20 14:03" otherwise; NULL when the
 * time is not valid. */
char *contrail_format_start_time   (gint64 time);
/* @text cut after @max_chars characters (on a character boundary, with
 * "…"), for a label or a one-line cell: GTK lays out a label's whole text
 * each time it is measured, and a wrapped label of 10 kB takes 40–75 ms.
 * NULL for NULL. */
char *contrail_format_excerpt      (const char *text,
                                    gsize       max_chars);

G_END_DECLS
