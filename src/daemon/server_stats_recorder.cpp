#include "daemon/server_stats_recorder.h"

namespace nzbd::daemon {
namespace {

// A counter that went down belongs to a rebuilt pool: all of it is new.
uint64_t growth(uint64_t now, uint64_t before) { return now >= before ? now - before : now; }

}  // namespace

ServerStatsRecorder::ServerStatsRecorder(ReadCounters read, history::History& history,
                                         std::chrono::milliseconds every)
    : read_(std::move(read)), history_(history) {
  if (every.count() > 0) thread_ = std::thread([this, every] { run(every); });
}

ServerStatsRecorder::~ServerStatsRecorder() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  record_now();
}

void ServerStatsRecorder::run(std::chrono::milliseconds every) {
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (wake_.wait_for(lock, every, [this] { return stop_; })) break;
    lock.unlock();
    record_now();
    lock.lock();
  }
}

void ServerStatsRecorder::record_now() {
  std::vector<nntp::ServerStatus> counters = read_ ? read_() : std::vector<nntp::ServerStatus>{};
  std::lock_guard lock(mu_);
  for (const auto& s : counters) {
    Seen now{s.bytes_received, s.articles_ok + s.articles_missing + s.articles_failed, s.articles_ok};
    Seen& before = seen_[s.name];
    Seen add{growth(now.bytes, before.bytes), growth(now.tried, before.tried), growth(now.ok, before.ok)};
    before = now;
    if (add.bytes == 0 && add.tried == 0) continue;
    // Statistics are best effort: a busy database costs these bytes, not a download.
    (void)history_.add_server_bytes(s.name, static_cast<int64_t>(add.bytes), static_cast<int64_t>(add.tried),
                                    static_cast<int64_t>(add.ok));
  }
}

}  // namespace nzbd::daemon
