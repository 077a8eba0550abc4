/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-time"

#include "config.h"

#include <string.h>

#include "contrail-time.h"

#define USEC G_GINT64_CONSTANT (1000000)

/* Parses an exact-size heap copy without a NUL, so ASan sees over-reads. */
static gint64
parse (const char *str)
{
  gsize len = strlen (str);
  char *copy = len > 0 ? g_malloc (len) : NULL;
  gint64 t;

  if (len > 0)
    memcpy (copy, str, len);
  t = contrail_time_parse (len > 0 ? copy : "", len);
  g_free (copy);

  return t;
}

static char *
format (gint64 t)
{
  char buf[28];

  if (!contrail_time_format (t, buf))
    {
      g_assert_cmpstr (buf, ==, "");
      return NULL;
    }
  g_assert_cmpuint (strlen (buf), ==, 27);

  return g_strdup (buf);
}

/* Reference value from GDateTime (slow, fine for tests). */
static gint64
reference (int    year,
           int    month,
           int    day,
           int    hour,
           int    minute,
           int    second,
           int    usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, second);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * USEC + usec;
}

static void
test_basic (void)
{
  g_autofree char *s = NULL;

  g_assert_cmpint (parse ("1970-01-01T00:00:00Z"), ==, 0);
  g_assert_cmpint (parse ("1970-01-01T00:00:00"), ==, 0);
  g_assert_cmpint (parse ("1970-01-01T00:00:01Z"), ==, USEC);
  g_assert_cmpint (parse ("1969-12-31T23:59:59Z"), ==, -USEC);
  g_assert_cmpint (parse ("1969-12-31T23:59:59.999999Z"), ==, -1);
  g_assert_cmpint (parse ("2025-11-20T09:14:02.12Z"), ==, reference (2025, 11, 20, 9, 14, 2, 120000));
  g_assert_cmpint (parse ("2025-11-20T09:14:02.120000Z"), ==, G_GINT64_CONSTANT (1763630042120000));
  g_assert_cmpint (parse ("2000-01-01T00:00:00Z"), ==, G_GINT64_CONSTANT (946684800) * USEC);

  s = format (G_GINT64_CONSTANT (1763630042120000));
  g_assert_cmpstr (s, ==, "2025-11-20T09:14:02.120000Z");
}

static void
test_separators_and_case (void)
{
  gint64 expected = reference (2024, 3, 5, 6, 7, 8, 0);

  g_assert_cmpint (parse ("2024-03-05T06:07:08Z"), ==, expected);
  g_assert_cmpint (parse ("2024-03-05t06:07:08z"), ==, expected);
  g_assert_cmpint (parse ("2024-03-05 06:07:08Z"), ==, expected);
  g_assert_cmpint (parse ("2024-03-05 06:07:08"), ==, expected);
  g_assert_cmpint (parse ("2024-03-05_06:07:08"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2024-03-05T06:07:08 "), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse (" 2024-03-05T06:07:08"), ==, CONTRAIL_TIME_NONE);
}

static void
test_fraction (void)
{
  gint64 base = reference (2025, 1, 2, 3, 4, 5, 0);

  g_assert_cmpint (parse ("2025-01-02T03:04:05.1Z"), ==, base + 100000);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.12Z"), ==, base + 120000);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.000001Z"), ==, base + 1);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.123456Z"), ==, base + 123456);
  /* truncated, not rounded */
  g_assert_cmpint (parse ("2025-01-02T03:04:05.1234567Z"), ==, base + 123456);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.123456789Z"), ==, base + 123456);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.999999999Z"), ==, base + 999999);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.0000009Z"), ==, base);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.99999999999999999999999999999999"), ==, base + 999999);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.123456789+01:00"), ==, base + 123456 - 3600 * USEC);

  {
    g_autofree char *s = format (parse ("2025-01-02T03:04:05.123456789Z"));

    g_assert_cmpstr (s, ==, "2025-01-02T03:04:05.123456Z");
  }

  g_assert_cmpint (parse ("2025-01-02T03:04:05.Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-01-02T03:04:05."), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-01-02T03:04:05,5Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.5.5Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-01-02T03:04:05.-5Z"), ==, CONTRAIL_TIME_NONE);
}

