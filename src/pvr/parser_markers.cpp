// Hand-rolled matchers for the episode part of a release name. Each matcher
// tries one position and returns the marker found there; find_marker scans
// the name with each matcher in priority order. Linear time, no regex.
#include "pvr/parser_markers.h"

#include <cstdio>
#include <ctime>

#include "pvr/parser_matchers.h"

namespace nzbd::pvr::detail {

// S01E02, S01E02E03, S01E02-E04, S01E02-04, S01.E02, S01 - E02, S2024E05, S01E02-S01E03,
// S01EP01, S06E01b (split), S01E11.5 (special).
std::optional<Marker> match_standard(std::string_view s, size_t i, bool) {
  if (lower(s[i]) != 's') return std::nullopt;
  int season = 0, ep = 0;
  size_t n = read_number(s, i + 1, 4, season);
  if (n == 0) return std::nullopt;
  size_t j = i + 1 + n;
  if (!read_e_number(s, j, ep)) {
    size_t k = j;
    if (at(s, k) == ' ' && at(s, k + 1) == '-' && at(s, k + 2) == ' ') k += 3;  // "S02 - E06"
    else if (is_space_sep(at(s, k)) || at(s, k) == '-') ++k;
    if (k == j || !read_e_number(s, k, ep)) return std::nullopt;
    j = k;
  }
  Marker mk;
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
    if ((is_space_sep(c) || c == '-') && read_e_number(s, k, v) && word_end(s, k)) {  // E02.E03, E02-E03
      caps.push_back(v), j = k;
      continue;
    }
    if (c == ' ' && at(s, j + 1) == '-' && at(s, j + 2) == ' ') {  // "Ep10718 - Ep10722"
      k = j + 3;
      if (read_e_number(s, k, v) && word_end(s, k)) {
        caps.push_back(v), j = k;
        continue;
      }
    }
    int s2 = 0;
    size_t m = 0;
    if ((c == '-' || c == '.' || c == '+' || c == '&') && lower(at(s, k)) == 's' &&
        (m = read_number(s, k + 1, 4, s2)) > 0 && s2 == season) {
      size_t q = k + 1 + m;
      if (read_e_number(s, q, v)) {  // -S01E03, .S01E03
        caps.push_back(v), j = q;
        continue;
      }
    }
    if (c != '-' && c != '+' && c != '&') break;
    if ((m = read_number(s, k, 3, v)) > 0 && word_end(s, k + m) && v > caps.back()) {  // -03, not "E13-3_Acts"
      caps.push_back(v), j = k + m;
      continue;
    }
    break;
  }
  if (caps.size() == 1 && (lower(at(s, j)) == 'a' || lower(at(s, j)) == 'b') && word_end(s, j + 1)) {
    mk.split = true;  // "S06E01b": the second half of a split episode
    ++j;
  } else if (caps.size() == 1 && at(s, j) == '.' && is_digit(at(s, j + 1)) && word_end(s, j + 2)) {
    mk.special = true;  // "S01E11.5": a recap between two episodes
    j += 2;
  }
  if (!marker_end(s, j)) return std::nullopt;
  mk.kind = MarkerKind::Standard;
  mk.start = i, mk.end = j, mk.season = season;
  mk.episodes = expand(caps.front(), caps.back());
  mk.invalid = mk.episodes.empty();
  // "S1E1-8 of 8": every episode of the season is a season pack.
  int total = 0;
  if (caps.front() == 1 && caps.size() > 1 && is_space_sep(at(s, j)) && starts_with_icase(s.substr(j + 1), "of") &&
      is_space_sep(at(s, j + 3)) && read_number(s, j + 4, 3, total) > 0 && total == caps.back()) {
    mk.kind = MarkerKind::SeasonPack;
    mk.episodes.clear();
  }
  return mk;
}

