// /queue (paged QueueResource records, one per episode of a tracked
// download), /queue/details, /queue/status, DELETE /queue/{id} and
// /queue/bulk — fed by the DownloadTracker — and /diskspace.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <set>

#include <openssl/evp.h>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "api/sonarr/queue_pending.h"
#include "pvr/release_parser.h"
#include "pvr/time_util.h"

namespace nzbd::sonarr {
namespace fs = std::filesystem;
namespace {

// One queue row: a tracked download and one of its episodes (or none).
struct Row {
  int id = 0;
  const pvr::QueueEntry* entry = nullptr;
  std::optional<pvr::Episode> episode;
  std::optional<pvr::Series> series;
};

// Sonarr's HashConverter.GetHashInt31: the first 4 bytes of the key's SHA1,
// little-endian, as a positive int — so clients that remember queue ids
// from Sonarr see the same ones.
int hash_int31(const std::string& key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(key.data(), key.size(), digest, &len, EVP_sha1(), nullptr);
  std::uint32_t v = static_cast<std::uint32_t>(digest[0]) | static_cast<std::uint32_t>(digest[1]) << 8 |
                    static_cast<std::uint32_t>(digest[2]) << 16 | static_cast<std::uint32_t>(digest[3]) << 24;
  return static_cast<int>(v & 0x7fffffff);
}

int row_id(const pvr::QueueEntry& e, int episode_id) {
  if (is_pending(e))
    return hash_int31("pending-" + std::to_string(pending_id(e)) + "-ep" + std::to_string(episode_id));
  const auto& td = e.download;
  return hash_int31("trackedDownload-" + std::to_string(td.download_client_id) + "-" + td.download_id + "-ep" +
                    std::to_string(episode_id));
}

// What the queue shows: the tracked downloads, then the pending releases.
std::vector<pvr::QueueEntry> all_entries(Context& ctx) {
  auto entries = ctx.tracker->snapshot();
  for (auto& e : pending_queue_entries(ctx)) entries.push_back(std::move(e));
  return entries;
}

std::vector<Row> build_rows(Context& ctx, const std::vector<pvr::QueueEntry>& entries) {
  std::vector<Row> rows;
  std::map<int, std::optional<pvr::Series>> series_cache;
  for (const auto& e : entries) {
    const auto& td = e.download;
    auto& series = series_cache[td.series_id];
    if (!series && td.series_id) series = pvr::found(ctx.library->get_series(td.series_id));
    auto episodes = pvr::must(ctx.library->episodes_by_ids(td.episode_ids));
    if (episodes.empty()) {
      rows.push_back({row_id(e, 0), &e, std::nullopt, series});
      continue;
    }
    for (auto& ep : episodes) rows.push_back({row_id(e, ep.id), &e, ep, series});
  }
  return rows;
}

// TimeSpan in .NET's "c" format: [d.]hh:mm:ss.
std::string timespan(int seconds) {
  int days = seconds / 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60);
  return days ? std::to_string(days) + "." + buf : std::string(buf);
}

json row_json(Context& ctx, const Row& r, bool include_series, bool include_episode, bool legacy) {
  const auto& e = *r.entry;
  const auto& td = e.download;
  json quality = {{"quality", quality_json(td.quality.id)},
                  {"revision", {{"version", td.quality.version}, {"real", td.quality.real},
                                {"isRepack", td.quality.is_repack}}}};
  std::string title = td.title;
  auto parsed = pvr::parse_release(title);
  json j = {{"id", r.id},
            {"languages", languages_json(parsed ? parsed->languages : std::vector<std::string>{})},
            {"quality", quality},
            {"customFormats", json::array()},
            {"customFormatScore", 0},
            {"size", static_cast<double>(e.size)},
            {"title", title},
            {"sizeleft", static_cast<double>(e.size_left)},
            {"added", td.grabbed},
            {"status", e.status},
            {"statusMessages", json::array()},
            {"protocol", td.release.download_protocol.empty() ? "usenet" : td.release.download_protocol},
            {"downloadClientHasPostImportCategory", false},
            {"indexer", td.indexer},
            {"outputPath", e.output_path},
            {"episodeHasFile", r.episode && r.episode->episode_file_id != 0}};
  if (!is_pending(e)) {  // a pending release is in no client yet
    j["trackedDownloadStatus"] = e.tracked_status;
    j["trackedDownloadState"] = td.state;
    j["downloadId"] = td.download_id;
    j["downloadClient"] = e.client_name;
  }
  for (const auto& m : e.messages) j["statusMessages"].push_back({{"title", m.title}, {"messages", m.messages}});
  if (!e.error_message.empty()) j["errorMessage"] = e.error_message;
  if (e.time_left_seconds) {
    j["timeleft"] = timespan(*e.time_left_seconds);
    j["estimatedCompletionTime"] = pvr::format_utc(std::time(nullptr) + *e.time_left_seconds);
  }
  if (td.series_id) j["seriesId"] = td.series_id;
  if (r.episode) {
    j["episodeId"] = r.episode->id;
    j["seasonNumber"] = r.episode->season_number;
    if (include_episode) j["episode"] = episode_json(*r.episode, legacy);
  }
  if (include_series && r.series) j["series"] = series_json(*ctx.library, *r.series, legacy);
  return j;
}

double progress(const Row& r) {
  const auto& e = *r.entry;
  return e.size > 0 ? 1.0 - static_cast<double>(e.size_left) / static_cast<double>(e.size) : 0.0;
}

void sort_rows(std::vector<Row>& rows, const std::string& key, bool ascending) {
  auto timeleft = [](const Row& r) {
    return r.entry->time_left_seconds ? static_cast<double>(*r.entry->time_left_seconds) : INFINITY;
  };
  auto cmp = [&](const Row& a, const Row& b) -> int {
    auto three = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    const auto &ta = a.entry->download, &tb = b.entry->download;
    if (key == "title") return three(ta.title, tb.title);
    if (key == "added") return three(ta.grabbed, tb.grabbed);
    if (key == "size") return three(a.entry->size, b.entry->size);
    if (key == "status") return three(a.entry->status, b.entry->status);
    if (key == "progress") return three(progress(a), progress(b));
    if (key == "downloadClient") return three(a.entry->client_name, b.entry->client_name);
    if (key == "indexer") return three(ta.indexer, tb.indexer);
    if (key == "quality") return three(ta.quality.id, tb.quality.id);
    if (key == "series.sortTitle")
      return three(a.series ? a.series->sort_title : std::string(), b.series ? b.series->sort_title : std::string());
    if (key == "episode")
      return three(a.episode ? a.episode->season_number * 10000 + a.episode->episode_number : 0,
                   b.episode ? b.episode->season_number * 10000 + b.episode->episode_number : 0);
    return three(timeleft(a), timeleft(b));  // timeleft, estimatedCompletionTime, unknown keys
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    int c = cmp(a, b);
    if (c != 0) return ascending ? c < 0 : c > 0;
    return progress(a) > progress(b);  // Sonarr's tie-break: further along first
  });
}

