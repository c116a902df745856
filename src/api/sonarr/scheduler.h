// Sonarr's scheduled tasks (TaskManager): RSS sync every rssSyncInterval
// minutes (15 by default, 0 turns it off), refresh series every 12 h,
// housekeeping daily (refresh monitored downloads has its own timer). A due task
// is queued as a command with trigger "scheduled"; /system/task lists them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace nzbd::sonarr {

struct ScheduledTask {
  int id = 0;
  std::string name;        // "Rss Sync"
  std::string task_name;   // the command: "RssSync"
  int interval_minutes = 0;
  std::optional<std::string> last_execution;  // UTC instants
  std::optional<std::string> last_start;
  std::string next_execution;
  std::string last_duration = "00:00:00";
};

class Scheduler {
 public:
  // queue(name) enqueues the command and answers its id; interval(name)
  // answers the current interval in minutes (settings can change it).
  Scheduler(std::function<int(const std::string& command)> queue,
            std::function<int(const std::string& command, int default_minutes)> interval);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  std::vector<ScheduledTask> tasks();
  // A command of this name finished (whatever started it): stamps the task.
  void finished(const std::string& command, const std::string& started_utc, const std::string& ended_utc);

 private:
  struct Entry {
    ScheduledTask task;
    int default_minutes = 0;
    std::chrono::system_clock::time_point next;
  };
  void loop();

  std::function<int(const std::string&)> queue_;
  std::function<int(const std::string&, int)> interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Entry> entries_;
  bool stop_ = false;
  std::thread thread_;  // last
};

}  // namespace nzbd::sonarr
