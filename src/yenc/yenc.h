// yEnc / UUencode decoding of NNTP article bodies.
//
// The NNTP layer hands over the raw body of a BODY reply (everything after the
// "222" status line, up to and excluding the terminating ".\r\n"). It is still
// NNTP-encoded: CRLF (or bare LF) line ends and dot-stuffed lines. The decoder
// works in place and is SIMD accelerated (kernel chosen at run time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "util/result.h"

namespace nzbd::yenc {

struct ArticleInfo {
  std::string name;        // from =ybegin name= (or the UUencode "begin" line)
  uint64_t file_size = 0;  // =ybegin size=
  uint32_t part = 0;       // 0 if single-part
  uint32_t total = 0;      // =ybegin total= (0 if absent)
  uint64_t offset = 0;     // 0-based file offset where the decoded bytes go (begin-1)
  uint64_t size = 0;       // decoded byte count
  uint32_t crc32 = 0;      // CRC32 we computed over the decoded bytes
  std::optional<uint32_t> expected_crc32;  // pcrc32 (multipart) or crc32 (single part) from =yend
  bool uuencoded = false;

  bool crc_ok() const { return !expected_crc32 || *expected_crc32 == crc32; }
};

// Decodes IN PLACE: data[0..len) holds the raw NNTP body; on success the
// decoded bytes are at data[0..info.size). On error the buffer content is
// unspecified. A CRC mismatch is NOT an error (check crc_ok()): the caller
// may still want the bytes (par2 repairs them).
nzbd::Result<ArticleInfo> decode_article_inplace(char* data, size_t len);

// Carries decoder state across decode_yenc_part calls so a buffer may end
// anywhere (after '=', in the middle of CRLF, right after a line end).
struct DecoderState {
  bool escape = false;      // the previous byte was an (unescaped) '='
  bool line_start = true;   // the previous byte was an unescaped '\n' (or start of data)
};

// Decodes raw yEnc data lines: drops CR and LF, un-stuffs a '.' that starts a
// line, and decodes escapes ('=' followed by ANY byte c gives c-106). dst must
// have room for len bytes; dst == src (in place) or dst < src with overlap is
// allowed. Returns the number of bytes written.
size_t decode_yenc_part(const char* src, size_t len, char* dst, DecoderState& state);

// Standard (gzip/zlib compatible) CRC32. `seed` is a previous result to continue.
uint32_t crc32(const void* p, size_t n, uint32_t seed = 0);
// CRC32 of A||B from crc(A), crc(B) and len(B).
uint32_t crc32_combine(uint32_t crc1, uint32_t crc2, uint64_t len2);

// Name of the kernel the run-time dispatch chose: "avx512vbmi2", "avx2",
// "ssse3", "sse2" or "scalar". NZBD_YENC_KERNEL=<name> in the environment forces a (supported) one.
const char* decoder_kernel_name();

}  // namespace nzbd::yenc