bool known(const Row& r) { return r.entry->download.series_id != 0 && r.series; }

http::Response queue_page(Context& ctx, const Call& call) {
  auto entries = all_entries(ctx);
  auto rows = build_rows(ctx, entries);
  bool unknown = parse_bool(call.param("includeUnknownSeriesItems")).value_or(false);
  std::set<int> series_ids;
  for (const auto& s : call.params("seriesIds")) if (auto v = parse_int(s)) series_ids.insert(*v);
  std::set<std::string> statuses;
  for (const auto& s : call.params("status")) statuses.insert(s);
  std::string protocol = call.param("protocol");
  std::erase_if(rows, [&](const Row& r) {
    if (!unknown && !known(r)) return true;
    if (!series_ids.empty() && !series_ids.count(r.entry->download.series_id)) return true;
    if (!statuses.empty() && !statuses.count(r.entry->status)) return true;
    return !protocol.empty() && protocol != "usenet" && protocol != "1";
  });
  std::string key = call.param("sortKey");
  if (key.empty()) key = "timeleft";
  bool ascending = call.param("sortDirection") != "descending";
  sort_rows(rows, key, ascending);
  int size = std::clamp(parse_int(call.param("pageSize")).value_or(10), 1, 10000);
  int total = static_cast<int>(rows.size());
  int last = std::max(1, (total + size - 1) / size);
  int page = std::clamp(parse_int(call.param("page")).value_or(1), 1, last);
  bool with_series = parse_bool(call.param("includeSeries")).value_or(call.legacy);
  bool with_episode = parse_bool(call.param("includeEpisode")).value_or(call.legacy);
  json records = json::array();
  if (call.legacy) {  // Sonarr 2/3's /api/queue: every item, with series and episode, unpaged
    for (const auto& r : rows) records.push_back(row_json(ctx, r, with_series, with_episode, true));
    return reply(records);
  }
  for (int i = (page - 1) * size; i < std::min(total, page * size); ++i)
    records.push_back(row_json(ctx, rows[i], with_series, with_episode, call.legacy));
  return reply(json{{"page", page},
                    {"pageSize", size},
                    {"sortKey", key},
                    {"sortDirection", ascending ? "ascending" : "descending"},
                    {"totalRecords", total},
                    {"records", records}});
}

http::Response queue_details(Context& ctx, const Call& call) {
  auto entries = all_entries(ctx);
  auto rows = build_rows(ctx, entries);
  auto series_id = parse_int(call.param("seriesId"));
  std::set<int> episode_ids;
  for (const auto& s : call.params("episodeIds")) if (auto v = parse_int(s)) episode_ids.insert(*v);
  bool with_series = parse_bool(call.param("includeSeries")).value_or(false);
  bool with_episode = parse_bool(call.param("includeEpisode")).value_or(false);
  json out = json::array();
  for (const auto& r : rows) {
    if (series_id && r.entry->download.series_id != *series_id) continue;
    if (!episode_ids.empty() && (!r.episode || !episode_ids.count(r.episode->id))) continue;
    out.push_back(row_json(ctx, r, with_series, with_episode, call.legacy));
  }
  return reply(out);
}