// 1x02, 1x02-1x03, 1x02x03, 1x02-03, 1x01-x03, 8x01_02, 2x04.2x05.
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
    if (c == '-' && lower(at(s, k)) == 'x' && (m = read_number(s, k + 1, 3, v)) > 0) {  // 1x01-x03
      caps.push_back(v), j = k + 1 + m;
      continue;
    }
    if (c == '_' && (m = read_number(s, k, 3, v)) == 2 && word_end(s, k + m)) {  // 8x01_02
      caps.push_back(v), j = k + m;
      continue;
    }
    if (c != '-' && c != '.' && c != ' ') break;
    int s2 = 0;
    size_t p = read_number(s, k, 2, s2);
    if (p > 0 && lower(at(s, k + p)) == 'x' && s2 == season && (m = read_number(s, k + p + 1, 3, v)) > 0) {
      caps.push_back(v), j = k + p + 1 + m;  // -1x03, .1x03
      continue;
    }
    if (c != '-') break;
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


// "Season 1 Episode 3", "Series.2.Episode.10", "Season 1 Episodes 3-5".
std::optional<Marker> match_words(std::string_view s, size_t i, bool) {
  // Dutch "Se.3 afl.3" (seizoen, aflevering).
  int season = 0, ep = 0;
  if (size_t j = match_word(s, i, {"se"}); j != std::string_view::npos && is_space_sep(at(s, j))) {
    size_t n = read_number(s, j + 1, 2, season);
    size_t k = j + 1 + n;
    if (n == 0 || !is_space_sep(at(s, k))) return std::nullopt;
    size_t a = match_word(s, k + 1, {"afl"});
    if (a == std::string_view::npos || !is_space_sep(at(s, a))) return std::nullopt;
    size_t m = read_number(s, a + 1, 3, ep);
    if (m == 0 || !word_end(s, a + 1 + m)) return std::nullopt;
    Marker mk;
    mk.start = i, mk.end = a + 1 + m, mk.season = season, mk.episodes = {ep};
    return mk;
  }
  size_t j = match_words_of(s, i, kSeasonWords);
  if (j == std::string_view::npos) return std::nullopt;
  int last = 0;
  size_t n = read_number(s, skip_seps(s, j), 4, season);
  if (n == 0) return std::nullopt;
  j = skip_seps(s, j) + n;
  size_t k = match_word(s, skip_seps(s, j), {"episodes", "episode", "episodio", "ep", "folge"});
  if (k == std::string_view::npos && starts_with_icase(s.substr(skip_seps(s, j)), "ep")) k = skip_seps(s, j) + 2;  // "ep11"
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
  int scratch = 0;
  if (read_number(s, 0, 6, scratch) == 6 && at(s, 6) == ' ') mk.title_start = 7;  // "221208 Show Season 39 ep11"
  return mk;
}

bool valid_date(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

namespace {

// Today + 1 as yyyymmdd: Sonarr refuses air dates after tomorrow (a clock a day off is tolerated).
int tomorrow_ymd() {
  std::time_t t = std::time(nullptr) + 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int month_of(std::string_view s, size_t i, size_t& end) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (!starts_with_icase(s.substr(i), kMonths[m])) continue;
    size_t j = i + 3;
    while (is_alpha(at(s, j))) ++j;  // "Jan", "January"
    end = j;
    return static_cast<int>(m) + 1;
  }
  return 0;
}

// "31st Jan 2025", "23rd Feb 2024".
bool read_named_date(std::string_view s, size_t i, int& y, int& m, int& d, size_t& end) {
  size_t n = read_number(s, i, 2, d);
  if (n == 0) return false;
  size_t j = i + n;
  for (std::string_view suf : {"st", "nd", "rd", "th"})
    if (starts_with_icase(s.substr(j), suf)) j += 2;
  if (!is_space_sep(at(s, j)) && at(s, j) != '-') return false;
  if ((m = month_of(s, j + 1, j)) == 0) return false;
  if (!is_space_sep(at(s, j)) && at(s, j) != '-') return false;
  if (read_number(s, j + 1, 4, y) != 4 || !word_end(s, j + 5)) return false;
  end = j + 5;
  return true;
}

}  // namespace

