// A background thread that runs one task every `interval` (Sonarr's
// scheduled RefreshMonitoredDownloads, every minute) and soon after
// trigger() (Sonarr refreshes about 5 s after a grab). Like Sonarr's
// scheduler, the first run comes one interval after the start.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace nzbd::sonarr {

class RefreshTimer {
 public:
  RefreshTimer(std::chrono::milliseconds interval, std::function<void()> task)
      : interval_(interval),
        task_(std::move(task)),
        next_(std::chrono::steady_clock::now() + interval),
        thread_([this] { loop(); }) {}
  ~RefreshTimer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();  // after the running task
  }
  RefreshTimer(const RefreshTimer&) = delete;
  RefreshTimer& operator=(const RefreshTimer&) = delete;

  // Runs the task `after` from now unless a run is due sooner.
  void trigger(std::chrono::milliseconds after = std::chrono::seconds(5)) {
    {
      std::lock_guard lock(mu_);
      auto at = std::chrono::steady_clock::now() + after;
      if (at < next_) next_ = at;
    }
    cv_.notify_all();
  }

 private:
  void loop() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      // Woken by trigger() or stop: look at next_ again.
      cv_.wait_until(lock, next_);
      if (stop_ || std::chrono::steady_clock::now() < next_) continue;
      next_ = std::chrono::steady_clock::now() + interval_;
      lock.unlock();
      task_();  // must not throw
      lock.lock();
    }
  }

  std::chrono::milliseconds interval_;
  std::function<void()> task_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::chrono::steady_clock::time_point next_;
  bool stop_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace nzbd::sonarr
