// GrabService: the grab itself, after the decisions picked a release.
#include "pvr/db.h"
#include "pvr/download/grab.h"

#include <pugixml.hpp>

#include <algorithm>
#include <ctime>

#include "pvr/release_parser.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {

constexpr std::time_t kRecentSeconds = 14 * 86400;  // Sonarr: aired within 14 days

std::string release_type(const RemoteEpisode& r) {
  if (r.parsed && r.parsed->full_season) return "seasonPack";
  if (r.episodes.size() > 1) return "multiEpisode";
  return r.episodes.size() == 1 ? "singleEpisode" : "unknown";
}

}  // namespace

Status validate_nzb(const std::string& data) {
  pugi::xml_document doc;
  // No entity expansion beyond XML's own: pugixml never loads external DTDs.
  auto parsed = doc.load_buffer(data.data(), data.size(), pugi::parse_default & ~pugi::parse_doctype);
  if (!parsed) return make_error(std::string("the NZB is not valid XML: ") + parsed.description());
  pugi::xml_node root = doc.document_element();
  std::string name = root.name();
  if (name == "error") {
    std::string description = root.attribute("description").as_string();
    return make_error("the indexer answered an error instead of an NZB: " +
                      (description.empty() ? std::string(root.attribute("code").as_string()) : description));
  }
  if (name != "nzb") return make_error("the file is not an NZB (its root element is <" + name + ">)");
  if (!root.child("file")) return make_error("the NZB lists no files");
  return ok_status();
}

std::vector<QueuedRelease> queued_releases(TrackedDownloads& tracked) {
  std::vector<QueuedRelease> out;
  for (const auto& td : tracked.active()) out.push_back({td.series_id, td.episode_ids, td.quality, td.title});
  return out;
}

GrabService::GrabService(Library& library, DownloadClientStore& clients, std::shared_ptr<DownloadClient> builtin,
                         HttpGet fetch, std::function<std::string()> now_utc)
    : library_(library),
      clients_(clients),
      builtin_(std::move(builtin)),
      fetch_(fetch ? std::move(fetch) : curl_http_get(std::chrono::seconds(60))),
      now_(now_utc ? std::move(now_utc) : [] { return pvr::now_utc(); }) {}

std::optional<DownloadClientDefinition> GrabService::choose_client(const std::vector<int>& series_tags,
                                                                   std::optional<int> forced) {
  std::vector<DownloadClientDefinition> usable;
  for (auto& d : clients_.list())
    if (d.enable && make_download_client(d, builtin_)) usable.push_back(std::move(d));
  if (forced && *forced > 0) {
    for (const auto& d : usable)
      if (d.id == *forced) return d;
    return std::nullopt;
  }
  // Clients sharing a tag with the series win; otherwise only untagged ones.
  std::vector<DownloadClientDefinition> tagged, untagged;
  for (const auto& d : usable) {
    bool shares = std::any_of(d.tags.begin(), d.tags.end(), [&](int t) {
      return std::find(series_tags.begin(), series_tags.end(), t) != series_tags.end();
    });
    if (shares) tagged.push_back(d);
    else if (d.tags.empty()) untagged.push_back(d);
  }
  auto& pool = tagged.empty() ? untagged : tagged;
  if (pool.empty()) return std::nullopt;
  int best = std::min_element(pool.begin(), pool.end(), [](auto& a, auto& b) { return a.priority < b.priority; })->priority;
  std::erase_if(pool, [&](const auto& d) { return d.priority != best; });
  std::sort(pool.begin(), pool.end(), [](auto& a, auto& b) { return a.id < b.id; });
  std::lock_guard lock(mu_);
  auto next = std::find_if(pool.begin(), pool.end(), [&](const auto& d) { return d.id > last_client_id_; });
  const auto& pick = next == pool.end() ? pool.front() : *next;
  last_client_id_ = pick.id;
  return pick;
}

