#include "yenc/headers.h"

#include <charconv>
#include <cstring>
#include <limits>

namespace nzbd::yenc::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_blank(s.front()))) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls fn(key, value) for each key=value token. "name=" swallows the rest of
// the line because file names may contain spaces.
template <typename Fn>
void for_each_field(std::string_view s, Fn&& fn) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_blank(s[i])) ++i;
    if (i >= s.size()) break;
    if (s.compare(i, 5, "name=") == 0) {
      fn(std::string_view("name"), trim(s.substr(i + 5)));
      return;
    }
    size_t end = i;
    while (end < s.size() && !is_blank(s[end])) ++end;
    const std::string_view token = s.substr(i, end - i);
    const size_t eq = token.find('=');
    if (eq != std::string_view::npos) fn(token.substr(0, eq), token.substr(eq + 1));
    i = end;
  }
}

template <typename T>
Status parse_number(std::string_view key, std::string_view value, std::optional<T>& out) {
  T n = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n, 10);
  if (value.empty() || ec != std::errc() || ptr != value.data() + value.size()) {
    return make_error("yEnc: bad number for " + std::string(key) + "=" + std::string(value.substr(0, 32)));
  }
  out = n;
  return ok_status();
}

std::optional<uint32_t> parse_crc(std::string_view value) {
  if (value.size() > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'X')) value.remove_prefix(2);
  if (value.empty() || value.size() > 8) return std::nullopt;
  uint32_t n = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n, 16);
  if (ec != std::errc() || ptr != value.data() + value.size()) return std::nullopt;
  return n;
}

}  // namespace

Result<YBegin> parse_ybegin(std::string_view fields) {
  YBegin b;
  Status st = ok_status();
  for_each_field(fields, [&](std::string_view key, std::string_view value) {
    if (!st) return;
    if (key == "size") st = parse_number(key, value, b.size);
    else if (key == "part") st = parse_number(key, value, b.part);
    else if (key == "total") st = parse_number(key, value, b.total);
    else if (key == "name") b.name = std::string(value);
  });
  if (!st) return st.error();
  return b;
}

Result<YPart> parse_ypart(std::string_view fields) {
  YPart p;
  Status st = ok_status();
  for_each_field(fields, [&](std::string_view key, std::string_view value) {
    if (!st) return;
    if (key == "begin") st = parse_number(key, value, p.begin);
    else if (key == "end") st = parse_number(key, value, p.end);
  });
  if (!st) return st.error();
  return p;
}

Result<YEnd> parse_yend(std::string_view fields) {
  YEnd e;
  Status st = ok_status();
  for_each_field(fields, [&](std::string_view key, std::string_view value) {
    if (!st) return;
    if (key == "size") st = parse_number(key, value, e.size);
    else if (key == "part") st = parse_number(key, value, e.part);
    else if (key == "crc32") e.crc32 = parse_crc(value);
    else if (key == "pcrc32") e.pcrc32 = parse_crc(value);
  });
  if (!st) return st.error();
  return e;
}

Line line_at(std::string_view text, size_t pos) {
  Line line;
  if (pos >= text.size()) {
    line.next = text.size();
    return line;
  }
  const size_t lf = text.find('\n', pos);
  size_t end = lf == std::string_view::npos ? text.size() : lf;
  line.terminated = lf != std::string_view::npos;
  line.next = line.terminated ? lf + 1 : text.size();
  if (end > pos && text[end - 1] == '\r') --end;
  line.text = text.substr(pos, end - pos);
  return line;
}

size_t find_line_starting(std::string_view text, size_t from, std::string_view prefix) {
  if (from > text.size()) return std::string_view::npos;
  if (from == 0 || text[from - 1] == '\n') {
    if (text.compare(from, prefix.size(), prefix) == 0) return from;
  }
  const std::string needle = "\n" + std::string(prefix);
  const void* hit = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  if (!hit) return std::string_view::npos;
  return static_cast<size_t>(static_cast<const char*>(hit) - text.data()) + 1;
}

}  // namespace nzbd::yenc::detail
