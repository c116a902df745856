// Search criteria and the episode selections of the bulk searches.
#include "pvr/db.h"
#include "pvr/search/criteria.h"

#include <algorithm>
#include <map>

#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {

SearchCriteria base_criteria(const Series& series) {
  SearchCriteria c;
  c.tvdb_id = series.tvdb_id;
  c.tvmaze_id = series.tvmaze_id;
  c.tvrage_id = series.tvrage_id;
  c.imdb_id = series.imdb_id;
  c.scene_titles = {series.title};
  return c;
}

SearchTarget base_target(const Series& series, bool user_invoked) {
  SearchTarget t;
  t.series_id = series.id;
  t.user_invoked = user_invoked;
  return t;
}

bool has_aired(const Episode& e, int runtime_minutes, std::time_t now) {
  if (!e.air_date_utc) return false;
  auto aired = parse_utc(*e.air_date_utc);
  return aired && *aired + runtime_minutes * 60 <= now;
}

// Index of a quality in the profile's order (higher is better), or -1.
int profile_rank(const QualityProfile& profile, int quality_id) {
  for (std::size_t i = 0; i < profile.items.size(); ++i)
    if (profile.items[i].quality_id == quality_id) return static_cast<int>(i);
  return -1;
}

int cutoff_rank(const QualityProfile& profile) {
  if (profile.upgrade_allowed) return profile_rank(profile, profile.cutoff);
  for (std::size_t i = 0; i < profile.items.size(); ++i)
    if (profile.items[i].allowed) return static_cast<int>(i);
  return -1;
}

}  // namespace

SearchRequest episode_request(const Series& series, const Episode& episode, bool user_invoked) {
  SearchRequest r{base_criteria(series), base_target(series, user_invoked)};
  r.target.episode_ids = {episode.id};
  r.criteria.season = episode.season_number;
  r.criteria.episodes = {episode.episode_number};
  if (series.series_type == "daily" && episode.air_date) {
    r.criteria.kind = SearchCriteria::Kind::Daily;
    r.criteria.air_date = episode.air_date;
  } else if (series.series_type == "anime" && episode.absolute_episode_number) {
    r.criteria.kind = SearchCriteria::Kind::Anime;
    r.criteria.absolute_episodes = {*episode.absolute_episode_number};
  } else if (episode.season_number == 0) {
    r.criteria.kind = SearchCriteria::Kind::Special;
  }
  return r;
}

SearchRequest season_request(const Series& series, int season, const std::vector<Episode>& episodes,
                             bool user_invoked) {
  if (episodes.size() == 1) return episode_request(series, episodes.front(), user_invoked);
  SearchRequest r{base_criteria(series), base_target(series, user_invoked)};
  r.criteria.kind = SearchCriteria::Kind::Season;
  r.criteria.season = season;
  r.target.season_search = true;
  for (const auto& e : episodes) {
    r.target.episode_ids.push_back(e.id);
    r.criteria.episodes.push_back(e.episode_number);
    if (e.absolute_episode_number) r.criteria.absolute_episodes.push_back(*e.absolute_episode_number);
  }
  return r;
}

std::vector<SearchRequest> bulk_requests(Library& library, const std::vector<Episode>& episodes, bool user_invoked) {
  std::map<std::pair<int, int>, std::vector<Episode>> groups;
  for (const auto& e : episodes) groups[{e.series_id, e.season_number}].push_back(e);
  std::vector<SearchRequest> out;
  std::map<int, std::optional<Series>> series_cache;
  for (auto& [key, group] : groups) {
    auto& series = series_cache[key.first];
    if (!series) series = found(library.get_series(key.first));
    if (!series) continue;  // deleted while the command waited
    // Daily series search each air date; a season of a daily show is a year.
    if (series->series_type == "daily") {
      for (const auto& e : group) out.push_back(episode_request(*series, e, user_invoked));
      continue;
    }
    out.push_back(season_request(*series, key.second, group, user_invoked));
  }
  return out;
}

std::vector<Episode> missing_episodes(Library& library, int series_id, bool monitored, const std::string& now_utc) {
  auto now = parse_utc(now_utc).value_or(0);
  std::vector<Episode> out;
  for (const auto& s : must(library.list_series())) {
    if (series_id && s.id != series_id) continue;
    for (const auto& e : must(library.episodes_for_series(s.id))) {
      if (e.episode_file_id) continue;
      bool wanted = series_id ? e.monitored : (e.monitored && s.monitored);
      if (wanted != monitored) continue;
      if (!has_aired(e, series_id ? 0 : s.runtime, now)) continue;
      out.push_back(e);
    }
  }
  return out;
}

std::vector<Episode> cutoff_unmet_episodes(Library& library, int series_id, bool monitored) {
  std::vector<Episode> out;
  for (const auto& s : must(library.list_series())) {
    if (series_id && s.id != series_id) continue;
    auto profile = found(library.get_quality_profile(s.quality_profile_id));
    if (!profile) continue;
    int cutoff = cutoff_rank(*profile);
    std::map<int, int> file_quality;
    for (const auto& f : must(library.files_for_series(s.id))) file_quality[f.id] = f.quality_id;
    for (const auto& e : must(library.episodes_for_series(s.id))) {
      if (!e.episode_file_id || e.season_number == 0) continue;
      if ((e.monitored && s.monitored) != monitored) continue;
      auto q = file_quality.find(e.episode_file_id);
      if (q == file_quality.end()) continue;
      if (profile_rank(*profile, q->second) < cutoff) out.push_back(e);
    }
  }
  return out;
}

}  // namespace nzbd::pvr
