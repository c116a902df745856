// Region multiply-accumulate in GF(2^16): dst ^= sum_k c_k * src_k over whole
// slices of little-endian 16-bit words. The SIMD kernel is chosen at run time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nzbd::par2 {

// Precomputed tables for multiplying by one constant.
struct alignas(64) MulTable {
  uint8_t nibble[8][16];  // [0..3]: low product byte per input nibble 0..3, [4..7]: high byte
  uint64_t affine[4];     // GFNI 8x8 matrices: lo->lo, hi->lo, lo->hi, hi->hi
  uint16_t constant;
};
MulTable make_table(uint16_t constant);

// dst[0..len) ^= sum over k < count of tables[k] * srcs[k][0..len).
// An odd trailing byte is treated as a word whose high byte is zero.
using MulAddFn = void (*)(uint8_t* dst, const uint8_t* const* srcs, const MulTable* tables,
                          size_t count, size_t len);

// The fastest kernels also come in a "split" form working on data whose every
// 128-byte block holds the low bytes of its 64 words, then the high bytes. The
// repair loop converts each slice once and then runs the split form, which
// needs no byte shuffling per multiply. Bytes past the last whole block stay in
// the normal layout and are handled as such.
constexpr size_t kSplitBlock = 128;
void to_split(uint8_t* data, size_t len);
void from_split(uint8_t* data, size_t len);

struct Kernel {
  std::string name;
  MulAddFn fn;
  MulAddFn split_fn = nullptr;  // same result on split-layout data; may be null
};
// Kernels this CPU can run, scalar first, fastest last.
std::vector<Kernel> available_kernels();
const Kernel& best_kernel();

// Implementations (region_*.cpp); SIMD ones must only be called when supported.
void mul_add_scalar(uint8_t*, const uint8_t* const*, const MulTable*, size_t, size_t);
void mul_add_ssse3(uint8_t*, const uint8_t* const*, const MulTable*, size_t, size_t);
void mul_add_avx2(uint8_t*, const uint8_t* const*, const MulTable*, size_t, size_t);
void mul_add_gfni256(uint8_t*, const uint8_t* const*, const MulTable*, size_t, size_t);
void mul_add_gfni512(uint8_t*, const uint8_t* const*, const MulTable*, size_t, size_t);
void mul_add_gfni512_split(uint8_t*, const uint8_t* const*, const MulTable*, size_t, size_t);
void mul_add_scalar_split(uint8_t*, const uint8_t* const*, const MulTable*, size_t, size_t);
bool split_avx512(uint8_t* data, size_t len, bool to);  // false if not supported here

}  // namespace nzbd::par2
