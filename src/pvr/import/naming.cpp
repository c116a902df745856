// Sonarr's FileNameBuilder, rewritten: numbering patterns are rendered
// first (multi-episode styles), then every token is replaced, cleaned and
// wrapped in its prefix/suffix, then separators are tidied.
#include "pvr/import/naming.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "pvr/import/naming_tokens.h"

namespace nzbd::pvr {
namespace fs = std::filesystem;
using naming_detail::is_sep;
using naming_detail::number_token_at;
using naming_detail::Token;
using naming_detail::token_at;
using naming_detail::Handlers;
using naming_detail::pad;
using naming_detail::format_width;
using naming_detail::clean_title;
using naming_detail::episode_title;
using naming_detail::title_the;
using naming_detail::title_without_year;
using naming_detail::title_year;

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

std::string trim(std::string_view s, std::string_view chars = " ") {
  auto b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return "";
  auto e = s.find_last_not_of(chars);
  return std::string(s.substr(b, e - b + 1));
}

std::string stem_of(const std::string& file_name) {
  return fs::path(file_name).filename().stem().string();
}

std::string original_title(const NamingFile& f) {
  return trim(f.scene_name).empty() ? stem_of(f.original_file_name) : f.scene_name;
}

// --- Handlers ----------------------------------------------------------------

void add_series_tokens(Handlers& h, const Series& s) {
  h["seriestitle"] = [&s](const Token&) { return s.title; };
  h["seriescleantitle"] = [&s](const Token&) { return clean_title(s.title); };
  h["seriestitleyear"] = [&s](const Token&) { return title_year(s.title, s.year); };
  h["seriescleantitleyear"] = [&s](const Token&) { return clean_title(title_year(s.title, s.year)); };
  h["seriestitlewithoutyear"] = [&s](const Token&) { return title_without_year(s.title); };
  h["seriescleantitlewithoutyear"] = [&s](const Token&) { return clean_title(title_without_year(s.title)); };
  h["seriestitlethe"] = [&s](const Token&) { return title_the(s.title); };
  h["seriescleantitlethe"] = [&s](const Token&) { return clean_title(title_the(s.title)); };
  h["seriestitletheyear"] = [&s](const Token&) { return title_year(title_the(s.title), s.year); };
  h["seriestitlefirstcharacter"] = [&s](const Token&) {
    std::string t = title_the(s.title);
    return t.empty() ? std::string() : std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(t[0]))));
  };
  h["seriesyear"] = [&s](const Token&) { return s.year > 0 ? std::to_string(s.year) : std::string(); };
  h["imdbid"] = [&s](const Token&) { return s.imdb_id; };
  h["tvdbid"] = [&s](const Token&) { return s.tvdb_id > 0 ? std::to_string(s.tvdb_id) : std::string(); };
  h["tmdbid"] = [&s](const Token&) { return s.tmdb_id > 0 ? std::to_string(s.tmdb_id) : std::string(); };
  h["tvmazeid"] = [&s](const Token&) { return s.tvmaze_id > 0 ? std::to_string(s.tvmaze_id) : std::string(); };
}

void add_file_tokens(Handlers& h, const Series& s, const NamingFile& f) {
  const QualityDefinition* q = find_quality(f.quality.id);
  std::string title = q ? q->name : f.quality.name;
  std::string proper;
  if (f.quality.version > 1)
    proper = s.series_type == "anime" ? "v" + std::to_string(f.quality.version) : f.quality.is_repack ? "Repack" : "Proper";
  std::string real = f.quality.real > 0 ? "REAL" : "";
  h["qualityfull"] = [=](const Token&) { return title + " " + proper + " " + real; };
  h["qualitytitle"] = [=](const Token&) { return title; };
  h["qualityproper"] = [=](const Token&) { return proper; };
  h["qualityreal"] = [=](const Token&) { return real; };
  h["originaltitle"] = [&f](const Token&) { return original_title(f); };
  h["originalfilename"] = [&f](const Token&) { return stem_of(f.original_file_name); };
  h["releasegroup"] = [&f](const Token& t) {
    if (!f.release_group.empty()) return f.release_group;
    return t.prefix.empty() && t.suffix.empty() ? std::string("Sonarr") : std::string();
  };
}

void add_episode_tokens(Handlers& h, const std::vector<Episode>& eps) {
  h["airdate"] = [&eps](const Token&) {
    const auto& d = eps.front().air_date;
    if (!d || d->empty()) return std::string("Unknown");
    std::string out = *d;
    std::replace(out.begin(), out.end(), '-', ' ');
    return out;
  };
  h["episodetitle"] = [&eps](const Token&) { return episode_title(eps, "+"); };
  h["episodecleantitle"] = [&eps](const Token&) { return clean_title(episode_title(eps, "and")); };
}

