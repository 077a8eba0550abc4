/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-text-format"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "contrail-json-reader.h"
#include "contrail-text-format.h"

/* Two spaces per level, up to CONTRAIL_TEXT_MAX_INDENT_DEPTH levels. */
#define SPACES "                                                                "
G_STATIC_ASSERT (sizeof SPACES == 2 * CONTRAIL_TEXT_MAX_INDENT_DEPTH + 1);
static const char spaces[] = SPACES;


#define REPLACEMENT_CHAR "\357\277\275"

typedef enum
{
  PRETTY_OK,
  PRETTY_INVALID,
  PRETTY_TOO_BIG,
} PrettyStatus;

const char *
contrail_text_kind_to_string (ContrailTextKind kind)
{
  switch (kind)
    {
    case CONTRAIL_TEXT_KIND_JSON:
      return "json";
    case CONTRAIL_TEXT_KIND_PYTHON:
      return "python";
    case CONTRAIL_TEXT_KIND_MARKDOWN:
      return "markdown";
    case CONTRAIL_TEXT_KIND_PLAIN:
    default:
      return "plain";
    }
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The first byte that is neither whitespace nor a UTF-8 byte order mark. */
static const char *
skip_leading (const char *p,
              const char *end)
{
  if (end - p >= 3 && memcmp (p, "\357\273\277", 3) == 0)
    p += 3;
  while (p < end && is_space (*p))
    p++;

  return p;
}

static gsize
output_cap (gsize len)
{
  if (len > (G_MAXSIZE - 65536) / 8)
    return G_MAXSIZE;

  return len * 8 + 65536;
}

/* ---- JSON → pretty JSON ---- */

/* A line break before an item of a container at @container_depth (1 for the
 * items of the top-level container), indented by @indent levels.  Containers
 * nested deeper than the cap are written on one line. */
static inline void
break_line (GString *out,
            guint    container_depth,
            guint    indent)
{
  if (container_depth > CONTRAIL_TEXT_MAX_INDENT_DEPTH)
    return;

  g_string_append_c (out, '\n');
  g_string_append_len (out, spaces, 2 * indent);
}

static void
append_json_string (GString                 *out,
                    GString                 *scratch,
                    const ContrailJsonSlice *slice)
{
  /* An unescaped slice that is valid UTF-8 is already a valid string body. */
  if (!slice->escaped && g_utf8_validate_len (slice->data, slice->len, NULL))
    {
      g_string_append_c (out, '"');
      g_string_append_len (out, slice->data, slice->len);
      g_string_append_c (out, '"');
      return;
    }

  g_string_truncate (scratch, 0);
  contrail_json_slice_decode (slice, scratch);   /* valid UTF-8, no NUL */
  contrail_json_append_string (out, scratch->str);
}

static PrettyStatus
pretty_json (const char *text,
             gsize       len,
             gsize       max_output,
             GString    *out)
{
  g_autoptr(ContrailJsonReader) reader = contrail_json_reader_new (text, len);
  g_autoptr(GByteArray) stack = g_byte_array_new ();   /* '{' or '[' per open container */
  g_autoptr(GString) scratch = g_string_new (NULL);
  ContrailJsonSlice slice;
  const char *raw;
  gsize raw_len;

  for (;;)
    {
      guint depth;

      /* One value */
      switch (contrail_json_reader_peek (reader))
        {
        case CONTRAIL_JSON_OBJECT:
          if (!contrail_json_reader_enter_object (reader))
            return PRETTY_INVALID;
          if (contrail_json_reader_next_member (reader, &slice))
            {
              g_byte_array_append (stack, (const guint8 *)"{", 1);
              depth = stack->len;
              g_string_append_c (out, '{');
              break_line (out, depth, depth);
              append_json_string (out, scratch, &slice);
              g_string_append (out, depth > CONTRAIL_TEXT_MAX_INDENT_DEPTH ? ":" : ": ");
              continue;
            }
          if (contrail_json_reader_get_error (reader) != NULL)
            return PRETTY_INVALID;
          g_string_append (out, "{}");
          break;

        case CONTRAIL_JSON_ARRAY:
          if (!contrail_json_reader_enter_array (reader))
            return PRETTY_INVALID;
          if (contrail_json_reader_next_element (reader))
            {
              g_byte_array_append (stack, (const guint8 *)"[", 1);
              depth = stack->len;
              g_string_append_c (out, '[');
              break_line (out, depth, depth);
              continue;
            }
          if (contrail_json_reader_get_error (reader) != NULL)
            return PRETTY_INVALID;
          g_string_append (out, "[]");
          break;

        case CONTRAIL_JSON_STRING:
          if (!contrail_json_reader_read_string (reader, &slice))
            return PRETTY_INVALID;
          append_json_string (out, scratch, &slice);
          break;

        case CONTRAIL_JSON_NUMBER:
        case CONTRAIL_JSON_BOOLEAN:
        case CONTRAIL_JSON_NULL:
          /* Kept exactly as written: 1.0 stays 1.0, 1e400 stays 1e400. */
          if (!contrail_json_reader_skip (reader, &raw, &raw_len))
            return PRETTY_INVALID;
          g_string_append_len (out, raw, raw_len);
          break;

        case CONTRAIL_JSON_ERROR:
        default:
          return PRETTY_INVALID;
        }

      if (max_output > 0 && out->len > max_output)
        return PRETTY_TOO_BIG;

      /* After a value: the next member or element, or close containers. */
      for (;;)
        {
          gboolean is_object;
          gboolean more;

          depth = stack->len;
          if (depth == 0)
            return contrail_json_reader_at_end (reader) ? PRETTY_OK : PRETTY_INVALID;

          is_object = stack->data[depth - 1] == '{';
          if (is_object)
            more = contrail_json_reader_next_member (reader, &slice);
          else
            more = contrail_json_reader_next_element (reader);

          if (more)
            {
              g_string_append_c (out, ',');
              break_line (out, depth, depth);
              if (is_object)
                {
                  append_json_string (out, scratch, &slice);
                  g_string_append (out, depth > CONTRAIL_TEXT_MAX_INDENT_DEPTH ? ":" : ": ");
                }
              break;
            }

          if (contrail_json_reader_get_error (reader) != NULL)
            return PRETTY_INVALID;

          g_byte_array_set_size (stack, depth - 1);
          break_line (out, depth, depth - 1);
          g_string_append_c (out, is_object ? '}' : ']');
        }
    }
}

static PrettyStatus
pretty_json_full (const char  *text,
                  gsize        len,
                  gsize        max_output,
                  char       **result,
                  gsize       *result_len)
{
  g_autoptr(GString) out = NULL;
  PrettyStatus status;

  /* Most pretty forms are 1–2 × the text; start there. */
  out = g_string_sized_new (MIN (len + len / 2 + 16, max_output > 0 ? max_output : G_MAXSIZE));
  status = pretty_json (text, len, max_output, out);
  if (status != PRETTY_OK)
    return status;

  if (result_len != NULL)
    *result_len = out->len;
  *result = g_string_free (g_steal_pointer (&out), FALSE);

  return PRETTY_OK;
}

char *
contrail_text_pretty_json (const char *text,
                           gssize      len,
                           gsize       max_input,
                           gsize       max_output,
                           gsize      *out_len)
{
  char *result = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (out_len != NULL)
    *out_len = 0;
  if (len < 0)
    len = strlen (text);
  if (max_input > 0 && (gsize)len > max_input)
    return NULL;

  if (pretty_json_full (text != NULL ? text : "", len, max_output, &result, out_len) != PRETTY_OK)
    return NULL;

  return result;
}

static gboolean
is_json_document (const char *text,
                  gsize       len)
{
  g_autoptr(ContrailJsonReader) reader = contrail_json_reader_new (text, len);
  ContrailJsonType type = contrail_json_reader_peek (reader);

  if (type != CONTRAIL_JSON_OBJECT && type != CONTRAIL_JSON_ARRAY)
    return FALSE;

  return contrail_json_reader_skip (reader, NULL, NULL) && contrail_json_reader_at_end (reader);
}

/* ---- Python repr → JSON ---- */

typedef enum
{
  PY_LIST = '[',
  PY_TUPLE = '(',
  PY_DICT = '{',
  PY_SET = 's',
} PyContainer;

static inline gboolean
is_ident_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || (guchar)c >= 0x80;
}

