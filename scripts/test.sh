#!/usr/bin/env bash
# Runs the whole test suite: installs what tests need, builds a Debug build
# with AddressSanitizer/UBSan and the concurrency tests with ThreadSanitizer,
# runs unit, integration and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/deps.sh --test
# -g1: line tables are enough for sanitizer reports and build much faster on 2 cores.
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
  -DNZBD_SANITIZE=ON -DNZBD_TESTS=ON >/dev/null
cmake --build build-test -j"$(nproc)"
# clang-format and clang-tidy on the lines this change touches (scripts/lint.sh).
scripts/lint.sh build-test
# The concurrency tests again under ThreadSanitizer, in a tree of their own
# (ctest runs them as tsan.* entries; tests/tsan/CMakeLists.txt lists them).
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1" \
  -DNZBD_TSAN=ON -DNZBD_TESTS=ON >/dev/null
cmake --build build-tsan -j"$(nproc)" --target tsan_tests
# The yEnc and PAR2 tests with the portable kernels only (-DNZBD_SIMD=OFF, as
# on ARM); ctest runs them as nosimd.* entries (tests/nosimd/CMakeLists.txt).
cmake -S . -B build-nosimd -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1" \
  -DNZBD_SIMD=OFF -DNZBD_TESTS=ON >/dev/null
cmake --build build-nosimd -j"$(nproc)" --target nosimd_tests
# The libFuzzer harnesses (clang, tests/fuzz): build-test's fuzz.<name> entries
# run them over their corpora for a fixed number of runs.
tests/fuzz/build.sh build-fuzz
echo "build done after $(( $(date +%s) - start )) s"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
cd build-test
ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@"
