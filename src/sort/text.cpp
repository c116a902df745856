#include "sort/text.h"
#include "util/strings.h"

#include <array>

namespace nzbd::sort {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80); }
bool is_word(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '_'; }
char up(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }
char down(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Replaces whole words `from` (exact case) by `to`, leaving the first word alone.
void replace_word(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from, 1); at != std::string::npos; at = s.find(from, at + 1)) {
    size_t end = at + from.size();
    if (at > 0 && !is_word(s[at - 1]) && (end == s.size() || !is_word(s[end]))) s.replace(at, from.size(), to);
  }
}

void collapse(std::string& s, char c) {
  std::string two(2, c), one(1, c);
  while (s.find(two) != std::string::npos) replace_all(s, two, one);
}

}  // namespace

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

std::vector<std::string> split_words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty() && cur != "-") out.push_back(cur);
    cur.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == '.' || c == '_') flush();
    else cur += c;
  }
  flush();
  return out;
}

std::string fallback_title(std::string_view job_name) {
  std::string t(job_name);
  for (char& c : t)
    if (c == '.' || c == '_') c = ' ';
  size_t b = t.find_first_not_of(" \t._-"), e = t.find_last_not_of(" \t._-");
  return b == std::string::npos ? "" : t.substr(b, e - b + 1);
}

std::string title_case(std::string_view title) {
  std::string t(title);
  bool prev_alpha = false;
  for (char& c : t) {
    bool a = is_alpha(c);
    c = a ? (prev_alpha ? down(c) : up(c)) : c;
    prev_alpha = a;
  }
  replace_all(t, "'S", "'s");
  static const std::array<std::string_view, 14> kLower = {"The", "Of", "And", "At", "Vs", "A",   "An",
                                                          "But", "Nor", "For", "On", "So", "Yet", "With"};
  for (auto w : kLower) replace_word(t, w, to_lower(w));
  for (auto [from, to] : {std::pair{"Iii", "III"}, {"Ii", "II"}, {"Iv", "IV"}}) replace_word(t, from, to);
  if (!t.empty()) t[0] = up(t[0]);
  return t;
}

std::string dotted(std::string_view title) {
  std::string t(title);
  replace_all(t, " - ", "-");
  for (char& c : t)
    if (c == ' ' || c == '_' || c == '(' || c == ')') c = '.';
  collapse(t, '.');
  while (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

std::string underscored(std::string_view title) {
  std::string t(title);
  for (char& c : t)
    if (c == ' ' || c == '.') c = '_';
  collapse(t, '_');
  while (!t.empty() && t.back() == '_') t.pop_back();
  return t;
}

std::string substitute(std::string_view text, const Mapping& map) {
  std::string out;
  for (size_t n = 0; n < text.size();) {
    bool done = false;
    if (text[n] == '%' && text.substr(n, 4) != "%ext")
      for (const auto& [key, value] : map)
        if (text.substr(n, key.size()) == key) {
          out += value;
          n += key.size();
          done = true;
          break;
        }
    if (!done) out += text[n++];
  }
  return out;
}

std::string lowercase_braces(std::string_view text) {
  // As SABnzbd's loop over the regex {([^{]*)}: the leftmost '{' that has a
  // '}' before the next '{', up to the last such '}'.
  std::string s(text);
  for (bool found = true; found;) {
    found = false;
    for (size_t open = s.find('{'); open != std::string::npos; open = s.find('{', open + 1)) {
      size_t next = s.find('{', open + 1);
      size_t close = s.rfind('}', next == std::string::npos ? std::string::npos : next - 1);
      if (close == std::string::npos || close < open) continue;
      s.replace(open, close - open + 1, to_lower(std::string_view(s).substr(open + 1, close - open - 1)));
      found = true;
      break;
    }
  }
  std::string out;
  for (char c : s)
    if (c != '{' && c != '}') out += c;
  return out;
}

std::string tidy(std::string text) {
  replace_all(text, "()", "");
  collapse(text, '.');
  replace_all(text, "__", "_");
  replace_all(text, "  ", " ");
  replace_all(text, " .%ext", ".%ext");
  return text;
}

std::string base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::pair<std::string, std::string> split_ext(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {std::string(file_name), ""};
  return {std::string(file_name.substr(0, dot)), std::string(file_name.substr(dot))};
}

}  // namespace nzbd::sort
