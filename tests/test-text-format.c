/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Readable span texts (contrail-text-format.h) and text sources
 * (contrail-text-source.h): kinds, pretty JSON, Python reprs, markdown, deep
 * nesting, huge and hostile input.
 */

#define G_LOG_DOMAIN "test-text-format"

#include "config.h"

#include <string.h>

#include "contrail-import.h"
#include "contrail-text-format.h"
#include "contrail-text-source.h"

/* ---- helpers ---- */

static char *
pretty (const char *text)
{
  return contrail_text_pretty_json (text, -1, 0, 0, NULL);
}

static char *
python_pretty (const char *text)
{
  g_autofree char *json = contrail_text_python_to_json (text, -1, 0, NULL);

  if (json == NULL)
    return NULL;

  return contrail_text_pretty_json (json, -1, 0, 0, NULL);
}

static void
assert_python_json (const char *python,
                    const char *expected_json)
{
  g_autofree char *json = contrail_text_python_to_json (python, -1, 0, NULL);

  if (g_strcmp0 (json, expected_json) != 0)
    g_test_message ("python: %s", python);
  g_assert_cmpstr (json, ==, expected_json);
  /* And the result is valid JSON */
  g_assert_cmpint (contrail_text_detect (json, -1), ==, CONTRAIL_TEXT_KIND_JSON);
}

static void
assert_not_python (const char *python)
{
  g_autofree char *json = contrail_text_python_to_json (python, -1, 0, NULL);

  if (json != NULL)
    g_test_message ("unexpectedly parsed: %s → %s", python, json);
  g_assert_null (json);
}

static guint
max_indent (const char *text)
{
  guint max = 0;
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      guint n = 0;

      while (p[n] == ' ')
        n++;
      max = MAX (max, n);
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }

  return max;
}

