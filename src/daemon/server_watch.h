// SABnzbd's per-server account limits, checked every few seconds:
// `quota` (bytes this server may deliver, counted from history's server
// statistics since the quota was set; `usage_at_start` records where it
// started) and `expire_date` (YYYY-MM-DD; warned about from five days
// before). A server whose quota is spent, or whose date has come, is
// switched off (enable=0) with a warning, so the scheduler stops using it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "config/store.h"
#include "history/history.h"

namespace nzbd::daemon {

class ServerWatch {
 public:
  using TotalBytes = std::function<std::map<std::string, int64_t>()>;  // server -> bytes ever delivered
  using Today = std::function<std::string()>;                          // "YYYY-MM-DD", local
  // every = 0: no thread; the owner calls check_now().
  ServerWatch(config::ConfigStore& config, TotalBytes totals, Today today, std::chrono::milliseconds every);
  ~ServerWatch();
  ServerWatch(const ServerWatch&) = delete;
  ServerWatch& operator=(const ServerWatch&) = delete;

  void check_now();

 private:
  config::ConfigStore& config_;
  TotalBytes totals_;
  Today today_;
  std::map<std::string, std::string> quota_seen_;   // server -> the quota text last seen
  std::map<std::string, std::string> warned_on_;    // server -> the day an expiry warning was given
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// The daemon's sources for ServerWatch: bytes per server from history's
// server statistics, and today's local date.
ServerWatch::TotalBytes history_totals(history::History& history);
std::string local_today();

// Whole days from `today` to `date` (both YYYY-MM-DD); nullopt when either does not parse.
std::optional<int> days_between(const std::string& today, const std::string& date);

}  // namespace nzbd::daemon
