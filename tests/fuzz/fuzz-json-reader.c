/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The JSON pull reader on arbitrary bytes.  Pass 1 walks every value (some
 * skipped instead, chosen by the input), decodes every key and string, and
 * checks that each decoded string and number survives the writer and the
 * reader again.  Pass 2 skips the whole document in one call.  Both passes
 * must agree on whether the input is one valid JSON document, and on where
 * it ends.
 */
#define G_LOG_DOMAIN "contrail-fuzz"

#include <math.h>
#include <string.h>

#include "contrail-json-reader.h"

#include "fuzz-harness.h"

static void
check_decoded (const ContrailJsonSlice *slice)
{
  g_autofree char *decoded = contrail_json_slice_dup (slice);
  g_autoptr(GString) literal = g_string_new (NULL);
  g_autoptr(ContrailJsonReader) reader = NULL;
  g_autofree char *again = NULL;
  ContrailJsonSlice slice2;
  gboolean valid = slice->escaped || g_utf8_validate (slice->data, slice->len, NULL);

  if (!g_utf8_validate (decoded, -1, NULL))
    g_error ("fuzz-json-reader: a decoded string is not valid UTF-8");
  if (!slice->escaped && valid &&
      (strlen (decoded) != slice->len || memcmp (decoded, slice->data, slice->len) != 0))
    g_error ("fuzz-json-reader: an unescaped valid string decodes to something else");
  /* (An unescaped slice with invalid UTF-8 is compared byte for byte.) */
  if (valid && !contrail_json_slice_equal (slice, decoded))
    g_error ("fuzz-json-reader: a slice is not equal to its own decoding");

  /* The writer's literal reads back to the same text. */
  contrail_json_append_string (literal, decoded);
  reader = contrail_json_reader_new (literal->str, literal->len);
  if (!contrail_json_reader_read_string (reader, &slice2) || !contrail_json_reader_at_end (reader))
    g_error ("fuzz-json-reader: the writer's string literal does not read back: %s", literal->str);
  again = contrail_json_slice_dup (&slice2);
  if (strcmp (again, decoded) != 0)
    g_error ("fuzz-json-reader: a string changes through the writer: %s", literal->str);
}

static void
check_number (double   value,
              gboolean is_integer,
              gint64   int_value)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  g_autoptr(ContrailJsonReader) reader = NULL;
  double value2;
  gboolean is_integer2;
  gint64 int_value2;

  if (isnan (value))
    g_error ("fuzz-json-reader: a number literal read as NaN");
  if (is_integer && (double)int_value != value)
    g_error ("fuzz-json-reader: integer %" G_GINT64_FORMAT " read as the double %.17g",
             int_value, value);
  if (!isfinite (value))
    return;

  contrail_json_append_double (literal, value);
  reader = contrail_json_reader_new (literal->str, literal->len);
  if (!contrail_json_reader_read_number (reader, &value2, &is_integer2, &int_value2) ||
      !contrail_json_reader_at_end (reader))
    g_error ("fuzz-json-reader: the writer's number %s does not read back", literal->str);
  if (value2 != value)
    g_error ("fuzz-json-reader: %.17g is written as %s, which reads as %.17g",
             value, literal->str, value2);
}

/* Skips the next value, checking what skip reports as its raw text. */
static gboolean
skip_value (ContrailJsonReader *reader,
            const char         *start,
            gsize               size)
{
  ContrailJsonType type = contrail_json_reader_peek (reader);
  const char *raw = NULL;
  gsize raw_len = 0;

  if (!contrail_json_reader_skip (reader, &raw, &raw_len))
    return FALSE;

  if (raw == NULL || raw_len == 0 || raw < start || raw + raw_len > start + size)
    g_error ("fuzz-json-reader: skip reported raw text outside the input");
  if ((type == CONTRAIL_JSON_OBJECT && (raw[0] != '{' || raw[raw_len - 1] != '}')) ||
      (type == CONTRAIL_JSON_ARRAY && (raw[0] != '[' || raw[raw_len - 1] != ']')) ||
      (type == CONTRAIL_JSON_STRING && (raw[0] != '"' || raw[raw_len - 1] != '"' || raw_len < 2)))
    g_error ("fuzz-json-reader: skip reported raw text that is not the value");

  /* The raw text is itself one complete document. */
  {
    g_autoptr(ContrailJsonReader) sub = contrail_json_reader_new (raw, raw_len);

    if (!contrail_json_reader_skip (sub, NULL, NULL) || !contrail_json_reader_at_end (sub))
      g_error ("fuzz-json-reader: the raw text of a skipped value does not parse again");
  }

  return TRUE;
}

/* Reads one value: a scalar is consumed, a container is entered and pushed
 * on @stack ('o' or 'a').  FALSE on an error or where no value can start. */
