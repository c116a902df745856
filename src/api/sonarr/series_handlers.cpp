// /series and /series/lookup.
#include <algorithm>
#include <filesystem>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "api/sonarr/series_ops.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace fs = std::filesystem;

namespace {

http::Response list_series(Context& ctx, const Call& call) {
  json out = json::array();
  auto tvdb = parse_int(call.param("tvdbId"));
  for (const auto& s : pvr::must(ctx.library->list_series()))
    if (!tvdb || s.tvdb_id == *tvdb) out.push_back(series_json(*ctx.library, s, call.legacy));
  return reply(out);
}

// Applies the user-editable fields of a PUT/POST body to a series.
void apply_settings(const json& body, pvr::Series& s) {
  if (auto v = as_bool(member(body, "monitored"))) s.monitored = *v;
  if (auto v = as_bool(member(body, "seasonFolder"))) s.season_folder = *v;
  if (auto v = as_int(member(body, "qualityProfileId")); v && *v > 0) s.quality_profile_id = *v;
  else if (auto p = as_int(member(body, "profileId")); p && *p > 0) s.quality_profile_id = *p;
  if (auto v = as_string(member(body, "seriesType"))) {
    std::string t = to_lower(*v);
    if (t == "standard" || t == "daily" || t == "anime") s.series_type = t;
    else if (t == "0") s.series_type = "standard";
    else if (t == "1") s.series_type = "daily";
    else if (t == "2") s.series_type = "anime";
  }
  if (auto v = as_string(member(body, "monitorNewItems"))) {
    std::string t = to_lower(*v);
    if (t == "all" || t == "none") s.monitor_new_items = t;
  }
  if (const json* tags = member(body, "tags")) s.tags = as_int_list(tags);
  if (auto v = as_bool(member(body, "useSceneNumbering"))) s.use_scene_numbering = *v;
  if (const json* seasons = member(body, "seasons"); seasons && seasons->is_array()) {
    for (const auto& item : *seasons) {
      auto number = as_int(member(item, "seasonNumber"));
      auto monitored = as_bool(member(item, "monitored"));
      if (!number || !monitored) continue;
      auto it = std::find_if(s.seasons.begin(), s.seasons.end(),
                             [&](const pvr::Season& x) { return x.season_number == *number; });
      if (it != s.seasons.end()) it->monitored = *monitored;
    }
  }
}

http::Response update_series(Context& ctx, const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  int id = call.id.value_or(as_int(member(*body, "id")).value_or(0));
  auto s = pvr::found(ctx.library->get_series(id));
  if (!s) return not_found("Series with ID " + std::to_string(id) + " does not exist");
  if (auto v = as_int(member(*body, "qualityProfileId")); v && !pvr::found(ctx.library->get_quality_profile(*v)))
    return validation_error({{"QualityProfileId", "Quality Profile does not exist", *v, "QualityProfileExistsValidator"}});
  apply_settings(*body, *s);
  if (auto p = as_string(member(*body, "path")); p && !p->empty()) {
    if (!fs::path(*p).is_absolute())
      return validation_error({{"Path", "Invalid Path: '" + *p + "'", *p, "PathValidator"}});
    s->path = *p;
  }
  if (auto st = ctx.library->update_series(*s); !st) return error_reply(st.error());
  return reply(series_json(*ctx.library, *pvr::found(ctx.library->get_series(s->id)), call.legacy), 202);
}

http::Response delete_series(Context& ctx, const Call& call) {
  auto s = pvr::found(ctx.library->get_series(*call.id));
  if (!s) return not_found("Series with ID " + std::to_string(*call.id) + " does not exist");
  bool delete_files = parse_bool(call.param("deleteFiles")).value_or(false);
  if (auto st = ctx.library->delete_series(s->id); !st) return error_reply(st.error());
  if (delete_files) delete_series_folder(ctx, *s);
  return empty_ok();
}

}  // namespace

http::Response handle_series(Context& ctx, const Call& call) {
  if (call.method == "GET" && !call.id && call.rest.empty()) return list_series(ctx, call);
  if (call.method == "POST" && !call.id) return add_series(ctx, call);
  if (call.method == "PUT") return update_series(ctx, call);
  if (!call.id) return call.rest.empty() ? method_not_allowed() : not_found();
  if (call.method == "GET") {
    auto s = pvr::found(ctx.library->get_series(*call.id));
    if (!s) return not_found("Series with ID " + std::to_string(*call.id) + " does not exist");
    if (call.rest == "folder") return reply(json{{"folder", fs::path(s->path).filename().string()}});
    return reply(series_json(*ctx.library, *s, call.legacy));
  }
  if (call.method == "DELETE") return delete_series(ctx, call);
  return method_not_allowed();
}

http::Response handle_series_lookup(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  std::string term = call.param("term");
  if (term.empty()) return reply(json::array());
  auto found = lookup_series(ctx, term);
  if (!found) return reply(json{{"message", found.message()}}, 503);
  json out = json::array();
  for (const auto& s : *found) {
    if (auto existing = pvr::found(ctx.library->find_series_by_tvdb(s.tvdb_id)))
      out.push_back(series_json(*ctx.library, *existing, call.legacy));
    else
      out.push_back(lookup_series_json(s));
  }
  return reply(out);
}

}  // namespace nzbd::sonarr
