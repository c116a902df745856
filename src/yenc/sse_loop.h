// The SIMD decode loop shared by the SSE2 and SSSE3 kernels (32 bytes per
// step as two 16-byte vectors); they differ in how special bytes are found
// and how a vector with bytes to drop is compacted (see Ops below). Included by one .cpp each, which first defines
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

// Ops::special(v): 0xFF where v is '=', CR or LF.
// Ops::store(out, values, remove_mask16): writes the kept bytes at out,
// nothing beyond out+16, and returns the new end of the output.
//
// Like the AVX2 kernel: the loose `remove` (every '=', CR, LF) is exact
// unless a special byte is escaped (broken input) or followed by a '.', or a
// stuffed '.' opens the chunk; those chunks take the exact chunk_masks() path.
template <typename Ops>
NZBD_SSE_TARGET size_t sse_decode(const char* src, size_t len, char* dst, DecoderState& state) {
  const auto* in = reinterpret_cast<const uint8_t*>(src);
  auto* out = reinterpret_cast<uint8_t*>(dst);
  const Ops ops;
  unsigned esc = state.escape ? 1 : 0;
  unsigned ls = state.line_start ? 1 : 0;
  size_t i = 0;
  while (i + 33 <= len) {  // +1: the dot check reads the byte after the chunk
    // Hot loop without calls, so the constants stay in registers.
    const __m128i k_eq = _mm_set1_epi8('=');
    const __m128i k_dot = _mm_set1_epi8('.');
    const __m128i k42 = _mm_set1_epi8(42);
    const __m128i k64 = _mm_set1_epi8(64);
    bool fallback = false;
    for (; i + 33 <= len; i += 32) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i + 16));
      const __m128i special_a = ops.special(a);
      const __m128i special_b = ops.special(b);
      uint32_t remove = (static_cast<uint32_t>(_mm_movemask_epi8(special_b)) << 16) |
                        static_cast<uint32_t>(_mm_movemask_epi8(special_a));
      if ((remove | esc | ls) == 0) {  // a third of all chunks: worth a branch at this width
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_sub_epi8(a, k42));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), _mm_sub_epi8(b, k42));
        out += 32;
        continue;
      }
      const __m128i eq_a = _mm_cmpeq_epi8(a, k_eq);
      const __m128i eq_b = _mm_cmpeq_epi8(b, k_eq);
      // Bytes right after an '=' (byte 0's carried-in escape is added below).
      const __m128i esc_a = _mm_slli_si128(eq_a, 1);
      const __m128i esc_b = _mm_or_si128(_mm_slli_si128(eq_b, 1), _mm_srli_si128(eq_a, 15));
      const __m128i dot_a = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i + 1)), k_dot);
      const __m128i dot_b = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i + 17)), k_dot);
      const __m128i odd = _mm_or_si128(_mm_and_si128(special_a, _mm_or_si128(esc_a, dot_a)),
                                       _mm_and_si128(special_b, _mm_or_si128(esc_b, dot_b)));
      const unsigned esc_in = esc;
      const bool odd_start = (esc & remove) | (ls & (in[i] == '.'));
      if (__builtin_expect(odd_start || _mm_movemask_epi8(odd) != 0, 0)) {
        const uint32_t eqm = (static_cast<uint32_t>(_mm_movemask_epi8(eq_b)) << 16) |
                             static_cast<uint32_t>(_mm_movemask_epi8(eq_a));
        const ChunkMasks<uint32_t> m = chunk_masks<uint32_t>(eqm, mask32(a, b, _mm_set1_epi8('\r')),
                                                             mask32(a, b, _mm_set1_epi8('\n')), mask32(a, b, k_dot),
                                                             esc, ls);
        if (m.fallback) {
          fallback = true;
          break;
        }
        remove = m.remove;
      } else {
        // No escaped specials, so the last byte's meaning is plain. Read
        // before this chunk's stores (in-place safe).
        esc = in[i + 31] == '=';
        ls = in[i + 31] == '\n';
      }
      const __m128i va = _mm_sub_epi8(_mm_sub_epi8(_mm_sub_epi8(a, k42), _mm_and_si128(esc_a, k64)),
                                      _mm_cvtsi32_si128(static_cast<int>(esc_in << 6)));
      const __m128i vb = _mm_sub_epi8(_mm_sub_epi8(b, k42), _mm_and_si128(esc_b, k64));
      out = ops.store(out, va, remove & 0xFFFF);
      out = ops.store(out, vb, remove >> 16);
    }
    if (!fallback) break;
    DecoderState fs{esc != 0, ls != 0};  // chunk_masks left the state as it came in
    out += decode_scalar(src + i, 32, reinterpret_cast<char*>(out), fs);
    esc = fs.escape;
    ls = fs.line_start;
    i += 32;
  }
  DecoderState s{esc != 0, ls != 0};
  out += decode_scalar(src + i, len - i, reinterpret_cast<char*>(out), s);
  state = s;
  return static_cast<size_t>(out - reinterpret_cast<uint8_t*>(dst));
}

}  // namespace
}  // namespace nzbd::yenc::detail
