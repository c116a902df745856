#include "rss/read.h"

#include <algorithm>
#include <map>

#include "util/strings.h"

namespace nzbd::rss {
namespace {

bool enabled(const config::Config& c, const config::IniItem& feed) {
  // SABnzbd's OptionBool: any non-zero number is on.
  return parse_int(c.item_value(feed, "rss", "enable")).value_or(0) != 0;
}

// SABnzbd quotes spaces and reads feed:// as http://.
std::string fetchable(const std::string& uri) {
  std::string u;
  for (char c : trim(uri)) u += c == ' ' ? std::string("%20") : std::string(1, c);
  if (starts_with_icase(u, "feed://")) u = "http://" + u.substr(7);
  return u;
}

// A transport message with the URI (and so its keys) replaced by the shown one.
std::string scrub(std::string text, const std::string& uri) {
  const std::string shown = shown_uri(uri);
  for (auto at = text.find(uri); at != std::string::npos; at = text.find(uri, at + shown.size()))
    text.replace(at, uri.size(), shown);
  return text;
}

}  // namespace

std::string shown_uri(const std::string& uri) {
  std::string u = uri.substr(0, uri.find_first_of("?#"));
  auto scheme = u.find("://");
  if (scheme != std::string::npos) {
    auto host_start = scheme + 3;
    auto host_end = std::min(u.find('/', host_start), u.size());
    auto at = u.rfind('@', host_end);
    if (at != std::string::npos && at >= host_start) u.erase(host_start, at + 1 - host_start);
  }
  return u;
}

Snapshot take_snapshot(const config::Config& c) {
  Snapshot s;
  for (const auto* it : c.items("rss")) {
    if (!enabled(c, *it)) continue;
    FeedConfig f;
    f.name = it->name;
    f.uris = split_list(c.item_value(*it, "rss", "uri"));
    f.defaults = {c.item_value(*it, "rss", "cat"), c.item_value(*it, "rss", "pp"), c.item_value(*it, "rss", "script"),
                  c.item_value(*it, "rss", "priority")};
    f.filters = config::feed_filters(*it);
    s.feeds.push_back(std::move(f));
  }
  auto cats = c.items("categories");
  std::stable_sort(cats.begin(), cats.end(), [&](auto* a, auto* b) {
    return parse_int(c.item_value(*a, "categories", "order")).value_or(0) <
           parse_int(c.item_value(*b, "categories", "order")).value_or(0);
  });
  for (const auto* it : cats)
    if (it->name != "*") s.categories.push_back({it->name, split_list(c.item_value(*it, "categories", "newzbin"))});
  s.no_dupes = static_cast<int>(c.misc_int("no_dupes"));
  return s;
}

Fetched fetch_feed(const FeedConfig& feed, const pvr::HttpGet& get) {
  Fetched out;
  if (feed.uris.empty()) {
    out.problems.push_back("has no URI to read");
    out.all_read = false;
  }
  for (const auto& raw : feed.uris) {
    const std::string uri = fetchable(raw);
    const std::string shown = shown_uri(uri);
    auto fail = [&](const std::string& why) {
      out.problems.push_back("cannot read " + shown + ": " + why + "; nothing changes");
      out.all_read = false;
    };
    auto reply = get(uri);
    if (!reply) {
      fail(scrub(reply.message(), uri));
      continue;
    }
    long st = reply->status;
    if (st == 401 || st == 402 || st == 403) {
      fail("no valid authentication for the feed (HTTP " + std::to_string(st) + ")");
      continue;
    }
    if (st >= 500 && st <= 599) {
      fail("server side error (HTTP " + std::to_string(st) + ")");
      continue;
    }
    if (st < 200 || st > 299) {
      fail("HTTP " + std::to_string(st));
      continue;
    }
    auto parsed = parse_feed(reply->body);
    if (!parsed) {
      fail(parsed.message());
      continue;
    }
    for (const auto& why : parsed->skipped) out.problems.push_back(shown + ": " + why);
    out.any_read = true;
    for (auto& item : parsed->items) out.items.push_back(std::move(item));
  }
  return out;
}

std::vector<UrlJob> judge_items(const FeedConfig& feed, const FilterSet& filters, const Fetched& fetched, bool first,
                                FeedLinks& links, const Snapshot& snap, int64_t now,
                                const std::function<bool(const std::string& title)>& downloaded) {
  std::vector<UrlJob> jobs;
  std::set<std::string> current;
  // Several URIs often list the same release: the same title with a size
  // within 5% under another link is skipped (SABnzbd's rule).
  const bool several_uris = feed.uris.size() > 1;
  std::multimap<std::string, const std::string*> by_title;  // title -> link (keys of `links`)
  if (several_uris)
    for (const auto& [l, s] : links) by_title.emplace(s.title, &l);
  auto same_release_elsewhere = [&](const FeedItem& item) {
    auto [from, to] = by_title.equal_range(item.title);
    return std::any_of(from, to, [&](const auto& kv) {
      const SeenLink& s = links.at(*kv.second);
      // Within 5% of each other's size: the same release posted twice.
      const auto seen_size = static_cast<double>(s.size), size = static_cast<double>(item.size);
      return *kv.second != item.link && s.title == item.title && seen_size * 0.95 < size && size < seen_size * 1.05;
    });
  };
  for (const auto& item : fetched.items) {
    const std::string& link = item.link;
    if (several_uris && same_release_elsewhere(item)) continue;
    current.insert(link);
    auto known = links.find(link);
    char status = known == links.end() ? 'N' : known->second.status.empty() ? 'X' : known->second.status[0];
    if (status != 'N' && status != 'G' && status != 'B' && status != 'X') continue;  // downloaded: never again
    auto verdict = filters.judge(item);
    JobOptions o = choose_options(verdict, filters, feed.defaults, item, snap.categories);
    if (snap.no_dupes && downloaded(item.title)) {
      if (snap.no_dupes == 1) continue;                            // discard
      if (snap.no_dupes == 2 || snap.no_dupes == 4) o.priority = -2;  // paused
    }
    const bool starred = known != links.end() && !known->second.status.empty() && known->second.status.back() == '*';
    const bool download = verdict.accepted && !first && !starred;
    SeenLink s;
    s.status = download ? "D" : std::string(verdict.accepted ? "G" : "B") + (first || starred ? "*" : "");
    s.title = item.title;
    s.size = item.size;
    s.time = now;
    s.published = item.published.value_or(0);
    s.category = o.category;
    auto [at, added] = links.insert_or_assign(link, std::move(s));
    if (several_uris && added) by_title.emplace(at->second.title, &at->first);
    if (download) jobs.push_back(UrlJob{link, item.title, o.category, o.pp, o.script, o.priority});
  }
  // A URI that could not be read, or a read-out without items (SABnzbd
  // returns before this then), must not turn links into X: they would lose
  // their '*' and be downloaded when they show again.
  if (fetched.all_read && !fetched.items.empty()) remove_obsolete(links, current, now);
  return jobs;
}

}  // namespace nzbd::rss
