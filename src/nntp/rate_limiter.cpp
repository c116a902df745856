#include "nntp/rate_limiter.h"

#include <algorithm>

namespace nzbd::nntp {
namespace {
// Burst allowance: a tenth of a second of traffic, at least 16 KiB.
double burst_of(uint64_t rate) { return std::max(16384.0, static_cast<double>(rate) / 10); }
}  // namespace

void RateLimiter::set_rate(uint64_t bytes_per_second) {
  std::lock_guard lock(mu_);
  rate_ = bytes_per_second;
  tokens_ = bytes_per_second ? burst_of(bytes_per_second) : 0;
  last_ = Clock::now();
}

bool RateLimiter::limited() const { return rate_.load(std::memory_order_relaxed) != 0; }

size_t RateLimiter::read_cap(size_t unlimited_cap) const {
  const uint64_t rate = rate_.load(std::memory_order_relaxed);
  if (rate == 0) return unlimited_cap;
  return std::clamp<size_t>(static_cast<size_t>(burst_of(rate)), 4096, unlimited_cap);
}

RateLimiter::Clock::duration RateLimiter::consume(size_t n) {
  if (!limited()) return Clock::duration::zero();
  std::lock_guard lock(mu_);
  const uint64_t r = rate_.load(std::memory_order_relaxed);
  if (r == 0) return Clock::duration::zero();
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - last_).count();
  last_ = now;
  const double rate = static_cast<double>(r);
  tokens_ = std::min(burst_of(r), tokens_ + elapsed * rate) - static_cast<double>(n);
  if (tokens_ >= 0) return Clock::duration::zero();
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(-tokens_ / rate));
}

}  // namespace nzbd::nntp
