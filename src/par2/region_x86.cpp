// SIMD kernels for region multiply-accumulate. Each is compiled for its own
// instruction set with target attributes (never -march=native) and only called
// after region.cpp checked the CPU supports it.
//
// Words are little-endian: even bytes are low halves, odd bytes high halves.
// With the nibble tables, the low product byte needs the word's four nibbles,
// so every vector is also used byte-swapped: at even positions x holds the low
// byte and s the high byte, at odd positions the other way round. Two sets of
// four lookups give the low and high product bytes, a mask picks each.
#include "par2/region.h"

#if NZBD_X86_SIMD  // set by CMake: x86 and NZBD_SIMD=ON
#include <immintrin.h>

namespace nzbd::par2 {
namespace {

// The part no vector covered, one source at a time with the scalar code.
void tail(uint8_t* dst, const uint8_t* const* srcs, const MulTable* tables, size_t count,
          size_t done, size_t len) {
  if (done >= len) return;
  for (size_t k = 0; k < count; ++k) {
    const uint8_t* src = srcs[k] + done;
    mul_add_scalar(dst + done, &src, &tables[k], 1, len - done);
  }
}

}  // namespace

__attribute__((target("ssse3"))) void mul_add_ssse3(uint8_t* dst, const uint8_t* const* srcs,
                                                    const MulTable* tables, size_t count,
                                                    size_t len) {
  const __m128i swap = _mm_setr_epi8(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
  const __m128i low4 = _mm_set1_epi8(0x0f);
  const __m128i odd = _mm_set1_epi16(static_cast<short>(0xFF00));
  const size_t vec_len = len & ~size_t{15};
  for (size_t i = 0; i < vec_len; i += 16) {
    __m128i acc = _mm_loadu_si128(reinterpret_cast<const __m128i*>(dst + i));
    for (size_t k = 0; k < count; ++k) {
      const auto* n = reinterpret_cast<const __m128i*>(tables[k].nibble);
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(srcs[k] + i));
      __m128i s = _mm_shuffle_epi8(x, swap);
      __m128i xl = _mm_and_si128(x, low4), xh = _mm_and_si128(_mm_srli_epi16(x, 4), low4);
      __m128i sl = _mm_and_si128(s, low4), sh = _mm_and_si128(_mm_srli_epi16(s, 4), low4);
      __m128i a = _mm_xor_si128(
          _mm_xor_si128(_mm_shuffle_epi8(_mm_load_si128(n + 0), xl),
                        _mm_shuffle_epi8(_mm_load_si128(n + 1), xh)),
          _mm_xor_si128(_mm_shuffle_epi8(_mm_load_si128(n + 2), sl),
                        _mm_shuffle_epi8(_mm_load_si128(n + 3), sh)));
      __m128i b = _mm_xor_si128(
          _mm_xor_si128(_mm_shuffle_epi8(_mm_load_si128(n + 6), xl),
                        _mm_shuffle_epi8(_mm_load_si128(n + 7), xh)),
          _mm_xor_si128(_mm_shuffle_epi8(_mm_load_si128(n + 4), sl),
                        _mm_shuffle_epi8(_mm_load_si128(n + 5), sh)));
      acc = _mm_xor_si128(acc, _mm_or_si128(_mm_andnot_si128(odd, a), _mm_and_si128(odd, b)));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), acc);
  }
  tail(dst, srcs, tables, count, vec_len, len);
}

// One 16-byte nibble table in both 128-bit lanes.
__attribute__((target("avx2"))) static inline __m256i table(const MulTable& t, int j) {
  return _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t.nibble[j])));
}

__attribute__((target("avx2"))) void mul_add_avx2(uint8_t* dst, const uint8_t* const* srcs,
                                                  const MulTable* tables, size_t count,
                                                  size_t len) {
  const __m256i swap = _mm256_setr_epi8(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14, 1,
                                        0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
  const __m256i low4 = _mm256_set1_epi8(0x0f);
  const __m256i odd = _mm256_set1_epi16(static_cast<short>(0xFF00));
  const size_t vec_len = len & ~size_t{31};
  for (size_t i = 0; i < vec_len; i += 32) {
    __m256i acc = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(dst + i));
    for (size_t k = 0; k < count; ++k) {
      const MulTable& t = tables[k];
      __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(srcs[k] + i));
      __m256i s = _mm256_shuffle_epi8(x, swap);
      __m256i xl = _mm256_and_si256(x, low4), xh = _mm256_and_si256(_mm256_srli_epi16(x, 4), low4);
      __m256i sl = _mm256_and_si256(s, low4), sh = _mm256_and_si256(_mm256_srli_epi16(s, 4), low4);
      __m256i a = _mm256_xor_si256(
          _mm256_xor_si256(_mm256_shuffle_epi8(table(t, 0), xl), _mm256_shuffle_epi8(table(t, 1), xh)),
          _mm256_xor_si256(_mm256_shuffle_epi8(table(t, 2), sl), _mm256_shuffle_epi8(table(t, 3), sh)));
      __m256i b = _mm256_xor_si256(
          _mm256_xor_si256(_mm256_shuffle_epi8(table(t, 6), xl), _mm256_shuffle_epi8(table(t, 7), xh)),
          _mm256_xor_si256(_mm256_shuffle_epi8(table(t, 4), sl), _mm256_shuffle_epi8(table(t, 5), sh)));
      acc = _mm256_xor_si256(acc, _mm256_blendv_epi8(a, b, odd));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), acc);
  }
  tail(dst, srcs, tables, count, vec_len, len);
}

