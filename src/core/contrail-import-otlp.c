/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * OTLP/JSON (DESIGN.md §5.2): an ExportTraceServiceRequest ("resourceSpans"),
 * Tempo's "batches", Jaeger API v3's {"result": {"resourceSpans": …}}, or a
 * file of JSON lines, one export per line (lines without spans, such as
 * metrics and logs, contribute nothing).  Spans are gathered by trace id
 * across resources, scopes and lines; traces come in order of first
 * appearance.
 *
 * Also the pieces shared with the Jaeger importer: attributes and tags, ids,
 * integers, and the span fields that come from attributes.
 *
 * Where DESIGN.md is silent (tests/oracle/otel.py reads the same way):
 * - the first attribute with a key wins;
 * - a time of 0 is unset (proto3 omits zero values), nanoseconds become
 *   microseconds rounding toward minus infinity;
 * - kind 0 / SPAN_KIND_UNSPECIFIED / absent gives no type; enum names are
 *   matched case-insensitively, with or without their prefix;
 * - a container member that occurs twice is read twice; for a scalar the
 *   last occurrence counts; a value of the wrong type counts as absent.
 */
#define G_LOG_DOMAIN "contrail-import-otlp"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contrail-error.h"
#include "contrail-import-private.h"
#include "contrail-time.h"

#define KEY(k) contrail_json_slice_equal (&key, k)

/* Nesting of arrayValue / kvlistValue kept in meta; deeper values are null. */
#define MAX_VALUE_DEPTH 32

/* ---- Values ---- */

typedef enum
{
  VALUE_NONE,       /* absent, null, or of the wrong type */
  VALUE_STRING,
  VALUE_INT,
  VALUE_DOUBLE,
  VALUE_BOOL,
  VALUE_JSON,       /* array, kvlist, bytes: only kept as JSON text */
} ValueType;

typedef struct
{
  char              *key;
  ValueType          type;
  gboolean           b;
  gint64             i;
  double             d;
  ContrailJsonSlice  slice;    /* VALUE_STRING: the string in the source */
  char              *json;     /* VALUE_JSON */
} Attr;

typedef struct
{
  char  *name;
  guint  first;                /* in event_attrs */
  guint  n_attrs;
} Event;

struct _ContrailOtelFields
{
  GArray *attrs;               /* Attr */
  GArray *events;              /* Event; only gen_ai.* events are kept */
  GArray *event_attrs;         /* Attr */
};

static void
attr_clear_value (Attr *attr)
{
  g_clear_pointer (&attr->json, g_free);
  attr->type = VALUE_NONE;
}

static void
attr_clear (gpointer data)
{
  Attr *attr = data;

  g_clear_pointer (&attr->key, g_free);
  attr_clear_value (attr);
}

static void
event_clear (gpointer data)
{
  Event *event = data;

  g_clear_pointer (&event->name, g_free);
}

ContrailOtelFields *
_contrail_otel_fields_new (void)
{
  ContrailOtelFields *fields = g_new0 (ContrailOtelFields, 1);

  fields->attrs = g_array_new (FALSE, TRUE, sizeof (Attr));
  g_array_set_clear_func (fields->attrs, attr_clear);
  fields->events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_array_set_clear_func (fields->events, event_clear);
  fields->event_attrs = g_array_new (FALSE, TRUE, sizeof (Attr));
  g_array_set_clear_func (fields->event_attrs, attr_clear);

  return fields;
}

void
_contrail_otel_fields_free (ContrailOtelFields *fields)
{
  if (fields == NULL)
    return;

  g_array_unref (fields->attrs);
  g_array_unref (fields->events);
  g_array_unref (fields->event_attrs);
  g_free (fields);
}

void
_contrail_otel_fields_reset (ContrailOtelFields *fields)
{
  g_array_set_size (fields->attrs, 0);
  g_array_set_size (fields->events, 0);
  g_array_set_size (fields->event_attrs, 0);
}

/* ---- Numbers ---- */

typedef enum
{
  NUMBER_INT,           /* an integer literal within gint64 */
  NUMBER_INT_RANGE,     /* an integer literal beyond gint64 (d holds its value) */
  NUMBER_FLOAT,         /* a literal with a fraction or an exponent */
} NumberKind;

/* [-]digits within gint64.  FALSE when @str is not of that form (*overflow
 * FALSE) or does not fit (*overflow TRUE). */
static gboolean
parse_decimal (const char *str,
               gsize       len,
               gboolean    allow_minus,
               gint64     *value,
               gboolean   *overflow)
{
  gboolean negative = FALSE;
  guint64 limit;
  guint64 acc = 0;
  gboolean too_big = FALSE;
  gsize i = 0;

  *overflow = FALSE;

  if (allow_minus && len > 0 && str[0] == '-')
    {
      negative = TRUE;
      i = 1;
    }
  if (i == len)
    return FALSE;

  limit = negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;
  for (; i < len; i++)
    {
      guint digit;

      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      digit = str[i] - '0';
      if (too_big || acc > (limit - digit) / 10)
        too_big = TRUE;
      else
        acc = acc * 10 + digit;
    }

  if (too_big)
    {
      *overflow = TRUE;
      return FALSE;
    }

  if (negative)
    *value = acc == (guint64)G_MAXINT64 + 1 ? G_MININT64 : -(gint64)acc;
  else
    *value = (gint64)acc;

  return TRUE;
}

static double
parse_double (const char *raw,
              gsize       len)
{
  char buf[64];
  g_autofree char *big = NULL;
  const char *str;

  /* The literal is not NUL-terminated in the source. */
  if (len < sizeof buf)
    {
      memcpy (buf, raw, len);
      buf[len] = '\0';
      str = buf;
    }
  else
    str = big = g_strndup (raw, len);

  return g_ascii_strtod (str, NULL);
}

