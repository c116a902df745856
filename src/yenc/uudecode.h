// UUencoded articles ("begin 644 name", length-prefixed lines, "end"). Internal.
#pragma once

#include <cstddef>
#include <string_view>

#include "yenc/yenc.h"

namespace nzbd::yenc::detail {

// Offset of a "begin <octal mode> <name>" line, or npos.
size_t find_uu_begin(std::string_view body);

// Decodes the UUencoded file whose begin line is at begin_pos; the decoded
// bytes end up at data[0..size). Lines are NNTP-encoded (dot-stuffing, CRLF or LF).
Result<ArticleInfo> decode_uu_inplace(char* data, size_t len, size_t begin_pos);

}  // namespace nzbd::yenc::detail
