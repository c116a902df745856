// An ArticleSource for the pool tests: a queue of message-ids, every result
// recorded per token; failed articles can be offered again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "nntp/nntp.h"

namespace nzbd::nntp::testing {

struct Outcome {
  FetchStatus status;
  size_t server;
  std::string data;  // body for Ok, reply line otherwise
};

class TestSource : public ArticleSource {
 public:
  // Offers the first `offered` ids at once (all by default); offer() the rest later.
  explicit TestSource(std::vector<std::string> ids, bool retry_failed = false, size_t offered = SIZE_MAX)
      : ids_(std::move(ids)), outcomes_(ids_.size()), retry_failed_(retry_failed) {
    for (uint64_t t = 0; t < ids_.size() && t < offered; ++t) queue_.push_back(t);
  }
  // New work arrives (as when a job is added) and the pool is woken.
  void offer(uint64_t token) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(token);
    }
    if (pool_) pool_->wake();
  }
  void attach(ConnectionPool* pool) { pool_ = pool; }

  std::optional<ArticleRef> next_article(size_t) override {
    std::lock_guard lock(mu_);
    if (queue_.empty()) return std::nullopt;
    const uint64_t t = queue_.front();
    queue_.pop_front();
    ++handed_out_;
    return ArticleRef{t, ids_[t]};
  }
  void on_body(size_t server, const ArticleRef& a, char* data, size_t len) override {
    std::lock_guard lock(mu_);
    outcomes_[a.token].push_back({FetchStatus::Ok, server, std::string(data, len)});
    bytes_ += len;
    ++finished_;
    cv_.notify_all();
  }
  void on_failure(size_t server, const ArticleRef& a, FetchStatus why, std::string_view line) override {
    bool requeued = false;
    {
      std::lock_guard lock(mu_);
      outcomes_[a.token].push_back({why, server, std::string(line)});
      if (why == FetchStatus::Failed && retry_failed_ && outcomes_[a.token].size() < 10) {
        queue_.push_back(a.token);
        requeued = true;
      } else {
        ++finished_;
      }
      cv_.notify_all();
    }
    if (requeued && pool_) pool_->wake();
  }
  void on_server_state(size_t server, bool usable) override {
    std::lock_guard lock(mu_);
    state_changes_.push_back(usable);
  }

  // Offers a token again (as the engine would after unblock).
  void requeue(uint64_t token) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(token);
      --finished_;
    }
    if (pool_) pool_->wake();
  }
  bool wait_finished(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return finished_ >= n; });
  }
  std::vector<Outcome> outcomes(uint64_t token) const {
    std::lock_guard lock(mu_);
    return outcomes_[token];
  }
  size_t handed_out() const {
    std::lock_guard lock(mu_);
    return handed_out_;
  }
  size_t body_bytes() const {
    std::lock_guard lock(mu_);
    return bytes_;
  }
  std::vector<bool> state_changes() const {
    std::lock_guard lock(mu_);
    return state_changes_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> ids_;
  std::vector<std::vector<Outcome>> outcomes_;
  std::deque<uint64_t> queue_;
  std::vector<bool> state_changes_;
  bool retry_failed_;
  ConnectionPool* pool_ = nullptr;
  size_t handed_out_ = 0, finished_ = 0, bytes_ = 0;
};

}  // namespace nzbd::nntp::testing
