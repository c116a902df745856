#include "queue/group_commit.h"

#include <algorithm>

namespace nzbd::queue {
namespace fs = std::filesystem;

GroupCommit::GroupCommit(Syncer syncer) : syncer_(std::move(syncer)) {}

uint64_t GroupCommit::passes() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

size_t GroupCommit::callers() const {
  std::lock_guard lock(mutex_);
  return callers_;
}

Status GroupCommit::sync(const std::vector<fs::path>& paths) {
  std::unique_lock lock(mutex_);
  pending_.insert(pending_.end(), paths.begin(), paths.end());
  const uint64_t mine = open_;
  ++callers_;
  while (finished_ < mine) {
    if (running_) {
      done_cv_.wait(lock);
      continue;
    }
    // Lead the pass for everything gathered, this caller's paths included.
    running_ = true;
    std::vector<fs::path> batch = std::move(pending_);
    pending_.clear();
    const uint64_t pass = open_++;
    lock.unlock();
    std::sort(batch.begin(), batch.end());
    batch.erase(std::unique(batch.begin(), batch.end()), batch.end());
    // Files before folders would not matter for kill -9, but a folder entry
    // fsync'd before its file's data could name a file a power cut emptied.
    std::stable_partition(batch.begin(), batch.end(), [](const fs::path& p) {
      std::error_code ec;
      return !fs::is_directory(p, ec);
    });
    std::string error;
    for (const auto& p : batch)
      if (auto st = syncer_(p); !st && error.empty()) error = st.message();
    lock.lock();
    running_ = false;
    finished_ = pass;
    if (!error.empty()) {
      failures_.emplace_back(pass, std::move(error));
      if (failures_.size() > 64) failures_.pop_front();
    }
    done_cv_.notify_all();
  }
  --callers_;
  for (const auto& [pass, error] : failures_)
    if (pass == mine) return make_error(error);
  return ok_status();
}

}  // namespace nzbd::queue
