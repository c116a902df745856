// AVX-512 VBMI2 kernel, one 64-byte register per step: compares straight into
// mask registers, the exact bit logic of chunk_masks() on them, a masked
// subtract for escaped bytes and vpcompressb to drop bytes. No lookup tables.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "yenc/chunk_masks.h"
#include "yenc/kernels.h"

#define NZBD_AVX512 __attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt")))

namespace nzbd::yenc::detail {
namespace {

NZBD_AVX512 size_t avx512_decode(const char* src, size_t len, char* dst, DecoderState& state) {
  const auto* in = reinterpret_cast<const uint8_t*>(src);
  auto* out = reinterpret_cast<uint8_t*>(dst);
  DecoderState s = state;
  // Scalar up to a 64-byte boundary so the vector loads are aligned.
  size_t i = (64 - (reinterpret_cast<uintptr_t>(in) & 63)) & 63;
  if (i > len) i = len;
  out += decode_scalar(src, i, reinterpret_cast<char*>(out), s);
  unsigned esc = s.escape ? 1 : 0;
  unsigned ls = s.line_start ? 1 : 0;
  while (i + 64 <= len) {
    // Hot loop without calls, so the constants stay in registers.
    const __m512i k_eq = _mm512_set1_epi8('=');
    const __m512i k_cr = _mm512_set1_epi8('\r');
    const __m512i k_lf = _mm512_set1_epi8('\n');
    const __m512i k_dot = _mm512_set1_epi8('.');
    const __m512i k42 = _mm512_set1_epi8(42);
    const __m512i k64 = _mm512_set1_epi8(64);
    bool fallback = false;
    for (; i + 64 <= len; i += 64) {
      const __m512i d = _mm512_load_si512(reinterpret_cast<const void*>(in + i));
      const uint64_t eqm = _mm512_cmpeq_epi8_mask(d, k_eq);
      const uint64_t escm = (eqm << 1) | esc;
      const ChunkMasks<uint64_t> m = chunk_masks<uint64_t>(eqm, _mm512_cmpeq_epi8_mask(d, k_cr),
                                                           _mm512_cmpeq_epi8_mask(d, k_lf),
                                                           _mm512_cmpeq_epi8_mask(d, k_dot), esc, ls);
      if (__builtin_expect(m.fallback, 0)) {
        fallback = true;
        break;
      }
      const __m512i plain = _mm512_sub_epi8(d, k42);
      const __m512i v = _mm512_mask_sub_epi8(plain, escm, plain, k64);
      // Writes at most 64 bytes at out, which is at or below in + i: in-place safe.
      _mm512_storeu_si512(reinterpret_cast<void*>(out), _mm512_maskz_compress_epi8(~m.remove, v));
      out += 64 - static_cast<size_t>(__builtin_popcountll(m.remove));
    }
    if (!fallback) break;
    DecoderState fs{esc != 0, ls != 0};  // chunk_masks left the state as it came in
    out += decode_scalar(src + i, 64, reinterpret_cast<char*>(out), fs);
    esc = fs.escape;
    ls = fs.line_start;
    i += 64;
  }
  s = DecoderState{esc != 0, ls != 0};
  out += decode_scalar(src + i, len - i, reinterpret_cast<char*>(out), s);
  state = s;
  return static_cast<size_t>(out - reinterpret_cast<uint8_t*>(dst));
}

}  // namespace

size_t decode_avx512(const char* src, size_t len, char* dst, DecoderState& state) {
  return avx512_decode(src, len, dst, state);
}

}  // namespace nzbd::yenc::detail