static guint
count_lines (const char *text)
{
  guint n = 1;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* ---- kinds ---- */

static void
test_detect_kinds (void)
{
  static const struct
  {
    const char       *text;
    ContrailTextKind  kind;
  } cases[] = {
    { "", CONTRAIL_TEXT_KIND_PLAIN },
    { "   \n\t ", CONTRAIL_TEXT_KIND_PLAIN },
    { "hello world", CONTRAIL_TEXT_KIND_PLAIN },
    { "Hi Maya,\n\nI'm sorry the pole arrived broken.\n\nLinnea", CONTRAIL_TEXT_KIND_PLAIN },
    { "{\"a\": 1}", CONTRAIL_TEXT_KIND_JSON },
    { "  \n[1, 2, {\"b\": null}]\n", CONTRAIL_TEXT_KIND_JSON },
    { "\357\273\277{\"bom\": true}", CONTRAIL_TEXT_KIND_JSON },
    { "{}", CONTRAIL_TEXT_KIND_JSON },
    { "[]", CONTRAIL_TEXT_KIND_JSON },
    /* JSON scalars are shown as they are */
    { "42", CONTRAIL_TEXT_KIND_PLAIN },
    { "\"a string\"", CONTRAIL_TEXT_KIND_PLAIN },
    { "true", CONTRAIL_TEXT_KIND_PLAIN },
    { "null", CONTRAIL_TEXT_KIND_PLAIN },
    /* Python reprs */
    { "{'city': 'Paris'}", CONTRAIL_TEXT_KIND_PYTHON },
    { "{'ok': True, 'missing': None, 'bad': False}", CONTRAIL_TEXT_KIND_PYTHON },
    { "[('a', 1), ('b', 2)]", CONTRAIL_TEXT_KIND_PYTHON },
    { "(1, 2, 3)", CONTRAIL_TEXT_KIND_PYTHON },
    { "{1, 2, 3}", CONTRAIL_TEXT_KIND_PYTHON },
    /* Almost, but not */
    { "{\"a\": 1,}", CONTRAIL_TEXT_KIND_PYTHON },   /* a trailing comma is Python, not JSON */
    { "{\"a\": 1} trailing", CONTRAIL_TEXT_KIND_PLAIN },
    { "[1, 2", CONTRAIL_TEXT_KIND_PLAIN },
    { "{'a': }", CONTRAIL_TEXT_KIND_PLAIN },
    { "(this is a remark in parentheses)", CONTRAIL_TEXT_KIND_PLAIN },
    { "[citation needed] is what it says", CONTRAIL_TEXT_KIND_PLAIN },
    /* Markdown */
    { "# Title\n\nSome text.", CONTRAIL_TEXT_KIND_MARKDOWN },
    { "Rotate it in three steps:\n\n1. Create a key.\n2. Deploy it.\n3. Revoke the old one.",
      CONTRAIL_TEXT_KIND_MARKDOWN },
    { "Run this:\n\n```sh\nls -l\n```\n", CONTRAIL_TEXT_KIND_MARKDOWN },
    { "| a | b |\n|---|---|\n| 1 | 2 |\n", CONTRAIL_TEXT_KIND_MARKDOWN },
    { "See **the docs** and [the guide](https://example.com).", CONTRAIL_TEXT_KIND_MARKDOWN },
    { "Price: 5 * 3 = 15", CONTRAIL_TEXT_KIND_PLAIN },
    { "- one item only", CONTRAIL_TEXT_KIND_PLAIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ContrailTextKind kind = contrail_text_detect (cases[i].text, -1);

      if (kind != cases[i].kind)
        g_test_message ("case %u: %s → %s", i, cases[i].text, contrail_text_kind_to_string (kind));
      g_assert_cmpint (kind, ==, cases[i].kind);
    }

  g_assert_cmpint (contrail_text_detect (NULL, 0), ==, CONTRAIL_TEXT_KIND_PLAIN);
  g_assert_cmpstr (contrail_text_kind_to_string (CONTRAIL_TEXT_KIND_JSON), ==, "json");
  g_assert_cmpstr (contrail_text_kind_to_string (CONTRAIL_TEXT_KIND_PYTHON), ==, "python");
  g_assert_cmpstr (contrail_text_kind_to_string (CONTRAIL_TEXT_KIND_MARKDOWN), ==, "markdown");
  g_assert_cmpstr (contrail_text_kind_to_string (CONTRAIL_TEXT_KIND_PLAIN), ==, "plain");
}

static void
test_format_kinds (void)
{
  g_autofree char *json_pretty = NULL;
  g_autofree char *py_pretty = NULL;
  char *none = (char *)"sentinel";
  gsize len = 99;

  g_assert_cmpint (contrail_text_format ("{\"a\":[1,2]}", -1, &json_pretty, &len), ==,
                   CONTRAIL_TEXT_KIND_JSON);
  g_assert_cmpstr (json_pretty, ==, "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
  g_assert_cmpuint (len, ==, strlen (json_pretty));

  g_assert_cmpint (contrail_text_format ("{'a': (1, 2)}", -1, &py_pretty, NULL), ==,
                   CONTRAIL_TEXT_KIND_PYTHON);
  g_assert_cmpstr (py_pretty, ==, "{\n  \"a\": [\n    1,\n    2\n  ]\n}");

  g_assert_cmpint (contrail_text_format ("# Notes\n\n- a\n- b\n", -1, &none, &len), ==,
                   CONTRAIL_TEXT_KIND_MARKDOWN);
  g_assert_null (none);
  g_assert_cmpuint (len, ==, 0);

  none = (char *)"sentinel";
  g_assert_cmpint (contrail_text_format ("just text", -1, &none, NULL), ==,
                   CONTRAIL_TEXT_KIND_PLAIN);
  g_assert_null (none);

  none = (char *)"sentinel";
  g_assert_cmpint (contrail_text_format (NULL, 0, &none, NULL), ==, CONTRAIL_TEXT_KIND_PLAIN);
  g_assert_null (none);

  /* Length is honoured: only the first 9 bytes are the document */
  {
    g_autofree char *part = NULL;

    g_assert_cmpint (contrail_text_format ("{\"a\": 1}garbage", 8, &part, NULL), ==,
                     CONTRAIL_TEXT_KIND_JSON);
    g_assert_cmpstr (part, ==, "{\n  \"a\": 1\n}");
  }
}

/* ---- JSON ---- */

static void
test_json_pretty (void)
{
  g_autofree char *a = pretty ("{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{},\"d\":[]}");
  g_autofree char *b = pretty ("[]");
  g_autofree char *c = pretty (" 42 ");
  g_autofree char *d = pretty ("\"s\"");
  g_autofree char *e = pretty ("[[[1]]]");
  g_autofree char *f = pretty ("{\"k\": {\"k\": {}}}");

  g_assert_cmpstr (a, ==,
                   "{\n"
                   "  \"a\": 1,\n"
                   "  \"b\": [\n"
                   "    true,\n"
                   "    null,\n"
                   "    \"x\"\n"
                   "  ],\n"
                   "  \"c\": {},\n"
                   "  \"d\": []\n"
                   "}");
  g_assert_cmpstr (b, ==, "[]");
  g_assert_cmpstr (c, ==, "42");
  g_assert_cmpstr (d, ==, "\"s\"");
  g_assert_cmpstr (e, ==, "[\n  [\n    [\n      1\n    ]\n  ]\n]");
  g_assert_cmpstr (f, ==, "{\n  \"k\": {\n    \"k\": {}\n  }\n}");
}

static void
test_json_values_kept (void)
{
  g_autofree char *numbers = pretty ("[1.0, -0, 1e400, 1.5E-7, 12345678901234567890]");
  g_autofree char *strings = pretty ("[\"caf\\u00e9\", \"a\\nb\", \"\\ud83d\\ude00\", \"\\ud800\","
                                     " \"q\\\"uote\", \"tab\\t\", \"\\/\"]");
  g_autofree char *keys = pretty ("{\"k\\u00e9y\": 1, \"\": 2}");

  /* Numbers exactly as written */
  g_assert_cmpstr (numbers, ==,
                   "[\n  1.0,\n  -0,\n  1e400,\n  1.5E-7,\n  12345678901234567890\n]");
  /* Escapes resolved where they only obscure a character; kept where needed */
  g_assert_cmpstr (strings, ==,
                   "[\n  \"café\",\n  \"a\\nb\",\n  \"😀\",\n  \"\357\277\275\",\n"
                   "  \"q\\\"uote\",\n  \"tab\\t\",\n  \"/\"\n]");
  g_assert_cmpstr (keys, ==, "{\n  \"kéy\": 1,\n  \"\": 2\n}");
}

static void
test_json_invalid (void)
{
  static const char *invalid[] = {
    "", " ", "{", "[", "}", "{\"a\"}", "{\"a\":}", "[1,]", "[1 2]", "{'a': 1}",
    "[1] [2]", "nul", "tru", "[\"unterminated]", "{\"a\":1,}", "[01]", "[1.]", "[.5]",
    "[\"bad \\x escape\"]", "\"\\u12\"", "[NaN]", "[Infinity]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *out = pretty (invalid[i]);

      if (out != NULL)
        g_test_message ("case %u: %s → %s", i, invalid[i], out);
      g_assert_null (out);
    }
}

static void
test_json_caps (void)
{
  const char *text = "[1,2,3,4,5,6,7,8,9,10]";
  g_autofree char *ok = contrail_text_pretty_json (text, -1, strlen (text), 0, NULL);
  g_autofree char *too_long = contrail_text_pretty_json (text, -1, strlen (text) - 1, 0, NULL);
  g_autofree char *too_big = contrail_text_pretty_json (text, -1, 0, 20, NULL);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autofree char *wide_pretty = NULL;
  g_autofree char *formatted = NULL;
  ContrailTextKind kind;
  gsize len = 0;

  g_assert_nonnull (ok);
  g_assert_null (too_long);
  g_assert_null (too_big);

  /* A pretty form more than 8 × the text is not made, but the kind holds */
  for (guint i = 0; i < 31; i++)
    g_string_append_c (wide, '[');
  for (guint i = 0; i < 20000; i++)
    g_string_append (wide, i > 0 ? ",1" : "1");
  for (guint i = 0; i < 31; i++)
    g_string_append_c (wide, ']');
  wide_pretty = contrail_text_pretty_json (wide->str, wide->len, 0, 0, &len);
  g_assert_nonnull (wide_pretty);
  g_assert_cmpuint (len, >, 8 * wide->len + 65536);
  kind = contrail_text_format (wide->str, wide->len, &formatted, &len);
  g_assert_cmpint (kind, ==, CONTRAIL_TEXT_KIND_JSON);
  g_assert_null (formatted);
}

static void
test_json_deep (void)
{
  const gsize depth = 1000000;
  g_autoptr(GString) arrays = g_string_sized_new (2 * depth + 8);
  g_autoptr(GString) objects = g_string_sized_new (6 * depth + 8);
  g_autofree char *arrays_pretty = NULL;
  g_autofree char *objects_pretty = NULL;
  g_autofree char *formatted = NULL;
  gsize len = 0;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (arrays, '[');
  g_string_append (arrays, "\"core\"");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (arrays, ']');

  for (gsize i = 0; i < depth; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (objects, '}');

  arrays_pretty = contrail_text_pretty_json (arrays->str, arrays->len, 0, 0, &len);
  g_assert_nonnull (arrays_pretty);
  /* Indentation stops at the cap: below it, containers sit on one line */
  g_assert_cmpuint (max_indent (arrays_pretty), <=, 2 * CONTRAIL_TEXT_MAX_INDENT_DEPTH);
  g_assert_cmpuint (count_lines (arrays_pretty), <=, 2 * CONTRAIL_TEXT_MAX_INDENT_DEPTH + 2);
  g_assert_cmpuint (len, <, arrays->len + 4 * CONTRAIL_TEXT_MAX_INDENT_DEPTH *
                                          CONTRAIL_TEXT_MAX_INDENT_DEPTH);
  g_assert_true (g_str_has_prefix (arrays_pretty, "[\n  [\n    [\n"));
  g_assert_nonnull (strstr (arrays_pretty, "[[[[\"core\"]]]]"));

  objects_pretty = contrail_text_pretty_json (objects->str, objects->len, 0, 0, NULL);
  g_assert_nonnull (objects_pretty);
  g_assert_cmpuint (max_indent (objects_pretty), <=, 2 * CONTRAIL_TEXT_MAX_INDENT_DEPTH);
  g_assert_true (g_str_has_prefix (objects_pretty, "{\n  \"a\": {\n    \"a\": {\n"));
  g_assert_nonnull (strstr (objects_pretty, "{\"a\":{\"a\":1}}"));

  g_assert_cmpint (contrail_text_detect (arrays->str, arrays->len), ==, CONTRAIL_TEXT_KIND_JSON);
  g_assert_cmpint (contrail_text_format (objects->str, objects->len, &formatted, NULL), ==,
                   CONTRAIL_TEXT_KIND_JSON);
  g_assert_nonnull (formatted);

  /* Unbalanced at depth: rejected, not crashed */
  g_string_truncate (arrays, arrays->len - 1);
  g_assert_null (contrail_text_pretty_json (arrays->str, arrays->len, 0, 0, NULL));
  g_assert_cmpint (contrail_text_detect (arrays->str, arrays->len), ==, CONTRAIL_TEXT_KIND_PLAIN);
}

static void
test_json_huge (void)
{
  const gsize size = 20 * 1024 * 1024;
  g_autoptr(GString) doc = g_string_sized_new (size + 1024);
  g_autofree char *formatted = NULL;
  gint64 start;
  gsize len = 0;
  guint items = 0;

  g_string_append (doc, "{\"items\": [");
  while (doc->len < size)
    {
      g_string_append_printf (doc, "%s{\"id\": %u, \"text\": \"line with \\\"quotes\\\" and "
                              "caf\\u00e9\", \"ok\": true}", items > 0 ? ", " : "", items);
      items++;
    }
  g_string_append (doc, "], \"big\": \"");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (doc, 'x');
  g_string_append (doc, "\"}");

  start = g_get_monotonic_time ();
  g_assert_cmpint (contrail_text_format (doc->str, doc->len, &formatted, &len), ==,
                   CONTRAIL_TEXT_KIND_JSON);
  g_test_message ("pretty-printed %zu bytes of JSON in %.0f ms", doc->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_nonnull (formatted);
  g_assert_cmpuint (len, ==, strlen (formatted));
  g_assert_cmpuint (count_lines (formatted), ==, 4 + items * 5 + 1);
  g_assert_true (g_utf8_validate (formatted, len, NULL));
  g_assert_nonnull (strstr (formatted, "\"text\": \"line with \\\"quotes\\\" and café\""));

  /* Over the JSON cap: not pretty-printed (and not mistaken for Python) */
  g_assert_null (contrail_text_pretty_json (doc->str, doc->len, size / 2, 0, NULL));
}

static void
test_json_invalid_utf8 (void)
{
  /* Invalid bytes inside strings and keys: repaired to U+FFFD */
  const char doc[] = "{\"k\377\": \"a\300b\", \"ok\": \"\342\202\254\"}";
  g_autofree char *out = NULL;
  gsize len = 0;

  out = contrail_text_pretty_json (doc, sizeof doc - 1, 0, 0, &len);
  g_assert_nonnull (out);
  g_assert_true (g_utf8_validate (out, len, NULL));
  g_assert_cmpstr (out, ==, "{\n  \"k\357\277\275\": \"a\357\277\275b\",\n  \"ok\": \"€\"\n}");

  /* NUL inside the document: never valid JSON, never a crash */
  {
    const char with_nul[] = "{\"a\": \"x\0y\"}";
    g_autofree char *nul_out = contrail_text_pretty_json (with_nul, sizeof with_nul - 1, 0, 0,
                                                          NULL);

    g_assert_null (nul_out);
    g_assert_cmpint (contrail_text_detect (with_nul, sizeof with_nul - 1), !=,
                     CONTRAIL_TEXT_KIND_JSON);
  }

  /* Garbage of every byte value */
  {
    guchar junk[4096];
    g_autoptr(GRand) rand = g_rand_new_with_seed (42);

    for (guint round = 0; round < 200; round++)
      {
        g_autofree char *formatted = NULL;
        gsize n = g_rand_int_range (rand, 0, sizeof junk);

        for (gsize i = 0; i < n; i++)
          junk[i] = g_rand_int_range (rand, 0, 256);
        if (n > 0 && round % 3 == 0)
          junk[0] = round % 2 ? '{' : '[';
        if (n > 0 && round % 3 == 1)
          junk[0] = '(';

        contrail_text_format ((const char *)junk, n, &formatted, NULL);
        if (formatted != NULL)
          g_assert_true (g_utf8_validate (formatted, -1, NULL));
      }
  }
}

/* ---- Python ---- */

static void
test_python_basic (void)
{
  g_autofree char *city = python_pretty ("{'city': 'Paris'}");

  g_assert_cmpstr (city, ==, "{\n  \"city\": \"Paris\"\n}");

  assert_python_json ("{'ok': True, 'missing': None, 'bad': False}",
                      "{\"ok\":true,\"missing\":null,\"bad\":false}");
  assert_python_json ("{'message': \"Hi, I'm Maya\", 'n': 3}",
                      "{\"message\":\"Hi, I'm Maya\",\"n\":3}");
  assert_python_json ("[1, 2.5, -3, 'x']", "[1,2.5,-3,\"x\"]");
  assert_python_json ("{'a': [{'b': (1, 2.5, -3)}], 'c': {}}",
                      "{\"a\":[{\"b\":[1,2.5,-3]}],\"c\":{}}");
  /* pprint's multi-line layout */
  assert_python_json ("{'a': 1,\n 'b': [1,\n       2],\n 'c': 'x'}",
                      "{\"a\":1,\"b\":[1,2],\"c\":\"x\"}");
  assert_python_json ("  [1]  \n", "[1]");
}

static void
test_python_containers (void)
{
  assert_python_json ("(1, 2)", "[1,2]");
  assert_python_json ("(1,)", "[1]");
  assert_python_json ("()", "[]");
  assert_python_json ("[]", "[]");
  assert_python_json ("{}", "{}");
  assert_python_json ("{1, 2, 3}", "[1,2,3]");
  assert_python_json ("{(1, 2), (3, 4)}", "[[1,2],[3,4]]");
  assert_python_json ("[1, 2,]", "[1,2]");
  assert_python_json ("{'a': 1,}", "{\"a\":1}");
  assert_python_json ("[[], (), {}]", "[[],[],{}]");
  /* Non-string keys become their text */
  assert_python_json ("{1: 'a', (1, 2): 'b', None: 0, True: 1, 2.5: 'c'}",
                      "{\"1\":\"a\",\"(1, 2)\":\"b\",\"None\":0,\"True\":1,\"2.5\":\"c\"}");
  /* The recursion placeholder */
  assert_python_json ("[1, [...]]", "[1,[\"...\"]]");
  assert_python_json ("{'self': {...}}", "{\"self\":[\"...\"]}");
}

static void
test_python_strings (void)
{
  assert_python_json ("['a\\'b', \"c\\\"d\", 'back\\\\slash']",
                      "[\"a'b\",\"c\\\"d\",\"back\\\\slash\"]");
  assert_python_json ("['line\\nbreak', 'tab\\t', '\\r']", "[\"line\\nbreak\",\"tab\\t\",\"\\r\"]");
  assert_python_json ("['\\x41\\u00e9\\U0001F600', '\\101']", "[\"Aé😀\",\"A\"]");
  assert_python_json ("['\\ud800', '\\x00']", "[\"\357\277\275\",\"\357\277\275\"]");
  assert_python_json ("['caf\303\251 😀']", "[\"caf\303\251 😀\"]");
  /* Bytes keep their byte escapes; raw strings keep backslashes */
  assert_python_json ("[b'\\xff\\x00ab', b\"it's\", rb'\\d']",
                      "[\"\\\\xff\\\\x00ab\",\"it's\",\"\\\\d\"]");
  assert_python_json ("[r'\\d+\\.', R\"\\w\", u'unicode', f'fmt']",
                      "[\"\\\\d+\\\\.\",\"\\\\w\",\"unicode\",\"fmt\"]");
  /* Unknown escapes keep their backslash */
  assert_python_json ("['\\q', '\\N{DASH}']", "[\"\\\\q\",\"\\\\N{DASH}\"]");
  /* Triple quotes */
  assert_python_json ("['''a\nb''', \"\"\"c\"d\"\"\"]", "[\"a\\nb\",\"c\\\"d\"]");
  /* Brackets inside strings do not count */
  assert_python_json ("{'a)': '}]', '{': ['(']}", "{\"a)\":\"}]\",\"{\":[\"(\"]}");
}

static void
test_python_numbers (void)
{
  assert_python_json ("[1_000, 0x1F, 0o17, 0b101, -0x10]", "[1000,31,15,5,-16]");
  assert_python_json ("[1., .5, +3, 1e5, 1E-3, -0.0]", "[1,0.5,3,1e5,1E-3,-0.0]");
  assert_python_json ("[inf, -inf, nan, 1j, 2.5j]",
                      "[\"inf\",\"-inf\",\"nan\",\"1j\",\"2.5j\"]");
  assert_python_json ("[123456789012345678901234567890]", "[123456789012345678901234567890]");
}

static void
test_python_objects (void)
{
  assert_python_json ("{'when': datetime.datetime(2025, 1, 1, 0, 0), 'd': Decimal('1.5')}",
                      "{\"when\":\"datetime.datetime(2025, 1, 1, 0, 0)\","
                      "\"d\":\"Decimal('1.5')\"}");
  assert_python_json ("[<Foo object at 0x7f3a>, <class 'list'>, <function <lambda> at 0x1>]",
                      "[\"<Foo object at 0x7f3a>\",\"<class 'list'>\","
                      "\"<function <lambda> at 0x1>\"]");
  assert_python_json ("[Ellipsis, ..., Color.RED, set(), frozenset({1, 2})]",
                      "[\"Ellipsis\",\"...\",\"Color.RED\",\"set()\",\"frozenset({1, 2})\"]");
  assert_python_json ("[Message(role='user', content='a (b) [c]')]",
                      "[\"Message(role='user', content='a (b) [c]')\"]");
}

static void
test_python_invalid (void)
{
  static const char *invalid[] = {
    "", "   ", "hello", "'just a string'", "42", "{'a': }", "{'a' 1}", "[1, 2", "[1 2]",
    "{'a': 1, 'b'}", "'unterminated", "['unterminated]", "[1] trailing", "[,]", "(,)",
    "{'a': 1:2}", "[1, 2))", "{'a': 1]", "[<unclosed]", "[datetime.date(2025, 1]",
    "['a\nb']", "[-]", "[.]", "[1 + 2j]", "[1, 'x' 'y']",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_not_python (invalid[i]);

  /* A cap */
  g_assert_null (contrail_text_python_to_json ("[1, 2, 3]", -1, 5, NULL));
  {
    g_autofree char *capped = contrail_text_python_to_json ("[1, 2, 3]", -1, 9, NULL);

    g_assert_cmpstr (capped, ==, "[1,2,3]");
  }
}

static void
test_python_deep (void)
{
  const gsize depth = 1000000;
  g_autoptr(GString) lists = g_string_sized_new (2 * depth + 8);
  g_autoptr(GString) dicts = g_string_sized_new (6 * depth + 8);
  g_autofree char *json = NULL;
  g_autofree char *formatted = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append (lists, i % 2 ? "(" : "[");
  g_string_append (lists, "None,");
  for (gsize i = depth; i > 0; i--)
    g_string_append (lists, (i - 1) % 2 ? ")" : "]");

  for (gsize i = 0; i < depth; i++)
    g_string_append (dicts, "{'a': ");
  g_string_append (dicts, "True");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (dicts, '}');

  json = contrail_text_python_to_json (lists->str, lists->len, 0, NULL);
  g_assert_nonnull (json);
  g_assert_true (g_str_has_prefix (json, "[[[[["));
  g_assert_nonnull (strstr (json, "[[null]]"));
  g_assert_cmpuint (strlen (json), ==, 2 * depth + 4);

  g_assert_cmpint (contrail_text_format (dicts->str, dicts->len, &formatted, NULL), ==,
                   CONTRAIL_TEXT_KIND_PYTHON);
  g_assert_nonnull (formatted);
  g_assert_cmpuint (max_indent (formatted), <=, 2 * CONTRAIL_TEXT_MAX_INDENT_DEPTH);

  /* Sets of deep tuples: the first element is looked past once */
  g_string_truncate (lists, 0);
  g_string_append_c (lists, '{');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (lists, '(');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (lists, ')');
  g_string_append_c (lists, '}');
  g_clear_pointer (&json, g_free);
  json = contrail_text_python_to_json (lists->str, lists->len, 0, NULL);
  g_assert_nonnull (json);
  g_assert_true (g_str_has_prefix (json, "[[[[[["));
  g_assert_nonnull (strstr (json, "[[]]"));
  g_assert_cmpuint (strlen (json), ==, 2 * depth + 2);

  /* Unbalanced: rejected */
  g_string_truncate (dicts, dicts->len - 1);
  g_assert_null (contrail_text_python_to_json (dicts->str, dicts->len, 0, NULL));
}

static void
test_python_invalid_utf8 (void)
{
  const char repr[] = "{'k\377': 'a\300b', 'nul': 'x\0y'}";
  g_autofree char *json = contrail_text_python_to_json (repr, sizeof repr - 1, 0, NULL);
  g_autofree char *formatted = NULL;

  g_assert_nonnull (json);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_cmpstr (json, ==, "{\"k\357\277\275\":\"a\357\277\275b\","
                             "\"nul\":\"x\357\277\275y\"}");

  g_assert_cmpint (contrail_text_format (repr, sizeof repr - 1, &formatted, NULL), ==,
                   CONTRAIL_TEXT_KIND_PYTHON);
  g_assert_true (g_utf8_validate (formatted, -1, NULL));
}

static void
test_python_demo_texts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = contrail_import_demo (&error);
  guint n_python = 0;
  guint n_json = 0;

  g_assert_no_error (error);

  /* The demo traces hold Python reprs (the Python agents SDK) and JSON */
  for (guint t = 0; t < MIN (traces->len, 2); t++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, t);

      for (guint i = 0; i < contrail_trace_get_span_count (trace); i++)
        {
          ContrailSpan *span = contrail_trace_get_span (trace, i);
          const char *texts[] = { contrail_span_get_input (span), contrail_span_get_output (span) };

          for (guint j = 0; j < G_N_ELEMENTS (texts); j++)
            {
              g_autofree char *formatted = NULL;
              ContrailTextKind kind;

              if (texts[j] == NULL)
                continue;
              kind = contrail_text_format (texts[j], -1, &formatted, NULL);
              if (kind == CONTRAIL_TEXT_KIND_PYTHON)
                n_python++;
              if (kind == CONTRAIL_TEXT_KIND_JSON)
                n_json++;
              if (kind == CONTRAIL_TEXT_KIND_PYTHON || kind == CONTRAIL_TEXT_KIND_JSON)
                {
                  g_assert_nonnull (formatted);
                  g_assert_cmpint (contrail_text_detect (formatted, -1), ==,
                                   CONTRAIL_TEXT_KIND_JSON);
                }
              /* Anything that starts like a container is recognised */
              if (texts[j][0] == '{' && kind == CONTRAIL_TEXT_KIND_PLAIN)
                g_test_message ("not recognised: %.200s", texts[j]);
            }
        }
    }

  g_assert_cmpuint (n_python, >=, 10);
  g_assert_cmpuint (n_json, >=, 10);
}

/* ---- Text sources ---- */

static void
test_source_text (void)
{
  const char bad[] = "a\377b\0c";
  g_autoptr(ContrailTextSource) plain = contrail_text_source_new ("héllo", -1);
  g_autoptr(ContrailTextSource) broken = contrail_text_source_new (bad, sizeof bad - 1);
  g_autoptr(ContrailTextSource) empty = contrail_text_source_new (NULL, 0);
  g_autoptr(GBytes) plain_bytes = NULL;
  g_autoptr(GBytes) broken_bytes = NULL;
  g_autoptr(GBytes) empty_bytes = NULL;
  gsize len;
  const char *data;

  g_assert_true (contrail_text_source_is_decoded (plain));
  g_assert_cmpuint (contrail_text_source_get_size (plain), ==, strlen ("héllo"));
  plain_bytes = contrail_text_source_get_bytes (plain);
  data = g_bytes_get_data (plain_bytes, &len);
  g_assert_cmpuint (len, ==, strlen ("héllo"));
  g_assert_cmpstr (data, ==, "héllo");

  g_assert_false (contrail_text_source_is_decoded (broken));
  broken_bytes = contrail_text_source_get_bytes (broken);
  g_assert_true (contrail_text_source_is_decoded (broken));
  data = g_bytes_get_data (broken_bytes, &len);
  g_assert_cmpstr (data, ==, "a\357\277\275b\357\277\275c");
  g_assert_cmpuint (len, ==, strlen (data));
  g_assert_cmpuint (contrail_text_source_get_size (broken), ==, len);

  empty_bytes = contrail_text_source_get_bytes (empty);
  g_assert_cmpuint (g_bytes_get_size (empty_bytes), ==, 0);
  g_assert_cmpstr (g_bytes_get_data (empty_bytes, NULL), ==, "");

  g_assert_true (G_TYPE_IS_BOXED (CONTRAIL_TYPE_TEXT_SOURCE));
}

static GPtrArray *
import_string (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  GPtrArray *traces = contrail_import_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (traces);

  return traces;
}

static void
test_source_span (void)
{
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  ContrailTrace *trace;
  ContrailSpan *span;
  ContrailTextField fields[] = {
    CONTRAIL_TEXT_FIELD_INPUT, CONTRAIL_TEXT_FIELD_OUTPUT, CONTRAIL_TEXT_FIELD_INSTRUCTIONS,
    CONTRAIL_TEXT_FIELD_OBSERVATIONS, CONTRAIL_TEXT_FIELD_META,
    CONTRAIL_TEXT_FIELD_SCORER_CONTEXT,
  };

  /* A big escaped output (kept encoded by the importer), a small input, an
   * empty observations text, no instructions, and meta and scorer context
   * objects. */
  g_string_append (doc, "{\"id\": \"t\", \"input\": \"trace in\", \"output\": \"trace out\","
                   " \"spans\": [{\"id\": \"s\", \"name\": \"n\", \"meta\": {\"k\": [1, 2]},"
                   " \"data\": {\"input\": \"{\\\"q\\\": \\\"caf\\u00e9\\\"}\","
                   " \"observations\": \"\", \"scorer_context\": {\"s\": {\"score\": 1}},"
                   " \"output\": \"");
  for (guint i = 0; i < 200000; i++)
    {
      g_string_append (doc, "line \\\"");
      g_string_append_printf (doc, "%u\\\"\\n", i);
      g_string_append_printf (expected, "line \"%u\"\n", i);
    }
  g_string_append (doc, "\"}}]}");

  traces = import_string (doc->str);
  trace = g_ptr_array_index (traces, 0);
  span = contrail_trace_get_span (trace, 0);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(ContrailTextSource) source = contrail_text_source_new_for_span (span, fields[i]);
      g_autoptr(GBytes) bytes = NULL;
      const char *model_text;

      switch (fields[i])
        {
        case CONTRAIL_TEXT_FIELD_INPUT:
          model_text = contrail_span_get_input (span);
          break;
        case CONTRAIL_TEXT_FIELD_OUTPUT:
          g_assert_false (contrail_text_source_is_decoded (source));
          g_assert_cmpuint (contrail_text_source_get_size (source), ==,
                            contrail_span_get_output_size (span));
          model_text = expected->str;
          break;
        case CONTRAIL_TEXT_FIELD_INSTRUCTIONS:
          model_text = contrail_span_get_instructions (span);
          break;
        case CONTRAIL_TEXT_FIELD_OBSERVATIONS:
          model_text = contrail_span_get_observations (span);
          break;
        case CONTRAIL_TEXT_FIELD_META:
          model_text = contrail_span_get_meta (span);
          break;
        case CONTRAIL_TEXT_FIELD_SCORER_CONTEXT:
        default:
          model_text = contrail_span_get_scorer_context (span);
          break;
        }

      if (model_text == NULL)
        {
          g_assert_null (source);
          continue;
        }

      g_assert_nonnull (source);
      bytes = contrail_text_source_get_bytes (source);
      g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, model_text);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, strlen (model_text));
    }

  /* The big output decoded by the source equals the model's own decoding */
  {
    g_autoptr(ContrailTextSource) source = contrail_text_source_new_for_span (
                                             span, CONTRAIL_TEXT_FIELD_OUTPUT);
    g_autoptr(GBytes) bytes = contrail_text_source_get_bytes (source);

    g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, contrail_span_get_output (span));
  }

  /* Trace texts */
  {
    g_autoptr(ContrailTextSource) in = contrail_text_source_new_for_trace (
                                         trace, CONTRAIL_TEXT_FIELD_INPUT);
    g_autoptr(ContrailTextSource) out = contrail_text_source_new_for_trace (
                                          trace, CONTRAIL_TEXT_FIELD_OUTPUT);
    g_autoptr(ContrailTextSource) meta = contrail_text_source_new_for_trace (
                                           trace, CONTRAIL_TEXT_FIELD_META);
    g_autoptr(GBytes) in_bytes = contrail_text_source_get_bytes (in);
    g_autoptr(GBytes) out_bytes = contrail_text_source_get_bytes (out);

    g_assert_cmpstr (g_bytes_get_data (in_bytes, NULL), ==, "trace in");
    g_assert_cmpstr (g_bytes_get_data (out_bytes, NULL), ==, "trace out");
    g_assert_null (meta);
  }
}

