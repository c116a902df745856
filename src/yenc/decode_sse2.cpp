// SSE2 kernel: vector classify/decode, byte loop to drop bytes (no pshufb).
#define NZBD_SSE_TARGET __attribute__((target("sse2")))
#include "yenc/sse_loop.h"

namespace nzbd::yenc::detail {
namespace {

struct OpsSse2 {
  NZBD_SSE_TARGET inline __m128i special(__m128i v) const {
    return _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('=')),
                        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
  }

  NZBD_SSE_TARGET inline uint8_t* store(uint8_t* out, __m128i v, unsigned remove) const {
    if (remove == 0) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
      return out + 16;
    }
    alignas(16) uint8_t buf[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(buf), v);
    // Branchless: write every byte, advance only past kept ones. Writes stay
    // at or below the read position, so this is safe in place.
    size_t n = 0;
    for (unsigned j = 0; j < 16; ++j) {
      out[n] = buf[j];
      n += ((remove >> j) & 1) ^ 1;
    }
    return out + n;
  }
};

}  // namespace

size_t decode_sse2(const char* src, size_t len, char* dst, DecoderState& state) {
  return sse_decode<OpsSse2>(src, len, dst, state);
}

}  // namespace nzbd::yenc::detail
