// Indexer rows (Sonarr's IndexerDefinition with NewznabSettings), their
// status (failure back-off, cached caps, RSS sync marker) and the
// /config/indexer values, kept in the TV database beside the library
// (tables `indexers`, `indexer_status`, `settings`).
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::pvr {

class Library;

// Core/Indexers/Newznab/NewznabSettings.cs, with Sonarr's defaults.
struct NewznabSettings {
  std::string base_url;
  std::string api_path = "/api";
  std::string api_key;
  std::vector<int> categories = {5030, 5040};
  std::vector<int> anime_categories;  // Sonarr's default is empty
  bool anime_standard_format_search = false;
  std::string additional_parameters;  // appended verbatim, "&a=b&c=d"
  std::vector<int> multi_languages;
  std::vector<int> fail_downloads;  // 0 = executables, 1 = potentially dangerous

  bool operator==(const NewznabSettings&) const = default;
};

struct IndexerDefinition {
  int id = 0;
  std::string name;
  std::string implementation = "Newznab";
  NewznabSettings settings;
  bool enable_rss = true;
  bool enable_automatic_search = true;
  bool enable_interactive_search = true;
  int priority = 25;  // 1 (first) .. 50
  int season_search_maximum_single_episode_age = 0;  // days, 0 = off
  int download_client_id = 0;                        // 0 = any
  std::vector<int> tags;

  // Sonarr's ProviderDefinition.Enable for indexers.
  bool enabled() const { return enable_rss || enable_automatic_search || enable_interactive_search; }
};

struct IndexerStatus {
  int indexer_id = 0;
  std::optional<std::string> initial_failure;      // "yyyy-MM-ddTHH:mm:ssZ"
  std::optional<std::string> most_recent_failure;
  int escalation_level = 0;
  std::optional<std::string> disabled_till;
  std::string last_error;  // the last failure's message, for /health and logs

  bool is_disabled(std::time_t now) const;
};

// The newest release seen by the previous RSS sync (Sonarr's
// LastRssSyncReleaseInfo): the next sync pages until it reaches it.
struct RssMarker {
  std::string download_url;
  std::string publish_date;
};

// /api/v3/config/indexer (IndexerConfigResource), stored as settings "indexer".
struct IndexerConfig {
  int minimum_age = 0;       // minutes
  int retention = 0;         // days, 0 = unlimited
  int maximum_size = 0;      // MB, 0 = unlimited
  int rss_sync_interval = 15;  // minutes, 0 = disabled, else 10..120
};

// Sonarr's EscalationBackOff periods (seconds), indexed by escalation level.
inline constexpr int kEscalationBackOff[] = {0,    60,        5 * 60,     15 * 60,     30 * 60,
                                             3600, 3 * 3600,  6 * 3600,   12 * 3600,   24 * 3600};

class IndexerStore {
 public:
  // `started` is the process start: during its first 15 minutes a failure
  // disables an indexer for at most 5 minutes, as in Sonarr.
  explicit IndexerStore(Library& library, std::time_t started = std::time(nullptr));

  // Definitions, sorted by name (case-insensitive) as GET /indexer lists them.
  std::vector<IndexerDefinition> list();
  std::optional<IndexerDefinition> get(int id);
  Result<IndexerDefinition> add(IndexerDefinition def);
  // Replaces the row; forgets the cached caps when the settings changed.
  Status update(const IndexerDefinition& def);
  Status remove(int id);  // status row goes with it

  // Status. A missing row reads as a healthy indexer.
  IndexerStatus status(int id);
  std::vector<IndexerStatus> statuses();
  bool is_disabled(int id, std::time_t now = std::time(nullptr));
  // Sonarr's RecordSuccess: one escalation level down, enabled again.
  void record_success(int id);
  // Sonarr's RecordFailure. `escalate` false is a connection failure (DNS,
  // refused), which does not climb the ladder; `minimum_backoff` (429 /
  // "Request limit reached") raises the level until the period covers it.
  void record_failure(int id, const std::string& message, std::chrono::seconds minimum_backoff = {},
                      bool escalate = true, std::time_t now = std::time(nullptr));

  // The t=caps XML, if fetched within max_age.
  std::optional<std::string> cached_caps(int id, std::chrono::seconds max_age = std::chrono::hours(24 * 7),
                                         std::time_t now = std::time(nullptr));
  void store_caps(int id, const std::string& xml, std::time_t now = std::time(nullptr));

  std::optional<RssMarker> rss_marker(int id);
  void store_rss_marker(int id, const RssMarker& marker);

  IndexerConfig config();
  void save_config(const IndexerConfig& config);

 private:
  Library& library_;
  std::time_t started_;
};

}  // namespace nzbd::pvr
