// Scalar reference decoder (the SIMD kernels must match it byte for byte) and
// the tables the SIMD kernels share.
#include <array>

#include "yenc/kernels.h"

namespace nzbd::yenc::detail {

// One table lookup instead of compares, which the compiler turns into
// value-range branches that random data mispredicts half the time.
constexpr auto kSpecial = [] {
  std::array<bool, 256> t{};
  t['='] = t['\r'] = t['\n'] = true;
  return t;
}();

// Rules, applied to each raw byte c in order:
//  - after an unescaped '=': emit c - 106 (whatever c is, even CR/LF/'=');
//  - a '.' right after an unescaped '\n' (or at the start) is NNTP dot-stuffing: drop it;
//  - '=' starts an escape, '\r' and '\n' are dropped ('\n' marks a line start);
//  - anything else: emit c - 42.
size_t decode_scalar(const char* src, size_t len, char* dst, DecoderState& state) {
  const auto* in = reinterpret_cast<const unsigned char*>(src);
  auto* out = reinterpret_cast<unsigned char*>(dst);
  size_t n = 0;
  bool escape = state.escape;
  bool line_start = state.line_start;
  for (size_t i = 0; i < len; ++i) {
    const unsigned char c = in[i];
    if (__builtin_expect(!(escape | line_start | kSpecial[c]), 1)) {
      out[n++] = static_cast<unsigned char>(c - 42);  // the common case, kept branch-light
      continue;
    }
    if (escape) {
      out[n++] = static_cast<unsigned char>(c - 106);
      escape = false;
      line_start = false;
      continue;
    }
    const bool at_line_start = line_start;
    line_start = false;
    switch (c) {
      case '=': escape = true; break;
      case '\r': break;
      case '\n': line_start = true; break;
      case '.':
        if (!at_line_start) out[n++] = static_cast<unsigned char>(c - 42);
        break;
      default: out[n++] = static_cast<unsigned char>(c - 42); break;
    }
  }
  state.escape = escape;
  state.line_start = line_start;
  return n;
}

constinit const std::array<uint8_t, 256> kKept8 = [] {
  std::array<uint8_t, 256> t{};
  for (int mask = 0; mask < 256; ++mask) t[mask] = static_cast<uint8_t>(8 - __builtin_popcount(mask));
  return t;
}();

namespace {
// 512 KB, so built on first use rather than stored in the binary.
struct Compact15 {
  alignas(16) uint8_t index[1 << 15][16];
  Compact15() {
    for (unsigned mask = 0; mask < (1u << 15); ++mask) {
      unsigned k = 0;
      for (unsigned bit = 0; bit < 16; ++bit) {
        if (!(mask & (1u << bit))) index[mask][k++] = static_cast<uint8_t>(bit);
      }
      for (; k < 16; ++k) index[mask][k] = 0x80;
    }
  }
};
}  // namespace

const uint8_t (*compact15())[16] {
  static const Compact15 table;  // static storage (bss), built by the first caller
  return table.index;
}

}  // namespace nzbd::yenc::detail
