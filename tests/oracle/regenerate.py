#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rewrites every NAME.expected.json from NAME.json with normalize.py.

    python3 tests/oracle/regenerate.py [--check]

Covers tests/fixtures/opper/ (every NAME.json) and the `ok` rows of
tests/fixtures/malformed/MANIFEST; also checks that every `invalid` row is
invalid for the oracle.  With --check nothing is written and the exit status
says whether every expected file is up to date.  An expected file is a claim
about DESIGN.md §5: read the diff before committing it.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)

import normalize  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")


def expected_of(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        return ("\n".join(normalize.normalize_bytes(data)) + "\n").encode("utf-8")
    except normalize.Invalid:
        return None
    except normalize.Unsupported:
        return b"unsupported"


def update(path, want, check):
    try:
        with open(path, "rb") as f:
            have = f.read()
    except FileNotFoundError:
        have = None
    if have == want:
        return True
    if check:
        print("out of date: %s" % os.path.relpath(path, FIXTURES))
        return False
    with open(path, "wb") as f:
        f.write(want)
    print("wrote %s" % os.path.relpath(path, FIXTURES))
    return True


def main():
    check = "--check" in sys.argv[1:]
    ok = True
    opper = os.path.join(FIXTURES, "opper")
    for name in sorted(os.listdir(opper)):
        if not name.endswith(".json") or name.endswith(".expected.json"):
            continue
        out = expected_of(os.path.join(opper, name))
        if out is None or out == b"unsupported" or out.count(b"\n") != 1:
            print("NOT ONE TRACE: opper/%s" % name)
            ok = False
            continue
        ok &= update(os.path.join(opper, name[:-5] + ".expected.json"), out, check)

    malformed = os.path.join(FIXTURES, "malformed")
    with open(os.path.join(malformed, "MANIFEST"), encoding="utf-8") as f:
        rows = [ln.rstrip("\n").split("\t") for ln in f
                if ln.strip() and not ln.startswith("#")]
    for name, expect in rows:
        out = expected_of(os.path.join(malformed, name))
        if expect == "invalid":
            if out is not None:
                print("NOT INVALID: malformed/%s" % name)
                ok = False
        elif expect == "ok":
            if out is None or out == b"unsupported":
                print("NOT OK: malformed/%s" % name)
                ok = False
                continue
            base = name[:-5] if name.endswith(".json") else name
            ok &= update(os.path.join(malformed, base + ".expected.json"), out, check)
        else:
            print("bad MANIFEST row: %s" % name)
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
