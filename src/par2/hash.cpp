#include "par2/hash.h"

#include <isa-l/crc.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <stdexcept>

namespace nzbd::par2 {

void Md5Hasher::Free::operator()(void* ctx) const {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx));
}

Md5Hasher::Md5Hasher() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_.get()), EVP_md5(), nullptr) != 1)
    throw std::runtime_error("MD5 is not available from OpenSSL");
}

void Md5Hasher::update(const void* data, size_t size) {
  if (size) EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_.get()), data, size);
}

Md5 Md5Hasher::finish() {
  Md5 out{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_.get()), out.data(), &len);
  return out;
}

Md5 md5_of(const void* data, size_t size) {
  Md5Hasher h;
  h.update(data, size);
  return h.finish();
}

uint32_t crc32(const void* data, size_t size, uint32_t crc) {
  // ISA-L's reflected CRC32 is zlib's CRC32 (same init and final xor).
  const auto* p = static_cast<const unsigned char*>(data);
  while (size > 0) {
    uint64_t n = size > (1u << 30) ? (1u << 30) : size;
    crc = crc32_gzip_refl(crc, p, n);
    p += n;
    size -= n;
  }
  return crc;
}

uint32_t crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b) {
  return static_cast<uint32_t>(::crc32_combine64(crc_a, crc_b, static_cast<z_off64_t>(length_b)));
}

uint32_t crc32_pad_zeros(uint32_t crc, uint64_t zeros) {
  if (zeros == 0) return crc;
  // crc(0^n) by doubling: crc(0^(2k)) = combine(crc(0^k), crc(0^k), k).
  uint32_t zero_crc = 0;  // crc of the empty string
  uint32_t block = static_cast<uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>("\0"), 1));
  uint64_t block_len = 1;
  for (uint64_t n = zeros; n; n >>= 1) {
    if (n & 1) {
      zero_crc = crc32_combine(zero_crc, block, block_len);
    }
    block = crc32_combine(block, block, block_len);
    block_len <<= 1;
  }
  return crc32_combine(crc, zero_crc, zeros);
}

}  // namespace nzbd::par2
