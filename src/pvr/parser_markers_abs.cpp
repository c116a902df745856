// Absolute (anime) numbers, mini-series parts, bare numbers, and find_marker's order.
#include <cstdio>

#include "pvr/parser_matchers.h"

namespace nzbd::pvr::detail {

namespace {

size_t eat_version(std::string_view s, size_t j) {
  if (lower(at(s, j)) == 'v' && is_digit(at(s, j + 1)) && word_end(s, j + 2)) return j + 2;
  return j;
}

bool year_like(size_t digits, int value) { return digits == 4 && value >= 1900 && value <= 2099; }

// Reads "123", "123v2", "01-02", "01~02", "01 ~ 02" as absolute numbers from j.
std::optional<Marker> read_absolute(std::string_view s, size_t start, size_t j) {
  int first = 0, last = 0;
  size_t n = read_number(s, j, 4, first);
  if (n == 0 || year_like(n, first)) return std::nullopt;
  j = eat_version(s, j + n);
  last = first;
  size_t r = j;
  while (at(s, r) == ' ') ++r;
  if (at(s, r) == '-' || at(s, r) == '~') {
    ++r;
    while (at(s, r) == ' ') ++r;
    int v = 0;
    size_t m = read_number(s, r, 4, v);
    if (m > 0 && v > first && word_end(s, eat_version(s, r + m))) last = v, j = eat_version(s, r + m);
  }
  if (!word_end(s, j)) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::Absolute;
  mk.start = start, mk.end = j;
  mk.absolute = expand(first, last);
  if (mk.absolute.empty()) return std::nullopt;
  return mk;
}

// "[Group] Title - 123 [1080p]", "Title_-_05", "Title - 01-02".
std::optional<Marker> match_abs_dash(std::string_view s, size_t i, bool) {
  if (s[i] != '-' || i == 0 || (s[i - 1] != ' ' && s[i - 1] != '_')) return std::nullopt;
  size_t k = i + 1;
  if (at(s, k) != ' ' && at(s, k) != '_') return std::nullopt;
  while (at(s, k) == ' ' || at(s, k) == '_') ++k;
  size_t w = match_word(s, k, {"episode", "ep"});
  if (w != std::string_view::npos) k = skip_seps(s, w);
  return read_absolute(s, i, k);
}

// "Title Episode 5", "Title Ep05", "Title.E05" without a season.
std::optional<Marker> match_abs_ep(std::string_view s, size_t i, bool) {
  for (std::string_view w : {"episode", "ep", "e"}) {
    if (!istarts_with(s.substr(i), w)) continue;
    size_t k = i + w.size();
    if (w != "e" && is_space_sep(at(s, k))) ++k;
    if (is_digit(at(s, k))) return read_absolute(s, i, k);
  }
  return std::nullopt;
}

// Offset of the first word that is a quality tag ("720p", "HDTV", "x264");
// the episode number of a bare-number name comes before those.
size_t first_quality_token(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && !is_alnum(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && is_alnum(s[i])) ++i;
    if (i > b && b > 0 && is_quality_word(s.substr(b, i - b))) return b;
  }
  return s.size();
}

// "Title.123.", "[Group] Title 123 [720p]".
std::optional<Marker> match_abs_bare(std::string_view s, size_t i, bool anime) {
  if (!is_digit(s[i]) || i == 0 || !(is_space_sep(s[i - 1]))) return std::nullopt;
  // "DD5.1", "H.264" are audio/codec tags, not episodes.
  if (i >= 2 && s[i - 1] == '.' && (is_digit(s[i - 2]) || lower(s[i - 2]) == 'h' || lower(s[i - 2]) == 'x'))
    return std::nullopt;
  int value = 0;
  size_t n = read_number(s, i, 4, value);
  if (n < (anime ? 1u : 2u)) return std::nullopt;
  // "05.03.2024" is a date whose day and month can't be told apart, not episode 5.
  char sep = at(s, i + n);
  int scratch = 0;
  if (n == 2 && is_space_sep(sep) && read_number(s, i + 3, 2, scratch) == 2 && at(s, i + 5) == sep &&
      read_number(s, i + 6, 4, scratch) == 4)
    return std::nullopt;
  size_t j = eat_version(s, i + n);
  char next = at(s, j);
  if (!(next == '\0' || is_space_sep(next) || next == '[' || next == '(')) return std::nullopt;
  return read_absolute(s, i, i);
}

// "Show.Special.Christmas.720p", "[Grp] Title OVA".
std::optional<Marker> match_special(std::string_view s, size_t i, bool) {
  if (i == 0) return std::nullopt;
  size_t j = match_word(s, i, {"specials", "special", "ova", "oad"});
  if (j == std::string_view::npos) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::Special;
  mk.start = i, mk.end = j, mk.season = 0;
  return mk;
}

}  // namespace

std::optional<Marker> find_marker(std::string_view name, bool anime) {
  static constexpr std::array<Matcher, 8> kOrder = {match_standard, match_nxm,      match_words,  match_date,
                                                    match_season_pack, match_abs_dash, match_abs_ep, match_special};
  for (Matcher m : kOrder) {
    for (size_t i = 0; i < name.size(); ++i) {
      if (!word_start(name, i)) continue;
      if (auto r = m(name, i, anime)) return r;  // may be `invalid`: the caller refuses the name
    }
  }
  // Bare numbers last, and only before the first quality tag.
  size_t limit = first_quality_token(name);
  for (size_t i = 0; i < limit; ++i) {
    if (!word_start(name, i)) continue;
    if (auto r = match_abs_bare(name, i, anime)) return r;
  }
  return std::nullopt;
}

}  // namespace nzbd::pvr::detail

