// Sonarr's RefreshMonitoredDownloads + Completed/Failed download handling:
// polls every enabled download client, matches its items to the tracked
// downloads, imports a Completed job exactly once and fails a Failed one.
// The persisted state (tracked_downloads) is what survives a restart; the
// client's live view (size left, time left, messages) is kept in memory for
// /api/v3/queue.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pvr/download/client_store.h"
#include "pvr/download/download_client.h"
#include "pvr/download/tracked_download.h"
#include "pvr/import/download_import.h"

namespace nzbd::pvr {

struct StatusMessage {
  std::string title;
  std::vector<std::string> messages;
};

// One tracked download as the queue shows it.
struct QueueEntry {
  TrackedDownload download;
  std::string client_name;       // the definition's name
  std::string client_implementation;
  std::string status = "queued";  // the client item's status (queued, paused, downloading, completed, failed, warning)
  std::string tracked_status = "ok";  // ok, warning, error
  std::vector<StatusMessage> messages;
  std::int64_t size = 0;
  std::int64_t size_left = 0;
  std::optional<int> time_left_seconds;
  std::string output_path;
  std::string error_message;     // the client's message (SAB's fail_message)
  bool seen = false;             // the client reported it since the start
};

struct TrackerHooks {
  using Import = std::function<Result<DownloadImportResult>(const DownloadImportRequest&)>;
  // Default: pvr::import_download over the tracker's library.
  Import import;
  // A download failed (client Failed, nothing importable, or marked failed
  // by hand): the integrator blocklists the release and searches again
  // unless skip_redownload. Runs with the tracker's refresh lock held: it
  // must not call back into the tracker (queue a command instead).
  std::function<void(const TrackedDownload&, const std::string& message, bool skip_redownload)> on_failed;
};

class DownloadTracker {
 public:
  DownloadTracker(Library& library, DownloadClientStore& clients, std::shared_ptr<DownloadClient> builtin,
                  TrackerHooks hooks = {});

  // One poll of every enabled client; a client that cannot be reached is
  // skipped (its error is answered) and the others go on. Refreshes never
  // overlap.
  Status refresh();

  // The last refresh's client errors ("" when every client answered), for
  // /health's "Unable to communicate with download clients".
  std::string last_error();

  // Tracked downloads not yet imported, failed or ignored, with their live view.
  std::vector<QueueEntry> snapshot();

  // DELETE /queue/{id}: stops tracking. remove_from_client deletes the job
  // (and its data); blocklist marks it failed ("Manually marked as failed"),
  // which calls on_failed; neither means ignore (history downloadIgnored).
  Status remove(int tracked_id, bool remove_from_client, bool blocklist, bool skip_redownload);

  // POST /history/failed: the download grabbed as download_id failed after
  // all (even when imported): Sonarr's FailedDownloadService.MarkAsFailed —
  // downloadFailed history, the job removed from the client when its
  // "remove failed downloads" is on, then on_failed (blocklist, search again).
  Status mark_failed(const std::string& download_id, bool skip_redownload);

  // For the integrator, who wires blocklist + re-search (and tests).
  void set_on_failed(decltype(TrackerHooks::on_failed) f);

  // The built-in client, for the grab path and the client factory.
  std::shared_ptr<DownloadClient> builtin() const { return builtin_; }

 private:
  void process(const DownloadClientDefinition& def, DownloadClient& client, TrackedDownload td,
               const DownloadItem& item, bool cdh);
  void import(const DownloadClientDefinition& def, DownloadClient& client, TrackedDownload& td,
              const DownloadItem& item);
  void fail(const DownloadClientDefinition& def, DownloadClient* client, TrackedDownload& td,
            const std::string& message, bool skip_redownload, bool remove_job);
  bool was_imported(const std::string& download_id);
  // Every grabbed episode has a downloadFolderImported row for this download.
  bool all_imported(const TrackedDownload& td);
  // Some files went in, others did not: Sonarr's importBlocked, retried on each refresh.
  void block_import(TrackedDownload& td, const std::vector<std::string>& rejections);
  std::pair<DownloadClientDefinition, std::shared_ptr<DownloadClient>> client_for(const TrackedDownload& td);
  std::optional<TrackedDownload> adopt(const DownloadClientDefinition& def, const DownloadItem& item);
  void history(const TrackedDownload& td, const DownloadClientDefinition& def, const std::string& event,
               const std::string& message);
  void set_live(const TrackedDownload& td, const std::function<void(QueueEntry&)>& change);

  Library& library_;
  DownloadClientStore& clients_;
  TrackedDownloads store_;
  std::shared_ptr<DownloadClient> builtin_;
  TrackerHooks hooks_;
  std::mutex refresh_mu_;  // one refresh (and one import) at a time
  std::mutex mu_;          // live_, misses_ and hooks_.on_failed
  std::map<int, QueueEntry> live_;  // by tracked id
  std::map<int, int> misses_;       // refreshes in a row the client did not report it
  std::string last_error_;
};

}  // namespace nzbd::pvr
