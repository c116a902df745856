// Search commands: choose the episodes, build the requests, search and grab.
#include "api/sonarr/search_commands.h"

#include <algorithm>
#include <set>

#include "pvr/search/criteria.h"
#include "pvr/search/search_service.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

// Episodes a tracked download already covers are not searched again.
std::vector<pvr::Episode> drop_queued(Context& ctx, std::vector<pvr::Episode> episodes) {
  std::set<int> queued;
  for (const auto& t : ctx.tracked->active()) queued.insert(t.episode_ids.begin(), t.episode_ids.end());
  episodes.erase(std::remove_if(episodes.begin(), episodes.end(), [&](const pvr::Episode& e) { return queued.count(e.id); }),
                 episodes.end());
  return episodes;
}

CommandOutcome outcome(const pvr::SearchReport& report, int wanted) {
  if (wanted == 0) return {true, "Completed: no episodes to search for"};
  if (report.failed()) return {false, report.summary()};
  return {true, "Completed: " + std::to_string(wanted) + " episode" + (wanted == 1 ? "" : "s") + " searched, " +
                    report.summary()};
}

CommandOutcome bulk(Context& ctx, std::vector<pvr::Episode> episodes, bool user_invoked) {
  episodes = drop_queued(ctx, std::move(episodes));
  auto requests = pvr::bulk_requests(*ctx.library, episodes, user_invoked);
  auto source = user_invoked ? pvr::GrabSource::UserInvokedSearch : pvr::GrabSource::Search;
  auto report = ctx.search->search_and_grab(requests, source);
  return outcome(report, static_cast<int>(episodes.size()));
}

std::optional<pvr::Series> series_of(Context& ctx, const json& body, std::string& error) {
  auto id = as_int(member(body, "seriesId"));
  if (!id) {
    error = "The command needs a seriesId";
    return std::nullopt;
  }
  auto s = pvr::found(ctx.library->get_series(*id));
  if (!s) error = "Series with ID " + std::to_string(*id) + " does not exist";
  return s;
}

CommandOutcome episode_search(Context& ctx, const json& body, bool user_invoked) {
  auto ids = as_int_list(member(body, "episodeIds"));
  if (ids.empty()) return {false, "EpisodeSearch needs episodeIds"};
  auto episodes = pvr::must(ctx.library->episodes_by_ids(ids));
  if (episodes.size() != ids.size()) return {false, "Some of the episodes in episodeIds do not exist"};
  // One search per episode, each grabbed before the next (Sonarr's order).
  std::vector<pvr::SearchRequest> requests;
  for (const auto& e : episodes) {
    auto s = pvr::found(ctx.library->get_series(e.series_id));
    if (s) requests.push_back(pvr::episode_request(*s, e, user_invoked));
  }
  auto source = user_invoked ? pvr::GrabSource::UserInvokedSearch : pvr::GrabSource::Search;
  return outcome(ctx.search->search_and_grab(requests, source), static_cast<int>(episodes.size()));
}

CommandOutcome season_search(Context& ctx, const pvr::Series& s, int season, bool user_invoked) {
  std::vector<pvr::Episode> episodes;
  for (auto& e : pvr::must(ctx.library->episodes_for_series(s.id, season)))
    if (e.monitored) episodes.push_back(std::move(e));
  if (episodes.empty()) return {true, "Completed: no monitored episodes in season " + std::to_string(season)};
  auto source = user_invoked ? pvr::GrabSource::UserInvokedSearch : pvr::GrabSource::Search;
  auto report = ctx.search->search_and_grab({pvr::season_request(s, season, episodes, user_invoked)}, source);
  return outcome(report, static_cast<int>(episodes.size()));
}

CommandOutcome series_search(Context& ctx, const pvr::Series& s, bool user_invoked) {
  std::vector<pvr::SearchRequest> requests;
  int wanted = 0;
  auto all = pvr::must(ctx.library->episodes_for_series(s.id));
  for (const auto& season : s.seasons) {
    if (!season.monitored) continue;
    std::vector<pvr::Episode> episodes;
    for (const auto& e : all)
      if (e.season_number == season.season_number && e.monitored) episodes.push_back(e);
    if (episodes.empty()) continue;
    wanted += static_cast<int>(episodes.size());
    requests.push_back(pvr::season_request(s, season.season_number, episodes, user_invoked));
  }
  if (requests.empty()) {  // no monitored season: the missing, aired, monitored episodes one by one
    auto missing = pvr::missing_episodes(*ctx.library, s.id, true, pvr::now_utc());
    for (const auto& e : missing) requests.push_back(pvr::episode_request(s, e, user_invoked));
    wanted = static_cast<int>(missing.size());
  }
  auto source = user_invoked ? pvr::GrabSource::UserInvokedSearch : pvr::GrabSource::Search;
  return outcome(ctx.search->search_and_grab(requests, source), wanted);
}

}  // namespace

CommandOutcome run_search_command(Context& ctx, const pvr::CommandRecord& c, const json& body) {
  const bool user_invoked = c.trigger == "manual";
  const bool monitored = as_bool(member(body, "monitored")).value_or(true);
  const int series_id = as_int(member(body, "seriesId")).value_or(0);
  std::string error;
  if (iequals(c.name, "MissingEpisodeSearch"))
    return bulk(ctx, pvr::missing_episodes(*ctx.library, series_id, monitored, pvr::now_utc()), user_invoked);
  if (iequals(c.name, "CutoffUnmetEpisodeSearch"))
    return bulk(ctx, pvr::cutoff_unmet_episodes(*ctx.library, series_id, monitored), user_invoked);
  if (iequals(c.name, "EpisodeSearch")) return episode_search(ctx, body, user_invoked);
  if (iequals(c.name, "SeasonSearch")) {
    auto s = series_of(ctx, body, error);
    if (!s) return {false, error};
    auto season = as_int(member(body, "seasonNumber"));
    if (!season) return {false, "SeasonSearch needs a seasonNumber"};
    return season_search(ctx, *s, *season, user_invoked);
  }
  if (iequals(c.name, "SeriesSearch")) {
    auto s = series_of(ctx, body, error);
    if (!s) return {false, error};
    return series_search(ctx, *s, user_invoked);
  }
  if (iequals(c.name, "RssSync")) {
    auto report = ctx.search->rss_sync();
    if (report.failed()) return {false, report.summary()};
    return {true, "Completed: " + report.summary()};
  }
  return {false, "Unknown search command " + c.name};
}

}  // namespace nzbd::sonarr