static inline gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || (guchar)c >= 0x80;
}

static const char *
py_skip_ws (const char *p,
            const char *end)
{
  while (p < end && is_space (*p))
    p++;

  return p;
}

static char
py_closer (PyContainer container)
{
  switch (container)
    {
    case PY_LIST:
      return ']';
    case PY_TUPLE:
      return ')';
    case PY_DICT:
    case PY_SET:
    default:
      return '}';
    }
}

/* Appends @len bytes of string content, NUL bytes replaced (the JSON writer
 * takes NUL-terminated strings; invalid UTF-8 is repaired by it). */
static void
append_content (GString    *out,
                const char *p,
                gsize       len)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, nul - p);
      g_string_append (out, REPLACEMENT_CHAR);
      p = nul + 1;
    }
}

static void
append_code_point (GString  *out,
                   gunichar  ch)
{
  if (ch == 0 || ch > 0x10ffff || (ch >= 0xd800 && ch <= 0xdfff))
    g_string_append (out, REPLACEMENT_CHAR);
  else
    g_string_append_unichar (out, ch);
}

/* Reads exactly @n hex digits; FALSE when there are not that many. */
static gboolean
read_hex (const char *p,
          const char *end,
          guint       n,
          gunichar   *value)
{
  gunichar v = 0;

  if ((gsize)(end - p) < n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      v = v * 16 + digit;
    }

  *value = v;
  return TRUE;
}