// GFNI: multiplying by a constant is a 16x16 bit matrix, split in four 8x8
// blocks applied with gf2p8affineqb. x gives lo->lo (even) and hi->hi (odd),
// the byte-swapped s gives hi->lo (even) and lo->hi (odd).
__attribute__((target("avx512f,avx512bw,gfni"))) void mul_add_gfni512(
    uint8_t* dst, const uint8_t* const* srcs, const MulTable* tables, size_t count, size_t len) {
  const __m512i swap = _mm512_set_epi64(0x0e0f0c0d0a0b0809, 0x0607040502030001,
                                        0x0e0f0c0d0a0b0809, 0x0607040502030001,
                                        0x0e0f0c0d0a0b0809, 0x0607040502030001,
                                        0x0e0f0c0d0a0b0809, 0x0607040502030001);
  const __mmask64 odd = 0xAAAAAAAAAAAAAAAAull;
  const size_t vec_len = len & ~size_t{63};
  for (size_t i = 0; i < vec_len; i += 64) {
    __m512i acc = _mm512_loadu_si512(dst + i);
    for (size_t k = 0; k < count; ++k) {
      const uint64_t* m = tables[k].affine;
      __m512i x = _mm512_loadu_si512(srcs[k] + i);
      __m512i s = _mm512_shuffle_epi8(x, swap);
      __m512i t1 = _mm512_gf2p8affine_epi64_epi8(x, _mm512_set1_epi64(m[0]), 0);
      t1 = _mm512_mask_gf2p8affine_epi64_epi8(t1, odd, x, _mm512_set1_epi64(m[3]), 0);
      __m512i t2 = _mm512_gf2p8affine_epi64_epi8(s, _mm512_set1_epi64(m[1]), 0);
      t2 = _mm512_mask_gf2p8affine_epi64_epi8(t2, odd, s, _mm512_set1_epi64(m[2]), 0);
      acc = _mm512_ternarylogic_epi64(acc, t1, t2, 0x96);
    }
    _mm512_storeu_si512(dst + i, acc);
  }
  tail(dst, srcs, tables, count, vec_len, len);
}

// Split layout: lo holds the low bytes of 64 words, hi their high bytes, so
// each product half is two affine maps and no shuffle is needed.
__attribute__((target("avx512f,avx512bw,gfni"))) void mul_add_gfni512_split(
    uint8_t* dst, const uint8_t* const* srcs, const MulTable* tables, size_t count, size_t len) {
  const size_t whole = len - len % kSplitBlock;
  for (size_t i = 0; i < whole; i += kSplitBlock) {
    __m512i acc_lo = _mm512_loadu_si512(dst + i);
    __m512i acc_hi = _mm512_loadu_si512(dst + i + 64);
    for (size_t k = 0; k < count; ++k) {
      const uint64_t* m = tables[k].affine;
      __m512i lo = _mm512_loadu_si512(srcs[k] + i);
      __m512i hi = _mm512_loadu_si512(srcs[k] + i + 64);
      acc_lo = _mm512_ternarylogic_epi64(acc_lo, _mm512_gf2p8affine_epi64_epi8(lo, _mm512_set1_epi64(m[0]), 0),
                                         _mm512_gf2p8affine_epi64_epi8(hi, _mm512_set1_epi64(m[1]), 0), 0x96);
      acc_hi = _mm512_ternarylogic_epi64(acc_hi, _mm512_gf2p8affine_epi64_epi8(lo, _mm512_set1_epi64(m[2]), 0),
                                         _mm512_gf2p8affine_epi64_epi8(hi, _mm512_set1_epi64(m[3]), 0), 0x96);
    }
    _mm512_storeu_si512(dst + i, acc_lo);
    _mm512_storeu_si512(dst + i + 64, acc_hi);
  }
  tail(dst, srcs, tables, count, whole, len);
}

