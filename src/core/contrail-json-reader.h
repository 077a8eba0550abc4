/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ContrailJsonReader: a single-pass, non-recursive JSON pull parser over a byte
 * buffer (usually a mapped file).  It never copies the buffer, never recurses
 * (nesting depth is limited only by memory: one bit per open container), and
 * validates the whole document as it goes.  Strings are handed out as slices
 * into the buffer and decoded only on demand, so a 50 MB string costs one scan.
 *
 * Usage is schema-directed:
 *
 *   if (!contrail_json_reader_enter_object (r)) ...
 *   while (contrail_json_reader_next_member (r, &key))
 *     {
 *       if (contrail_json_slice_equal (&key, "name"))
 *         contrail_json_reader_read_string (r, &slice);   // or peek first
 *       else
 *         contrail_json_reader_skip (r);
 *     }
 *
 * Errors are sticky: after the first syntax error every call returns FALSE /
 * CONTRAIL_JSON_ERROR and contrail_json_reader_get_error() describes it
 * (with line and column).  Not thread-safe; use one reader per thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CONTRAIL_JSON_ERROR = 0,  /* syntax error, or end of input where a value was expected */
  CONTRAIL_JSON_NULL,
  CONTRAIL_JSON_BOOLEAN,
  CONTRAIL_JSON_NUMBER,
  CONTRAIL_JSON_STRING,
  CONTRAIL_JSON_OBJECT,
  CONTRAIL_JSON_ARRAY,
} ContrailJsonType;

/* A string value as it appears between the quotes, still escaped. */
typedef struct
{
  const char *data;      /* points into the reader's buffer; not NUL-terminated */
  gsize       len;
  gboolean    escaped;   /* TRUE when it contains a backslash escape */
} ContrailJsonSlice;

typedef struct _ContrailJsonReader ContrailJsonReader;

ContrailJsonReader *contrail_json_reader_new          (const char         *data,
                                                       gsize               len);
void                contrail_json_reader_free         (ContrailJsonReader *reader);

/* Type of the next value, without consuming it.  Skips whitespace.  Returns
 * CONTRAIL_JSON_ERROR at end of input or on a byte that cannot start a value. */
ContrailJsonType    contrail_json_reader_peek         (ContrailJsonReader *reader);

/* Consume '{' / '['.  FALSE (and no error set) when the next value is of
 * another type; FALSE with an error on a syntax error. */
gboolean            contrail_json_reader_enter_object (ContrailJsonReader *reader);
gboolean            contrail_json_reader_enter_array  (ContrailJsonReader *reader);

/* Inside an object: read the next key and the ':' after it.  Returns FALSE
 * after consuming the closing '}' (or on error).  The caller must then read
 * or skip exactly one value before calling it again. */
gboolean            contrail_json_reader_next_member  (ContrailJsonReader *reader,
                                                       ContrailJsonSlice  *key);

/* Inside an array: TRUE when another element follows (the caller then reads
 * or skips it); FALSE after consuming the closing ']' (or on error). */
gboolean            contrail_json_reader_next_element (ContrailJsonReader *reader);

/* Read scalar values.  Each returns FALSE without consuming anything (and
 * without an error) when the next value has another type, so the caller can
 * skip it instead.  Numbers: *value is the double (may be ±inf for huge
 * numbers); is_integer is TRUE when the literal has no fraction or exponent and
 * fits in a gint64, and then *int_value holds it exactly. */
gboolean            contrail_json_reader_read_string  (ContrailJsonReader *reader,
                                                       ContrailJsonSlice  *slice);
gboolean            contrail_json_reader_read_number  (ContrailJsonReader *reader,
                                                       double             *value,
                                                       gboolean           *is_integer,
                                                       gint64             *int_value);
gboolean            contrail_json_reader_read_boolean (ContrailJsonReader *reader,
                                                       gboolean           *value);
gboolean            contrail_json_reader_read_null    (ContrailJsonReader *reader);

/* Skip the next value of any type and depth, iteratively, validating it.
 * Optionally reports the raw bytes of the skipped value (for keeping a
 * sub-document such as "meta" as text).  FALSE on error. */
gboolean            contrail_json_reader_skip         (ContrailJsonReader *reader,
                                                       const char        **raw,
                                                       gsize              *raw_len);

/* After the top-level value: TRUE when only whitespace remains. */
gboolean            contrail_json_reader_at_end       (ContrailJsonReader *reader);

/* Only for input that is a read-only mapping of a file (never heap memory,
 * which madvise would clear): while reading, give the pages behind the cursor
 * back to the system so that a large file does not stay resident. Slices
 * into released pages stay valid: they are read back from the file. */
void                contrail_json_reader_set_release_input (ContrailJsonReader *reader,
                                                            gboolean            release);

/* Byte offset of the next unread byte (after whitespace is not skipped). */
gsize               contrail_json_reader_get_offset   (ContrailJsonReader *reader);

/* The first error, or NULL.  Domain CONTRAIL_ERROR, code
 * CONTRAIL_ERROR_INVALID_DATA; message like "line 3, column 14: expected ':'". */
const GError       *contrail_json_reader_get_error    (ContrailJsonReader *reader);

/* Slice helpers */
gboolean            contrail_json_slice_equal         (const ContrailJsonSlice *slice,
                                                       const char              *str);

/* Decode a slice into NUL-terminated, valid UTF-8: escapes are resolved,
 * \u0000 and lone surrogates become U+FFFD, and invalid UTF-8 bytes become
 * U+FFFD.  Appends to @out (which is not cleared) and returns @out->str + the
 * old length. */
const char         *contrail_json_slice_decode        (const ContrailJsonSlice *slice,
                                                       GString                 *out);
/* Same, newly allocated. */
char               *contrail_json_slice_dup           (const ContrailJsonSlice *slice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContrailJsonReader, contrail_json_reader_free)

/* ---- Writing (small helpers for normalized JSON output) ---- */

/* Append @str (UTF-8, may be NULL → null) as a JSON string literal.  Control
 * characters, '"' and '\\' are escaped; U+2028/U+2029 are escaped; invalid
 * UTF-8 is replaced by U+FFFD; everything else is written as UTF-8. */
void                contrail_json_append_string       (GString    *out,
                                                       const char *str);
/* Append a number the shortest way that reads back to the same double:
 * integral values in ±2^53 without a fraction ("1750"), others like
 * "1750.123" or "1e+300".  NaN and infinities are written as null. */
void                contrail_json_append_double       (GString    *out,
                                                       double      value);

G_END_DECLS
