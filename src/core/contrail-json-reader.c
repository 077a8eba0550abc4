/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The reading half of contrail-json-reader.h: a single-pass, non-recursive
 * JSON pull parser over a byte buffer that is not NUL-terminated.
 *
 * Behaviour beyond the header (callers may rely on it):
 *
 * - next_member() / next_element() skip (and validate) a value the caller left
 *   unread, so "must read or skip exactly one value" is forgiving.
 * - at_end() first finishes the top-level value: it skips and validates
 *   whatever the caller left unread (open containers included).  A syntax
 *   error there makes it return FALSE with the error set.  Otherwise it is a
 *   plain question: FALSE with *no* error when more than whitespace follows.
 * - Top-level values may follow one another ("1 2", JSON lines): after one is
 *   complete, peek() and the readers go on to the next.  Strict callers check
 *   at_end() after the first value and treat FALSE as invalid.
 * - A value read where none is expected (e.g. in an array without calling
 *   next_element() first) fails with the error "no value is expected here".
 * - A leading UTF-8 byte order mark is ignored (RFC 8259 §8.1 allows this).
 * - Columns in error messages count characters (UTF-8 sequences), from 1.
 * - read_number() accepts NULL for any of its out parameters.
 */
#define G_LOG_DOMAIN "contrail-json"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
# include <emmintrin.h>
# define HAVE_SSE2_SCAN 1
#endif

#include "contrail-error.h"
#include "contrail-json-reader.h"

#ifdef G_OS_UNIX
# include <sys/mman.h>
# include <unistd.h>
#endif

struct _ContrailJsonReader
{
  /* Borrowed */
  const guchar *data;
  gsize         len;

  /* Owned */
  guint64      *stack;        /* one bit per open container: 1 = object, 0 = array */
  gsize         stack_words;
  GError       *error;

  gsize         pos;
  gsize         depth;
  gboolean      first;        /* nothing read yet in the innermost container */
  gboolean      pending;      /* a value is expected next */
  gboolean      top_done;     /* a top-level value has been read */
  gboolean      release;      /* give read pages of a file mapping back */
  gsize         released;     /* bytes before this offset were given back */
};

/* How much is read between two madvise calls when releasing input. */
#define RELEASE_CHUNK (8 * 1024 * 1024)

/* The input is a read-only file mapping: pages behind the cursor can be
 * dropped from the resident set, and come back from the file (page cache)
 * if a slice into them is decoded later.  Keeps peak memory near the size
 * of the model instead of the model plus the whole file. */
static void
release_behind (ContrailJsonReader *self,
                gsize               pos)
{
#if defined(G_OS_UNIX) && defined(MADV_DONTNEED)
  gsize page = (gsize)sysconf (_SC_PAGESIZE);
  guintptr start = GPOINTER_TO_SIZE (self->data) + self->released;
  guintptr end = GPOINTER_TO_SIZE (self->data) + pos;

  start = (start + page - 1) & ~(guintptr)(page - 1);
  end &= ~(guintptr)(page - 1);
  if (end > start)
    madvise (GSIZE_TO_POINTER (start), end - start, MADV_DONTNEED);
#endif
  self->released = pos;
}

static inline void
maybe_release (ContrailJsonReader *self,
               gsize               pos)
{
  if (G_UNLIKELY (self->release) && pos - self->released >= RELEASE_CHUNK)
    release_behind (self, pos);
}

#define STACK_INITIAL_WORDS 4

/* Bytes that end a run of plain string content. */
static const guint8 string_special[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['"'] = 1,
  ['\\'] = 1,
};

/* What a byte in value position starts. */
static const guint8 value_start[256] = {
  ['{'] = CONTRAIL_JSON_OBJECT,
  ['['] = CONTRAIL_JSON_ARRAY,
  ['"'] = CONTRAIL_JSON_STRING,
  ['-'] = CONTRAIL_JSON_NUMBER,
  ['0'] = CONTRAIL_JSON_NUMBER,
  ['1'] = CONTRAIL_JSON_NUMBER,
  ['2'] = CONTRAIL_JSON_NUMBER,
  ['3'] = CONTRAIL_JSON_NUMBER,
  ['4'] = CONTRAIL_JSON_NUMBER,
  ['5'] = CONTRAIL_JSON_NUMBER,
  ['6'] = CONTRAIL_JSON_NUMBER,
  ['7'] = CONTRAIL_JSON_NUMBER,
  ['8'] = CONTRAIL_JSON_NUMBER,
  ['9'] = CONTRAIL_JSON_NUMBER,
  ['t'] = CONTRAIL_JSON_BOOLEAN,
  ['f'] = CONTRAIL_JSON_BOOLEAN,
  ['n'] = CONTRAIL_JSON_NULL,
};

static inline gboolean
is_digit (guchar c)
{
  return (guint)(c - '0') < 10;
}

static inline gboolean
is_hex_digit (guchar c)
{
  return is_digit (c) || (guint)((c | 0x20) - 'a') < 6;
}

