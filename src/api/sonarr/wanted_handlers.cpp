// /calendar, /wanted/missing and /history.
#include <algorithm>
#include <chrono>
#include <map>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/search/criteria.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

constexpr int kMaxPageSize = 10000;

struct Paging {
  pvr::PageRequest req;
  std::string sort_key;
  std::string direction;  // as echoed back
};

Paging read_paging(const Call& call, const std::string& default_key) {
  Paging p;
  p.req.page = std::max(1, parse_int(call.param("page")).value_or(1));
  p.req.page_size = std::clamp(parse_int(call.param("pageSize")).value_or(10), 1, kMaxPageSize);
  p.sort_key = call.param("sortKey");
  if (p.sort_key.empty()) p.sort_key = default_key;
  p.req.sort_key = p.sort_key;
  std::string dir = call.param("sortDirection");
  if (dir.empty()) dir = call.param("sortDir");  // Sonarr 3
  dir = to_lower(dir);
  p.req.ascending = dir == "ascending" || dir == "asc";
  p.direction = p.req.ascending ? "ascending" : "descending";
  return p;
}

json envelope(const Paging& p, int total, json records) {
  return json{{"page", p.req.page},       {"pageSize", p.req.page_size}, {"sortKey", p.sort_key},
              {"sortDirection", p.direction}, {"totalRecords", total},   {"records", std::move(records)}};
}

