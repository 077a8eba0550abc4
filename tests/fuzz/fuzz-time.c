/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Times: contrail_time_parse() on arbitrary bytes (not NUL-terminated) must
 * give NONE, EMPTY or a time in years 1..9999 that formats and parses back to
 * itself; and any 64-bit value (taken from the first 8 bytes) formats either
 * to nothing or to a 27-character UTC time that parses back to it.
 */
#define G_LOG_DOMAIN "contrail-fuzz"

#include <string.h>

#include "contrail-time.h"

#include "fuzz-harness.h"

static void
check_round_trip (gint64 t)
{
  char buf[32];
  gint64 again;

  memset (buf, 'x', sizeof buf);
  if (!contrail_time_format (t, buf))
    {
      if (CONTRAIL_TIME_IS_VALID (t) && t >= CONTRAIL_TIME_MIN && t <= CONTRAIL_TIME_MAX)
        g_error ("fuzz-time: %" G_GINT64_FORMAT " is in range but does not format", t);
      if (buf[0] != '\0')
        g_error ("fuzz-time: a failed format left text behind");
      return;
    }

  if (strlen (buf) != 27 || buf[10] != 'T' || buf[19] != '.' || buf[26] != 'Z')
    g_error ("fuzz-time: %" G_GINT64_FORMAT " formats as “%s”", t, buf);

  again = contrail_time_parse (buf, strlen (buf));
  if (again != t)
    g_error ("fuzz-time: %" G_GINT64_FORMAT " → “%s” → %" G_GINT64_FORMAT, t, buf, again);

  (void)contrail_time_diff_ms (t, CONTRAIL_TIME_MIN);
  (void)contrail_time_diff_ms (CONTRAIL_TIME_MAX, t);
}

int
contrail_fuzz_time (const guint8 *data,
                    gsize         size)
{
  /* Exactly @size bytes on the heap, so a read past the end trips ASan. */
  g_autofree char *copy = size > 0 ? g_memdup2 (data, size) : g_strdup ("");
  gint64 t = contrail_time_parse (copy, size);

  if (size == 0 && t != CONTRAIL_TIME_EMPTY)
    g_error ("fuzz-time: an empty string is not CONTRAIL_TIME_EMPTY");
  if (size > 0 && t == CONTRAIL_TIME_EMPTY)
    g_error ("fuzz-time: a non-empty string parsed as CONTRAIL_TIME_EMPTY");
  if (t != CONTRAIL_TIME_NONE && t != CONTRAIL_TIME_EMPTY &&
      (t < CONTRAIL_TIME_MIN || t > CONTRAIL_TIME_MAX))
    g_error ("fuzz-time: parsed %" G_GINT64_FORMAT ", outside years 1..9999", t);
  if (CONTRAIL_TIME_IS_VALID (t))
    check_round_trip (t);

  /* Any 64-bit value from the raw bytes, and one folded into the printable
   * range, where the calendar arithmetic is exercised. */
  if (size >= 8)
    {
      gint64 raw;

      memcpy (&raw, data, sizeof raw);
      check_round_trip (raw);
      check_round_trip (raw % (CONTRAIL_TIME_MAX + 1));
    }

  return 0;
}

CONTRAIL_FUZZ_ENTRY (contrail_fuzz_time)
