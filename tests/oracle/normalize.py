#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference implementation of DESIGN.md §5 for Opper traces (and §5.1 rule 1).

    python3 tests/oracle/normalize.py FILE

prints the normalized JSON line(s) of FILE and exits 0, or prints "invalid"
(not JSON, or JSON that is not a trace) or "unsupported" (OTLP/Jaeger, out of
scope for this oracle) and exits 1.

Standard library only, and written independently of the C importer so that
the fixtures' expected outputs are a second opinion, not a copy.  Everything
that must survive huge inputs is iterative: the JSON parser, the tree build
and the serializer (a 100,000-deep chain or 200,000-deep nesting works).

Interpretations that DESIGN.md leaves open, chosen here (see also
tests/fixtures/README.md):
  - A UTF-8 byte order mark at the start of the file is ignored.
  - Invalid UTF-8 inside strings is replaced by U+FFFD (Python's "replace"
    error handler); lone surrogate escapes and \\u0000 become U+FFFD.
  - Raw control characters (U+0000..U+001F) inside strings are an error,
    as is NUL anywhere.
  - Output escapes U+2028/U+2029 (as contrail-json-reader.h promises) but is
    otherwise json.dumps (ensure_ascii=False, compact separators).
  - Numbers: integral values below 1e16 in magnitude print as integers, all
    others as Python's repr of the double (shortest round trip).
  - A duration_ms or score that overflows a double (1e999) counts as absent.
  - Times: "YYYY-MM-DD[T|t| ]HH:MM:SS[.frac][Z|z|±HH:MM|±HHMM|±HH]"; anything
    else, impossible dates, and results outside years 1..9999 are null.
