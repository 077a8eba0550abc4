#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/make-screenshots.sh [BUILD_DIR]
#
# Builds BUILD_DIR (default _build; it must be set up already) and takes screenshots of the
# real window running `contrail --demo` at 1400x900, in the light and the dark style, into
# data/screenshots/main-window.png and main-window-dark.png (the metainfo and the README
# show them).  Everything runs on a private Xvfb display, in a private D-Bus session when
# dbus-run-session exists, with throw-away settings, so a running Contrail and the user's
# own settings are left alone.
#
# Needs (Debian 12): xvfb, imagemagick (import, convert), fonts-noto-color-emoji (the demo's
# span types contain emoji), fonts-cantarell (GNOME's UI font; optional), x11-utils
# (xwininfo, to wait for the window; optional), dbus-daemon (optional).
#
# Environment: SHOT_DELAY   seconds to let the window settle once mapped (default 2)
#              SHOT_TIMEOUT seconds to wait for the window to appear (default 30)
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-_build}"
case "$build" in /*) ;; *) build="$top/$build" ;; esac
out_dir="$top/data/screenshots"
width=1400
height=900
delay="${SHOT_DELAY:-2}"
timeout="${SHOT_TIMEOUT:-30}"

die() { echo "make-screenshots: $*" >&2; exit 1; }

[ -f "$build/build.ninja" ] || die "$build is not a meson build directory (run: meson setup $build)"
for tool in Xvfb import convert; do
  command -v "$tool" >/dev/null || die "'$tool' not found; install xvfb and imagemagick"
done
fc-list ':family=Noto Color Emoji' family | grep -q . ||
  die "the Noto Color Emoji font is missing (apt-get install fonts-noto-color-emoji);" \
      "without it the span-type emoji render as boxes"
font="Cantarell 11"
fc-list ':family=Cantarell' family | grep -q . || {
  echo "make-screenshots: Cantarell is not installed (fonts-cantarell); using Sans" >&2
  font="Sans 11"
}

meson compile -C "$build" >/dev/null
binary="$build/src/contrail"
[ -x "$binary" ] || die "$binary was not built"

tmp="$(mktemp -d /tmp/contrail-screenshots.XXXXXX)"
xvfb_pid=""
app_pid=""

stop_app() {
  if [ -n "$app_pid" ]; then
    # The app runs in its own process group (setsid), so its D-Bus daemon goes too.
    kill -TERM -- "-$app_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
}

cleanup() {
  stop_app
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A private X server on the first free display number; it writes the number to fd 3.
Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -nolisten tcp -noreset \
  3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { cat "$tmp/xvfb.log" >&2; die "Xvfb did not start"; }
  sleep 0.1
done
[ -s "$tmp/display" ] || die "Xvfb did not report a display"
display=":$(tr -d '[:space:]' <"$tmp/display")"

# Wait until a top-level window named Contrail is mapped (or just wait, without xwininfo).
wait_for_window() {
  local waited=0
  if ! command -v xwininfo >/dev/null; then
    sleep $((timeout < 5 ? timeout : 5))
    return 0
  fi
  while ! DISPLAY="$display" xwininfo -root -children 2>/dev/null | grep -q '"Contrail"'; do
    kill -0 "$app_pid" 2>/dev/null || return 1
    sleep 0.2
    waited=$((waited + 1))
    [ "$waited" -lt $((timeout * 5)) ] || return 1
  done
}

# shoot SCHEME FILE: run the demo with the given colour scheme and capture the screen,
# which the window fills exactly.
shoot() {
  local scheme="$1" file="$2" config="$tmp/config-$1"
  local -a session=()

  # Throw-away settings: the window fills the screen; GNOME's UI font, antialiased.
  mkdir -p "$config/glib-2.0/settings" "$config/gtk-4.0" "$tmp/data-$1" "$tmp/cache-$1"
  cat >"$config/glib-2.0/settings/keyfile" <<EOF
[io/github/contrail/Contrail]
window-width=$width
window-height=$height
window-maximized=false
EOF
  cat >"$config/gtk-4.0/settings.ini" <<EOF
[Settings]
gtk-font-name=$font
gtk-xft-antialias=1
gtk-xft-hinting=1
gtk-xft-hintstyle=hintslight
gtk-xft-rgba=none
EOF

  command -v dbus-run-session >/dev/null && session=(dbus-run-session --)

  env -u OPPER_API_KEY -u OPPER_BASE_URL -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
    DISPLAY="$display" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
    GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data" \
    XDG_CONFIG_HOME="$config" XDG_DATA_HOME="$tmp/data-$1" XDG_CACHE_HOME="$tmp/cache-$1" \
    ADW_DEBUG_COLOR_SCHEME="$scheme" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    setsid "${session[@]}" "$binary" --demo >"$tmp/app-$1.log" 2>&1 &
  app_pid=$!

  if ! wait_for_window; then
    cat "$tmp/app-$1.log" >&2
    die "the Contrail window did not appear ($scheme)"
  fi
  sleep "$delay"
  kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app-$1.log" >&2; die "Contrail exited ($scheme)"; }

  import -display "$display" -window root "$tmp/shot.png"
  stop_app
  mkdir -p "$out_dir"
  convert "$tmp/shot.png" -strip -depth 8 "PNG24:$file"
  echo "make-screenshots: wrote ${file#"$top"/} ($(identify -format '%wx%h' "$file"))"
}

shoot prefer-light "$out_dir/main-window.png"
shoot prefer-dark "$out_dir/main-window-dark.png"
