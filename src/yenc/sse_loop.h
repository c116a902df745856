// The SIMD decode loop shared by the SSE2 and SSSE3 kernels (32 bytes per
// step as two 16-byte vectors); they differ only in how a vector with bytes
// to drop is compacted. Included by one .cpp each, which first defines
// NZBD_SSE_TARGET (a target attribute). Everything here is in an anonymous
// namespace so the two builds never merge at link time (that would leak
// SSSE3 instructions into the SSE2 kernel).
#pragma once

#include <emmintrin.h>

#include <cstddef>
#include <cstdint>

#include "yenc/chunk_masks.h"
#include "yenc/kernels.h"

#ifndef NZBD_SSE_TARGET
#error "define NZBD_SSE_TARGET before including sse_loop.h"
#endif

namespace nzbd::yenc::detail {
namespace {

NZBD_SSE_TARGET inline uint32_t mask32(__m128i a, __m128i b, __m128i c) {
  const uint32_t lo = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(a, c)));
  const uint32_t hi = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, c)));
  return (hi << 16) | lo;
}

// Compact::store(out, values, remove_mask16) writes the kept bytes at out,
// writes nothing beyond out+16 and returns the new end of the output.
template <typename Compact>
NZBD_SSE_TARGET size_t sse_decode(const char* src, size_t len, char* dst, DecoderState& state) {
  const auto* in = reinterpret_cast<const uint8_t*>(src);
  auto* out = reinterpret_cast<uint8_t*>(dst);
  const Compact compact;
  unsigned esc = state.escape ? 1 : 0;
  unsigned ls = state.line_start ? 1 : 0;
  const __m128i k_eq = _mm_set1_epi8('=');
  const __m128i k_cr = _mm_set1_epi8('\r');
  const __m128i k_lf = _mm_set1_epi8('\n');
  const __m128i k_dot = _mm_set1_epi8('.');
  const __m128i k42 = _mm_set1_epi8(42);
  const __m128i k64 = _mm_set1_epi8(64);
  size_t i = 0;
  for (; i + 32 <= len; i += 32) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i + 16));
    const __m128i eq_a = _mm_cmpeq_epi8(a, k_eq);
    const __m128i eq_b = _mm_cmpeq_epi8(b, k_eq);
    const uint32_t eqm = (static_cast<uint32_t>(_mm_movemask_epi8(eq_b)) << 16) |
                         static_cast<uint32_t>(_mm_movemask_epi8(eq_a));
    const uint32_t crm = mask32(a, b, k_cr);
    const uint32_t lfm = mask32(a, b, k_lf);
    if (((eqm | crm | lfm) | esc | ls) == 0) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_sub_epi8(a, k42));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), _mm_sub_epi8(b, k42));
      out += 32;
      continue;
    }
    const unsigned esc_in = esc;
    const ChunkMasks<uint32_t> m = chunk_masks<uint32_t>(eqm, crm, lfm, mask32(a, b, k_dot), esc, ls);
    if (__builtin_expect(m.fallback, 0)) {
      DecoderState s{esc != 0, ls != 0};
      out += decode_scalar(src + i, 32, reinterpret_cast<char*>(out), s);
      esc = s.escape;
      ls = s.line_start;
      continue;
    }
    // A byte right after an escaping '=' decodes with an extra -64.
    const __m128i esc_a = _mm_or_si128(_mm_slli_si128(eq_a, 1), _mm_cvtsi32_si128(esc_in ? 0xFF : 0));
    const __m128i esc_b = _mm_or_si128(_mm_slli_si128(eq_b, 1), _mm_srli_si128(eq_a, 15));
    const __m128i va = _mm_sub_epi8(_mm_sub_epi8(a, k42), _mm_and_si128(esc_a, k64));
    const __m128i vb = _mm_sub_epi8(_mm_sub_epi8(b, k42), _mm_and_si128(esc_b, k64));
    out = compact.store(out, va, m.remove & 0xFFFF);
    out = compact.store(out, vb, m.remove >> 16);
  }
  DecoderState s{esc != 0, ls != 0};
  out += decode_scalar(src + i, len - i, reinterpret_cast<char*>(out), s);
  state = s;
  return static_cast<size_t>(out - reinterpret_cast<uint8_t*>(dst));
}

}  // namespace
}  // namespace nzbd::yenc::detail
