#include "nntp/rate_limiter.h"

#include <gtest/gtest.h>

namespace nzbd::nntp {
namespace {
using namespace std::chrono;

TEST(RateLimiter, UnlimitedNeverWaits) {
  RateLimiter r;
  EXPECT_FALSE(r.limited());
  EXPECT_EQ(r.consume(100u << 20), RateLimiter::Clock::duration::zero());
  EXPECT_EQ(r.read_cap(1 << 20), 1u << 20);
}

TEST(RateLimiter, DebtBecomesDelay) {
  RateLimiter r;
  r.set_rate(100000);  // burst 16 KiB
  EXPECT_TRUE(r.limited());
  EXPECT_EQ(r.read_cap(1 << 20), 16384u);
  const auto wait = r.consume(16384 + 50000);  // 50 KB over the burst: ~0.5 s
  EXPECT_GT(wait, milliseconds(400));
  EXPECT_LT(wait, milliseconds(600));
  const auto more = r.consume(100000);  // the debt adds up
  EXPECT_GT(more, milliseconds(1400));
  r.set_rate(0);
  EXPECT_EQ(r.consume(1 << 20), RateLimiter::Clock::duration::zero());
}

}  // namespace
}  // namespace nzbd::nntp
