#!/usr/bin/env bash
# run.sh SRC MODULE               clang's thread-safety analysis over SRC/MODULE/*.cpp
# run.sh SRC --must-fail FILE     FILE holds a violation: the analysis must reject it
set -uo pipefail
src="$1"
shift
cxx="${NZBD_CLANGXX:-clang++}"
if ! command -v "$cxx" >/dev/null; then
  echo "$cxx is missing: scripts/deps.sh --test installs clang" >&2
  exit 1
fi
# The definitions the modules' CMakeLists give their sources.
flags=(-std=c++20 -fsyntax-only -Wthread-safety -Werror=thread-safety -I "$src" -DNZBD_QUEUE_VERSION='"0"')
if [[ "$1" == "--must-fail" ]]; then
  if out="$("$cxx" "${flags[@]}" "$2" 2>&1)"; then
    echo "$2 compiled: the thread-safety analysis is not on" >&2
    exit 1
  fi
  grep -q -- '-Werror,-Wthread-safety' <<<"$out" && exit 0
  echo "$2 failed for another reason than the analysis:" >&2
  echo "$out" >&2
  exit 1
fi
status=0
# A violation is an error; so is a file that does not compile (a missing include path).
for f in "$src/$1"/*.cpp; do
  if ! out="$("$cxx" "${flags[@]}" "$f" 2>&1)"; then
    echo "$out" >&2
    status=1
  fi
done
exit $status
