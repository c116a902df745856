// Thread-safe access to the one Config of the daemon. Writers save the file
// atomically and then tell listeners which section changed, so running parts
// (news servers, speed limit) pick up set_config changes.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "config/config.h"

namespace nzbd::config {

class ConfigStore {
 public:
  explicit ConfigStore(Config config) : config_(std::move(config)) {}

  template <typename F>
  auto read(F&& f) const {
    std::lock_guard lock(mutex_);
    return f(static_cast<const Config&>(config_));
  }

  // Runs f on the config, saves it, then notifies listeners of `section`.
  // A failed save is reported and the in-memory change is kept.
  template <typename F>
  Status write(const std::string& section, F&& f) {
    Status st = ok_status();
    {
      std::lock_guard lock(mutex_);
      f(config_);
      st = config_.save();
    }
    notify(section);
    return st;
  }

  void on_change(std::function<void(const std::string& section)> listener) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(listener));
  }

  std::string misc(std::string_view key) const {
    return read([&](const Config& c) { return c.misc(key); });
  }

 private:
  void notify(const std::string& section) {
    std::vector<std::function<void(const std::string&)>> copy;
    {
      std::lock_guard lock(mutex_);
      copy = listeners_;
    }
    for (auto& l : copy) l(section);
  }

  mutable std::mutex mutex_;
  Config config_;
  std::vector<std::function<void(const std::string&)>> listeners_;
};

}  // namespace nzbd::config
