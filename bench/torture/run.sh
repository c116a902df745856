#!/usr/bin/env bash
# kill -9 torture, long form: N trials of the same driver the ctest entry
# e2e_torture runs with 9 (tests/e2e/torture). Each trial gives the real
# nzbd binary work (a 7z set with PAR2 that must be repaired, a plain file,
# an upload racing the kill, and config writes or history deletes), kills it
# with SIGKILL inside one phase (download, par2 repair, unpack, placing, user
# script, config writes, history writes, TV import of a release the Sonarr
# API grabbed) after a seeded random delay, starts
# it again, lets it finish and counts what the restart got wrong. Ends with
# the table; exits non-zero when any count but trials/resumed is not 0.
#
#   bash bench/torture/run.sh [N] [SEED]     (N default 50; SEED replays a run)
#   NZBD_TORTURE_PHASE=tv-import bash bench/torture/run.sh 20   (one phase only)
#   BUILD_DIR=build-test (default) — a Debug+ASan build with NZBD_TESTS=ON
# The whole output (each trial's seed, phase, delay and problems, and the
# daemon's output of a failed restart) is kept in $BUILD_DIR/torture.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-50}
SEED=${2:-}
BUILD_DIR=${BUILD_DIR:-build-test}
ninja -C "$BUILD_DIR" nzbd test_e2e_torture >/dev/null
LOG=$BUILD_DIR/torture.log
status=0
NZBD_TORTURE_TRIALS=$N NZBD_TORTURE_SEED=$SEED \
  "$BUILD_DIR/tests/e2e/test_e2e_torture" --gtest_filter='KillNineTorture.*' >"$LOG" 2>&1 || status=$?
grep -v '^\[' "$LOG" | grep -v '^Running main' || true
exit "$status"
