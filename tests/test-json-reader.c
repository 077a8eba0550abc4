/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "contrail-error.h"
#include "contrail-json-reader.h"

/* Every reader in these tests reads an exact-size heap copy without a
 * terminating NUL, so that AddressSanitizer catches any read past the end. */
typedef struct
{
  char               *buf;
  ContrailJsonReader *reader;
} Doc;

static Doc *
doc_new_len (const char *json,
             gsize       len)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->buf = len > 0 ? g_malloc (len) : NULL;
  if (len > 0)
    memcpy (doc->buf, json, len);
  doc->reader = contrail_json_reader_new (doc->buf, len);

  return doc;
}

static Doc *
doc_new (const char *json)
{
  return doc_new_len (json, strlen (json));
}

static void
doc_free (Doc *doc)
{
  contrail_json_reader_free (doc->reader);
  g_free (doc->buf);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

static const char *
error_message (ContrailJsonReader *r)
{
  const GError *error = contrail_json_reader_get_error (r);

  return error != NULL ? error->message : NULL;
}

/* Walks every value with the typed API, without recursion.  Returns the
 * number of values read, or -1 on error or when more than whitespace follows
 * the top-level value.  Appends a compact rendering of the document to @dump
 * when it is not NULL. */
static gint64
walk (ContrailJsonReader *r,
      GString            *dump)
{
  g_autoptr(GByteArray) stack = g_byte_array_new ();
  g_autoptr(GString) tmp = g_string_new (NULL);
  ContrailJsonSlice slice;
  gint64 n_values = 0;
  gboolean first = TRUE;

  for (;;)
    {
      /* a value is expected */
      switch (contrail_json_reader_peek (r))
        {
        case CONTRAIL_JSON_OBJECT:
          g_assert_true (contrail_json_reader_enter_object (r));
          g_byte_array_append (stack, (const guint8 *)"o", 1);
          if (dump)
            g_string_append_c (dump, '{');
          first = TRUE;
          break;
        case CONTRAIL_JSON_ARRAY:
          g_assert_true (contrail_json_reader_enter_array (r));
          g_byte_array_append (stack, (const guint8 *)"a", 1);
          if (dump)
            g_string_append_c (dump, '[');
          first = TRUE;
          break;
        case CONTRAIL_JSON_STRING:
          if (!contrail_json_reader_read_string (r, &slice))
            return -1;
          if (dump)
            {
              g_string_truncate (tmp, 0);
              contrail_json_append_string (dump, contrail_json_slice_decode (&slice, tmp));
            }
          break;
        case CONTRAIL_JSON_NUMBER:
          {
            double v;
            gboolean is_int;
            gint64 i;

            if (!contrail_json_reader_read_number (r, &v, &is_int, &i))
              return -1;
            if (dump && is_int)
              g_string_append_printf (dump, "%" G_GINT64_FORMAT, i);
            else if (dump)
              contrail_json_append_double (dump, v);
          }
          break;
        case CONTRAIL_JSON_BOOLEAN:
          {
            gboolean b;

            if (!contrail_json_reader_read_boolean (r, &b))
              return -1;
            if (dump)
              g_string_append (dump, b ? "true" : "false");
          }
          break;
        case CONTRAIL_JSON_NULL:
          if (!contrail_json_reader_read_null (r))
            return -1;
          if (dump)
            g_string_append (dump, "null");
          break;
        case CONTRAIL_JSON_ERROR:
        default:
          return -1;
        }
      n_values++;

      /* after a value, or after entering a container */
      for (;;)
        {
          guint8 top;

          if (stack->len == 0)
            return contrail_json_reader_at_end (r) ? n_values : -1;

          top = stack->data[stack->len - 1];
          if (top == 'o')
            {
              if (contrail_json_reader_next_member (r, &slice))
                {
                  if (dump)
                    {
                      if (!first)
                        g_string_append_c (dump, ',');
                      g_string_truncate (tmp, 0);
                      contrail_json_append_string (dump, contrail_json_slice_decode (&slice, tmp));
                      g_string_append_c (dump, ':');
                    }
                  first = FALSE;
                  break;
                }
            }
          else if (contrail_json_reader_next_element (r))
            {
              if (dump && !first)
                g_string_append_c (dump, ',');
              first = FALSE;
              break;
            }

          if (contrail_json_reader_get_error (r) != NULL)
            return -1;
          if (dump)
            g_string_append_c (dump, top == 'o' ? '}' : ']');
          g_byte_array_set_size (stack, stack->len - 1);
          first = FALSE;
        }
    }
}

/* ---- Tokens ---- */

static void
test_scalars (void)
{
  struct {
    const char       *json;
    ContrailJsonType  type;
  } cases[] = {
    { "null", CONTRAIL_JSON_NULL },
    { "true", CONTRAIL_JSON_BOOLEAN },
    { "false", CONTRAIL_JSON_BOOLEAN },
    { "0", CONTRAIL_JSON_NUMBER },
    { "-1", CONTRAIL_JSON_NUMBER },
    { "\"s\"", CONTRAIL_JSON_STRING },
    { "{}", CONTRAIL_JSON_OBJECT },
    { "[]", CONTRAIL_JSON_ARRAY },
    { " \t\r\n null", CONTRAIL_JSON_NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Doc) doc = doc_new (cases[i].json);

      g_assert_cmpint (contrail_json_reader_peek (doc->reader), ==, cases[i].type);
      /* peek does not consume */
      g_assert_cmpint (contrail_json_reader_peek (doc->reader), ==, cases[i].type);
      g_assert_cmpint (walk (doc->reader, NULL), ==, 1);
      g_assert_null (contrail_json_reader_get_error (doc->reader));
      g_assert_cmpuint (contrail_json_reader_get_offset (doc->reader), ==, strlen (cases[i].json));
    }
}

static void
test_booleans_and_null (void)
{
  g_autoptr(Doc) doc = doc_new ("[true, false, null]");
  ContrailJsonReader *r = doc->reader;
  gboolean b = 42;

  g_assert_true (contrail_json_reader_enter_array (r));
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_read_boolean (r, &b));
  g_assert_true (b == TRUE);
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_read_boolean (r, &b));
  g_assert_true (b == FALSE);
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_false (contrail_json_reader_read_boolean (r, &b));   /* wrong type: no error */
  g_assert_null (contrail_json_reader_get_error (r));
  g_assert_true (contrail_json_reader_read_null (r));
  g_assert_false (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_at_end (r));
}

