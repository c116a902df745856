// /metrics: nzbd's running figures in Prometheus' text format — bytes and
// articles per server, connections, the queue, speed, free disk, the HTTP
// APIs' request counts and latencies, post-processing stage times and
// repaired blocks, and the TV side's history events.
// The daemon wires the sources in; prometheus-cpp stays inside metrics.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nzbd::metrics {

struct ServerFigures {
  std::string name;
  bool active = false;
  int connections = 0;
  // Running totals since start (the pool's counters).
  std::uint64_t bytes = 0, articles_ok = 0, articles_missing = 0, articles_failed = 0;
};

struct QueueFigures {
  bool paused = false;
  int jobs = 0;
  std::uint64_t speed_bps = 0, total_bytes = 0, left_bytes = 0, cache_bytes = 0;
};

// Each source is read when /metrics is asked; an empty one is left out.
struct Sources {
  std::function<std::vector<ServerFigures>()> servers;
  std::function<QueueFigures()> queue;
  std::function<std::vector<std::pair<std::string, std::filesystem::path>>()> folders;  // label -> path
  std::function<std::map<std::string, long long>()> tv_events;  // history event type -> rows
  std::function<std::map<std::string, std::uint64_t>()> tv_queries;  // indexer queries since start: result -> count
};

class Metrics {
 public:
  explicit Metrics(Sources sources);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One answered HTTP request: `api` is "sabnzbd", "sonarr", "ui" or "other".
  // Thread-safe; called by every I/O thread.
  void observe_request(std::string_view api, int status, double seconds);
  // One post-processing stage of a job, by its status (Verifying, Repairing, Extracting, ...).
  void observe_stage(std::string_view stage, double seconds);
  // Blocks a PAR2 repair rebuilt.
  void count_repaired_blocks(std::uint64_t blocks);

  // Reads the sources and answers the exposition text (text/plain; version=0.0.4).
  std::string render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nzbd::metrics