/* Reads the next value, which must be a number. */
static NumberKind
read_number (ContrailImport *import,
             gint64         *i,
             double         *d)
{
  const char *raw = NULL;
  gsize len = 0;
  gboolean overflow;

  *i = 0;
  *d = 0;
  contrail_json_reader_skip (import->reader, &raw, &len);
  if (raw == NULL)
    return NUMBER_FLOAT;

  if (memchr (raw, '.', len) == NULL && memchr (raw, 'e', len) == NULL &&
      memchr (raw, 'E', len) == NULL)
    {
      if (parse_decimal (raw, len, TRUE, i, &overflow))
        {
          *d = (double)*i;
          return NUMBER_INT;
        }
      *d = parse_double (raw, len);
      return NUMBER_INT_RANGE;
    }

  *d = parse_double (raw, len);
  return NUMBER_FLOAT;
}

/* Decodes the next value, a string, into import->scratch. */
static gboolean
read_decoded (ContrailImport *import)
{
  ContrailJsonSlice slice;

  if (!contrail_json_reader_read_string (import->reader, &slice))
    {
      contrail_json_reader_skip (import->reader, NULL, NULL);
      return FALSE;
    }

  g_string_truncate (import->scratch, 0);
  contrail_json_slice_decode (&slice, import->scratch);

  return TRUE;
}

static gboolean
integral_in_range (double   d,
                   gint64  *value)
{
  if (!isfinite (d) || d != floor (d) ||
      d < -9223372036854775808.0 || d >= 9223372036854775808.0)
    return FALSE;

  *value = (gint64)d;
  return TRUE;
}

gboolean
_contrail_otel_read_int64 (ContrailImport *import,
                           gint64         *value)
{
  gboolean overflow;
  gint64 i;
  double d;

  *value = 0;

  switch ((int)contrail_json_reader_peek (import->reader))
    {
    case CONTRAIL_JSON_NUMBER:
      switch (read_number (import, &i, &d))
        {
        case NUMBER_INT:
          *value = i;
          return TRUE;

        case NUMBER_INT_RANGE:
          return FALSE;

        case NUMBER_FLOAT:
        default:
          return integral_in_range (d, value);
        }

    case CONTRAIL_JSON_STRING:
      return read_decoded (import) &&
             parse_decimal (import->scratch->str, import->scratch->len, TRUE, value, &overflow);

    default:
      contrail_json_reader_skip (import->reader, NULL, NULL);
      return FALSE;
    }
}

/* A number (its value as a double) or a string (decoded, upper-cased ASCII,
 * in import->scratch): how enums arrive.  Returns the JSON type read. */
static ContrailJsonType
read_enum (ContrailImport *import,
           double         *number)
{
  ContrailJsonType type = contrail_json_reader_peek (import->reader);
  gint64 i;

  *number = NAN;

  if (type == CONTRAIL_JSON_NUMBER)
    {
      read_number (import, &i, number);
      return type;
    }

  if (type == CONTRAIL_JSON_STRING && read_decoded (import))
    {
      for (gsize k = 0; k < import->scratch->len; k++)
        import->scratch->str[k] = g_ascii_toupper (import->scratch->str[k]);
      return type;
    }

  contrail_json_reader_skip (import->reader, NULL, NULL);
  return CONTRAIL_JSON_ERROR;
}

/* ---- Strings and ids ---- */

static const char *
intern_slice (ContrailImport          *import,
              const ContrailJsonSlice *slice)
{
  if (!slice->escaped && slice->len < 256 && g_utf8_validate (slice->data, slice->len, NULL))
    return _contrail_store_intern (import->store, slice->data, slice->len);

  g_string_truncate (import->scratch, 0);
  contrail_json_slice_decode (slice, import->scratch);

  return _contrail_store_intern (import->store, import->scratch->str, import->scratch->len);
}

