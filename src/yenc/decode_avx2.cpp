// AVX2 kernel, 64 bytes per step. Per-byte compares give bit masks for '=',
// CR, LF and '.'; chunk_masks() turns them into the bytes to drop. Bytes after
// an '=' get an extra -64, then each 16-byte lane is compacted with vpshufb
// through the 15-bit lookup table. With ~3% special bytes nearly every 64-byte
// chunk has one, so the loop is branch-free apart from rare cases.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "yenc/chunk_masks.h"
#include "yenc/kernels.h"

#define NZBD_AVX2 __attribute__((target("avx2,popcnt")))

namespace nzbd::yenc::detail {
namespace {

using Lut15 = const uint8_t (*)[16];

NZBD_AVX2 inline uint64_t mask64(__m256i a, __m256i b, __m256i c) {
  const uint32_t lo = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, c)));
  const uint32_t hi = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, c)));
  return (static_cast<uint64_t>(hi) << 32) | lo;
}

// Writes the bytes of v whose bit in `remove` is clear contiguously at out.
// Each 16-byte store starts at or below the read position of its source
// bytes, so nothing past out+32 is written and decoding in place is safe.
NZBD_AVX2 inline uint8_t* compact32(uint8_t* out, __m256i v, uint32_t remove, Lut15 lut) {
  const __m128i s0 = _mm_load_si128(reinterpret_cast<const __m128i*>(lut[remove & 0x7FFF]));
  const __m128i s1 = _mm_load_si128(reinterpret_cast<const __m128i*>(lut[(remove >> 16) & 0x7FFF]));
  const __m256i packed = _mm256_shuffle_epi8(v, _mm256_inserti128_si256(_mm256_castsi128_si256(s0), s1, 1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(packed));
  out += 16 - __builtin_popcount(remove & 0xFFFF);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_extracti128_si256(packed, 1));
  return out + 16 - __builtin_popcount(remove >> 16);
}

NZBD_AVX2 size_t avx2_decode(const char* src, size_t len, char* dst, DecoderState& state) {
  const auto* in = reinterpret_cast<const uint8_t*>(src);
  auto* out = reinterpret_cast<uint8_t*>(dst);
  const Lut15 lut = compact15();
  unsigned esc = state.escape ? 1 : 0;
  unsigned ls = state.line_start ? 1 : 0;
  const __m256i k_eq = _mm256_set1_epi8('=');
  const __m256i k_cr = _mm256_set1_epi8('\r');
  const __m256i k_lf = _mm256_set1_epi8('\n');
  const __m256i k_dot = _mm256_set1_epi8('.');
  const __m256i k_plain = _mm256_set1_epi8(-42);
  const __m256i k_escaped = _mm256_set1_epi8(-42 - 64);
  size_t i = 0;
  for (; i + 64 <= len; i += 64) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + 32));
    const __m256i eq_a = _mm256_cmpeq_epi8(a, k_eq);
    const uint64_t eqm = (static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, k_eq))))
                          << 32) |
                         static_cast<uint32_t>(_mm256_movemask_epi8(eq_a));
    const uint64_t crm = mask64(a, b, k_cr);
    const uint64_t lfm = mask64(a, b, k_lf);
    if (((eqm | crm | lfm) | esc | ls) == 0) {  // no special byte at all
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm256_add_epi8(a, k_plain));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 32), _mm256_add_epi8(b, k_plain));
      out += 64;
      continue;
    }
    const unsigned esc_in = esc;
    const ChunkMasks<uint64_t> m = chunk_masks<uint64_t>(eqm, crm, lfm, mask64(a, b, k_dot), esc, ls);
    if (__builtin_expect(m.fallback, 0)) {
      DecoderState s{esc != 0, ls != 0};
      out += decode_scalar(src + i, 64, reinterpret_cast<char*>(out), s);
      esc = s.escape;
      ls = s.line_start;
      continue;
    }
    // Bytes right after an '=' decode with an extra -64. For a: '=' flags
    // shifted up one byte across lanes, plus the escape carried in; for b:
    // compare the input shifted by one (in + i + 31 is inside this chunk).
    const __m256i esc_a = _mm256_or_si256(
        _mm256_alignr_epi8(eq_a, _mm256_permute2x128_si256(eq_a, eq_a, 0x08), 15),
        _mm256_setr_epi32(esc_in ? 0xFF : 0, 0, 0, 0, 0, 0, 0, 0));
    const __m256i esc_b =
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + 31)), k_eq);
    const __m256i va = _mm256_add_epi8(a, _mm256_blendv_epi8(k_plain, k_escaped, esc_a));
    const __m256i vb = _mm256_add_epi8(b, _mm256_blendv_epi8(k_plain, k_escaped, esc_b));
    out = compact32(out, va, static_cast<uint32_t>(m.remove), lut);
    out = compact32(out, vb, static_cast<uint32_t>(m.remove >> 32), lut);
  }
  DecoderState s{esc != 0, ls != 0};
  out += decode_scalar(src + i, len - i, reinterpret_cast<char*>(out), s);
  state = s;
  return static_cast<size_t>(out - reinterpret_cast<uint8_t*>(dst));
}

}  // namespace

size_t decode_avx2(const char* src, size_t len, char* dst, DecoderState& state) {
  return avx2_decode(src, len, dst, state);
}

}  // namespace nzbd::yenc::detail
