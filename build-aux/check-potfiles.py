#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.py SOURCE_ROOT
#
# Fails when po/POTFILES.in is out of step with the tree:
#  - a file under src/ or data/ with translatable strings is not listed: C-like code that calls
#    _(), N_(), C_(), NC_() or ngettext(), a file with translatable="yes" (GtkBuilder .ui), and
#    every desktop entry, metainfo and GSettings schema source (their strings are translatable
#    without any marker);
#  - a listed file does not exist (xgettext, and so `meson compile contrail-pot`, would fail);
#  - the list is not sorted or has duplicates (STYLE.md section 8).
# Lines starting with '#' and blank lines are ignored, as xgettext does.

import os
import re
import sys

SCANNED_DIRS = ('src', 'data')
# Trace data, images and fonts: never code, and may contain "_(" by accident.
SKIPPED_SUFFIXES = ('.json', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.ttf', '.otf', '.gz')
ALWAYS_TRANSLATABLE = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in', '.gschema.xml')

# A gettext macro call: the name must not be the tail of a longer identifier
# (so "foo_(" and "G_N_ELEMENTS (" do not count), with optional space before "(".
MACRO_RE = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(')
TRANSLATABLE_RE = re.compile(r'''translatable\s*=\s*["'](?:yes|true|1)["']''', re.IGNORECASE)


def has_strings(path):
    name = os.path.basename(path)
    if name.endswith(ALWAYS_TRANSLATABLE):
        return True
    if name.endswith(SKIPPED_SUFFIXES):
        return False
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False          # binary
    return bool(MACRO_RE.search(text) or TRANSLATABLE_RE.search(text))


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = sys.argv[1]
    potfiles_path = os.path.join(root, 'po', 'POTFILES.in')

    with open(potfiles_path, encoding='utf-8') as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.lstrip().startswith('#')]

    problems = []

    for entry in listed:
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f'po/POTFILES.in lists {entry}, which does not exist')

    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted; expected:\n  ' +
                        '\n  '.join(sorted(set(listed))))
    duplicates = sorted({e for e in listed if listed.count(e) > 1})
    for entry in duplicates:
        problems.append(f'po/POTFILES.in lists {entry} more than once')

    listed_set = set(listed)
    missing = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if rel not in listed_set and has_strings(path):
                    missing.append(rel)
    for rel in missing:
        problems.append(f'{rel} has translatable strings but is missing from po/POTFILES.in')

    if problems:
        for p in problems:
            print(f'check-potfiles: {p}', file=sys.stderr)
        return 1

    print(f'check-potfiles: {len(listed)} files listed, none missing')
    return 0


if __name__ == '__main__':
    sys.exit(main())
