// Title cleaning, languages and release groups.
#include <algorithm>
#include <array>

#include "pvr/parser_markers.h"
#include "pvr/parser_text.h"
#include "pvr/release_parser.h"

namespace nzbd::pvr {

using namespace detail;

namespace {

// ASCII replacement for the Latin-1 letters U+00C0..U+00FF (UTF-8 C3 80..C3 BF).
std::string_view unaccent_latin1(unsigned char second) {
  static constexpr std::array<std::string_view, 64> kMap = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  return kMap[(second - 0x80) & 0x3f];
}

bool is_word_byte(char c) { return is_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

std::string clean_series_title(std::string_view title) {
  title = title.substr(0, kMaxTitleLength);
  if (!title.empty() && title.find_first_not_of("0123456789") == std::string_view::npos) return std::string(title);
  // Lower-case, fold accents, and turn '%' into a word ("3%" -> "3percent").
  std::string folded;
  for (size_t i = 0; i < title.size(); ++i) {
    auto c = static_cast<unsigned char>(title[i]);
    if (c == 0xC3 && i + 1 < title.size() && (static_cast<unsigned char>(title[i + 1]) & 0xC0) == 0x80) {
      folded += unaccent_latin1(static_cast<unsigned char>(title[++i]));
    } else if (c == '%') {
      folded += "percent";
    } else {
      folded.push_back(lower(static_cast<char>(c)));
    }
  }
  std::vector<std::string_view> words;
  std::string_view f = folded;
  for (size_t i = 0; i < f.size();) {
    while (i < f.size() && !is_word_byte(f[i])) ++i;
    size_t b = i;
    while (i < f.size() && is_word_byte(f[i])) ++i;
    if (i > b) words.push_back(f.substr(b, i - b));
  }
  static constexpr std::array<std::string_view, 6> kSmall = {"a", "an", "the", "and", "or", "of"};
  std::string out;
  for (size_t w = 0; w < words.size(); ++w) {
    bool edge = w == 0 || w + 1 == words.size();
    bool small = false;
    for (auto s : kSmall) small = small || words[w] == s;
    if (small && !edge) continue;
    out += words[w];
  }
  return out;
}

}  // namespace nzbd::pvr

namespace nzbd::pvr {

std::string normalize_episode_title(std::string_view title) {
  title = title.substr(0, kMaxTitleLength);
  // A release name: the words after the marker (and a "Special" tag), before the quality tags.
  if (auto m = find_marker(title, false); m && !m->invalid) {
    std::string_view rest = title.substr(m->end);
    size_t i = 0;
    while (i < rest.size() && !is_alnum(rest[i])) ++i;
    if (starts_with_icase(rest.substr(i), "special") && word_end(rest, i + 7)) rest = rest.substr(i + 7);
    size_t end = 0;
    for (size_t b = 0; b < rest.size();) {
      while (b < rest.size() && !is_alnum(rest[b])) ++b;
      size_t e = b;
      while (e < rest.size() && is_alnum(rest[e])) ++e;
      if (e > b && is_quality_word(rest.substr(b, e - b))) break;
      end = e, b = e;
    }
    title = rest.substr(0, end);
  }
  std::string out;
  for (char c : title) {
    if (c == '.' || c == '_' || c == ' ') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(lower(c));
  }
  return std::string(trim(out));
}

bool is_possible_special_episode(const ParsedEpisodeInfo& info) {
  // No episode numbers (or season 0) and not a date: the release may be a special named by its title.
  bool titled = !info.series_title.empty();
  bool no_numbers = info.episodes.empty() || info.season == 0 ||
                    std::find(info.episodes.begin(), info.episodes.end(), 0) != info.episodes.end();  // "S11E00"
  return ((!info.air_date && titled && no_numbers) || (titled && info.special)) && !info.full_season;
}

bool is_scene_title(std::string_view title) {
  // Scene names are dotted, never spaced, and carry a group and a known quality.
  if (title.find('.') == std::string_view::npos || title.find(' ') != std::string_view::npos) return false;
  auto p = parse_release(title);
  return p && !p->release_group.empty() && p->quality.id != 0 && !p->series_title.empty();
}

}  // namespace nzbd::pvr