static void
test_offsets (void)
{
  gint64 utc = reference (2025, 6, 15, 12, 0, 0, 0);

  g_assert_cmpint (parse ("2025-06-15T12:00:00+00:00"), ==, utc);
  g_assert_cmpint (parse ("2025-06-15T12:00:00-00:00"), ==, utc);
  g_assert_cmpint (parse ("2025-06-15T17:30:00+05:30"), ==, utc);
  g_assert_cmpint (parse ("2025-06-15T17:30:00+0530"), ==, utc);
  g_assert_cmpint (parse ("2025-06-15T04:00:00-0800"), ==, utc);
  g_assert_cmpint (parse ("2025-06-15T04:00:00-08:00"), ==, utc);
  g_assert_cmpint (parse ("2025-06-15T04:00:00-08"), ==, utc);
  g_assert_cmpint (parse ("2025-06-15T13:00:00+01"), ==, utc);
  g_assert_cmpint (parse ("2025-06-16T11:59:00+23:59"), ==, utc);
  g_assert_cmpint (parse ("2025-06-14T12:01:00-23:59"), ==, utc);
  /* crossing midnight, month and year */
  g_assert_cmpint (parse ("2025-01-01T01:00:00+02:00"), ==, reference (2024, 12, 31, 23, 0, 0, 0));
  g_assert_cmpint (parse ("2024-02-28T23:00:00-02:00"), ==, reference (2024, 2, 29, 1, 0, 0, 0));

  {
    g_autofree char *s = format (parse ("2025-11-20T10:14:02.12+01:00"));

    g_assert_cmpstr (s, ==, "2025-11-20T09:14:02.120000Z");
  }

  g_assert_cmpint (parse ("2025-06-15T12:00:00+24:00"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+05:60"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+5"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+053"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+05:3"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+05:"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+05:30:00"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+05:30Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00Z+01:00"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00UTC"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00ZZ"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00 +01:00"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-06-15T12:00:00+0a:00"), ==, CONTRAIL_TIME_NONE);
}

static void
test_leap_years (void)
{
  g_assert_cmpint (parse ("2024-02-29T00:00:00Z"), ==, reference (2024, 2, 29, 0, 0, 0, 0));
  g_assert_cmpint (parse ("2000-02-29T00:00:00Z"), ==, reference (2000, 2, 29, 0, 0, 0, 0));
  g_assert_cmpint (parse ("1600-02-29T00:00:00Z"), ==, reference (1600, 2, 29, 0, 0, 0, 0));
  g_assert_cmpint (parse ("0004-02-29T00:00:00Z"), ==, reference (4, 2, 29, 0, 0, 0, 0));
  g_assert_cmpint (parse ("2025-02-29T00:00:00Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("1900-02-29T00:00:00Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2100-02-29T00:00:00Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2024-02-30T00:00:00Z"), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse ("2025-02-28T00:00:00Z"), ==, reference (2025, 2, 28, 0, 0, 0, 0));
  g_assert_cmpint (parse ("2025-03-01T00:00:00Z") - parse ("2025-02-28T00:00:00Z"), ==,
                   86400 * USEC);
  g_assert_cmpint (parse ("2024-03-01T00:00:00Z") - parse ("2024-02-28T00:00:00Z"), ==,
                   2 * 86400 * USEC);
}

static void
test_impossible (void)
{
  const char *bad[] = {
    "2025-00-10T00:00:00Z",
    "2025-13-10T00:00:00Z",
    "2025-01-00T00:00:00Z",
    "2025-01-32T00:00:00Z",
    "2025-04-31T00:00:00Z",
    "2025-06-31T00:00:00Z",
    "2025-09-31T00:00:00Z",
    "2025-11-31T00:00:00Z",
    "2025-01-01T24:00:00Z",
    "2025-01-01T23:60:00Z",
    "2025-01-01T23:59:60Z",          /* no leap seconds */
    "2016-12-31T23:59:60Z",
    "2025-1-01T00:00:00Z",
    "2025-01-1T00:00:00Z",
    "25-01-01T00:00:00Z",
    "2025-01-01T0:00:00Z",
    "2025-01-01T00:0:00Z",
    "2025-01-01T00:00:0Z",
    "2025-01-01T00:00Z",             /* seconds are required */
    "2025-01-01",
    "2025-01-01T",
    "2025/01/01T00:00:00Z",
    "2025-01-01T00-00-00Z",
    "+2025-01-01T00:00:00Z",
    "-2025-01-01T00:00:00Z",
    "20250101T000000Z",
    "２０２５-01-01T00:00:00Z",
    "2025-01-01T00:00:00Zjunk",
    "2025-01-01T00:00:00.5junk",
    "2025-01-01T00:00:00\n",
    "not a date",
    "0000-01-01T00:00:00Z",          /* before year 1 */
    "0001-01-01T00:00:00+00:01",     /* before year 1 after the offset */
    "9999-12-31T23:59:59-00:01",     /* after year 9999 after the offset */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *escaped = g_strescape (bad[i], NULL);

      g_test_message ("%s", escaped);
      g_assert_cmpint (parse (bad[i]), ==, CONTRAIL_TIME_NONE);
    }

  /* every proper prefix of a valid time is invalid (and read in bounds) */
  {
    const char *full = "2025-11-20T09:14:02.120000+05:30";

    for (gsize n = 1; n < strlen (full); n++)
      {
        g_autofree char *prefix = g_strndup (full, n);
        gint64 t = parse (prefix);

        /* "…:02", "…:02.1…" and "…+05" are complete on their own */
        if (n == 19 || (n >= 21 && n <= 26) || n == 29)
          g_assert_true (CONTRAIL_TIME_IS_VALID (t));
        else
          g_assert_cmpint (t, ==, CONTRAIL_TIME_NONE);
      }
  }
}

static void
test_empty_and_null (void)
{
  g_assert_cmpint (contrail_time_parse ("", 0), ==, CONTRAIL_TIME_EMPTY);
  g_assert_cmpint (contrail_time_parse ("2025-01-01T00:00:00Z", 0), ==, CONTRAIL_TIME_EMPTY);
  g_assert_cmpint (contrail_time_parse (NULL, 0), ==, CONTRAIL_TIME_NONE);
  g_assert_cmpint (parse (" "), ==, CONTRAIL_TIME_NONE);
  g_assert_false (CONTRAIL_TIME_IS_VALID (CONTRAIL_TIME_NONE));
  g_assert_false (CONTRAIL_TIME_IS_VALID (CONTRAIL_TIME_EMPTY));
  g_assert_true (CONTRAIL_TIME_IS_VALID (CONTRAIL_TIME_MIN));
  g_assert_true (CONTRAIL_TIME_IS_VALID (0));

  /* the length is honoured: the rest of the buffer is not looked at */
  g_assert_cmpint (contrail_time_parse ("2025-01-01T00:00:00Zjunk", 20), ==,
                   reference (2025, 1, 1, 0, 0, 0, 0));
  g_assert_cmpint (contrail_time_parse ("2025-01-01T00:00:00.123456789", 23), ==,
                   reference (2025, 1, 1, 0, 0, 0, 123000));
}

static void
test_range (void)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  char buf[28];

  g_assert_cmpint (parse ("0001-01-01T00:00:00Z"), ==, CONTRAIL_TIME_MIN);
  g_assert_cmpint (parse ("0001-01-01T00:00:00.000000Z"), ==, CONTRAIL_TIME_MIN);
  g_assert_cmpint (parse ("9999-12-31T23:59:59.999999Z"), ==, CONTRAIL_TIME_MAX);
  g_assert_cmpint (parse ("9999-12-31T23:59:59.999999999Z"), ==, CONTRAIL_TIME_MAX);
  g_assert_cmpint (parse ("0001-01-01T00:00:00Z"), ==, reference (1, 1, 1, 0, 0, 0, 0));
  g_assert_cmpint (parse ("9999-12-31T23:59:59Z"), ==, reference (9999, 12, 31, 23, 59, 59, 0));
  /* offsets may bring an out-of-range local time into range */
  g_assert_cmpint (parse ("0000-12-31T23:30:00-01:00"), ==, CONTRAIL_TIME_MIN + 30 * 60 * USEC);
  g_assert_cmpint (parse ("0001-01-01T05:00:00+05:00"), ==, CONTRAIL_TIME_MIN);
  g_assert_cmpint (parse ("9999-12-31T23:59:59.999999+00:00"), ==, CONTRAIL_TIME_MAX);
  g_assert_cmpint (parse ("9999-12-31T18:59:59-05:00"), ==, CONTRAIL_TIME_MAX - 999999);
  g_assert_cmpint (parse ("9999-12-31T23:59:59+01:00"), ==, CONTRAIL_TIME_MAX - 999999 - 3600 * USEC);

  min = format (CONTRAIL_TIME_MIN);
  max = format (CONTRAIL_TIME_MAX);
  g_assert_cmpstr (min, ==, "0001-01-01T00:00:00.000000Z");
  g_assert_cmpstr (max, ==, "9999-12-31T23:59:59.999999Z");

  strcpy (buf, "garbage");
  g_assert_false (contrail_time_format (CONTRAIL_TIME_MIN - 1, buf));
  g_assert_cmpstr (buf, ==, "");
  strcpy (buf, "garbage");
  g_assert_false (contrail_time_format (CONTRAIL_TIME_MAX + 1, buf));
  g_assert_cmpstr (buf, ==, "");
  strcpy (buf, "garbage");
  g_assert_false (contrail_time_format (CONTRAIL_TIME_NONE, buf));
  g_assert_cmpstr (buf, ==, "");
  strcpy (buf, "garbage");
  g_assert_false (contrail_time_format (CONTRAIL_TIME_EMPTY, buf));
  g_assert_cmpstr (buf, ==, "");
  g_assert_false (contrail_time_format (G_MAXINT64, buf));
  g_assert_cmpstr (buf, ==, "");
}

static void
test_negative_times (void)
{
  struct {
    gint64      t;
    const char *s;
  } cases[] = {
    { 0, "1970-01-01T00:00:00.000000Z" },
    { -1, "1969-12-31T23:59:59.999999Z" },
    { -USEC, "1969-12-31T23:59:59.000000Z" },
    { -USEC - 1, "1969-12-31T23:59:58.999999Z" },
    { -86400 * USEC, "1969-12-31T00:00:00.000000Z" },
    { -86400 * USEC - 1, "1969-12-30T23:59:59.999999Z" },
    { G_GINT64_CONSTANT (-2208988800) * USEC, "1900-01-01T00:00:00.000000Z" },
    { G_GINT64_CONSTANT (-2208988800) * USEC + 500000, "1900-01-01T00:00:00.500000Z" },
    { G_GINT64_CONSTANT (-11644473600) * USEC, "1601-01-01T00:00:00.000000Z" },
    { G_GINT64_CONSTANT (-12219292800) * USEC, "1582-10-15T00:00:00.000000Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = format (cases[i].t);

      g_assert_cmpstr (s, ==, cases[i].s);
      g_assert_cmpint (parse (cases[i].s), ==, cases[i].t);
    }
}

/* Random times over the whole range: format agrees with GDateTime, and
 * parse (format (t)) == t. */
static void
test_round_trip (void)
{
  GRand *rand = g_rand_new_with_seed (2025);

  for (guint n = 0; n < 50000; n++)
    {
      gint64 t;
      g_autofree char *s = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GDateTime) dt = NULL;

      switch (n % 4)
        {
        case 0:
          t = CONTRAIL_TIME_MIN + (gint64)(g_rand_double (rand) *
                                           (double)(CONTRAIL_TIME_MAX - CONTRAIL_TIME_MIN));
          break;
        case 1:   /* near the epoch, both sides */
          t = (gint64)g_rand_double_range (rand, -1e15, 1e15);
          break;
        case 2:   /* near the ends */
          t = CONTRAIL_TIME_MIN + g_rand_int_range (rand, 0, G_MAXINT32) * G_GINT64_CONSTANT (1000);
          break;
        default:
          t = CONTRAIL_TIME_MAX - g_rand_int_range (rand, 0, G_MAXINT32) * G_GINT64_CONSTANT (1000);
          break;
        }
      t = CLAMP (t, CONTRAIL_TIME_MIN, CONTRAIL_TIME_MAX);

      s = format (t);
      g_assert_nonnull (s);
      g_assert_cmpint (parse (s), ==, t);

      dt = g_date_time_new_from_unix_utc (t >= 0 ? t / USEC : -((-t + USEC - 1) / USEC));
      g_assert_nonnull (dt);
      {
        gint64 frac = ((t % USEC) + USEC) % USEC;
        int y, m, d;

        g_date_time_get_ymd (dt, &y, &m, &d);
        expected = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06" G_GINT64_FORMAT "Z",
                                    y, m, d, g_date_time_get_hour (dt),
                                    g_date_time_get_minute (dt), g_date_time_get_second (dt),
                                    frac);
      }
      g_assert_cmpstr (s, ==, expected);

      /* and with an offset */
      {
        int off_minutes = g_rand_int_range (rand, -(23 * 60 + 59), 23 * 60 + 60);
        gint64 local = t + off_minutes * 60 * USEC;
        g_autofree char *ls = NULL;
        g_autofree char *with_offset = NULL;
        int a = ABS (off_minutes);

        if (local < CONTRAIL_TIME_MIN || local > CONTRAIL_TIME_MAX)
          continue;
        ls = format (local);
        ls[26] = '\0';   /* drop the Z */
        with_offset = g_strdup_printf ("%s%c%02d:%02d", ls, off_minutes < 0 ? '-' : '+',
                                       a / 60, a % 60);
        g_assert_cmpint (parse (with_offset), ==, t);
      }
    }

  g_rand_free (rand);
}

/* Every day of years 1 and 9999 and around 1970, against GDateTime. */
static void
test_every_day (void)
{
  const int years[] = { 1, 2, 3, 4, 99, 100, 399, 400, 1582, 1899, 1900, 1969, 1970, 1971,
                        2000, 2023, 2024, 2025, 2100, 9998, 9999 };

  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    {
      for (int month = 1; month <= 12; month++)
        {
          for (int day = 1; day <= 31; day++)
            {
              g_autoptr(GDateTime) dt = g_date_time_new_utc (years[y], month, day, 12, 34, 56);
              char text[64];
              gint64 t;

              g_snprintf (text, sizeof text, "%04d-%02d-%02dT12:34:56.789Z", years[y], month, day);
              t = parse (text);
              if (dt == NULL || g_date_time_get_day_of_month (dt) != day)
                {
                  g_assert_cmpint (t, ==, CONTRAIL_TIME_NONE);
                }
              else
                {
                  g_autofree char *s = format (t);

                  g_assert_cmpint (t, ==, g_date_time_to_unix (dt) * USEC + 789000);
                  g_snprintf (text, sizeof text, "%04d-%02d-%02dT12:34:56.789000Z",
                              years[y], month, day);
                  g_assert_cmpstr (s, ==, text);
                }
            }
        }
    }
}

static void
test_diff (void)
{
  gint64 a = parse ("2025-01-01T00:00:00Z");
  gint64 b = parse ("2025-01-01T00:00:01.5Z");

  g_assert_cmpfloat (contrail_time_diff_ms (b, a), ==, 1500.0);
  g_assert_cmpfloat (contrail_time_diff_ms (a, b), ==, -1500.0);
  g_assert_cmpfloat (contrail_time_diff_ms (a, a), ==, 0.0);
  g_assert_cmpfloat (contrail_time_diff_ms (a + 1, a), ==, 0.001);
  g_assert_cmpfloat (contrail_time_diff_ms (a + 1234, a), ==, 1.234);
  g_assert_cmpfloat (contrail_time_diff_ms (CONTRAIL_TIME_MAX, CONTRAIL_TIME_MIN), ==,
                     (double)(CONTRAIL_TIME_MAX - CONTRAIL_TIME_MIN) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/time/basic", test_basic);
  g_test_add_func ("/contrail/time/separators-and-case", test_separators_and_case);
  g_test_add_func ("/contrail/time/fraction", test_fraction);
  g_test_add_func ("/contrail/time/offsets", test_offsets);
  g_test_add_func ("/contrail/time/leap-years", test_leap_years);
  g_test_add_func ("/contrail/time/impossible", test_impossible);
  g_test_add_func ("/contrail/time/empty-and-null", test_empty_and_null);
  g_test_add_func ("/contrail/time/range", test_range);
  g_test_add_func ("/contrail/time/negative-times", test_negative_times);
  g_test_add_func ("/contrail/time/round-trip", test_round_trip);
  g_test_add_func ("/contrail/time/every-day", test_every_day);
  g_test_add_func ("/contrail/time/diff", test_diff);

  return g_test_run ();
}
