#include "yenc/uudecode.h"

#include <cstring>
#include <string>

#include "yenc/headers.h"

namespace nzbd::yenc::detail {
namespace {

// "begin 644 some name.bin" -> "some name.bin"; nullopt if it is not a begin line.
std::optional<std::string_view> uu_begin_name(std::string_view line) {
  if (line.substr(0, 6) != "begin ") return std::nullopt;
  size_t i = 6;
  const size_t mode_start = i;
  while (i < line.size() && line[i] >= '0' && line[i] <= '7') ++i;
  if (i == mode_start || i - mode_start > 4 || i >= line.size() || line[i] != ' ') return std::nullopt;
  std::string_view name = line.substr(i + 1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  return name;
}

bool is_uu_char(char c) { return c >= ' ' && c <= '`'; }
unsigned uu_value(char c) { return static_cast<unsigned>(c - ' ') & 63; }

// Decodes one line (without its length char's stuffing or CR/LF) into out
// (room for 63 bytes); returns the byte count or an error.
Result<size_t> decode_uu_line(std::string_view line, unsigned char* out) {
  const size_t n = uu_value(line[0]);
  const std::string_view chars = line.substr(1);
  // Encoders may strip trailing spaces: missing characters count as ' ' (0).
  for (size_t k = 0, o = 0; o < n; k += 4) {
    unsigned v[4];
    for (size_t j = 0; j < 4; ++j) {
      const char c = k + j < chars.size() ? chars[k + j] : ' ';
      if (!is_uu_char(c)) return make_error("UUencode: invalid character in data line");
      v[j] = uu_value(c);
    }
    const unsigned char bytes[3] = {static_cast<unsigned char>(v[0] << 2 | v[1] >> 4),
                                    static_cast<unsigned char>(v[1] << 4 | v[2] >> 2),
                                    static_cast<unsigned char>(v[2] << 6 | v[3])};
    for (size_t j = 0; j < 3 && o < n; ++j) out[o++] = bytes[j];
  }
  return n;
}

}  // namespace

size_t find_uu_begin(std::string_view body) {
  for (size_t pos = find_line_starting(body, 0, "begin "); pos != std::string_view::npos;
       pos = find_line_starting(body, pos + 1, "begin ")) {
    if (uu_begin_name(line_at(body, pos).text)) return pos;
  }
  return std::string_view::npos;
}

Result<ArticleInfo> decode_uu_inplace(char* data, size_t len, size_t begin_pos) {
  const std::string_view body(data, len);
  const Line begin_line = line_at(body, begin_pos);
  ArticleInfo info;
  info.uuencoded = true;
  info.name = std::string(uu_begin_name(begin_line.text).value_or(""));

  size_t written = 0;  // always <= pos, so copying a decoded line to data+written is safe
  for (size_t pos = begin_line.next; pos < len;) {
    Line line = line_at(body, pos);
    pos = line.next;
    std::string_view text = line.text;
    if (!text.empty() && text[0] == '.') text.remove_prefix(1);  // NNTP dot-stuffing
    if (text == "end" || text.substr(0, 4) == "end ") {
      info.size = written;
      info.file_size = written;
      info.crc32 = crc32(data, written);
      return info;
    }
    if (text.empty()) continue;
    if (!is_uu_char(text[0])) return make_error("UUencode: invalid line length character");
    unsigned char decoded[64];
    auto n = decode_uu_line(text, decoded);
    if (!n) return n.error();
    // A line claiming more bytes than it carries (stripped spaces) is fine,
    // but never let the output overtake the input still to be read.
    if (written + *n > pos) return make_error("UUencode: line shorter than its length says");
    std::memmove(data + written, decoded, *n);
    written += *n;
  }
  return make_error("UUencode: no \"end\" line (article truncated?)");
}

}  // namespace nzbd::yenc::detail
