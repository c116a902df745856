// What the fault tests share: one post to the rig for the whole binary, a
// daemon with the fault proxy in front of INN, a client that keeps polling
// the API and times it, and nzbd's open descriptors and RSS.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "e2e/download/rig_util.h"
#include "support/fault_proxy.h"

namespace e2e::faults {

using nzbd::test::Fault;
using nzbd::test::FaultProxy;

// One random file (1.28 MB, 20 articles of 64000 bytes) posted to the rig
// once and kept in the rig's folder: every test process of the suite uses it
// while INN still has its first and last article.
struct SharedPost {
  std::vector<fs::path> files;
  fs::path nzb;
  std::vector<std::string> ids;  // empty when posting failed
};
const SharedPost& shared_post();

// nzbd with the faulty server `faulty` (priority 0, through the proxy,
// timeout 5 s) and, if `with_good`, INN direct as `good` (priority 1).
struct FaultRig {
  // trickle_bytes / trickle_ms: the proxy's pace for Fault::Trickle.
  FaultRig(std::vector<FaultProxy::Rule> rules, bool with_good, bool tls = false, size_t trickle_bytes = 2048,
           int trickle_ms = 10);
  nzbd::test::TempDir home;
  FaultProxy proxy;
  Daemon daemon;
  bool ready = false;  // started and configured
};

// Polls mode=queue and mode=fullstatus in turn until destroyed; every answer
// is timed. The target is p99 <= 100 ms; tests print it and assert
// only that every call was answered within `liveness`.
class ApiProbe {
 public:
  explicit ApiProbe(const Daemon& d);
  ~ApiProbe();
  void stop();
  size_t calls() const;
  size_t unanswered() const { return unanswered_; }
  double p99_ms() const;
  double max_ms() const;
  std::string summary() const;  // "N calls, p50 X ms, p99 Y ms, max Z ms, unanswered U"

 private:
  double percentile(double q) const;
  const Daemon& d_;
  std::atomic<bool> stop_{false};
  std::atomic<size_t> unanswered_{0};
  mutable std::mutex mu_;
  std::vector<double> ms_;
  std::thread thread_;
};

size_t open_fds(pid_t pid);     // entries of /proc/<pid>/fd
size_t sockets(pid_t pid);      // of them, sockets
size_t rss_kib(pid_t pid);      // VmRSS

}  // namespace e2e::faults
