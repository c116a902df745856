// Specifications that compare a release with what was asked for: the
// searched series, season and episodes, and the monitored flags.
#include <algorithm>

#include "pvr/db.h"
#include "pvr/decision/specs.h"

namespace nzbd::pvr {
namespace {

Rejection reject(std::string reason) { return Rejection{std::move(reason), false}; }

bool single_episode_search(const SearchTarget& t) { return !t.season_search && t.episode_ids.size() == 1; }

}  // namespace

std::optional<Rejection> monitored_episode_spec(const SpecInput& in) {
  // Sonarr skips the check in searches that are not "monitored only"; for us
  // that is every search a user started.
  if (in.target && in.target->user_invoked) return std::nullopt;
  if (!in.series.monitored) return reject("Series is not monitored");
  auto monitored = std::count_if(in.remote.episodes.begin(), in.remote.episodes.end(),
                                 [](const Episode& e) { return e.monitored; });
  if (static_cast<std::size_t>(monitored) == in.remote.episodes.size()) return std::nullopt;
  if (in.remote.episodes.size() == 1) return reject("Episode is not monitored");
  return reject("One or more episodes is not monitored");
}

std::optional<Rejection> episode_requested_spec(const SpecInput& in) {
  if (!in.target || in.target->episode_ids.empty()) return std::nullopt;
  const auto& wanted = in.target->episode_ids;
  bool any = std::any_of(in.remote.episodes.begin(), in.remote.episodes.end(), [&](const Episode& e) {
    return std::find(wanted.begin(), wanted.end(), e.id) != wanted.end();
  });
  if (any) return std::nullopt;
  if (in.remote.episodes.empty()) return reject("Episode wasn't requested");
  auto eps = in.remote.episodes;
  std::sort(eps.begin(), eps.end(), [](const Episode& a, const Episode& b) {
    return a.season_number != b.season_number ? a.season_number < b.season_number : a.episode_number < b.episode_number;
  });
  std::string text = "Episode wasn't requested: " + std::to_string(eps.front().season_number) + "x" +
                     std::to_string(eps.front().episode_number);
  if (eps.size() > 1) text += "-" + std::to_string(eps.back().episode_number);
  return reject(text);
}

std::optional<Rejection> season_match_spec(const SpecInput& in) {
  if (!in.target || !in.target->season_search || in.target->episode_ids.empty()) return std::nullopt;
  if (in.parsed.is_daily || in.parsed.season < 0) return std::nullopt;
  auto searched = must(in.library.episodes_by_ids({in.target->episode_ids.front()}));
  if (searched.empty()) return std::nullopt;
  if (in.parsed.season != searched.front().season_number) return reject("Wrong season");
  return std::nullopt;
}

std::optional<Rejection> series_spec(const SpecInput& in) {
  if (!in.target || in.target->series_id == 0) return std::nullopt;
  if (in.series.id != in.target->series_id) return reject("Wrong series");
  return std::nullopt;
}

std::optional<Rejection> single_episode_search_match_spec(const SpecInput& in) {
  if (!in.target || !single_episode_search(*in.target)) return std::nullopt;
  const auto& p = in.parsed;
  if (p.is_daily) return std::nullopt;  // the daily match is by air date, done by mapping
  auto searched = must(in.library.episodes_by_ids({in.target->episode_ids.front()}));
  if (searched.empty()) return std::nullopt;
  const Episode& e = searched.front();
  if (in.series.series_type == "anime" && p.is_absolute) {
    if (p.full_season) return reject("Full season pack");
    return std::nullopt;
  }
  if (p.season != e.season_number) return reject("Wrong season");
  if (p.episodes.empty()) return reject("Full season pack");
  if (std::find(p.episodes.begin(), p.episodes.end(), e.episode_number) == p.episodes.end())
    return reject("Wrong episode");
  return std::nullopt;
}

}  // namespace nzbd::pvr