// 2024.03.05, 2024-03-05, 2024 03 05, 20240305, "31st Jan 2025"; 25.03.2024 / 03.25.2024 when
// only one reading is a date (05.03.2024 refuses the name: March 5th or May 3rd can't be told).
// "Part 2" after the date is the daily part.
std::optional<Marker> match_date(std::string_view s, size_t i, bool) {
  int a = 0, b = 0, c = 0, y = 0, m = 0, d = 0;
  size_t end = 0;
  Marker mk;
  size_t n1 = read_number(s, i, 8, a);
  char sep = at(s, i + n1);
  if (n1 == 8 && word_end(s, i + 8)) {
    y = a / 10000, m = a / 100 % 100, d = a % 100, end = i + 8;
  } else if (read_named_date(s, i, y, m, d, end)) {
  } else {
    if (n1 == 0 || n1 > 4 || !(is_space_sep(sep) || sep == '-')) return std::nullopt;
    size_t n2 = read_number(s, i + n1 + 1, 2, b);
    if (n2 != 2 || at(s, i + n1 + 3) != sep) return std::nullopt;
    size_t n3 = read_number(s, i + n1 + 4, 4, c);
    end = i + n1 + 4 + n3;
    if (!word_end(s, end)) return std::nullopt;
    if (n1 == 4 && n3 == 2) {
      y = a, m = b, d = c;
    } else if (n1 == 2 && n3 == 4) {
      y = c;
      if (a > 12 && b <= 12) d = a, m = b;
      else if (b > 12 && a <= 12) m = a, d = b;
      else if (a == b) m = d = a;
      else mk.invalid = true;
    } else {
      return std::nullopt;
    }
  }
  if (!mk.invalid && !valid_date(y, m, d)) {
    if (n1 != 4) return std::nullopt;
    mk.invalid = true;  // "2023.02.30" has a date's shape: a misdated name, refused
  }
  // Ancient or future air dates are a misread, not a daily show.
  if (y < 1951 || y * 10000 + m * 100 + d > tomorrow_ymd()) mk.invalid = true;
  mk.kind = MarkerKind::Daily;
  mk.start = i, mk.end = end;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  mk.air_date = buf;
  size_t k = end;
  if (is_space_sep(at(s, k)) && starts_with_icase(s.substr(k + 1), "part")) {
    k += 5;
    if (is_space_sep(at(s, k))) ++k;
    int part = 0;
    if (read_number(s, k, 1, part) == 1 && word_end(s, k + 1)) mk.daily_part = part, mk.end = k + 1;
  }
  return mk;
}

namespace {

// "Season 01 - Season 07": a season word and number at k; its number, or 0.
int read_season_word(std::string_view s, size_t k, size_t& end) {
  size_t j = match_words_of(s, k, kPackSeasonWords);
  if (j == std::string_view::npos) return 0;
  while (is_space_sep(at(s, j))) ++j;
  int v = 0;
  size_t n = read_number(s, j, 4, v);
  if (n == 0 || !word_end(s, j + n)) return 0;
  end = j + n;
  return v;
}

// What follows a season pack: "Extras"/"SUBPACK" (extras), "Vol.1"/"P1"/"Part 2" (a partial pack).
void read_pack_suffix(std::string_view s, size_t j, Marker& mk) {
  size_t k = j;
  while (is_space_sep(at(s, k)) || at(s, k) == '+' || at(s, k) == '-') ++k;
  if (match_word(s, k, {"extras", "extra", "subpack", "specials"}) != std::string_view::npos) {
    mk.season_extra = true;
    return;
  }
  if (match_word(s, k, {"special"}) != std::string_view::npos) {
    mk.special = true;
    return;
  }
  for (std::string_view w : {"vol", "part", "p"}) {
    if (!starts_with_icase(s.substr(k), w)) continue;
    size_t p = k + w.size();
    if (at(s, p) == '.' || at(s, p) == ' ') ++p;
    int part = 0;
    size_t n = read_number(s, p, 2, part);
    if (n > 0 && word_end(s, p + n) && part > 0) {
      mk.season_part = part;
      mk.end = p + n;
    }
    return;
  }
}

}  // namespace

