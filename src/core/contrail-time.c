/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ISO 8601 / RFC 3339 date-times as gint64 microseconds since the epoch, UTC.
 * Hand-written (no GDateTime): this runs once or twice per span.  Calendar
 * arithmetic is proleptic Gregorian, after Howard Hinnant's days_from_civil()
 * and civil_from_days().
 */
#define G_LOG_DOMAIN "contrail-time"

#include "config.h"

#include "contrail-time.h"

#define USEC_PER_SECOND G_GINT64_CONSTANT (1000000)
#define USEC_PER_DAY    (G_GINT64_CONSTANT (86400) * USEC_PER_SECOND)

static inline gboolean
is_digit (guchar c)
{
  return (guint)(c - '0') < 10;
}

/* Reads exactly @n digits. */
static inline gboolean
read_digits (const guchar *p,
             guint         n,
             int          *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!is_digit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }

  *out = v;
  return TRUE;
}

static inline gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;

  return days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era;
  gint64 doe;
  gint64 yoe;
  gint64 doy;
  gint64 mp;
  gint64 y;
  int m;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int)(doy - (153 * mp + 2) / 5 + 1);
  m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *month = m;
  *year = (int)(y + (m <= 2));
}

gint64
contrail_time_parse (const char *str,
                     gsize       len)
{
  const guchar *s = (const guchar *)str;
  const guchar *p;
  const guchar *end;
  int year, month, day, hour, minute, second;
  gint64 usec = 0;
  gint64 offset = 0;
  gint64 t;

  if (str == NULL)
    return CONTRAIL_TIME_NONE;
  if (len == 0)
    return CONTRAIL_TIME_EMPTY;
  if (len < 19)
    return CONTRAIL_TIME_NONE;

  end = s + len;

  /* YYYY-MM-DDTHH:MM:SS */
  if (!read_digits (s, 4, &year) || s[4] != '-' ||
      !read_digits (s + 5, 2, &month) || s[7] != '-' ||
      !read_digits (s + 8, 2, &day) ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !read_digits (s + 11, 2, &hour) || s[13] != ':' ||
      !read_digits (s + 14, 2, &minute) || s[16] != ':' ||
      !read_digits (s + 17, 2, &second))
    return CONTRAIL_TIME_NONE;

  p = s + 19;

  /* .fraction, truncated to microseconds */
  if (p < end && *p == '.')
    {
      guint n = 0;

      p++;
      if (p >= end || !is_digit (*p))
        return CONTRAIL_TIME_NONE;
      for (; p < end && is_digit (*p); p++, n++)
        {
          if (n < 6)
            usec = usec * 10 + (*p - '0');
        }
      for (; n < 6; n++)
        usec *= 10;
    }

  /* Z, ±HH:MM, ±HHMM or ±HH */
  if (p < end)
    {
      if (*p == 'Z' || *p == 'z')
        {
          p++;
        }
      else if (*p == '+' || *p == '-')
        {
          int sign = *p == '-' ? -1 : 1;
          int off_hours;
          int off_minutes = 0;

          p++;
          if (end - p < 2 || !read_digits (p, 2, &off_hours))
            return CONTRAIL_TIME_NONE;
          p += 2;
          if (p < end)
            {
              if (*p == ':')
                p++;
              if (end - p < 2 || !read_digits (p, 2, &off_minutes))
                return CONTRAIL_TIME_NONE;
              p += 2;
            }
          if (off_hours > 23 || off_minutes > 59)
            return CONTRAIL_TIME_NONE;
          offset = sign * (off_hours * 3600 + off_minutes * 60);
        }
      else
        {
          return CONTRAIL_TIME_NONE;
        }
    }

  if (p != end)
    return CONTRAIL_TIME_NONE;

  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month) ||
      hour > 23 || minute > 59 || second > 59)
    return CONTRAIL_TIME_NONE;

  t = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  t = t * USEC_PER_SECOND + usec;

  if (t < CONTRAIL_TIME_MIN || t > CONTRAIL_TIME_MAX)
    return CONTRAIL_TIME_NONE;

  return t;
}

static inline char *
put_digits (char   *p,
            gint64  v,
            guint   n)
{
  for (guint i = n; i > 0; i--)
    {
      p[i - 1] = (char)('0' + v % 10);
      v /= 10;
    }

  return p + n;
}

gboolean
contrail_time_format (gint64  time,
                      char   *buf)
{
  gint64 days;
  gint64 rem;
  gint64 secs;
  int year, month, day;
  char *p = buf;

  g_return_val_if_fail (buf != NULL, FALSE);

  if (!CONTRAIL_TIME_IS_VALID (time) || time < CONTRAIL_TIME_MIN || time > CONTRAIL_TIME_MAX)
    {
      buf[0] = '\0';
      return FALSE;
    }

  /* Floor division, so times before 1970 land on the right day. */
  days = time / USEC_PER_DAY;
  rem = time % USEC_PER_DAY;
  if (rem < 0)
    {
      days--;
      rem += USEC_PER_DAY;
    }
  civil_from_days (days, &year, &month, &day);
  secs = rem / USEC_PER_SECOND;

  p = put_digits (p, year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  *p++ = 'T';
  p = put_digits (p, secs / 3600, 2);
  *p++ = ':';
  p = put_digits (p, secs / 60 % 60, 2);
  *p++ = ':';
  p = put_digits (p, secs % 60, 2);
  *p++ = '.';
  p = put_digits (p, rem % USEC_PER_SECOND, 6);
  *p++ = 'Z';
  *p = '\0';

  return TRUE;
}

double
contrail_time_diff_ms (gint64 end,
                       gint64 start)
{
  return (double)(end - start) / 1000.0;
}