static void
test_object_walk (void)
{
  g_autoptr(Doc) doc = doc_new ("{ \"id\" : \"abc\", \"n\": 12, \"ok\": true,\n"
                                "  \"nested\": {\"a\": [1, 2, {\"b\": null}]}, \"e\": {}, \"f\": [] }");
  ContrailJsonReader *r = doc->reader;
  ContrailJsonSlice key, value;
  double d;
  gboolean is_int;
  gint64 i;
  gboolean b;

  g_assert_false (contrail_json_reader_enter_array (r));   /* wrong type */
  g_assert_null (contrail_json_reader_get_error (r));
  g_assert_true (contrail_json_reader_enter_object (r));

  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "id"));
  g_assert_false (contrail_json_slice_equal (&key, "i"));
  g_assert_false (contrail_json_slice_equal (&key, "idx"));
  g_assert_false (key.escaped);
  g_assert_false (contrail_json_reader_read_number (r, &d, &is_int, &i));
  g_assert_true (contrail_json_reader_read_string (r, &value));
  g_assert_cmpmem (value.data, value.len, "abc", 3);

  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "n"));
  g_assert_false (contrail_json_reader_read_string (r, &value));
  g_assert_null (value.data);
  g_assert_true (contrail_json_reader_read_number (r, &d, &is_int, &i));
  g_assert_true (is_int);
  g_assert_cmpint (i, ==, 12);
  g_assert_cmpfloat (d, ==, 12.0);

  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "ok"));
  g_assert_true (contrail_json_reader_read_boolean (r, &b));
  g_assert_true (b);

  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "nested"));
  g_assert_true (contrail_json_reader_enter_object (r));
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "a"));
  g_assert_true (contrail_json_reader_enter_array (r));
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_read_number (r, &d, NULL, NULL));
  g_assert_cmpfloat (d, ==, 1.0);
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_skip (r, NULL, NULL));
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_enter_object (r));
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "b"));
  g_assert_true (contrail_json_reader_read_null (r));
  g_assert_false (contrail_json_reader_next_member (r, &key));
  g_assert_false (contrail_json_reader_next_element (r));
  g_assert_false (contrail_json_reader_next_member (r, &key));
  g_assert_null (contrail_json_reader_get_error (r));

  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "e"));
  g_assert_true (contrail_json_reader_enter_object (r));
  g_assert_false (contrail_json_reader_next_member (r, &key));

  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "f"));
  g_assert_true (contrail_json_reader_enter_array (r));
  g_assert_false (contrail_json_reader_next_element (r));

  g_assert_false (contrail_json_reader_next_member (r, &key));
  g_assert_null (contrail_json_reader_get_error (r));
  g_assert_true (contrail_json_reader_at_end (r));
  g_assert_null (contrail_json_reader_get_error (r));
}

static void
test_walk_dump (void)
{
  const char *json = " {\"a\" : [1, -2.5, 1e3, \"x\\ny\", true, false, null, {}, [],"
                     " {\"b\": {\"c\": [[[]]]}}], \"\\u00e9\": \"caf\\u00e9\"} ";
  g_autoptr(Doc) doc = doc_new (json);
  g_autoptr(GString) dump = g_string_new (NULL);

  g_assert_cmpint (walk (doc->reader, dump), ==, 17);
  g_assert_cmpstr (dump->str, ==,
                   "{\"a\":[1,-2.5,1000,\"x\\ny\",true,false,null,{},[],"
                   "{\"b\":{\"c\":[[[]]]}}],\"é\":\"café\"}");
}

static void
test_unread_values_are_skipped (void)
{
  g_autoptr(Doc) doc = doc_new ("{\"a\": {\"x\": [1, {\"y\": 2}]}, \"b\": [3, [4]], \"c\": 5}");
  ContrailJsonReader *r = doc->reader;
  ContrailJsonSlice key;
  double d;

  g_assert_true (contrail_json_reader_enter_object (r));
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "a"));
  /* not read: next_member skips it */
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "b"));
  g_assert_true (contrail_json_reader_enter_array (r));
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_next_element (r));   /* skips 3 */
  g_assert_true (contrail_json_reader_enter_array (r));
  g_assert_true (contrail_json_reader_next_element (r));
  g_assert_true (contrail_json_reader_read_number (r, &d, NULL, NULL));
  g_assert_cmpfloat (d, ==, 4);
  /* at_end closes both arrays and the object, validating what is left */
  g_assert_true (contrail_json_reader_at_end (r));
  g_assert_null (contrail_json_reader_get_error (r));
}

static void
test_at_end_validates_the_rest (void)
{
  g_autoptr(Doc) doc = doc_new ("{\"a\": [1, 2], \"b\": [3,]}");
  ContrailJsonReader *r = doc->reader;
  ContrailJsonSlice key;

  g_assert_true (contrail_json_reader_enter_object (r));
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_false (contrail_json_reader_at_end (r));
  g_assert_cmpstr (error_message (r), ==, "line 1, column 22: trailing comma before ']'");
}

static void
test_misuse (void)
{
  {
    g_autoptr(Doc) doc = doc_new ("[1, 2]");
    double d;

    g_assert_true (contrail_json_reader_enter_array (doc->reader));
    /* a value without next_element () first */
    g_assert_false (contrail_json_reader_read_number (doc->reader, &d, NULL, NULL));
    g_assert_cmpstr (error_message (doc->reader), ==, "line 1, column 2: no value is expected here");
  }
  {
    g_autoptr(Doc) doc = doc_new ("[1, 2]");
    ContrailJsonSlice key;

    g_assert_true (contrail_json_reader_enter_array (doc->reader));
    g_assert_false (contrail_json_reader_next_member (doc->reader, &key));
    g_assert_cmpstr (error_message (doc->reader), ==, "line 1, column 2: not inside an object");
  }
  {
    g_autoptr(Doc) doc = doc_new ("1");

    g_assert_false (contrail_json_reader_next_element (doc->reader));
    g_assert_cmpstr (error_message (doc->reader), ==, "line 1, column 1: not inside an array");
  }
  {
    /* past the last top-level value */
    g_autoptr(Doc) doc = doc_new ("1 ");

    g_assert_true (contrail_json_reader_skip (doc->reader, NULL, NULL));
    g_assert_true (contrail_json_reader_at_end (doc->reader));
    g_assert_cmpint (contrail_json_reader_peek (doc->reader), ==, CONTRAIL_JSON_ERROR);
    g_assert_cmpstr (error_message (doc->reader), ==, "line 1, column 3: unexpected end of input");
  }
}

/* ---- Strings and keys ---- */

