// Sonarr's DownloadService.DownloadReport: fetch the release's NZB, pick a
// download client (enabled, tags, lowest priority, round-robin), add it
// with the client's category and the priority for the episodes' age,
// write one `grabbed` history row per episode (Sonarr's data keys, the
// client's id as downloadId) and start tracking the download.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pvr/decision/decision.h"
#include "pvr/download/client_store.h"
#include "pvr/download/tracked_download.h"
#include "pvr/http_get.h"
#include "pvr/indexer/indexer.h"

namespace nzbd::pvr {

struct GrabRequest {
  RemoteEpisode remote;  // a mapped release: series and episodes must be set
  // Rss, Search, UserInvokedSearch, InteractiveSearch or ReleasePush
  std::string release_source = "Search";
  std::optional<int> download_client_id;  // forced client (indexer setting, POST /release)
};

class GrabService {
 public:
  // fetch: the NZB download (libcurl when empty); now_utc for tests.
  GrabService(Library& library, DownloadClientStore& clients, std::shared_ptr<DownloadClient> builtin,
              HttpGet fetch = {}, std::function<std::string()> now_utc = {});

  // Where a release's indexer comes from (pvr::make_indexer over the store):
  // its NZB is then fetched through the indexer, so a 429 or a failure feeds
  // that indexer's back-off as Sonarr's DownloadService does. Without it, or
  // for a release with no indexer row, the NZB is a plain GET.
  using IndexerSource = std::function<std::unique_ptr<Indexer>(int indexer_id)>;
  void set_indexer_source(IndexerSource source) { indexer_for_ = std::move(source); }

  // The tracked download, or why nothing was grabbed (no client, NZB
  // unavailable or invalid, the client refused it).
  Result<TrackedDownload> grab(const GrabRequest& request);

  // Sonarr's client choice for a series' tags; nullopt when none fits.
  std::optional<DownloadClientDefinition> choose_client(const std::vector<int>& series_tags,
                                                        std::optional<int> forced);

 private:
  Library& library_;
  DownloadClientStore& clients_;
  std::shared_ptr<DownloadClient> builtin_;
  Result<std::string> fetch_nzb(const ReleaseInfo& release);

  HttpGet fetch_;
  IndexerSource indexer_for_;
  std::function<std::string()> now_;
  std::mutex mu_;
  int last_client_id_ = 0;  // round-robin within the best priority
};

// Checks that `data` is an NZB (root <nzb> with at least one <file>); an
// indexer's <error code description> reply becomes its description.
Status validate_nzb(const std::string& data);

// What is downloading now, for the decisions' "already in queue" check.
std::vector<QueuedRelease> queued_releases(TrackedDownloads& tracked);

}  // namespace nzbd::pvr
