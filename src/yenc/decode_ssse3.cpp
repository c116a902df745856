// SSSE3 kernel: drops bytes with one pshufb per 16-byte vector, driven by the
// 15-bit compaction table.
#define NZBD_SSE_TARGET __attribute__((target("ssse3")))
#include <tmmintrin.h>

#include "yenc/sse_loop.h"

namespace nzbd::yenc::detail {
namespace {

struct OpsSsse3 {
  const uint8_t (*lut)[16] = compact15();

  // Bytes >= '.' look up entry 14 ('='); the others look up their low nibble,
  // which holds CR at 13, LF at 10 and a value no byte below '.' equals elsewhere.
  NZBD_SSE_TARGET inline __m128i special(__m128i v) const {
    const __m128i table = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, '\n', -1, -1, '\r', '=', -1);
    return _mm_cmpeq_epi8(v, _mm_shuffle_epi8(table, _mm_min_epu8(v, _mm_set1_epi8('.'))));
  }

  NZBD_SSE_TARGET inline uint8_t* store(uint8_t* out, __m128i v, unsigned remove) const {
    const __m128i shuf = _mm_load_si128(reinterpret_cast<const __m128i*>(lut[remove & 0x7FFF]));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_shuffle_epi8(v, shuf));
    // No popcnt instruction guaranteed with SSSE3: count via the byte table.
    return out + kKept8[remove & 0xFF] + kKept8[remove >> 8];
  }
};

}  // namespace

size_t decode_ssse3(const char* src, size_t len, char* dst, DecoderState& state) {
  return sse_decode<OpsSsse3>(src, len, dst, state);
}

}  // namespace nzbd::yenc::detail
