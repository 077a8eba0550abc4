#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-flatpak-manifest.py MANIFEST APP_ID
#
# The Flatpak manifest is valid JSON (flatpak-builder accepts comments; we do not use them,
# so plain JSON tools and this check can read it) and keeps to the project's rules: the GNOME
# runtime and SDK, `contrail` as the command, only the permissions the app needs, no network
# while building, and the app itself built from the local checkout.

import json
import sys

ALLOWED_FINISH_ARGS = {
    '--share=network',              # the Opper API
    '--share=ipc',                  # X11 shared memory, with fallback-x11
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',                 # GPU rendering
    '--talk-name=org.freedesktop.secrets',  # the API key in the keyring
}


def check_sources(module, problems):
    for source in module.get('sources', []):
        if isinstance(source, str):
            continue                # a path to a JSON file of sources
        kind = source.get('type')
        if kind in ('archive', 'file') and 'url' in source and 'sha256' not in source:
            problems.append(f'module {module.get("name")}: {kind} source without sha256')
        if kind == 'git' and not ('commit' in source or 'tag' in source):
            problems.append(f'module {module.get("name")}: git source without commit or tag')


def main():
    if len(sys.argv) != 3:
        print('usage: check-flatpak-manifest.py MANIFEST APP_ID', file=sys.stderr)
        return 2
    path, app_id = sys.argv[1:]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except json.JSONDecodeError as e:
        print(f'check-flatpak-manifest: {path}: invalid JSON: {e}', file=sys.stderr)
        return 1

    problems = []
    if manifest.get('id', manifest.get('app-id')) != app_id:
        problems.append(f'id is not {app_id}')
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append('runtime is not org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('sdk is not org.gnome.Sdk')
    if not str(manifest.get('runtime-version', '')).isdigit():
        problems.append('runtime-version is not a stable GNOME release (e.g. "48")')
    if manifest.get('command') != 'contrail':
        problems.append('command is not contrail')

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append(f'finish-args: {arg} is not needed by Contrail')
    for arg in sorted(ALLOWED_FINISH_ARGS - set(finish_args)):
        problems.append(f'finish-args: {arg} is missing')

    def build_args(obj):
        return obj.get('build-options', {}).get('build-args', [])

    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    for obj in [manifest] + modules:
        if '--share=network' in build_args(obj):
            problems.append(f'{obj.get("name", "the manifest")}: network access while building')
    for module in modules:
        check_sources(module, problems)

    if not modules or modules[-1].get('name') != 'contrail':
        problems.append('the last module is not contrail')
    else:
        app = modules[-1]
        if app.get('buildsystem') != 'meson':
            problems.append('contrail is not built with meson')
        if not any(isinstance(s, dict) and s.get('type') == 'dir'
                   for s in app.get('sources', [])):
            problems.append('contrail is not built from the local checkout ("type": "dir")')

    if problems:
        for p in problems:
            print(f'check-flatpak-manifest: {p}', file=sys.stderr)
        return 1
    print(f'check-flatpak-manifest: {path}: valid JSON, {len(modules)} module(s)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
