// Season/episode and absolute numbering with Sonarr's multi-episode styles:
// for S01E01..E03 with the pattern "S{season:00}E{episode:00}":
//   extend S01E01-02-03, duplicate S01E01 - S01E02 - S01E03 (the pattern's own
//   separator), repeat S01E01E02E03, scene S01E01-E02-E03, range S01E01-03,
//   prefixed range S01E01-E03.
#include <algorithm>

#include "pvr/import/naming_tokens.h"

namespace nzbd::pvr::naming_detail {
namespace {

struct SeasonEpisodeFormat {
  std::string separator, episode_separator, episode_pattern, season_episode_pattern;
};

struct AbsoluteFormat {
  std::string separator, pattern;
};

// The separator after the pattern (when a token follows), else the one
// before it (when a token precedes), as Sonarr's regex captures it.
std::string around_separator(std::string_view p, std::size_t start, std::size_t end) {
  std::size_t k = end;
  while (k < p.size() && is_sep(p[k])) ++k;
  if (k > end && k < p.size() && p[k] == '{') return std::string(p.substr(end, k - end));
  std::size_t b = start;
  while (b > 0 && is_sep(p[b - 1])) --b;
  if (b < start && b > 0 && p[b - 1] == '}') return std::string(p.substr(b, start - b));
  return "";
}

std::vector<SeasonEpisodeFormat> season_episode_formats(std::string_view p) {
  std::vector<SeasonEpisodeFormat> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    auto season = number_token_at(p, i, "season");
    if (!season) continue;
    std::size_t j = season->end;
    if (j < p.size() && is_sep(p[j])) ++j;
    if (j >= p.size() || std::string_view("eExX").find(p[j]) == std::string_view::npos) continue;
    ++j;
    auto episode = number_token_at(p, j, "episode");
    if (!episode) continue;
    std::size_t start = (i > 0 && (p[i - 1] == 's' || p[i - 1] == 'S')) ? i - 1 : i;
    SeasonEpisodeFormat f;
    f.episode_separator = std::string(p.substr(season->end, j - season->end));
    f.episode_pattern = std::string(p.substr(j, episode->end - j));
    f.season_episode_pattern = std::string(p.substr(start, episode->end - start));
    f.separator = around_separator(p, start, episode->end);
    bool seen = std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.season_episode_pattern == f.season_episode_pattern; });
    if (!seen) out.push_back(f);
    i = episode->end - 1;
  }
  return out;
}

std::vector<AbsoluteFormat> absolute_formats(std::string_view p) {
  std::vector<AbsoluteFormat> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    auto n = number_token_at(p, i, "absolute");
    if (!n) continue;
    AbsoluteFormat f{around_separator(p, i, n->end), std::string(p.substr(i, n->end - i))};
    if (f.separator.empty()) f.separator = "-";
    bool seen = std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.pattern == f.pattern; });
    if (!seen) out.push_back(f);
    i = n->end - 1;
  }
  return out;
}

std::string replace_number(std::string_view text, std::string_view name, int value) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (auto n = number_token_at(text, i, name)) {
      out += pad(value, n->width);
      i = n->end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

// The first episode rendered with `base`, every further one with `more`.
template <typename Number>
std::string render_numbers(const std::string& base, const std::string& more, const std::vector<Episode>& eps,
                           std::string_view name, Number number) {
  std::string out;
  for (std::size_t i = 0; i < eps.size(); ++i) out += replace_number(i == 0 ? base : more, name, number(eps[i]));
  return replace_number(out, "season", eps.front().season_number);
}

std::vector<Episode> ends_only(const std::vector<Episode>& eps) {
  std::vector<Episode> out{eps.front()};
  if (eps.size() > 1) out.push_back(eps.back());
  return out;
}

}  // namespace

