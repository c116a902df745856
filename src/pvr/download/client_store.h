// Download client provider rows (Sonarr's DownloadClientDefinition) in the
// download_clients table, the /config/downloadclient settings, and the
// factory that turns a row into a working DownloadClient. A built-in row
// (nzbd's own queue) exists whenever the table would otherwise be empty.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pvr/download/download_client.h"
#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

// The implementation names, as Sonarr's `implementation` field carries them.
inline constexpr const char* kSabnzbdImplementation = "Sabnzbd";
inline constexpr const char* kBuiltinImplementation = "NzbdBuiltin";

// SABnzbd's priority numbers (Sonarr's SabnzbdPriority).
inline constexpr int kSabPriorityDefault = -100;

// The union of both implementations' settings; the built-in client reads
// only the category and priorities.
struct DownloadClientSettings {
  std::string host = "localhost";
  int port = 8080;
  bool use_ssl = false;
  std::string url_base;
  std::string api_key;
  std::string username;
  std::string password;
  std::string tv_category = "tv";
  int recent_tv_priority = kSabPriorityDefault;
  int older_tv_priority = kSabPriorityDefault;
};

struct DownloadClientDefinition {
  int id = 0;
  std::string name;
  std::string implementation = kSabnzbdImplementation;
  DownloadClientSettings settings;
  bool enable = true;
  int priority = 1;
  bool remove_completed_downloads = true;
  bool remove_failed_downloads = true;
  std::vector<int> tags;
};

// /api/v3/config/downloadclient (settings row "downloadclient").
struct DownloadClientConfig {
  std::string download_client_working_folders = "_UNPACK_|_FAILED_";
  bool enable_completed_download_handling = true;
  bool auto_redownload_failed = true;
  bool auto_redownload_failed_from_interactive_search = true;
};

class DownloadClientStore {
 public:
  explicit DownloadClientStore(Library& library) : library_(library) {}

  // Sorted by name. Adds the built-in row first when the table is empty.
  std::vector<DownloadClientDefinition> list();
  std::optional<DownloadClientDefinition> get(int id);
  // Name must be non-empty and unique (case-insensitive).
  Result<DownloadClientDefinition> add(DownloadClientDefinition d);
  Status update(const DownloadClientDefinition& d);
  Status remove(int id);

  DownloadClientConfig config();
  Status save_config(const DownloadClientConfig& c);

 private:
  void ensure_builtin();
  Library& library_;
};

// The priority a grab uses: recent when an episode aired in the last 14 days.
int grab_priority(const DownloadClientSettings& s, bool recent);

// Sonarr's implementationName for the resource ("SABnzbd", "nzbd (built-in)").
std::string implementation_name(const std::string& implementation);

// A client for the row; the built-in row answers `builtin` (null when the
// daemon has no downloader), unknown implementations answer null.
std::shared_ptr<DownloadClient> make_download_client(const DownloadClientDefinition& d,
                                                     std::shared_ptr<DownloadClient> builtin);

}  // namespace nzbd::pvr
