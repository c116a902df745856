#include "par2/gf16.h"

#include <vector>

namespace nzbd::par2::gf {
namespace {

struct Tables {
  std::vector<uint16_t> log = std::vector<uint16_t>(65536);
  std::vector<uint16_t> exp = std::vector<uint16_t>(2 * kOrder);
  std::vector<uint16_t> bases;
  Tables() {
    uint32_t x = 1;
    for (uint32_t i = 0; i < kOrder; ++i) {
      exp[i] = exp[i + kOrder] = static_cast<uint16_t>(x);
      log[x] = static_cast<uint16_t>(i);
      x <<= 1;
      if (x & 0x10000) x ^= kPolynomial;
    }
    for (uint32_t n = 1; n < kOrder; ++n)
      if (n % 3 && n % 5 && n % 17 && n % 257) bases.push_back(exp[n]);
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace

uint16_t mul(uint16_t a, uint16_t b) {
  if (a == 0 || b == 0) return 0;
  const Tables& t = tables();
  return t.exp[t.log[a] + t.log[b]];
}

uint16_t inv(uint16_t a) {
  const Tables& t = tables();
  return a == 0 ? 0 : t.exp[kOrder - t.log[a]];
}

uint16_t exp2(uint32_t n) { return tables().exp[n % kOrder]; }
uint16_t log2(uint16_t a) { return tables().log[a]; }

uint16_t pow(uint16_t a, uint32_t n) {
  if (n == 0) return 1;
  if (a == 0) return 0;
  const Tables& t = tables();
  return t.exp[(static_cast<uint64_t>(t.log[a]) * n) % kOrder];
}

uint16_t input_base(uint32_t index) {
  const Tables& t = tables();
  return index < t.bases.size() ? t.bases[index] : 0;
}

}  // namespace nzbd::par2::gf
