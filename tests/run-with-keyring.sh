#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test inside a private D-Bus session with its own, freshly unlocked
# gnome-keyring, so that Secret Service tests never see a user's keyring.
# Without dbus-run-session or gnome-keyring-daemon the test is skipped (TAP).
set -u
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "1..0 # SKIP dbus-run-session or gnome-keyring-daemon not installed"
  exit 0
fi
if [ -z "${CONTRAIL_KEYRING_INNER:-}" ]; then
  export CONTRAIL_KEYRING_INNER=1
  exec dbus-run-session -- "$0" "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
printf 'contrail-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
export CONTRAIL_TEST_KEYRING=1
exec "$@"
