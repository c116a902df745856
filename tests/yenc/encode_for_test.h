// Test-only yEnc / UUencode encoders and NNTP wire framing, written to be
// obviously correct rather than fast. They generate inputs for the decoder.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace nzbd::yenc::test {

struct LineOptions {
  size_t line_len = 128;
  bool escape_leading_dot = true;  // false: leave '.' raw so NNTP must dot-stuff it
};

// yEnc data lines (without line terminators) for `data`.
inline std::vector<std::string> yenc_lines(std::string_view data, const LineOptions& opt = {}) {
  std::vector<std::string> lines;
  std::string line;
  for (size_t i = 0; i < data.size(); ++i) {
    const auto e = static_cast<unsigned char>(static_cast<unsigned char>(data[i]) + 42);
    const bool first = line.empty();
    const bool last = line.size() + 1 >= opt.line_len || i + 1 == data.size();
    bool escape = e == 0 || e == '\n' || e == '\r' || e == '=';
    if ((first || last) && (e == '\t' || e == ' ')) escape = true;
    if (first && e == '.' && opt.escape_leading_dot) escape = true;
    if (escape) {
      line += '=';
      line += static_cast<char>(static_cast<unsigned char>(e + 64));
    } else {
      line += static_cast<char>(e);
    }
    if (line.size() >= opt.line_len) {
      lines.push_back(std::move(line));
      line.clear();
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// Joins lines as an NNTP body: a line starting with '.' gets another '.',
// every line ends in CRLF (or bare LF).
inline std::string nntp_body(const std::vector<std::string>& lines, bool crlf = true) {
  std::string out;
  for (const std::string& l : lines) {
    if (!l.empty() && l[0] == '.') out += '.';
    out += l;
    out += crlf ? "\r\n" : "\n";
  }
  return out;
}

inline uint32_t reference_crc(std::string_view data) {
  return static_cast<uint32_t>(::crc32(0L, reinterpret_cast<const Bytef*>(data.data()),
                                       static_cast<uInt>(data.size())));
}

inline std::string hex8(uint32_t v) {
  char buf[9];
  snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

struct ArticleSpec {
  std::string name = "file.bin";
  std::optional<uint32_t> part;  // set for multipart
  uint32_t total = 1;
  uint64_t file_size = 0;        // 0: data.size()
  uint64_t begin = 1;            // 1-based, multipart only
  LineOptions lines;
  bool crlf = true;
  bool with_crc = true;
  std::optional<uint32_t> crc_override;
};

// A complete NNTP-encoded article body (what the NNTP layer hands over).
inline std::string yenc_article(std::string_view data, const ArticleSpec& s = {}) {
  const uint64_t file_size = s.file_size ? s.file_size : data.size();
  const char* eol = s.crlf ? "\r\n" : "\n";
  std::string out;
  const std::string line_len = std::to_string(s.lines.line_len);
  if (s.part) {
    out += "=ybegin part=" + std::to_string(*s.part) + " total=" + std::to_string(s.total) + " line=" + line_len +
           " size=" + std::to_string(file_size) + " name=" + s.name + eol;
    out += "=ypart begin=" + std::to_string(s.begin) + " end=" + std::to_string(s.begin + data.size() - 1) + eol;
  } else {
    out += "=ybegin line=" + line_len + " size=" + std::to_string(file_size) + " name=" + s.name + eol;
  }
  out += nntp_body(yenc_lines(data, s.lines), s.crlf);
  const uint32_t crc = s.crc_override.value_or(reference_crc(data));
  out += "=yend size=" + std::to_string(data.size());
  if (s.part) out += " part=" + std::to_string(*s.part);
  if (s.with_crc) out += (s.part ? " pcrc32=" : " crc32=") + hex8(crc);
  out += eol;
  return out;
}

// Classic UUencode ('`' for zero), lines of 45 bytes, NNTP-framed.
inline std::string uu_article(std::string_view data, const std::string& name, bool crlf = true) {
  auto enc = [](unsigned v) { return static_cast<char>(v ? v + 32 : '`'); };
  std::vector<std::string> lines{"begin 644 " + name};
  for (size_t i = 0; i < data.size(); i += 45) {
    const size_t n = std::min<size_t>(45, data.size() - i);
    std::string line(1, enc(static_cast<unsigned>(n)));
    for (size_t k = 0; k < n; k += 3) {
      unsigned char b[3] = {0, 0, 0};
      for (size_t j = 0; j < 3 && k + j < n; ++j) b[j] = static_cast<unsigned char>(data[i + k + j]);
      line += enc(b[0] >> 2);
      line += enc(((b[0] & 3) << 4) | (b[1] >> 4));
      line += enc(((b[1] & 15) << 2) | (b[2] >> 6));
      line += enc(b[2] & 63);
    }
    lines.push_back(line);
  }
  lines.push_back("`");
  lines.push_back("end");
  return nntp_body(lines, crlf);
}

inline std::string random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

}  // namespace nzbd::yenc::test