static inline gsize
skip_ws (const guchar *data,
         gsize         pos,
         gsize         len)
{
  while (pos < len)
    {
      guchar c = data[pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      pos++;
    }

  return pos;
}

/* ---- Errors ---- */

static void
describe_byte (const ContrailJsonReader *self,
               gsize                     pos,
               char                     *buf,
               gsize                     size)
{
  guchar c;

  if (pos >= self->len)
    {
      g_strlcpy (buf, "end of input", size);
      return;
    }

  c = self->data[pos];
  if (c == 0)
    g_strlcpy (buf, "NUL byte", size);
  else if (c > 0x20 && c < 0x7f)
    g_snprintf (buf, size, "'%c'", c);
  else
    g_snprintf (buf, size, "byte 0x%02x", c);
}

static void set_error (ContrailJsonReader *self,
                       gsize               offset,
                       const char         *format,
                       ...) G_GNUC_PRINTF (3, 4);

static void
set_error (ContrailJsonReader *self,
           gsize               offset,
           const char         *format,
           ...)
{
  g_autofree char *what = NULL;
  const guchar *p = self->data;
  const guchar *limit;
  const guchar *nl;
  gsize line = 1;
  gsize column = 1;
  va_list args;

  if (self->error != NULL)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Computed only now: counting lines is not worth doing while parsing. */
  limit = p + MIN (offset, self->len);
  while (p < limit && (nl = memchr (p, '\n', limit - p)) != NULL)
    {
      line++;
      p = nl + 1;
    }
  for (; p < limit; p++)
    {
      if ((*p & 0xc0) != 0x80)
        column++;
    }

  g_set_error (&self->error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
               "line %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT ": %s",
               line, column, what);
}

static void
set_unexpected (ContrailJsonReader *self,
                gsize               pos)
{
  char what[32];

  if (pos >= self->len)
    {
      set_error (self, pos, "unexpected end of input");
      return;
    }

  describe_byte (self, pos, what, sizeof what);
  set_error (self, pos, "unexpected %s", what);
}

/* ---- The container stack ---- */

static inline void
push (ContrailJsonReader *self,
      gboolean            is_object)
{
  gsize word = self->depth >> 6;
  guint64 bit = G_GUINT64_CONSTANT (1) << (self->depth & 63);

  if (G_UNLIKELY (word >= self->stack_words))
    {
      gsize n_words = self->stack_words * 2;

      self->stack = g_renew (guint64, self->stack, n_words);
      memset (self->stack + self->stack_words, 0,
              (n_words - self->stack_words) * sizeof (guint64));
      self->stack_words = n_words;
    }

  if (is_object)
    self->stack[word] |= bit;
  else
    self->stack[word] &= ~bit;
  self->depth++;
}

static inline gboolean
top_is_object (const ContrailJsonReader *self)
{
  gsize top = self->depth - 1;

  return (self->stack[top >> 6] >> (top & 63)) & 1;
}

/* ---- Scanners: each validates one token starting at @pos ---- */

/* @pos is the opening quote.  On success *end is just past the closing quote. */
static gboolean
scan_string (ContrailJsonReader *self,
             gsize               pos,
             gsize              *end,
             gboolean           *escaped)
{
  const guchar *data = self->data;
  const guchar *p = data + pos + 1;
  const guchar *limit = data + self->len;
  gboolean seen_escape = FALSE;

  for (;;)
    {
      guchar c;

#ifdef HAVE_SSE2_SCAN
      {
        const __m128i quote = _mm_set1_epi8 ('"');
        const __m128i backslash = _mm_set1_epi8 ('\\');
        const __m128i control = _mm_set1_epi8 (0x1f);

        while (limit - p >= 16)
          {
            __m128i v = _mm_loadu_si128 ((const __m128i *)(const void *)p);
            __m128i hits = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, quote),
                                                       _mm_cmpeq_epi8 (v, backslash)),
                                         _mm_cmpeq_epi8 (_mm_min_epu8 (v, control), v));
            int mask = _mm_movemask_epi8 (hits);

            if (mask != 0)
              {
                p += __builtin_ctz ((unsigned int)mask);
                break;
              }
            p += 16;
          }
      }
#else
      /* Eight bytes at a time: stop at a word holding '"', '\\' or a byte < 0x20. */
      while (limit - p >= 8)
        {
          const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
          const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
          guint64 x, q, b, hits;

          memcpy (&x, p, 8);
          q = x ^ (ones * '"');
          b = x ^ (ones * '\\');
          hits = ((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x);
          if ((hits & highs) != 0)
            break;
          p += 8;
        }
#endif

      while (p < limit && !string_special[*p])
        p++;

      if (G_UNLIKELY (p >= limit))
        {
          set_error (self, pos, "unterminated string");
          return FALSE;
        }

      c = *p;
      if (G_LIKELY (c == '"'))
        break;

      if (c == '\\')
        {
          seen_escape = TRUE;
          if (limit - p < 2)
            {
              set_error (self, pos, "unterminated string");
              return FALSE;
            }

          switch (p[1])
            {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
              p += 2;
              break;

            case 'u':
              for (guint i = 2; i < 6; i++)
                {
                  if (p + i >= limit)
                    {
                      set_error (self, pos, "unterminated string");
                      return FALSE;
                    }
                  if (!is_hex_digit (p[i]))
                    {
                      set_error (self, p - data, "invalid \\u escape");
                      return FALSE;
                    }
                }
              p += 6;
              break;

            default:
              if (p[1] > 0x20 && p[1] < 0x7f)
                set_error (self, p - data, "invalid escape '\\%c'", p[1]);
              else
                set_error (self, p - data, "invalid escape");
              return FALSE;
            }
          continue;
        }

      if (c == 0)
        set_error (self, p - data, "NUL byte in string");
      else
        set_error (self, p - data, "unescaped control character 0x%02x in string", c);
      return FALSE;
    }

  *end = p + 1 - data;
  if (escaped != NULL)
    *escaped = seen_escape;

  return TRUE;
}