static int
base64_value (guchar c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

/* Standard base64, at most two '=' of padding → lower-case hex in @hex. */
static gboolean
base64_to_hex (const char *str,
               gsize       len,
               GString    *hex)
{
  static const char digits[] = "0123456789abcdef";
  gsize n = len;
  gsize pad = 0;
  guint32 bits = 0;
  guint n_bits = 0;

  while (pad < 2 && n > 0 && str[n - 1] == '=')
    {
      n--;
      pad++;
    }
  if (n == 0 || (pad > 0 && (n + pad) % 4 != 0) || n % 4 == 1)
    return FALSE;
  for (gsize k = 0; k < n; k++)
    {
      if (base64_value (str[k]) < 0)
        return FALSE;
    }

  for (gsize k = 0; k < n; k++)
    {
      bits = (bits << 6) | (guint32)base64_value (str[k]);
      n_bits += 6;
      if (n_bits >= 8)
        {
          guint byte;

          n_bits -= 8;
          byte = (bits >> n_bits) & 0xff;
          g_string_append_c (hex, digits[byte >> 4]);
          g_string_append_c (hex, digits[byte & 0xf]);
        }
    }

  return TRUE;
}

/* DESIGN.md §5.2: ids are lower-case hex; an id that is not hex is taken as
 * base64; anything else is kept as it is. */
static const char *
normalize_id (ContrailImport *import,
              const char     *str,
              gsize           len)
{
  g_autoptr(GString) hex = NULL;
  gboolean all_hex = len > 0;

  for (gsize k = 0; k < len && all_hex; k++)
    all_hex = g_ascii_isxdigit (str[k]);

  if (all_hex)
    {
      hex = g_string_new_len (str, len);
      for (gsize k = 0; k < len; k++)
        hex->str[k] = g_ascii_tolower (hex->str[k]);
      return _contrail_store_intern (import->store, hex->str, hex->len);
    }

  hex = g_string_sized_new (len * 2);
  if (base64_to_hex (str, len, hex))
    return _contrail_store_intern (import->store, hex->str, hex->len);

  return _contrail_store_intern (import->store, str, len);
}

const char *
_contrail_otel_read_id (ContrailImport *import)
{
  if (!read_decoded (import))
    return NULL;

  return normalize_id (import, import->scratch->str, import->scratch->len);
}

/* ---- Attributes ---- */

static void append_attr_json (GString    *out,
                              const Attr *attr);
static void read_any_value   (ContrailImport *import,
                              Attr           *attr,
                              guint           depth);

/* arrayValue {"values": [AnyValue…]} or kvlistValue {"values": [{key, value}…]}
 * → JSON text. */
static char *
read_list_value (ContrailImport *import,
                 gboolean        kvlist,
                 guint           depth)
{
  ContrailJsonReader *reader = import->reader;
  GString *out = g_string_new (kvlist ? "{" : "[");
  gboolean first = TRUE;
  ContrailJsonSlice key;

  if (depth > MAX_VALUE_DEPTH || !contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      g_string_free (out, TRUE);
      return g_strdup ("null");
    }

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (!KEY ("values") || !contrail_json_reader_enter_array (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          continue;
        }

      while (contrail_json_reader_next_element (reader))
        {
          Attr attr = { 0 };

          if (!kvlist)
            {
              read_any_value (import, &attr, depth + 1);
            }
          else if (contrail_json_reader_enter_object (reader))
            {
              ContrailJsonSlice member;

              while (contrail_json_reader_next_member (reader, &member))
                {
                  ContrailJsonSlice slice;

                  if (contrail_json_slice_equal (&member, "key") &&
                      contrail_json_reader_read_string (reader, &slice))
                    {
                      g_free (attr.key);
                      attr.key = contrail_json_slice_dup (&slice);
                    }
                  else if (contrail_json_slice_equal (&member, "value"))
                    {
                      attr_clear_value (&attr);
                      read_any_value (import, &attr, depth + 1);
                    }
                  else
                    {
                      contrail_json_reader_skip (reader, NULL, NULL);
                    }
                }
              if (attr.key == NULL)
                {
                  attr_clear (&attr);
                  continue;
                }
            }
          else
            {
              contrail_json_reader_skip (reader, NULL, NULL);
              continue;
            }

          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          if (kvlist)
            {
              contrail_json_append_string (out, attr.key);
              g_string_append_c (out, ':');
            }
          append_attr_json (out, &attr);
          attr_clear (&attr);
        }
    }

  g_string_append_c (out, kvlist ? '}' : ']');

  return g_string_free (out, FALSE);
}

/* An OTLP AnyValue: the last of its known members counts. */
static void
read_any_value (ContrailImport *import,
                Attr           *attr,
                guint           depth)
{
  ContrailJsonReader *reader = import->reader;
  ContrailJsonSlice key;

  attr_clear_value (attr);

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  while (contrail_json_reader_next_member (reader, &key))
    {
      ContrailJsonType type = contrail_json_reader_peek (reader);
      gboolean overflow;
      gint64 i;
      double d;

      if (KEY ("stringValue"))
        {
          attr_clear_value (attr);
          if (contrail_json_reader_read_string (reader, &attr->slice))
            attr->type = VALUE_STRING;
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }
      else if (KEY ("intValue"))
        {
          attr_clear_value (attr);
          if (type == CONTRAIL_JSON_NUMBER)
            {
              if (read_number (import, &i, &d) == NUMBER_INT)
                {
                  attr->type = VALUE_INT;
                  attr->i = i;
                }
            }
          else if (type == CONTRAIL_JSON_STRING)
            {
              if (read_decoded (import) &&
                  parse_decimal (import->scratch->str, import->scratch->len, TRUE, &i, &overflow))
                {
                  attr->type = VALUE_INT;
                  attr->i = i;
                }
            }
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }
      else if (KEY ("doubleValue"))
        {
          attr_clear_value (attr);
          if (type == CONTRAIL_JSON_NUMBER)
            {
              read_number (import, &i, &d);
              if (isfinite (d))
                {
                  attr->type = VALUE_DOUBLE;
                  attr->d = d;
                }
            }
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }
      else if (KEY ("boolValue"))
        {
          attr_clear_value (attr);
          if (contrail_json_reader_read_boolean (reader, &attr->b))
            attr->type = VALUE_BOOL;
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }
      else if (KEY ("arrayValue") || KEY ("kvlistValue"))
        {
          gboolean kvlist = KEY ("kvlistValue");

          attr_clear_value (attr);
          attr->json = read_list_value (import, kvlist, depth);
          attr->type = VALUE_JSON;
        }
      else if (KEY ("bytesValue"))
        {
          GString *json = g_string_new (NULL);

          attr_clear_value (attr);
          if (read_decoded (import))
            contrail_json_append_string (json, import->scratch->str);
          else
            g_string_append (json, "null");
          attr->json = g_string_free (json, FALSE);
          attr->type = VALUE_JSON;
        }
      else
        {
          contrail_json_reader_skip (reader, NULL, NULL);
        }
    }
}

/* A Jaeger tag value: any JSON value. */
static void
read_tag_value (ContrailImport *import,
                Attr           *attr)
{
  ContrailJsonReader *reader = import->reader;
  const char *raw = NULL;
  gsize raw_len = 0;
  gint64 i;
  double d;

  attr_clear_value (attr);

  switch ((int)contrail_json_reader_peek (reader))
    {
    case CONTRAIL_JSON_STRING:
      contrail_json_reader_read_string (reader, &attr->slice);
      attr->type = VALUE_STRING;
      break;

    case CONTRAIL_JSON_NUMBER:
      if (read_number (import, &i, &d) == NUMBER_INT)
        {
          attr->type = VALUE_INT;
          attr->i = i;
        }
      else if (isfinite (d))
        {
          attr->type = VALUE_DOUBLE;
          attr->d = d;
        }
      break;

    case CONTRAIL_JSON_BOOLEAN:
      contrail_json_reader_read_boolean (reader, &attr->b);
      attr->type = VALUE_BOOL;
      break;

    case CONTRAIL_JSON_OBJECT:
    case CONTRAIL_JSON_ARRAY:
      if (contrail_json_reader_skip (reader, &raw, &raw_len))
        {
          attr->json = g_utf8_make_valid (raw, raw_len);
          attr->type = VALUE_JSON;
        }
      break;

    default:
      contrail_json_reader_skip (reader, NULL, NULL);
      break;
    }
}

/* An array of {key, value} objects (OTLP attributes, Jaeger tags and log
 * fields), appended to @attrs in order. */
static void
read_key_values (ContrailImport *import,
                 GArray         *attrs,
                 gboolean        jaeger)
{
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  while (contrail_json_reader_next_element (reader))
    {
      Attr attr = { 0 };
      ContrailJsonSlice key;

      if (!contrail_json_reader_enter_object (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          continue;
        }

      while (contrail_json_reader_next_member (reader, &key))
        {
          ContrailJsonSlice slice;

          if (KEY ("key"))
            {
              g_clear_pointer (&attr.key, g_free);
              if (contrail_json_reader_read_string (reader, &slice))
                attr.key = contrail_json_slice_dup (&slice);
              else
                contrail_json_reader_skip (reader, NULL, NULL);
            }
          else if (KEY ("value"))
            {
              if (jaeger)
                read_tag_value (import, &attr);
              else
                read_any_value (import, &attr, 0);
            }
          else
            {
              contrail_json_reader_skip (reader, NULL, NULL);
            }
        }

      if (attr.key != NULL)
        g_array_append_val (attrs, attr);
      else
        attr_clear (&attr);
    }
}

void
_contrail_otel_read_attributes (ContrailImport     *import,
                                ContrailOtelFields *fields)
{
  read_key_values (import, fields->attrs, FALSE);
}

void
_contrail_otel_read_tags (ContrailImport     *import,
                          ContrailOtelFields *fields)
{
  read_key_values (import, fields->attrs, TRUE);
}

static void
keep_event (ContrailOtelFields *fields,
            guint               first,
            char               *name)
{
  Event event;

  if (name == NULL || !g_str_has_prefix (name, "gen_ai."))
    {
      g_free (name);
      g_array_set_size (fields->event_attrs, first);
      return;
    }

  event.name = name;
  event.first = first;
  event.n_attrs = fields->event_attrs->len - first;
  g_array_append_val (fields->events, event);
}

void
_contrail_otel_read_events (ContrailImport     *import,
                            ContrailOtelFields *fields)
{
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  while (contrail_json_reader_next_element (reader))
    {
      guint first = fields->event_attrs->len;
      char *name = NULL;
      ContrailJsonSlice key;

      if (!contrail_json_reader_enter_object (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          continue;
        }

      while (contrail_json_reader_next_member (reader, &key))
        {
          ContrailJsonSlice slice;

          if (KEY ("name"))
            {
              g_clear_pointer (&name, g_free);
              if (contrail_json_reader_read_string (reader, &slice))
                name = contrail_json_slice_dup (&slice);
              else
                contrail_json_reader_skip (reader, NULL, NULL);
            }
          else if (KEY ("attributes"))
            read_key_values (import, fields->event_attrs, FALSE);
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }

      keep_event (fields, first, name);
    }
}

void
_contrail_otel_read_logs (ContrailImport     *import,
                          ContrailOtelFields *fields)
{
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  while (contrail_json_reader_next_element (reader))
    {
      guint first = fields->event_attrs->len;
      char *name = NULL;
      ContrailJsonSlice key;

      if (!contrail_json_reader_enter_object (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          continue;
        }

      while (contrail_json_reader_next_member (reader, &key))
        {
          if (KEY ("fields"))
            read_key_values (import, fields->event_attrs, TRUE);
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }

      /* The event's name is its field "event". */
      for (guint k = first; k < fields->event_attrs->len && name == NULL; k++)
        {
          Attr *attr = &g_array_index (fields->event_attrs, Attr, k);

          if (strcmp (attr->key, "event") == 0 && attr->type == VALUE_STRING)
            name = contrail_json_slice_dup (&attr->slice);
          else if (strcmp (attr->key, "event") == 0)
            break;
        }

      keep_event (fields, first, name);
    }
}

/* ---- Looking fields up ---- */

static gint
find_attr (GArray     *attrs,
           guint       first,
           guint       n,
           const char *key)
{
  for (guint k = first; k < first + n; k++)
    {
      if (strcmp (g_array_index (attrs, Attr, k).key, key) == 0)
        return (gint)k;
    }

  return -1;
}

static const Attr *
lookup (ContrailOtelFields *fields,
        const char         *key)
{
  gint k = find_attr (fields->attrs, 0, fields->attrs->len, key);

  return k >= 0 ? &g_array_index (fields->attrs, Attr, k) : NULL;
}

const char *
_contrail_otel_fields_get_string (ContrailImport     *import,
                                  ContrailOtelFields *fields,
                                  const char         *key)
{
  const Attr *attr = lookup (fields, key);

  if (attr == NULL || attr->type != VALUE_STRING)
    return NULL;

  return intern_slice (import, &attr->slice);
}

gboolean
_contrail_otel_fields_is_true (ContrailImport     *import,
                               ContrailOtelFields *fields,
                               const char         *key)
{
  const Attr *attr = lookup (fields, key);

  if (attr == NULL)
    return FALSE;
  if (attr->type == VALUE_BOOL)
    return attr->b;
  if (attr->type != VALUE_STRING)
    return FALSE;

  g_string_truncate (import->scratch, 0);
  contrail_json_slice_decode (&attr->slice, import->scratch);

  return strcmp (import->scratch->str, "true") == 0;
}

/* A token count: an integer (a JSON integer, an OTLP intValue, an integral
 * double or a string of ASCII digits, optionally negative) within gint64. */
static gboolean
attr_count (ContrailImport *import,
            const Attr     *attr,
            gint64         *value)
{
  gboolean overflow;

  if (attr == NULL)
    return FALSE;

  switch (attr->type)
    {
    case VALUE_INT:
      *value = attr->i;
      return TRUE;

    case VALUE_DOUBLE:
      return integral_in_range (attr->d, value);

    case VALUE_STRING:
      g_string_truncate (import->scratch, 0);
      contrail_json_slice_decode (&attr->slice, import->scratch);
      return parse_decimal (import->scratch->str, import->scratch->len, TRUE, value, &overflow);

    case VALUE_NONE:
    case VALUE_BOOL:
    case VALUE_JSON:
    default:
      return FALSE;
    }
}

static gboolean
first_count (ContrailImport     *import,
             ContrailOtelFields *fields,
             const char         *key1,
             const char         *key2,
             gint64             *value)
{
  return attr_count (import, lookup (fields, key1), value) ||
         attr_count (import, lookup (fields, key2), value);
}

static const char *
first_string (ContrailImport     *import,
              ContrailOtelFields *fields,
              const char * const *keys)
{
  for (guint k = 0; keys[k] != NULL; k++)
    {
      const char *value = _contrail_otel_fields_get_string (import, fields, keys[k]);

      if (value != NULL)
        return value;
    }

  return NULL;
}

/* ---- Texts (input, output, instructions) and meta ---- */

static void
append_attr_json (GString    *out,
                  const Attr *attr)
{
  switch (attr->type)
    {
    case VALUE_STRING:
      {
        g_autoptr(GString) str = g_string_new (NULL);

        contrail_json_slice_decode (&attr->slice, str);
        contrail_json_append_string (out, str->str);
      }
      break;

    case VALUE_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, attr->i);
      break;

    case VALUE_DOUBLE:
      contrail_json_append_double (out, attr->d);
      break;

    case VALUE_BOOL:
      g_string_append (out, attr->b ? "true" : "false");
      break;

    case VALUE_JSON:
      g_string_append (out, attr->json);
      break;

    case VALUE_NONE:
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
set_text (ContrailImport *import,
          ContrailText   *text,
          const char     *str,
          gsize           len)
{
  _contrail_text_clear (text);
  text->str = _contrail_store_intern (import->store, str, len);
  text->state = CONTRAIL_TEXT_READY;
}

/* A string or a JSON value (array, kvlist) is a text; TRUE when set. */
static gboolean
set_text_from_attr (ContrailImport *import,
                    ContrailText   *text,
                    const Attr     *attr)
{
  if (attr->type == VALUE_STRING)
    {
      _contrail_text_clear (text);
      /* Texts stay slices of the source until a view shows them. */
      if (import->store->source != NULL)
        {
          text->raw = attr->slice.data;
          text->raw_len = attr->slice.len;
          text->state = CONTRAIL_TEXT_ESCAPED;
        }
      else
        {
          text->str = intern_slice (import, &attr->slice);
          text->state = CONTRAIL_TEXT_READY;
        }
      return TRUE;
    }

  if (attr->type == VALUE_JSON && strcmp (attr->json, "null") != 0)
    {
      set_text (import, text, attr->json, strlen (attr->json));
      return TRUE;
    }

  return FALSE;
}

typedef struct
{
  guint64 index;
  guint   attr;
} Indexed;

static int
compare_indexed (gconstpointer a,
                 gconstpointer b)
{
  const Indexed *ia = a;
  const Indexed *ib = b;

  if (ia->index != ib->index)
    return ia->index < ib->index ? -1 : 1;

  return ia->attr < ib->attr ? -1 : (ia->attr > ib->attr ? 1 : 0);
}

/* Flattened messages: PREFIX<n>.<field> (gen_ai.prompt.0.content,
 * llm.input_messages.0.message.role) → [{"<field>": …}, …] by n. */
static gboolean
set_text_from_indexed (ContrailImport *import,
                       ContrailText   *text,
                       GArray         *attrs,
                       guint8         *used,
                       const char     *prefix)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Indexed));
  g_autoptr(GString) out = NULL;
  gsize prefix_len = strlen (prefix);

  for (guint k = 0; k < attrs->len; k++)
    {
      const char *key = g_array_index (attrs, Attr, k).key;
      const char *p;
      Indexed item = { 0, k };
      guint n_digits = 0;

      if (strncmp (key, prefix, prefix_len) != 0)
        continue;
      for (p = key + prefix_len; g_ascii_isdigit (*p) && n_digits < 9; p++, n_digits++)
        item.index = item.index * 10 + (guint64)(*p - '0');
      if (n_digits == 0 || p[0] != '.' || p[1] == '\0')
        continue;
      g_array_append_val (found, item);
    }

  if (found->len == 0)
    return FALSE;

  g_array_sort (found, compare_indexed);
  out = g_string_new ("[");
  for (guint k = 0; k < found->len; k++)
    {
      Indexed *item = &g_array_index (found, Indexed, k);
      const Attr *attr = &g_array_index (attrs, Attr, item->attr);
      const char *field = strchr (attr->key + prefix_len, '.') + 1;

      if (k == 0 || item->index != g_array_index (found, Indexed, k - 1).index)
        g_string_append (out, k == 0 ? "{" : "},{");
      else
        g_string_append_c (out, ',');
      contrail_json_append_string (out, field);
      g_string_append_c (out, ':');
      append_attr_json (out, attr);
      used[item->attr] = TRUE;
    }
  g_string_append (out, "}]");

  set_text (import, text, out->str, out->len);

  return TRUE;
}

/* Attribute keys that hold a span's input or output, in order of preference;
 * a key ending in '.' is a prefix of flattened messages. */
static const char * const input_keys[] = {
  "gen_ai.input.messages", "gen_ai.prompt", "gen_ai.prompt.", "input.value",
  "llm.input_messages.", "gen_ai.tool.call.arguments", "ai.prompt.messages", "ai.prompt",
  "traceloop.entity.input", "mlflow.spanInputs", "langfuse.observation.input", NULL
};
static const char * const output_keys[] = {
  "gen_ai.output.messages", "gen_ai.completion", "gen_ai.completion.", "output.value",
  "llm.output_messages.", "gen_ai.tool.call.result", "ai.response.text", "ai.response.object",
  "traceloop.entity.output", "mlflow.spanOutputs", "langfuse.observation.output", NULL
};

static gboolean
set_text_from_keys (ContrailImport     *import,
                    ContrailText       *text,
                    ContrailOtelFields *fields,
                    guint8             *used,
                    const char * const *keys)
{
  for (guint k = 0; keys[k] != NULL; k++)
    {
      gint found;

      if (g_str_has_suffix (keys[k], "."))
        {
          if (set_text_from_indexed (import, text, fields->attrs, used, keys[k]))
            return TRUE;
          continue;
        }

      found = find_attr (fields->attrs, 0, fields->attrs->len, keys[k]);
      if (found >= 0 &&
          set_text_from_attr (import, text, &g_array_index (fields->attrs, Attr, found)))
        {
          used[found] = TRUE;
          return TRUE;
        }
    }

  return FALSE;
}

/* GenAI events: gen_ai.content.prompt / .completion carry the whole text;
 * gen_ai.{system,user,assistant,tool}.message and gen_ai.choice one message
 * each. */
static gboolean
set_text_from_events (ContrailImport     *import,
                      ContrailText       *text,
                      ContrailOtelFields *fields,
                      gboolean            output)
{
  g_autoptr(GString) out = g_string_new ("[");
  const char *whole_event = output ? "gen_ai.content.completion" : "gen_ai.content.prompt";
  const char *whole_key = output ? "gen_ai.completion" : "gen_ai.prompt";
  guint n = 0;

  for (guint e = 0; e < fields->events->len; e++)
    {
      Event *event = &g_array_index (fields->events, Event, e);
      gint k;

      if (strcmp (event->name, whole_event) != 0)
        continue;
      k = find_attr (fields->event_attrs, event->first, event->n_attrs, whole_key);
      if (k >= 0 &&
          set_text_from_attr (import, text, &g_array_index (fields->event_attrs, Attr, k)))
        return TRUE;
    }

  for (guint e = 0; e < fields->events->len; e++)
    {
      Event *event = &g_array_index (fields->events, Event, e);
      const char *role = NULL;
      gboolean first = TRUE;

      if (output && strcmp (event->name, "gen_ai.choice") == 0)
        role = "";
      else if (!output && (strcmp (event->name, "gen_ai.system.message") == 0 ||
                           strcmp (event->name, "gen_ai.user.message") == 0 ||
                           strcmp (event->name, "gen_ai.assistant.message") == 0 ||
                           strcmp (event->name, "gen_ai.tool.message") == 0))
        role = event->name + strlen ("gen_ai.");
      else
        continue;

      g_string_append (out, n++ > 0 ? ",{" : "{");
      if (role[0] != '\0' &&
          find_attr (fields->event_attrs, event->first, event->n_attrs, "role") < 0)
        {
          g_autofree char *name = g_strndup (role, strchr (role, '.') - role);

          g_string_append (out, "\"role\":");
          contrail_json_append_string (out, name);
          first = FALSE;
        }
      for (guint k = event->first; k < event->first + event->n_attrs; k++)
        {
          const Attr *attr = &g_array_index (fields->event_attrs, Attr, k);

          if (strcmp (attr->key, "event") == 0)
            continue;
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          contrail_json_append_string (out, attr->key);
          g_string_append_c (out, ':');
          append_attr_json (out, attr);
        }
      g_string_append_c (out, '}');
    }

  if (n == 0)
    return FALSE;

  g_string_append_c (out, ']');
  set_text (import, text, out->str, out->len);

  return TRUE;
}

/* The attributes not shown elsewhere, as a JSON object (first key wins). */
static void
set_meta (ContrailImport     *import,
          ContrailSpan       *span,
          ContrailOtelFields *fields,
          const guint8       *used)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new ("{");
  guint n = 0;

  for (guint k = 0; k < fields->attrs->len; k++)
    {
      const Attr *attr = &g_array_index (fields->attrs, Attr, k);

      if (!g_hash_table_add (seen, attr->key) || used[k])
        continue;
      if (n++ > 0)
        g_string_append_c (out, ',');
      contrail_json_append_string (out, attr->key);
      g_string_append_c (out, ':');
      append_attr_json (out, attr);
    }

  if (n == 0)
    return;

  g_string_append_c (out, '}');
  set_text (import, &span->meta, out->str, out->len);
}

void
_contrail_otel_fields_apply (ContrailImport     *import,
                             ContrailOtelFields *fields,
                             ContrailSpan       *span,
                             const char         *kind_type)
{
  static const char * const type_keys[] = {
    "gen_ai.operation.name", "openinference.span.kind", NULL
  };
  static const char * const model_keys[] = {
    "gen_ai.request.model", "gen_ai.response.model", "llm.model_name", NULL
  };
  g_autofree guint8 *used = g_new0 (guint8, MAX (fields->attrs->len, 1));
  gint64 total;
  gint k;

  span->type = first_string (import, fields, type_keys);
  if (span->type == NULL && kind_type != NULL)
    span->type = _contrail_store_intern (import->store, kind_type, -1);
  span->model = first_string (import, fields, model_keys);

  if (!first_count (import, fields, "gen_ai.usage.total_tokens", "llm.token_count.total",
                    &total))
    {
      gint64 in, out;
      gboolean has_in = first_count (import, fields, "gen_ai.usage.input_tokens",
                                     "gen_ai.usage.prompt_tokens", &in);
      gboolean has_out = first_count (import, fields, "gen_ai.usage.output_tokens",
                                      "gen_ai.usage.completion_tokens", &out);

      if (has_in && has_out)
        {
          if (__builtin_add_overflow (in, out, &total))
            total = CONTRAIL_TOKENS_NONE;
        }
      else if (has_in)
        total = in;
      else if (has_out)
        total = out;
      else
        total = CONTRAIL_TOKENS_NONE;
    }
  span->total_tokens = total;

  if (!set_text_from_keys (import, &span->input, fields, used, input_keys))
    set_text_from_events (import, &span->input, fields, FALSE);
  if (!set_text_from_keys (import, &span->output, fields, used, output_keys))
    set_text_from_events (import, &span->output, fields, TRUE);
  k = find_attr (fields->attrs, 0, fields->attrs->len, "gen_ai.system_instructions");
  if (k >= 0 &&
      set_text_from_attr (import, &span->instructions, &g_array_index (fields->attrs, Attr, k)))
    used[k] = TRUE;

  set_meta (import, span, fields, used);
}

/* ---- Traces ---- */

ContrailTrace *
_contrail_otel_trace_new (ContrailImport      *import,
                          ContrailTraceFormat  format,
                          const char          *id,
                          GPtrArray           *spans)
{
  ContrailTrace *trace = _contrail_trace_new (import->store, format);

  trace->id = id;

  for (guint k = 0; k < spans->len; k++)
    {
      ContrailSpan *span = g_ptr_array_index (spans, k);

      if (CONTRAIL_TIME_IS_VALID (span->start_time) &&
          (!CONTRAIL_TIME_IS_VALID (trace->start_time) || span->start_time < trace->start_time))
        trace->start_time = span->start_time;
      if (CONTRAIL_TIME_IS_VALID (span->end_time) &&
          (!CONTRAIL_TIME_IS_VALID (trace->end_time) || span->end_time > trace->end_time))
        trace->end_time = span->end_time;
    }

  _contrail_trace_finish (trace);
  _contrail_trace_set_spans (trace, spans, NULL);

  if (trace->roots->len > 0)
    trace->name = ((ContrailSpan *)g_ptr_array_index (trace->roots, 0))->name;

  return trace;
}

/* ---- OTLP ---- */

typedef struct
{
  const char *id;
  GPtrArray  *spans;
} Group;

typedef struct
{
  ContrailOtelFields *fields;       /* of the span being read */
  ContrailOtelFields *resource;     /* of the ResourceSpans being read */
  GPtrArray          *pending;      /* spans of the ResourceSpans being read */
  GPtrArray          *pending_ids;  /* their trace ids */
  GHashTable         *by_id;        /* trace id → Group */
  Group              *no_id;        /* spans without a trace id */
  GPtrArray          *groups;       /* Group, in order of first appearance */
  guint               n_spans;
} Otlp;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_ptr_array_unref (group->spans);
  g_free (group);
}