http::Response queue_status(Context& ctx) {
  auto entries = all_entries(ctx);
  auto rows = build_rows(ctx, entries);
  int count = 0, unknown = 0;
  bool errors = false, warnings = false, unknown_errors = false, unknown_warnings = false;
  for (const auto& r : rows) {
    bool k = known(r);
    (k ? count : unknown)++;
    bool error = r.entry->tracked_status == "error" || r.entry->status == "failed";
    bool warning = r.entry->tracked_status == "warning" || r.entry->status == "warning";
    (k ? errors : unknown_errors) |= error;
    (k ? warnings : unknown_warnings) |= warning;
  }
  return reply(json{{"totalCount", count + unknown}, {"count", count}, {"unknownCount", unknown},
                    {"errors", errors}, {"warnings", warnings}, {"unknownErrors", unknown_errors},
                    {"unknownWarnings", unknown_warnings}});
}

// Removes the tracked downloads behind queue ids; false when one is unknown.
Status remove_rows(Context& ctx, const Call& call, const std::vector<int>& ids) {
  auto entries = all_entries(ctx);
  auto rows = build_rows(ctx, entries);
  bool from_client = parse_bool(call.param("removeFromClient")).value_or(true);
  bool blocklist = parse_bool(call.param("blocklist")).value_or(false);
  bool skip = parse_bool(call.param("skipRedownload")).value_or(false);
  std::set<int> tracked, pending;
  for (int id : ids) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.id == id; });
    if (it == rows.end()) return make_error("Queue item " + std::to_string(id) + " does not exist");
    if (is_pending(*it->entry)) pending.insert(pending_id(*it->entry));
    else tracked.insert(it->entry->download.id);
  }
  for (int p : pending)
    if (auto st = remove_pending(ctx, p, blocklist); !st) return st;
  for (int t : tracked)
    if (auto st = ctx.tracker->remove(t, from_client, blocklist, skip); !st) return st;
  return ok_status();
}

// POST /queue/grab/{id} and /queue/grab/bulk {ids}: pending releases grabbed now.
http::Response grab_rows(Context& ctx, const std::vector<int>& ids) {
  auto entries = all_entries(ctx);
  auto rows = build_rows(ctx, entries);
  std::set<int> pending;
  for (int id : ids) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.id == id; });
    if (it == rows.end()) return not_found("Queue item " + std::to_string(id) + " does not exist");
    if (!is_pending(*it->entry)) return bad_request("Queue item " + std::to_string(id) + " is not a pending release");
    pending.insert(pending_id(*it->entry));
  }
  for (int p : pending)
    if (auto grabbed = ctx.search->grab_pending(p); !grabbed)
      return bad_request("Unable to grab the release: " + grabbed.message());
  return reply(json::object());  // the grab itself asks for a download refresh
}

}  // namespace

http::Response handle_queue(Context& ctx, const Call& call) {
  if (call.method == "DELETE") {
    if (call.id && call.rest.empty()) {
      auto st = remove_rows(ctx, call, {*call.id});
      if (!st) return st.message().find("does not exist") != std::string::npos ? not_found(st.message())
                                                                              : bad_request(st.message());
      return empty_ok();
    }
    if (call.rest == "bulk" && !call.id) {
      auto body = parse_body(call.req.body);
      if (!body || !body->is_object()) return bad_request("the body must be {\"ids\": [...]}");
      auto st = remove_rows(ctx, call, as_int_list(member(*body, "ids")));
      if (!st) return st.message().find("does not exist") != std::string::npos ? not_found(st.message())
                                                                              : bad_request(st.message());
      return empty_ok();
    }
    return not_found();
  }
  if (call.method == "POST") {
    if (call.rest.rfind("grab/", 0) == 0) {
      std::string what = call.rest.substr(5);
      if (what == "bulk") {
        auto body = parse_body(call.req.body);
        if (!body || !body->is_object()) return bad_request("the body must be {\"ids\": [...]}");
        return grab_rows(ctx, as_int_list(member(*body, "ids")));
      }
      if (auto id = parse_int(what)) return grab_rows(ctx, {*id});
    }
    return not_found();
  }
  if (call.method != "GET") return method_not_allowed();
  if (call.rest == "status") return queue_status(ctx);
  if (call.rest == "details") return queue_details(ctx, call);
  if (call.id) return not_found("Queue item " + std::to_string(*call.id) + " does not exist");
  if (!call.rest.empty()) return not_found();
  return queue_page(ctx, call);
}

http::Response handle_diskspace(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  std::set<std::string> paths = {ctx.options.data_dir.string()};
  for (const auto& rf : pvr::must(ctx.library->list_root_folders())) paths.insert(rf.path);
  json out = json::array();
  for (const auto& p : paths) {
    std::error_code ec;
    auto space = fs::space(p, ec);
    if (ec) continue;
    out.push_back({{"path", p},
                   {"label", fs::path(p).filename().string()},
                   {"freeSpace", static_cast<std::int64_t>(space.available)},
                   {"totalSpace", static_cast<std::int64_t>(space.capacity)}});
  }
  return reply(out);
}

}  // namespace nzbd::sonarr
