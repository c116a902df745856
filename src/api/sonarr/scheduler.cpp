// The scheduled-task loop: wakes every few seconds, queues what is due.
// (Refresh Monitored Downloads runs on its own RefreshTimer, see context.h.)
#include "api/sonarr/scheduler.h"

#include <algorithm>
#include <ctime>

#include "pvr/time_util.h"

namespace nzbd::sonarr {
namespace {

using Clock = std::chrono::system_clock;

std::string utc(Clock::time_point t) { return pvr::format_utc(Clock::to_time_t(t)); }

struct Default {
  const char* name;
  const char* command;
  int minutes;
};

constexpr Default kDefaults[] = {
    {"Rss Sync", "RssSync", 15},
    {"Refresh Series", "RefreshSeries", 12 * 60},
    {"Housekeeping", "Housekeeping", 24 * 60},
};

}  // namespace

Scheduler::Scheduler(std::function<int(const std::string&)> queue, std::function<int(const std::string&, int)> interval)
    : queue_(std::move(queue)), interval_(std::move(interval)) {
  auto now = Clock::now();
  int id = 1;
  for (const auto& d : kDefaults) {
    Entry e;
    e.task.id = id++;
    e.task.name = d.name;
    e.task.task_name = d.command;
    e.default_minutes = d.minutes;
    e.task.interval_minutes = interval_(d.command, d.minutes);
    e.next = now + std::chrono::minutes(std::max(1, e.task.interval_minutes));
    e.task.next_execution = utc(e.next);
    entries_.push_back(std::move(e));
  }
  thread_ = std::thread([this] { loop(); });
}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Scheduler::loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::seconds(5), [this] { return stop_; });
    if (stop_) break;
    auto now = Clock::now();
    std::vector<std::string> due;
    for (auto& e : entries_) {
      e.task.interval_minutes = interval_(e.task.task_name, e.default_minutes);
      if (e.task.interval_minutes <= 0 || now < e.next) continue;  // 0: turned off
      e.next = now + std::chrono::minutes(e.task.interval_minutes);
      e.task.next_execution = utc(e.next);
      due.push_back(e.task.task_name);
    }
    lock.unlock();
    for (const auto& name : due) queue_(name);  // outside the lock: queueing may call back
    lock.lock();
  }
}

std::vector<ScheduledTask> Scheduler::tasks() {
  std::lock_guard lock(mu_);
  std::vector<ScheduledTask> out;
  for (const auto& e : entries_) out.push_back(e.task);
  return out;
}

void Scheduler::finished(const std::string& command, const std::string& started, const std::string& ended) {
  std::lock_guard lock(mu_);
  for (auto& e : entries_) {
    if (e.task.task_name != command) continue;
    e.task.last_start = started;
    e.task.last_execution = ended;
    auto a = pvr::parse_utc(started), b = pvr::parse_utc(ended);
    long secs = a && b && *b >= *a ? static_cast<long>(*b - *a) : 0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", secs / 3600, (secs / 60) % 60, secs % 60);
    e.task.last_duration = buf;
    // Sonarr counts the interval from the last run, whoever triggered it.
    if (e.task.interval_minutes > 0) {
      auto end = pvr::parse_utc(ended);
      e.next = (end ? Clock::from_time_t(*end) : Clock::now()) + std::chrono::minutes(e.task.interval_minutes);
      e.task.next_execution = utc(e.next);
    }
  }
}

}  // namespace nzbd::sonarr
