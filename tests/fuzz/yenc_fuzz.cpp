// yEnc / UU decoding. Every SIMD kernel this CPU runs must give the scalar
// reference's bytes and end state on the same input, cut in two at a point
// the input chooses (state carried across, in place and not); ISA-L's CRC32
// must equal zlib's. Then the whole-article decoder (yEnc or UU) runs on it.
#include <zlib.h>

#include <cstring>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "yenc/kernels.h"
#include "yenc/yenc.h"

using namespace nzbd::yenc;
using nzbd::fuzz::Input;

namespace {

struct Decoded {
  std::string bytes;
  DecoderState state;
};

Decoded decode_two_parts(DecodeFn fn, std::string_view src, size_t cut, DecoderState state, bool in_place) {
  std::string buf(src);
  std::string out(src.size(), '\0');
  char* dst = in_place ? buf.data() : out.data();
  size_t n = fn(buf.data(), cut, dst, state);
  FUZZ_CHECK(n <= cut);
  // The second part goes right after the first's output (dst < src overlap is allowed).
  size_t m = fn(buf.data() + cut, src.size() - cut, dst + n, state);
  FUZZ_CHECK(m <= src.size() - cut);
  return {std::string(dst, n + m), state};
}

void check_kernels(std::string_view src, size_t cut, DecoderState start) {
  for (bool in_place : {false, true}) {
    const Decoded want = decode_two_parts(detail::decode_scalar, src, cut, start, in_place);
    for (const Kernel& k : all_kernels()) {
      if (!k.supported() || k.decode == detail::decode_scalar) continue;
      const Decoded got = decode_two_parts(k.decode, src, cut, start, in_place);
      if (got.bytes != want.bytes || got.state.escape != want.state.escape ||
          got.state.line_start != want.state.line_start) {
        std::fprintf(stderr, "kernel %s differs from scalar (in_place=%d cut=%zu)\n", k.name, in_place, cut);
        std::abort();
      }
    }
    uint32_t zlib_crc = uint32_t(::crc32(0, reinterpret_cast<const Bytef*>(want.bytes.data()), uInt(want.bytes.size())));
    FUZZ_CHECK(crc32(want.bytes.data(), want.bytes.size()) == zlib_crc);
    size_t half = want.bytes.size() / 2;
    uint32_t first = crc32(want.bytes.data(), half);
    FUZZ_CHECK(crc32(want.bytes.data() + half, want.bytes.size() - half, first) == zlib_crc);
    FUZZ_CHECK(crc32_combine(first, crc32(want.bytes.data() + half, want.bytes.size() - half),
                             want.bytes.size() - half) == zlib_crc);
  }
}

void check_article(std::string_view body) {
  std::vector<char> buf(body.begin(), body.end());
  auto info = decode_article_inplace(buf.data(), buf.size());
  if (!info.ok()) return;
  FUZZ_CHECK(info->size <= body.size());
  uint32_t zlib_crc = uint32_t(::crc32(0, reinterpret_cast<const Bytef*>(buf.data()), uInt(info->size)));
  FUZZ_CHECK(info->crc32 == zlib_crc);
  FUZZ_CHECK(info->crc_ok() == (!info->expected_crc32 || *info->expected_crc32 == zlib_crc));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  const uint8_t flags = in.byte();
  const uint8_t cut_byte = in.byte();
  std::string_view src = in.rest();
  const size_t cut = src.empty() ? 0 : (cut_byte * 131u) % (src.size() + 1);
  check_kernels(src, cut, DecoderState{bool(flags & 1), bool(flags & 2)});
  check_article(src);
  return 0;
}