static void
test_strings (void)
{
  struct {
    const char *json;
    const char *decoded;
    gboolean    escaped;
  } cases[] = {
    { "\"\"", "", FALSE },
    { "\"plain ascii\"", "plain ascii", FALSE },
    { "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "café 😀", FALSE },
    { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", TRUE },
    { "\"\\u0041\\u00e9\\u20AC\"", "Aé€", TRUE },
    { "\"\\ud83d\\ude00\"", "😀", TRUE },
    { "\"\\uD83D\\uDE00x\"", "😀x", TRUE },
    { "\"a\\ud800b\"", "a\xef\xbf\xbd" "b", TRUE },           /* lone high */
    { "\"a\\udc00b\"", "a\xef\xbf\xbd" "b", TRUE },           /* lone low */
    { "\"\\ud800\"", "\xef\xbf\xbd", TRUE },                  /* high at the end */
    { "\"\\ud800\\u0041\"", "\xef\xbf\xbd" "A", TRUE },      /* high, then no low */
    { "\"\\ud800\\ud800\\udc00\"", "\xef\xbf\xbd\xf0\x90\x80\x80", TRUE },
    { "\"\\udc00\\ud800\"", "\xef\xbf\xbd\xef\xbf\xbd", TRUE },
    { "\"\\ud800\\n\"", "\xef\xbf\xbd\n", TRUE },
    { "\"a\\u0000b\"", "a\xef\xbf\xbd" "b", TRUE },
    { "\"\\u2028\"", "\xe2\x80\xa8", TRUE },
    { "\"\\uffff\"", "\xef\xbf\xbf", TRUE },
    /* invalid UTF-8 is not a syntax error; one U+FFFD per bad byte */
    { "\"a\xff" "b\"", "a\xef\xbf\xbd" "b", FALSE },
    { "\"\xc3\"", "\xef\xbf\xbd", FALSE },                               /* truncated */
    { "\"\xe2\x82" "A\"", "\xef\xbf\xbd\xef\xbf\xbd" "A", FALSE },       /* truncated 3-byte */
    { "\"\xc0\xaf\"", "\xef\xbf\xbd\xef\xbf\xbd", FALSE },               /* overlong */
    { "\"\xed\xa0\x80\"", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", FALSE }, /* CESU surrogate */
    { "\"\xf4\x90\x80\x80\"", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", FALSE },
    { "\"\\n\xff\\t\"", "\n\xef\xbf\xbd\t", TRUE },                    /* both at once */
    { "\"\x7f\"", "\x7f", FALSE },                                      /* DEL is allowed raw */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Doc) doc = doc_new (cases[i].json);
      g_autofree char *escaped_json = g_strescape (cases[i].json, NULL);
      g_autoptr(GString) out = g_string_new ("prefix:");
      g_autofree char *dup = NULL;
      ContrailJsonSlice slice;
      const char *decoded;

      g_test_message ("case %u: %s", i, escaped_json);
      g_assert_true (contrail_json_reader_read_string (doc->reader, &slice));
      g_assert_true (contrail_json_reader_at_end (doc->reader));
      g_assert_cmpint (slice.escaped, ==, cases[i].escaped);
      g_assert_cmpmem (slice.data, slice.len, cases[i].json + 1, strlen (cases[i].json) - 2);

      decoded = contrail_json_slice_decode (&slice, out);
      g_assert_true (decoded == out->str + strlen ("prefix:"));
      g_assert_cmpstr (decoded, ==, cases[i].decoded);
      g_assert_cmpuint (out->len, ==, strlen ("prefix:") + strlen (cases[i].decoded));
      g_assert_true (g_str_has_prefix (out->str, "prefix:"));
      g_assert_true (g_utf8_validate (out->str, out->len, NULL));

      dup = contrail_json_slice_dup (&slice);
      g_assert_cmpstr (dup, ==, cases[i].decoded);
      /* unescaped slices compare byte for byte */
      if (slice.escaped || g_utf8_validate (slice.data, slice.len, NULL))
        g_assert_true (contrail_json_slice_equal (&slice, cases[i].decoded));
    }
}

static void
test_decode_matches_make_valid (void)
{
  /* Unescaped slices with random bytes must decode like g_utf8_make_valid (). */
  GRand *rand = g_rand_new_with_seed (1234);

  for (guint n = 0; n < 2000; n++)
    {
      guint len = g_rand_int_range (rand, 0, 40);
      g_autofree guchar *bytes = g_malloc (len + 1);
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      ContrailJsonSlice slice;

      for (guint i = 0; i < len; i++)
        {
          /* no '"', '\\' or NUL; mostly high bytes */
          guchar c;

          do
            c = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0x20, 0x80)
                                                     : g_rand_int_range (rand, 0x80, 0x100);
          while (c == '"' || c == '\\');
          bytes[i] = c;
        }
      slice.data = (const char *)bytes;
      slice.len = len;
      slice.escaped = FALSE;
      expected = g_utf8_make_valid ((const char *)bytes, len);
      got = contrail_json_slice_dup (&slice);
      g_assert_cmpstr (got, ==, expected);

      /* the same with an escape in front, which takes the other path */
      {
        g_autoptr(GString) json = g_string_new ("\\t");
        g_autofree char *got2 = NULL;

        g_string_append_len (json, (const char *)bytes, len);
        slice.data = json->str;
        slice.len = json->len;
        slice.escaped = TRUE;
        got2 = contrail_json_slice_dup (&slice);
        g_assert_cmpint (got2[0], ==, '\t');
        g_assert_cmpstr (got2 + 1, ==, expected);
      }
    }

  g_rand_free (rand);
}

static void
test_keys_with_escapes (void)
{
  g_autoptr(Doc) doc = doc_new ("{\"na\\u006de\": 1, \"a\\\"b\": 2, \"\\u00e9t\\u00e9\": 3,"
                                " \"\\ud83d\\ude00\": 4, \"\": 5, \"tab\\t\": 6}");
  ContrailJsonReader *r = doc->reader;
  ContrailJsonSlice key;
  const char *expected[] = { "name", "a\"b", "été", "😀", "", "tab\t" };

  g_assert_true (contrail_json_reader_enter_object (r));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *dup = NULL;
      gint64 v;
      gboolean is_int;

      g_assert_true (contrail_json_reader_next_member (r, &key));
      g_assert_true (contrail_json_slice_equal (&key, expected[i]));
      g_assert_false (contrail_json_slice_equal (&key, "nam"));
      g_assert_false (contrail_json_slice_equal (&key, "namex"));
      dup = contrail_json_slice_dup (&key);
      g_assert_cmpstr (dup, ==, expected[i]);
      g_assert_cmpint (key.escaped, ==, i < 4 || i == 5);
      g_assert_true (contrail_json_reader_read_number (r, NULL, &is_int, &v));
      g_assert_true (is_int);
      g_assert_cmpint (v, ==, i + 1);
    }
  g_assert_false (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_reader_at_end (r));
}

/* ---- Numbers ---- */

static void
test_numbers (void)
{
  struct {
    const char *json;
    double      value;
    gboolean    is_integer;
    gint64      int_value;
  } cases[] = {
    { "0", 0, TRUE, 0 },
    { "-0", -0.0, TRUE, 0 },
    { "7", 7, TRUE, 7 },
    { "-3", -3, TRUE, -3 },
    { "1750", 1750, TRUE, 1750 },
    { "1700000000000000000", 1.7e18, TRUE, G_GINT64_CONSTANT (1700000000000000000) },
    { "9223372036854775807", 9223372036854775807.0, TRUE, G_MAXINT64 },
    { "-9223372036854775808", -9223372036854775808.0, TRUE, G_MININT64 },
    { "9223372036854775808", 9223372036854775808.0, FALSE, 0 },
    { "-9223372036854775809", -9223372036854775809.0, FALSE, 0 },
    { "99999999999999999999", 1e20, FALSE, 0 },
    { "12345678901234567890123", 12345678901234567890123.0, FALSE, 0 },
    { "9007199254740993", 9007199254740992.0, TRUE, G_GINT64_CONSTANT (9007199254740993) },
    { "1.5", 1.5, FALSE, 0 },
    { "-2.25", -2.25, FALSE, 0 },
    { "0.1", 0.1, FALSE, 0 },
    { "-0.0", -0.0, FALSE, 0 },
    { "1.0", 1.0, FALSE, 0 },
    { "1e3", 1000, FALSE, 0 },
    { "1E3", 1000, FALSE, 0 },
    { "1e+3", 1000, FALSE, 0 },
    { "25e-1", 2.5, FALSE, 0 },
    { "1.25e-2", 0.0125, FALSE, 0 },
    { "0e0", 0, FALSE, 0 },
    { "1e22", 1e22, FALSE, 0 },
    { "1e23", 1e23, FALSE, 0 },
    { "123456789012345.6", 123456789012345.6, FALSE, 0 },
    { "0.000000000000000000000000001", 1e-27, FALSE, 0 },
    { "2.2250738585072014e-308", 2.2250738585072014e-308, FALSE, 0 },
    { "4.9e-324", 4.9e-324, FALSE, 0 },
    { "1e-400", 0.0, FALSE, 0 },
    { "1.7976931348623157e308", 1.7976931348623157e308, FALSE, 0 },
    { "1e00000000000000000000000001", 10.0, FALSE, 0 },
    { "0.30000000000000004", 0.30000000000000004, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Doc) doc = doc_new (cases[i].json);
      double v = 123;
      gboolean is_int = 123;
      gint64 iv = 123;

      g_test_message ("case %s", cases[i].json);
      g_assert_cmpint (contrail_json_reader_peek (doc->reader), ==, CONTRAIL_JSON_NUMBER);
      g_assert_true (contrail_json_reader_read_number (doc->reader, &v, &is_int, &iv));
      g_assert_cmpfloat (v, ==, cases[i].value);
      g_assert_cmpint (signbit (v) != 0, ==, signbit (cases[i].value) != 0);
      g_assert_cmpint (is_int, ==, cases[i].is_integer);
      if (cases[i].is_integer)
        g_assert_cmpint (iv, ==, cases[i].int_value);
      g_assert_true (contrail_json_reader_at_end (doc->reader));
    }

  /* ±inf for huge numbers */
  {
    g_autofree char *json = g_strdup_printf ("[1e400, -1e400, 1%0345d]", 0);   /* 1e345 */
    g_autoptr(Doc) doc = doc_new (json);
    double v;
    gboolean is_int;

    g_assert_true (contrail_json_reader_enter_array (doc->reader));
    g_assert_true (contrail_json_reader_next_element (doc->reader));
    g_assert_true (contrail_json_reader_read_number (doc->reader, &v, &is_int, NULL));
    g_assert_true (isinf (v) && v > 0);
    g_assert_false (is_int);
    g_assert_true (contrail_json_reader_next_element (doc->reader));
    g_assert_true (contrail_json_reader_read_number (doc->reader, &v, &is_int, NULL));
    g_assert_true (isinf (v) && v < 0);
    g_assert_true (contrail_json_reader_next_element (doc->reader));
    g_assert_true (contrail_json_reader_read_number (doc->reader, &v, &is_int, NULL));
    g_assert_false (is_int);
    g_assert_true (isinf (v) && v > 0);
    g_assert_false (contrail_json_reader_next_element (doc->reader));
    g_assert_true (contrail_json_reader_at_end (doc->reader));
  }
}

static void
test_numbers_match_strtod (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint n = 0; n < 20000; n++)
    {
      char text[64];
      int int_digits = g_rand_int_range (rand, 1, 10);
      int frac_digits = g_rand_int_range (rand, 0, 12);
      int exp = g_rand_int_range (rand, -30, 30);
      gsize len = 0;
      double v;
      gboolean is_int;

      if (g_rand_boolean (rand))
        text[len++] = '-';
      text[len++] = '1' + g_rand_int_range (rand, 0, 9);
      for (int i = 1; i < int_digits; i++)
        text[len++] = '0' + g_rand_int_range (rand, 0, 10);
      if (frac_digits > 0)
        {
          text[len++] = '.';
          for (int i = 0; i < frac_digits; i++)
            text[len++] = '0' + g_rand_int_range (rand, 0, 10);
        }
      if (g_rand_boolean (rand))
        len += g_snprintf (text + len, sizeof text - len, "e%d", exp);
      text[len] = '\0';

      {
        g_autoptr(Doc) doc = doc_new (text);

        g_assert_true (contrail_json_reader_read_number (doc->reader, &v, &is_int, NULL));
        if (v != g_ascii_strtod (text, NULL))
          g_error ("%s: %.17g != %.17g", text, v, g_ascii_strtod (text, NULL));
        g_assert_true (contrail_json_reader_at_end (doc->reader));
      }
    }

  g_rand_free (rand);
}

