// What a job name is: an episode (pvr's release parser), a daily show, a
// movie (a title followed by a year, a resolution or a codec) or something else.
#include <algorithm>
#include <array>
#include <cctype>

#include "pvr/release_parser.h"
#include "sort/sort.h"
#include "sort/text.h"
#include "util/strings.h"

namespace nzbd::sort {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "(2019)" / "[2019]" / "2019" -> 2019 when it is a plausible year.
std::optional<int> year_token(std::string_view t) {
  if (t.size() == 6 && (t.front() == '(' || t.front() == '[') && (t.back() == ')' || t.back() == ']'))
    t = t.substr(1, 4);
  if (t.size() != 4 || !all_digits(t)) return std::nullopt;
  int y = std::stoi(std::string(t));
  if (y < 1900 || y > 2099) return std::nullopt;
  return y;
}

// "1080p", "720i", "4K" -> "1080p" / "720i" / "2160p".
std::string resolution_token(std::string_view t) {
  std::string l = to_lower(t);
  if (l == "4k" || l == "uhd") return "2160p";
  if (l.size() >= 4 && l.size() <= 5 && (l.back() == 'p' || l.back() == 'i') &&
      all_digits(std::string_view(l).substr(0, l.size() - 1)))
    return l;
  return "";
}

// Words that end an episode or movie title: sources, codecs, tags.
bool is_tag_word(std::string_view t) {
  while (!t.empty() && (t.front() == '[' || t.front() == '(')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ']' || t.back() == ')')) t.remove_suffix(1);
  static const std::array<std::string_view, 52> kTags = {
      "hdtv",   "pdtv",   "sdtv",   "dsr",    "web",    "webdl",  "web-dl",  "webrip", "bluray",   "blu-ray",
      "bdrip",  "brrip",  "dvdrip", "dvd",    "dvdr",   "hdrip",  "remux",   "x264",   "x265",     "h264",
      "h265",   "h.264",  "h.265",  "hevc",   "avc",    "xvid",   "divx",    "aac",    "ac3",      "dts",
      "dd5",    "ddp5",   "truehd", "atmos",  "proper", "repack", "real",    "internal", "multi",  "subbed",
      "dubbed", "amzn",   "nf",     "hulu",   "dsnp",   "atvp",   "hmax",    "10bit",  "hdr",      "uhd",
      "limited", "extended"};
  std::string l = to_lower(t);
  // "x264-GROUP" is a codec with the group stuck on.
  if (auto dash = l.find('-'); dash != std::string::npos && dash > 0 && l != "web-dl" && l != "blu-ray")
    l = l.substr(0, dash);
  return std::find(kTags.begin(), kTags.end(), l) != kTags.end() || !resolution_token(l).empty();
}

bool is_codec_word(std::string_view t) {
  std::string l = to_lower(t);
  if (auto dash = l.find('-'); dash != std::string::npos && dash > 0) l = l.substr(0, dash);
  for (std::string_view c : {"x264", "x265", "h264", "h265", "hevc", "xvid", "divx", "avc"})
    if (l == c) return true;
  return false;
}

// The episode marker's token: S01E02, S01E01E02, S01E01-E02, 1x02, S01.
bool is_episode_marker(std::string_view t) {
  std::string l = to_lower(t);
  size_t i = 0;
  if (!l.empty() && l[0] == 's') {
    ++i;
    size_t d = i;
    while (i < l.size() && std::isdigit(static_cast<unsigned char>(l[i]))) ++i;
    if (i == d) return false;
    if (i == l.size()) return true;  // S01: a season pack
    return l[i] == 'e';
  }
  size_t x = l.find('x');
  return x != std::string::npos && x > 0 && x + 1 < l.size() && all_digits(std::string_view(l).substr(0, x)) &&
         std::isdigit(static_cast<unsigned char>(l[x + 1]));
}

// "S01-S03" / "S01-03" -> {1, 3}.
std::optional<std::pair<int, int>> season_range(std::string_view t) {
  std::string l = to_lower(t);
  size_t dash = l.find('-');
  if (l.size() < 4 || l[0] != 's' || dash == std::string::npos) return std::nullopt;
  std::string a = l.substr(1, dash - 1), b = l.substr(dash + 1);
  if (!b.empty() && b[0] == 's') b.erase(0, 1);
  if (!all_digits(a) || !all_digits(b) || a.size() > 3 || b.size() > 3) return std::nullopt;
  int from = std::stoi(a), to = std::stoi(b);
  if (to < from || to - from > 50) return std::nullopt;
  return std::make_pair(from, to);
}