// Applies one token's value the way Sonarr does: case from the token,
// spaces to its separator, cleaned, wrapped in prefix/suffix when not empty.
std::string render_token(const Token& t, const Handlers& h, const NamingConfig& config) {
  auto it = h.find(t.key);
  std::string value = it == h.end() ? std::string() : trim(it->second(t), " \t");
  bool any_upper = false, any_lower = false;
  for (char c : t.words) {
    if (std::isupper(static_cast<unsigned char>(c))) any_upper = true;
    if (std::islower(static_cast<unsigned char>(c))) any_lower = true;
  }
  if (!any_upper) std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
  else if (!any_lower) std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
  if (!trim(t.separator).empty()) value = replace_all(value, " ", t.separator);
  value = clean_file_name(value, config);
  if (trim(value).empty()) return "";
  return t.prefix + value + t.suffix;
}

std::string replace_tokens(std::string_view pattern, const Handlers& h, const NamingConfig& config) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.compare(i, 2, "{{") == 0 || pattern.compare(i, 2, "}}") == 0) {
      out += pattern[i];
      i += 2;
    } else if (auto t = token_at(pattern, i)) {
      out += render_token(*t, h, config);
      i = t->end;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

// Collapses runs of one separator ("a  b" -> "a b") and drops one trailing
// separator, as Sonarr's FileNameCleanupRegex and TrimSeparatorsRegex do.
std::string tidy(std::string s) {
  std::string out;
  for (char c : s)
    if (!(is_sep(c) && !out.empty() && out.back() == c)) out += c;
  if (!out.empty() && is_sep(out.back())) out.pop_back();
  return out;
}

}  // namespace

std::string clean_file_name(std::string_view name, const NamingConfig& config) {
  std::string r(name);
  if (config.replace_illegal_characters) {
    switch (config.colon_replacement) {
      case ColonReplacement::Smart:
        r = replace_all(replace_all(r, ": ", " - "), ":", "-");
        break;
      case ColonReplacement::Dash: r = replace_all(r, ":", "-"); break;
      case ColonReplacement::SpaceDash: r = replace_all(r, ":", " -"); break;
      case ColonReplacement::SpaceDashSpace: r = replace_all(r, ":", " - "); break;
      case ColonReplacement::Custom: r = replace_all(r, ":", config.custom_colon_replacement); break;
      case ColonReplacement::Delete: r = replace_all(r, ":", ""); break;
    }
  } else {
    r = replace_all(r, ":", "");
  }
  static constexpr std::string_view kBad[] = {"\\", "/", "<", ">", "?", "*", "|", "\""};
  static constexpr std::string_view kGood[] = {"+", "+", "", "", "!", "-", "", ""};
  for (std::size_t i = 0; i < std::size(kBad); ++i)
    r = replace_all(r, kBad[i], config.replace_illegal_characters ? kGood[i] : std::string_view());
  auto b = r.find_first_not_of(" .");
  if (b == std::string::npos) return "";
  r.erase(0, b);
  while (!r.empty() && r.back() == ' ') r.pop_back();
  return r;
}