/* @p is at a backslash inside a non-raw string (and p + 1 < end).  Appends
 * what the escape means to @decoded (may be NULL) and returns the byte after
 * it.  Unknown escapes keep their backslash, as Python does; in bytes
 * literals, \x and octal escapes stay as written (they are bytes, not
 * characters). */
static const char *
py_decode_escape (const char *p,
                  const char *end,
                  gboolean    bytes,
                  GString    *decoded)
{
  char c = p[1];
  gunichar ch;

  switch (c)
    {
    case '\n':
      return p + 2;
    case '\\':
    case '\'':
    case '"':
      if (decoded != NULL)
        g_string_append_c (decoded, c);
      return p + 2;
    case 'a':
      ch = 0x07;
      break;
    case 'b':
      ch = 0x08;
      break;
    case 'f':
      ch = 0x0c;
      break;
    case 'n':
      ch = '\n';
      break;
    case 'r':
      ch = '\r';
      break;
    case 't':
      ch = '\t';
      break;
    case 'v':
      ch = 0x0b;
      break;
    case 'x':
      if (!bytes && read_hex (p + 2, end, 2, &ch))
        {
          if (decoded != NULL)
            append_code_point (decoded, ch);
          return p + 4;
        }
      goto keep;
    case 'u':
      if (!bytes && read_hex (p + 2, end, 4, &ch))
        {
          if (decoded != NULL)
            append_code_point (decoded, ch);
          return p + 6;
        }
      goto keep;
    case 'U':
      if (!bytes && read_hex (p + 2, end, 8, &ch))
        {
          if (decoded != NULL)
            append_code_point (decoded, ch);
          return p + 10;
        }
      goto keep;
    default:
      if (c >= '0' && c <= '7' && !bytes)
        {
          const char *q = p + 1;

          ch = 0;
          while (q < end && q < p + 4 && *q >= '0' && *q <= '7')
            ch = ch * 8 + (*q++ - '0');
          if (decoded != NULL)
            append_code_point (decoded, ch);
          return q;
        }
      goto keep;
    }

  if (decoded != NULL)
    g_string_append_c (decoded, (char)ch);
  return p + 2;

keep:
  if (decoded != NULL)
    {
      g_string_append_c (decoded, '\\');
      if (c != '\0')
        g_string_append_c (decoded, c);
      else
        g_string_append (decoded, REPLACEMENT_CHAR);
    }
  return p + 2;
}

/* Length of a string prefix (r, b, u, f, rb, br, …) at @p when a quote
 * follows it, else -1. */
static int
py_string_prefix (const char *p,
                  const char *end)
{
  int n = 0;

  while (n < 3 && p + n < end && strchr ("rRbBuUfF", p[n]) != NULL && p[n] != '\0')
    n++;

  if (n <= 2 && p + n < end && (p[n] == '\'' || p[n] == '"'))
    return n;

  return -1;
}

/* Scans a string literal at @p (its prefix or opening quote).  Appends the
 * decoded text to @decoded when not NULL.  Returns the byte after the
 * closing quote, or NULL when it is not a complete literal. */
