/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Readable span texts: what kind of text a span input or output is (JSON,
 * Python repr, markdown or plain text), and a pretty form of it.
 *
 * Pure text work, safe in any thread.  Nothing here recurses: JSON is read
 * with the iterative ContrailJsonReader and Python reprs with an explicit
 * stack, so a document nested a million levels deep is fine.  Every function
 * takes a length and accepts anything (invalid UTF-8, NUL bytes, garbage):
 * the worst outcome is CONTRAIL_TEXT_KIND_PLAIN and no pretty form.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CONTRAIL_TEXT_KIND_PLAIN,
  CONTRAIL_TEXT_KIND_JSON,       /* a JSON object or array */
  CONTRAIL_TEXT_KIND_PYTHON,     /* a Python repr of a dict, list, tuple or set */
  CONTRAIL_TEXT_KIND_MARKDOWN,
} ContrailTextKind;

/* Largest input that is pretty-printed as JSON, and converted from a Python
 * repr; larger texts are shown as they are. */
#define CONTRAIL_TEXT_MAX_JSON          ((gsize)64 * 1024 * 1024)
#define CONTRAIL_TEXT_MAX_PYTHON        ((gsize)16 * 1024 * 1024)
/* How much of a text the markdown heuristics look at. */
#define CONTRAIL_TEXT_MARKDOWN_SCAN     ((gsize)64 * 1024)
/* Containers nested deeper than this are written on one line, so that the
 * indentation never exceeds 2 × this many spaces. */
#define CONTRAIL_TEXT_MAX_INDENT_DEPTH  32

/* Lower-case name of @kind: "plain", "json", "python" or "markdown". */
const char       *contrail_text_kind_to_string   (ContrailTextKind  kind);

/* Detects the kind of @text (@len bytes, or -1 when NUL-terminated).  JSON
 * and Python reprs are recognised only when the whole text parses (and is
 * within the size caps above); markdown by its first
 * CONTRAIL_TEXT_MARKDOWN_SCAN bytes. */
ContrailTextKind  contrail_text_detect           (const char       *text,
                                                  gssize            len);

/* Detects the kind and, for JSON and Python reprs, makes the pretty form
 * (newly allocated, valid UTF-8, NUL-terminated, length in *pretty_len).
 * *pretty is NULL for other kinds, and when the pretty form would be
 * unreasonably larger than the text (more than 8 × its size + 64 KB).
 * One pass over a JSON text: no separate detection. */
ContrailTextKind  contrail_text_format           (const char       *text,
                                                  gssize            len,
                                                  char            **pretty,
                                                  gsize            *pretty_len);

/* JSON text → pretty JSON: two-space indentation, one member or element per
 * line (up to CONTRAIL_TEXT_MAX_INDENT_DEPTH), strings re-escaped as UTF-8
 * (so "\u00e9" reads "é"), numbers and literals kept as written.  Returns
 * NULL when @text is not exactly one valid JSON value (scalars included), is
 * larger than @max_input, or the result would exceed @max_output bytes
 * (0 = no limit for either). */
char             *contrail_text_pretty_json      (const char       *text,
                                                  gssize            len,
                                                  gsize             max_input,
                                                  gsize             max_output,
                                                  gsize            *out_len);

/* Python repr → compact JSON.  Dicts become objects (non-string keys become
 * their text: 1 → "1", (1, 2) → "(1, 2)"), lists, tuples and sets become
 * arrays, True/False/None become true/false/null, inf/nan become the strings
 * "inf"/"nan", and anything else the repr may hold (datetime.date(2025, 1, 1),
 * <object at 0x…>, Ellipsis) becomes a string of its text.  Strings take
 * Python's quoting and escapes, and b'…', r'…' and u'…' prefixes.  Returns NULL
 * when @text does not parse as one such value, or is larger than @max_input
 * (0 = no limit). */
char             *contrail_text_python_to_json   (const char       *text,
                                                  gssize            len,
                                                  gsize             max_input,
                                                  gsize            *out_len);

/* Heuristic: headings, fenced code, lists, tables, links, emphasis. */
gboolean          contrail_text_looks_like_markdown (const char    *text,
                                                     gssize         len);

G_END_DECLS
