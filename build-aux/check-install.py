#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-install.py MESON BUILD_DIR PREFIX BINDIR DATADIR MANDIR LOCALEDIR SOURCE_ROOT APP_ID
#
# Runs `meson install --destdir <tmp>` for BUILD_DIR (no rebuild, no network, no root:
# the post-install scripts skip themselves when DESTDIR is set) and checks that every
# file of the app lands where GNOME looks for it, and that the installed files agree
# with each other (desktop Exec/Icon, metainfo id/launchable/binary, schema id).

import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def read_linguas(source_root):
    langs = []
    with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            langs += line.split()
    return langs


def main():
    if len(sys.argv) != 10:
        print('usage: check-install.py MESON BUILD_DIR PREFIX BINDIR DATADIR MANDIR LOCALEDIR '
              'SOURCE_ROOT APP_ID', file=sys.stderr)
        return 2
    meson, build_dir, prefix, bindir, datadir, mandir, localedir, source_root, app_id = \
        sys.argv[1:]

    def under_prefix(d):
        return d if os.path.isabs(d) else os.path.join(prefix, d)

    bindir, datadir, mandir, localedir = map(under_prefix, (bindir, datadir, mandir, localedir))

    problems = []
    destdir = tempfile.mkdtemp(prefix='contrail-install-')
    try:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        # find_program('meson') is the running meson; run as a Python module it is the
        # interpreter itself.
        meson_cmd = [meson]
        if os.path.basename(meson).startswith('python'):
            meson_cmd += ['-m', 'mesonbuild.mesonmain']
        result = subprocess.run(meson_cmd + ['install', '-C', build_dir, '--no-rebuild',
                                 '--destdir', destdir, '--quiet'],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env=env)
        if result.returncode != 0:
            print(result.stdout, file=sys.stderr)
            print(f'check-install: meson install failed with status {result.returncode}',
                  file=sys.stderr)
            return 1

        def staged(path):
            return os.path.join(destdir, path.lstrip('/'))

        expected = {
            'binary': os.path.join(bindir, 'contrail'),
            'desktop file': os.path.join(datadir, 'applications', app_id + '.desktop'),
            'metainfo': os.path.join(datadir, 'metainfo', app_id + '.metainfo.xml'),
            'app icon': os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps',
                                     app_id + '.svg'),
            'symbolic icon': os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps',
                                          app_id + '-symbolic.svg'),
            'GSettings schema': os.path.join(datadir, 'glib-2.0', 'schemas',
                                             app_id + '.gschema.xml'),
            'man page': os.path.join(mandir, 'man1', 'contrail.1'),
        }
        for lang in read_linguas(source_root):
            expected[f'{lang} translation'] = os.path.join(localedir, lang, 'LC_MESSAGES',
                                                           'contrail.mo')

        for what, path in expected.items():
            if not os.path.isfile(staged(path)):
                problems.append(f'{what}: {path} was not installed')

        binary = staged(expected['binary'])
        if os.path.isfile(binary) and not os.access(binary, os.X_OK):
            problems.append(f'binary: {expected["binary"]} is not executable')

        # The desktop file: merged (no untranslated .in leftovers), launching our binary
        # with our icon.
        desktop = staged(expected['desktop file'])
        if os.path.isfile(desktop):
            parser = configparser.ConfigParser(interpolation=None, strict=False)
            parser.optionxform = str
            parser.read(desktop, encoding='utf-8')
            entry = parser['Desktop Entry'] if parser.has_section('Desktop Entry') else {}
            if entry.get('Icon') != app_id:
                problems.append(f'desktop file: Icon is {entry.get("Icon")!r}, not {app_id!r}')
            exec_line = entry.get('Exec', '')
            if exec_line.split(' ')[0] != 'contrail':
                problems.append(f'desktop file: Exec is {exec_line!r}, not "contrail …"')
            if not entry.get('Name'):
                problems.append('desktop file: no Name')

        # The metainfo: our id, launching our desktop file, providing our binary.
        metainfo = staged(expected['metainfo'])
        if os.path.isfile(metainfo):
            root = ET.parse(metainfo).getroot()
            if root.findtext('id') != app_id:
                problems.append(f'metainfo: id is {root.findtext("id")!r}, not {app_id!r}')
            if root.findtext('launchable') != app_id + '.desktop':
                problems.append('metainfo: the launchable is not the installed desktop file')
            if root.findtext('provides/binary') != 'contrail':
                problems.append('metainfo: does not provide the binary "contrail"')
            if root.find('releases/release') is None:
                problems.append('metainfo: no release')

        schema = staged(expected['GSettings schema'])
        if os.path.isfile(schema):
            ids = [s.get('id') for s in ET.parse(schema).getroot().iter('schema')]
            if app_id not in ids:
                problems.append(f'GSettings schema: no schema with id {app_id}')

        for what in ('app icon', 'symbolic icon'):
            path = staged(expected[what])
            if os.path.isfile(path):
                root = ET.parse(path).getroot()
                if not root.tag.endswith('svg'):
                    problems.append(f'{what}: not an SVG')

        installed = sorted(os.path.relpath(os.path.join(d, f), destdir)
                           for d, _, files in os.walk(destdir) for f in files)
        print('installed:')
        for path in installed:
            print('  /' + path)
    finally:
        shutil.rmtree(destdir, ignore_errors=True)

    if problems:
        for p in problems:
            print(f'check-install: {p}', file=sys.stderr)
        return 1
    print(f'check-install: all {len(expected)} expected files installed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
