// Thread-safe access to the one Config of the daemon. Writers save the file
// atomically and then tell listeners which section changed, so running parts
// (news servers, speed limit) pick up set_config changes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "util/thread_annotations.h"

namespace nzbd::config {

class ConfigStore {
 public:
  explicit ConfigStore(Config config) : config_(std::move(config)) {}

  template <typename F>
  auto read(F&& f) const {
    util::Lock lock(mutex_);
    return f(static_cast<const Config&>(config_));
  }

  // Runs f on the config, saves it, then notifies listeners of `section`.
  // A failed save is reported and the in-memory change is kept. The file is
  // written (and fsync'd) outside the lock readers take, so API calls and
  // downloads never wait for the disk; saves land in the order of the changes.
  template <typename F>
  Status write(const std::string& section, F&& f) EXCLUDES(mutex_) {
    std::string text;
    uint64_t version = 0;
    std::filesystem::path path;
    {
      util::Lock lock(mutex_);
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
    util::Lock lock(mutex_);
    listeners_.push_back(std::move(listener));
  }

  std::string misc(Key key) const {
    return read([&](const Config& c) { return c.misc(key); });
  }

 private:
  Status save_in_order(const std::filesystem::path& path, const std::string& text, uint64_t version)
      EXCLUDES(mutex_, save_mutex_);
  void notify(const std::string& section) EXCLUDES(mutex_) {
    std::vector<std::function<void(const std::string&)>> copy;
    {
      util::Lock lock(mutex_);
      copy = listeners_;
    }
    for (auto& l : copy) l(section);
  }

  mutable util::Mutex mutex_;
  Config config_ GUARDED_BY(mutex_);
  uint64_t version_ GUARDED_BY(mutex_) = 0;  // of config_, bumped by every write
  util::Mutex save_mutex_;                   // one file write at a time
  uint64_t saved_version_ GUARDED_BY(save_mutex_) = 0;  // the newest text on disk
  std::vector<std::function<void(const std::string&)>> listeners_ GUARDED_BY(mutex_);
};

}  // namespace nzbd::config
