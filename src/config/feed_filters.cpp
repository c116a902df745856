#include "config/feed_filters.h"

#include <algorithm>
#include <map>

#include "util/strings.h"

namespace nzbd::config {

FeedFilter default_feed_filter() { return FeedFilter{}; }

FeedFilter feed_filter_from_text(std::string_view text) {
  std::vector<std::string> f;
  if (auto list = parse_list_value(text)) f = std::move(list->items);
  else f = {std::string(text)};  // an unterminated quote: keep the text as the first field
  while (f.size() < 7) f.emplace_back("1");
  if (f[6].empty()) f[6] = "1";
  FeedFilter r;
  r.cat = f[0];
  r.pp = f[1];
  r.script = f[2];
  r.type = f[3];
  r.text = f[4];
  r.priority = f[5];
  r.enabled = f[6];
  return r;
}

bool is_filter_key(std::string_view key) {
  constexpr std::string_view kPrefix = "filter";
  if (key.size() <= kPrefix.size() || key.substr(0, kPrefix.size()) != kPrefix) return false;
  auto digits = key.substr(kPrefix.size());
  return digits.size() <= 6 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<FeedFilter> feed_filters(const IniItem& feed) {
  std::map<int64_t, FeedFilter> by_index;
  for (const auto& [k, v] : feed.values)
    if (is_filter_key(k)) by_index[parse_int(k.substr(6)).value_or(0)] = feed_filter_from_text(v);
  if (by_index.empty()) return {default_feed_filter()};
  std::vector<FeedFilter> out;
  for (auto& [i, row] : by_index) out.push_back(std::move(row));
  return out;
}

void set_feed_filters(IniItem& feed, const std::vector<FeedFilter>& rows) {
  std::erase_if(feed.values, [](const auto& kv) { return is_filter_key(kv.first); });
  for (size_t i = 0; i < rows.size(); ++i) feed.set("filter" + std::to_string(i), write_list_value(rows[i].fields()));
}

}  // namespace nzbd::config
