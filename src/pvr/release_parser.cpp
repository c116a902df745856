// Release-name parser: prepares the name (extension, site tags, anime group,
// CRC), finds the episode marker, and fills ParsedEpisodeInfo from the title
// before it and the tags after it.
#include "pvr/release_parser.h"

#include <algorithm>

#include "pvr/parser_anime.h"
#include "pvr/parser_markers.h"
#include "pvr/parser_name.h"
#include "pvr/parser_text.h"

namespace nzbd::pvr {

using namespace detail;

namespace {


bool is_hex8(std::string_view s) {
  if (s.size() != 8) return false;
  for (char c : s)
    if (!is_digit(c) && !(lower(c) >= 'a' && lower(c) <= 'f')) return false;
  return true;
}

bool is_site(std::string_view s) {
  s = trim(s);
  return starts_with_icase(s, "www.") || ends_with_icase(s, ".com") || ends_with_icase(s, ".org") || ends_with_icase(s, ".net") ||
         ends_with_icase(s, ".cd") || ends_with_icase(s, ".to") || ends_with_icase(s, ".info");
}

struct Prepared {
  std::string name;  // cleaned name the markers are searched in
  std::string hash;  // "[ABCD1234]" CRC of an anime release
  bool anime = false;
};

// Drops "[ www.site.com ] - " and "www.site.com - " that some indexers prepend.
std::string_view strip_site_prefix(std::string_view s) {
  if (!s.empty() && s.front() == '[') {
    size_t close = s.find(']');
    if (close != std::string_view::npos && is_site(s.substr(1, close - 1))) return trim(s.substr(close + 1), " -_.");
  }
  // "www.site.com - ", "test.net - ", "site-name123.org.au - ": a web address before " - ".
  size_t dash = s.find(" - ");
  if (dash != std::string_view::npos && dash > 0 && s.substr(0, dash).find_first_of(" _") == std::string_view::npos) {
    std::string_view host = s.substr(0, dash);
    size_t dot = host.rfind('.');
    bool tld = dot != std::string_view::npos && dot + 3 <= host.size() && host.size() - dot <= 5 &&
               std::all_of(host.begin() + dot + 1, host.end(), [](char c) { return is_alpha(c); });
    if (tld || starts_with_icase(host, "www.")) return trim(s.substr(dash + 3));
  }
  return s;
}

// Removes "[ABCD1234]" / "(ABCD1234)" CRC tags anywhere in the name; the last bracketed one is
// the release hash.
std::string strip_crc(std::string_view s, std::string& hash) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == '[' || s[i] == '(') && i + 9 < s.size() && s[i + 9] == (s[i] == '[' ? ']' : ')') &&
        is_hex8(s.substr(i + 1, 8))) {
      hash = std::string(s.substr(i + 1, 8));
      i += 9;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

Prepared prepare(std::string_view raw) {
  std::string clean(trim(raw, " \t\r\n"));
  for (char& c : clean)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  clean = ascii_digits(clean);
  std::string_view s = strip_site_prefix(strip_video_extension(trim(clean)));
  Prepared p;
  std::string rest;
  static constexpr std::string_view kOpen = "\xE3\x80\x90", kClose = "\xE3\x80\x91";  // 【 】
  size_t close = std::string_view::npos, width = 1;
  if (!s.empty() && s.front() == '[') close = s.find(']');
  else if (s.substr(0, kOpen.size()) == kOpen) close = s.find(kClose), width = kClose.size();
  if (close != std::string_view::npos) {
    p.anime = true;  // "[Group] Title - 01": the group is parsed separately
    rest = normalize_anime_brackets(trim(s.substr(close + width), " _-."));
    s = rest;
  }
  p.name = strip_crc(s, p.hash);
  return p;
}

bool has_non_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// "中文 / English Title", "English / English 中文": when a part is in another script, the
// Latin-script part names the series (the last one; the last part when none is).
std::string_view pick_latin_part(std::string_view t) {
  if (!has_non_ascii(t) || t.find_first_of("/|") == std::string_view::npos) return t;
  std::string_view pick, last;
  size_t b = 0;
  while (b <= t.size()) {
    size_t e = std::min(t.find_first_of("/|", b), t.size());
    std::string_view part = trim(t.substr(b, e - b));
    if (!part.empty()) {
      last = part;
      if (!has_non_ascii(part)) pick = part;
    }
    b = e + 1;
  }
  return pick.empty() ? last : pick;
}

// "我的人间烟火.Fireworks.Series": a dotted name's leading words in another script are a
// translation, not the series.
std::string_view drop_foreign_prefix(std::string_view t) {
  if (t.find(' ') != std::string_view::npos || !has_non_ascii(t)) return t;
  size_t b = 0;
  for (size_t dot = t.find('.'); dot != std::string_view::npos; dot = t.find('.', b)) {
    std::string_view word = t.substr(b, dot - b);
    bool foreign = true;
    for (char c : word) foreign = foreign && static_cast<unsigned char>(c) >= 0x80;
    if (!foreign || word.empty()) break;
    b = dot + 1;
  }
  return b < t.size() && !has_non_ascii(t.substr(b)) ? t.substr(b) : t;
}

char at_or_nul(std::string_view s, size_t i) { return i < s.size() ? s[i] : '\0'; }

}  // namespace