static const char *
py_scan_string (const char *p,
                const char *end,
                GString    *decoded)
{
  gboolean raw = FALSE;
  gboolean bytes = FALSE;
  gboolean triple;
  char quote;
  int prefix = py_string_prefix (p, end);

  if (prefix < 0)
    return NULL;

  for (int i = 0; i < prefix; i++)
    {
      raw |= (p[i] == 'r' || p[i] == 'R');
      bytes |= (p[i] == 'b' || p[i] == 'B');
    }
  p += prefix;
  quote = *p;
  triple = end - p >= 3 && p[1] == quote && p[2] == quote;
  p += triple ? 3 : 1;

  while (p < end)
    {
      const char *run = p;

      while (p < end && *p != quote && *p != '\\' && *p != '\n')
        p++;
      if (p > run && decoded != NULL)
        append_content (decoded, run, p - run);
      if (p >= end)
        return NULL;

      if (*p == quote)
        {
          if (!triple)
            return p + 1;
          if (end - p >= 3 && p[1] == quote && p[2] == quote)
            return p + 3;
          if (decoded != NULL)
            g_string_append_c (decoded, quote);
          p++;
        }
      else if (*p == '\n')
        {
          if (!triple)
            return NULL;
          if (decoded != NULL)
            g_string_append_c (decoded, '\n');
          p++;
        }
      else if (p + 1 >= end)
        {
          return NULL;
        }
      else if (raw)
        {
          /* A backslash in a raw string stays, but still protects a quote. */
          if (decoded != NULL)
            append_content (decoded, p, 2);
          p += 2;
        }
      else
        {
          p = py_decode_escape (p, end, bytes, decoded);
        }
    }

  return NULL;
}

/* @p is at an opening bracket ( [ { <.  Returns the byte after the bracket
 * that balances it (counting all kinds alike, and skipping string literals),
 * or NULL. */
static const char *
py_scan_balanced (const char *p,
                  const char *end)
{
  const char *begin = p;
  gsize depth = 0;

  while (p < end)
    {
      char c = *p;

      if (c == '(' || c == '[' || c == '{' || c == '<')
        {
          depth++;
          p++;
        }
      else if (c == ')' || c == ']' || c == '}' || c == '>')
        {
          if (depth == 0)
            return NULL;
          p++;
          if (--depth == 0)
            return p;
        }
      else if ((c == '\'' || c == '"') ||
               (is_ident_start (c) && py_string_prefix (p, end) > 0 &&
                (p == begin || !is_ident_char (p[-1]))))
        {
          if (!(p = py_scan_string (p, end, NULL)))
            return NULL;
        }
      else
        {
          p++;
        }
    }

  return NULL;
}

/* An identifier (dotted), and a call's argument list right after it. */
static const char *
py_scan_name (const char *p,
              const char *end)
{
  while (p < end && is_ident_char (*p))
    p++;
  if (p < end && *p == '(')
    return py_scan_balanced (p, end);

  return p;
}

static const char *
py_scan_number (const char *p,
                const char *end)
{
  if (p < end && (*p == '-' || *p == '+'))
    p++;
  while (p < end)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || c == '_' || c == '.')
        p++;
      else if ((c == '+' || c == '-') && (p[-1] == 'e' || p[-1] == 'E'))
        p++;
      else
        break;
    }

  return p;
}

static gboolean
is_json_number (const char *p,
                gsize       len)
{
  const char *end = p + len;

  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  return p == end;
}

static void
append_text_as_string (GString    *out,
                       const char *p,
                       gsize       len)
{
  g_autoptr(GString) text = g_string_sized_new (len + 1);

  append_content (text, p, len);
  contrail_json_append_string (out, text->str);
}

/* A Python number literal as JSON: kept when it already is one, else
 * converted (0x1F, 1_000, 1., .5, +3), else a string (1j). */
