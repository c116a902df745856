// The list behind SABnzbd's `warnings` mode: recent warnings and errors,
// newest last, bounded so a noisy server cannot grow it without limit.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace nzbd {

struct Warning {
  std::string type;  // "WARNING" or "ERROR"
  std::string text;
  int64_t time = 0;  // epoch seconds
  std::string origin;
};

class WarningLog {
 public:
  explicit WarningLog(size_t capacity = 100) : capacity_(capacity) {}
  void add(std::string type, std::string text, std::string origin = "");
  std::vector<Warning> list() const;
  size_t count() const;
  void clear();
  // Told of every warning as it is added (outside the lock): the notifiers'
  // warning and error events. Set once, before anything logs.
  void set_listener(std::function<void(const Warning&)> f) { listener_ = std::move(f); }

 private:
  std::function<void(const Warning&)> listener_;
  mutable std::mutex mutex_;
  std::deque<Warning> items_;
  size_t capacity_;
};

}  // namespace nzbd
