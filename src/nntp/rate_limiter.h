// Token bucket shared by every connection of the pool: each read reports its
// bytes and gets back how long the connection should wait before reading again.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace nzbd::nntp {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  void set_rate(uint64_t bytes_per_second);  // 0 = unlimited
  bool limited() const;
  // Largest read worth issuing now (keeps bursts small when limited).
  size_t read_cap(size_t unlimited_cap) const;
  // Account n bytes just received; returns the delay before the next read.
  Clock::duration consume(size_t n);

 private:
  mutable std::mutex mu_;
  std::atomic<uint64_t> rate_{0};  // read without the lock on the unlimited fast path
  double tokens_ = 0;
  Clock::time_point last_{};
};

}  // namespace nzbd::nntp
