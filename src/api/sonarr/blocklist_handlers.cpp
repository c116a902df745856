// /blocklist (Sonarr's BlocklistController): the paged list, DELETE /{id}
// and DELETE /bulk {ids}.
#include <algorithm>
#include <cctype>
#include <map>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "api/sonarr/release_resource.h"
#include "pvr/decision/blocklist.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

constexpr int kMaxPageSize = 10000;

json blocklist_json(const pvr::BlocklistEntry& e, const json& series) {
  json j = {{"id", e.id},
            {"seriesId", e.series_id},
            {"episodeIds", e.episode_ids},
            {"sourceTitle", e.source_title},
            {"languages", languages_json(e.languages)},
            {"quality", quality_model_json(e.quality)},
            {"customFormats", json::array()},
            {"date", e.date},
            {"protocol", e.protocol},
            {"indexer", e.indexer},
            {"message", e.message}};
  if (!series.is_null()) j["series"] = series;
  return j;
}

std::string canonical_sort_key(std::string key) {
  std::string l = to_lower(key);
  if (l == "indexer") return "indexer";
  if (l == "series.sorttitle" || l == "series.title") return "series.sortTitle";
  if (l == "sourcetitle") return "sourceTitle";
  return "date";
}

http::Response list(Context& ctx, const Call& call) {
  pvr::PageRequest page;
  page.page = std::max(1, parse_int(call.param("page")).value_or(1));
  page.page_size = std::clamp(parse_int(call.param("pageSize")).value_or(10), 1, kMaxPageSize);
  page.sort_key = canonical_sort_key(call.param("sortKey"));
  std::string dir = to_lower(call.param("sortDirection"));
  page.ascending = dir == "ascending" || dir == "asc";
  pvr::BlocklistFilter filter;
  for (const auto& v : call.params("seriesIds"))
    if (auto id = parse_int(v)) filter.series_ids.push_back(*id);
  for (auto v : call.params("protocols")) {
    v = to_lower(v);
    if (v == "1") v = "usenet";  // Sonarr's DownloadProtocol enum values
    if (v == "2") v = "torrent";
    filter.protocols.push_back(v);
  }
  pvr::Blocklist store(*ctx.library);
  auto result = store.list(page, filter);
  std::map<int, json> series;
  json records = json::array();
  for (const auto& e : result.records) {
    if (!series.count(e.series_id)) {
      auto s = pvr::found(ctx.library->get_series(e.series_id));
      series[e.series_id] = s ? series_json(*ctx.library, *s) : json();
    }
    records.push_back(blocklist_json(e, series[e.series_id]));
  }
  return reply(json{{"page", page.page},
                    {"pageSize", page.page_size},
                    {"sortKey", page.sort_key},
                    {"sortDirection", page.ascending ? "ascending" : "descending"},
                    {"totalRecords", result.total},
                    {"records", records}});
}

http::Response bulk_delete(Context& ctx, const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"Ids", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  std::vector<int> ids = as_int_list(member(*body, "ids"));
  pvr::Blocklist(*ctx.library).remove_many(ids);
  return reply(json::object());
}

}  // namespace

http::Response handle_blocklist(Context& ctx, const Call& call) {
  if (call.rest == "bulk") {
    if (call.method != "DELETE") return method_not_allowed();
    return bulk_delete(ctx, call);
  }
  if (!call.rest.empty()) return not_found();
  if (call.method == "GET" && !call.id) return list(ctx, call);
  if (call.method == "DELETE" && call.id) {
    pvr::Blocklist store(*ctx.library);
    if (auto st = store.remove(*call.id); !st) return not_found(st.message());
    return empty_ok();
  }
  return method_not_allowed();
}

}  // namespace nzbd::sonarr