static const char *
read_kind (ContrailImport *import)
{
  static const char * const names[] = {
    NULL, "internal", "server", "client", "producer", "consumer"
  };
  double number;
  const char *name;

  switch ((int)read_enum (import, &number))
    {
    case CONTRAIL_JSON_NUMBER:
      for (guint k = 1; k < G_N_ELEMENTS (names); k++)
        {
          if (number == (double)k)
            return names[k];
        }
      return NULL;

    case CONTRAIL_JSON_STRING:
      name = import->scratch->str;
      if (g_str_has_prefix (name, "SPAN_KIND_"))
        name += strlen ("SPAN_KIND_");
      for (guint k = 1; k < G_N_ELEMENTS (names); k++)
        {
          if (g_ascii_strcasecmp (name, names[k]) == 0)
            return names[k];
        }
      return NULL;

    default:
      return NULL;
    }
}

static gboolean
read_error_code (ContrailImport *import)
{
  double number;
  const char *name;

  switch ((int)read_enum (import, &number))
    {
    case CONTRAIL_JSON_NUMBER:
      return number == 2.0;

    case CONTRAIL_JSON_STRING:
      name = import->scratch->str;
      if (g_str_has_prefix (name, "STATUS_CODE_"))
        name += strlen ("STATUS_CODE_");
      return strcmp (name, "ERROR") == 0;

    default:
      return FALSE;
    }
}

