#include "pvr/decision/mapping.h"
#include "pvr/db.h"

#include <algorithm>

#include "pvr/scanner.h"

namespace nzbd::pvr {
namespace {

bool title_matches(const Series& s, const ParsedEpisodeInfo& p) {
  if (!p.clean_title.empty() && s.clean_title == p.clean_title) return true;
  // "Show Name 2019" also finds "Show Name" from 2019.
  if (p.year && s.year == *p.year) {
    std::string without_year = clean_series_title(p.title_without_year);
    if (!without_year.empty() && s.clean_title == without_year) return true;
  }
  return false;
}

bool id_matches(const Series& s, const ReleaseInfo& r) {
  if (r.tvdb_id > 0) return s.tvdb_id == r.tvdb_id;
  if (r.tvmaze_id > 0 && s.tvmaze_id == r.tvmaze_id) return true;
  if (r.tvrage_id > 0 && s.tvrage_id == r.tvrage_id) return true;
  return !r.imdb_id.empty() && s.imdb_id == r.imdb_id;
}

}  // namespace

std::optional<Series> find_series(const std::vector<Series>& all, const ReleaseInfo& release,
                                  const ParsedEpisodeInfo& parsed, const std::optional<SearchTarget>& target) {
  if (target && target->series_id > 0) {
    auto searched = std::find_if(all.begin(), all.end(), [&](const Series& s) { return s.id == target->series_id; });
    if (searched != all.end() && (title_matches(*searched, parsed) || id_matches(*searched, release))) return *searched;
  }
  for (const auto& s : all)
    if (title_matches(s, parsed)) return s;
  for (const auto& s : all)
    if (id_matches(s, release)) return s;
  return std::nullopt;
}

std::vector<Episode> find_episodes(Library& library, const Series& series, const ParsedEpisodeInfo& parsed) {
  std::vector<Episode> all = must(library.episodes_for_series(series.id));
  std::vector<Episode> out;
  if (parsed.full_season && parsed.season >= 0) {
    for (const auto& e : all)
      if (e.season_number == parsed.season) out.push_back(e);
  } else {
    for (int id : match_episodes(series, all, parsed))
      for (const auto& e : all)
        if (e.id == id && std::none_of(out.begin(), out.end(), [&](const Episode& o) { return o.id == id; }))
          out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const Episode& a, const Episode& b) {
    return a.season_number != b.season_number ? a.season_number < b.season_number : a.episode_number < b.episode_number;
  });
  return out;
}

}  // namespace nzbd::pvr
