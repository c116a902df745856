// Sonarr's HTTP API (v3, plus the legacy /api/<resource> aliases) over the
// TV library. Handlers take plain http::Request values; the server routes
// /ping, /api (without mode=), /api/v3/... and /api/<resource> here.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "http/message.h"
#include "pvr/download/download_client.h"

namespace nzbd::pvr {
class DownloadTracker;
class DownloadClientStore;
class GrabService;
}  // namespace nzbd::pvr

namespace nzbd::sonarr {

struct SonarrOptions {
  std::filesystem::path data_dir;       // tv.db lives here
  std::function<std::string()> api_key;  // read on every request (the key can be reset)
  std::string tvmaze_base_url = "https://api.tvmaze.com";
  std::string version = "4.0.0.0";
  // The built-in download client (nzbd's own queue and history), wired in
  // by the daemon; null in tests that have no downloader.
  std::shared_ptr<pvr::DownloadClient> builtin_download_client;
};

class SonarrApi {
 public:
  // Opens (and migrates) the library and starts the command thread. Throws
  // std::runtime_error when the database cannot be opened.
  explicit SonarrApi(SonarrOptions options);
  ~SonarrApi();  // stops the command thread after the running command
  SonarrApi(const SonarrApi&) = delete;
  SonarrApi& operator=(const SonarrApi&) = delete;

  http::Response handle(const http::Request& request);

  // Blocks until the command queue is idle (tests and shutdown).
  void wait_idle();

  // What follows the grabbed downloads (RefreshMonitoredDownloads runs it
  // every minute); the integrator wires its on_failed hook.
  pvr::DownloadTracker& tracker();
  pvr::DownloadClientStore& download_clients();
  // Sends a picked release to a download client and starts tracking it.
  pvr::GrabService& grab_service();
  // Runs a refresh `after` from now (Sonarr does so 5 s after a grab; the
  // daemon asks for one when a built-in job is final).
  void refresh_downloads_soon(std::chrono::milliseconds after = std::chrono::seconds(1));
  // Rows of the TV history per event type (grabbed, downloadFolderImported, ...), for /metrics.
  std::map<std::string, long long> history_counts();
  // Indexer queries since start: {"ok", n}, {"failed", m} (for /metrics).
  std::map<std::string, uint64_t> indexer_query_counts() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace nzbd::sonarr