static void
check_number_text (const char *text)
{
  g_autoptr(Doc) doc = doc_new (text);
  double v;
  double expected = g_ascii_strtod (text, NULL);

  g_assert_true (contrail_json_reader_read_number (doc->reader, &v, NULL, NULL));
  if (memcmp (&v, &expected, sizeof v) != 0)
    g_error ("%s: got %.17g, expected %.17g", text, v, expected);
  g_assert_true (contrail_json_reader_at_end (doc->reader));
}

/* Same decimal in several notations: "<int>.<frac>", "<digits>e<exp>", "0.<digits>e<exp>". */
static void
check_digits_with_scale (const char *digits,
                         int         scale,
                         gboolean    negative)
{
  int n = strlen (digits);
  char text[128];
  const char *sign = negative ? "-" : "";
  int point = n + scale;   /* digits before the decimal point */

  g_snprintf (text, sizeof text, "%s%se%d", sign, digits, scale);
  check_number_text (text);
  g_snprintf (text, sizeof text, "%s0.%se%d", sign, digits, point);
  check_number_text (text);
  if (point > 0 && point < n)
    {
      g_snprintf (text, sizeof text, "%s%.*s.%s", sign, point, digits, digits + point);
      check_number_text (text);
    }
  else if (point <= 0 && point > -30)
    {
      g_snprintf (text, sizeof text, "%s0.%0*d%s", sign, -point, 0, digits);
      if (point == 0)
        g_snprintf (text, sizeof text, "%s0.%s", sign, digits);
      check_number_text (text);
    }
}

static void
test_numbers_hard_cases (void)
{
  GRand *rand = g_rand_new_with_seed (4711);
  const char *fixed[] = {
    "4503599627370497.5", "4503599627370498.5", "9007199254740993.0", "9007199254740995.0",
    "9007199254740993e0", "2251799813685248.25", "2251799813685248.75",
    "1125899906842624.125", "1125899906842624.375", "0.9734514048880264",
    "255.0690257394217", "0.30000000000000004", "1.7976931348623157e308",
    "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9406564584124654e-324",
    "9999999999999999999", "9999999999999999999.0", "18446744073709551615.0",
    "1844674407370955161.5e1", "0.1000000000000000055511151231257827",
    "1e-38", "12345678901234567890e-38", "1234567890123456789e-38", "1e19", "9.999999999999999999e18",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    check_number_text (fixed[i]);

  for (guint n = 0; n < 40000; n++)
    {
      char digits[32];
      int scale;

      if (n % 4 == 0)
        {
          /* exact halfway between two doubles: M + 1/2^k for M in [2^52, 2^53) */
          guint64 m = (G_GUINT64_CONSTANT (1) << 52) |
                      (((guint64)g_rand_int (rand) << 32 | g_rand_int (rand)) &
                       ((G_GUINT64_CONSTANT (1) << 52) - 1));
          static const char *halves[] = { "5", "25", "75", "125", "375" };
          guint h = g_rand_int_range (rand, 0, G_N_ELEMENTS (halves));
          int shift = h == 0 ? 0 : h < 3 ? 1 : 2;

          g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT "%s", m >> shift, halves[h]);
          scale = -(int)strlen (halves[h]);
        }
      else
        {
          int len = g_rand_int_range (rand, 1, 20);

          digits[0] = '1' + g_rand_int_range (rand, 0, 9);
          for (int i = 1; i < len; i++)
            digits[i] = '0' + g_rand_int_range (rand, 0, 10);
          digits[len] = '\0';
          scale = g_rand_int_range (rand, -45, 25);
        }
      check_digits_with_scale (digits, scale, g_rand_boolean (rand));
    }

  g_rand_free (rand);
}

/* ---- Skip ---- */

static void
test_skip_raw (void)
{
  const char *json = "{\"meta\": {\"a\": [1, {\"b\": \"}]\\\"\"}], \"c\": null} , \"x\": \"s\","
                     " \"arr\" :[ [], {} , \"]\" ] ,\"n\":-1.5e3}";
  g_autoptr(Doc) doc = doc_new (json);
  ContrailJsonReader *r = doc->reader;
  ContrailJsonSlice key;
  const char *raw = NULL;
  gsize raw_len = 0;

  g_assert_true (contrail_json_reader_enter_object (r));
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_reader_skip (r, &raw, &raw_len));
  g_assert_cmpmem (raw, raw_len, "{\"a\": [1, {\"b\": \"}]\\\"\"}], \"c\": null}", 36);
  g_assert_true (raw == doc->buf + 9);
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_reader_skip (r, &raw, &raw_len));
  g_assert_cmpmem (raw, raw_len, "\"s\"", 3);
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "arr"));
  g_assert_true (contrail_json_reader_skip (r, &raw, &raw_len));
  g_assert_cmpmem (raw, raw_len, "[ [], {} , \"]\" ]", 16);
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_reader_skip (r, &raw, NULL));
  g_assert_cmpint (raw[0], ==, '-');
  g_assert_false (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_reader_at_end (r));

  /* the whole document */
  {
    g_autoptr(Doc) doc2 = doc_new (json);

    g_assert_true (contrail_json_reader_skip (doc2->reader, &raw, &raw_len));
    g_assert_cmpmem (raw, raw_len, json, strlen (json));
    g_assert_true (contrail_json_reader_at_end (doc2->reader));
  }

  /* scalars, with surrounding whitespace not included */
  {
    const char *scalars[] = { "true", "false", "null", "-0.5e-7", "\"a\\u0041\"", "{}", "[]" };

    for (guint i = 0; i < G_N_ELEMENTS (scalars); i++)
      {
        g_autofree char *padded = g_strdup_printf ("  %s \n", scalars[i]);
        g_autoptr(Doc) doc3 = doc_new (padded);

        g_assert_true (contrail_json_reader_skip (doc3->reader, &raw, &raw_len));
        g_assert_cmpmem (raw, raw_len, scalars[i], strlen (scalars[i]));
        g_assert_true (contrail_json_reader_at_end (doc3->reader));
      }
  }
}

