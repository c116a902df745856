// SSSE3 kernel: drops bytes with one pshufb per 16-byte vector, driven by the
// 15-bit compaction table.
#define NZBD_SSE_TARGET __attribute__((target("ssse3")))
#include <tmmintrin.h>

#include "yenc/sse_loop.h"

namespace nzbd::yenc::detail {
namespace {

struct CompactSsse3 {
  const uint8_t (*lut)[16] = compact15();

  NZBD_SSE_TARGET inline uint8_t* store(uint8_t* out, __m128i v, unsigned remove) const {
    const __m128i shuf = _mm_load_si128(reinterpret_cast<const __m128i*>(lut[remove & 0x7FFF]));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_shuffle_epi8(v, shuf));
    // No popcnt instruction guaranteed with SSSE3: count via the byte table.
    return out + kCompact.kept[remove & 0xFF] + kCompact.kept[remove >> 8];
  }
};

}  // namespace

size_t decode_ssse3(const char* src, size_t len, char* dst, DecoderState& state) {
  return sse_decode<CompactSsse3>(src, len, dst, state);
}

}  // namespace nzbd::yenc::detail
