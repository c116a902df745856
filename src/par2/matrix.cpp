#include "par2/matrix.h"

#include <bit>
#include <utility>

#include "par2/gf16.h"
#include "par2/region.h"

namespace nzbd::par2 {
namespace {

// row ^= factor * pivot for rows of n words; uses the SIMD kernel because the
// elimination is n^2 such operations.
void add_scaled(uint16_t* row, const uint16_t* pivot, uint16_t factor, size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    MulTable t = make_table(factor);
    const auto* src = reinterpret_cast<const uint8_t*>(pivot);
    best_kernel().fn(reinterpret_cast<uint8_t*>(row), &src, &t, 1, n * 2);
  } else {
    for (size_t j = 0; j < n; ++j) row[j] ^= gf::mul(factor, pivot[j]);
  }
}

}  // namespace

bool invert(std::vector<uint16_t>& a, size_t n) {
  if (a.size() != n * n) return false;
  std::vector<uint16_t> inv(n * n, 0);
  for (size_t i = 0; i < n; ++i) inv[i * n + i] = 1;
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    while (pivot < n && a[pivot * n + col] == 0) ++pivot;
    if (pivot == n) return false;
    if (pivot != col)
      for (size_t j = 0; j < n; ++j) {
        std::swap(a[pivot * n + j], a[col * n + j]);
        std::swap(inv[pivot * n + j], inv[col * n + j]);
      }
    const uint16_t scale = gf::inv(a[col * n + col]);
    for (size_t j = 0; j < n; ++j) {
      a[col * n + j] = gf::mul(a[col * n + j], scale);
      inv[col * n + j] = gf::mul(inv[col * n + j], scale);
    }
    for (size_t row = 0; row < n; ++row) {
      const uint16_t factor = a[row * n + col];
      if (row == col || factor == 0) continue;
      add_scaled(&a[row * n], &a[col * n], factor, n);  // addition is XOR
      add_scaled(&inv[row * n], &inv[col * n], factor, n);
    }
  }
  a = std::move(inv);
  return true;
}

}  // namespace nzbd::par2