// Layout conversion: gather even bytes into the low and odd bytes into the
// high 8 bytes of every 128-bit lane, then collect the qwords.
__attribute__((target("avx512f,avx512bw"))) static void split_blocks_avx512(uint8_t* data,
                                                                           size_t len, bool to) {
  const __m512i deinterleave = _mm512_set_epi64(0x0f0d0b0907050301, 0x0e0c0a0806040200,
                                                0x0f0d0b0907050301, 0x0e0c0a0806040200,
                                                0x0f0d0b0907050301, 0x0e0c0a0806040200,
                                                0x0f0d0b0907050301, 0x0e0c0a0806040200);
  const __m512i interleave = _mm512_set_epi64(0x0f070e060d050c04, 0x0b030a0209010800,
                                              0x0f070e060d050c04, 0x0b030a0209010800,
                                              0x0f070e060d050c04, 0x0b030a0209010800,
                                              0x0f070e060d050c04, 0x0b030a0209010800);
  const __m512i even_q = _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0);
  const __m512i odd_q = _mm512_set_epi64(15, 13, 11, 9, 7, 5, 3, 1);
  const __m512i first_q = _mm512_set_epi64(11, 3, 10, 2, 9, 1, 8, 0);
  const __m512i second_q = _mm512_set_epi64(15, 7, 14, 6, 13, 5, 12, 4);
  for (size_t b = 0; b + kSplitBlock <= len; b += kSplitBlock) {
    __m512i x = _mm512_loadu_si512(data + b), y = _mm512_loadu_si512(data + b + 64);
    if (to) {
      x = _mm512_shuffle_epi8(x, deinterleave);
      y = _mm512_shuffle_epi8(y, deinterleave);
      _mm512_storeu_si512(data + b, _mm512_permutex2var_epi64(x, even_q, y));
      _mm512_storeu_si512(data + b + 64, _mm512_permutex2var_epi64(x, odd_q, y));
    } else {
      __m512i a = _mm512_permutex2var_epi64(x, first_q, y);
      __m512i c = _mm512_permutex2var_epi64(x, second_q, y);
      _mm512_storeu_si512(data + b, _mm512_shuffle_epi8(a, interleave));
      _mm512_storeu_si512(data + b + 64, _mm512_shuffle_epi8(c, interleave));
    }
  }
}

bool split_avx512(uint8_t* data, size_t len, bool to) {
  __builtin_cpu_init();
  static const bool supported = __builtin_cpu_supports("avx512bw");
  if (supported) split_blocks_avx512(data, len, to);
  return supported;
}

// The same with 256-bit vectors, for CPUs with GFNI but no AVX-512.
__attribute__((target("avx2,gfni"))) void mul_add_gfni256(
    uint8_t* dst, const uint8_t* const* srcs, const MulTable* tables, size_t count, size_t len) {
  const __m256i swap = _mm256_setr_epi8(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14, 1,
                                        0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
  const __m256i odd = _mm256_set1_epi16(static_cast<short>(0xFF00));
  const size_t vec_len = len & ~size_t{31};
  for (size_t i = 0; i < vec_len; i += 32) {
    __m256i acc = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(dst + i));
    for (size_t k = 0; k < count; ++k) {
      const auto* m = reinterpret_cast<const long long*>(tables[k].affine);
      __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(srcs[k] + i));
      __m256i s = _mm256_shuffle_epi8(x, swap);
      __m256i t1 = _mm256_blendv_epi8(_mm256_gf2p8affine_epi64_epi8(x, _mm256_set1_epi64x(m[0]), 0),
                                      _mm256_gf2p8affine_epi64_epi8(x, _mm256_set1_epi64x(m[3]), 0), odd);
      __m256i t2 = _mm256_blendv_epi8(_mm256_gf2p8affine_epi64_epi8(s, _mm256_set1_epi64x(m[1]), 0),
                                      _mm256_gf2p8affine_epi64_epi8(s, _mm256_set1_epi64x(m[2]), 0), odd);
      acc = _mm256_xor_si256(acc, _mm256_xor_si256(t1, t2));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), acc);
  }
  tail(dst, srcs, tables, count, vec_len, len);
}

}  // namespace nzbd::par2

#else  // no x86 SIMD: available_kernels() offers the scalar kernel only
namespace nzbd::par2 {
bool split_avx512(uint8_t*, size_t, bool) { return false; }
}  // namespace nzbd::par2
#endif
