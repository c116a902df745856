// The links each feed has shown, with SABnzbd's status letters (its
// rss_data.sab): G good match, B bad match, D downloaded, X gone from the
// feed; a '*' after G/B marks the first read-out's batch, never downloaded
// automatically. Kept in one JSON file under admin_dir, written atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "util/result.h"

namespace nzbd::rss {

struct SeenLink {
  std::string status;    // "G", "G*", "B", "B*", "D", "X"
  std::string title;
  uint64_t size = 0;
  int64_t time = 0;      // when last judged (epoch seconds)
  int64_t published = 0; // 0 = unknown
  std::string category;  // the category it got (or would have got)
};
using FeedLinks = std::map<std::string, SeenLink>;  // by link

struct SeenState {
  std::map<std::string, FeedLinks> feeds;  // by feed name; a feed is here once it was read
};

// A missing file is an empty state; one that cannot be read is an error
// (the caller warns and starts empty, as SABnzbd does).
Result<SeenState> load_seen(const std::filesystem::path& path);
Status save_seen(const std::filesystem::path& path, const SeenState& state);

// SABnzbd's remove_obsolete: G/B links not in `current` become X; X links
// judged more than three days ago are forgotten. D links stay.
void remove_obsolete(FeedLinks& links, const std::set<std::string>& current, int64_t now);

}  // namespace nzbd::rss