"""

import datetime
import json
import re
import sys

FORMAT = "contrail-trace/1"
INT64_MIN = -(2 ** 63)
INT64_MAX = 2 ** 63 - 1


class Invalid(Exception):
    pass


class Unsupported(Exception):
    pass


# --------------------------------------------------------------------------
# A strict, iterative JSON parser (RFC 8259)
# --------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_STR_CHUNK = re.compile(r'[^"\\\x00-\x1f]*')
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f",
            "n": "\n", "r": "\r", "t": "\t"}


class _Number:
    """A JSON number: the exact integer when the literal is an integer,
    and its value as a double."""

    __slots__ = ("is_integer", "int_value", "value")

    def __init__(self, literal):
        if "." in literal or "e" in literal or "E" in literal:
            self.is_integer = False
            self.int_value = None
        else:
            self.is_integer = True
            # More than 19 digits is outside int64 anyway (and beyond
            # Python's default limit on int() for very long literals).
            digits = literal.lstrip("-")
            self.int_value = int(literal) if len(digits) <= 20 else None
        self.value = float(literal)   # inf when too large, never an error


def _parse_string(text, pos):
    """text[pos] is the opening quote; returns (str, pos after the quote)."""
    pos += 1
    parts = []
    n = len(text)
    while True:
        m = _STR_CHUNK.match(text, pos)
        parts.append(m.group(0))
        pos = m.end()
        if pos >= n:
            raise Invalid("unterminated string")
        c = text[pos]
        if c == '"':
            return "".join(parts), pos + 1
        if c != "\\":
            raise Invalid("control character in string")
        if pos + 1 >= n:
            raise Invalid("unterminated escape")
        e = text[pos + 1]
        if e in _ESCAPES:
            parts.append(_ESCAPES[e])
            pos += 2
        elif e == "u":
            h = _HEX4.match(text, pos + 2)
            if h is None or h.end() != pos + 6:
                raise Invalid("bad \\u escape")
            parts.append(chr(int(h.group(0), 16)))
            pos += 6
        else:
            raise Invalid("bad escape")


def _clean(s):
    """Pairs surrogates (from \\uD83D\\uDE00) and replaces lone surrogates
    and NUL by U+FFFD."""
    if not any(0xD800 <= ord(c) <= 0xDFFF or c == "\0" for c in s):
        return s
    out = []
    i = 0
    n = len(s)
    while i < n:
        o = ord(s[i])
        if 0xD800 <= o <= 0xDBFF and i + 1 < n and 0xDC00 <= ord(s[i + 1]) <= 0xDFFF:
            out.append(chr(0x10000 + ((o - 0xD800) << 10) + (ord(s[i + 1]) - 0xDC00)))
            i += 2
            continue
        if 0xD800 <= o <= 0xDFFF or o == 0:
            out.append("\ufffd")
        else:
            out.append(s[i])
        i += 1
    return "".join(out)


def parse_json(text):
    """Parses exactly one JSON value (surrounded by whitespace) from text."""
    n = len(text)

    def value(pos):
        if pos >= n:
            raise Invalid("unexpected end of input")
        c = text[pos]
        if c == "{":
            return {}, pos + 1, True
        if c == "[":
            return [], pos + 1, True
        if c == '"':
            s, pos = _parse_string(text, pos)
            return _clean(s), pos, False
        for word, v in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, pos):
                return v, pos + len(word), False
        m = _NUMBER.match(text, pos)
        if m is None:
            raise Invalid("unexpected character")
        return _Number(m.group(0)), m.end(), False

    pos = _WS.match(text, 0).end()
    root, pos, opened = value(pos)
    stack = [root] if opened else []
    mode = "item_or_close"
    while stack:
        pos = _WS.match(text, pos).end()
        if pos >= n:
            raise Invalid("unexpected end of input")
        c = text[pos]
        container = stack[-1]
        is_dict = isinstance(container, dict)
        close = "}" if is_dict else "]"
        if mode == "sep_or_close":
            if c == ",":
                pos += 1
                mode = "item"
            elif c == close:
                stack.pop()
                pos += 1
            else:
                raise Invalid("expected ',' or '%s'" % close)
            continue
        if c == close:
            if mode != "item_or_close":
                raise Invalid("trailing comma")
            stack.pop()
            pos += 1
            mode = "sep_or_close"
            continue
        if is_dict:
            if c != '"':
                raise Invalid("expected a string key")
            key, pos = _parse_string(text, pos)
            key = _clean(key)
            pos = _WS.match(text, pos).end()
            if pos >= n or text[pos] != ":":
                raise Invalid("expected ':'")
            pos = _WS.match(text, pos + 1).end()
        v, pos, opened = value(pos)
        if is_dict:
            container[key] = v
        else:
            container.append(v)
        if opened:
            stack.append(v)
            mode = "item_or_close"
        else:
            mode = "sep_or_close"
    pos = _WS.match(text, pos).end()
    if pos != n:
        raise Invalid("trailing data")
    return root


# --------------------------------------------------------------------------
# Field accessors: wrong types count as absent
# --------------------------------------------------------------------------

def get_str(obj, key):
    v = obj.get(key)
    return v if isinstance(v, str) else None


def get_number(obj, key):
    """A finite JSON number as a float, else None."""
    v = obj.get(key)
    if isinstance(v, _Number) and v.value not in (float("inf"), float("-inf")):
        return v.value
    return None


def get_int(obj, key):
    """A JSON integer literal within int64, else None.

    Contrail keeps token counts as gint64 with INT64_MIN meaning "absent",
    so that one value reads as absent too."""
    v = obj.get(key)
    if (isinstance(v, _Number) and v.is_integer and v.int_value is not None
            and INT64_MIN < v.int_value <= INT64_MAX):
        return v.int_value
    return None


_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]+))?"
    r"(?:([Zz])|([+-])([0-9]{2})(?::([0-9]{2})|([0-9]{2}))?)?", re.ASCII)
_EPOCH = datetime.datetime(1970, 1, 1)


class Time:
    """A parsed time: text is the normalized form ("" for an empty input),
    us is microseconds since the epoch (None unless valid)."""

    __slots__ = ("text", "us")

    def __init__(self, text, us):
        self.text = text
        self.us = us


def parse_time(s):
    if s == "":
        return Time("", None)
    m = _TIME.fullmatch(s)
    if m is None:
        return None
    y, mo, d, h, mi, se = (int(m.group(i)) for i in range(1, 7))
    frac = m.group(7) or ""
    us = int((frac + "000000")[:6])
    if h > 23 or mi > 59 or se > 59:
        return None
    try:
        local = datetime.datetime(y, mo, d, h, mi, se, us)
    except ValueError:
        return None
    off = datetime.timedelta(0)
    if m.group(9):
        oh = int(m.group(10))
        om = int(m.group(11) or m.group(12) or "0")
        if oh > 23 or om > 59:
            return None
        off = datetime.timedelta(hours=oh, minutes=om)
        if m.group(9) == "-":
            off = -off
    try:
        utc = local - off
    except OverflowError:
        return None
    text = "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (
        utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond)
    return Time(text, (utc - _EPOCH) // datetime.timedelta(microseconds=1))


def get_time(obj, key):
    v = obj.get(key)
    return parse_time(v) if isinstance(v, str) else None


def duration(obj, start, end):
    d = get_number(obj, "duration_ms")
    if d is not None:
        return d
    if start is not None and end is not None and start.us is not None and end.us is not None:
        return (end.us - start.us) / 1000
    return None


# --------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------

class Span:
    __slots__ = ("index", "id", "parent_id", "name", "type", "service", "start", "end",
                 "duration_ms", "total_tokens", "model", "score", "error", "metrics",
                 "children")


class Trace:
    __slots__ = ("id", "name", "status", "start", "end", "duration_ms", "total_tokens",
                 "span_count", "roots")


def _sort_key(span):
    us = span.start.us if span.start is not None else None
    return (0, us, span.index) if us is not None else (1, 0, span.index)


def opper_span(obj, index):
    s = Span()
    s.index = index
    s.id = get_str(obj, "id")
    s.parent_id = get_str(obj, "parent_id")
    s.name = get_str(obj, "name")
    s.type = get_str(obj, "type")
    s.service = None
    s.start = get_time(obj, "start_time")
    s.end = get_time(obj, "end_time")
    s.duration_ms = duration(obj, s.start, s.end)
    data = obj.get("data")
    if not isinstance(data, dict):
        data = {}
    s.total_tokens = get_int(data, "total_tokens")
    s.model = get_str(data, "model")
    s.score = get_number(obj, "score")
    if s.score is None:
        s.score = get_number(data, "score")
    s.error = get_str(obj, "error")
    metrics = obj.get("metrics")
    s.metrics = len(metrics) if isinstance(metrics, list) else 0
    s.children = []
    return s


def build_tree(spans):
    """DESIGN.md §5 tree rules; returns the sorted roots."""
    first = {}
    for s in spans:
        if s.id is not None and s.id not in first:
            first[s.id] = s.index
    n = len(spans)
    parent = [None] * n
    for s in spans:
        p = s.parent_id
        if p is not None and p != s.id and p in first:
            parent[s.index] = first[p]
    kids = [[] for _ in range(n)]
    for i in range(n):
        if parent[i] is not None:
            kids[parent[i]].append(i)

    placed = [False] * n
    roots = []

    def place(r):
        stack = [r]
        placed[r] = True
        while stack:
            i = stack.pop()
            for k in kids[i]:
                if not placed[k]:
                    placed[k] = True
                    stack.append(k)

    for i in range(n):
        if parent[i] is None:
            roots.append(i)
            place(i)

    # What is left is made of cycles and the spans hanging off them.  A span
    # lies on a cycle when following parents from it comes back to it.
    on_cycle = [False] * n
    state = [0] * n  # 0 unvisited, 1 on the current walk, 2 done
    for i in range(n):
        if placed[i] or state[i]:
            continue
        walk = []
        j = i
        while j is not None and state[j] == 0 and not placed[j]:
            state[j] = 1
            walk.append(j)
            j = parent[j]
        if j is not None and state[j] == 1:
            k = len(walk) - 1
            while True:
                on_cycle[walk[k]] = True
                if walk[k] == j:
                    break
                k -= 1
        for w in walk:
            state[w] = 2
    for i in range(n):  # input order: the first span on a cycle wins
        if not placed[i] and on_cycle[i]:
            parent[i] = None
            roots.append(i)
            place(i)
    assert all(placed)

    for i in range(n):
        if parent[i] is not None:
            spans[parent[i]].children.append(spans[i])
    for s in spans:
        s.children.sort(key=_sort_key)
    root_spans = [spans[i] for i in roots]
    root_spans.sort(key=_sort_key)
    return root_spans


def opper_trace(obj):
    t = Trace()
    t.id = obj["id"]
    t.name = get_str(obj, "name")
    t.status = get_str(obj, "status")
    t.start = get_time(obj, "start_time")
    t.end = get_time(obj, "end_time")
    t.duration_ms = duration(obj, t.start, t.end)
    t.total_tokens = get_int(obj, "total_tokens")
    raw = obj.get("spans")
    spans = []
    if isinstance(raw, list):
        for e in raw:
            if isinstance(e, dict):
                spans.append(opper_span(e, len(spans)))
    t.span_count = len(spans)
    t.roots = build_tree(spans)
    return t


def normalized_trace(obj):
    """§5.1 rule 1: the nesting is kept as written (rebuilding it from
    parent_id would move children of duplicate ids and break cycles
    elsewhere); fields are re-read and siblings re-sorted by start_time."""
    t = Trace()
    t.id = get_str(obj, "id")
    t.name = get_str(obj, "name")
    t.status = get_str(obj, "status")
    t.start = get_time(obj, "start_time")
    t.end = get_time(obj, "end_time")
    t.duration_ms = duration(obj, t.start, t.end)
    t.total_tokens = get_int(obj, "total_tokens")
    count = 0

    def span_of(o):
        nonlocal count
        s = Span()
        s.index = count
        count += 1
        s.id = get_str(o, "id")
        s.parent_id = get_str(o, "parent_id")
        s.name = get_str(o, "name")
        s.type = get_str(o, "type")
        s.service = get_str(o, "service")
        s.start = get_time(o, "start_time")
        s.end = get_time(o, "end_time")
        s.duration_ms = duration(o, s.start, s.end)
        s.total_tokens = get_int(o, "total_tokens")
        s.model = get_str(o, "model")
        s.score = get_number(o, "score")
        s.error = get_str(o, "error")
        m = get_int(o, "metrics")
        s.metrics = m if m is not None and m >= 0 else 0
        s.children = []
        return s

    def objects(v):
        return [e for e in v if isinstance(e, dict)] if isinstance(v, list) else []

    t.roots = []
    stack = [(t.roots, objects(obj.get("spans")))]
    lists = [t.roots]
    while stack:
        out, todo = stack.pop()
        for o in todo:
            s = span_of(o)
            out.append(s)
            kids = objects(o.get("children"))
            if kids:
                lists.append(s.children)
                stack.append((s.children, kids))
    # The ordering rule holds for any output: re-sort (stable, so our own
    # output reads back unchanged).  The index keeps the written order.
    for lst in lists:
        lst.sort(key=_sort_key)
    t.span_count = count
    return t


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def j_str(s):
    if s is None:
        return "null"
    return (json.dumps(s, ensure_ascii=False)
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def j_num(v):
    if v is None:
        return "null"
    if v != v or v in (float("inf"), float("-inf")):
        return "null"
    if v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return repr(v)


def j_int(v):
    return "null" if v is None else str(v)


def j_time(t):
    return "null" if t is None else j_str(t.text)


def _span_head(s):
    return ('{"id":%s,"parent_id":%s,"name":%s,"type":%s,"service":%s,"start_time":%s,'
            '"end_time":%s,"duration_ms":%s,"total_tokens":%s,"model":%s,"score":%s,'
            '"error":%s,"metrics":%d,"children":[' % (
                j_str(s.id), j_str(s.parent_id), j_str(s.name), j_str(s.type),
                j_str(s.service), j_time(s.start), j_time(s.end), j_num(s.duration_ms),
                j_int(s.total_tokens), j_str(s.model), j_num(s.score), j_str(s.error),
                s.metrics))


def serialize(t):
    out = ['{"format":%s,"id":%s,"name":%s,"status":%s,"start_time":%s,"end_time":%s,'
           '"duration_ms":%s,"total_tokens":%s,"span_count":%d,"spans":[' % (
               j_str(FORMAT), j_str(t.id), j_str(t.name), j_str(t.status), j_time(t.start),
               j_time(t.end), j_num(t.duration_ms), j_int(t.total_tokens), t.span_count)]
    stack = [[t.roots, 0]]
    while stack:
        top = stack[-1]
        lst, i = top
        if i < len(lst):
            top[1] = i + 1
            if i > 0:
                out.append(",")
            out.append(_span_head(lst[i]))
            stack.append([lst[i].children, 0])
        else:
            stack.pop()
            out.append("]")
            if stack:
                out.append("}")
    out.append("}")
    return "".join(out)


# --------------------------------------------------------------------------
# Recognition (§5.1)
# --------------------------------------------------------------------------

def _is_otlp_or_jaeger(v):
    if "resourceSpans" in v or "batches" in v:
        return True
    if isinstance(v.get("result"), dict) and "resourceSpans" in v["result"]:
        return True
    data = v.get("data")
    if isinstance(data, list) and any(isinstance(e, dict) and "traceID" in e for e in data):
        return True
    if "traceID" in v and "spans" in v:
        return True
    return False


def trace_of(v):
    if not isinstance(v, dict):
        raise Invalid("not a trace")
    if v.get("format") == FORMAT:
        return normalized_trace(v)
    if _is_otlp_or_jaeger(v):
        raise Unsupported()
    if isinstance(v.get("id"), str):
        return opper_trace(v)
    raise Invalid("not a trace")


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\0" in data:
        raise Invalid("NUL byte")
    return data.decode("utf-8", errors="replace")


def normalize_bytes(data):
    """Returns the output lines (without newlines)."""
    text = decode(data)
    try:
        value = parse_json(text)
    except Invalid:
        # JSON lines: only normalized documents (one trace per line) here;
        # OTLP lines are out of scope.
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) < 2:
            raise
        values = [parse_json(ln) for ln in lines]
        if all(isinstance(x, dict) and x.get("format") == FORMAT for x in values):
            return [serialize(normalized_trace(x)) for x in values]
        if any(isinstance(x, dict) and _is_otlp_or_jaeger(x) for x in values):
            raise Unsupported()
        raise
    return [serialize(trace_of(value))]


def main(argv):
    if len(argv) != 2:
        print("usage: normalize.py FILE", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        data = f.read()
    try:
        lines = normalize_bytes(data)
    except Invalid as e:
        print("invalid")
        print("normalize.py: %s: invalid: %s" % (argv[1], e), file=sys.stderr)
        return 1
    except Unsupported:
        print("unsupported")
        return 1
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
