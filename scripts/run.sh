#!/usr/bin/env bash
# Builds nzbd in Release (if needed) and runs it in the foreground.
# Data folder: $NZBD_HOME or ~/.nzbd. Extra arguments go to nzbd (e.g. --listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DNZBD_TESTS=OFF >/dev/null
cmake --build build-release --target nzbd -j"$(nproc)"
exec build-release/bin/nzbd "$@"
