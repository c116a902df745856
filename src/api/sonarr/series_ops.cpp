#include "api/sonarr/series_ops.h"

#include <algorithm>
#include <filesystem>

#include "api/sonarr/json_io.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace fs = std::filesystem;

namespace {

// Folder name from a title, without characters Windows or POSIX refuse.
std::string folder_name(const std::string& title) {
  std::string out;
  for (char c : title) {
    if (std::string_view("<>:\"/\\|?*").find(c) != std::string_view::npos) continue;
    if (static_cast<unsigned char>(c) < 32) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  return out.empty() ? "Series" : out;
}

// Applies Sonarr's addOptions.monitor to the new episodes.
void apply_monitor_option(const std::string& option, pvr::Series& s, std::vector<pvr::Episode>& eps) {
  const std::string now = pvr::now_utc();
  int first = 0, last = 0;
  for (const auto& e : eps) {
    if (e.season_number <= 0) continue;
    if (!first || e.season_number < first) first = e.season_number;
    last = std::max(last, e.season_number);
  }
  for (auto& e : eps) {
    bool m = e.season_number > 0;  // specials stay unmonitored, as in Sonarr
    if (option == "none") m = false;
    else if (option == "future") m = m && e.air_date_utc && *e.air_date_utc > now;
    else if (option == "pilot") m = e.season_number == 1 && e.episode_number == 1;
    else if (option == "firstseason") m = e.season_number == first;
    else if (option == "lastseason" || option == "latestseason") m = e.season_number == last;
    e.monitored = m;
  }
  for (auto& se : s.seasons) {
    se.monitored = std::any_of(eps.begin(), eps.end(), [&](const pvr::Episode& e) {
      return e.season_number == se.season_number && e.monitored;
    });
    if (option == "all" && se.season_number > 0) se.monitored = true;
  }
}

Result<pvr::ShowInfo> fetch_show(Context& ctx, int tvmaze_id, int tvdb_id) {
  if (tvmaze_id <= 0) {
    auto found = ctx.tvmaze->lookup_tvdb(tvdb_id);
    if (!found) return found.error();
    if (!*found) return make_error("TVMaze does not know TheTVDB id " + std::to_string(tvdb_id));
    tvmaze_id = (*found)->tvmaze_id;
  }
  return ctx.tvmaze->show(tvmaze_id);
}

}  // namespace

Result<std::vector<pvr::Series>> lookup_series(Context& ctx, const std::string& term) {
  std::string t = term;
  auto colon = t.find(':');
  if (colon != std::string::npos) {
    std::string prefix = to_lower(t.substr(0, colon));
    auto id = parse_int(t.substr(colon + 1));
    if ((prefix == "tvdb" || prefix == "tvdbid") && id) {
      auto found = ctx.tvmaze->lookup_tvdb(*id);
      if (!found) return found.error();
      std::vector<pvr::Series> out;
      if (*found) out.push_back(std::move(**found));
      return out;
    }
    if (prefix == "tvmaze" && id) {
      auto show = ctx.tvmaze->show(*id);
      if (!show) return std::vector<pvr::Series>{};
      return std::vector<pvr::Series>{show->series};
    }
  }
  auto found = ctx.tvmaze->search(t);
  if (!found) return found.error();
  std::vector<pvr::Series> out;
  for (auto& s : *found)
    if (s.tvdb_id > 0) out.push_back(std::move(s));
  return out;
}

http::Response add_series(Context& ctx, const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  std::vector<Failure> failures;
  auto tvdb = as_int(member(*body, "tvdbId"));
  auto title = as_string(member(*body, "title"));
  auto profile = as_int(member(*body, "qualityProfileId"));
  if (!profile || *profile == 0) profile = as_int(member(*body, "profileId"));
  auto root = as_string(member(*body, "rootFolderPath"));
  auto path = as_string(member(*body, "path"));
  if (!tvdb || *tvdb <= 0)
    failures.push_back({"TvdbId", "'Tvdb Id' must be greater than '0'.", member(*body, "tvdbId") ? *member(*body, "tvdbId") : json(0), "GreaterThanValidator"});
  if (!title || title->empty())
    failures.push_back({"Title", "'Title' must not be empty.", title ? json(*title) : json(), "NotEmptyValidator"});
  if (!profile || !pvr::found(ctx.library->get_quality_profile(*profile)))
    failures.push_back({"QualityProfileId", "Quality Profile does not exist", profile ? json(*profile) : json(0), "QualityProfileExistsValidator"});
  if ((!root || root->empty()) && (!path || path->empty()))
    failures.push_back({"Path", "'Path' must not be empty.", json(), "NotEmptyValidator"});
  if (root && !root->empty()) {
    auto folders = pvr::must(ctx.library->list_root_folders());
    fs::path want = fs::path(*root).lexically_normal();
    bool known = std::any_of(folders.begin(), folders.end(), [&](const pvr::RootFolder& f) {
      return fs::path(f.path).lexically_normal() == want;
    });
    if (!known) failures.push_back({"RootFolderPath", "Root folder '" + *root + "' is not configured", *root, "RootFolderValidator"});
  }
  if (path && !path->empty() && !fs::path(*path).is_absolute())
    failures.push_back({"Path", "Invalid Path: '" + *path + "'", *path, "PathValidator"});
  if (tvdb && *tvdb > 0 && pvr::found(ctx.library->find_series_by_tvdb(*tvdb)))
    failures.push_back({"TvdbId", "This series has already been added", *tvdb, "SeriesExistsValidator"});
  if (!failures.empty()) return validation_error(failures);

  auto show = fetch_show(ctx, as_int(member(*body, "tvMazeId")).value_or(0), *tvdb);
  if (!show) return reply(json{{"message", show.message()}}, 404);
  if (show->series.tvdb_id != *tvdb && show->series.tvdb_id != 0)
    return validation_error({{"TvdbId", "TVMaze show " + std::to_string(show->series.tvmaze_id) +
                                            " belongs to TheTVDB id " + std::to_string(show->series.tvdb_id), *tvdb}});
  pvr::Series s = show->series;
  s.tvdb_id = *tvdb;
  for (auto& se : s.seasons) se.monitored = se.season_number > 0;
  s.quality_profile_id = *profile;
  {  // user settings from the body
    if (auto v = as_bool(member(*body, "monitored"))) s.monitored = *v;
    if (auto v = as_bool(member(*body, "seasonFolder"))) s.season_folder = *v;
    if (auto v = as_string(member(*body, "seriesType"))) {
      std::string t = to_lower(*v);
      if (t == "daily" || t == "anime" || t == "standard") s.series_type = t;
    }
    if (const json* tags = member(*body, "tags")) s.tags = as_int_list(tags);
  }
  if (path && !path->empty()) {
    s.path = fs::path(*path).lexically_normal().string();
    s.root_folder_path = fs::path(s.path).parent_path().string();
  } else {
    s.root_folder_path = *root;
    s.path = (fs::path(*root) / folder_name(s.title)).lexically_normal().string();
  }
  std::vector<pvr::Episode> episodes = show->episodes;
  std::string monitor = "all";
  if (const json* opts = member(*body, "addOptions"))
    if (auto m = as_string(member(*opts, "monitor"))) monitor = to_lower(*m);
  apply_monitor_option(monitor, s, episodes);
  // Season flags sent by the client win over the monitor option.
  if (const json* seasons = member(*body, "seasons"); seasons && seasons->is_array() && monitor == "all") {
    for (const auto& item : *seasons) {
      auto n = as_int(member(item, "seasonNumber"));
      auto m = as_bool(member(item, "monitored"));
      for (auto& se : s.seasons)
        if (n && m && se.season_number == *n) se.monitored = *m;
    }
    for (auto& e : episodes)
      for (const auto& se : s.seasons)
        if (se.season_number == e.season_number && !se.monitored) e.monitored = false;
  }
  s.last_info_sync = pvr::now_utc();
  auto added = ctx.library->add_series(s, episodes);
  if (!added) return reply(json{{"message", added.message()}}, 500);
  // Sonarr searches right after adding when the client asks for it.
  if (const json* opts = member(*body, "addOptions")) {
    if (as_bool(member(*opts, "searchForMissingEpisodes")).value_or(false))
      queue_command(ctx, "MissingEpisodeSearch", json{{"seriesId", added->id}, {"monitored", true}}, "unspecified");
    if (as_bool(member(*opts, "searchForCutoffUnmetEpisodes")).value_or(false))
      queue_command(ctx, "CutoffUnmetEpisodeSearch", json{{"seriesId", added->id}, {"monitored", true}}, "unspecified");
  }
  return reply(series_json(*ctx.library, *pvr::found(ctx.library->get_series(added->id)), call.legacy), 201);
}

Status refresh_series(Context& ctx, const pvr::Series& current) {
  auto show = fetch_show(ctx, current.tvmaze_id, current.tvdb_id);
  if (!show) return show.error();
  pvr::Series merged = current;  // user settings stay; metadata is replaced
  const pvr::Series& m = show->series;
  merged.tvmaze_id = m.tvmaze_id;
  merged.tvrage_id = m.tvrage_id;
  if (!m.imdb_id.empty()) merged.imdb_id = m.imdb_id;
  merged.title = m.title;
  merged.sort_title = m.sort_title;
  merged.clean_title = m.clean_title;
  merged.title_slug = m.title_slug;
  merged.status = m.status;
  merged.overview = m.overview;
  merged.network = m.network;
  merged.air_time = m.air_time;
  merged.timezone = m.timezone;
  merged.runtime = m.runtime;
  merged.year = m.year;
  merged.first_aired = m.first_aired;
  merged.last_aired = m.last_aired;
  merged.genres = m.genres;
  merged.images = m.images;
  merged.original_language = m.original_language;
  merged.rating = m.rating;
  merged.last_info_sync = pvr::now_utc();
  return ctx.library->refresh_series(merged, show->episodes);
}

void delete_series_folder(Context& ctx, const pvr::Series& s) {
  if (s.path.empty()) return;
  fs::path p = fs::path(s.path).lexically_normal();
  if (!p.is_absolute() || p == p.root_path()) return;
  for (const auto& rf : pvr::must(ctx.library->list_root_folders()))
    if (fs::path(rf.path).lexically_normal() == p) return;  // never a whole root folder
  std::error_code ec;
  fs::remove_all(p, ec);
}

}  // namespace nzbd::sonarr