#if FLT_EVAL_METHOD == 0
static const double exact_powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};
#endif

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 guint128;

static inline guint
bit_length (guint128 v)
{
  guint64 hi = (guint64)(v >> 64);

  if (hi != 0)
    return 128 - __builtin_clzll (hi);
  if ((guint64)v != 0)
    return 64 - __builtin_clzll ((guint64)v);
  return 0;
}

/* Rounds @v to 53 bits, half to even, and scales it by 2^@exp2.  @sticky
 * says that non-zero bits were already lost below @v.  The result must be a
 * normal double. */
static inline double
round_to_double (guint128 v,
                 gboolean sticky,
                 int      exp2)
{
  guint len = bit_length (v);
  guint extra;
  guint64 mantissa;
  guint128 rest;
  guint128 half;

  if (len <= 53 && !sticky)
    return ldexp ((double)(guint64)v, exp2);

  /* with @sticky set, callers pass at least 56 bits */
  g_assert (len > 53);
  extra = len - 53;
  mantissa = (guint64)(v >> extra);
  rest = v & (((guint128)1 << extra) - 1);
  half = (guint128)1 << (extra - 1);
  if (rest > half || (rest == half && (sticky || (mantissa & 1))))
    mantissa++;   /* may carry to 2^53, which is still exact */

  return ldexp ((double)mantissa, exp2 + (int)extra);
}

/* Exact decimal → double for @mantissa * 10^@scale when the arithmetic fits
 * in 128 bits.  Returns FALSE when it does not. */
static gboolean
decimal_to_double_128 (guint64  mantissa,
                       int      scale,
                       double  *value)
{
  static const guint64 pow10_64[20] = {
    G_GUINT64_CONSTANT (1), G_GUINT64_CONSTANT (10), G_GUINT64_CONSTANT (100),
    G_GUINT64_CONSTANT (1000), G_GUINT64_CONSTANT (10000), G_GUINT64_CONSTANT (100000),
    G_GUINT64_CONSTANT (1000000), G_GUINT64_CONSTANT (10000000),
    G_GUINT64_CONSTANT (100000000), G_GUINT64_CONSTANT (1000000000),
    G_GUINT64_CONSTANT (10000000000), G_GUINT64_CONSTANT (100000000000),
    G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (10000000000000),
    G_GUINT64_CONSTANT (100000000000000), G_GUINT64_CONSTANT (1000000000000000),
    G_GUINT64_CONSTANT (10000000000000000), G_GUINT64_CONSTANT (100000000000000000),
    G_GUINT64_CONSTANT (1000000000000000000), G_GUINT64_CONSTANT (10000000000000000000),
  };

  if (mantissa == 0)
    {
      *value = 0.0;
      return TRUE;
    }

  if (scale >= 0 && scale <= 19)
    {
      /* < 2^64 * 10^19 < 2^128 */
      *value = round_to_double ((guint128)mantissa * pow10_64[scale], FALSE, 0);
      return TRUE;
    }

  if (scale < 0 && scale >= -38)
    {
      /* divisor = 10^-scale < 2^127 */
      guint128 divisor = -scale <= 19 ? (guint128)pow10_64[-scale]
                                      : (guint128)pow10_64[19] * pow10_64[-scale - 19];
      int lw = (int)bit_length (mantissa);
      int ld = (int)bit_length (divisor);
      /* a quotient of at least 56 bits: (m << shift) / d >= 2^(lw - 1 + shift - ld) */
      int shift = MAX (0, 56 + ld - lw);
      guint128 q, r;

      if (lw + shift > 128)
        return FALSE;
      q = ((guint128)mantissa << shift) / divisor;
      r = ((guint128)mantissa << shift) % divisor;
      /* q >= 2^55, and the result is a normal double */
      *value = round_to_double (q, r != 0, -shift);
      return TRUE;
    }

  return FALSE;
}
#endif

