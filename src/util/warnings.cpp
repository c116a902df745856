#include "util/warnings.h"

#include <chrono>

namespace nzbd {

void WarningLog::add(std::string type, std::string text, std::string origin) {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
  Warning w{std::move(type), std::move(text), now, std::move(origin)};
  {
    std::lock_guard lock(mutex_);
    items_.push_back(w);
    while (items_.size() > capacity_) items_.pop_front();
  }
  if (listener_) listener_(w);
}

std::vector<Warning> WarningLog::list() const {
  std::lock_guard lock(mutex_);
  return {items_.begin(), items_.end()};
}

size_t WarningLog::count() const {
  std::lock_guard lock(mutex_);
  return items_.size();
}

void WarningLog::clear() {
  std::lock_guard lock(mutex_);
  items_.clear();
}

}  // namespace nzbd
