// SABnzbd's RSS filter rows (rss.py run_feed): each enabled row is tried in
// order until one decides; an item no row accepts is not downloaded (a feed
// with the default row "A *" accepts everything).
//
//   A  accept when the text matches the title       (decides)
//   R  reject when the text matches the title       (decides)
//   M  requires: reject when the text does not match (decides only then)
//   C  requires category: reject when the item's category does not match
//      (no category on the item: the row does nothing)
//   <  size at most: reject when the item is larger  (unknown size: nothing)
//   >  size at least: reject when it is smaller      (unknown size: nothing)
//   F  from SxxEyy: reject an episode before it (or one without SxxEyy)
//   S  from show SxxEyy: accept the show from that episode on
//
// Text is a wildcard (`*` any run, `?` one character; found anywhere in the
// title) or, after `re:`, a regular expression (ECMAScript syntax; Python's
// for SABnzbd); both ignore case. A size is a number with K/M/G/T (1024s).
// SABnzbd has no filter on age.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "config/feed_filters.h"
#include "rss/feed.h"

namespace nzbd::rss {

// SABnzbd's wildcard_to_re: regex specials quoted, `*` -> `.*`, `?` -> `.`.
std::string wildcard_to_regex(std::string_view text);

// Season and episode from a title: "S01E02", "s1e2", "1x02". nullopt without one.
std::optional<std::pair<int, int>> season_episode(std::string_view title);

class FilterSet {
 public:
  explicit FilterSet(const std::vector<config::FeedFilter>& rows);

  struct Verdict {
    bool accepted = false;
    // The deciding row, or the last one when none decided (SABnzbd's `n`
    // after its loop); the cat/pp/script/priority come from it.
    std::size_t row = 0;
  };
  Verdict judge(const FeedItem& item) const;

  const std::vector<config::FeedFilter>& rows() const { return rows_; }
  // Rows whose text is not a valid regex (they never match, as in SABnzbd)
  // or whose type is unknown (they do nothing).
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  struct Rule {
    char type = 'A';
    bool enabled = true;
    std::optional<std::regex> re;  // A R M C; nullopt: never matches
    uint64_t bytes = 0;            // < >
    std::string text;              // F S
  };
  std::vector<config::FeedFilter> rows_;
  std::vector<Rule> rules_;
  std::vector<std::string> problems_;
};

// What the job gets. "" / -100 leave it to the category (the queue resolves
// them as for any job).
struct JobOptions {
  std::string category, pp, script;
  int priority = -100;
};

// The feed's own cat/pp/script/priority (SABnzbd's defCat … defPrio).
struct FeedDefaults {
  std::string category, pp, script, priority;
};

// A user category and the indexer categories/groups it takes (its
// `newzbin` list), in the order of the categories' `order`.
struct UserCategory {
  std::string name;
  std::vector<std::string> indexer_names;
};

// SABnzbd's cat_convert: the user category whose indexer names match the
// item's category (wildcards, whole text, any case), else one named the
// same, else one the item's category starts with; "" when none.
std::string convert_category(std::string_view indexer_category, const std::vector<UserCategory>& categories);

// SABnzbd's choice for an accepted item: the deciding row's value when it
// is not a default, else the feed's, else the category's. The category is
// the row's, else the feed's (when it exists), else the item's converted.
JobOptions choose_options(const FilterSet::Verdict& verdict, const FilterSet& filters, const FeedDefaults& feed,
                          const FeedItem& item, const std::vector<UserCategory>& categories);

}  // namespace nzbd::rss
