// Hand-rolled matchers for the episode part of a release name. Each matcher
// tries one position and returns the marker found there; find_marker scans
// the name with each matcher in priority order. Linear time, no regex.
#include "pvr/parser_markers.h"

#include <array>
#include <cstdio>
#include <initializer_list>

#include "pvr/parser_text.h"

namespace nzbd::pvr::detail {

namespace {

using Matcher = std::optional<Marker> (*)(std::string_view, size_t, bool);

bool is_space_sep(char c) { return c == '.' || c == ' ' || c == '_'; }
char at(std::string_view s, size_t i) { return i < s.size() ? s[i] : '\0'; }

// End of a marker: end of word, or a "v2" version tag then end of word.
bool marker_end(std::string_view s, size_t& j) {
  if (word_end(s, j)) return true;
  if (lower(at(s, j)) == 'v' && is_digit(at(s, j + 1)) && word_end(s, j + 2)) {
    j += 2;
    return true;
  }
  return false;
}

// first..last as a list (Sonarr expands E01E03 to 1,2,3); empty if invalid.
std::vector<int> expand(int first, int last) {
  std::vector<int> out;
  if (first > last || last - first >= kMaxEpisodeRange) return out;
  for (int e = first; e <= last; ++e) out.push_back(e);
  return out;
}

// Matches one of `words` (case-insensitive, whole word) at i; returns its end or npos.
template <class Words>
size_t match_words_of(std::string_view s, size_t i, const Words& words) {
  if (!word_start(s, i)) return std::string_view::npos;
  for (auto w : words)
    if (istarts_with(s.substr(i), w) && word_end(s, i + w.size())) return i + w.size();
  return std::string_view::npos;
}

size_t match_word(std::string_view s, size_t i, std::initializer_list<std::string_view> words) {
  return match_words_of(s, i, words);
}

size_t skip_seps(std::string_view s, size_t j) {
  while (j < s.size() && (is_space_sep(s[j]) || s[j] == '-')) ++j;
  return j;
}

// Reads "E<digits>" at j; advances j.
bool read_e_number(std::string_view s, size_t& j, int& value) {
  if (lower(at(s, j)) != 'e') return false;
  size_t n = read_number(s, j + 1, 4, value);
  if (n == 0) return false;
  j += 1 + n;
  return true;
}

// S01E02, S01E02E03, S01E02-E04, S01E02-04, S01.E02, S2024E05, S01E02-S01E03.
std::optional<Marker> match_standard(std::string_view s, size_t i, bool) {
  if (lower(s[i]) != 's') return std::nullopt;
  int season = 0, ep = 0;
  size_t n = read_number(s, i + 1, 4, season);
  if (n == 0) return std::nullopt;
  size_t j = i + 1 + n;
  if (is_space_sep(at(s, j)) || at(s, j) == '-') ++j;
  if (!read_e_number(s, j, ep)) {
    if (j == i + 1 + n) return std::nullopt;
    j = i + 1 + n;  // no separator after all
    if (!read_e_number(s, j, ep)) return std::nullopt;
  }
  std::vector<int> caps{ep};
  for (;;) {
    size_t k = j;
    int v = 0;
    if (read_e_number(s, k, v)) {  // E02E03
      caps.push_back(v), j = k;
      continue;
    }
    char c = at(s, j);
    k = j + 1;
    if (is_space_sep(c) && read_e_number(s, k, v) && word_end(s, k)) {  // E02.E03
      caps.push_back(v), j = k;
      continue;
    }
    if (c != '-' && c != '+' && c != '&') break;
    int s2 = 0;
    size_t m = 0;
    if (lower(at(s, k)) == 's' && (m = read_number(s, k + 1, 4, s2)) > 0 && s2 == season) {
      size_t q = k + 1 + m;
      if (read_e_number(s, q, v)) {  // -S01E03
        caps.push_back(v), j = q;
        continue;
      }
    }
    if (read_e_number(s, k, v)) {  // -E03
      caps.push_back(v), j = k;
      continue;
    }
    if ((m = read_number(s, k, 3, v)) > 0 && word_end(s, k + m)) {  // -03
      caps.push_back(v), j = k + m;
      continue;
    }
    break;
  }
  if (!marker_end(s, j)) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::Standard;
  mk.start = i, mk.end = j, mk.season = season;
  mk.episodes = expand(caps.front(), caps.back());
  mk.invalid = mk.episodes.empty();
  return mk;
}

// 1x02, 1x02-1x03, 1x02x03, 1x02-03.
std::optional<Marker> match_nxm(std::string_view s, size_t i, bool) {
  int season = 0, ep = 0, v = 0;
  size_t n = read_number(s, i, 2, season);
  if (n == 0 || lower(at(s, i + n)) != 'x') return std::nullopt;
  size_t m = read_number(s, i + n + 1, 3, ep);
  if (m == 0) return std::nullopt;
  size_t j = i + n + 1 + m;
  std::vector<int> caps{ep};
  for (;;) {
    size_t k = j + 1;
    char c = at(s, j);
    if (lower(c) == 'x' && (m = read_number(s, k, 3, v)) > 0) {  // 1x02x03
      caps.push_back(v), j = k + m;
      continue;
    }
    if (c != '-') break;
    int s2 = 0;
    size_t p = read_number(s, k, 2, s2);
    if (p > 0 && lower(at(s, k + p)) == 'x' && s2 == season && (m = read_number(s, k + p + 1, 3, v)) > 0) {
      caps.push_back(v), j = k + p + 1 + m;  // -1x03
      continue;
    }
    if ((m = read_number(s, k, 3, v)) > 0 && word_end(s, k + m)) {  // -03
      caps.push_back(v), j = k + m;
      continue;
    }
    break;
  }
  if (!marker_end(s, j)) return std::nullopt;
  Marker mk;
  mk.start = i, mk.end = j, mk.season = season;
  mk.episodes = expand(caps.front(), caps.back());
  mk.invalid = mk.episodes.empty();
  return mk;
}

constexpr std::array<std::string_view, 6> kSeasonWords = {"seasons", "season", "series", "saison", "staffel",
                                                          "temporada"};

// "Season 1 Episode 3", "Series.2.Episode.10", "Season 1 Episodes 3-5".
std::optional<Marker> match_words(std::string_view s, size_t i, bool) {
  size_t j = match_words_of(s, i, kSeasonWords);
  if (j == std::string_view::npos) return std::nullopt;
  int season = 0, ep = 0, last = 0;
  size_t n = read_number(s, skip_seps(s, j), 4, season);
  if (n == 0) return std::nullopt;
  j = skip_seps(s, j) + n;
  size_t k = match_word(s, skip_seps(s, j), {"episodes", "episode", "episodio", "ep", "folge"});
  if (k == std::string_view::npos) return std::nullopt;
  k = skip_seps(s, k);
  n = read_number(s, k, 4, ep);
  if (n == 0) return std::nullopt;
  j = k + n;
  last = ep;
  size_t r = j;
  while (r < s.size() && (s[r] == ' ' || s[r] == '-' || s[r] == '&')) ++r;
  if (r > j && (n = read_number(s, r, 4, last)) > 0 && word_end(s, r + n)) j = r + n;
  else last = ep;
  if (!marker_end(s, j)) return std::nullopt;
  Marker mk;
  mk.start = i, mk.end = j, mk.season = season;
  mk.episodes = expand(ep, last);
  if (mk.episodes.empty()) return std::nullopt;
  return mk;
}

bool valid_date(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// 2024.03.05, 2024-03-05, 2024 03 05; 25.03.2024 / 03.25.2024 when only one reading is a date.
std::optional<Marker> match_date(std::string_view s, size_t i, bool) {
  int a = 0, b = 0, c = 0;
  size_t n1 = read_number(s, i, 4, a);
  char sep = at(s, i + n1);
  if (n1 == 0 || !(is_space_sep(sep) || sep == '-')) return std::nullopt;
  size_t n2 = read_number(s, i + n1 + 1, 2, b);
  if (n2 != 2 || at(s, i + n1 + 3) != sep) return std::nullopt;
  size_t n3 = read_number(s, i + n1 + 4, 4, c);
  size_t end = i + n1 + 4 + n3;
  if (!word_end(s, end)) return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (n1 == 4 && n3 == 2) {
    y = a, m = b, d = c;
  } else if (n1 == 2 && n3 == 4) {
    y = c;
    if (a > 12 && b <= 12) d = a, m = b;
    else if (b > 12 && a <= 12) m = a, d = b;
    else if (a == b) m = d = a;
    else return std::nullopt;  // 05.03.2024: March 5th or May 3rd, can't tell
  } else {
    return std::nullopt;
  }
  if (!valid_date(y, m, d)) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::Daily;
  mk.start = i, mk.end = end;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  mk.air_date = buf;
  return mk;
}

// S01, S01-S03, S01-03, Season 2, Seasons 1-3, Saison 1; for anime "S2 - 05" is season 2 episode 5.
std::optional<Marker> match_season_pack(std::string_view s, size_t i, bool anime) {
  int season = 0, last = -1, v = 0;
  size_t j = 0, n = 0;
  bool short_form = lower(s[i]) == 's' && is_digit(at(s, i + 1));
  if (short_form) {
    n = read_number(s, i + 1, 4, season);
    j = i + 1 + n;
  } else {
    j = match_words_of(s, i, kSeasonWords);
    if (j == std::string_view::npos) return std::nullopt;
    size_t k = j;
    while (is_space_sep(at(s, k))) ++k;  // not '-': "2nd Season - 05" is an absolute number
    if ((n = read_number(s, k, 4, season)) == 0) return std::nullopt;
    j = k + n;
  }
  if (!word_end(s, j)) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::SeasonPack;
  const bool plural = !short_form && lower(at(s, i + 6)) == 's';  // "Seasons 1-3"
  size_t k = j;
  while (at(s, k) == ' ') ++k;
  const bool spaced = k > j;
  if (at(s, k) == '-' || at(s, k) == '&') {
    ++k;
    while (at(s, k) == ' ') ++k;
    bool had_s = lower(at(s, k)) == 's';
    size_t p = had_s ? k + 1 : k;
    if ((n = read_number(s, p, 4, v)) > 0 && word_end(s, p + n)) {
      // "S2 - 05" / "Season 2 - 10" name an episode in anime; a range is
      // "S01-S03", "S01-03", "Season 1-3" or "Seasons 1 - 3".
      bool range = had_s || !spaced || plural;
      if (!range && anime) {  // "[Grp] Title S2 - 05"
        size_t e = p + n;
        if (!marker_end(s, e)) return std::nullopt;
        mk.kind = MarkerKind::Standard;
        mk.start = i, mk.end = e, mk.season = season, mk.episodes = {v};
        return mk;
      }
      if (range) {
        last = v;
        j = p + n;
      }
    }
  }
  mk.start = i, mk.end = j, mk.season = season;
  mk.multi_season = last > season;
  return mk;
}

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