// The words after the marker up to the first tag: the episode's title.
std::string words_after(const std::vector<std::string>& tokens, size_t start) {
  std::vector<std::string> words;
  for (size_t i = start; i < tokens.size(); ++i) {
    if (is_tag_word(tokens[i]) || year_token(tokens[i])) break;
    std::string w = tokens[i];
    if (i + 1 == tokens.size())
      if (auto dash = w.rfind('-'); dash != std::string::npos && dash > 0) w = w.substr(0, dash);  // "-GROUP"
    if (w == "-") continue;
    words.push_back(w);
  }
  return join(words, " ");
}

// Index just past a date "2024.03.05" (or "05.03.2024") in the tokens, 0 when none.
size_t after_date(const std::vector<std::string>& tokens, int year, int month, int day) {
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    auto num = [&](size_t k) { return all_digits(tokens[k]) ? std::stoi(tokens[k]) : -1; };
    if (!all_digits(tokens[i]) || !all_digits(tokens[i + 1]) || !all_digits(tokens[i + 2])) continue;
    if ((num(i) == year && num(i + 1) == month && num(i + 2) == day) ||
        (num(i) == day && num(i + 1) == month && num(i + 2) == year))
      return i + 3;
  }
  return 0;
}

void read_tv(JobInfo& info, const pvr::ParsedEpisodeInfo& p, const std::vector<std::string>& tokens) {
  // guessit's title leaves the year out ("Show.Name.2019.S01E01": "Show Name", 2019).
  info.title = p.year && !p.title_without_year.empty() ? p.title_without_year : p.series_title;
  if (p.year) info.year = std::to_string(*p.year);
  if (p.is_daily && p.air_date && p.air_date->size() == 10) {
    info.kind = Kind::Date;
    int y = std::stoi(p.air_date->substr(0, 4));
    info.month = std::stoi(p.air_date->substr(5, 2));
    info.day = std::stoi(p.air_date->substr(8, 2));
    if (info.year.empty()) info.year = std::to_string(y);
    if (size_t at = after_date(tokens, y, info.month, info.day)) info.episode_name = words_after(tokens, at);
    return;
  }
  info.kind = Kind::Tv;
  if (p.is_absolute && p.season < 0) {
    info.seasons = {1};  // as SABnzbd: season 1 for episodes without one
    info.episodes = p.absolute_episodes;
  } else {
    info.seasons = {p.season < 0 ? 1 : p.season};
    if (p.multi_season) info.seasons.clear();
    info.episodes = p.episodes;
  }
  if (p.multi_season) {
    // "S01-S03": every season the name spans.
    for (const auto& t : tokens)
      if (auto range = season_range(t)) {
        for (int s = range->first; s <= range->second; ++s) info.seasons.push_back(s);
        break;
      }
    if (info.seasons.empty()) info.seasons = {p.season};
  }
  info.season_pack = info.seasons.size() == 1 && (info.episodes.empty() || info.episodes.size() > 1);
  for (size_t i = 0; i < tokens.size(); ++i)
    if (is_episode_marker(tokens[i])) {
      info.episode_name = words_after(tokens, i + 1);
      break;
    }
}

// A movie: some title words, then a year, a resolution or a codec.
bool read_movie(JobInfo& info, const std::vector<std::string>& tokens) {
  std::vector<std::string> title;
  bool in_title = true, typical = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    auto y = i > 0 ? year_token(t) : std::nullopt;
    if (!y && !is_tag_word(t)) {
      if (in_title) title.push_back(t);
      continue;
    }
    if (in_title && title.empty()) return false;
    in_title = false;
    if (y && info.year.empty()) info.year = std::to_string(*y);
    typical = typical || y || !resolution_token(t).empty() || is_codec_word(t);
  }
  if (!typical) {
    info.year.clear();
    return false;
  }
  info.kind = Kind::Movie;
  info.title = join(title, " ");
  return true;
}

}  // namespace

JobInfo analyse(std::string_view job_name) {
  JobInfo info;
  info.job_name = std::string(job_name);
  info.release_group = pvr::parse_release_group(job_name);
  std::vector<std::string> tokens = split_words(job_name);
  for (const auto& t : tokens)
    if (auto r = resolution_token(t); !r.empty()) {
      info.resolution = r;
      break;
    }
  auto parsed = pvr::parse_release(job_name);
  bool episode = parsed && !parsed->series_title.empty() &&
                 (parsed->is_daily || parsed->is_absolute ||
                  (parsed->season >= 0 && (!parsed->episodes.empty() || parsed->full_season)));
  if (episode) read_tv(info, *parsed, tokens);
  else read_movie(info, tokens);
  if (info.title.empty()) info.title = fallback_title(job_name);
  return info;
}

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::All: return "all";
    case Kind::Tv: return "tv";
    case Kind::Date: return "date";
    case Kind::Movie: return "movie";
    default: return "unknown";
  }
}

}  // namespace nzbd::sort
