#include "par2/region.h"

#include <cstdlib>
#include <cstring>

#include "par2/gf16.h"

namespace nzbd::par2 {

MulTable make_table(uint16_t c) {
  MulTable t{};
  t.constant = c;
  // Multiplying by c is linear over GF(2): everything follows from the images
  // of the 16 single bits, c * x^j, got by doubling.
  uint16_t image[16];
  uint32_t x = c;
  for (int j = 0; j < 16; ++j) {
    image[j] = static_cast<uint16_t>(x);
    x <<= 1;
    if (x & 0x10000) x ^= gf::kPolynomial;
  }
  for (int k = 0; k < 4; ++k) {
    uint16_t product[16] = {0};
    for (int v = 1; v < 16; ++v) product[v] = product[v & (v - 1)] ^ image[4 * k + __builtin_ctz(v)];
    for (int v = 0; v < 16; ++v) {
      t.nibble[k][v] = static_cast<uint8_t>(product[v] & 0xff);
      t.nibble[4 + k][v] = static_cast<uint8_t>(product[v] >> 8);
    }
  }
  // GFNI affine matrix: byte (7 - i) of the qword is the row giving output bit i;
  // bit j of that row is output bit i of the image of input bit j.
  for (int m = 0; m < 4; ++m) {
    int in_shift = (m == 1 || m == 3) ? 8 : 0;   // input byte: lo or hi
    int out_shift = (m >= 2) ? 8 : 0;            // output byte: lo or hi
    uint64_t matrix = 0;
    for (int i = 0; i < 8; ++i) {
      uint64_t row = 0;
      for (int j = 0; j < 8; ++j)
        if ((image[j + in_shift] >> (i + out_shift)) & 1) row |= 1u << j;
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

void mul_add_scalar_split(uint8_t* dst, const uint8_t* const* srcs, const MulTable* tables,
                          size_t count, size_t len) {
  const size_t whole = len - len % kSplitBlock;
  for (size_t k = 0; k < count; ++k) {
    const MulTable& t = tables[k];
    for (size_t b = 0; b < whole; b += kSplitBlock)
      for (size_t i = 0; i < 64; ++i) {
        const uint8_t* s = srcs[k] + b;
        uint16_t p = table_mul(t, static_cast<uint16_t>(s[i] | (s[64 + i] << 8)));
        dst[b + i] ^= static_cast<uint8_t>(p);
        dst[b + 64 + i] ^= static_cast<uint8_t>(p >> 8);
      }
    const uint8_t* rest = srcs[k] + whole;
    mul_add_scalar(dst + whole, &rest, &t, 1, len - whole);
  }
}

static void convert_scalar(uint8_t* data, size_t len, bool to) {
  uint8_t tmp[kSplitBlock];
  for (size_t b = 0; b + kSplitBlock <= len; b += kSplitBlock) {
    uint8_t* blk = data + b;
    for (size_t i = 0; i < 64; ++i) {
      if (to) {
        tmp[i] = blk[2 * i];
        tmp[64 + i] = blk[2 * i + 1];
      } else {
        tmp[2 * i] = blk[i];
        tmp[2 * i + 1] = blk[64 + i];
      }
    }
    std::memcpy(blk, tmp, kSplitBlock);
  }
}

void to_split(uint8_t* data, size_t len) {
  if (!split_avx512(data, len, true)) convert_scalar(data, len, true);
}
void from_split(uint8_t* data, size_t len) {
  if (!split_avx512(data, len, false)) convert_scalar(data, len, false);
}

std::vector<Kernel> available_kernels() {
  std::vector<Kernel> k{{"scalar", mul_add_scalar, mul_add_scalar_split}};
#if NZBD_X86_SIMD  // set by CMake: x86 and NZBD_SIMD=ON
  __builtin_cpu_init();
  if (__builtin_cpu_supports("ssse3")) k.push_back({"ssse3", mul_add_ssse3});
  if (__builtin_cpu_supports("avx2")) k.push_back({"avx2", mul_add_avx2});
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("gfni"))
    k.push_back({"gfni-avx2", mul_add_gfni256});
  if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("gfni"))
    k.push_back({"gfni-avx512", mul_add_gfni512, mul_add_gfni512_split});
#endif
  return k;
}

const Kernel& best_kernel() {
  // NZBD_PAR2_KERNEL=<name> picks a slower kernel, for benchmarks.
  static const Kernel best = [] {
    auto all = available_kernels();
    if (const char* want = std::getenv("NZBD_PAR2_KERNEL"))
      for (const auto& k : all)
        if (k.name == want) return k;
    return all.back();
  }();
  return best;
}

}  // namespace nzbd::par2
