// The TV side's view of an indexer: something that answers searches and an
// RSS feed with ReleaseInfo records and hands out NZB files. Newznab is the
// implementation (newznab.h); tests may substitute their own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pvr/indexer/release_info.h"
#include "util/result.h"

namespace nzbd::pvr {

// What to look for (Sonarr's SearchCriteria family, flattened). Ids that are
// 0/empty are unknown; the client sends the ones the indexer's caps allow.
struct SearchCriteria {
  enum class Kind { SingleEpisode, Season, Daily, Anime, Special };
  Kind kind = Kind::SingleEpisode;
  int tvdb_id = 0;
  int tvmaze_id = 0;
  int tvrage_id = 0;
  std::string imdb_id;
  std::vector<std::string> scene_titles;  // series title and alternate titles, for the title tier
  int season = 0;
  std::vector<int> episodes;              // SingleEpisode: the episode numbers
  std::optional<std::string> air_date;    // Daily: yyyy-MM-dd
  std::vector<int> absolute_episodes;     // Anime
  bool interactive = false;               // a user-triggered search (enableInteractiveSearch)
};

class Indexer {
 public:
  virtual ~Indexer() = default;
  virtual int id() const = 0;
  virtual std::string name() const = 0;
  // Every page the indexer offers for the criteria (bounded), or an error
  // a user can act on ("Invalid API key", "Request limit reached", ...).
  virtual Result<std::vector<ReleaseInfo>> search(const SearchCriteria& criteria) = 0;
  // The recent-releases feed for RSS sync.
  virtual Result<std::vector<ReleaseInfo>> fetch_recent() = 0;
  // Fetches the NZB behind download_url (bytes).
  virtual Result<std::string> download_nzb(const ReleaseInfo& release) = 0;
};

}  // namespace nzbd::pvr
