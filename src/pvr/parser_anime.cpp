// Bracketed anime layouts (Sonarr normalises the same Chinese fansub forms before parsing).
#include "pvr/parser_anime.h"

#include <vector>

#include "pvr/parser_text.h"

namespace nzbd::pvr::detail {

namespace {

bool has_ascii_letter(std::string_view s) {
  for (char c : s)
    if (is_alpha(c)) return true;
  return false;
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// "第1008話", "13完", "01-24完", "215 END", "215 Fin", "857": the episode group; its digits.
bool episode_group(std::string_view g, std::string& digits) {
  static constexpr std::string_view kDi = "\xE7\xAC\xAC";  // 第
  if (g.substr(0, kDi.size()) == kDi) g.remove_prefix(kDi.size());
  size_t i = 0;
  while (i < g.size() && (is_digit(g[i]) || (g[i] == '-' && i > 0))) ++i;
  if (i == 0 || !is_digit(g[i - 1])) return false;
  if (i == 4 && (g.substr(0, 2) == "19" || g.substr(0, 2) == "20")) return false;  // "[2019]" is the year
  std::string_view rest = g.substr(i);
  for (std::string_view suffix : {"", "\xE5\xAE\x8C", "\xE8\xAF\x9D", "\xE8\xA9\xB1", " END", "END", " Fin"})
    if (rest == suffix) {
      digits = std::string(g.substr(0, i));
      return true;
    }
  return false;
}

bool year_group(std::string_view g) {
  return g.size() == 4 && is_digit(g[0]) && is_digit(g[1]) && is_digit(g[2]) && is_digit(g[3]);
}

// "多田君不恋爱_Anime Series Title" -> "Anime Series Title"; "ANIME SERIES 海賊王" -> "ANIME SERIES".
std::string latin_title(std::string_view g) {
  if (!has_ascii_letter(g)) return std::string(g);
  std::string_view best = g;
  size_t b = 0;
  for (size_t i = 0; i <= g.size(); ++i) {
    bool sep = i == g.size() || g[i] == '_' || g[i] == '/' || g.substr(i, 2) == "\xC2\xB7";  // '·'
    if (!sep) continue;
    std::string_view part = g.substr(b, i - b);
    if (has_ascii_letter(part) && !is_ascii(g) && is_ascii(part)) best = part;
    b = i + (i < g.size() && g[i] == '\xC2' ? 2 : 1);
  }
  // Trailing words in another script: "Anime Series 海賊王".
  std::string out(best);
  while (!out.empty()) {
    size_t sp = out.rfind(' ');
    if (sp == std::string::npos || is_ascii(std::string_view(out).substr(sp + 1))) break;
    out.resize(sp);
  }
  return out;
}

}  // namespace

std::string ascii_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto b1 = static_cast<unsigned char>(s[i]);
    if (b1 == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      auto b3 = static_cast<unsigned char>(s[i + 2]);
      if (b3 >= 0x90 && b3 <= 0x99) {
        out.push_back(static_cast<char>('0' + (b3 - 0x90)));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string normalize_anime_brackets(std::string_view rest) {
  if (rest.empty() || rest.front() != '[') return std::string(rest);
  std::vector<std::string_view> groups;
  size_t i = 0;
  while (i < rest.size() && rest[i] == '[') {
    size_t close = rest.find(']', i);
    if (close == std::string_view::npos) break;
    groups.push_back(rest.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  if (groups.empty()) return std::string(rest);
  // "[F-B]_Series_Title_Ep04": a second tag before the title.
  if (groups.size() == 1 && i < rest.size() && (rest[i] == '_' || rest[i] == ' ') && i + 1 < rest.size() &&
      rest[i + 1] != '[')
    return std::string(rest.substr(i + 1));
  std::string digits;
  for (size_t e = 1; e < groups.size(); ++e) {
    if (!episode_group(groups[e], digits)) continue;
    std::string_view title;
    for (size_t t = 0; t < e && title.empty(); ++t)
      if (!year_group(groups[t]) && has_ascii_letter(groups[t])) title = groups[t];
    if (title.empty()) title = groups[e - 1];
    if (year_group(title)) return std::string(rest);
    std::string out = latin_title(title) + " - " + digits + " ";
    for (size_t r = e + 1; r < groups.size(); ++r) out += "[" + std::string(groups[r]) + "]";
    out += rest.substr(i);
    return out;
  }
  return std::string(rest);
}

}  // namespace nzbd::pvr::detail
