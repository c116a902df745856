#include "par2/region.h"

#include "par2/gf16.h"

namespace nzbd::par2 {

MulTable make_table(uint16_t c) {
  MulTable t{};
  t.constant = c;
  for (int k = 0; k < 4; ++k)
    for (int v = 0; v < 16; ++v) {
      uint16_t p = gf::mul(c, static_cast<uint16_t>(v << (4 * k)));
      t.nibble[k][v] = static_cast<uint8_t>(p & 0xff);
      t.nibble[4 + k][v] = static_cast<uint8_t>(p >> 8);
    }
  // GFNI affine matrix: byte (7 - i) of the qword is the row giving output bit i;
  // bit j of that row is output bit i of the image of input bit j.
  for (int m = 0; m < 4; ++m) {
    int in_shift = (m == 1 || m == 3) ? 8 : 0;   // input byte: lo or hi
    int out_shift = (m >= 2) ? 8 : 0;            // output byte: lo or hi
    uint64_t matrix = 0;
    for (int i = 0; i < 8; ++i) {
      uint64_t row = 0;
      for (int j = 0; j < 8; ++j) {
        uint16_t image = gf::mul(c, static_cast<uint16_t>(1u << (j + in_shift)));
        if ((image >> (i + out_shift)) & 1) row |= 1u << j;
      }
      matrix |= row << (8 * (7 - i));
    }
    t.affine[m] = matrix;
  }
  return t;
}

// Product of one word using the nibble tables.
static inline uint16_t table_mul(const MulTable& t, uint16_t w) {
  unsigned n0 = w & 15, n1 = (w >> 4) & 15, n2 = (w >> 8) & 15, n3 = w >> 12;
  unsigned lo = t.nibble[0][n0] ^ t.nibble[1][n1] ^ t.nibble[2][n2] ^ t.nibble[3][n3];
  unsigned hi = t.nibble[4][n0] ^ t.nibble[5][n1] ^ t.nibble[6][n2] ^ t.nibble[7][n3];
  return static_cast<uint16_t>(lo | (hi << 8));
}

void mul_add_scalar(uint8_t* dst, const uint8_t* const* srcs, const MulTable* tables,
                    size_t count, size_t len) {
  for (size_t k = 0; k < count; ++k) {
    const uint8_t* src = srcs[k];
    const MulTable& t = tables[k];
    size_t i = 0;
    for (; i + 2 <= len; i += 2) {
      uint16_t p = table_mul(t, static_cast<uint16_t>(src[i] | (src[i + 1] << 8)));
      dst[i] ^= static_cast<uint8_t>(p);
      dst[i + 1] ^= static_cast<uint8_t>(p >> 8);
    }
    if (i < len) dst[i] ^= static_cast<uint8_t>(table_mul(t, src[i]));
  }
}

std::vector<Kernel> available_kernels() {
  std::vector<Kernel> k{{"scalar", mul_add_scalar}};
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("ssse3")) k.push_back({"ssse3", mul_add_ssse3});
  if (__builtin_cpu_supports("avx2")) k.push_back({"avx2", mul_add_avx2});
  if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("gfni"))
    k.push_back({"gfni-avx512", mul_add_gfni512});
#endif
  return k;
}

const Kernel& best_kernel() {
  static const Kernel best = available_kernels().back();
  return best;
}

}  // namespace nzbd::par2
