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

// "- 01 - Special", "01 OVA": the absolute number names a special.
bool special_follows(std::string_view s, size_t j) {
  size_t k = skip_seps(s, j);
  return k > j && match_word(s, k, {"special", "ova", "ovd", "oad"}) != std::string_view::npos;
}

// Reads "123", "123v2", "01-02", "01~02", "01 ~ 02", "(1017-1088)", "12.5" as absolute numbers from j.
std::optional<Marker> read_absolute(std::string_view s, size_t start, size_t j) {
  int first = 0, last = 0;
  Marker mk;
  size_t n = read_number(s, j, 4, first);
  if (n == 0 || year_like(n, first)) return std::nullopt;
  j = eat_version(s, j + n);
  // "12.5", "26.5.1": a recap between two episodes.
  if (at(s, j) == '.' && is_digit(at(s, j + 1)) && !is_digit(at(s, j + 2)) && at(s, j + 2) != 'p') {
    mk.special_absolute = {first + (at(s, j + 1) - '0') / 10.0};
    j += 2;
    if (at(s, j) == '.' && is_digit(at(s, j + 1))) j += 2;
    if (!word_end(s, j)) return std::nullopt;
    mk.kind = MarkerKind::Absolute;
    mk.start = start, mk.end = j, mk.special = true;
    return mk;
  }
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
  mk.kind = MarkerKind::Absolute;
  mk.start = start, mk.end = j;
  mk.absolute = expand(first, last);
  mk.special = special_follows(s, j);
  mk.invalid = mk.absolute.empty();  // "0001-9999": too long a range to be one release
  return mk;
}

// "[Group] Title - 123 [1080p]", "Title_-_05", "Title - 01-02", "Title (01-12)".
std::optional<Marker> match_abs_dash(std::string_view s, size_t i, bool anime) {
  if (anime && s[i] == '(' && i > 0 && s[i - 1] == ' ' && is_digit(at(s, i + 1))) {
    auto r = read_absolute(s, i, i + 1);
    if (r && at(s, r->end) == ')' && r->absolute.size() > 1) return r;
    return std::nullopt;
  }
  if (anime && is_digit(s[i]) && i >= 2 && s[i - 1] == '-' && is_alpha(s[i - 2])) {
    // "[Grp]Series_Title-01[1280x720]": anime glue the number to the title.
    auto r = read_absolute(s, i - 1, i);
    if (r && (at(s, r->end) == '[' || at(s, r->end) == '\0')) return r;
    return std::nullopt;
  }
  if (s[i] != '-' || i == 0) return std::nullopt;
  size_t k = i + 1;
  if (s[i - 1] != ' ' && s[i - 1] != '_') return std::nullopt;
  if (at(s, k) != ' ' && at(s, k) != '_') return std::nullopt;
  while (at(s, k) == ' ' || at(s, k) == '_') ++k;
  size_t w = match_word(s, k, {"episode", "ep"});
  if (w != std::string_view::npos) k = skip_seps(s, w);
  return read_absolute(s, i, k);
}

// A season-1 episode of a mini-series: "Title.E05", "Title e07-e08", "Title ep34".
std::optional<Marker> season_one(size_t start, size_t end, int first, int last) {
  Marker mk;
  mk.kind = MarkerKind::Standard;
  mk.start = start, mk.end = end, mk.season = 1, mk.season_implied = true;
  mk.episodes = expand(first, last);
  if (mk.episodes.empty()) return std::nullopt;
  return mk;
}

// "Title Episode 5", "Title Episodio 13" (absolute); "Title.E05", "Title ep34" (season 1, or
// absolute for anime).
std::optional<Marker> match_abs_ep(std::string_view s, size_t i, bool anime) {
  for (std::string_view w : {"episodio", "episode", "ep", "e"}) {
    if (!starts_with_icase(s.substr(i), w)) continue;
    size_t k = i + w.size();
    bool word = w.size() > 2;
    if (word && is_space_sep(at(s, k))) ++k;
    if (!is_digit(at(s, k))) continue;
    int first = 0, last = 0, scratch = 0;
    size_t n = read_number(s, k, 4, first);
    size_t j = k + n;
    // Season 1 of a mini-series: "Title.e07", "Title E07-E08", a Korean "Title.E932.190120"
    // (episode then air date) or a Japanese "221208 Title ep34" (air date first). Other
    // "EP06" / "E1135" numbers are absolute.
    bool korean = at(s, j) == '.' && read_number(s, j + 1, 6, scratch) == 6 && word_end(s, j + 7);
    bool variety = w == "ep" && read_number(s, 0, 6, scratch) == 6 && at(s, 6) == ' ';
    bool mini = w == "e" && (n <= 2 || korean);
    if (word || anime || !(mini || variety)) return read_absolute(s, i, k);
    last = first;
    if (at(s, j) == '-' && lower(at(s, j + 1)) == 'e' && (n = read_number(s, j + 2, 4, last)) > 0) j += 2 + n;
    else if (int v = 0; at(s, j) == '-' && (n = read_number(s, j + 1, 3, v)) > 0 && word_end(s, j + 1 + n) && v > first)
      last = v, j += 1 + n;  // "E05-06"
    if (!word_end(s, j) && !(variety && (at(s, j) == '[' || at(s, j) == '('))) return std::nullopt;
    auto mk = season_one(i, j, first, last);
    if (mk && variety) mk->title_start = 7;
    return mk;
  }
  return std::nullopt;
}