/* @pos is '-' or a digit.  With @value NULL only validates. */
static gboolean
scan_number (ContrailJsonReader *self,
             gsize               pos,
             gsize              *end,
             double             *value,
             gboolean           *is_integer,
             gint64             *int_value)
{
  const guchar *data = self->data;
  gsize len = self->len;
  gsize start = pos;
  gboolean negative = FALSE;
  gboolean integral = TRUE;
  gboolean truncated = FALSE;   /* digits did not all fit in @mantissa */
  guint64 mantissa = 0;
  guint n_digits = 0;           /* significant digits in @mantissa */
  gint frac_digits = 0;         /* digits after '.' that went into @mantissa */
  gint exponent = 0;

  if (data[pos] == '-')
    {
      negative = TRUE;
      pos++;
    }

  if (pos >= len || !is_digit (data[pos]))
    {
      set_error (self, pos, "expected a digit after '-'");
      return FALSE;
    }

  if (data[pos] == '0')
    {
      pos++;
      if (pos < len && is_digit (data[pos]))
        {
          set_error (self, pos - 1, "leading zeros are not allowed");
          return FALSE;
        }
    }
  else
    {
      do
        {
          if (n_digits < 19)
            {
              mantissa = mantissa * 10 + (data[pos] - '0');
              n_digits++;
            }
          else
            {
              truncated = TRUE;
            }
          pos++;
        }
      while (pos < len && is_digit (data[pos]));
    }

  if (pos < len && data[pos] == '.')
    {
      integral = FALSE;
      pos++;
      if (pos >= len || !is_digit (data[pos]))
        {
          set_error (self, pos, "expected a digit after '.'");
          return FALSE;
        }
      do
        {
          if (truncated || frac_digits >= 100000)
            {
              truncated = TRUE;
            }
          else if (mantissa == 0 && data[pos] == '0')
            {
              frac_digits++;   /* leading zeros are not significant */
            }
          else if (n_digits < 19)
            {
              mantissa = mantissa * 10 + (data[pos] - '0');
              n_digits++;
              frac_digits++;
            }
          else
            {
              truncated = TRUE;
            }
          pos++;
        }
      while (pos < len && is_digit (data[pos]));
    }

  if (pos < len && (data[pos] | 0x20) == 'e')
    {
      gboolean exp_negative = FALSE;

      integral = FALSE;
      pos++;
      if (pos < len && (data[pos] == '+' || data[pos] == '-'))
        {
          exp_negative = data[pos] == '-';
          pos++;
        }
      if (pos >= len || !is_digit (data[pos]))
        {
          set_error (self, pos, "expected a digit in the exponent");
          return FALSE;
        }
      do
        {
          if (exponent < 100000)
            exponent = exponent * 10 + (data[pos] - '0');
          pos++;
        }
      while (pos < len && is_digit (data[pos]));
      if (exp_negative)
        exponent = -exponent;
    }

  *end = pos;
  if (value == NULL)
    return TRUE;

  if (integral && !truncated &&
      mantissa <= (negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64))
    {
      *is_integer = TRUE;
      if (!negative)
        *int_value = (gint64)mantissa;
      else if (mantissa == (guint64)G_MAXINT64 + 1)
        *int_value = G_MININT64;
      else
        *int_value = -(gint64)mantissa;
      /* int → double rounds correctly; "-0" gives -0.0 */
      *value = negative ? -(double)mantissa : (double)mantissa;
      return TRUE;
    }

  *is_integer = FALSE;
  *int_value = 0;

  if (!truncated)
    {
      gint scale = exponent - frac_digits;
      double d;

#if FLT_EVAL_METHOD == 0
      /* Clinger's fast path: an exactly representable mantissa scaled by an
       * exactly representable power of ten is rounded once, hence correctly. */
      if (n_digits <= 15 && scale >= -22 && scale <= 22)
        {
          d = (double)mantissa;
          if (scale < 0)
            d /= exact_powers_of_ten[-scale];
          else
            d *= exact_powers_of_ten[scale];
          *value = negative ? -d : d;
          return TRUE;
        }
#endif

#ifdef __SIZEOF_INT128__
      /* 16 to 19 digits, as in most printed doubles: exact integer arithmetic. */
      if (decimal_to_double_128 (mantissa, scale, &d))
        {
          *value = negative ? -d : d;
          return TRUE;
        }
#endif
      (void)d;
    }

  {
    char stack_buf[64];
    gsize n = pos - start;
    char *copy = n < sizeof stack_buf ? stack_buf : g_malloc (n + 1);

    memcpy (copy, data + start, n);
    copy[n] = '\0';
    *value = g_ascii_strtod (copy, NULL);   /* ±inf on overflow, as documented */
    if (copy != stack_buf)
      g_free (copy);
  }

  return TRUE;
}

static gboolean
scan_literal (ContrailJsonReader *self,
              gsize               pos,
              const char         *word,
              gsize               word_len,
              gsize              *end)
{
  if (self->len - pos < word_len || memcmp (self->data + pos, word, word_len) != 0)
    {
      set_error (self, pos, "invalid literal");
      return FALSE;
    }

  *end = pos + word_len;
  return TRUE;
}

