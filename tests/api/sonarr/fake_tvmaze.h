// A tiny HTTP server on 127.0.0.1:<ephemeral> answering like api.tvmaze.com
// from the canned files in tests/data/tvmaze. One thread, one request per
// connection. Beast stays inside fake_tvmaze.cpp.
#pragma once

#include <atomic>
#include <memory>
#include <string>

namespace nzbd::sonarr::testing {

class FakeTvMaze {
 public:
  FakeTvMaze();
  ~FakeTvMaze();
  std::string base_url() const;
  int requests() const { return requests_.load(); }
  // The next n requests get HTTP 429 with "Retry-After: 0".
  void rate_limit_next(int n) { rate_limited_ = n; }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::atomic<int> requests_{0};
  std::atomic<int> rate_limited_{0};
};

}  // namespace nzbd::sonarr::testing
