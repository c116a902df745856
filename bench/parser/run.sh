#!/usr/bin/env bash
# Release-name parser benchmark: titles/s over Sonarr's shared parser cases, one thread, Release.
#
#   bench/parser/run.sh [--seconds N] [--cases FILE]
#
# Builds bench_parser in $BUILD_DIR (default build-rel in the repository root) and runs it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build-rel}"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNZBD_TESTS=OFF -DNZBD_BENCH=ON >/dev/null
cmake --build "$BUILD" -j2 --target bench_parser >/dev/null
echo "cpu           $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
"$BUILD/bench/parser/bench_parser" "$@"