// Mini-series parts: "Title Part01", "Title Part 02", "Title.Part.2", "Title Part One".
std::optional<Marker> match_part(std::string_view s, size_t i, bool anime) {
  if (anime || i == 0 || !starts_with_icase(s.substr(i), "part")) return std::nullopt;
  size_t k = i + 4;
  if (is_space_sep(at(s, k))) ++k;
  int part = 0;
  size_t n = read_number(s, k, 2, part);
  if (n > 0 && word_end(s, k + n)) return season_one(i, k + n, part, part);
  static constexpr std::array<std::string_view, 9> kWords = {"one", "two",   "three", "four", "five",
                                                             "six", "seven", "eight", "nine"};
  for (size_t w = 0; w < kWords.size(); ++w)
    if (starts_with_icase(s.substr(k), kWords[w]) && word_end(s, k + kWords[w].size()))
      return season_one(i, k + kWords[w].size(), static_cast<int>(w) + 1, static_cast<int>(w) + 1);
  return std::nullopt;
}

// Spanish "[Cap.1901]", "[Cap. 101]": season and episode in one number; the title stops at the
// first bracket and drops a "Temporada N".
std::optional<Marker> match_cap(std::string_view s, size_t i, bool) {
  if (i == 0 || !starts_with_icase(s.substr(i), "cap")) return std::nullopt;
  size_t k = i + 3;
  if (at(s, k) == '.') ++k;
  if (at(s, k) == ' ') ++k;
  int v = 0;
  size_t n = read_number(s, k, 4, v);
  if (n < 3 || !word_end(s, k + n)) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::Standard;
  mk.start = i, mk.end = k + n, mk.season = v / 100, mk.episodes = {v % 100};
  size_t bracket = s.find('[');
  if (bracket < i) mk.title_end = bracket;
  size_t temporada = s.substr(0, mk.title_end).find(" - Temporada");
  if (temporada != std::string_view::npos) mk.title_end = temporada;
  return mk;
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

// Scene names without an S/E marker: "Title.113" is S01E13, "Title.0308" S03E08, "Title.10708"
// S01E07-E08, "Title.101.102" S01E01-E02.
std::optional<Marker> bare_season_episode(std::string_view s, size_t i, int value, size_t n) {
  if (n < 3 || n > 6) return std::nullopt;
  int season = 0, first = 0, last = 0;
  if (n <= 4) season = value / 100, first = last = value % 100;
  else season = value / 10000, first = value / 100 % 100, last = value % 100;
  size_t j = i + n;
  int v = 0;
  size_t m = 0;
  if (n == 3 && at(s, j) == '.' && (m = read_number(s, j + 1, 4, v)) == 3 && v / 100 == season && word_end(s, j + 4))
    last = v % 100, j += 4;  // "101.102"
  if (n >= 5 && last != first + 1) return std::nullopt;  // "10708" is two episodes, 07 and 08
  Marker mk;
  mk.kind = MarkerKind::Standard;
  mk.start = i, mk.end = j, mk.season = season;
  mk.episodes = expand(first, last);
  if (mk.episodes.empty() || first == 0) return std::nullopt;
  return mk;
}

// "Show_140722_720p": six digits that are no two-episode number but a yymmdd air date.
std::optional<Marker> bare_short_date(std::string_view s, size_t i, int value) {
  int y = 2000 + value / 10000, m = value / 100 % 100, d = value % 100;
  if (!valid_date(y, m, d)) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::Daily;
  mk.start = i, mk.end = i + 6;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  mk.air_date = buf;
  return mk;
}

// "Title.123.", "[Group] Title 123 [720p]".
std::optional<Marker> match_abs_bare(std::string_view s, size_t i, bool anime) {
  if (!is_digit(s[i]) || i == 0) return std::nullopt;
  if (anime && s[i - 1] == '[') {  // "[XKsub] Title S2 [05][1080p]"
    auto r = read_absolute(s, i, i);
    if (r && at(s, r->end) == ']') return r;
    return std::nullopt;
  }
  if (!(is_space_sep(s[i - 1]) || s[i - 1] == '-')) return std::nullopt;
  // "DD5.1", "H.264" are audio/codec tags, not episodes.
  if (i >= 2 && s[i - 1] == '.' &&
      ((is_digit(s[i - 2]) && (i < 3 || !is_digit(s[i - 3]))) || lower(s[i - 2]) == 'h' || lower(s[i - 2]) == 'x'))
    return std::nullopt;
  int value = 0;
  size_t n = read_number(s, i, anime ? 4 : 6, value);
  if (n < (anime ? 1u : 2u) || is_digit(at(s, i + n))) return std::nullopt;
  // "05.03.2024" is a date whose day and month can't be told apart, not episode 5.
  char sep = at(s, i + n);
  int scratch = 0;
  if (n == 2 && is_space_sep(sep) && read_number(s, i + 3, 2, scratch) == 2 && at(s, i + 5) == sep &&
      read_number(s, i + 6, 4, scratch) == 4)
    return std::nullopt;
  size_t j = eat_version(s, i + n);
  char next = at(s, j);
  if (!(next == '\0' || is_space_sep(next) || next == '[' || next == '(' || next == '-')) return std::nullopt;
  // "Title 921-928": a range of three-digit numbers is an absolute batch, not S09E21.
  bool range = next == '-' && is_digit(at(s, j + 1));
  if (!anime && n >= 3 && !year_like(n, value) && !range) {
    if (auto r = bare_season_episode(s, i, value, n)) return r;
    if (n == 6) return bare_short_date(s, i, value);
  }
  if (!anime && s[i - 1] == '-') return std::nullopt;
  if (!anime && range && n < 3) return std::nullopt;
  return read_absolute(s, i, i);
}

// "Show.Special.Christmas.720p", "[Grp] Title OVA".
std::optional<Marker> match_special(std::string_view s, size_t i, bool) {
  if (i == 0) return std::nullopt;
  size_t j = match_word(s, i, {"specials", "special", "ova", "oad", "ncop", "nced"});
  if (j == std::string_view::npos) return std::nullopt;
  Marker mk;
  mk.kind = MarkerKind::Special;
  mk.start = i, mk.end = j, mk.season = 0;
  return mk;
}

template <class F>
std::optional<Marker> scan(std::string_view name, F&& match, bool anime) {
  for (size_t i = 0; i < name.size(); ++i)
    if (word_start(name, i))
      if (auto r = match(name, i, anime)) return r;
  return std::nullopt;
}

std::optional<Marker> first_of(std::optional<Marker> a, std::optional<Marker> b) {
  if (!a) return b;
  if (!b) return a;
  return b->start < a->start ? b : a;
}

// Anime around a standard marker: "[Grp] Title S10E14 214" and "[Grp] Title - 05 - S01E05" carry
// the absolute number too; the title stops before a leading one.
void add_anime_absolute(std::string_view s, Marker& mk) {
  size_t k = skip_seps(s, mk.end);
  int v = 0;
  size_t n = read_number(s, k, 4, v);
  char after = at(s, k + n);
  if (k > mk.end && n >= 2 && n <= 4 && !year_like(n, v) &&
      (after == '\0' || is_space_sep(after) || after == '[' || after == '(')) {
    mk.absolute = {v};
    return;
  }
  // Backwards: " - 05 - S01E05", " - 17.5 (S00E01)".
  size_t b = mk.start;
  while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '-' || s[b - 1] == '(')) --b;
  size_t e = b;
  while (b > 0 && (is_digit(s[b - 1]) || s[b - 1] == '.')) --b;
  if (b == e || b < 3 || s.substr(b - 3, 3) != " - ") return;
  if (auto abs = read_absolute(s, b, b)) {
    mk.absolute = abs->absolute;
    mk.special_absolute = abs->special_absolute;
    mk.title_end = b - 3;
  }
}

}  // namespace