Result<std::string> GrabService::fetch_nzb(const ReleaseInfo& release) {
  if (release.indexer_id > 0 && indexer_for_) {
    if (auto indexer = indexer_for_(release.indexer_id)) {
      auto nzb = indexer->download_nzb(release);  // checks the NZB, records the outcome
      if (!nzb) return make_error("Downloading the NZB for " + release.title + " from " + indexer->name() +
                                  " failed: " + nzb.message());
      return nzb;
    }
  }
  auto reply = fetch_(release.download_url);
  if (!reply) return make_error("Downloading the NZB for " + release.title + " failed: " + reply.message());
  if (reply->status == 404 || reply->status == 410)
    return make_error("Release " + release.title + " is no longer available on the indexer (HTTP " +
                      std::to_string(reply->status) + ")");
  if (reply->status >= 400)
    return make_error("Downloading the NZB for " + release.title + " failed: HTTP " + std::to_string(reply->status));
  if (auto st = validate_nzb(reply->body); !st) return make_error("Invalid NZB for " + release.title + ": " + st.message());
  return std::move(reply->body);
}

Result<TrackedDownload> GrabService::grab(const GrabRequest& request) {
  const auto& remote = request.remote;
  const auto& release = remote.release;
  if (!remote.series) return make_error("Unable to grab " + release.title + ": it is not mapped to a series");
  if (remote.episodes.empty()) return make_error("Unable to grab " + release.title + ": it is not mapped to episodes");
  auto def = choose_client(remote.series->tags, request.download_client_id);
  if (!def) return make_error("No download client was found for " + release.title);
  auto client = make_download_client(*def, builtin_);
  if (!client) return make_error("Download client " + def->name + " is not available");

  auto nzb = fetch_nzb(release);
  if (!nzb) return nzb.error();

  std::time_t now = parse_utc(now_()).value_or(std::time(nullptr));
  bool recent = std::any_of(remote.episodes.begin(), remote.episodes.end(), [&](const Episode& e) {
    auto aired = e.air_date_utc ? parse_utc(*e.air_date_utc) : std::nullopt;
    return aired && *aired >= now - kRecentSeconds;
  });
  AddNzbRequest add{*nzb, release.title, def->settings.tv_category, grab_priority(def->settings, recent)};
  auto id = client->add_nzb(add);
  if (!id) return make_error("Download client " + def->name + " refused " + release.title + ": " + id.message());
  if (id->empty()) return make_error("Download client " + def->name + " answered no id for " + release.title);

  QualityModel quality = remote.parsed ? remote.parsed->quality : parse_quality(release.title);
  std::string group = remote.parsed ? remote.parsed->release_group : parse_release_group(release.title);
  long age_minutes = 0;
  if (auto published = parse_utc(release.publish_date)) age_minutes = std::max<long>(0, static_cast<long>(now - *published) / 60);
  std::vector<std::pair<std::string, std::string>> data = {
      {"indexer", release.indexer},
      {"nzbInfoUrl", release.info_url},
      {"releaseGroup", group},
      {"age", std::to_string(age_minutes / 1440)},
      {"ageHours", std::to_string(age_minutes / 60)},
      {"ageMinutes", std::to_string(age_minutes)},
      {"publishedDate", release.publish_date},
      {"downloadClient", implementation_name(def->implementation)},
      {"downloadClientName", def->name},
      {"size", std::to_string(release.size)},
      {"downloadUrl", release.download_url},
      {"guid", release.guid},
      {"tvdbId", std::to_string(release.tvdb_id)},
      {"tvRageId", std::to_string(release.tvrage_id)},
      {"imdbId", release.imdb_id},
      {"protocol", "1"},
      {"customFormatScore", "0"},
      {"seriesMatchType", release.tvdb_id && release.tvdb_id == remote.series->tvdb_id ? "Id" : "Title"},
      {"releaseSource", request.release_source},
      {"indexerFlags", "0"},
      {"releaseType", release_type(remote)}};
  std::string date = now_();
  for (const auto& e : remote.episodes) {
    HistoryEvent h;
    h.series_id = remote.series->id;
    h.episode_id = e.id;
    h.source_title = release.title;
    h.quality_id = quality.id;
    h.date = date;
    h.event_type = "grabbed";
    h.download_id = *id;
    h.data = data;
    must(library_.add_history(std::move(h)));
  }

  TrackedDownload td;
  td.download_client_id = def->id;
  td.download_id = *id;
  td.series_id = remote.series->id;
  for (const auto& e : remote.episodes) td.episode_ids.push_back(e.id);
  td.title = release.title;
  td.quality = quality;
  td.indexer = release.indexer;
  td.release = release;
  td.grabbed = date;
  TrackedDownloads store(library_);
  auto added = store.add(td);
  // A refresh in between may have adopted it from the grab history already.
  if (!added) {
    if (auto existing = store.find(def->id, *id)) return *existing;
  }
  return added;
}

}  // namespace nzbd::pvr
