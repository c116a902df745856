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
  // A failed save is reported and the in-memory change is kept. The file is
  // written (and fsync'd) outside the lock readers take, so API calls and
  // downloads never wait for the disk; saves land in the order of the changes.
  template <typename F>
  Status write(const std::string& section, F&& f) {
    std::string text;
    uint64_t version = 0;
    std::filesystem::path path;
    {
      std::lock_guard lock(mutex_);
      f(config_);
      text = config_.render();
      version = ++version_;
      path = config_.path();
    }
    Status st = save_in_order(path, text, version);
    notify(section);
    return st;
  }

  void on_change(std::function<void(const std::string& section)> listener) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(listener));
  }

  std::string misc(Key key) const {
    return read([&](const Config& c) { return c.misc(key); });
  }

 private:
  Status save_in_order(const std::filesystem::path& path, const std::string& text, uint64_t version);
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
  uint64_t version_ = 0;        // of config_, bumped by every write (under mutex_)
  std::mutex save_mutex_;       // one file write at a time
  uint64_t saved_version_ = 0;  // the newest text on disk (under save_mutex_)
  std::vector<std::function<void(const std::string&)>> listeners_;
};

}  // namespace nzbd::config