// "Show.Name.2019" -> "Show Name 2019"; "Show Name (US) - " -> "Show Name (US)".
std::string detail::normalize_title(std::string_view t) {
  t = pick_latin_part(drop_foreign_prefix(trim(t, " ._-")));
  bool spaced = t.find(' ') != std::string_view::npos;
  std::string out;
  for (char c : t) {
    if (c == '?' || c == '<' || c == '>' || c == '*' || c == '"') continue;  // not allowed in file names
    if (c == '_' || (c == '.' && !spaced)) c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  // The marker may sit in brackets or after a slash: "Title - [06x16]", "Title (S05E06", "Title / S1E1".
  std::string title(trim(out, " -[(/|~:"));
  // "Title (2024/S01E07/...)": the year's bracket closes after the marker.
  size_t n = title.size();
  if (n >= 6 && title[n - 5] == '(' && std::all_of(title.end() - 4, title.end(), [](char c) { return is_digit(c); }))
    title += ')';
  return title;
}

// Splits a trailing "(2019)" or " 2019" off the title.
void detail::split_year(ParsedEpisodeInfo& info) {
  std::string_view t = info.series_title;
  info.title_without_year = info.series_title;
  int y = 0;
  size_t n = t.size();
  if (n >= 7 && t[n - 1] == ')' && t[n - 6] == '(' && read_number(t, n - 5, 4, y) == 4) {
    info.year = y;
    info.title_without_year = std::string(trim(t.substr(0, n - 6)));
  } else if (n >= 6 && (t[n - 5] == ' ' || t[n - 5] == '-') && read_number(t, n - 4, 4, y) == 4 && y >= 1900 &&
             y <= 2099) {
    info.year = y;
    info.title_without_year = std::string(trim(t.substr(0, n - 5)));
  }
}

namespace {

// "50E50S.denorD.mkv": some posters reverse the name; "<digits>E<dd>S" (S05E05 backwards) or a
// reversed "720p"/"1080p" give it away.
std::optional<std::string> unreversed(std::string_view raw) {
  std::string_view stem = strip_video_extension(raw);
  auto sep = [&](size_t i) { return i >= stem.size() || stem[i] == '.' || stem[i] == '-' || stem[i] == '_' || stem[i] == ' '; };
  bool reversed = false;
  for (size_t i = 0; i < stem.size() && !reversed; ++i) {
    if (i > 0 && !sep(i - 1)) continue;
    int v = 0;
    size_t n = read_number(stem, i, 3, v);
    if (n >= 2 && lower(at_or_nul(stem, i + n)) == 'e' && read_number(stem, i + n + 1, 2, v) == 2 &&
        lower(at_or_nul(stem, i + n + 3)) == 's' && sep(i + n + 4))
      reversed = true;
    for (std::string_view r : {"p027", "p0801"})
      if (starts_with_icase(stem.substr(i), r) && sep(i + r.size())) reversed = true;
  }
  if (!reversed) return std::nullopt;
  std::string out(stem.rbegin(), stem.rend());
  out += raw.substr(stem.size());
  return out;
}

std::optional<ParsedEpisodeInfo> parse_once(std::string_view raw);

}  // namespace

std::optional<ParsedEpisodeInfo> detail::parse_name(std::string_view raw) {
  if (raw.size() > kMaxTitleLength) return std::nullopt;
  if (auto fixed = unreversed(trim(raw))) return parse_once(*fixed);
  return parse_once(raw);
}

namespace {

std::optional<ParsedEpisodeInfo> parse_once(std::string_view raw) {
  if (looks_obfuscated(strip_video_extension(trim(raw)))) return std::nullopt;
  Prepared p = prepare(raw);
  auto marker = find_marker(p.name, p.anime);
  if (!marker || marker->invalid) return std::nullopt;
  std::string_view name = p.name;
  ParsedEpisodeInfo info;
  size_t title_end = std::min(marker->start, marker->title_end);
  info.series_title = normalize_title(name.substr(marker->title_start, title_end - std::min(title_end, marker->title_start)));
  split_year(info);
  info.clean_title = clean_series_title(info.series_title);
  info.season = marker->season;
  switch (marker->kind) {
    case MarkerKind::Standard:
      info.episodes = marker->episodes;
      break;
    case MarkerKind::Daily:
      info.air_date = marker->air_date;
      info.is_daily = true;
      break;
    case MarkerKind::SeasonPack:
      if (marker->special) {  // "S05.Special": a special of season 5, not the pack
        info.special = true;
        break;
      }
      info.multi_season = marker->multi_season;
      info.is_season_extra = marker->season_extra;
      info.season_part = marker->season_part;
      info.is_partial_season = marker->season_part > 0;
      info.full_season = !info.is_partial_season;
      break;
    case MarkerKind::Absolute: {
      info.absolute_episodes = marker->absolute;
      info.is_absolute = true;
      // "[Grp] Title S02 - 01": the season in an anime title is written without its zero ("Title S2").
      std::string& t = info.series_title;
      size_t n = t.size();
      if (p.anime && n >= 4 && t[n - 4] == ' ' && (t[n - 3] == 'S' || t[n - 3] == 's') && t[n - 2] == '0' &&
          is_digit(t[n - 1]))
      {
        t.erase(n - 2, 1);
        split_year(info);
        info.clean_title = clean_series_title(t);
      }
      break;
    }
    case MarkerKind::Special:
      info.special = true;
      break;
  }
  if (info.season == 0 || marker->special) info.special = true;
  info.is_split_episode = marker->split;
  info.season_implied = marker->season_implied;
  info.daily_part = marker->daily_part;
  info.special_absolute_episodes = marker->special_absolute;
  if (info.absolute_episodes.empty()) info.absolute_episodes = marker->absolute;
  info.quality = parse_quality(name.substr(marker->start));
  // Nothing in the name: the container decides (".mkv" is HD), keeping the revision found.
  if (size_t dot = raw.rfind('.'); info.quality.id == 0 && dot != std::string_view::npos) {
    QualityModel by_ext = parse_quality(raw.substr(dot));
    by_ext.version = info.quality.version, by_ext.real = info.quality.real, by_ext.is_repack = info.quality.is_repack;
    if (by_ext.id != 0) info.quality = by_ext;
  }
  info.release_group = parse_release_group(trim(raw));
  info.languages = languages_in(name.substr(marker->end));
  info.release_title = std::string(trim(raw));
  info.release_hash = p.hash;
  return info;
}

}  // namespace

std::optional<ParsedEpisodeInfo> parse_release(std::string_view title) {
  auto r = parse_name(title);
  if (!r) return std::nullopt;
  // "S01E05.720p.HDTV" names episodes without a series (Sonarr parses it with an empty title);
  // "Season 3" alone names nothing.
  bool numbered = !r->episodes.empty() || !r->absolute_episodes.empty() || r->air_date;
  if (r->series_title.empty() ? !numbered : r->clean_title.empty()) return std::nullopt;
  return r;
}

}  // namespace nzbd::pvr
