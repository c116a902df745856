// The blocklist (Sonarr's Blocklisting): releases that failed, so the
// decisions never grab them again for the same series. Rows live in the
// `blocklist` table of the TV database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pvr/decision/decision.h"
#include "pvr/indexer/release_info.h"
#include "pvr/library.h"
#include "pvr/quality.h"

namespace nzbd::pvr {

struct BlocklistEntry {
  int id = 0;
  int series_id = 0;
  std::vector<int> episode_ids;
  std::string source_title;
  QualityModel quality;
  std::vector<std::string> languages;
  std::string date;                           // when it was blocklisted (UTC instant)
  std::optional<std::string> published_date;  // the release's publish date
  std::optional<std::int64_t> size;
  std::string protocol = "usenet";
  std::string indexer;
  std::string message;
  std::optional<std::string> torrent_info_hash;
};

struct BlocklistFilter {
  std::vector<int> series_ids;          // empty: all
  std::vector<std::string> protocols;   // "usenet", "torrent"; empty: all
};

// The row Sonarr writes for a failed grab: series, episodes, title, quality,
// languages, publish date, size, protocol and indexer of the release.
BlocklistEntry blocklist_entry_for(const RemoteEpisode& remote, std::string message);

class Blocklist {
 public:
  explicit Blocklist(Library& library) : library_(library) {}

  // Stores the entry (date defaults to now); returns it with its id.
  Result<BlocklistEntry> add(BlocklistEntry entry);
  // Sonarr's match for usenet: a row of this series whose title contains the
  // release title (case-insensitive) and that is the same NZB — the same
  // publish date, or from another indexer with a publish date within ±2 min
  // and a size within ±2 MiB (an unknown date or size matches).
  bool contains(int series_id, const ReleaseInfo& release);
  // The same for a release known only by title, publish date, indexer and size.
  bool contains(int series_id, const std::string& title, const std::string& publish_date,
                const std::string& indexer = "", std::int64_t size = 0);
  // Sort keys: date (default), indexer, series.sortTitle, sourceTitle.
  Page<BlocklistEntry> list(const PageRequest& page, const BlocklistFilter& filter = {});
  std::vector<BlocklistEntry> for_series(int series_id);
  std::optional<BlocklistEntry> get(int id);
  Status remove(int id);
  int remove_many(const std::vector<int>& ids);  // how many were removed
  void clear();

 private:
  Library& library_;
};

}  // namespace nzbd::pvr
