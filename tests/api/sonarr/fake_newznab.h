// A tiny Newznab server on 127.0.0.1:<ephemeral> for the /indexer API
// tests: t=caps, t=tvsearch/search with offset/limit paging, apikey errors
// (code 100), and /getnzb/<guid>. Beast stays inside fake_newznab.cpp.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace nzbd::sonarr::testing {

class FakeNewznab {
 public:
  struct Item {
    std::string title;
    std::string guid;
    long long size = 1000;
    std::string pub_date = "Mon, 01 Jun 2026 12:00:00 +0000";
    int tvdbid = 0;
  };
  // How the next replies look.
  enum class Mode { Normal, Html, Unavailable /* 503 */, RateLimited /* error code 500 */ };

  explicit FakeNewznab(std::string api_key = "NZBKEY");
  ~FakeNewznab();
  std::string base_url() const;
  const std::string& api_key() const { return key_; }
  void set_items(std::vector<Item> items);
  void set_mode(Mode m) { mode_ = m; }
  int requests() const { return requests_.load(); }
  // The last request target ("/api?t=tvsearch&...").
  std::string last_target() const;

  struct Impl;

 private:
  std::string key_;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> requests_{0};
  std::atomic<Mode> mode_{Mode::Normal};
};

}  // namespace nzbd::sonarr::testing
