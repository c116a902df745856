// /release (interactive search and grab) and /release/push.
#include <algorithm>
#include <map>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "api/sonarr/release_resource.h"
#include "pvr/search/criteria.h"
#include "pvr/search/search_service.h"
#include "pvr/time_util.h"

namespace nzbd::sonarr {
namespace {

json decisions_json(Context& ctx, const std::vector<pvr::DownloadDecision>& decisions,
                    const std::vector<int>& requested = {}) {
  json out = json::array();
  const std::string now = pvr::now_utc();
  std::map<int, std::optional<pvr::QualityProfile>> profiles;
  int weight = 0;
  for (const auto& d : decisions) {
    const pvr::QualityProfile* profile = nullptr;
    if (d.remote.series) {
      auto& p = profiles[d.remote.series->quality_profile_id];
      if (!p) p = pvr::found(ctx.library->get_quality_profile(d.remote.series->quality_profile_id));
      if (p) profile = &*p;
    }
    out.push_back(release_resource_json(d, profile, weight++, requested, now));
  }
  return out;
}

http::Response search_releases(Context& ctx, const Call& call) {
  if (auto episode_id = parse_int(call.param("episodeId"))) {
    auto e = pvr::found(ctx.library->get_episode(*episode_id));
    if (!e) return not_found("Episode with ID " + std::to_string(*episode_id) + " does not exist");
    auto s = pvr::found(ctx.library->get_series(e->series_id));
    if (!s) return not_found("Series with ID " + std::to_string(e->series_id) + " does not exist");
    if (s->series_type == "daily" && !e->air_date) return bad_request("Air date is missing");
    auto request = pvr::episode_request(*s, *e, true);
    return reply(decisions_json(ctx, ctx.search->interactive(request).decisions, request.target.episode_ids));
  }
  auto series_id = parse_int(call.param("seriesId"));
  auto season = parse_int(call.param("seasonNumber"));
  if (series_id && season) {
    auto s = pvr::found(ctx.library->get_series(*series_id));
    if (!s) return not_found("Series with ID " + std::to_string(*series_id) + " does not exist");
    auto episodes = pvr::must(ctx.library->episodes_for_series(s->id, *season));
    if (episodes.empty()) return reply(json::array());
    auto request = pvr::season_request(*s, *season, episodes, true);
    return reply(decisions_json(ctx, ctx.search->interactive(request).decisions, request.target.episode_ids));
  }
  return reply(decisions_json(ctx, ctx.search->rss_preview().decisions));
}

http::Response grab_release(Context& ctx, const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object()) return bad_request("The request body must be a JSON release");
  auto guid = as_string(member(*body, "guid")).value_or("");
  auto indexer_id = as_int(member(*body, "indexerId")).value_or(0);
  std::vector<Failure> failures;
  if (guid.empty()) failures.push_back({"Guid", "'Guid' must not be empty.", guid, "NotEmptyValidator"});
  if (indexer_id <= 0)
    failures.push_back({"IndexerId", "'Indexer Id' must be greater than '0'.", indexer_id, "GreaterThanValidator"});
  if (!failures.empty()) return validation_error(failures);
  auto decision = ctx.search->cached(indexer_id, guid);
  if (!decision) return not_found("Couldn't find requested release in cache, try searching again");
  if (!decision->remote.series || decision->remote.episodes.empty())
    return not_found("Unable to parse episodes in the release");
  auto result = ctx.search->grab(*decision, pvr::GrabSource::InteractiveSearch);
  if (!result) return reply(json{{"message", result.message()}}, 409);
  return reply(*body);
}

http::Response push_release(Context& ctx, const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object()) return bad_request("The request body must be a JSON release");
  pvr::ReleaseInfo r;
  r.title = as_string(member(*body, "title")).value_or("");
  r.download_url = as_string(member(*body, "downloadUrl")).value_or("");
  r.download_protocol = as_string(member(*body, "protocol")).value_or("");
  r.publish_date = as_string(member(*body, "publishDate")).value_or("");
  std::vector<Failure> failures;
  if (r.title.empty()) failures.push_back({"Title", "'Title' must not be empty.", r.title, "NotEmptyValidator"});
  if (r.download_url.empty())
    failures.push_back({"DownloadUrl", "'Download Url' must not be empty.", r.download_url, "NotEmptyValidator"});
  if (r.download_protocol.empty())
    failures.push_back({"Protocol", "'Protocol' must not be empty.", r.download_protocol, "NotEmptyValidator"});
  else if (r.download_protocol != "usenet" && r.download_protocol != "Usenet")
    failures.push_back({"Protocol", "nzbd only downloads usenet releases", r.download_protocol});
  auto published = pvr::parse_utc(r.publish_date);
  if (!published) failures.push_back({"PublishDate", "'Publish Date' must not be empty.", r.publish_date, "NotEmptyValidator"});
  if (!failures.empty()) return validation_error(failures);
  if (!pvr::parse_release(r.title)) return validation_error({{"Title", "Unable to parse", r.title}});
  r.download_protocol = "usenet";
  r.publish_date = pvr::format_utc(*published);
  r.guid = "PUSH-" + r.download_url;
  // Sizes above 2 GiB do not fit as_int; read the number itself.
  if (auto size = member(*body, "size"); size && size->is_number()) r.size = std::max<std::int64_t>(0, size->get<std::int64_t>());
  r.indexer = as_string(member(*body, "indexer")).value_or("");
  r.indexer_id = as_int(member(*body, "indexerId")).value_or(0);
  r.info_url = as_string(member(*body, "infoUrl")).value_or("");
  return reply(decisions_json(ctx, ctx.search->push(r).decisions));
}

}  // namespace

http::Response handle_release(Context& ctx, const Call& call) {
  if (call.rest == "push") {
    if (call.method != "POST") return method_not_allowed();
    return push_release(ctx, call);
  }
  if (call.method == "GET") return search_releases(ctx, call);
  if (call.method == "POST") return grab_release(ctx, call);
  return method_not_allowed();
}

}  // namespace nzbd::sonarr