/* ---- Errors ---- */

typedef struct
{
  const char *json;
  gsize       len;     /* 0: strlen */
  const char *message;
} ErrorCase;

static void
check_error_case (const ErrorCase *c)
{
  gsize len = c->len ? c->len : strlen (c->json);
  g_autofree char *escaped_json = g_strescape (c->json, NULL);

  g_test_message ("invalid: %s", escaped_json);

  /* with the typed API */
  {
    g_autoptr(Doc) doc = doc_new_len (c->json, len);
    const GError *error;

    g_assert_cmpint (walk (doc->reader, NULL), ==, -1);
    error = contrail_json_reader_get_error (doc->reader);
    g_assert_error ((GError *)error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA);
    g_assert_cmpstr (error->message, ==, c->message);

    /* sticky */
    g_assert_cmpint (contrail_json_reader_peek (doc->reader), ==, CONTRAIL_JSON_ERROR);
    g_assert_false (contrail_json_reader_skip (doc->reader, NULL, NULL));
    g_assert_false (contrail_json_reader_at_end (doc->reader));
    g_assert_true (contrail_json_reader_get_error (doc->reader) == error);
    g_assert_cmpstr (error->message, ==, c->message);
  }

  /* with skip () */
  {
    g_autoptr(Doc) doc = doc_new_len (c->json, len);
    gboolean ok;

    ok = contrail_json_reader_skip (doc->reader, NULL, NULL) &&
         contrail_json_reader_at_end (doc->reader);
    g_assert_false (ok);
    g_assert_cmpstr (error_message (doc->reader), ==, c->message);
  }
}

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "", 0, "line 1, column 1: the document is empty" },
    { " \n\t\r\n ", 0, "line 1, column 1: the document is empty" },
    { "[1,]", 0, "line 1, column 3: trailing comma before ']'" },
    { "{\"a\":1,}", 0, "line 1, column 7: trailing comma before '}'" },
    { "[1 2]", 0, "line 1, column 4: expected ',' or ']'" },
    { "{\"a\":1 \"b\":2}", 0, "line 1, column 8: expected ',' or '}'" },
    { "{\"a\" 1}", 0, "line 1, column 6: expected ':'" },
    { "{1: 2}", 0, "line 1, column 2: expected a string key" },
    { "{\"a\":1, 2}", 0, "line 1, column 9: expected a string key" },
    { "{,}", 0, "line 1, column 2: expected a string key" },
    { "[,1]", 0, "line 1, column 2: unexpected ','" },
    { "[1,,2]", 0, "line 1, column 4: unexpected ','" },
    { "]", 0, "line 1, column 1: unexpected ']'" },
    { "[}", 0, "line 1, column 2: unexpected '}'" },
    { "{]", 0, "line 1, column 2: expected a string key" },
    { "[1}", 0, "line 1, column 3: expected ',' or ']'" },
    { "[", 0, "line 1, column 2: unexpected end of input" },
    { "[1", 0, "line 1, column 3: unexpected end of input" },
    { "[1,", 0, "line 1, column 4: unexpected end of input" },
    { "{", 0, "line 1, column 2: unexpected end of input" },
    { "{\"a\"", 0, "line 1, column 5: unexpected end of input" },
    { "{\"a\":", 0, "line 1, column 6: unexpected end of input" },
    { "{\"a\":1", 0, "line 1, column 7: unexpected end of input" },
    { "tru", 0, "line 1, column 1: invalid literal" },
    { "[nul]", 0, "line 1, column 2: invalid literal" },
    { "[True]", 0, "line 1, column 2: unexpected 'T'" },
    { "fals", 0, "line 1, column 1: invalid literal" },
    { "[truex]", 0, "line 1, column 6: expected ',' or ']'" },
    { "01", 0, "line 1, column 1: leading zeros are not allowed" },
    { "-01", 0, "line 1, column 2: leading zeros are not allowed" },
    { "-", 0, "line 1, column 2: expected a digit after '-'" },
    { "-a", 0, "line 1, column 2: expected a digit after '-'" },
    { "1.", 0, "line 1, column 3: expected a digit after '.'" },
    { "1.e5", 0, "line 1, column 3: expected a digit after '.'" },
    { "1e", 0, "line 1, column 3: expected a digit in the exponent" },
    { "1e+", 0, "line 1, column 4: expected a digit in the exponent" },
    { "[1e-]", 0, "line 1, column 5: expected a digit in the exponent" },
    { "+1", 0, "line 1, column 1: unexpected '+'" },
    { ".5", 0, "line 1, column 1: unexpected '.'" },
    { "NaN", 0, "line 1, column 1: unexpected 'N'" },
    { "[Infinity]", 0, "line 1, column 2: unexpected 'I'" },
    { "\"abc", 0, "line 1, column 1: unterminated string" },
    { "[\"abc\\\"]", 0, "line 1, column 2: unterminated string" },
    { "\"abc\\", 0, "line 1, column 1: unterminated string" },
    { "\"\\u12", 0, "line 1, column 1: unterminated string" },
    { "\"\\u12g4\"", 0, "line 1, column 2: invalid \\u escape" },
    { "\"\\x\"", 0, "line 1, column 2: invalid escape '\\x'" },
    { "\"\\U0041\"", 0, "line 1, column 2: invalid escape '\\U'" },
    { "\"\\'\"", 0, "line 1, column 2: invalid escape '\\''" },
    { "\"a\nb\"", 0, "line 1, column 3: unescaped control character 0x0a in string" },
    { "\"a\tb\"", 0, "line 1, column 3: unescaped control character 0x09 in string" },
    { "\"\x1f\"", 0, "line 1, column 2: unescaped control character 0x1f in string" },
    { "{\"k\x01\": 1}", 0, "line 1, column 4: unescaped control character 0x01 in string" },
    { "\"a\0b\"", 5, "line 1, column 3: NUL byte in string" },
    { "[1,\0 2]", 7, "line 1, column 4: unexpected NUL byte" },
    { "[1\0]", 4, "line 1, column 3: expected ',' or ']'" },
    { "\0", 1, "line 1, column 1: unexpected NUL byte" },
    { "[\x80]", 0, "line 1, column 2: unexpected byte 0x80" },
    { "\xef\xbb\xbf", 0, "line 1, column 1: the document is empty" },
    { "\xef\xbb\xbf\xef\xbb\xbf{}", 0, "line 1, column 2: unexpected byte 0xef" },
    { "{\"a\": [1, 2,\n  3], \"b\": {\n   \"c\" 4}}", 0, "line 3, column 8: expected ':'" },
    { "{\"caf\xc3\xa9\xf0\x9f\x98\x80\": x}", 0, "line 1, column 11: unexpected 'x'" },
    { "[1,\r\n2,\r\n]", 0, "line 2, column 2: trailing comma before ']'" },
    { "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":[tru]}]}}}", 0, "line 1, column 27: invalid literal" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_error_case (&cases[i]);
}

