// SABnzbd's download quota (quota_size, quota_period d/w/m/x, quota_day
// "<day> <hh:mm>", quota_resume): the bytes the news servers delivered in
// the current period are counted from the connection pool's counters; when
// they reach quota_size, downloading pauses; at the period's reset moment
// (or on mode=reset_quota) the count starts again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "config/store.h"

namespace nzbd::daemon {

// The next reset after `now` (epoch seconds, local time) for `period`
// ('d' daily, 'w' weekly with day 1 = Monday, 'm' monthly with day 1..31,
// clamped to the month's last day) at the day and hh:mm of `quota_day`;
// 0 for 'x' (manual: only reset_quota resets).
int64_t next_quota_reset(int64_t now, char period, const std::string& quota_day);

struct QuotaHooks {
  std::function<uint64_t()> bytes_received;  // running total since start (may restart from 0)
  std::function<void()> pause;
  std::function<void()> resume;
  std::function<bool()> paused;
};

struct QuotaState {
  uint64_t quota = 0;  // bytes, 0 = no quota
  uint64_t left = 0;
};

class QuotaMeter {
 public:
  // `state_file` keeps the period's count and next reset across restarts.
  QuotaMeter(config::ConfigStore& config, QuotaHooks hooks, std::filesystem::path state_file);
  ~QuotaMeter();  // stops and saves
  QuotaMeter(const QuotaMeter&) = delete;
  QuotaMeter& operator=(const QuotaMeter&) = delete;

  void start(std::chrono::milliseconds every);  // a thread calling tick()
  void stop();
  // Counts new bytes, resets when the period is over, pauses when spent.
  void tick(int64_t now);
  // mode=reset_quota: the count starts again; a pause the quota made is lifted.
  void reset(int64_t now);
  QuotaState state() const;

 private:
  struct Settings {
    uint64_t size = 0;
    char period = 'm';
    std::string day;
    bool resume = false;
  };
  Settings settings() const;
  void reset_locked(int64_t now, bool forced, const Settings& s);
  void load();
  void save_locked();

  config::ConfigStore& config_;
  QuotaHooks hooks_;
  std::filesystem::path state_file_;
  mutable std::mutex mu_;
  uint64_t used_ = 0;          // this period's bytes
  uint64_t last_counter_ = 0;  // the pool's total at the last tick
  int64_t next_reset_ = 0;
  std::string schedule_;       // period and day next_reset_ was computed for
  bool paused_by_quota_ = false;
  int64_t saved_at_ = 0;
  bool stop_ = false;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace nzbd::daemon
