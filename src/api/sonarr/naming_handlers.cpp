// /config/naming (+ /examples), /config/mediamanagement, /rename and the
// RenameFiles / RenameSeries commands, over pvr/import.
#include <filesystem>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/import/media_config.h"
#include "pvr/import/naming.h"
#include "pvr/import/rename.h"

namespace nzbd::sonarr {
namespace {

http::Response config_failures(const std::vector<pvr::ConfigFailure>& failures, const json& body) {
  std::vector<Failure> out;
  for (const auto& f : failures) {
    std::string key = f.property;
    if (!key.empty()) key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
    const json* attempted = member(body, key);
    out.push_back({f.property, f.message, attempted ? *attempted : json(), "PredicateValidator"});
  }
  return validation_error(out);
}

// --- Naming examples (Sonarr's FileNameSampleService) ------------------------

pvr::Series sample_series(const char* type) {
  pvr::Series s;
  s.title = "The Series Title's!";
  s.year = 2010;
  s.imdb_id = "tt12345";
  s.tvdb_id = 12345;
  s.tvmaze_id = 54321;
  s.series_type = type;
  return s;
}

std::vector<pvr::Episode> sample_episodes(int count) {
  std::vector<pvr::Episode> out;
  for (int n = 1; n <= count; ++n) {
    pvr::Episode e;
    e.season_number = 1;
    e.episode_number = n;
    e.absolute_episode_number = n;
    e.title = "Episode Title (" + std::to_string(n) + ")";
    if (n == 1) e.air_date = "2013-10-30";
    out.push_back(e);
  }
  return out;
}

pvr::NamingFile sample_file(const std::string& scene) {
  pvr::NamingFile f;
  f.quality.id = 4;  // HDTV-720p, revision 2 (Proper)
  f.quality.name = "HDTV-720p";
  f.quality.version = 2;
  f.scene_name = scene;
  f.original_file_name = scene + ".mkv";
  f.release_group = "RlsGrp";
  return f;
}

json examples(const pvr::NamingConfig& c) {
  auto name = [&](const char* type, int count, const std::string& scene) -> json {
    std::string n = pvr::name_for_file(c, sample_series(type), sample_episodes(count), sample_file(scene));
    return n.empty() ? json() : json(n);
  };
  auto folder = [](const std::string& format, const std::string& value) -> json {
    return format.find_first_not_of(" \t") == std::string::npos ? json() : json(value);
  };
  pvr::Series standard = sample_series("standard");
  return json{{"singleEpisodeExample", name("standard", 1, "The.Series.Title's!.S01E01.720p.HDTV.x264-EVOLVE")},
              {"multiEpisodeExample", name("standard", 3, "The.Series.Title's!.S01E01-E03.720p.HDTV.x264-EVOLVE")},
              {"dailyEpisodeExample", name("daily", 1, "The.Series.Title's!.2013.10.30.HDTV.x264-EVOLVE")},
              {"animeEpisodeExample", name("anime", 1, "[RlsGroup] The Series Title's! - 001 [720p]")},
              {"animeMultiEpisodeExample", name("anime", 3, "[RlsGroup] The Series Title's! - 001 - 103 [720p]")},
              {"seriesFolderExample", folder(c.series_folder_format, pvr::series_folder_name(c, standard))},
              {"seasonFolderExample", folder(c.season_folder_format, pvr::season_folder_name(c, standard, 1))},
              {"specialsFolderExample", folder(c.specials_folder_format, pvr::season_folder_name(c, standard, 0))}};
}

// The UI asks for examples of the config being edited, passed as query values.
pvr::NamingConfig config_from_query(const Call& call, pvr::NamingConfig base) {
  json overlay = json::object();
  const json fields = pvr::naming_to_json(base);  // kept alive: items() refers to it
  for (const auto& [key, value] : fields.items()) {
    std::string v = call.param(key);
    if (!v.empty()) overlay[key] = v;
  }
  std::vector<pvr::ConfigFailure> ignored;
  return pvr::naming_from_json(overlay, base, ignored);
}

}  // namespace

http::Response handle_config_naming(Context& ctx, const Call& call) {
  auto current = pvr::load_naming_config(*ctx.library);
  if (call.rest == "examples") {
    if (call.method != "GET") return method_not_allowed();
    return reply(examples(config_from_query(call, current)));
  }
  if (!call.rest.empty()) return not_found();
  if (call.method == "GET") return reply(pvr::naming_to_json(current));
  if (call.method != "PUT") return method_not_allowed();
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  std::vector<pvr::ConfigFailure> failures;
  auto next = pvr::naming_from_json(*body, current, failures);
  if (failures.empty()) failures = pvr::validate_naming(next);
  if (!failures.empty()) return config_failures(failures, *body);
  if (auto st = pvr::save_naming_config(*ctx.library, next); !st) return reply(json{{"message", st.message()}}, 500);
  return reply(pvr::naming_to_json(next), 202);
}

http::Response handle_config_mediamanagement(Context& ctx, const Call& call) {
  if (!call.rest.empty()) return not_found();
  auto current = pvr::load_media_config(*ctx.library);
  if (call.method == "GET") return reply(pvr::media_to_json(current));
  if (call.method != "PUT") return method_not_allowed();
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  std::vector<pvr::ConfigFailure> failures;
  auto next = pvr::media_from_json(*body, current, failures);
  if (failures.empty()) failures = pvr::validate_media(next);
  if (!failures.empty()) return config_failures(failures, *body);
  if (auto st = pvr::save_media_config(*ctx.library, next); !st) return reply(json{{"message", st.message()}}, 500);
  return reply(pvr::media_to_json(next), 202);
}

http::Response handle_rename(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  auto series_id = parse_int(call.param("seriesId"));
  if (!series_id) return validation_error({{"SeriesId", "'Series Id' must not be empty.", json(), "NotEmptyValidator"}});
  auto series = pvr::found(ctx.library->get_series(*series_id));
  if (!series) return not_found("Series with ID " + std::to_string(*series_id) + " does not exist");
  std::optional<int> season;
  if (!call.param("seasonNumber").empty()) {
    season = parse_int(call.param("seasonNumber"));
    if (!season) return bad_request("seasonNumber must be a number");
  }
  json out = json::array();
  for (const auto& p : pvr::preview_rename(*ctx.library, *series, season))
    out.push_back({{"seriesId", p.series_id},
                   {"seasonNumber", p.season_number},
                   {"episodeNumbers", p.episode_numbers},
                   {"episodeFileId", p.episode_file_id},
                   {"existingPath", p.existing_path},
                   {"newPath", p.new_path}});
  return reply(out);
}

std::pair<bool, std::string> run_rename_command(Context& ctx, const pvr::CommandRecord& cmd) {
  json body = parse_body(cmd.body).value_or(json::object());
  std::vector<std::pair<pvr::Series, std::vector<int>>> work;
  if (cmd.name == "RenameFiles") {
    auto id = as_int(member(body, "seriesId"));
    if (!id) return {false, "RenameFiles needs a seriesId"};
    auto s = pvr::found(ctx.library->get_series(*id));
    if (!s) return {false, "Series with ID " + std::to_string(*id) + " does not exist"};
    auto files = as_int_list(member(body, "files"));
    if (files.empty()) return {false, "RenameFiles needs the ids of the files to rename (files)"};
    work.emplace_back(*s, files);
  } else {
    auto ids = as_int_list(member(body, "seriesIds"));
    if (ids.empty()) return {false, "RenameSeries needs seriesIds"};
    for (int id : ids) {
      auto s = pvr::found(ctx.library->get_series(id));
      if (!s) return {false, "Series with ID " + std::to_string(id) + " does not exist"};
      work.emplace_back(*s, std::vector<int>{});
    }
  }
  int renamed = 0;
  std::vector<std::string> failures;
  for (const auto& [series, files] : work) {
    auto out = pvr::rename_files(*ctx.library, series, files);
    renamed += out.renamed;
    failures.insert(failures.end(), out.failures.begin(), out.failures.end());
  }
  std::string msg = "Completed: " + std::to_string(renamed) + " files renamed";
  if (!failures.empty()) {
    msg += ", " + std::to_string(failures.size()) + " not renamed (";
    for (std::size_t i = 0; i < failures.size() && i < 3; ++i) msg += (i ? "; " : "") + failures[i];
    msg += ")";
  }
  return {failures.empty() || renamed > 0, msg};
}

}  // namespace nzbd::sonarr
