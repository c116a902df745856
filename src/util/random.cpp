#include "util/random.h"

#include <sys/random.h>

#include <cerrno>
#include <stdexcept>
#include <vector>

namespace nzbd {
namespace {
// The kernel's CSPRNG directly: OpenSSL's RAND_bytes would load its config
// and providers at start-up (≈3.5 MB of libcrypto's pages touched) before
// anything needs TLS.
std::vector<unsigned char> random_bytes(size_t n) {
  std::vector<unsigned char> buf(n);
  for (size_t got = 0; got < n;) {
    ssize_t r = ::getrandom(buf.data() + got, n - got, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) throw std::runtime_error("the system random number generator failed");
    got += static_cast<size_t>(r);
  }
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
