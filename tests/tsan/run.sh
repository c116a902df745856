#!/usr/bin/env bash
# Runs one test binary of the ThreadSanitizer tree; a race report fails it.
set -uo pipefail
bin="$1"
if [[ ! -x "$bin" ]]; then
  echo "$bin is not built: scripts/test.sh builds the ThreadSanitizer tree (build-tsan) first" >&2
  exit 1
fi
export TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1:history_size=4${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
# Logs to stderr only (the tests' daemons are not involved: these are in-process tests).
exec "$bin" --gtest_brief=1