static void
append_py_number (GString    *out,
                  const char *p,
                  gsize       len)
{
  g_autoptr(GString) clean = g_string_sized_new (len + 1);
  const char *end = p + len;
  const char *q;
  gboolean negative = FALSE;

  for (q = p; q < end; q++)
    if (*q != '_')
      g_string_append_c (clean, *q);

  q = clean->str;
  if (*q == '+')
    q++;
  else if (*q == '-')
    negative = TRUE;

  if (is_json_number (q, strlen (q)))
    {
      g_string_append (out, q);
      return;
    }

  {
    const char *digits = q + (negative ? 1 : 0);
    guint base = 0;

    if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
      base = 16;
    else if (digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O'))
      base = 8;
    else if (digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B'))
      base = 2;

    if (base != 0 && digits[2] != '\0')
      {
        char *num_end = NULL;
        guint64 value;

        errno = 0;
        value = g_ascii_strtoull (digits + 2, &num_end, base);
        if (errno == 0 && num_end != NULL && *num_end == '\0' &&
            value <= (guint64)G_MAXINT64)
          {
            g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, negative ? "-" : "", value);
            return;
          }
      }
    else if (base == 0 && strpbrk (q, "jJ") == NULL)
      {
        char *num_end = NULL;
        double value = g_ascii_strtod (q, &num_end);

        if (num_end != NULL && *num_end == '\0' && num_end != q)
          {
            contrail_json_append_double (out, value);
            return;
          }
      }
  }

  append_text_as_string (out, p, len);
}

/* Skips one value without writing it (for looking ahead). */
static const char *
py_skip_value (const char *p,
               const char *end)
{
  char c;

  if (p >= end)
    return NULL;

  c = *p;
  if (c == '(' || c == '[' || c == '{' || c == '<')
    return py_scan_balanced (p, end);
  if (c == '\'' || c == '"' || (is_ident_start (c) && py_string_prefix (p, end) > 0))
    return py_scan_string (p, end, NULL);
  if (is_ident_start (c))
    return py_scan_name (p, end);
  if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
    {
      if (end - p >= 3 && memcmp (p, "...", 3) == 0)
        return p + 3;
      if ((c == '-' || c == '+') && p + 1 < end && is_ident_start (p[1]))
        return py_scan_name (p + 1, end);
      return py_scan_number (p, end);
    }

  return NULL;
}

/* Writes one scalar value (string, number, name, <repr>, ...) at @p.  Returns
 * the byte after it, or NULL. */
static const char *
py_write_scalar (const char *p,
                 const char *end,
                 GString    *out,
                 GString    *scratch)
{
  const char *q;
  char c = *p;

  if (c == '\'' || c == '"' || (is_ident_start (c) && py_string_prefix (p, end) > 0))
    {
      g_string_truncate (scratch, 0);
      if (!(q = py_scan_string (p, end, scratch)))
        return NULL;
      contrail_json_append_string (out, scratch->str);
      return q;
    }

  if (end - p >= 3 && memcmp (p, "...", 3) == 0)
    {
      g_string_append (out, "\"...\"");
      return p + 3;
    }

  if (c == '<')
    {
      if (!(q = py_scan_balanced (p, end)))
        return NULL;
      append_text_as_string (out, p, q - p);
      return q;
    }

  if (is_ident_start (c) ||
      ((c == '-' || c == '+') && p + 1 < end && is_ident_start (p[1])))
    {
      const char *name = (c == '-' || c == '+') ? p + 1 : p;
      gsize len;

      if (!(q = py_scan_name (name, end)))
        return NULL;
      len = q - p;

      if (len == 4 && memcmp (p, "True", 4) == 0)
        g_string_append (out, "true");
      else if (len == 5 && memcmp (p, "False", 5) == 0)
        g_string_append (out, "false");
      else if (len == 4 && memcmp (p, "None", 4) == 0)
        g_string_append (out, "null");
      else
        append_text_as_string (out, p, len);   /* inf, nan, Ellipsis, calls, names */
      return q;
    }

  if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
    {
      q = py_scan_number (p, end);
      if (q == p || (q == p + 1 && !g_ascii_isdigit (c)))
        return NULL;
      append_py_number (out, p, q - p);
      return q;
    }

  return NULL;
}

/* A dict key: strings as they are, anything else as its text. */
static const char *
py_write_key (const char *p,
              const char *end,
              GString    *out,
              GString    *scratch)
{
  const char *q;
  char c = *p;

  if (c == '\'' || c == '"' || (is_ident_start (c) && py_string_prefix (p, end) > 0))
    return py_write_scalar (p, end, out, scratch);

  if (!(q = py_skip_value (p, end)) || q == p)
    return NULL;
  append_text_as_string (out, p, q - p);

  return q;
}

static gboolean
py_to_json (const char *text,
            gsize       len,
            GString    *out)
{
  g_autoptr(GByteArray) stack = g_byte_array_new ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *p = text;
  const char *end = text + len;
  gboolean want_key = FALSE;

  p = skip_leading (p, end);
  if (p >= end || (*p != '{' && *p != '[' && *p != '('))
    return FALSE;

  for (;;)
    {
      guint8 top;

      p = py_skip_ws (p, end);
      if (p >= end)
        return FALSE;

      if (want_key)
        {
          if (!(p = py_write_key (p, end, out, scratch)))
            return FALSE;
          p = py_skip_ws (p, end);
          if (p >= end || *p != ':')
            return FALSE;
          p++;
          g_string_append_c (out, ':');
          want_key = FALSE;
          continue;
        }

      /* One value */
      if (*p == '[' || *p == '(' || *p == '{')
        {
          PyContainer container = (PyContainer)*p;
          const char *first = py_skip_ws (p + 1, end);

          if (first < end && *first == py_closer (container))
            {
              g_string_append (out, container == PY_DICT ? "{}" : "[]");
              p = first + 1;
            }
          else
            {
              if (container == PY_DICT)
                {
                  /* A dict or a set: look past the first element for ':'. */
                  const char *after = py_skip_value (first, end);

                  if (after == NULL)
                    return FALSE;
                  after = py_skip_ws (after, end);
                  if (after >= end || *after != ':')
                    container = PY_SET;
                }

              guint8 byte = container;

              g_byte_array_append (stack, &byte, 1);
              g_string_append_c (out, container == PY_DICT ? '{' : '[');
              want_key = container == PY_DICT;
              p = first;
              continue;
            }
        }
      else if (!(p = py_write_scalar (p, end, out, scratch)))
        {
          return FALSE;
        }

      /* After a value */
      for (;;)
        {
          if (stack->len == 0)
            return py_skip_ws (p, end) == end;

          top = stack->data[stack->len - 1];
          p = py_skip_ws (p, end);
          if (p >= end)
            return FALSE;

          if (*p == ',')
            {
              p = py_skip_ws (p + 1, end);
              if (p < end && *p == py_closer (top))
                continue;   /* a trailing comma: close below */
              g_string_append_c (out, ',');
              want_key = top == PY_DICT;
              break;
            }

          if (*p == py_closer (top))
            {
              p++;
              g_byte_array_set_size (stack, stack->len - 1);
              g_string_append_c (out, top == PY_DICT ? '}' : ']');
              continue;
            }

          return FALSE;
        }
    }
}

char *
contrail_text_python_to_json (const char *text,
                              gssize      len,
                              gsize       max_input,
                              gsize      *out_len)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (out_len != NULL)
    *out_len = 0;
  if (text == NULL)
    return NULL;
  if (len < 0)
    len = strlen (text);
  if (max_input > 0 && (gsize)len > max_input)
    return NULL;

  out = g_string_sized_new (len + 16);
  if (!py_to_json (text, len, out))
    return NULL;

  if (out_len != NULL)
    *out_len = out->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- Markdown ---- */

static gboolean
has_prefix_len (const char *p,
                const char *end,
                const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && memcmp (p, prefix, n) == 0;
}

gboolean
contrail_text_looks_like_markdown (const char *text,
                                   gssize      len)
{
  const char *p = text;
  const char *end;
  guint score = 0;
  guint list_items = 0;
  guint table_rows = 0;
  guint quotes = 0;
  guint emphasis = 0;
  guint links = 0;
  guint code = 0;

  if (text == NULL)
    return FALSE;
  if (len < 0)
    len = strlen (text);
  end = text + MIN ((gsize)len, CONTRAIL_TEXT_MARKDOWN_SCAN);

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *line;
      const char *q;
      guint n;

      if (eol == NULL)
        eol = end;

      line = p;
      for (n = 0; n < 3 && line < eol && *line == ' '; n++)
        line++;

      /* Block structure */
      for (n = 0; line + n < eol && line[n] == '#'; n++)
        ;
      if (n >= 1 && n <= 6 && line + n < eol && line[n] == ' ')
        score += 3;
      else if (has_prefix_len (line, eol, "```") || has_prefix_len (line, eol, "~~~"))
        score += 3;
      else if (has_prefix_len (line, eol, "- ") || has_prefix_len (line, eol, "* ") ||
               has_prefix_len (line, eol, "+ "))
        list_items++;
      else if (has_prefix_len (line, eol, "> "))
        quotes++;
      else
        {
          for (n = 0; line + n < eol && n < 4 && g_ascii_isdigit (line[n]); n++)
            ;
          if (n >= 1 && n <= 3 && line + n + 1 < eol &&
              (line[n] == '.' || line[n] == ')') && line[n + 1] == ' ')
            list_items++;
        }

      if (line < eol && *line == '|' && memchr (line + 1, '|', eol - line - 1) != NULL)
        {
          gboolean separator = TRUE;

          table_rows++;
          for (q = line; q < eol && separator; q++)
            separator = strchr ("|-: \t\r", *q) != NULL;
          if (separator && memchr (line, '-', eol - line) != NULL)
            score += 2;
        }

      /* Inline markup */
      for (q = line; q < eol; q++)
        {
          if (q + 1 < eol && q[0] == '*' && q[1] == '*' && q + 2 < eol && !is_space (q[2]))
            {
              const char *close = g_strstr_len (q + 2, eol - q - 2, "**");

              if (close != NULL && close > q + 2)
                {
                  emphasis++;
                  q = close + 1;
                }
            }
          else if (q[0] == ']' && q + 1 < eol && q[1] == '(' &&
                   g_strstr_len (line, q - line, "[") != NULL)
            {
              links++;
            }
          else if (q[0] == '`' && q + 1 < eol && q[1] != '`')
            {
              const char *close = memchr (q + 1, '`', eol - q - 1);

              if (close != NULL)
                {
                  code++;
                  q = close;
                }
            }
        }

      p = eol + 1;
    }

  if (list_items >= 2)
    score += MIN (list_items, 3);
  score += MIN (table_rows, 2) + MIN (quotes, 2) + MIN (emphasis, 2) +
           MIN (links * 2, 4) + MIN (code, 2);

  return score >= 3;
}

