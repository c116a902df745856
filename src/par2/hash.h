// MD5 (OpenSSL EVP) and CRC32 (ISA-L, zlib for combining) as PAR2 uses them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "par2/par2.h"

namespace nzbd::par2 {

class Md5Hasher {
 public:
  Md5Hasher();
  void update(const void* data, size_t size);
  Md5 finish();  // the hasher may not be used afterwards
 private:
  struct Free {
    void operator()(void* ctx) const;
  };
  std::unique_ptr<void, Free> ctx_;
};

uint32_t crc32(const void* data, size_t size, uint32_t crc = 0);
// CRC32 of a||b from crc(a), crc(b) and b's length.
uint32_t crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b);
// CRC32 of data followed by `zeros` zero bytes, given crc(data).
uint32_t crc32_pad_zeros(uint32_t crc, uint64_t zeros);

}  // namespace nzbd::par2
