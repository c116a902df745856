#include "api/sonarr/command_queue.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace nzbd::sonarr {

CommandQueue::CommandQueue(Runner run) : run_(std::move(run)), thread_([this] { loop(); }) {}

CommandQueue::~CommandQueue() { stop(); }

void CommandQueue::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CommandQueue::push(int id) {
  {
    std::lock_guard lock(mu_);
    if (stop_) return;  // shutting down: the row stays queued and is marked interrupted at the next start
    pending_.push_back(id);
  }
  cv_.notify_all();
}

bool CommandQueue::cancel(int id) {
  std::lock_guard lock(mu_);
  auto it = std::find(pending_.begin(), pending_.end(), id);
  if (it == pending_.end()) return false;
  pending_.erase(it);
  cv_.notify_all();
  return true;
}

void CommandQueue::wait_idle() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return stop_ || (pending_.empty() && !busy_); });
}

void CommandQueue::loop() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
    if (stop_) break;
    int id = pending_.front();
    pending_.pop_front();
    busy_ = true;
    lock.unlock();
    // The runner records its own failures; should anything still escape, it
    // must not end the thread and with it every later command.
    try {
      run_(id);
    } catch (const std::exception& e) {
      spdlog::error("command {}: {}", id, e.what());
    } catch (...) {
      spdlog::error("command {}: unknown exception", id);
    }
    lock.lock();
    busy_ = false;
    cv_.notify_all();
  }
  busy_ = false;
  cv_.notify_all();
}

}  // namespace nzbd::sonarr
