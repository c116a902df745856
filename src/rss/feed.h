// Reading one RSS 2.0, RSS 1.0 (RDF) or Atom document into the items
// SABnzbd's reader works with (its feedparser + _get_link). Pure functions
// over a string, so hostile feeds are tested without a server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nzbd::rss {

// The most of a feed that is read: bigger replies are cut off by the
// transfer (a warning, nothing read); items past kMaxItems are left out.
inline constexpr std::size_t kMaxFeedBytes = 10u << 20;
inline constexpr std::size_t kMaxItems = 5000;
// Titles become job names and are matched by user regexes: bounded.
inline constexpr std::size_t kMaxTitle = 1024;
inline constexpr std::size_t kMaxLink = 4096;

struct FeedItem {
  std::string title;
  std::string link;      // the NZB: the first enclosure's url, else the item's link
  uint64_t size = 0;     // bytes; 0 = unknown (size filters then let it pass, as SABnzbd)
  std::optional<std::time_t> published;  // newznab usenetdate, else pubDate/published/updated
  std::string category;  // the indexer's (<category>, Atom term, newznab "category" text)
  int season = 0, episode = 0;  // newznab attributes; 0 = not given
};

struct ParsedFeed {
  std::vector<FeedItem> items;
  // Why items were left out, one line each (no title, no http(s) link, a
  // size that is not a number, the item cap).
  std::vector<std::string> skipped;
};

// An error when the text is not XML, not RSS/Atom, or declares entities in
// a DOCTYPE (billion laughs, external entities: refused, never expanded).
Result<ParsedFeed> parse_feed(std::string_view body);

}  // namespace nzbd::rss
