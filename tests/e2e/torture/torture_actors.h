// Work done against the daemon while a trial waits to kill it, each keeping
// what the API acknowledged so the restart can be held to it.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "e2e/torture/torture_api.h"

namespace nzbd::test::torture {

// set_config of one [misc] string key in a loop, each value new.
class ConfigWriter {
 public:
  static constexpr const char* kKey = "email_from";  // read only when mail is sent
  ConfigWriter(const Api& api, std::string prefix, std::string last_acked);
  ~ConfigWriter() { stop(); }
  void stop();
  // After stop(): the last value the API acknowledged, and the one sent
  // without an answer (the kill came first), if any.
  std::string last_acked() const { return acked_; }
  std::optional<std::string> unanswered() const { return pending_; }
  int writes() const { return writes_; }

 private:
  void loop();
  const Api& api_;
  std::string prefix_, acked_;
  std::optional<std::string> pending_;
  int writes_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Deletes the given history rows one by one (without their files).
class HistoryDeleter {
 public:
  HistoryDeleter(const Api& api, std::vector<std::string> ids);
  ~HistoryDeleter() { stop(); }
  void stop();
  std::vector<std::string> acked() const { return acked_; }  // after stop()

 private:
  void loop();
  const Api& api_;
  std::vector<std::string> ids_, acked_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// One upload sent while the kill comes: it may or may not be answered.
class RacingAdd {
 public:
  RacingAdd(const Api& api, std::string name, std::string nzb);
  ~RacingAdd() { join(); }
  void join();
  std::optional<std::string> nzo_id() const { return id_; }  // after join()

 private:
  std::optional<std::string> id_;
  std::thread thread_;
};

}  // namespace nzbd::test::torture