typedef struct
{
  ContrailTextSource *source;
  GBytes             *bytes;
} DecodeData;

static gpointer
decode_thread (gpointer user_data)
{
  DecodeData *data = user_data;

  data->bytes = contrail_text_source_get_bytes (data->source);

  return NULL;
}

static void
test_source_threads (void)
{
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GString) doc = g_string_new ("{\"id\": \"t\", \"spans\": [{\"id\": \"s\", \"data\":"
                                         " {\"output\": \"");
  g_autoptr(ContrailTextSource) source = NULL;
  DecodeData data[4];
  GThread *threads[4];

  for (guint i = 0; i < 100000; i++)
    g_string_append (doc, "x\\ty\\n");
  g_string_append (doc, "\"}}]}");
  traces = import_string (doc->str);
  source = contrail_text_source_new_for_span (contrail_trace_get_span (g_ptr_array_index (traces, 0),
                                                                       0),
                                              CONTRAIL_TEXT_FIELD_OUTPUT);
  /* The source outlives the trace: it holds the storage, not the span */
  g_clear_pointer (&traces, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].source = source;
      data[i].bytes = NULL;
      threads[i] = g_thread_new ("decode", decode_thread, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_cmpuint (g_bytes_get_size (data[i].bytes), ==, 100000 * 4);
      /* Decoded once: every thread got the same bytes */
      g_assert_true (data[i].bytes == data[0].bytes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_bytes_unref (data[i].bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/text-format/detect", test_detect_kinds);
  g_test_add_func ("/contrail/text-format/format", test_format_kinds);
  g_test_add_func ("/contrail/text-format/json/pretty", test_json_pretty);
  g_test_add_func ("/contrail/text-format/json/values-kept", test_json_values_kept);
  g_test_add_func ("/contrail/text-format/json/invalid", test_json_invalid);
  g_test_add_func ("/contrail/text-format/json/caps", test_json_caps);
  g_test_add_func ("/contrail/text-format/json/deep", test_json_deep);
  g_test_add_func ("/contrail/text-format/json/huge", test_json_huge);
  g_test_add_func ("/contrail/text-format/json/invalid-utf8", test_json_invalid_utf8);
  g_test_add_func ("/contrail/text-format/python/basic", test_python_basic);
  g_test_add_func ("/contrail/text-format/python/containers", test_python_containers);
  g_test_add_func ("/contrail/text-format/python/strings", test_python_strings);
  g_test_add_func ("/contrail/text-format/python/numbers", test_python_numbers);
  g_test_add_func ("/contrail/text-format/python/objects", test_python_objects);
  g_test_add_func ("/contrail/text-format/python/invalid", test_python_invalid);
  g_test_add_func ("/contrail/text-format/python/deep", test_python_deep);
  g_test_add_func ("/contrail/text-format/python/invalid-utf8", test_python_invalid_utf8);
  g_test_add_func ("/contrail/text-format/python/demo", test_python_demo_texts);
  g_test_add_func ("/contrail/text-format/source/text", test_source_text);
  g_test_add_func ("/contrail/text-format/source/span", test_source_span);
  g_test_add_func ("/contrail/text-format/source/threads", test_source_threads);

  return g_test_run ();
}
