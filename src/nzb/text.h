// Small ASCII string helpers shared inside the nzb module (not public).
#pragma once

#include <string>
#include <string_view>

#include "util/strings.h"  // to_lower, ends_with_icase

namespace nzbd::nzb {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline std::string_view trim_space(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace nzbd::nzb