json with_series(Context& ctx, const Call& call, const std::vector<pvr::Episode>& episodes, bool include) {
  std::map<int, json> cache;
  json out = json::array();
  for (const auto& e : episodes) {
    json j = episode_json(e, call.legacy);
    if (include || call.legacy) {
      if (!cache.count(e.series_id)) {
        auto s = pvr::found(ctx.library->get_series(e.series_id));
        cache[e.series_id] = s ? series_json(*ctx.library, *s, call.legacy) : json();
      }
      if (!cache[e.series_id].is_null()) {
        if (include) j["series"] = cache[e.series_id];
        if (call.legacy) j["seriesTitle"] = cache[e.series_id]["title"];
      }
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

http::Response handle_calendar(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  if (call.id) {
    auto e = pvr::found(ctx.library->get_episode(*call.id));
    if (!e) return not_found();
    return reply(with_series(ctx, call, {*e}, true)[0]);
  }
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::time_t today = now - now % 86400;
  std::time_t start = today, end = today + 2 * 86400;
  if (auto s = call.param("start"); !s.empty()) {
    auto t = pvr::parse_utc(s);
    if (!t) return validation_error({{"Start", "'" + s + "' is not a valid date", s, "DateValidator"}});
    start = *t;
  }
  if (auto s = call.param("end"); !s.empty()) {
    auto t = pvr::parse_utc(s);
    if (!t) return validation_error({{"End", "'" + s + "' is not a valid date", s, "DateValidator"}});
    end = *t;
  }
  pvr::EpisodeQuery q;
  q.from_utc = pvr::format_utc(start);
  q.to_utc = pvr::format_utc(end);
  q.include_unmonitored = parse_bool(call.param("unmonitored")).value_or(false);
  bool include = parse_bool(call.param("includeSeries")).value_or(false);
  return reply(with_series(ctx, call, pvr::must(ctx.library->calendar(q)), include));
}

http::Response handle_wanted_missing(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  auto paging = read_paging(call, "episodes.airDateUtc");
  bool monitored = parse_bool(call.param("monitored")).value_or(true);
  std::string filter_key = to_lower(call.param("filterKey"));  // Sonarr 3: filterKey=monitored&filterValue=false
  if (filter_key == "monitored") monitored = parse_bool(call.param("filterValue")).value_or(true);
  if (call.id) {
    auto e = pvr::found(ctx.library->get_episode(*call.id));
    if (!e || e->episode_file_id) return not_found();
    return reply(with_series(ctx, call, {*e}, true)[0]);
  }
  auto page = pvr::must(ctx.library->missing(paging.req, monitored, pvr::now_utc()));
  bool include = parse_bool(call.param("includeSeries")).value_or(false);
  return reply(envelope(paging, page.total, with_series(ctx, call, page.records, include)));
}

// Episodes whose file is below the profile's cutoff, paged by air date.
http::Response handle_wanted_cutoff(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  auto paging = read_paging(call, "episodes.airDateUtc");
  bool monitored = parse_bool(call.param("monitored")).value_or(true);
  auto episodes = pvr::cutoff_unmet_episodes(*ctx.library, 0, monitored);
  if (call.id) {
    auto it = std::find_if(episodes.begin(), episodes.end(), [&](const pvr::Episode& e) { return e.id == *call.id; });
    if (it == episodes.end()) return not_found();
    return reply(with_series(ctx, call, {*it}, true)[0]);
  }
  std::stable_sort(episodes.begin(), episodes.end(), [&](const pvr::Episode& a, const pvr::Episode& b) {
    auto ka = a.air_date_utc.value_or(""), kb = b.air_date_utc.value_or("");
    return paging.req.ascending ? ka < kb : kb < ka;
  });
  const std::size_t first = static_cast<std::size_t>(paging.req.page - 1) * paging.req.page_size;
  std::vector<pvr::Episode> slice;
  for (std::size_t i = first; i < episodes.size() && slice.size() < static_cast<std::size_t>(paging.req.page_size); ++i)
    slice.push_back(episodes[i]);
  bool include = parse_bool(call.param("includeSeries")).value_or(false);
  return reply(envelope(paging, static_cast<int>(episodes.size()), with_series(ctx, call, slice, include)));
}

namespace {

// Sonarr's EpisodeHistoryEventType, by number as its UI sends it, or by name.
std::optional<std::string> history_event_name(std::string_view v) {
  static constexpr const char* kNames[] = {"unknown", "grabbed", "seriesFolderImported", "downloadFolderImported",
                                           "downloadFailed", "episodeFileDeleted", "episodeFileRenamed",
                                           "downloadIgnored"};
  if (auto n = parse_int(std::string(v)); n && *n >= 0 && *n < 8) return kNames[*n];
  for (const char* name : kNames)
    if (iequals(v, name)) return name;
  return std::nullopt;
}

}  // namespace

http::Response handle_history(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  auto paging = read_paging(call, "date");
  pvr::HistoryFilter filter;
  filter.series_id = parse_int(call.param("seriesId"));
  if (!filter.series_id) filter.series_id = parse_int(call.param("seriesIds"));
  filter.episode_id = parse_int(call.param("episodeId"));
  filter.download_id = call.param("downloadId");
  for (const auto& raw : call.params("eventType")) {
    std::string value = trim(raw);
    if (value.empty()) continue;
    auto name = history_event_name(value);
    if (!name) return bad_request("eventType '" + value + "' is not a history event type");
    filter.event_types.push_back(*name);
  }
  auto page = pvr::must(ctx.library->history(paging.req, filter));
  bool include_series = parse_bool(call.param("includeSeries")).value_or(false);
  bool include_episode = parse_bool(call.param("includeEpisode")).value_or(false);
  json records = json::array();
  for (const auto& h : page.records) {
    json data = json::object();
    for (const auto& [k, v] : h.data) data[k] = v;
    json j = {{"id", h.id},
              {"episodeId", h.episode_id},
              {"seriesId", h.series_id},
              {"sourceTitle", h.source_title},
              {"languages", languages_json({})},
              {"quality", {{"quality", quality_json(h.quality_id)},
                           {"revision", {{"version", 1}, {"real", 0}, {"isRepack", false}}}}},
              {"customFormats", json::array()},
              {"customFormatScore", 0},
              {"qualityCutoffNotMet", false},
              {"date", h.date},
              {"eventType", h.event_type},
              {"data", data}};
    if (!h.download_id.empty()) j["downloadId"] = h.download_id;
    if (include_series && h.series_id)
      if (auto s = pvr::found(ctx.library->get_series(h.series_id))) j["series"] = series_json(*ctx.library, *s);
    if (include_episode && h.episode_id)
      if (auto e = pvr::found(ctx.library->get_episode(h.episode_id))) j["episode"] = episode_json(*e);
    records.push_back(std::move(j));
  }
  return reply(envelope(paging, page.total, records));
}

// POST /history/failed/{id}: the grab behind a history row failed after all
// (Sonarr's "Mark as failed"): blocklist it and, unless told otherwise,
// search for the episodes again.
http::Response handle_history_failed(Context& ctx, const Call& call) {
  if (call.method != "POST") return method_not_allowed();
  if (!call.id) return bad_request("history id is required: POST /api/v3/history/failed/{id}");
  pvr::HistoryFilter by_id;
  by_id.id = *call.id;
  auto found = pvr::must(ctx.library->history({1, 1, "date", false}, by_id));
  if (found.records.empty()) return not_found("History item " + std::to_string(*call.id) + " does not exist");
  const auto& event = found.records.front();
  if (event.download_id.empty())
    return bad_request("History item " + std::to_string(*call.id) + " has no download to mark as failed");
  bool skip = parse_bool(call.param("skipRedownload")).value_or(false);
  if (auto st = ctx.tracker->mark_failed(event.download_id, skip); !st) return bad_request(st.message());
  return empty_ok();
}

}  // namespace nzbd::sonarr