/* ---- Detection ---- */

ContrailTextKind
contrail_text_detect (const char *text,
                      gssize      len)
{
  const char *start;
  const char *end;

  if (text == NULL)
    return CONTRAIL_TEXT_KIND_PLAIN;
  if (len < 0)
    len = strlen (text);

  end = text + len;
  start = skip_leading (text, end);
  if (start < end && (*start == '{' || *start == '[') &&
      (gsize)len <= CONTRAIL_TEXT_MAX_JSON && is_json_document (text, len))
    return CONTRAIL_TEXT_KIND_JSON;

  if (start < end && (*start == '{' || *start == '[' || *start == '(') &&
      (gsize)len <= CONTRAIL_TEXT_MAX_PYTHON)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      if (py_to_json (text, len, out))
        return CONTRAIL_TEXT_KIND_PYTHON;
    }

  if (contrail_text_looks_like_markdown (text, len))
    return CONTRAIL_TEXT_KIND_MARKDOWN;

  return CONTRAIL_TEXT_KIND_PLAIN;
}

ContrailTextKind
contrail_text_format (const char  *text,
                      gssize       len,
                      char       **pretty,
                      gsize       *pretty_len)
{
  const char *start;
  const char *end;
  gsize max_output;

  g_return_val_if_fail (pretty != NULL, CONTRAIL_TEXT_KIND_PLAIN);

  *pretty = NULL;
  if (pretty_len != NULL)
    *pretty_len = 0;
  if (text == NULL)
    return CONTRAIL_TEXT_KIND_PLAIN;
  if (len < 0)
    len = strlen (text);

  end = text + len;
  start = skip_leading (text, end);
  max_output = output_cap (len);

  if (start < end && (*start == '{' || *start == '[') && (gsize)len <= CONTRAIL_TEXT_MAX_JSON)
    {
      switch (pretty_json_full (text, len, max_output, pretty, pretty_len))
        {
        case PRETTY_OK:
          return CONTRAIL_TEXT_KIND_JSON;
        case PRETTY_TOO_BIG:
          return is_json_document (text, len) ? CONTRAIL_TEXT_KIND_JSON : CONTRAIL_TEXT_KIND_PLAIN;
        case PRETTY_INVALID:
        default:
          break;
        }
    }

  if (start < end && (*start == '{' || *start == '[' || *start == '(') &&
      (gsize)len <= CONTRAIL_TEXT_MAX_PYTHON)
    {
      g_autoptr(GString) json = g_string_sized_new (len + 16);

      if (py_to_json (text, len, json))
        {
          if (pretty_json_full (json->str, json->len, max_output, pretty, pretty_len) != PRETTY_OK)
            *pretty = NULL;
          return CONTRAIL_TEXT_KIND_PYTHON;
        }
    }

  if (contrail_text_looks_like_markdown (text, len))
    return CONTRAIL_TEXT_KIND_MARKDOWN;

  return CONTRAIL_TEXT_KIND_PLAIN;
}
