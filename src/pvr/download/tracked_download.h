// Downloads the TV side grabbed and follows until they are imported or
// failed (Sonarr's TrackedDownload), kept in the tracked_downloads table so
// a kill -9 between grab and import loses nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pvr/indexer/release_info.h"
#include "pvr/library.h"
#include "pvr/quality.h"

namespace nzbd::pvr {

struct TrackedDownload {
  int id = 0;
  int download_client_id = 0;
  std::string download_id;          // the client's id (nzo_id)
  int series_id = 0;
  std::vector<int> episode_ids;
  std::string title;                // release title
  QualityModel quality;
  std::string indexer;
  ReleaseInfo release;              // as grabbed (for blocklist and re-search)
  // downloading, importPending, importing, imported, failedPending, failed, ignored
  std::string state = "downloading";
  std::vector<std::string> status_messages;
  std::string grabbed;              // UTC instant
  std::string updated;
};

// The stored (JSON text) forms of a release and a quality, shared with the
// pending releases; text that does not parse reads as an empty value.
std::string release_to_text(const ReleaseInfo& r);
ReleaseInfo release_from_text(const std::string& text);
std::string quality_to_text(const QualityModel& q);
QualityModel quality_from_text(const std::string& text);

class TrackedDownloads {
 public:
  explicit TrackedDownloads(Library& library) : library_(library) {}
  Result<TrackedDownload> add(TrackedDownload d);
  Status update(const TrackedDownload& d);
  std::optional<TrackedDownload> get(int id);
  std::optional<TrackedDownload> find(int download_client_id, const std::string& download_id);
  // Not yet imported/failed/ignored (what the queue and "already in queue" see).
  std::vector<TrackedDownload> active();
  std::vector<TrackedDownload> all();
  Status remove(int id);

 private:
  Library& library_;
};

}  // namespace nzbd::pvr
