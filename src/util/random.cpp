#include "util/random.h"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace nzbd {
namespace {
std::vector<unsigned char> random_bytes(size_t n) {
  std::vector<unsigned char> buf(n);
  if (n && RAND_bytes(buf.data(), static_cast<int>(n)) != 1)
    throw std::runtime_error("the system random number generator failed");
  return buf;
}
}  // namespace

std::string random_hex(size_t chars) {
  static const char* digits = "0123456789abcdef";
  auto bytes = random_bytes(chars);
  std::string out(chars, '0');
  for (size_t i = 0; i < chars; ++i) out[i] = digits[bytes[i] & 0xF];
  return out;
}

std::string random_id(size_t chars) {
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  auto bytes = random_bytes(chars);
  std::string out(chars, 'a');
  for (size_t i = 0; i < chars; ++i) out[i] = alphabet[bytes[i] % 36];
  return out;
}

}  // namespace nzbd
