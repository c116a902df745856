// /system/status, /health and /parse.
#include <sqlite3.h>
#include <sys/utsname.h>

#include <algorithm>
#include <filesystem>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/release_parser.h"
#include "pvr/scanner.h"

namespace nzbd::sonarr {
namespace fs = std::filesystem;

http::Response handle_system_status(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  utsname uts{};
  uname(&uts);
  std::error_code ec;
  bool docker = fs::exists("/.dockerenv", ec);
  json j = {{"appName", "Sonarr"},
            {"instanceName", "Sonarr"},
            {"version", ctx.options.version},
            {"buildTime", ctx.start_time},
            {"isDebug", false},
            {"isProduction", true},
            {"isAdmin", false},
            {"isUserInteractive", false},
            {"startupPath", fs::current_path(ec).string()},
            {"appData", ctx.options.data_dir.string()},
            {"osName", "linux"},
            {"osVersion", std::string(uts.release)},
            {"isNetCore", true},
            {"isLinux", true},
            {"isOsx", false},
            {"isWindows", false},
            {"isDocker", docker},
            {"mode", "console"},
            {"branch", "main"},
            {"authentication", "none"},
            {"sqliteVersion", sqlite3_libversion()},
            {"migrationVersion", pvr::must(ctx.library->schema_version())},
            {"urlBase", ""},
            {"runtimeVersion", "8.0.0"},
            {"runtimeName", "nzbd"},
            {"startTime", ctx.start_time},
            {"packageVersion", ctx.options.version},
            {"packageAuthor", "nzbd"},
            {"packageUpdateMechanism", "external"},
            {"databaseVersion", sqlite3_libversion()},
            {"databaseType", "sqLite"}};
  if (call.legacy) {
    j["isMono"] = false;
    j["isMonoRuntime"] = false;
  }
  return reply(j);
}

http::Response handle_health(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  json out = json::array();
  append_indexer_health(ctx, out);
  // Sonarr's DownloadClientCheck: none enabled, or the last refresh could not reach one.
  bool any_client = false;
  for (const auto& d : ctx.download_clients->list()) any_client = any_client || d.enable;
  if (!any_client)
    out.push_back({{"source", "DownloadClientCheck"},
                   {"type", "warning"},
                   {"message", "No download client is available"},
                   {"wikiUrl", "https://wiki.servarr.com/sonarr/system#no-download-client-is-available"}});
  else if (auto error = ctx.tracker->last_error(); !error.empty())
    out.push_back({{"source", "DownloadClientCheck"},
                   {"type", "error"},
                   {"message", error},
                   {"wikiUrl", "https://wiki.servarr.com/sonarr/system#unable-to-communicate-with-download-client"}});
  std::error_code ec;
  for (const auto& rf : pvr::must(ctx.library->list_root_folders()))
    if (!fs::is_directory(rf.path, ec))
      out.push_back({{"source", "RootFolderCheck"},
                     {"type", "error"},
                     {"message", "Missing root folder: " + rf.path},
                     {"wikiUrl", "https://wiki.servarr.com/sonarr/system#missing-root-folder"}});
  return reply(out);
}

http::Response handle_parse(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  std::string title = call.param("title");
  std::string path = call.param("path");
  if (title.empty() && path.empty()) return bad_request("title or path is missing");
  auto info = title.empty() ? pvr::parse_path(path) : pvr::parse_release(title);
  json j = {{"title", title.empty() ? path : title},
            {"episodes", json::array()},
            {"languages", languages_json({})},
            {"customFormats", json::array()},
            {"customFormatScore", 0}};
  if (!info) return reply(j);
  json p = {{"releaseTitle", info->release_title},
            {"seriesTitle", info->series_title},
            {"seriesTitleInfo", {{"title", info->series_title}, {"titleWithoutYear", info->title_without_year}}},
            {"quality", {{"quality", quality_json(info->quality.id)},
                         {"revision", {{"version", info->quality.version}, {"real", info->quality.real},
                                       {"isRepack", info->quality.is_repack}}}}},
            {"seasonNumber", std::max(info->season, 0)},
            {"episodeNumbers", info->episodes},
            {"absoluteEpisodeNumbers", info->absolute_episodes},
            {"specialAbsoluteEpisodeNumbers", json::array()},
            {"languages", languages_json(info->languages)},
            {"fullSeason", info->full_season},
            {"isPartialSeason", false},
            {"isMultiSeason", info->multi_season},
            {"isSeasonExtra", false},
            {"isSplitEpisode", false},
            {"special", info->special},
            {"releaseTokens", ""},
            {"isDaily", info->is_daily},
            {"isAbsoluteNumbering", info->is_absolute},
            {"isPossibleSpecialEpisode", false},
            {"isPossibleSceneSeasonSpecial", false},
            {"releaseType", info->episodes.size() > 1 ? "multiEpisode" : info->full_season ? "seasonPack" : "singleEpisode"}};
  if (info->year) p["seriesTitleInfo"]["year"] = *info->year;
  if (info->air_date) p["airDate"] = *info->air_date;
  if (!info->release_group.empty()) p["releaseGroup"] = info->release_group;
  j["parsedEpisodeInfo"] = p;
  j["languages"] = languages_json(info->languages);
  for (const auto& s : pvr::must(ctx.library->list_series())) {
    if (s.clean_title != info->clean_title) continue;
    j["series"] = series_json(*ctx.library, s, call.legacy);
    json eps = json::array();
    auto episodes = pvr::must(ctx.library->episodes_for_series(s.id));
    auto ids = pvr::match_episodes(s, episodes, *info);
    for (const auto& e : episodes)
      if (std::find(ids.begin(), ids.end(), e.id) != ids.end()) eps.push_back(episode_json(e, call.legacy));
    j["episodes"] = eps;
    break;
  }
  return reply(j);
}

}  // namespace nzbd::sonarr
