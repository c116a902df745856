// One release as an indexer reports it (Sonarr's ReleaseInfo): what the
// Newznab feed says about an NZB, before the parser or decisions look at it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nzbd::pvr {

struct ReleaseInfo {
  std::string guid;           // the item's <guid>; unique per indexer
  std::string title;          // the release name, as posted
  std::int64_t size = 0;      // bytes (newznab:attr size, or <enclosure length>)
  std::string download_url;   // the NZB link (<link> / <enclosure url>)
  std::string info_url;       // <comments> or the details page
  std::string comment_url;
  int indexer_id = 0;         // our indexer row id
  std::string indexer;        // the indexer's name
  int indexer_priority = 25;  // 1 (first) .. 50
  std::string publish_date;   // UTC instant "yyyy-MM-ddTHH:mm:ssZ"
  std::vector<int> categories;
  int tvdb_id = 0;
  int tvmaze_id = 0;
  int tvrage_id = 0;
  std::string imdb_id;
  std::optional<int> grabs;
  std::optional<int> files;
  std::optional<std::string> poster;  // newznab:attr usenetdate-free extras are ignored
  std::string download_protocol = "usenet";
};

}  // namespace nzbd::pvr
