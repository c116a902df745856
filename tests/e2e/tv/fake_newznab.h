// A local Newznab indexer for the TV end-to-end tests, speaking the wire
// format of ../shared/docs/sonarr-automation.md §10: t=caps, t=tvsearch and
// t=search (season/ep filters, offset/limit paging), the RSS feed (tvsearch
// without a query), error code 100 for a wrong key, and /getnzb/<guid>.nzb
// serving real NZBs (404 when a release has none). Beast stays in the .cpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace nzbd::e2e {

struct FakeRelease {
  std::string title;
  std::string guid;
  std::int64_t size = 0;
  std::string pub_date;  // RFC 822, e.g. "Mon, 01 Jun 2026 12:00:00 +0000"
  int tvdb_id = 0;
  int season = -1;       // what tvsearch's season/ep filter matches; -1: never matched by a filter
  int episode = -1;      // -1: a season pack (matches season-only queries)
  int category = 5040;
  std::string nzb;       // the NZB's text; "" answers 404
};

class FakeNewznab {
 public:
  explicit FakeNewznab(std::string api_key);
  ~FakeNewznab();
  std::string base_url() const;
  // Newest first, as real indexers serve them.
  void set_releases(std::vector<FakeRelease> releases);
  void add_release(FakeRelease release);  // becomes the newest
  std::vector<std::string> requests() const;  // request targets, in order
  int nzb_downloads() const { return nzb_downloads_.load(); }

  struct Impl;
  std::string answer(const std::string& target, int& status);

 private:
  std::unique_ptr<Impl> impl_;
  std::string api_key_;
  mutable std::mutex mu_;
  std::vector<FakeRelease> releases_;
  std::vector<std::string> requests_;
  std::atomic<int> nzb_downloads_{0};
};

}  // namespace nzbd::e2e
