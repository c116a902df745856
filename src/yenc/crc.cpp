// CRC32 through ISA-L (fast, gzip-compatible) and zlib for combining.
#include <isa-l/crc.h>
#include <zlib.h>

namespace {
// zlib may #define crc32_combine to crc32_combine64; call it before the
// name is reused for ours below.
uLong zlib_crc32_combine(uLong crc1, uLong crc2, z_off_t len2) { return crc32_combine(crc1, crc2, len2); }
}  // namespace
#undef crc32_combine

#include "yenc/yenc.h"

namespace nzbd::yenc {

uint32_t crc32(const void* p, size_t n, uint32_t seed) {
  return crc32_gzip_refl(seed, static_cast<const unsigned char*>(p), n);
}

uint32_t crc32_combine(uint32_t crc1, uint32_t crc2, uint64_t len2) {
  static_assert(sizeof(z_off_t) >= 8, "64-bit z_off_t expected");
  return static_cast<uint32_t>(zlib_crc32_combine(crc1, crc2, static_cast<z_off_t>(len2)));
}

}  // namespace nzbd::yenc
