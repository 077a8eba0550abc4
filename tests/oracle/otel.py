#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference implementation of DESIGN.md §5.1 and §5.2 for OTLP/JSON and
Jaeger JSON files.

    python3 tests/oracle/otel.py FILE
    python3 tests/oracle/otel.py --regenerate [--check]

The first form prints the normalized JSON line(s) of FILE (one per trace)
and exits 0, or prints "invalid" and exits 1.  Files that are neither OTLP
nor Jaeger (an Opper trace, a normalized trace) are handed to normalize.py,
the oracle for those formats, so any trace file can be given.

The second form rewrites tests/fixtures/{otlp,jaeger}/NAME.expected.json from
every NAME.json / NAME.jsonl there, and checks that every invalid-NAME.* is
invalid; with --check nothing is written and the exit status says whether the
expected files are up to date.  An expected file is a claim about DESIGN.md:
read the diff before committing it.

Standard library only, written from DESIGN.md and not from the C importer.
The generic parts of §5 (strict JSON parsing, the tree rules, the output
format) come from normalize.py; what is here is the reading of the two
formats.

Where DESIGN.md is silent, this oracle (and the C importer) read:

File level
  - A file may hold several JSON values (JSON lines, or values merely
    separated by whitespace).  One value: §5.1 in order.  Several values:
    OTLP when every value is an object and at least one holds resourceSpans
    (or batches, or result.resourceSpans, as an array); the others (metrics,
    logs, anything else) are skipped.  Otherwise the file is invalid.
  - A file that yields no trace is invalid: OTLP without a single span.  A
    Jaeger trace object with no spans is a trace (span_count 0).
  - Inside OTLP and Jaeger structures a member that is a container is read
    every time it occurs (two "attributes" arrays are read one after the
    other); for a scalar member the last occurrence counts.  Members of the
    wrong type are skipped: a scalar of the wrong type counts as absent.

Ids
  - A string of ASCII hex digits is lower-cased.  Any other string that is
    base64 (standard alphabet, at most two '=' of padding, padded length a
    multiple of four, unpadded length not 1 mod 4) becomes the hex of its
    bytes.  Anything else is kept as it is; "" stays "".  An id that is not
    a string is null.  Jaeger trace ids are not padded to 32 digits.
  - OTLP: a parentSpanId "" means no parent (null).

Attributes and tags
  - The first attribute (tag) with a key wins; later ones with the same key
    are ignored, like the collector's pdata and Jaeger UI do.
  - A string field (type, model, service) takes a string value only, also
    "".  An OTLP AnyValue holds the last of its known members; a known
    member with a value of the wrong type makes the AnyValue absent.
  - A token count is an integer (OTLP intValue as a number or a decimal
    string, a JSON integer), an integral double, or a string of ASCII
    digits (optionally '-'); it must fit in int64, and like Opper counts a
    negative one is kept as given.  total ←
    gen_ai.usage.total_tokens, else llm.token_count.total; else input
    (gen_ai.usage.input_tokens, else gen_ai.usage.prompt_tokens) + output
    (gen_ai.usage.output_tokens, else gen_ai.usage.completion_tokens); else
    the one present.  A sum outside int64 is null.  llm.token_count.prompt /
    completion are not summed (DESIGN.md names only the gen_ai keys).

Span kind (type fallback)
  - OTLP kind: a number equal to 1..5, or a name (case-insensitive, with or
    without the SPAN_KIND_ prefix) → internal, server, client, producer,
    consumer.  0 / SPAN_KIND_UNSPECIFIED, an absent kind and anything else
    give no type (null): proto3 JSON omits kind 0, so absent and 0 must read
    alike, and "unspecified" says nothing.
  - Jaeger: the span.kind tag, when it is a string, lower-cased (ASCII).