/* A string, number or literal at @pos (not whitespace). */
static gboolean
scan_scalar (ContrailJsonReader *self,
             gsize               pos,
             gsize              *end)
{
  switch (self->data[pos])
    {
    case '"':
      return scan_string (self, pos, end, NULL);
    case 't':
      return scan_literal (self, pos, "true", 4, end);
    case 'f':
      return scan_literal (self, pos, "false", 5, end);
    case 'n':
      return scan_literal (self, pos, "null", 4, end);
    default:
      if (value_start[self->data[pos]] == CONTRAIL_JSON_NUMBER)
        return scan_number (self, pos, end, NULL, NULL, NULL);
      set_unexpected (self, pos);
      return FALSE;
    }
}

/* Reads a key and its ':' at @pos (after whitespace).  @comma is the offset of
 * the ',' before it, or G_MAXSIZE after '{'. */
static gboolean
scan_key (ContrailJsonReader *self,
          gsize               pos,
          gsize               comma,
          gsize              *end,
          ContrailJsonSlice  *key)
{
  const guchar *data = self->data;
  gsize len = self->len;
  gsize key_end;
  gboolean escaped;

  if (pos >= len)
    {
      set_unexpected (self, pos);
      return FALSE;
    }
  if (data[pos] != '"')
    {
      if (data[pos] == '}' && comma != G_MAXSIZE)
        set_error (self, comma, "trailing comma before '}'");
      else
        set_error (self, pos, "expected a string key");
      return FALSE;
    }
  if (!scan_string (self, pos, &key_end, &escaped))
    return FALSE;

  if (key != NULL)
    {
      key->data = (const char *)data + pos + 1;
      key->len = key_end - pos - 2;
      key->escaped = escaped;
    }

  pos = skip_ws (data, key_end, len);
  if (pos >= len)
    {
      set_unexpected (self, pos);
      return FALSE;
    }
  if (data[pos] != ':')
    {
      set_error (self, pos, "expected ':'");
      return FALSE;
    }

  *end = pos + 1;
  return TRUE;
}

/* Skips one value at *io_pos (whitespace allowed before it), iteratively. */
static gboolean
skip_value_at (ContrailJsonReader *self,
               gsize              *io_pos)
{
  const guchar *data = self->data;
  gsize len = self->len;
  gsize base = self->depth;
  gsize pos = *io_pos;
  gsize comma;
  guchar c;

value:
  pos = skip_ws (data, pos, len);
  if (pos >= len)
    {
      set_unexpected (self, pos);
      return FALSE;
    }
  c = data[pos];
  if (c == '{')
    {
      pos = skip_ws (data, pos + 1, len);
      if (pos < len && data[pos] == '}')
        {
          pos++;
          goto after_value;
        }
      push (self, TRUE);
      comma = G_MAXSIZE;
      goto key;
    }
  else if (c == '[')
    {
      pos = skip_ws (data, pos + 1, len);
      if (pos < len && data[pos] == ']')
        {
          pos++;
          goto after_value;
        }
      push (self, FALSE);
      goto value;
    }
  else if (!scan_scalar (self, pos, &pos))
    {
      return FALSE;
    }

after_value:
  if (self->depth == base)
    {
      *io_pos = pos;
      return TRUE;
    }
  pos = skip_ws (data, pos, len);
  if (pos >= len)
    {
      set_unexpected (self, pos);
      return FALSE;
    }
  c = data[pos];
  if (top_is_object (self))
    {
      if (c == ',')
        {
          comma = pos;
          pos = skip_ws (data, pos + 1, len);
          goto key;
        }
      if (c == '}')
        {
          pos++;
          self->depth--;
          maybe_release (self, pos);
          goto after_value;
        }
      set_error (self, pos, "expected ',' or '}'");
      return FALSE;
    }
  else
    {
      if (c == ',')
        {
          comma = pos;
          pos = skip_ws (data, pos + 1, len);
          if (pos < len && data[pos] == ']')
            {
              set_error (self, comma, "trailing comma before ']'");
              return FALSE;
            }
          goto value;
        }
      if (c == ']')
        {
          pos++;
          self->depth--;
          goto after_value;
        }
      set_error (self, pos, "expected ',' or ']'");
      return FALSE;
    }

key:
  if (!scan_key (self, pos, comma, &pos, NULL))
    return FALSE;
  goto value;
}

/* A value was consumed. */
static inline void
value_done (ContrailJsonReader *self)
{
  if (self->depth == 0)
    {
      /* another top-level value may follow */
      self->top_done = TRUE;
      self->pending = TRUE;
    }
  else
    {
      self->pending = FALSE;
    }
}

/* ---- Public API ---- */

ContrailJsonReader *
contrail_json_reader_new (const char *data,
                          gsize       len)
{
  ContrailJsonReader *self;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  self = g_new0 (ContrailJsonReader, 1);
  /* Never NULL: even NULL + 0 is undefined behaviour (found by fuzz-json-reader). */
  self->data = (const guchar *)(data != NULL ? data : "");
  self->len = len;
  self->stack = g_new0 (guint64, STACK_INITIAL_WORDS);
  self->stack_words = STACK_INITIAL_WORDS;
  self->pending = TRUE;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    self->pos = 3;

  return self;
}

