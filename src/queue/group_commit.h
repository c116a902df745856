// Group commit: many threads each need some files fsync'd before they may
// answer; whoever finds no fsync pass running does one for everything handed
// in so far, the others wait for it. While a pass runs, the next callers'
// files gather for the following pass, so N adds arriving together cost one
// pass, not N (the leader/follower scheme of database logs; no thread of its own).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::queue {

class GroupCommit {
 public:
  using Syncer = std::function<Status(const std::filesystem::path&)>;
  // `syncer` fsyncs one file or folder (a test can count or fail them).
  explicit GroupCommit(Syncer syncer);

  // Returns once every path (files and folders, duplicates allowed) has been
  // fsync'd by a pass that began after this call; the error of that pass if any.
  Status sync(const std::vector<std::filesystem::path>& paths);

  uint64_t passes() const;  // fsync passes run so far
  size_t callers() const;   // inside sync() now, their paths handed in

 private:
  Syncer syncer_;
  mutable std::mutex mutex_;
  std::condition_variable done_cv_;
  std::vector<std::filesystem::path> pending_;  // for the pass numbered open_
  uint64_t open_ = 1;      // the pass now gathering paths
  uint64_t finished_ = 0;  // passes 1..finished_ are over
  bool running_ = false;
  size_t callers_ = 0;
  std::deque<std::pair<uint64_t, std::string>> failures_;  // recent failed passes
};

}  // namespace nzbd::queue