std::optional<Marker> find_marker(std::string_view name, bool anime) {
  auto standard = first_of(scan(name, match_standard, anime), scan(name, match_nxm, anime));
  if (!standard) standard = scan(name, match_words, anime);
  // An air date before the episode numbers wins, unless the numbers follow it directly
  // ("Show 2016 02 25 S20E143" is S20E143 of "Show").
  if (auto date = scan(name, match_date, anime); date && (!standard || date->start < standard->start)) {
    if (!standard || standard->start > date->end + 1) return date;
    standard->title_end = date->start;
  }
  if (standard) {
    if (anime && !standard->invalid) add_anime_absolute(name, *standard);
    return standard;
  }
  // "grp-zoos01e11": the marker glued to the title.
  for (size_t i = 1; i < name.size(); ++i)
    if (is_alpha(name[i - 1]) && lower(name[i]) == 's' && is_digit(at(name, i + 1)))
      if (auto r = match_standard(name, i, anime); r && !r->invalid) return r;
  static constexpr std::array<Matcher, 6> kOrder = {match_cap, match_season_pack, match_abs_dash,
                                                    match_part,        match_abs_ep, match_special};
  for (Matcher m : kOrder)
    if (auto r = scan(name, m, anime)) return r;  // may be `invalid`: the caller refuses the name
  // Bare numbers last, and only before the first quality tag; anime take the last one there
  // ("[Grp] Show 8 Go! 31 [720p]" is episode 31).
  size_t limit = first_quality_token(name);
  std::optional<Marker> found;
  for (size_t i = 0; i < limit; ++i) {
    if (!word_start(name, i)) continue;
    if (auto r = match_abs_bare(name, i, anime)) {
      if (!anime) return r;
      found = r;
      i = r->end;
    }
  }
  return found;
}

}  // namespace nzbd::pvr::detail