void
contrail_json_reader_free (ContrailJsonReader *self)
{
  if (self == NULL)
    return;

  g_clear_error (&self->error);
  g_free (self->stack);
  g_free (self);
}

/* Sets the error for peek_value () when no value can start at self->pos. */
static G_GNUC_NO_INLINE void
set_no_value_error (ContrailJsonReader *self)
{
  if (!self->pending)
    set_error (self, self->pos, "no value is expected here");
  else if (self->pos >= self->len && self->depth == 0 && !self->top_done)
    set_error (self, 0, "the document is empty");
  else
    set_unexpected (self, self->pos);
}

/* The type of the value at the current position, after whitespace. */
static inline ContrailJsonType
peek_value (ContrailJsonReader *self)
{
  ContrailJsonType type = CONTRAIL_JSON_ERROR;

  if (G_UNLIKELY (self->error != NULL))
    return CONTRAIL_JSON_ERROR;

  if (G_LIKELY (self->pending))
    {
      self->pos = skip_ws (self->data, self->pos, self->len);
      if (G_LIKELY (self->pos < self->len))
        type = value_start[self->data[self->pos]];
    }

  if (G_UNLIKELY (type == CONTRAIL_JSON_ERROR))
    set_no_value_error (self);

  return type;
}

ContrailJsonType
contrail_json_reader_peek (ContrailJsonReader *self)
{
  g_return_val_if_fail (self != NULL, CONTRAIL_JSON_ERROR);

  return peek_value (self);
}

static gboolean
enter (ContrailJsonReader *self,
       ContrailJsonType    type)
{
  if (peek_value (self) != type)
    return FALSE;

  self->pos++;
  push (self, type == CONTRAIL_JSON_OBJECT);
  self->first = TRUE;
  self->pending = FALSE;

  return TRUE;
}

gboolean
contrail_json_reader_enter_object (ContrailJsonReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return enter (self, CONTRAIL_JSON_OBJECT);
}

gboolean
contrail_json_reader_enter_array (ContrailJsonReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return enter (self, CONTRAIL_JSON_ARRAY);
}

static void
leave (ContrailJsonReader *self,
       gsize               pos)
{
  self->pos = pos + 1;
  self->depth--;
  self->first = FALSE;
  value_done (self);
}

/* Shared start of next_member() / next_element(): skips an unread value and
 * whitespace.  Returns FALSE on error. */
static gboolean
begin_next (ContrailJsonReader *self,
            gboolean            want_object,
            gsize              *pos)
{
  if (self->error != NULL)
    return FALSE;

  if (self->depth == 0 || top_is_object (self) != want_object)
    {
      set_error (self, self->pos, want_object ? "not inside an object" : "not inside an array");
      return FALSE;
    }

  if (self->pending)
    {
      gsize end = self->pos;

      if (!skip_value_at (self, &end))
        return FALSE;
      self->pos = end;
      self->pending = FALSE;
    }

  *pos = skip_ws (self->data, self->pos, self->len);
  if (*pos >= self->len)
    {
      set_unexpected (self, *pos);
      return FALSE;
    }

  return TRUE;
}

gboolean
contrail_json_reader_next_member (ContrailJsonReader *self,
                                  ContrailJsonSlice  *key)
{
  gsize comma = G_MAXSIZE;
  gsize pos;
  guchar c;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  key->data = NULL;
  key->len = 0;
  key->escaped = FALSE;

  if (!begin_next (self, TRUE, &pos))
    return FALSE;

  c = self->data[pos];
  if (c == '}')
    {
      leave (self, pos);
      return FALSE;
    }

  if (!self->first)
    {
      if (c != ',')
        {
          set_error (self, pos, "expected ',' or '}'");
          return FALSE;
        }
      comma = pos;
      pos = skip_ws (self->data, pos + 1, self->len);
    }

  if (!scan_key (self, pos, comma, &pos, key))
    {
      key->data = NULL;
      key->len = 0;
      key->escaped = FALSE;
      return FALSE;
    }

  self->pos = skip_ws (self->data, pos, self->len);
  self->first = FALSE;
  self->pending = TRUE;

  return TRUE;
}

gboolean
contrail_json_reader_next_element (ContrailJsonReader *self)
{
  gsize pos;
  guchar c;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!begin_next (self, FALSE, &pos))
    return FALSE;

  c = self->data[pos];
  if (c == ']')
    {
      leave (self, pos);
      return FALSE;
    }

  maybe_release (self, pos);

  if (!self->first)
    {
      gsize comma = pos;

      if (c != ',')
        {
          set_error (self, pos, "expected ',' or ']'");
          return FALSE;
        }
      pos = skip_ws (self->data, pos + 1, self->len);
      if (pos < self->len && self->data[pos] == ']')
        {
          set_error (self, comma, "trailing comma before ']'");
          return FALSE;
        }
    }

  self->pos = pos;
  self->first = FALSE;
  self->pending = TRUE;

  return TRUE;
}

