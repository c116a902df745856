// Arithmetic in GF(2^16) with PAR2's generator polynomial 0x1100B.
#pragma once

#include <cstdint>

namespace nzbd::par2::gf {

constexpr uint32_t kPolynomial = 0x1100B;
constexpr uint32_t kOrder = 65535;  // multiplicative group size

uint16_t mul(uint16_t a, uint16_t b);
uint16_t inv(uint16_t a);           // a != 0
uint16_t exp2(uint32_t n);          // 2^n
uint16_t log2(uint16_t a);          // a != 0
uint16_t pow(uint16_t a, uint32_t n);
// PAR2's base for input slice `index`: 2^k where k is the index-th
// exponent not divisible by 3, 5, 17 or 257. Returns 0 past the last one.
uint16_t input_base(uint32_t index);

}  // namespace nzbd::par2::gf
