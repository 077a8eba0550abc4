/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The writing half of contrail-json-reader.h: string literals and numbers for
 * the normalized JSON output.
 */
#define G_LOG_DOMAIN "contrail-json"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "contrail-json-reader.h"

/* Length of the valid UTF-8 sequence at @p, or 0 when @p does not start one
 * (overlong forms, surrogates and code points above U+10FFFF are invalid, as
 * in g_utf8_validate()). */
static gsize
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar c = p[0];

  if (c < 0x80)
    return 1;
  if (c < 0xc2)
    return 0;
  if (c < 0xe0)
    return (end - p >= 2 && (p[1] & 0xc0) == 0x80) ? 2 : 0;
  if (c < 0xf0)
    {
      if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
        return 0;
      if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
        return 0;
      return 3;
    }
  if (c < 0xf5)
    {
      if (end - p < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
          (p[3] & 0xc0) != 0x80)
        return 0;
      if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
        return 0;
      return 4;
    }

  return 0;
}

void
contrail_json_append_string (GString    *out,
                             const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p;
  const guchar *end;
  const guchar *run;

  g_return_if_fail (out != NULL);

  if (str == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  p = run = (const guchar *)str;
  end = p + strlen (str);

  g_string_append_c (out, '"');

  while (p < end)
    {
      guchar c = *p;
      gsize n;

      if (G_LIKELY (c >= 0x20 && c < 0x80 && c != '"' && c != '\\'))
        {
          p++;
          continue;
        }

      if (c >= 0x80)
        {
          n = utf8_sequence_length (p, end);
          /* U+2028 and U+2029 are valid JSON but end lines in JavaScript. */
          if (n == 3 && c == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
            {
              g_string_append_len (out, (const char *)run, p - run);
              g_string_append_len (out, p[2] == 0xa8 ? "\\u2028" : "\\u2029", 6);
              p += 3;
              run = p;
            }
          else if (n != 0)
            {
              p += n;
            }
          else
            {
              g_string_append_len (out, (const char *)run, p - run);
              g_string_append_len (out, "\357\277\275", 3);
              p++;
              run = p;
            }
          continue;
        }

      g_string_append_len (out, (const char *)run, p - run);
      switch (c)
        {
        case '"':
          g_string_append_len (out, "\\\"", 2);
          break;
        case '\\':
          g_string_append_len (out, "\\\\", 2);
          break;
        case '\b':
          g_string_append_len (out, "\\b", 2);
          break;
        case '\f':
          g_string_append_len (out, "\\f", 2);
          break;
        case '\n':
          g_string_append_len (out, "\\n", 2);
          break;
        case '\r':
          g_string_append_len (out, "\\r", 2);
          break;
        case '\t':
          g_string_append_len (out, "\\t", 2);
          break;
        default:
          {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

            g_string_append_len (out, esc, 6);
          }
          break;
        }
      p++;
      run = p;
    }

  g_string_append_len (out, (const char *)run, p - run);
  g_string_append_c (out, '"');
}

void
contrail_json_append_double (GString *out,
                             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  /* Integral values print without a fraction; -0.0 prints as "0". */
  if (fabs (value) < 9007199254740992.0 && value == floor (value))
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)value);
      return;
    }

  /* Subnormals carry fewer digits than 15, so the shortest form can be
   * shorter still ("5e-324"); search it from one digit up. For normal
   * numbers, a 15-digit form that reads back is already the shortest. */
  if (fabs (value) < DBL_MIN)
    {
      for (int precision = 1; precision <= 17; precision++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%dg", precision);
          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            break;
        }
      g_string_append (out, buf);
      return;
    }

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    {
      g_ascii_formatd (buf, sizeof buf, "%.16g", value);
      if (g_ascii_strtod (buf, NULL) != value)
        g_ascii_formatd (buf, sizeof buf, "%.17g", value);
    }

  g_string_append (out, buf);
}