/* Nanoseconds since the epoch → microseconds; 0 (unset) → none. */
static gint64
read_nanos (ContrailImport *import)
{
  gint64 ns;
  gint64 us;

  if (!_contrail_otel_read_int64 (import, &ns) || ns == 0)
    return CONTRAIL_TIME_NONE;

  us = ns / 1000;
  if (ns % 1000 < 0)
    us--;

  return us;
}

static void
read_span (Otlp           *self,
           ContrailImport *import)
{
  ContrailJsonReader *reader = import->reader;
  ContrailSpan *span;
  ContrailJsonSlice key;
  const char *trace_id = NULL;
  const char *kind = NULL;
  const char *message = NULL;
  gboolean is_error = FALSE;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return;
    }

  span = _contrail_span_new (import->store);
  _contrail_otel_fields_reset (self->fields);

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (KEY ("traceId"))
        trace_id = _contrail_otel_read_id (import);
      else if (KEY ("spanId"))
        span->id = _contrail_otel_read_id (import);
      else if (KEY ("parentSpanId"))
        {
          span->parent_id = _contrail_otel_read_id (import);
          if (span->parent_id != NULL && span->parent_id[0] == '\0')
            span->parent_id = NULL;
        }
      else if (KEY ("name"))
        span->name = _contrail_import_string (import);
      else if (KEY ("kind"))
        kind = read_kind (import);
      else if (KEY ("startTimeUnixNano"))
        span->start_time = read_nanos (import);
      else if (KEY ("endTimeUnixNano"))
        span->end_time = read_nanos (import);
      else if (KEY ("attributes"))
        _contrail_otel_read_attributes (import, self->fields);
      else if (KEY ("events"))
        _contrail_otel_read_events (import, self->fields);
      else if (KEY ("status") && contrail_json_reader_enter_object (reader))
        {
          while (contrail_json_reader_next_member (reader, &key))
            {
              if (KEY ("code"))
                is_error = read_error_code (import);
              else if (KEY ("message"))
                message = _contrail_import_string (import);
              else
                contrail_json_reader_skip (reader, NULL, NULL);
            }
        }
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  _contrail_otel_fields_apply (import, self->fields, span, kind);
  if (is_error)
    span->error = message != NULL && message[0] != '\0'
                  ? message : _contrail_store_intern (import->store, "error", -1);
  _contrail_span_finish (span);

  g_ptr_array_add (self->pending, span);
  g_ptr_array_add (self->pending_ids, (gpointer)trace_id);
  self->n_spans++;
}