gboolean
contrail_json_reader_read_string (ContrailJsonReader *self,
                                  ContrailJsonSlice  *slice)
{
  gsize end;
  gboolean escaped;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (slice != NULL, FALSE);

  slice->data = NULL;
  slice->len = 0;
  slice->escaped = FALSE;

  if (peek_value (self) != CONTRAIL_JSON_STRING ||
      !scan_string (self, self->pos, &end, &escaped))
    return FALSE;

  slice->data = (const char *)self->data + self->pos + 1;
  slice->len = end - self->pos - 2;
  slice->escaped = escaped;
  self->pos = end;
  value_done (self);

  return TRUE;
}

gboolean
contrail_json_reader_read_number (ContrailJsonReader *self,
                                  double             *value,
                                  gboolean           *is_integer,
                                  gint64             *int_value)
{
  double v = 0;
  gboolean is_int = FALSE;
  gint64 i = 0;
  gsize end;
  gboolean ret = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (peek_value (self) == CONTRAIL_JSON_NUMBER &&
      scan_number (self, self->pos, &end, &v, &is_int, &i))
    {
      self->pos = end;
      value_done (self);
      ret = TRUE;
    }

  if (value != NULL)
    *value = v;
  if (is_integer != NULL)
    *is_integer = is_int;
  if (int_value != NULL)
    *int_value = i;

  return ret;
}

gboolean
contrail_json_reader_read_boolean (ContrailJsonReader *self,
                                   gboolean           *value)
{
  gboolean is_true;
  gsize end;

  g_return_val_if_fail (self != NULL, FALSE);

  if (value != NULL)
    *value = FALSE;

  if (peek_value (self) != CONTRAIL_JSON_BOOLEAN)
    return FALSE;

  is_true = self->data[self->pos] == 't';
  if (!scan_literal (self, self->pos, is_true ? "true" : "false", is_true ? 4 : 5, &end))
    return FALSE;

  self->pos = end;
  value_done (self);
  if (value != NULL)
    *value = is_true;

  return TRUE;
}

gboolean
contrail_json_reader_read_null (ContrailJsonReader *self)
{
  gsize end;

  g_return_val_if_fail (self != NULL, FALSE);

  if (peek_value (self) != CONTRAIL_JSON_NULL ||
      !scan_literal (self, self->pos, "null", 4, &end))
    return FALSE;

  self->pos = end;
  value_done (self);

  return TRUE;
}

gboolean
contrail_json_reader_skip (ContrailJsonReader  *self,
                           const char         **raw,
                           gsize               *raw_len)
{
  gsize start;
  gsize end;

  g_return_val_if_fail (self != NULL, FALSE);

  if (raw != NULL)
    *raw = NULL;
  if (raw_len != NULL)
    *raw_len = 0;

  if (peek_value (self) == CONTRAIL_JSON_ERROR)
    return FALSE;

  start = end = self->pos;
  if (!skip_value_at (self, &end))
    return FALSE;

  self->pos = end;
  value_done (self);
  if (raw != NULL)
    *raw = (const char *)self->data + start;
  if (raw_len != NULL)
    *raw_len = end - start;

  return TRUE;
}

gboolean
contrail_json_reader_at_end (ContrailJsonReader *self)
{
  ContrailJsonSlice key;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->error != NULL)
    return FALSE;

  /* Finish (and validate) whatever the caller did not read. */
  if (self->depth == 0 && !self->top_done &&
      !contrail_json_reader_skip (self, NULL, NULL))
    return FALSE;

  while (self->depth > 0)
    {
      if (top_is_object (self))
        {
          while (contrail_json_reader_next_member (self, &key))
            ;
        }
      else
        {
          while (contrail_json_reader_next_element (self))
            ;
        }
      if (self->error != NULL)
        return FALSE;
    }

  self->pos = skip_ws (self->data, self->pos, self->len);

  return self->pos >= self->len;
}

void
contrail_json_reader_set_release_input (ContrailJsonReader *self,
                                        gboolean            release)
{
  g_return_if_fail (self != NULL);

  self->release = !!release;
  self->released = MIN (self->pos, self->len);
}

gsize
contrail_json_reader_get_offset (ContrailJsonReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pos;
}

const GError *
contrail_json_reader_get_error (ContrailJsonReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

/* ---- Slices ---- */

static void
append_utf8 (GString  *out,
             gunichar  ch)
{
  char buf[4];
  gsize n;

  if (ch < 0x80)
    {
      g_string_append_c (out, (char)ch);
      return;
    }
  if (ch < 0x800)
    {
      buf[0] = (char)(0xc0 | (ch >> 6));
      buf[1] = (char)(0x80 | (ch & 0x3f));
      n = 2;
    }
  else if (ch < 0x10000)
    {
      buf[0] = (char)(0xe0 | (ch >> 12));
      buf[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
      buf[2] = (char)(0x80 | (ch & 0x3f));
      n = 3;
    }
  else
    {
      buf[0] = (char)(0xf0 | (ch >> 18));
      buf[1] = (char)(0x80 | ((ch >> 12) & 0x3f));
      buf[2] = (char)(0x80 | ((ch >> 6) & 0x3f));
      buf[3] = (char)(0x80 | (ch & 0x3f));
      n = 4;
    }

  g_string_append_len (out, buf, n);
}

#define REPLACEMENT_UTF8 "\357\277\275"

/* Appends @len bytes, replacing each byte that does not start a valid UTF-8
 * sequence (and each NUL) with U+FFFD, like g_utf8_make_valid(). */
static void
append_repaired (GString    *out,
                 const char *p,
                 gsize       len)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *invalid;

      if (g_utf8_validate_len (p, end - p, &invalid))
        {
          g_string_append_len (out, p, end - p);
          return;
        }
      g_string_append_len (out, p, invalid - p);
      g_string_append_len (out, REPLACEMENT_UTF8, 3);
      p = invalid + 1;
    }
}

