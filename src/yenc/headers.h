// Parsing of the yEnc keyword lines (=ybegin, =ypart, =yend). Internal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nzbd::yenc::detail {

struct YBegin {
  std::optional<uint64_t> size;
  std::optional<uint32_t> part;
  std::optional<uint32_t> total;
  std::string name;  // everything after "name=" to the end of the line
};

struct YPart {
  std::optional<uint64_t> begin;
  std::optional<uint64_t> end;
};

struct YEnd {
  std::optional<uint64_t> size;
  std::optional<uint32_t> part;
  std::optional<uint32_t> crc32;   // a malformed value is treated as absent
  std::optional<uint32_t> pcrc32;
};

// Each takes the text after the keyword ("=ybegin" etc.), without CR/LF.
// Numbers that do not parse or overflow are errors; unknown keys are ignored.
Result<YBegin> parse_ybegin(std::string_view fields);
Result<YPart> parse_ypart(std::string_view fields);
Result<YEnd> parse_yend(std::string_view fields);

// The line starting at `pos` in text, without its CR/LF; `next` is the offset
// just past its LF (text.size() if the line is unterminated).
struct Line {
  std::string_view text;
  size_t next = 0;
  bool terminated = false;
};
Line line_at(std::string_view text, size_t pos);

// Offset of the first line (at or after `from`) starting with `prefix`, or npos.
size_t find_line_starting(std::string_view text, size_t from, std::string_view prefix);

}  // namespace nzbd::yenc::detail