/* scopeSpans / instrumentationLibrarySpans: [{scope, spans: [Span…]}…] */
static gboolean
read_scopes (Otlp            *self,
             ContrailImport  *import,
             GError         **error)
{
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return TRUE;
    }

  while (contrail_json_reader_next_element (reader))
    {
      ContrailJsonSlice key;

      if (!contrail_json_reader_enter_object (reader))
        {
          contrail_json_reader_skip (reader, NULL, NULL);
          continue;
        }

      while (contrail_json_reader_next_member (reader, &key))
        {
          if (!KEY ("spans") || !contrail_json_reader_enter_array (reader))
            {
              contrail_json_reader_skip (reader, NULL, NULL);
              continue;
            }

          while (contrail_json_reader_next_element (reader))
            {
              read_span (self, import);
              if ((self->n_spans & 1023) == 0 &&
                  _contrail_import_check_cancelled (import, error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

static Group *
get_group (Otlp       *self,
           const char *id)
{
  Group *group;

  if (id == NULL)
    group = self->no_id;
  else
    group = g_hash_table_lookup (self->by_id, id);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->id = id;
      group->spans = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->groups, group);
      if (id == NULL)
        self->no_id = group;
      else
        g_hash_table_insert (self->by_id, (gpointer)id, group);
    }

  return group;
}

/* One ResourceSpans: {resource: {attributes}, scopeSpans: […]}.  The
 * resource may come after the spans, so they wait for it in self->pending. */
static gboolean
read_resource_spans (Otlp            *self,
                     ContrailImport  *import,
                     GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  ContrailJsonSlice key;
  const char *service;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return TRUE;
    }

  _contrail_otel_fields_reset (self->resource);
  g_ptr_array_set_size (self->pending, 0);
  g_ptr_array_set_size (self->pending_ids, 0);

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (KEY ("resource") && contrail_json_reader_enter_object (reader))
        {
          while (contrail_json_reader_next_member (reader, &key))
            {
              if (KEY ("attributes"))
                _contrail_otel_read_attributes (import, self->resource);
              else
                contrail_json_reader_skip (reader, NULL, NULL);
            }
        }
      else if (KEY ("scopeSpans") || KEY ("instrumentationLibrarySpans"))
        {
          if (!read_scopes (self, import, error))
            return FALSE;
        }
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  service = _contrail_otel_fields_get_string (import, self->resource, "service.name");
  for (guint k = 0; k < self->pending->len; k++)
    {
      ContrailSpan *span = g_ptr_array_index (self->pending, k);
      Group *group = get_group (self, g_ptr_array_index (self->pending_ids, k));

      span->service = service;
      g_ptr_array_add (group->spans, g_object_ref (span));
    }
  g_ptr_array_set_size (self->pending, 0);
  g_ptr_array_set_size (self->pending_ids, 0);

  return TRUE;
}

static gboolean
read_resource_spans_array (Otlp            *self,
                           ContrailImport  *import,
                           GError         **error)
{
  ContrailJsonReader *reader = import->reader;

  if (!contrail_json_reader_enter_array (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return TRUE;
    }

  while (contrail_json_reader_next_element (reader))
    {
      if (!read_resource_spans (self, import, error))
        return FALSE;
    }

  return TRUE;
}

/* One export (one line of a JSON lines file). */
static gboolean
read_document (Otlp            *self,
               ContrailImport  *import,
               GError         **error)
{
  ContrailJsonReader *reader = import->reader;
  ContrailJsonSlice key;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return TRUE;
    }

  while (contrail_json_reader_next_member (reader, &key))
    {
      if (KEY ("resourceSpans") || KEY ("batches"))
        {
          if (!read_resource_spans_array (self, import, error))
            return FALSE;
        }
      else if (KEY ("result") && contrail_json_reader_enter_object (reader))
        {
          while (contrail_json_reader_next_member (reader, &key))
            {
              if (!KEY ("resourceSpans"))
                contrail_json_reader_skip (reader, NULL, NULL);
              else if (!read_resource_spans_array (self, import, error))
                return FALSE;
            }
        }
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  return TRUE;
}

static gboolean
only_whitespace (const char *data,
                 gsize       len)
{
  for (gsize k = 0; k < len; k++)
    {
      if (data[k] != ' ' && data[k] != '\t' && data[k] != '\n' && data[k] != '\r')
        return FALSE;
    }

  return TRUE;
}

GPtrArray *
_contrail_import_otlp (ContrailImport  *import,
                       GError         **error)
{
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pending_ids = g_ptr_array_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ContrailImport line = *import;
  gsize offset = 0;
  gboolean ok = TRUE;
  Otlp self = { 0 };

  self.fields = _contrail_otel_fields_new ();
  self.resource = _contrail_otel_fields_new ();
  self.pending = pending;
  self.pending_ids = pending_ids;
  self.by_id = by_id;
  self.groups = groups;

  /* JSON lines: each value after the first gets a reader of its own. */
  for (;;)
    {
      const GError *reader_error;

      ok = read_document (&self, &line, error);
      reader_error = contrail_json_reader_get_error (line.reader);
      if (ok && reader_error != NULL)
        {
          g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                       _("invalid JSON: %s"), reader_error->message);
          ok = FALSE;
        }

      offset += contrail_json_reader_get_offset (line.reader);
      if (line.reader != import->reader)
        contrail_json_reader_free (line.reader);
      line.reader = NULL;

      if (!ok || import->data == NULL || offset >= import->len ||
          only_whitespace (import->data + offset, import->len - offset))
        break;

      line.reader = contrail_json_reader_new (import->data + offset, import->len - offset);
    }

  _contrail_otel_fields_free (self.fields);
  _contrail_otel_fields_free (self.resource);

  if (!ok)
    return NULL;

  if (groups->len == 0)
    {
      g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                   _("invalid trace: the OTLP file holds no spans"));
      return NULL;
    }

  traces = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < groups->len; k++)
    {
      Group *group = g_ptr_array_index (groups, k);

      g_ptr_array_add (traces,
                       _contrail_otel_trace_new (import, CONTRAIL_TRACE_FORMAT_OTLP, group->id,
                                                 g_steal_pointer (&group->spans)));
      group->spans = g_ptr_array_new ();
    }

  return g_steal_pointer (&traces);
}
