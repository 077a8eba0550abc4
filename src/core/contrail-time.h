/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Times are gint64 microseconds since the Unix epoch, UTC.  (Microseconds, not
 * nanoseconds: the normalized format keeps six fraction digits and must reach
 * the years 1 to 9999, which nanoseconds in 64 bits cannot.)
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No time was given (absent, null, wrong type, or unparseable). */
#define CONTRAIL_TIME_NONE   G_MININT64
/* The input gave an empty string; printed back as "" (DESIGN.md §5). */
#define CONTRAIL_TIME_EMPTY  (G_MININT64 + 1)

#define CONTRAIL_TIME_IS_VALID(t) ((t) > CONTRAIL_TIME_EMPTY)

/* Smallest and largest printable times: 0001-01-01T00:00:00.000000Z and
 * 9999-12-31T23:59:59.999999Z. */
#define CONTRAIL_TIME_MIN    G_GINT64_CONSTANT (-62135596800000000)
#define CONTRAIL_TIME_MAX    G_GINT64_CONSTANT (253402300799999999)

/* Parse an ISO 8601 / RFC 3339 date-time of @len bytes (need not be
 * NUL-terminated): "YYYY-MM-DDTHH:MM:SS", optional ".fraction" of any length
 * (truncated to microseconds), optional "Z" or "±HH:MM" / "±HHMM" / "±HH"
 * offset (none = UTC).  'T', 't' or ' ' separate date and time; 'z' is
 * accepted.  Impossible dates (2025-02-29), out-of-range fields, results
 * outside years 1..9999, and anything else return CONTRAIL_TIME_NONE.
 * An empty string returns CONTRAIL_TIME_EMPTY. */
gint64   contrail_time_parse   (const char *str,
                                gsize       len);

/* Write "YYYY-MM-DDTHH:MM:SS.ffffffZ" into @buf (at least 28 bytes).  Returns
 * FALSE (and writes "") when @time is not valid or out of range. */
gboolean contrail_time_format  (gint64      time,
                                char       *buf);

/* Milliseconds between two valid times, as a double. */
double   contrail_time_diff_ms (gint64      end,
                                gint64      start);

G_END_DECLS
