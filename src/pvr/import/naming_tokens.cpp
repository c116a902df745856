#include "pvr/import/naming_tokens.h"
#include "util/strings.h"

#include <cctype>
#include <cstring>
#include <algorithm>

namespace nzbd::pvr::naming_detail {
namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool in(char c, const char* set) { return c != '\0' && std::strchr(set, c) != nullptr; }
bool is_format_char(char c) {
  return is_alnum(c) || c == ' ' || c == ',' || c == '+' || c == '-';
}

}  // namespace

std::string pad(int value, int width) {
  std::string n = std::to_string(value < 0 ? -static_cast<long long>(value) : value);
  width = std::min(width, 10);  // {season:0000000000000} must not blow up
  if (static_cast<int>(n.size()) < width) n.insert(0, static_cast<std::size_t>(width) - n.size(), '0');
  return value < 0 ? "-" + n : n;
}

int format_width(const std::string& format) {
  if (format.empty() || format.find_first_not_of('0') != std::string::npos) return 1;
  return static_cast<int>(format.size());
}

std::optional<Token> token_at(std::string_view f, std::size_t pos) {
  if (pos >= f.size() || f[pos] != '{') return std::nullopt;
  std::size_t close = f.find('}', pos + 1);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view c = f.substr(pos + 1, close - pos - 1);
  if (c.find('{') != std::string_view::npos) return std::nullopt;  // "{{" and stray braces stay literal
  Token t;
  t.begin = pos;
  t.end = close + 1;
  std::size_t i = 0;
  while (i < c.size() && in(c[i], "- ._[(")) ++i;
  t.prefix = std::string(c.substr(0, i));
  std::size_t w1 = i;
  while (i < c.size() && is_alnum(c[i])) ++i;
  if (i == w1) return std::nullopt;
  std::string word1(c.substr(w1, i - w1)), word2;
  std::size_t j = i;
  while (j < c.size() && is_sep(c[j])) ++j;
  if (j > i && j < c.size() && is_alnum(c[j])) {
    t.separator = std::string(c.substr(i, j - i));
    std::size_t w2 = j;
    while (j < c.size() && is_alnum(c[j])) ++j;
    word2 = std::string(c.substr(w2, j - w2));
    i = j;
  }
  if (i < c.size() && c[i] == ':') {
    std::size_t fs = i + 1, fe = fs;
    while (fe < c.size() && is_format_char(c[fe])) ++fe;
    while (fe > fs && (c[fe - 1] == '-' || c[fe - 1] == ' ')) --fe;  // those belong to the suffix
    if (fe == fs) return std::nullopt;
    t.format = std::string(c.substr(fs, fe - fs));
    i = fe;
  }
  for (std::size_t k = i; k < c.size(); ++k)
    if (!in(c[k], "- ._)]")) return std::nullopt;
  t.suffix = std::string(c.substr(i));
  t.words = word1 + t.separator + word2;
  t.key = to_lower(word1 + word2);
  return t;
}

std::optional<NumberToken> number_token_at(std::string_view f, std::size_t pos, std::string_view name) {
  if (pos + name.size() + 2 > f.size() || f[pos] != '{') return std::nullopt;
  if (!starts_with_icase(f.substr(pos + 1), name)) return std::nullopt;
  std::size_t i = pos + 1 + name.size();
  NumberToken n;
  if (i < f.size() && f[i] == ':') {
    std::size_t z = ++i;
    while (i < f.size() && f[i] == '0') ++i;
    if (i == z) return std::nullopt;
    n.width = static_cast<int>(i - z);
  }
  if (i >= f.size() || f[i] != '}') return std::nullopt;
  n.end = i + 1;
  return n;
}

}  // namespace nzbd::pvr::naming_detail
