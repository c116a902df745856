// The filter rows of an RSS feed ([[feed]] under [rss]) as SABnzbd keeps
// them: keys filter0, filter1, … each a ConfigObj list of seven fields
// `cat, pp, script, type, text, priority, enabled`. A feed without any
// filterN key has SABnzbd's default row, accept everything.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/ini.h"

namespace nzbd::config {

struct FeedFilter {
  std::string cat, pp, script;
  std::string type = "A";  // A, R, M, C, <, >, F, S (see rss/filter.h)
  std::string text = "*";
  std::string priority = "-100";
  std::string enabled = "1";
  std::vector<std::string> fields() const { return {cat, pp, script, type, text, priority, enabled}; }
};

// SABnzbd's ['', '', '', 'A', '*', DEFAULT_PRIORITY, '1'].
FeedFilter default_feed_filter();

// One row from its text (an API parameter or the ini value). Missing fields
// are filled with "1" and an empty `enabled` becomes "1", as SABnzbd's
// OptionFilters.set_dict does.
FeedFilter feed_filter_from_text(std::string_view text);

// True for "filter" followed by digits only.
bool is_filter_key(std::string_view key);

// The rows of a feed in filterN order (gaps closed), or the default row.
std::vector<FeedFilter> feed_filters(const IniItem& feed);

// Replaces every filterN key of the feed by filter0 … filterK-1.
void set_feed_filters(IniItem& feed, const std::vector<FeedFilter>& rows);

}  // namespace nzbd::config