static gboolean
parse_hex4 (const guchar *p,
            const guchar *end,
            gunichar     *out)
{
  gunichar ch = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      guchar c = p[i];

      if (is_digit (c))
        ch = (ch << 4) | (c - '0');
      else if (is_hex_digit (c))
        ch = (ch << 4) | ((c | 0x20) - 'a' + 10);
      else
        return FALSE;
    }

  *out = ch;
  return TRUE;
}

/* @p is a backslash.  Returns the position after the escape. */
static const guchar *
decode_escape (const guchar *p,
               const guchar *end,
               GString      *out)
{
  gunichar ch;
  gunichar low;

  if (end - p < 2)
    {
      g_string_append_len (out, REPLACEMENT_UTF8, 3);
      return end;
    }

  switch (p[1])
    {
    case '"':
    case '\\':
    case '/':
      g_string_append_c (out, (char)p[1]);
      return p + 2;
    case 'b':
      g_string_append_c (out, '\b');
      return p + 2;
    case 'f':
      g_string_append_c (out, '\f');
      return p + 2;
    case 'n':
      g_string_append_c (out, '\n');
      return p + 2;
    case 'r':
      g_string_append_c (out, '\r');
      return p + 2;
    case 't':
      g_string_append_c (out, '\t');
      return p + 2;
    case 'u':
      break;
    default:
      /* Not produced by the reader; only a hand-made slice gets here. */
      g_string_append_len (out, REPLACEMENT_UTF8, 3);
      return p + 1;
    }

  if (!parse_hex4 (p + 2, end, &ch))
    {
      g_string_append_len (out, REPLACEMENT_UTF8, 3);
      return p + 2;
    }
  p += 6;

  if (ch >= 0xd800 && ch <= 0xdbff)
    {
      if (end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
          parse_hex4 (p + 2, end, &low) && low >= 0xdc00 && low <= 0xdfff)
        {
          append_utf8 (out, 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00));
          return p + 6;
        }
      ch = 0xfffd;   /* lone high surrogate; what follows is decoded on its own */
    }
  else if ((ch >= 0xdc00 && ch <= 0xdfff) || ch == 0)
    {
      ch = 0xfffd;
    }

  append_utf8 (out, ch);
  return p;
}

const char *
contrail_json_slice_decode (const ContrailJsonSlice *slice,
                            GString                 *out)
{
  const guchar *p;
  const guchar *end;
  gsize old_len;

  g_return_val_if_fail (slice != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);
  g_return_val_if_fail (slice->data != NULL || slice->len == 0, NULL);

  old_len = out->len;

  if (slice->len == 0)
    return out->str + old_len;

  if (!slice->escaped)
    {
      append_repaired (out, slice->data, slice->len);
      return out->str + old_len;
    }

  p = (const guchar *)slice->data;
  end = p + slice->len;
  while (p < end)
    {
      const guchar *backslash = memchr (p, '\\', end - p);

      if (backslash == NULL)
        {
          append_repaired (out, (const char *)p, end - p);
          break;
        }
      if (backslash > p)
        append_repaired (out, (const char *)p, backslash - p);
      p = decode_escape (backslash, end, out);
    }

  return out->str + old_len;
}

char *
contrail_json_slice_dup (const ContrailJsonSlice *slice)
{
  GString *out;

  g_return_val_if_fail (slice != NULL, NULL);

  out = g_string_sized_new (slice->len + 1);
  contrail_json_slice_decode (slice, out);

  return g_string_free (out, FALSE);
}

/* Compares the decoded text.  (An unescaped slice is compared byte for byte:
 * it decodes to itself unless it holds invalid UTF-8, which no key that a
 * caller looks for contains.) */
gboolean
contrail_json_slice_equal (const ContrailJsonSlice *slice,
                           const char              *str)
{
  g_autoptr(GString) decoded = NULL;
  gsize str_len;

  g_return_val_if_fail (slice != NULL, FALSE);
  g_return_val_if_fail (str != NULL, FALSE);

  str_len = strlen (str);

  if (!slice->escaped)
    return slice->len == str_len && (str_len == 0 || memcmp (slice->data, str, str_len) == 0);

  decoded = g_string_sized_new (slice->len + 1);
  contrail_json_slice_decode (slice, decoded);

  return decoded->len == str_len && memcmp (decoded->str, str, str_len) == 0;
}
