// AVX2 kernel, 64 bytes per step, branch-free in the common case.
//
// Common case: one vpshufb lookup flags '=', CR and LF (they are all dropped),
// bytes right after an '=' get an extra -64, and each 16-byte lane is
// compacted with vpshufb through the 15-bit table. Rare cases take the exact
// path (chunk_masks): a '.' right after an LF (NNTP dot-stuffing), or a
// special byte right after an '=' (only in broken input).
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "yenc/chunk_masks.h"
#include "yenc/kernels.h"

#define NZBD_AVX2 __attribute__((target("avx2,popcnt")))

namespace nzbd::yenc::detail {
namespace {

NZBD_AVX2 inline uint64_t movemask64(__m256i a, __m256i b) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(b))) << 32) |
         static_cast<uint32_t>(_mm256_movemask_epi8(a));
}

NZBD_AVX2 inline uint64_t mask64(__m256i a, __m256i b, char c) {
  const __m256i k = _mm256_set1_epi8(c);
  return movemask64(_mm256_cmpeq_epi8(a, k), _mm256_cmpeq_epi8(b, k));
}

// 0xFF where v is '=', CR or LF. Bytes >= '.' look up entry 14 ('='); the
// others look up their low nibble, which holds CR at 13 and LF at 10 and a
// value no byte below '.' can equal elsewhere.
NZBD_AVX2 inline __m256i special_bytes(__m256i v) {
  const __m256i table = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, '\n', -1, -1, '\r', '=', -1,
                                         -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, '\n', -1, -1, '\r', '=', -1);
  return _mm256_cmpeq_epi8(v, _mm256_shuffle_epi8(table, _mm256_min_epu8(v, _mm256_set1_epi8('.'))));
}

NZBD_AVX2 inline __m128i lut_entry(const uint8_t* lut, uint64_t remove, unsigned shift) {
  return _mm_load_si128(reinterpret_cast<const __m128i*>(lut + ((remove >> shift) & 0x7FFF) * 16));
}

NZBD_AVX2 inline size_t dropped(uint64_t remove, unsigned shift) {
  return static_cast<size_t>(__builtin_popcountll((remove >> shift) & 0xFFFF));
}

// Writes the bytes of a||b whose bit in `remove` is clear contiguously at
// out. Each 16-byte store starts at or below the read position of its source
// bytes, so nothing past out+64 is written and decoding in place is safe.
NZBD_AVX2 inline uint8_t* compact64(uint8_t* out, __m256i a, __m256i b, uint64_t remove, const uint8_t* lut) {
  const __m256i pa = _mm256_shuffle_epi8(
      a, _mm256_inserti128_si256(_mm256_castsi128_si256(lut_entry(lut, remove, 0)), lut_entry(lut, remove, 16), 1));
  const __m256i pb = _mm256_shuffle_epi8(
      b, _mm256_inserti128_si256(_mm256_castsi128_si256(lut_entry(lut, remove, 32)), lut_entry(lut, remove, 48), 1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(pa));
  out += 16;
  out -= dropped(remove, 0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_extracti128_si256(pa, 1));
  out += 16;
  out -= dropped(remove, 16);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(pb));
  out += 16;
  out -= dropped(remove, 32);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_extracti128_si256(pb, 1));
  out += 16;
  return out - dropped(remove, 48);
}

NZBD_AVX2 size_t avx2_decode(const char* src, size_t len, char* dst, DecoderState& state) {
  const auto* in = reinterpret_cast<const uint8_t*>(src);
  auto* out = reinterpret_cast<uint8_t*>(dst);
  const uint8_t* lut = compact15()[0];
  DecoderState s = state;
  // Scalar up to a 32-byte boundary so the vector loads are aligned.
  size_t i = (32 - (reinterpret_cast<uintptr_t>(in) & 31)) & 31;
  if (i > len) i = len;
  out += decode_scalar(src, i, reinterpret_cast<char*>(out), s);
  unsigned esc = s.escape ? 1 : 0;
  unsigned ls = s.line_start ? 1 : 0;
  while (i + 65 <= len) {
    // Hot loop without calls, so the constants stay in registers.
    const __m256i k_eq = _mm256_set1_epi8('=');
    const __m256i k_plain = _mm256_set1_epi8(-42);
    const __m256i k_escaped = _mm256_set1_epi8(-42 - 64);
    const __m256i k_dot = _mm256_set1_epi8('.');
    bool fallback = false;
    // +1: the dot check reads the byte after the chunk.
    for (; i + 65 <= len; i += 64) {
      const __m256i a = _mm256_load_si256(reinterpret_cast<const __m256i*>(in + i));
      const __m256i b = _mm256_load_si256(reinterpret_cast<const __m256i*>(in + i + 32));
      const __m256i special_a = special_bytes(a);
      const __m256i special_b = special_bytes(b);
      uint64_t remove = movemask64(special_a, special_b);
      // Bytes right after an '=': for a, the '=' flags shifted up one byte
      // across lanes (byte 0 is the carried-in escape, handled below); for b,
      // compare the input shifted by one (in + i + 31 is inside this chunk).
      const __m256i eq_a = _mm256_cmpeq_epi8(a, k_eq);
      const __m256i esc_a = _mm256_alignr_epi8(eq_a, _mm256_permute2x128_si256(eq_a, eq_a, 0x08), 15);
      const __m256i esc_b =
          _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + 31)), k_eq);
      // Special bytes followed by '.' (maybe NNTP dot-stuffing after an LF).
      const __m256i dot_a = _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + 1)), k_dot);
      const __m256i dot_b = _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + 33)), k_dot);
      // The loose `remove` is exact unless a special byte is escaped (broken
      // input) or followed by a '.', or a stuffed '.' opens the chunk.
      const __m256i odd = _mm256_or_si256(_mm256_and_si256(special_a, _mm256_or_si256(esc_a, dot_a)),
                                          _mm256_and_si256(special_b, _mm256_or_si256(esc_b, dot_b)));
      const unsigned esc_in = esc;
      const bool odd_start = (esc & remove) | (ls & (in[i] == '.'));
      if (__builtin_expect(odd_start || !_mm256_testz_si256(odd, odd), 0)) {
        const uint64_t eqm = movemask64(eq_a, _mm256_cmpeq_epi8(b, k_eq));
        const ChunkMasks<uint64_t> m =
            chunk_masks<uint64_t>(eqm, mask64(a, b, '\r'), mask64(a, b, '\n'), mask64(a, b, '.'), esc, ls);
        if (m.fallback) {
          fallback = true;
          break;
        }
        remove = m.remove;
      } else {
        // No escaped specials here, so the last byte's meaning is plain.
        // Read before this chunk's stores (in-place safe).
        esc = in[i + 63] == '=';
        ls = in[i + 63] == '\n';
      }
      const __m256i carry = _mm256_zextsi128_si256(_mm_cvtsi32_si128(static_cast<int>(esc_in << 6)));
      const __m256i va = _mm256_add_epi8(a, _mm256_sub_epi8(_mm256_blendv_epi8(k_plain, k_escaped, esc_a), carry));
      const __m256i vb = _mm256_add_epi8(b, _mm256_blendv_epi8(k_plain, k_escaped, esc_b));
      out = compact64(out, va, vb, remove, lut);
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

size_t decode_avx2(const char* src, size_t len, char* dst, DecoderState& state) {
  return avx2_decode(src, len, dst, state);
}

}  // namespace nzbd::yenc::detail