/* After a complete top-level value, at_end () is a question: FALSE without an
 * error when more follows.  What follows is read as the next value. */
static void
test_trailing_data (void)
{
  struct {
    const char *json;
    gsize       len;
    gsize       offset;     /* where the trailing data starts */
    const char *message;    /* the error when reading it as a value, or NULL */
  } cases[] = {
    { "nulll", 0, 4, "line 1, column 5: unexpected 'l'" },
    { "truex", 0, 4, "line 1, column 5: unexpected 'x'" },
    { "0x10", 0, 1, "line 1, column 2: unexpected 'x'" },
    { "1 }", 0, 2, "line 1, column 3: unexpected '}'" },
    { "{}]", 0, 2, "line 1, column 3: unexpected ']'" },
    { "\"a\" \0", 5, 4, "line 1, column 5: unexpected NUL byte" },
    { "[1]\n\n  [1,]", 0, 7, "line 3, column 5: trailing comma before ']'" },
    { "1 2", 0, 2, NULL },
    { "{} {}", 0, 3, NULL },
    { "\"a\"\"b\"", 0, 3, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].json);
      g_autoptr(Doc) doc = doc_new_len (cases[i].json, len);
      ContrailJsonReader *r = doc->reader;

      g_assert_true (contrail_json_reader_skip (r, NULL, NULL));
      g_assert_false (contrail_json_reader_at_end (r));
      g_assert_null (contrail_json_reader_get_error (r));
      g_assert_cmpuint (contrail_json_reader_get_offset (r), ==, cases[i].offset);
      g_assert_false (contrail_json_reader_at_end (r));   /* asking twice changes nothing */
      g_assert_cmpuint (contrail_json_reader_get_offset (r), ==, cases[i].offset);

      if (cases[i].message != NULL)
        {
          g_assert_false (contrail_json_reader_skip (r, NULL, NULL));
          g_assert_cmpstr (error_message (r), ==, cases[i].message);
        }
      else
        {
          g_assert_true (contrail_json_reader_skip (r, NULL, NULL));
          g_assert_true (contrail_json_reader_at_end (r));
        }
      /* the typed walk stops at the trailing data too, without an error */
      {
        g_autoptr(Doc) doc2 = doc_new_len (cases[i].json, len);

        g_assert_cmpint (walk (doc2->reader, NULL), ==, -1);
        g_assert_null (contrail_json_reader_get_error (doc2->reader));
      }
    }
}

static void
test_json_lines (void)
{
  const char *json = "{\"resourceSpans\": [{\"n\": 1}]}\n"
                     "{\"resourceSpans\": []}\r\n"
                     "\n"
                     "[1, 2]\n"
                     "\"text\"\n";
  g_autoptr(Doc) doc = doc_new (json);
  ContrailJsonReader *r = doc->reader;
  ContrailJsonSlice key;
  guint n_values = 0;

  /* the first value, read partly: at_end () finishes it */
  g_assert_true (contrail_json_reader_enter_object (r));
  g_assert_true (contrail_json_reader_next_member (r, &key));
  g_assert_true (contrail_json_slice_equal (&key, "resourceSpans"));
  g_assert_true (contrail_json_reader_enter_array (r));
  g_assert_false (contrail_json_reader_at_end (r));
  g_assert_null (contrail_json_reader_get_error (r));
  n_values++;

  /* the rest, one value at a time */
  do
    {
      g_assert_cmpint (contrail_json_reader_peek (r), !=, CONTRAIL_JSON_ERROR);
      g_assert_true (contrail_json_reader_skip (r, NULL, NULL));
      n_values++;
    }
  while (!contrail_json_reader_at_end (r));

  g_assert_null (contrail_json_reader_get_error (r));
  g_assert_cmpuint (n_values, ==, 4);

  /* an error on a later line */
  {
    g_autoptr(Doc) doc2 = doc_new ("{}\n{\"a\": 1}\n{\"a\" 1}\n");

    g_assert_true (contrail_json_reader_skip (doc2->reader, NULL, NULL));
    g_assert_false (contrail_json_reader_at_end (doc2->reader));
    g_assert_true (contrail_json_reader_skip (doc2->reader, NULL, NULL));
    g_assert_false (contrail_json_reader_at_end (doc2->reader));
    g_assert_false (contrail_json_reader_skip (doc2->reader, NULL, NULL));
    g_assert_cmpstr (error_message (doc2->reader), ==, "line 3, column 6: expected ':'");
    g_assert_false (contrail_json_reader_at_end (doc2->reader));
  }
}

static void
test_valid_documents (void)
{
  const char *valid[] = {
    "{}", "[]", "0", "-0", "\"\"", "[[[]]]", "{\"\":{\"\":[]}}",
    " [ 1 , 2 ] ", "\xef\xbb\xbf{}", "[1e5,-1E-5,0.0e+0]",
    "{\"a\":\"\\u0000\\ud800\"}", "\"\xff\xfe\"",
    "[\"\\/\"]", "\r\n\t 1 \r\n\t",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(Doc) doc = doc_new (valid[i]);
      g_autoptr(Doc) doc2 = doc_new (valid[i]);
      g_autofree char *escaped_json = g_strescape (valid[i], NULL);

      g_test_message ("valid: %s", escaped_json);
      g_assert_cmpint (walk (doc->reader, NULL), >, 0);
      g_assert_null (contrail_json_reader_get_error (doc->reader));
      g_assert_true (contrail_json_reader_skip (doc2->reader, NULL, NULL));
      g_assert_true (contrail_json_reader_at_end (doc2->reader));
    }
}

/* Tokens that end exactly at the end of the buffer (ASan catches over-reads). */
static void
test_buffer_end (void)
{
  const char *complete[] = { "1", "-0", "12.5", "1e9", "true", "false", "null", "\"a\"",
                             "\"\\u00e9\"", "[]", "{}" };

  for (guint i = 0; i < G_N_ELEMENTS (complete); i++)
    {
      g_autoptr(Doc) doc = doc_new (complete[i]);

      g_assert_cmpint (walk (doc->reader, NULL), ==, 1);
    }

  /* every proper prefix of a document is invalid, and reading it stays in bounds */
  {
    const char *json = "{\"a\": [1, -2.5e-3, true, false, null, \"x\\u00e9\\n\"], \"b\": {}}";
    gsize len = strlen (json);

    for (gsize i = 0; i < len; i++)
      {
        g_autoptr(Doc) doc = doc_new_len (json, i);
        g_autoptr(Doc) doc2 = doc_new_len (json, i);

        g_assert_cmpint (walk (doc->reader, NULL), ==, -1);
        g_assert_nonnull (contrail_json_reader_get_error (doc->reader));
        g_assert_false (contrail_json_reader_skip (doc2->reader, NULL, NULL) &&
                        contrail_json_reader_at_end (doc2->reader));
        g_assert_nonnull (contrail_json_reader_get_error (doc2->reader));
      }
  }
}

static void
test_null_buffer (void)
{
  g_autoptr(ContrailJsonReader) r = contrail_json_reader_new (NULL, 0);

  g_assert_cmpint (contrail_json_reader_peek (r), ==, CONTRAIL_JSON_ERROR);
  g_assert_cmpstr (error_message (r), ==, "line 1, column 1: the document is empty");
  contrail_json_reader_free (NULL);
}

/* ---- Big inputs ---- */

