// /episode, /episode/monitor and /episodefile.
#include <filesystem>
#include <map>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"

namespace nzbd::sonarr {
namespace fs = std::filesystem;

namespace {

std::vector<int> int_params(const Call& call, std::string_view key) {
  std::vector<int> out;
  for (const auto& v : call.params(key))
    if (auto i = parse_int(v)) out.push_back(*i);
  return out;
}

// Episodes with the optional includeSeries/includeEpisodeFile expansions.
json episodes_json(Context& ctx, const Call& call, const std::vector<pvr::Episode>& episodes) {
  bool with_series = parse_bool(call.param("includeSeries")).value_or(false);
  bool with_file = parse_bool(call.param("includeEpisodeFile")).value_or(false);
  std::map<int, json> series_cache;
  std::map<int, std::optional<pvr::Series>> series_rows;
  json out = json::array();
  for (const auto& e : episodes) {
    json j = episode_json(e, call.legacy);
    if (with_series || call.legacy) {
      if (!series_rows.count(e.series_id)) series_rows[e.series_id] = pvr::found(ctx.library->get_series(e.series_id));
      const auto& s = series_rows[e.series_id];
      if (s && call.legacy) j["seriesTitle"] = s->title;
      if (s && with_series) {
        if (!series_cache.count(e.series_id)) series_cache[e.series_id] = series_json(*ctx.library, *s, call.legacy);
        j["series"] = series_cache[e.series_id];
      }
    }
    if (with_file && e.episode_file_id)
      if (auto f = pvr::found(ctx.library->get_episode_file(e.episode_file_id))) j["episodeFile"] = episode_file_json(*f, nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

http::Response list_episodes(Context& ctx, const Call& call) {
  auto series_id = parse_int(call.param("seriesId"));
  auto ids = int_params(call, "episodeIds");
  auto file_id = parse_int(call.param("episodeFileId"));
  if (series_id) {
    if (!pvr::found(ctx.library->get_series(*series_id)))
      return not_found("Series with ID " + std::to_string(*series_id) + " does not exist");
    auto season = parse_int(call.param("seasonNumber"));
    return reply(episodes_json(ctx, call, pvr::must(ctx.library->episodes_for_series(*series_id, season))));
  }
  if (!ids.empty()) return reply(episodes_json(ctx, call, pvr::must(ctx.library->episodes_by_ids(ids))));
  if (file_id) return reply(episodes_json(ctx, call, pvr::must(ctx.library->episodes_for_file(*file_id))));
  if (call.legacy) return bad_request("seriesId is missing");
  return bad_request("seriesId or episodeIds must be provided");
}

}  // namespace

http::Response handle_episode(Context& ctx, const Call& call) {
  if (!call.id) {
    if (call.method == "GET") return list_episodes(ctx, call);
    if (call.method != "PUT") return method_not_allowed();
  }
  if (call.method == "GET") {
    auto e = pvr::found(ctx.library->get_episode(*call.id));
    if (!e) return not_found("Episode with ID " + std::to_string(*call.id) + " does not exist");
    return reply(episodes_json(ctx, call, {*e})[0]);
  }
  if (call.method != "PUT") return method_not_allowed();
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  int id = call.id.value_or(as_int(member(*body, "id")).value_or(0));
  auto e = pvr::found(ctx.library->get_episode(id));
  if (!e) return not_found("Episode with ID " + std::to_string(id) + " does not exist");
  auto monitored = as_bool(member(*body, "monitored"));
  if (!monitored) return validation_error({{"Monitored", "'Monitored' must not be empty.", json(), "NotNullValidator"}});
  if (auto st = ctx.library->set_episodes_monitored({id}, *monitored); !st) return error_reply(st.error());
  return reply(episodes_json(ctx, call, {*pvr::found(ctx.library->get_episode(id))})[0], 202);
}

http::Response handle_episode_monitor(Context& ctx, const Call& call) {
  if (call.method != "PUT") return method_not_allowed();
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  auto ids = as_int_list(member(*body, "episodeIds"));
  auto monitored = as_bool(member(*body, "monitored"));
  if (ids.empty()) return validation_error({{"EpisodeIds", "'Episode Ids' must not be empty.", json(), "NotEmptyValidator"}});
  if (!monitored) return validation_error({{"Monitored", "'Monitored' must not be empty.", json(), "NotNullValidator"}});
  if (pvr::must(ctx.library->episodes_by_ids(ids)).size() != ids.size()) return not_found("One or more episodes do not exist");
  if (auto st = ctx.library->set_episodes_monitored(ids, *monitored); !st) return error_reply(st.error());
  return reply(episodes_json(ctx, call, pvr::must(ctx.library->episodes_by_ids(ids))), 202);
}

http::Response handle_episodefile(Context& ctx, const Call& call) {
  if (!call.id) {
    if (call.method != "GET") return method_not_allowed();
    auto series_id = parse_int(call.param("seriesId"));
    std::vector<pvr::EpisodeFile> files;
    if (series_id) {
      if (!pvr::found(ctx.library->get_series(*series_id)))
        return not_found("Series with ID " + std::to_string(*series_id) + " does not exist");
      files = pvr::must(ctx.library->files_for_series(*series_id));
    } else {
      auto ids = int_params(call, "episodeFileIds");
      if (ids.empty()) return bad_request("seriesId or episodeFileIds must be provided");
      files = pvr::must(ctx.library->files_by_ids(ids));
    }
    json out = json::array();
    for (const auto& f : files) out.push_back(episode_file_json(f, nullptr));
    return reply(out);
  }
  auto f = pvr::found(ctx.library->get_episode_file(*call.id));
  if (!f) return not_found("Episode file with ID " + std::to_string(*call.id) + " does not exist");
  if (call.method == "GET") return reply(episode_file_json(*f, nullptr));
  if (call.method != "DELETE") return method_not_allowed();
  // The file goes from disk too, but only if it lies inside its series folder.
  auto series = pvr::found(ctx.library->get_series(f->series_id));
  auto episodes = pvr::must(ctx.library->episodes_for_file(f->id));
  if (series) {
    fs::path file = fs::path(f->path).lexically_normal();
    fs::path root = fs::path(series->path).lexically_normal();
    auto rel = file.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != ".." && rel.is_relative()) {
      std::error_code ec;
      fs::remove(file, ec);
      if (ec && fs::exists(file)) return reply(json{{"message", "Could not delete " + f->path + ": " + ec.message()}}, 500);
    }
  }
  if (auto st = ctx.library->delete_episode_file(f->id); !st) return error_reply(st.error());
  for (const auto& e : episodes)
    pvr::must(ctx.library->add_history({0, f->series_id, e.id, f->relative_path, f->quality_id, "", "episodeFileDeleted", "",
                              {{"reason", "Manual"}}}));
  return empty_ok();
}

}  // namespace nzbd::sonarr
