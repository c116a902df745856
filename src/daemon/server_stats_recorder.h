// Turns the connection pool's running per-server counters into history's
// daily server statistics (what mode=server_stats reports): every few
// seconds, and once more when stopped, the growth since the last look is
// added to today's row of each server.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "history/history.h"
#include "nntp/nntp.h"

namespace nzbd::daemon {

class ServerStatsRecorder {
 public:
  using ReadCounters = std::function<std::vector<nntp::ServerStatus>()>;
  // every = 0: no thread; the owner calls record_now().
  ServerStatsRecorder(ReadCounters read, history::History& history, std::chrono::milliseconds every);
  ~ServerStatsRecorder();  // records what is left, then stops
  ServerStatsRecorder(const ServerStatsRecorder&) = delete;
  ServerStatsRecorder& operator=(const ServerStatsRecorder&) = delete;

  void record_now();

 private:
  struct Seen {
    uint64_t bytes = 0, tried = 0, ok = 0;
  };
  void run(std::chrono::milliseconds every);

  ReadCounters read_;
  history::History& history_;
  std::mutex mu_;  // guards seen_ and stop_
  std::map<std::string, Seen> seen_;
  bool stop_ = false;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace nzbd::daemon