std::string safe_path_component(std::string_view name, std::string_view fallback) {
  std::string r;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) continue;
    r += (c == '/' || c == '\\') ? '+' : c;
  }
  auto b = r.find_first_not_of(" .");
  r = b == std::string::npos ? std::string() : r.substr(b);
  while (!r.empty() && (r.back() == ' ' || r.back() == '.')) r.pop_back();
  if (r.size() > 255) {
    std::size_t cut = 255;
    while (cut > 0 && (static_cast<unsigned char>(r[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    r.resize(cut);
    while (!r.empty() && (r.back() == ' ' || r.back() == '.')) r.pop_back();
  }
  if (r.empty() || r == "." || r == "..") return std::string(fallback);
  return r;
}

std::string build_file_name(const NamingConfig& config, const Series& series, std::vector<Episode> episodes,
                            const NamingFile& file) {
  if (episodes.empty()) return safe_path_component(original_title(file));
  std::sort(episodes.begin(), episodes.end(), [](const Episode& a, const Episode& b) {
    return a.season_number != b.season_number ? a.season_number < b.season_number : a.episode_number < b.episode_number;
  });
  std::string pattern = config.standard_episode_format;
  if (series.series_type == "daily") pattern = config.daily_episode_format;
  bool all_absolute = std::all_of(episodes.begin(), episodes.end(), [](const Episode& e) { return e.absolute_episode_number.has_value(); });
  if (series.series_type == "anime" && all_absolute) pattern = config.anime_episode_format;
  if (trim(pattern).empty()) return safe_path_component(original_title(file));

  Handlers h;
  add_series_tokens(h, series);
  add_episode_tokens(h, episodes);
  add_file_tokens(h, series, file);
  pattern = naming_detail::add_numbering(pattern, h, series, episodes, config);

  // Sonarr v4 lets a format name subfolders with '/': each part is built on
  // its own and must stay a plain component.
  std::vector<std::string> parts;
  std::string part;
  auto flush = [&] {
    std::string built = tidy(trim(replace_tokens(part, h, config)));
    if (!trim(built).empty()) parts.push_back(safe_path_component(built));
    part.clear();
  };
  for (char c : pattern) {
    if (c == '/' || c == '\\') flush();
    else part += c;
  }
  flush();
  if (parts.empty()) return safe_path_component(original_title(file));
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

std::string name_for_file(const NamingConfig& config, const Series& series, const std::vector<Episode>& episodes,
                          const NamingFile& file) {
  if (!config.rename_episodes) return safe_path_component(original_title(file), "episode");
  return build_file_name(config, series, episodes, file);
}

std::string series_folder_name(const NamingConfig& config, const Series& series) {
  Handlers h;
  add_series_tokens(h, series);
  std::string name = trim(tidy(replace_tokens(config.series_folder_format, h, config)), " .");
  return safe_path_component(name, safe_path_component(series.title, "Series"));
}

std::string season_folder_name(const NamingConfig& config, const Series& series, int season) {
  Handlers h;
  add_series_tokens(h, series);
  h["season"] = [season](const Token& t) { return pad(season, format_width(t.format)); };
  const std::string& format = season == 0 ? config.specials_folder_format : config.season_folder_format;
  std::string name = trim(tidy(replace_tokens(format, h, config)), " .");
  name = clean_file_name(name, config);
  return safe_path_component(name, season == 0 ? "Specials" : "Season " + std::to_string(season));
}

fs::path episode_relative_path(const NamingConfig& config, const Series& series, const std::vector<Episode>& episodes,
                               const NamingFile& file, const std::string& extension) {
  fs::path rel;
  if (series.season_folder && !episodes.empty()) {
    int season = std::min_element(episodes.begin(), episodes.end(), [](const Episode& a, const Episode& b) {
                   return a.season_number < b.season_number;
                 })->season_number;
    rel /= season_folder_name(config, series, season);
  }
  std::string name = name_for_file(config, series, episodes, file);
  std::string ext = safe_path_component(extension, "");
  if (!ext.empty() && ext[0] != '.') ext.insert(0, ".");
  if (ext.size() > 16) ext.clear();  // a video extension is short; anything else is not ours
  std::size_t start = 0;
  std::vector<std::string> parts;
  for (std::size_t slash = name.find('/');; slash = name.find('/', start)) {
    parts.push_back(name.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) rel /= safe_path_component(parts[i]);
  std::string last = parts.back();
  if (last.size() + ext.size() > 255) {
    std::size_t cut = 255 - ext.size();
    while (cut > 0 && (static_cast<unsigned char>(last[cut]) & 0xC0) == 0x80) --cut;
    last = safe_path_component(last.substr(0, cut));
  }
  rel /= last + ext;
  return rel;
}

}  // namespace nzbd::pvr

namespace nzbd::pvr {
namespace {
template <typename Pred>
bool any_token(std::string_view format, Pred pred) {
  for (std::size_t i = 0; i < format.size(); ++i)
    if (auto t = token_at(format, i)) {
      if (pred(t->key)) return true;
      i = t->end - 1;
    }
  return false;
}
bool any_number(std::string_view format, std::string_view name) {
  for (std::size_t i = 0; i < format.size(); ++i)
    if (number_token_at(format, i, name)) return true;
  return false;
}
bool starts(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }
}  // namespace

bool format_has_season_episode(std::string_view f) { return naming_detail::has_season_episode_pattern(f); }
bool format_has_air_date(std::string_view f) {
  return any_token(f, [](const std::string& k) { return k == "airdate"; });
}
bool format_has_absolute(std::string_view f) { return any_number(f, "absolute"); }
bool format_has_original(std::string_view f) {
  return any_token(f, [](const std::string& k) { return k == "originaltitle" || k == "originalfilename"; });
}
bool format_has_series_title(std::string_view f) {
  return any_token(f, [](const std::string& k) {
    return ((starts(k, "seriestitle") || starts(k, "seriescleantitle")) && k != "seriestitlefirstcharacter") ||
           k == "imdbid" || k == "tvdbid" || k == "tmdbid" || k == "tvmazeid";
  });
}
bool format_has_season(std::string_view f) { return any_number(f, "season"); }
bool format_has_episode_title(std::string_view f) {
  return any_token(f, [](const std::string& k) { return k == "episodetitle" || k == "episodecleantitle"; });
}

}  // namespace nzbd::pvr