static gboolean
read_value (ContrailJsonReader *reader,
            GByteArray         *stack,
            gboolean            skip,
            const char         *start,
            gsize               size)
{
  ContrailJsonSlice slice;
  double value;
  gboolean is_integer;
  gint64 int_value;
  gboolean boolean;
  guint8 mark;

  if (skip)
    return skip_value (reader, start, size);

  switch (contrail_json_reader_peek (reader))
    {
    case CONTRAIL_JSON_NULL:
      return contrail_json_reader_read_null (reader);

    case CONTRAIL_JSON_BOOLEAN:
      return contrail_json_reader_read_boolean (reader, &boolean);

    case CONTRAIL_JSON_NUMBER:
      if (!contrail_json_reader_read_number (reader, &value, &is_integer, &int_value))
        return FALSE;
      check_number (value, is_integer, int_value);
      return TRUE;

    case CONTRAIL_JSON_STRING:
      if (!contrail_json_reader_read_string (reader, &slice))
        return FALSE;
      check_decoded (&slice);
      return TRUE;

    case CONTRAIL_JSON_OBJECT:
      if (!contrail_json_reader_enter_object (reader))
        return FALSE;
      mark = 'o';
      g_byte_array_append (stack, &mark, 1);
      return TRUE;

    case CONTRAIL_JSON_ARRAY:
      if (!contrail_json_reader_enter_array (reader))
        return FALSE;
      mark = 'a';
      g_byte_array_append (stack, &mark, 1);
      return TRUE;

    case CONTRAIL_JSON_ERROR:
    default:
      return FALSE;
    }
}

/* Pass 1.  Returns whether the input is one valid document; *end is the
 * offset after it. */
static gboolean
walk (const char *start,
      gsize       size,
      guint8      seed,
      gsize      *end)
{
  g_autoptr(ContrailJsonReader) reader = contrail_json_reader_new (start, size);
  g_autoptr(GByteArray) stack = g_byte_array_new ();
  guint n_values = 0;
  gboolean ok;

  /* Every seventh value, counted from an offset the input chooses, is
   * skipped whole rather than walked. */
  if (!read_value (reader, stack, seed % 8 == 0, start, size))
    goto out;

  while (stack->len > 0)
    {
      guint8 top = stack->data[stack->len - 1];
      ContrailJsonSlice key;
      gboolean more;

      if (top == 'o')
        {
          more = contrail_json_reader_next_member (reader, &key);
          if (more)
            check_decoded (&key);
        }
      else
        {
          more = contrail_json_reader_next_element (reader);
        }

      if (contrail_json_reader_get_error (reader) != NULL)
        goto out;
      if (!more)
        {
          g_byte_array_set_size (stack, stack->len - 1);
          continue;
        }

      n_values++;
      if (!read_value (reader, stack, (n_values + seed) % 7 == 0, start, size))
        goto out;
    }

out:
  ok = contrail_json_reader_get_error (reader) == NULL && stack->len == 0 &&
       contrail_json_reader_at_end (reader);
  *end = contrail_json_reader_get_offset (reader);

  return ok;
}

/* Pass 2: one skip of the top-level value. */
static gboolean
skip_all (const char *start,
          gsize       size,
          gsize      *end)
{
  g_autoptr(ContrailJsonReader) reader = contrail_json_reader_new (start, size);
  gboolean ok = contrail_json_reader_skip (reader, NULL, NULL) && contrail_json_reader_at_end (reader);
  const GError *error = contrail_json_reader_get_error (reader);

  if (error != NULL && (error->message == NULL || !g_utf8_validate (error->message, -1, NULL)))
    g_error ("fuzz-json-reader: an error message is not valid UTF-8");
  *end = contrail_json_reader_get_offset (reader);

  return ok;
}

int
contrail_fuzz_json_reader (const guint8 *data,
                           gsize         size)
{
  /* A private heap copy of exactly @size bytes: no terminating NUL to lean
   * on.  Empty input is passed as NULL, which the reader accepts. */
  g_autofree char *copy = size > 0 ? g_memdup2 (data, size) : NULL;
  gsize end1 = 0;
  gsize end2 = 0;
  gboolean ok1;
  gboolean ok2;

  ok1 = walk (copy, size, size > 0 ? (guint8)data[size - 1] : 0, &end1);
  ok2 = skip_all (copy, size, &end2);

  if (ok1 != ok2)
    g_error ("fuzz-json-reader: walking says %s, skipping says %s",
             ok1 ? "valid" : "invalid", ok2 ? "valid" : "invalid");
  if (ok1 && (end1 != size || end2 != size))
    g_error ("fuzz-json-reader: a valid document ends at %" G_GSIZE_FORMAT " / %" G_GSIZE_FORMAT
             " of %" G_GSIZE_FORMAT, end1, end2, size);
  if (end1 > size || end2 > size)
    g_error ("fuzz-json-reader: the offset is past the end of the input");

  return 0;
}

CONTRAIL_FUZZ_ENTRY (contrail_fuzz_json_reader)