Times
  - OTLP: startTimeUnixNano / endTimeUnixNano as a JSON integer, an
    integral number, or a string of ASCII digits (optionally '-') within
    int64; nanoseconds → microseconds rounding toward minus infinity.
    0 means unset (proto3's default value) and gives null.
  - Jaeger: startTime and duration in µs, read the same way; a startTime of
    0 is unset.  end = start + duration.  duration_ms is duration / 1000
    whenever duration is present, even without a start.
  - A time outside years 1..9999 is null.

Errors
  - OTLP: status.code a number equal to 2, or the name (case-insensitive,
    with or without STATUS_CODE_) "ERROR" → status.message when it is a
    non-empty string, else "error".
  - Jaeger: tag "error" true or the exact string "true" → the tag
    otel.status_description when it is a non-empty string, else "error".

Jaeger structure
  - {"data": [...]}: used when the last "data" member is an array whose
    first element is an object with a "traceID" member; each object element
    is one trace (traces with the same id are not merged).  Otherwise the
    document is one bare trace {traceID, spans, processes}.
  - The trace id is the trace object's traceID; when it has none, a span's
    references are compared with the span's own traceID.
  - Parent: among the span's references whose traceID is absent or not a
    string (a relative reference) or equal to the trace's id and which have a spanID: the first
    CHILD_OF, else the first of any refType.  Only when the span has no
    references at all (absent, not an array, or empty) does the legacy
    parentSpanID give the parent ("" = none).
  - Service: the span's inline "process" object, else processes[processID];
    its serviceName when it is a string, else its tag service.name.
"""

import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import normalize  # noqa: E402
from normalize import Invalid, Span, Trace, Time, _Number  # noqa: E402

INT64_MIN = -(2 ** 63)
INT64_MAX = 2 ** 63 - 1
TIME_MIN = -62135596800000000     # 0001-01-01T00:00:00.000000Z in µs
TIME_MAX = 253402300799999999     # 9999-12-31T23:59:59.999999Z in µs

# --------------------------------------------------------------------------
# JSON: a sequence of values; objects keep every member, in order
# --------------------------------------------------------------------------


class Obj:
    """A JSON object with its members in document order, duplicates kept."""

    __slots__ = ("pairs",)

    def __init__(self):
        self.pairs = []

    def items(self):
        return self.pairs

    def has(self, key):
        return any(k == key for k, _ in self.pairs)


def parse_values(text):
    """Every JSON value in text (separated by whitespace), strictly."""
    n = len(text)
    values = []
    pos = normalize._WS.match(text, 0).end()

    def scalar(pos):
        c = text[pos]
        if c == '"':
            s, pos = normalize._parse_string(text, pos)
            return normalize._clean(s), pos
        for word, v in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, pos):
                return v, pos + len(word)
        m = normalize._NUMBER.match(text, pos)
        if m is None:
            raise Invalid("unexpected character")
        return _Number(m.group(0)), m.end()

    while pos < n:
        c = text[pos]
        if c not in "{[":
            v, pos = scalar(pos)
            values.append(v)
        else:
            root = Obj() if c == "{" else []
            stack = [root]
            pos += 1
            mode = "item_or_close"
            while stack:
                pos = normalize._WS.match(text, pos).end()
                if pos >= n:
                    raise Invalid("unexpected end of input")
                c = text[pos]
                container = stack[-1]
                is_obj = isinstance(container, Obj)
                close = "}" if is_obj else "]"
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
                if is_obj:
                    if c != '"':
                        raise Invalid("expected a string key")
                    key, pos = normalize._parse_string(text, pos)
                    key = normalize._clean(key)
                    pos = normalize._WS.match(text, pos).end()
                    if pos >= n or text[pos] != ":":
                        raise Invalid("expected ':'")
                    pos = normalize._WS.match(text, pos + 1).end()
                    if pos >= n:
                        raise Invalid("unexpected end of input")
                    c = text[pos]
                if c in "{[":
                    v = Obj() if c == "{" else []
                    pos += 1
                    opened = True
                else:
                    v, pos = scalar(pos)
                    opened = False
                if is_obj:
                    container.pairs.append((key, v))
                else:
                    container.append(v)
                if opened:
                    stack.append(v)
                    mode = "item_or_close"
                else:
                    mode = "sep_or_close"
            values.append(root)
        pos = normalize._WS.match(text, pos).end()
    return values


# --------------------------------------------------------------------------
# Scalars
# --------------------------------------------------------------------------

_HEX = set("0123456789abcdefABCDEF")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_DIGITS = re.compile(r"-?[0-9]+", re.ASCII)
_UDIGITS = re.compile(r"[0-9]+", re.ASCII)


def is_number(v):
    return isinstance(v, _Number)


def finite(v):
    return v.value not in (float("inf"), float("-inf"))


def b64_bytes(s):
    t = s
    pad = 0
    while pad < 2 and t.endswith("="):
        t = t[:-1]
        pad += 1
    if not t or any(c not in _B64 for c in t):
        return None
    if pad and (len(t) + pad) % 4 != 0:
        return None
    if len(t) % 4 == 1:
        return None
    bits = 0
    nbits = 0
    out = bytearray()
    for c in t:
        bits = (bits << 6) | _B64.index(c)
        nbits += 6
        if nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)
    return bytes(out)


def norm_id(v):
    if not isinstance(v, str):
        return None
    if v and all(c in _HEX for c in v):
        return v.lower()
    b = b64_bytes(v)
    return b.hex() if b is not None else v


def int64_of(v):
    """An integer from a JSON integer, an integral number or a string of
    ASCII digits (optionally negative), within int64; else None."""
    if is_number(v):
        if v.is_integer:
            i = v.int_value
        elif finite(v) and v.value == int(v.value):
            i = int(v.value)
        else:
            return None
    elif isinstance(v, str) and _DIGITS.fullmatch(v):
        i = int(v)
    else:
        return None
    return i if INT64_MIN <= i <= INT64_MAX else None


def time_of(us):
    if us is None or us < TIME_MIN or us > TIME_MAX:
        return None
    t = datetime.datetime(1970, 1, 1) + datetime.timedelta(microseconds=us)
    return Time("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (
        t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond), us)


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def ascii_upper(s):
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in s)


# --------------------------------------------------------------------------
# Attribute values: ("s", str) ("i", int) ("d", float) ("b", bool) ("x", None)
# or None for an absent value
# --------------------------------------------------------------------------

def any_value(v):
    """An OTLP AnyValue."""
    if not isinstance(v, Obj):
        return None
    out = None
    for k, x in v.items():
        if k == "stringValue":
            out = ("s", x) if isinstance(x, str) else None
        elif k == "intValue":
            if is_number(x) and x.is_integer and INT64_MIN <= x.int_value <= INT64_MAX:
                out = ("i", x.int_value)
            elif isinstance(x, str) and _DIGITS.fullmatch(x) and \
                    INT64_MIN <= int(x) <= INT64_MAX:
                out = ("i", int(x))
            else:
                out = None
        elif k == "doubleValue":
            out = ("d", x.value) if is_number(x) and finite(x) else None
        elif k == "boolValue":
            out = ("b", x) if isinstance(x, bool) else None
        elif k in ("arrayValue", "kvlistValue", "bytesValue"):
            out = ("x", None)
    return out


def tag_value(x):
    """A Jaeger tag value: any JSON value."""
    if isinstance(x, str):
        return ("s", x)
    if isinstance(x, bool):
        return ("b", x)
    if is_number(x):
        if x.is_integer and INT64_MIN <= x.int_value <= INT64_MAX:
            return ("i", x.int_value)
        return ("d", x.value) if finite(x) else None
    if x is None:
        return None
    return ("x", None)


def add_attributes(attrs, arr, value_key, convert):
    """attrs: dict key → value; the first occurrence of a key wins."""
    if not isinstance(arr, list):
        return
    for e in arr:
        if not isinstance(e, Obj):
            continue
        key = None
        val = None
        for k, x in e.items():
            if k == "key":
                key = x if isinstance(x, str) else None
            elif k == value_key:
                val = convert(x)
        if key is not None and key not in attrs:
            attrs[key] = val


def as_string(v):
    return v[1] if v is not None and v[0] == "s" else None


def as_count(v):
    if v is None:
        return None
    kind, x = v
    if kind == "i":
        return x
    if kind == "d":
        if x == int(x) and -(2.0 ** 63) <= x < 2.0 ** 63:
            return int(x)
        return None
    if kind == "s" and _DIGITS.fullmatch(x):
        i = int(x)
        return i if INT64_MIN <= i <= INT64_MAX else None
    return None


def first_of(attrs, keys, conv):
    for k in keys:
        r = conv(attrs.get(k))
        if r is not None:
            return r
    return None


def span_fields(s, attrs, kind_type):
    """type, model and tokens from attributes / tags (§5.2)."""
    s.type = first_of(attrs, ("gen_ai.operation.name", "openinference.span.kind"), as_string)
    if s.type is None:
        s.type = kind_type
    s.model = first_of(attrs, ("gen_ai.request.model", "gen_ai.response.model",
                               "llm.model_name"), as_string)
    total = first_of(attrs, ("gen_ai.usage.total_tokens", "llm.token_count.total"), as_count)
    if total is None:
        tin = first_of(attrs, ("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"),
                       as_count)
        tout = first_of(attrs, ("gen_ai.usage.output_tokens",
                                "gen_ai.usage.completion_tokens"), as_count)
        if tin is not None and tout is not None:
            total = tin + tout if INT64_MIN <= tin + tout <= INT64_MAX else None
        else:
            total = tin if tin is not None else tout
    s.total_tokens = total


def new_span():
    s = Span()
    s.index = 0
    s.id = s.parent_id = s.name = s.type = s.service = None
    s.start = s.end = None
    s.duration_ms = None
    s.total_tokens = None
    s.model = None
    s.score = None
    s.error = None
    s.metrics = 0
    s.children = []
    return s


def finish_span(s, start_us, end_us, duration_us=None):
    s.start = time_of(start_us)
    s.end = time_of(end_us)
    if duration_us is not None:
        s.duration_ms = duration_us / 1000
    elif s.start is not None and s.end is not None:
        s.duration_ms = (s.end.us - s.start.us) / 1000
    else:
        s.duration_ms = None


def make_trace(tid, spans):
    t = Trace()
    t.id = tid
    t.status = None
    t.total_tokens = None
    for i, s in enumerate(spans):
        s.index = i
    t.span_count = len(spans)
    starts = [s.start.us for s in spans if s.start is not None]
    ends = [s.end.us for s in spans if s.end is not None]
    t.start = time_of(min(starts)) if starts else None
    t.end = time_of(max(ends)) if ends else None
    t.duration_ms = ((t.end.us - t.start.us) / 1000
                     if t.start is not None and t.end is not None else None)
    t.roots = normalize.build_tree(spans)
    t.name = t.roots[0].name if t.roots else None
    return t


# --------------------------------------------------------------------------
# OTLP/JSON
# --------------------------------------------------------------------------

_KINDS = {1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}
_KIND_NAMES = {"INTERNAL": "internal", "SERVER": "server", "CLIENT": "client",
               "PRODUCER": "producer", "CONSUMER": "consumer"}


def otlp_kind(v):
    if is_number(v):
        for k, name in _KINDS.items():
            if v.value == k:
                return name
        return None
    if isinstance(v, str):
        u = ascii_upper(v)
        if u.startswith("SPAN_KIND_"):
            u = u[len("SPAN_KIND_"):]
        return _KIND_NAMES.get(u)
    return None


def otlp_is_error(code):
    if is_number(code):
        return code.value == 2
    if isinstance(code, str):
        u = ascii_upper(code)
        if u.startswith("STATUS_CODE_"):
            u = u[len("STATUS_CODE_"):]
        return u == "ERROR"
    return False


def otlp_time(v):
    ns = int64_of(v)
    if ns is None or ns == 0:
        return None
    return ns // 1000


def otlp_span(obj):
    s = new_span()
    tid = None
    kind = None
    start = end = None
    attrs = {}
    code = None
    message = None
    for k, v in obj.items():
        if k == "traceId":
            tid = norm_id(v)
        elif k == "spanId":
            s.id = norm_id(v)
        elif k == "parentSpanId":
            s.parent_id = norm_id(v) if v != "" else None
        elif k == "name":
            s.name = v if isinstance(v, str) else None
        elif k == "kind":
            kind = otlp_kind(v)
        elif k == "startTimeUnixNano":
            start = otlp_time(v)
        elif k == "endTimeUnixNano":
            end = otlp_time(v)
        elif k == "attributes":
            add_attributes(attrs, v, "value", any_value)
        elif k == "status" and isinstance(v, Obj):
            for sk, sv in v.items():
                if sk == "code":
                    code = sv
                elif sk == "message":
                    message = sv
    span_fields(s, attrs, kind)
    if otlp_is_error(code):
        s.error = message if isinstance(message, str) and message != "" else "error"
    finish_span(s, start, end)
    return tid, s


def otlp_resource_spans(obj, out):
    """Appends (trace id, span) of one ResourceSpans to out."""
    if not isinstance(obj, Obj):
        return
    resource_attrs = {}
    spans = []
    for k, v in obj.items():
        if k == "resource" and isinstance(v, Obj):
            for rk, rv in v.items():
                if rk == "attributes":
                    add_attributes(resource_attrs, rv, "value", any_value)
        elif k in ("scopeSpans", "instrumentationLibrarySpans") and isinstance(v, list):
            for scope in v:
                if not isinstance(scope, Obj):
                    continue
                for sk, sv in scope.items():
                    if sk == "spans" and isinstance(sv, list):
                        for e in sv:
                            if isinstance(e, Obj):
                                spans.append(otlp_span(e))
    service = as_string(resource_attrs.get("service.name"))
    for tid, s in spans:
        s.service = service
        out.append((tid, s))


def holds_otlp(v):
    if not isinstance(v, Obj):
        return False
    for k, x in v.items():
        if k in ("resourceSpans", "batches") and isinstance(x, list):
            return True
        if k == "result" and isinstance(x, Obj):
            if any(rk == "resourceSpans" and isinstance(rx, list) for rk, rx in x.items()):
                return True
    return False


def otlp_traces(values):
    found = []
    for v in values:
        if not isinstance(v, Obj):
            continue
        for k, x in v.items():
            if k in ("resourceSpans", "batches") and isinstance(x, list):
                for r in x:
                    otlp_resource_spans(r, found)
            elif k == "result" and isinstance(x, Obj):
                for rk, rx in x.items():
                    if rk == "resourceSpans" and isinstance(rx, list):
                        for r in rx:
                            otlp_resource_spans(r, found)
    if not found:
        raise Invalid("no spans")
    groups = {}
    order = []
    for tid, s in found:
        if tid not in groups:
            groups[tid] = []
            order.append(tid)
        groups[tid].append(s)
    return [make_trace(tid, groups[tid]) for tid in order]


# --------------------------------------------------------------------------
# Jaeger JSON
# --------------------------------------------------------------------------

def jaeger_service(process):
    if not isinstance(process, Obj):
        return None
    name = None
    tags = {}
    for k, v in process.items():
        if k == "serviceName":
            name = v if isinstance(v, str) else None
        elif k == "tags":
            add_attributes(tags, v, "value", tag_value)
    if name is not None:
        return name
    return as_string(tags.get("service.name"))


def jaeger_span(obj, trace_id):
    s = new_span()
    span_tid = None
    refs = []
    n_refs = 0
    legacy = None
    start = duration = None
    tags = {}
    process_id = None
    process = None
    for k, v in obj.items():
        if k == "traceID":
            span_tid = norm_id(v)
        elif k == "spanID":
            s.id = norm_id(v)
        elif k == "operationName":
            s.name = v if isinstance(v, str) else None
        elif k == "references" and isinstance(v, list):
            n_refs += len(v)
            for r in v:
                if not isinstance(r, Obj):
                    continue
                rtype = rtid = rsid = None
                for rk, rv in r.items():
                    if rk == "refType":
                        rtype = rv if isinstance(rv, str) else None
                    elif rk == "traceID":
                        rtid = norm_id(rv)
                    elif rk == "spanID":
                        rsid = norm_id(rv)
                refs.append((rtype, rtid, rsid))
        elif k == "parentSpanID":
            legacy = norm_id(v) if v != "" else None
        elif k == "startTime":
            start = int64_of(v)
            if start == 0:
                start = None
        elif k == "duration":
            duration = int64_of(v)
        elif k == "tags":
            add_attributes(tags, v, "value", tag_value)
        elif k == "processID":
            process_id = v if isinstance(v, str) else None
        elif k == "process":
            process = v if isinstance(v, Obj) else None
    own = trace_id if trace_id is not None else span_tid
    usable = [(t, sid) for t, rt, sid in refs
              if sid is not None and (rt is None or rt == own)]
    if n_refs == 0:
        s.parent_id = legacy
    else:
        child_of = [sid for t, sid in usable if t == "CHILD_OF"]
        if child_of:
            s.parent_id = child_of[0]
        elif usable:
            s.parent_id = usable[0][1]
    kind = as_string(tags.get("span.kind"))
    span_fields(s, tags, ascii_lower(kind) if kind is not None else None)
    err = tags.get("error")
    if err is not None and (err == ("b", True) or err == ("s", "true")):
        desc = as_string(tags.get("otel.status_description"))
        s.error = desc if desc else "error"
    end = None
    if start is not None and duration is not None:
        end = start + duration
    finish_span(s, start, end, duration)
    return s, process_id, process


def jaeger_trace(obj):
    tid = None
    raw_spans = []
    processes = {}
    for k, v in obj.items():
        if k == "traceID":
            tid = norm_id(v)
        elif k == "spans" and isinstance(v, list):
            raw_spans.extend(e for e in v if isinstance(e, Obj))
        elif k == "processes" and isinstance(v, Obj):
            for pk, pv in v.items():
                processes[pk] = pv
    spans = []
    for e in raw_spans:
        s, pid, process = jaeger_span(e, tid)
        if process is None and pid is not None:
            process = processes.get(pid)
        s.service = jaeger_service(process)
        spans.append(s)
    return make_trace(tid, spans)


def jaeger_kind(v):
    """'data' (a list of trace objects), 'bare', or None."""
    data = None
    trace_id = spans = False
    for k, x in v.items():
        if k == "data" and isinstance(x, list):
            data = x
        elif k == "traceID":
            trace_id = True
        elif k == "spans" and isinstance(x, list):
            spans = True
    if data and isinstance(data[0], Obj) and data[0].has("traceID"):
        return data
    if trace_id and spans:
        return "bare"
    return None


def jaeger_traces(v, kind):
    if kind == "bare":
        return [jaeger_trace(v)]
    return [jaeger_trace(e) for e in kind if isinstance(e, Obj)]


# --------------------------------------------------------------------------
# Recognition (§5.1)
# --------------------------------------------------------------------------

def is_normalized(v):
    """C reads "format" every time it occurs; the last string one counts."""
    fmt = None
    for k, x in v.items():
        if k == "format" and isinstance(x, str):
            fmt = x
    return fmt == normalize.FORMAT


def traces_of_bytes(data):
    """Returns ("otel", [Trace]) or ("other", None) for formats that
    normalize.py reads; raises Invalid."""
    text = normalize.decode(data)
    values = parse_values(text)
    if not values:
        raise Invalid("the document is empty")
    if len(values) > 1:
        if all(isinstance(v, Obj) for v in values) and any(holds_otlp(v) for v in values):
            return "otel", otlp_traces(values)
        raise Invalid("several JSON values that are not OTLP")
    v = values[0]
    if not isinstance(v, Obj):
        raise Invalid("not a trace")
    if is_normalized(v):
        return "other", None
    if holds_otlp(v):
        return "otel", otlp_traces(values)
    kind = jaeger_kind(v)
    if kind is not None:
        return "otel", jaeger_traces(v, kind)
    return "other", None


def lines_of_bytes(data):
    kind, traces = traces_of_bytes(data)
    if kind == "other":
        try:
            return normalize.normalize_bytes(data)
        except normalize.Unsupported:
            raise Invalid("not a trace")
    return [normalize.serialize(t) for t in traces]


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")


def expected_of(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        return ("\n".join(lines_of_bytes(data)) + "\n").encode("utf-8")
    except Invalid:
        return None


def regenerate(check):
    ok = True
    for sub in ("otlp", "jaeger"):
        d = os.path.join(FIXTURES, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".expected.json"):
                continue
            base, ext = os.path.splitext(name)
            if ext not in (".json", ".jsonl"):
                continue
            out = expected_of(os.path.join(d, name))
            if name.startswith("invalid-"):
                if out is not None:
                    print("NOT INVALID: %s/%s" % (sub, name))
                    ok = False
                continue
            if out is None:
                print("INVALID: %s/%s" % (sub, name))
                ok = False
                continue
            path = os.path.join(d, base + ".expected.json")
            try:
                with open(path, "rb") as f:
                    have = f.read()
            except FileNotFoundError:
                have = None
            if have == out:
                continue
            if check:
                print("out of date: %s/%s" % (sub, base + ".expected.json"))
                ok = False
                continue
            with open(path, "wb") as f:
                f.write(out)
            print("wrote %s/%s" % (sub, base + ".expected.json"))
    return 0 if ok else 1


def main(argv):
    if len(argv) >= 2 and argv[1] == "--regenerate":
        return regenerate("--check" in argv[2:])
    if len(argv) != 2:
        print("usage: otel.py FILE | otel.py --regenerate [--check]", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        data = f.read()
    try:
        lines = lines_of_bytes(data)
    except Invalid as e:
        print("invalid")
        print("otel.py: %s: invalid: %s" % (argv[1], e), file=sys.stderr)
        return 1
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