// S01, S01-S03, S01-03, S01 S04, Season 2, Seasons 1-3, Season 1 - Season 7, Saison 1, S03.Extras,
// S07.Vol.1. "S2 - 05" / "Season 2 - 10" are not packs: the season is part of an anime title.
std::optional<Marker> match_season_pack(std::string_view s, size_t i, bool anime) {
  int season = 0, last = -1, v = 0;
  size_t j = 0, n = 0;
  bool short_form = lower(s[i]) == 's' && is_digit(at(s, i + 1));
  if (short_form) {
    n = read_number(s, i + 1, 4, season);
    j = i + 1 + n;
  } else {
    j = match_words_of(s, i, kPackSeasonWords);
    // British "Series 2" is a season, but "The.Series.110" is a title word and an episode.
    bool british = false;
    if (j == std::string_view::npos) {
      if (starts_with_icase(s.substr(i), "saison") && is_digit(at(s, i + 6))) j = i + 6;  // "Saison3"
      else if ((j = match_word(s, i, {"series"})) != std::string_view::npos) british = true;
      else return std::nullopt;
    }
    size_t k = j;
    while (is_space_sep(at(s, k))) ++k;  // not '-': "2nd Season - 05" is an absolute number
    if ((n = read_number(s, k, 4, season)) == 0) return std::nullopt;
    if (british && (n > 2 || season == 0)) return std::nullopt;
    j = k + n;
  }
  if (!word_end(s, j)) return std::nullopt;
  Marker mk;
  if (short_form && at(s, j) == '.' && read_number(s, j + 1, 3, v) == 2 && word_end(s, j + 3)) {
    mk.kind = MarkerKind::Standard;  // "Title.s06.01.1999": season 6 episode 1
    mk.start = i, mk.end = j + 3, mk.season = season, mk.episodes = {v};
    return mk;
  }
  mk.kind = MarkerKind::SeasonPack;
  const bool plural = !short_form && lower(at(s, i + 6)) == 's';  // "Seasons 1-3"
  size_t k = j;
  while (at(s, k) == ' ') ++k;
  const bool spaced = k > j;
  size_t wend = 0;
  if (size_t d = read_number(s, k + 1, 4, v); short_form && spaced && at(s, k) == '[' && d > 0 && at(s, k + 1 + d) == ']')
    return std::nullopt;  // "[Grp] Title S2 [05]": absolute numbering
  if (size_t d = read_number(s, k, 4, v); short_form && spaced && d >= 3 && word_end(s, k + d))
    return std::nullopt;  // "Anime Title S21 1000"
  if (at(s, k) == '-' || at(s, k) == '&') {
    ++k;
    while (at(s, k) == ' ') ++k;
    if (spaced && match_word(s, k, {"episode", "ep"}) != std::string_view::npos) return std::nullopt;
    bool had_s = lower(at(s, k)) == 's';
    size_t p = had_s ? k + 1 : k;
    if ((v = read_season_word(s, k, wend)) > 0) {
      last = v, j = wend;
    } else if ((n = read_number(s, p, 4, v)) > 0 && word_end(s, p + n)) {
      bool range = had_s || !spaced || plural;
      if (!range) return std::nullopt;  // "[Grp] Title S2 - 05": absolute numbering
      last = v;
      j = p + n;
    }
  } else if (spaced && short_form && lower(at(s, k)) == 's' && (n = read_number(s, k + 1, 2, v)) > 0 &&
             word_end(s, k + 1 + n) && v > season) {
    last = v, j = k + 1 + n;  // "S01 S04"
  } else if (spaced && short_form && n == 2 && read_number(s, k, 3, v) == 2 && word_end(s, k + 2) && v > season) {
    last = v, j = k + 2;  // "S01 04"
  }
  mk.start = i, mk.end = j, mk.season = season;
  mk.multi_season = last > season;
  if (!mk.multi_season) read_pack_suffix(s, j, mk);
  (void)anime;
  return mk;
}

}  // namespace nzbd::pvr::detail
