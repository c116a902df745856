// One feed's read-out, the part of SABnzbd's run_feed between fetching and
// the queue: its URIs fetched and parsed, each new item judged once, the
// seen links updated. Internal to the rss module; the Reader (reader.cpp)
// runs it for each enabled feed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/feed_filters.h"
#include "pvr/http_get.h"
#include "rss/feed.h"
#include "rss/filter.h"
#include "rss/rss.h"
#include "rss/seen.h"

namespace nzbd::rss {

struct FeedConfig {
  std::string name;
  std::vector<std::string> uris;
  FeedDefaults defaults;
  std::vector<config::FeedFilter> filters;
};

// The [rss] feeds with enable=1, in the ini's order, and what judging needs.
struct Snapshot {
  std::vector<FeedConfig> feeds;
  std::vector<UserCategory> categories;  // without "*"
  int no_dupes = 0;                      // misc no_dupes: 1 discard, 2 and 4 pause
};
Snapshot take_snapshot(const config::Config& c);

// What the URIs of a feed gave.
struct Fetched {
  std::vector<FeedItem> items;        // of all URIs that could be read, in order
  std::vector<std::string> problems;  // one line each, URIs shown without their query
  bool any_read = false;              // at least one URI gave a feed
  bool all_read = true;               // every URI gave a feed
};
Fetched fetch_feed(const FeedConfig& feed, const pvr::HttpGet& get);

// Judges the items against the feed's filters and updates `links`.
// `first`: the feed's first read-out (everything is marked seen with '*',
// nothing is downloaded). `downloaded` tells whether a title was already
// downloaded from any feed (no_dupes). Returns the jobs to add; their
// links are already marked D.
std::vector<UrlJob> judge_items(const FeedConfig& feed, const FilterSet& filters, const Fetched& fetched, bool first,
                                FeedLinks& links, const Snapshot& snap, int64_t now,
                                const std::function<bool(const std::string& title)>& downloaded);

// The URI as messages show it: without its query (indexer keys live there).
std::string shown_uri(const std::string& uri);

}  // namespace nzbd::rss
