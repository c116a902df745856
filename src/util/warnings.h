// The list behind SABnzbd's `warnings` mode: recent warnings and errors,
// newest last, bounded so a noisy server cannot grow it without limit.
#pragma once

#include <cstdint>
#include <deque>
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

 private:
  mutable std::mutex mutex_;
  std::deque<Warning> items_;
  size_t capacity_;
};

}  // namespace nzbd