std::string add_numbering(std::string pattern, Handlers& h, const Series& series, const std::vector<Episode>& eps,
                          const NamingConfig& config) {
  auto episode_number = [](const Episode& e) { return e.episode_number; };
  int index = 1;
  for (const auto& f : season_episode_formats(pattern)) {
    const std::string& base = f.season_episode_pattern;
    std::string rendered;
    switch (config.multi_episode_style) {
      case MultiEpisodeStyle::Duplicate:
        rendered = render_numbers(base, f.separator + base, eps, "episode", episode_number);
        break;
      case MultiEpisodeStyle::Repeat:
        rendered = render_numbers(base, f.episode_separator + f.episode_pattern, eps, "episode", episode_number);
        break;
      case MultiEpisodeStyle::Scene:
        rendered = render_numbers(base, "-" + f.episode_separator + f.episode_pattern, eps, "episode", episode_number);
        break;
      case MultiEpisodeStyle::Range:
        rendered = render_numbers(base, "-" + f.episode_pattern, ends_only(eps), "episode", episode_number);
        break;
      case MultiEpisodeStyle::PrefixedRange:
        rendered = render_numbers(base, "-" + f.episode_separator + f.episode_pattern, ends_only(eps), "episode",
                                  episode_number);
        break;
      case MultiEpisodeStyle::Extend:
        rendered = render_numbers(base, "-" + f.episode_pattern, eps, "episode", episode_number);
        break;
    }
    std::string token = "{Season Episode" + std::to_string(index++) + "}";
    pattern = replace_all(pattern, base, token);
    h["seasonepisode" + std::to_string(index - 1)] = [rendered](const Token&) { return rendered; };
  }

  bool all_absolute = std::all_of(eps.begin(), eps.end(), [](const Episode& e) { return e.absolute_episode_number.has_value(); });
  index = 1;
  for (const auto& f : absolute_formats(pattern)) {
    if (series.series_type != "anime" || !all_absolute) {
      pattern = replace_all(pattern, f.pattern, "");
      continue;
    }
    auto absolute = [](const Episode& e) { return e.absolute_episode_number.value_or(0); };
    std::string rendered;
    switch (config.multi_episode_style) {
      case MultiEpisodeStyle::Duplicate:
        rendered = render_numbers(f.pattern, f.separator + f.pattern, eps, "absolute", absolute);
        break;
      case MultiEpisodeStyle::Repeat: {
        std::string sep = f.separator;
        sep.erase(std::remove(sep.begin(), sep.end(), ' '), sep.end());
        rendered = render_numbers(f.pattern, (sep.empty() ? " " : sep) + f.pattern, eps, "absolute", absolute);
        break;
      }
      case MultiEpisodeStyle::Range:
      case MultiEpisodeStyle::PrefixedRange:
        rendered = render_numbers(f.pattern, "-" + f.pattern, ends_only(eps), "absolute", absolute);
        break;
      case MultiEpisodeStyle::Scene:
      case MultiEpisodeStyle::Extend:
        rendered = render_numbers(f.pattern, "-" + f.pattern, eps, "absolute", absolute);
        break;
    }
    std::string token = "{Absolute Pattern" + std::to_string(index++) + "}";
    pattern = replace_all(pattern, f.pattern, token);
    h["absolutepattern" + std::to_string(index - 1)] = [rendered](const Token&) { return rendered; };
  }

  int season = eps.front().season_number;
  h["season"] = [season](const Token& t) { return pad(season, format_width(t.format)); };
  int first = eps.front().episode_number, last = eps.back().episode_number;
  bool multi = eps.size() > 1;
  h["episode"] = [=](const Token& t) {
    int w = format_width(t.format);
    return multi ? pad(first, w) + "-" + pad(last, w) : pad(first, w);
  };
  return pattern;
}

}  // namespace nzbd::pvr::naming_detail

namespace nzbd::pvr::naming_detail {
bool has_season_episode_pattern(std::string_view format) { return !season_episode_formats(format).empty(); }
}  // namespace nzbd::pvr::naming_detail