static char *
make_nested (gsize         depth,
             const char   *open,
             const char   *close,
             const char   *middle,
             gsize        *len)
{
  gsize open_len = strlen (open);
  gsize close_len = strlen (close);
  gsize middle_len = strlen (middle);
  gsize n = depth * (open_len + close_len) + middle_len;
  char *buf = g_malloc (n);
  char *p = buf;

  for (gsize i = 0; i < depth; i++, p += open_len)
    memcpy (p, open, open_len);
  memcpy (p, middle, middle_len);
  p += middle_len;
  for (gsize i = 0; i < depth; i++, p += close_len)
    memcpy (p, close, close_len);

  *len = n;
  return buf;
}

static void
check_deep (gsize depth)
{
  gsize len;
  g_autofree char *arrays = make_nested (depth, "[", "]", "", &len);

  /* skip */
  {
    g_autoptr(ContrailJsonReader) r = contrail_json_reader_new (arrays, len);
    const char *raw;
    gsize raw_len;

    g_assert_true (contrail_json_reader_skip (r, &raw, &raw_len));
    g_assert_cmpuint (raw_len, ==, len);
    g_assert_true (contrail_json_reader_at_end (r));
  }

  /* the typed API */
  {
    g_autoptr(ContrailJsonReader) r = contrail_json_reader_new (arrays, len);

    for (gsize i = 0; i < depth; i++)
      {
        g_assert_true (contrail_json_reader_enter_array (r));
        if (i + 1 < depth)
          g_assert_true (contrail_json_reader_next_element (r));
      }
    for (gsize i = 0; i < depth; i++)
      g_assert_false (contrail_json_reader_next_element (r));
    g_assert_null (contrail_json_reader_get_error (r));
    g_assert_true (contrail_json_reader_at_end (r));
  }

  /* at_end finishing from the innermost level */
  {
    g_autoptr(ContrailJsonReader) r = contrail_json_reader_new (arrays, len);

    for (gsize i = 0; i < depth; i++)
      {
        g_assert_true (contrail_json_reader_enter_array (r));
        if (i + 1 < depth)
          g_assert_true (contrail_json_reader_next_element (r));
      }
    g_assert_true (contrail_json_reader_at_end (r));
  }

  /* one closing bracket short */
  {
    g_autoptr(ContrailJsonReader) r = contrail_json_reader_new (arrays, len - 1);
    g_autofree char *expected = g_strdup_printf ("line 1, column %" G_GSIZE_FORMAT
                                                 ": unexpected end of input", len);

    g_assert_false (contrail_json_reader_skip (r, NULL, NULL));
    g_assert_cmpstr (error_message (r), ==, expected);
  }

  /* objects, with an error at the bottom */
  {
    gsize olen;
    g_autofree char *objects = make_nested (depth, "{\"a\":", "}", "[1,]", &olen);
    g_autoptr(ContrailJsonReader) r = contrail_json_reader_new (objects, olen);
    g_autoptr(ContrailJsonReader) r2 = contrail_json_reader_new (objects, olen);
    g_autofree char *expected = g_strdup_printf ("line 1, column %" G_GSIZE_FORMAT
                                                 ": trailing comma before ']'", depth * 5 + 3);

    g_assert_false (contrail_json_reader_skip (r, NULL, NULL));
    g_assert_cmpstr (error_message (r), ==, expected);
    g_assert_cmpint (walk (r2, NULL), ==, -1);
    g_assert_cmpstr (error_message (r2), ==, expected);
  }

  /* objects, valid, walked */
  {
    gsize olen;
    g_autofree char *objects = make_nested (depth, "{\"a\":", "}", "[1]", &olen);
    g_autoptr(ContrailJsonReader) r = contrail_json_reader_new (objects, olen);

    g_assert_cmpint (walk (r, NULL), ==, depth + 2);
  }
}

static void
test_deep_200k (void)
{
  check_deep (200000);
}

static void
test_deep_1m (void)
{
  check_deep (1000000);
}

static void
test_big_string (void)
{
  const gsize n = 50 * 1024 * 1024;
  gsize len = n + 2 + 20;
  char *buf = g_malloc (len);
  ContrailJsonReader *r;
  ContrailJsonSlice slice;
  const char *raw;
  gsize raw_len;
  GString *out;

  buf[0] = '"';
  for (gsize i = 1; i <= n; i++)
    buf[i] = (char)('a' + i % 26);
  /* a multi-byte character straddling a 16-byte boundary near the end */
  memcpy (buf + n - 20, "\xc3\xa9", 2);
  buf[n + 1] = '"';
  memcpy (buf + n + 2, "   \n                ", 20);

  r = contrail_json_reader_new (buf, len);
  g_assert_true (contrail_json_reader_read_string (r, &slice));
  g_assert_cmpuint (slice.len, ==, n);
  g_assert_false (slice.escaped);
  g_assert_true (slice.data == buf + 1);
  g_assert_true (contrail_json_reader_at_end (r));
  contrail_json_reader_free (r);

  out = g_string_new (NULL);
  contrail_json_slice_decode (&slice, out);
  g_assert_cmpuint (out->len, ==, n);
  g_assert_cmpmem (out->str, out->len, buf + 1, n);
  g_string_free (out, TRUE);

  r = contrail_json_reader_new (buf, len);
  g_assert_true (contrail_json_reader_skip (r, &raw, &raw_len));
  g_assert_cmpuint (raw_len, ==, n + 2);
  contrail_json_reader_free (r);

  /* an escape at the very end, and unterminated variants */
  memcpy (buf + n - 1, "\\n", 2);
  r = contrail_json_reader_new (buf, len);
  g_assert_true (contrail_json_reader_read_string (r, &slice));
  g_assert_true (slice.escaped);
  out = g_string_new (NULL);
  contrail_json_slice_decode (&slice, out);
  g_assert_cmpuint (out->len, ==, n - 1);
  g_assert_cmpint (out->str[n - 2], ==, '\n');
  g_string_free (out, TRUE);
  contrail_json_reader_free (r);

  r = contrail_json_reader_new (buf, n + 1);
  g_assert_false (contrail_json_reader_read_string (r, &slice));
  g_assert_cmpstr (error_message (r), ==, "line 1, column 1: unterminated string");
  contrail_json_reader_free (r);

  buf[n / 2] = '\x02';
  r = contrail_json_reader_new (buf, len);
  g_assert_false (contrail_json_reader_skip (r, NULL, NULL));
  {
    /* column counts characters: the two bytes of 'é' come later */
    g_autofree char *expected = g_strdup_printf ("line 1, column %" G_GSIZE_FORMAT
                                                 ": unescaped control character 0x02 in string",
                                                 n / 2 + 1);

    g_assert_cmpstr (error_message (r), ==, expected);
  }
  contrail_json_reader_free (r);

  g_free (buf);
}

/* Control characters and quotes at every offset within a SIMD block. */
static void
test_string_scan_offsets (void)
{
  for (guint len = 0; len < 40; len++)
    {
      for (guint at = 0; at <= len; at++)
        {
          const char specials[] = { '\\', '\x01', '\x1f', ' ', '\x7f', (char)0x80, (char)0xff };

          for (guint s = 0; s < G_N_ELEMENTS (specials); s++)
            {
              g_autofree char *json = g_malloc (len + 3);
              ContrailJsonSlice slice;
              g_autoptr(Doc) doc = NULL;
              gboolean ok;

              json[0] = '"';
              memset (json + 1, 'x', len + 1);
              json[len + 2] = '"';
              if (at < len)
                json[1 + at] = specials[s];
              else if (specials[s] == '\\')
                continue;
              doc = doc_new_len (json, len + 3);
              ok = contrail_json_reader_read_string (doc->reader, &slice);
              if (at < len && (guchar)specials[s] < 0x20)
                {
                  g_autofree char *expected =
                    g_strdup_printf ("line 1, column %u: unescaped control character 0x%02x in string",
                                     at + 2, (guchar)specials[s]);

                  g_assert_false (ok);
                  g_assert_cmpstr (error_message (doc->reader), ==, expected);
                }
              else if (at < len && specials[s] == '\\')
                {
                  /* "\x" is not an escape */
                  g_assert_false (ok);
                }
              else
                {
                  g_assert_true (ok);
                  g_assert_cmpuint (slice.len, ==, len + 1);
                  g_assert_true (contrail_json_reader_at_end (doc->reader));
                }
            }
        }
    }
}

