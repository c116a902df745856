#!/usr/bin/env bash
# Configures (once) and builds the clang fuzz tree: only the fuzz_* harnesses
# and the module libraries they link. -O1 keeps executions fast, -g1 gives
# sanitizer reports their lines; Debug keeps assertions on.
#   tests/fuzz/build.sh [build dir, default build-fuzz]
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-build-fuzz}
if [[ ! -f $dir/build.ninja ]]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DNZBD_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" "-DCMAKE_C_FLAGS_DEBUG=-O1 -g1" >/dev/null
fi
cmake --build "$dir" --target fuzz -j"${JOBS:-$(nproc)}"
