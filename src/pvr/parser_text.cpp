#include "pvr/parser_text.h"

#include <array>

namespace nzbd::pvr::detail {

std::string_view trim(std::string_view s, std::string_view chars) {
  size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(chars);
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_tokens(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !is_alnum(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && is_alnum(s[i])) ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

size_t read_number(std::string_view s, size_t pos, size_t max_digits, int& value) {
  size_t n = 0;
  int v = 0;
  while (pos + n < s.size() && n < max_digits && is_digit(s[pos + n])) {
    v = v * 10 + (s[pos + n] - '0');
    ++n;
  }
  if (n > 0) value = v;
  return n;
}

std::string_view last_path_component(std::string_view path) {
  while (!path.empty() && (path.back() == '/' || path.back() == '\\')) path.remove_suffix(1);
  size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view parent_component(std::string_view path) {
  while (!path.empty() && (path.back() == '/' || path.back() == '\\')) path.remove_suffix(1);
  size_t slash = path.find_last_of("/\\");
  if (slash == std::string_view::npos) return {};
  return last_path_component(path.substr(0, slash));
}

std::string_view strip_video_extension(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kExt = {
      ".mkv", ".mp4", ".avi", ".m4v", ".ts", ".wmv", ".mpg", ".mpeg",
      ".mov", ".webm", ".flv", ".m2ts", ".divx", ".ogm", ".vob", ".3gp"};
  for (auto ext : kExt)
    if (name.size() > ext.size() && ends_with_icase(name, ext)) return name.substr(0, name.size() - ext.size());
  return name;
}

namespace {

bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}

bool has_digit(std::string_view s) {
  for (char c : s)
    if (is_digit(c)) return true;
  return false;
}

bool has_alpha(std::string_view s) {
  for (char c : s)
    if (is_alpha(c)) return true;
  return false;
}

bool is_hex(char c) { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }

// Drops any short trailing extension (".bin", ".mkv", ".nfo") for the hash test.
std::string_view strip_any_extension(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return name;
  std::string_view ext = name.substr(dot + 1);
  if (ext.size() >= 2 && ext.size() <= 4 && all_of(ext, is_alnum)) return name.substr(0, dot);
  return name;
}

}  // namespace

// A GUID (8-4-4-4-12 hex digits) anywhere: posting tools' random names ("password - \"<guid>.337\" yEnc").
bool contains_guid(std::string_view s) {
  static constexpr std::array<size_t, 5> kRuns = {8, 4, 4, 4, 12};
  for (size_t i = 0; i + 36 <= s.size(); ++i) {
    size_t j = i;
    bool ok = true;
    for (size_t r = 0; r < kRuns.size() && ok; ++r) {
      for (size_t k = 0; k < kRuns[r] && ok; ++k, ++j) ok = is_hex(s[j]);
      if (ok && r + 1 < kRuns.size()) ok = s[j++] == '-';
    }
    if (ok) return true;
  }
  return false;
}

bool looks_obfuscated(std::string_view name) {
  std::string_view n = trim(strip_any_extension(trim(name)));
  if (n.empty() || contains_guid(n)) return true;
  static constexpr std::array<std::string_view, 6> kGarbage = {"b00bs", "123", "abc", "abc.xyz", "abc-xyz",
                                                               "sample"};
  for (auto g : kGarbage)
    if (iequals(n, g)) return true;
  // Usenet posters hide names behind MD5s, UUIDs and random alphanumerics.
  std::string compact;
  for (char c : n)
    if (c != '-') compact.push_back(c);
  if (compact.size() >= 16 && all_of(compact, is_hex) && has_digit(compact)) return true;
  if (n.size() >= 32 && all_of(n.substr(0, 32), is_alnum) && has_digit(n.substr(0, 32))) return true;
  // One unbroken run of letters and digits, long enough to be random.
  if (n.size() >= 10 && all_of(n, is_alnum) && has_digit(n) && has_alpha(n)) return true;
  return false;
}

}  // namespace nzbd::pvr::detail