/* ---- Writer ---- */

static void
test_write_string (void)
{
  struct {
    const char *in;
    const char *out;
  } cases[] = {
    { NULL, "null" },
    { "", "\"\"" },
    { "plain", "\"plain\"" },
    { "q\"b\\s/", "\"q\\\"b\\\\s/\"" },
    { "\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"" },
    { "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"" },
    { "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"café € 😀\"" },
    { "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "\"a\\u2028b\\u2029c\"" },
    { "bad\xff", "\"bad\xef\xbf\xbd\"" },
    { "\xc3", "\"\xef\xbf\xbd\"" },
    { "\xe2\x82" "A", "\"\xef\xbf\xbd\xef\xbf\xbd" "A\"" },
    { "\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
    { "\xc0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\"" },
    { "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"" },
    { "\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
    { "\xe2\x80\xa7\xe2\x80\xaa", "\"\xe2\x80\xa7\xe2\x80\xaa\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("x");

      contrail_json_append_string (out, cases[i].in);
      g_assert_cmpstr (out->str + 1, ==, cases[i].out);
    }
}

static void
test_write_string_round_trip (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint n = 0; n < 3000; n++)
    {
      guint len = g_rand_int_range (rand, 0, 30);
      g_autofree char *in = g_malloc (len + 1);
      g_autofree char *expected = NULL;
      g_autofree char *decoded = NULL;
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(Doc) doc = NULL;
      ContrailJsonSlice slice;

      for (guint i = 0; i < len; i++)
        in[i] = (char)g_rand_int_range (rand, 1, 256);
      in[len] = '\0';
      expected = g_utf8_make_valid (in, -1);

      contrail_json_append_string (json, in);
      g_assert_true (g_utf8_validate (json->str, json->len, NULL));
      doc = doc_new_len (json->str, json->len);
      g_assert_true (contrail_json_reader_read_string (doc->reader, &slice));
      g_assert_true (contrail_json_reader_at_end (doc->reader));
      decoded = contrail_json_slice_dup (&slice);
      g_assert_cmpstr (decoded, ==, expected);
    }

  g_rand_free (rand);
}

static void
test_write_double (void)
{
  struct {
    double      in;
    const char *out;
  } cases[] = {
    { 0.0, "0" },
    { -0.0, "0" },
    { 1750, "1750" },
    { -3, "-3" },
    { 1750.123, "1750.123" },
    { 0.1, "0.1" },
    { 0.30000000000000004, "0.30000000000000004" },
    { 1.0 / 3, "0.3333333333333333" },
    { 2.5, "2.5" },
    { -2.25, "-2.25" },
    { 1e300, "1e+300" },
    { 1e-7, "1e-07" },
    { 123456.789, "123456.789" },
    { 9007199254740991.0, "9007199254740991" },
    { -9007199254740991.0, "-9007199254740991" },
    { 9007199254740992.0, "9007199254740992" },
    { 1e20, "1e+20" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 5e-324, "5e-324" },            /* subnormal: the shortest form, as Python prints it */
    { NAN, "null" },
    { INFINITY, "null" },
    { -INFINITY, "null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      contrail_json_append_double (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_write_double_round_trip (void)
{
  GRand *rand = g_rand_new_with_seed (99);

  for (guint n = 0; n < 20000; n++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(Doc) doc = NULL;
      union { guint64 u; double d; } bits;
      double v;
      double back;
      char shortest[G_ASCII_DTOSTR_BUF_SIZE];

      switch (n % 3)
        {
        case 0:
          bits.u = ((guint64)g_rand_int (rand) << 32) | g_rand_int (rand);
          v = bits.d;
          break;
        case 1:
          v = g_rand_double_range (rand, -1e6, 1e6);
          break;
        default:
          v = (double)g_rand_int_range (rand, -100000, 100000) / 1000;
          break;
        }

      contrail_json_append_double (out, v);
      if (!isfinite (v))
        {
          g_assert_cmpstr (out->str, ==, "null");
          continue;
        }

      /* valid JSON that reads back to the same double */
      doc = doc_new_len (out->str, out->len);
      g_assert_true (contrail_json_reader_read_number (doc->reader, &back, NULL, NULL));
      g_assert_true (contrail_json_reader_at_end (doc->reader));
      g_assert_cmpfloat (back, ==, v);

      /* and no longer than needed: 15 significant digits when they suffice */
      if (v != floor (v) || fabs (v) >= 9007199254740992.0)
        {
          g_ascii_formatd (shortest, sizeof shortest, "%.15g", v);
          if (g_ascii_strtod (shortest, NULL) == v)
            g_assert_cmpstr (out->str, ==, shortest);
        }
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/json-reader/scalars", test_scalars);
  g_test_add_func ("/contrail/json-reader/booleans-and-null", test_booleans_and_null);
  g_test_add_func ("/contrail/json-reader/object-walk", test_object_walk);
  g_test_add_func ("/contrail/json-reader/walk-dump", test_walk_dump);
  g_test_add_func ("/contrail/json-reader/unread-values-are-skipped", test_unread_values_are_skipped);
  g_test_add_func ("/contrail/json-reader/at-end-validates-the-rest", test_at_end_validates_the_rest);
  g_test_add_func ("/contrail/json-reader/misuse", test_misuse);
  g_test_add_func ("/contrail/json-reader/strings", test_strings);
  g_test_add_func ("/contrail/json-reader/decode-matches-make-valid", test_decode_matches_make_valid);
  g_test_add_func ("/contrail/json-reader/keys-with-escapes", test_keys_with_escapes);
  g_test_add_func ("/contrail/json-reader/numbers", test_numbers);
  g_test_add_func ("/contrail/json-reader/numbers-match-strtod", test_numbers_match_strtod);
  g_test_add_func ("/contrail/json-reader/numbers-hard-cases", test_numbers_hard_cases);
  g_test_add_func ("/contrail/json-reader/skip-raw", test_skip_raw);
  g_test_add_func ("/contrail/json-reader/errors", test_errors);
  g_test_add_func ("/contrail/json-reader/trailing-data", test_trailing_data);
  g_test_add_func ("/contrail/json-reader/json-lines", test_json_lines);
  g_test_add_func ("/contrail/json-reader/valid-documents", test_valid_documents);
  g_test_add_func ("/contrail/json-reader/buffer-end", test_buffer_end);
  g_test_add_func ("/contrail/json-reader/null-buffer", test_null_buffer);
  g_test_add_func ("/contrail/json-reader/deep-200k", test_deep_200k);
  g_test_add_func ("/contrail/json-reader/deep-1m", test_deep_1m);
  g_test_add_func ("/contrail/json-reader/big-string", test_big_string);
  g_test_add_func ("/contrail/json-reader/string-scan-offsets", test_string_scan_offsets);
  g_test_add_func ("/contrail/json-writer/string", test_write_string);
  g_test_add_func ("/contrail/json-writer/string-round-trip", test_write_string_round_trip);
  g_test_add_func ("/contrail/json-writer/double", test_write_double);
  g_test_add_func ("/contrail/json-writer/double-round-trip", test_write_double_round_trip);

  return g_test_run ();
}
