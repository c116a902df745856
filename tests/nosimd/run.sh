#!/usr/bin/env bash
# Runs one test binary of the no-SIMD tree (build-nosimd) and checks that it
# really holds the scalar kernels only.
set -uo pipefail
bin="$1"
if [[ ! -x "$bin" ]]; then
  echo "$bin is not built: scripts/test.sh builds the no-SIMD tree (build-nosimd) first" >&2
  exit 1
fi
symbols="$(nm -C "$bin")"  # not piped into grep -q: pipefail would see nm's SIGPIPE
if grep -qE 'decode_(sse2|ssse3|avx2|avx512)|mul_add_(ssse3|avx2|gfni)' <<<"$symbols"; then
  echo "$bin holds SIMD kernels: it was not built with -DNZBD_SIMD=OFF" >&2
  exit 1
fi
exec "$bin" --gtest_brief=1
