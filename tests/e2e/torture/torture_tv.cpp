#include "e2e/torture/torture_tv.h"

#include <algorithm>

#include "e2e/tv/tv_setup.h"
#include "support/http_client.h"

namespace nzbd::test::torture {

using Json = nlohmann::json;
namespace {
constexpr const char* kIndexerKey = "torture-newznab-key";
constexpr std::int64_t kFeedSize = 1'500'000'000;  // what 1080p WEB-DL allows; the NZB itself is small
}  // namespace

TvSide::TvSide(std::filesystem::path root) : root_(std::move(root)), newznab_(kIndexerKey) {
  std::filesystem::create_directories(root_);
}
TvSide::~TvSide() = default;

std::string tv_release_title(const std::string& stem) {
  std::string group = stem;  // "T<seed>-<index>" -> "T<seed>x<index>": one word, as groups are
  std::replace(group.begin(), group.end(), '-', 'x');
  return "The.Test.Show.S01E01.1080p.WEB-DL.DDP5.1.H.264-" + group;
}

Json TvSide::sonarr(DaemonProcess& d, const std::string& method, const std::string& path, const Json& body,
                    long* status) {
  std::vector<std::string> headers = {"X-Api-Key: " + d.api_key()};
  if (!body.is_null()) headers.push_back("Content-Type: application/json");
  auto r = http_request(method, d.url() + path, body.is_null() ? "" : body.dump(), headers);
  if (status) *status = r.status;
  return Json::parse(r.body, nullptr, false);
}

bool TvSide::ready(DaemonProcess& d, std::string& why) {
  if (episode_id_) return true;
  e2etv::Sonarr call = [&](const std::string& m, const std::string& p, const Json& b, long* st) {
    return sonarr(d, m, p, b, st);
  };
  series_id_ = e2etv::add_test_series(call, root_, 6, {{1, 1}});
  if (!series_id_) return why = "the TV series could not be added", false;
  if (!e2etv::add_test_indexer(call, newznab_.base_url(), kIndexerKey, &why)) return why = "indexer: " + why, false;
  Json eps = sonarr(d, "GET", "/api/v3/episode?seriesId=" + std::to_string(series_id_));
  if (eps.is_array())
    for (const auto& e : eps)
      if (e["seasonNumber"] == 1 && e["episodeNumber"] == 1) episode_id_ = e["id"];
  if (!episode_id_) return why = "no S01E01", false;
  return true;
}

bool TvSide::clear_episode(DaemonProcess& d, std::string& why) {
  Json files = sonarr(d, "GET", "/api/v3/episodefile?seriesId=" + std::to_string(series_id_));
  if (!files.is_array()) return why = "GET /episodefile: " + files.dump(), false;
  for (const auto& f : files) {
    long st = 0;
    sonarr(d, "DELETE", "/api/v3/episodefile/" + std::to_string(f.value("id", 0)), nullptr, &st);
    if (st != 200) return why = "DELETE /episodefile -> " + std::to_string(st), false;
  }
  return true;
}

void TvSide::offer(const std::string& title, const std::string& nzb) {
  newznab_.set_releases({e2etv::release(title, kFeedSize, 1, 1, nzb)});
}

bool TvSide::search(DaemonProcess& d) {
  long st = 0;
  sonarr(d, "POST", "/api/v3/command", {{"name", "EpisodeSearch"}, {"episodeIds", {episode_id_}}}, &st);
  return st == 201;
}

bool TvSide::refresh(DaemonProcess& d) {
  long st = 0;
  sonarr(d, "POST", "/api/v3/command", {{"name", "RefreshMonitoredDownloads"}}, &st);
  return st == 201;
}

bool TvSide::has_file(DaemonProcess& d) {
  Json e = sonarr(d, "GET", "/api/v3/episode/" + std::to_string(episode_id_));
  return e.is_object() && e.value("hasFile", false);
}

Json TvSide::events(DaemonProcess& d, const std::string& type, const std::string& download_id) {
  Json page = sonarr(d, "GET", "/api/v3/history?pageSize=1000&episodeId=" + std::to_string(episode_id_));
  if (!page.is_object() || !page.contains("records")) return nullptr;
  Json out = Json::array();
  for (const auto& r : page["records"])
    if (r.value("episodeId", 0) == episode_id_ && r.value("eventType", "") == type &&
        (download_id.empty() || r.value("downloadId", "") == download_id))
      out.push_back(r);
  return out;
}

}  // namespace nzbd::test::torture
