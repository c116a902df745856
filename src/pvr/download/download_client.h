// The TV side's view of a download client: add an NZB, list what it holds,
// remove one. The built-in client (nzbd's own queue and history) is an
// adapter the daemon wires in; `Sabnzbd` talks to any SABnzbd-compatible
// server over HTTP. pvr/ never includes queue/ or history/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::pvr {

struct AddNzbRequest {
  std::string nzb;        // the NZB file's bytes
  std::string name;       // job name (the release title)
  std::string category;   // e.g. "tv"
  int priority = 0;       // SABnzbd priority: -1 low, 0 normal, 1 high, 2 force
};

// One item a client holds, in Sonarr's DownloadClientItem terms.
struct DownloadItem {
  std::string download_id;  // SABnzbd's nzo_id
  std::string title;
  std::string category;
  // queued, paused, downloading, completed, failed, warning, delay
  std::string status;
  std::int64_t total_size = 0;
  std::int64_t remaining_size = 0;
  std::optional<int> time_left_seconds;
  std::string output_path;  // the job's folder (or file) once it is Completed
  std::string message;      // the fail reason, or what the client says
  bool removed = false;     // gone from the client (deleted by hand)
};

class DownloadClient {
 public:
  virtual ~DownloadClient() = default;
  // Adds the NZB; answers the client's download id (nzo_id).
  virtual Result<std::string> add_nzb(const AddNzbRequest& request) = 0;
  // Queue and history items of the client's categories (all, when empty).
  virtual Result<std::vector<DownloadItem>> items(const std::string& category) = 0;
  // Removes from queue or history; delete_data drops its files too.
  virtual Status remove(const std::string& download_id, bool delete_data) = 0;
  // Connection and category check for /downloadclient/test.
  virtual Status test() = 0;
};

}  // namespace nzbd::pvr
