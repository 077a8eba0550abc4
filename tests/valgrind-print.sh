#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# valgrind-print.sh CONTRAIL text|json ARG… — runs `contrail --print [--json]
# ARG…` under valgrind's memcheck with GLib's suppressions.  An ARG that is a
# directory stands for the .json and .jsonl files in it; others (a file,
# --demo) are passed as they are.  Fails on any memory error or definite
# leak.  Contrail's own exit status (0, or 1 when a malformed fixture is
# refused) is not the point here; 2 and crashes are.  Registered by
# tests/meson.build in the 'valgrind' suite.
set -euo pipefail

contrail="$1"; mode="$2"; shift 2
args=(--print)
[ "$mode" = json ] && args+=(--json)
n_inputs=0
for a in "$@"; do
  if [ -d "$a" ]; then
    while IFS= read -r f; do
      args+=("$f")
      n_inputs=$((n_inputs + 1))
    done < <(find "$a" -maxdepth 1 -type f \( -name '*.json' -o -name '*.jsonl' \) | LC_ALL=C sort)
  elif [ "$a" = --demo ] || [ -e "$a" ]; then
    args+=("$a")
    n_inputs=$((n_inputs + 1))
  fi
done
if [ "$n_inputs" -eq 0 ]; then
  echo "nothing to run: $*"
  exit 77   # skipped (e.g. ../shared/real-traces is not there)
fi

supp=()
for f in /usr/share/glib-2.0/valgrind/glib.supp; do
  [ -f "$f" ] && supp+=("--suppressions=$f")
done

log="$(mktemp "${TMPDIR:-/tmp}/contrail-valgrind-XXXXXX")"
trap 'rm -f "$log"' EXIT

status=0
G_SLICE=always-malloc G_DEBUG=gc-friendly \
  valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --error-exitcode=99 --track-origins=yes --num-callers=30 "${supp[@]}" --log-file="$log" \
    "$contrail" "${args[@]}" >/dev/null 2>/dev/null || status=$?

flags="--print"
[ "$mode" = json ] && flags="--print --json"
echo "contrail $flags over $n_inputs inputs from $* under valgrind: exit $status"
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  cat "$log"
  [ "$status" -eq 99 ] && echo "valgrind: memory errors or definite leaks (above)"
  exit 1
fi
if grep -q 'definitely lost: [1-9]' "$log"; then
  cat "$log"
  exit 1
fi
echo "no memory errors, no definite leaks"
