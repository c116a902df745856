// The download quota: reset moments per period, pausing when spent, the
// reset (periodic and forced) and the count kept across restarts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "daemon/quota_meter.h"
#include "support/temp_dir.h"

namespace nzbd::daemon {
namespace {

// Epoch seconds of a UTC date (the tests run with TZ=UTC).
int64_t utc(int y, int mon, int d, int h = 0, int mi = 0) {
  std::tm t{};
  t.tm_year = y - 1900;
  t.tm_mon = mon - 1;
  t.tm_mday = d;
  t.tm_hour = h;
  t.tm_min = mi;
  return static_cast<int64_t>(timegm(&t));
}

class QuotaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("TZ", "UTC", 1);
    tzset();
  }
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir_ / "nzbd.ini");
    ASSERT_TRUE(cfg) << cfg.message();
    store_ = std::make_unique<config::ConfigStore>(std::move(*cfg));
  }
  void set(const char* key, const std::string& value) {
    (void)store_->write("misc", [&](config::Config& c) { c.set_misc(config::Key::at_run_time(key), value); });
  }
  std::unique_ptr<QuotaMeter> meter() {
    QuotaHooks h;
    h.bytes_received = [this] { return counter_; };
    h.pause = [this] { paused_ = true; ++pauses_; };
    h.resume = [this] { paused_ = false; };
    h.paused = [this] { return paused_; };
    return std::make_unique<QuotaMeter>(*store_, std::move(h), dir_ / "quota.txt");
  }

  test::TempDir dir_;
  std::unique_ptr<config::ConfigStore> store_;
  uint64_t counter_ = 0;
  bool paused_ = false;
  int pauses_ = 0;
  const int64_t now_ = utc(2026, 3, 10, 12, 0);  // a Tuesday
};

TEST_F(QuotaTest, NextResetPerPeriod) {
  EXPECT_EQ(next_quota_reset(now_, 'd', ""), utc(2026, 3, 11));
  EXPECT_EQ(next_quota_reset(now_, 'd', "13:30"), utc(2026, 3, 10, 13, 30));
  EXPECT_EQ(next_quota_reset(now_, 'd', "11:59"), utc(2026, 3, 11, 11, 59));
  EXPECT_EQ(next_quota_reset(now_, 'w', "1"), utc(2026, 3, 16));          // next Monday
  EXPECT_EQ(next_quota_reset(now_, 'w', "2 18:00"), utc(2026, 3, 10, 18));  // this Tuesday, later
  EXPECT_EQ(next_quota_reset(now_, 'w', "2 6:00"), utc(2026, 3, 17, 6));
  EXPECT_EQ(next_quota_reset(now_, 'm', ""), utc(2026, 4, 1));
  EXPECT_EQ(next_quota_reset(now_, 'm', "15 8:00"), utc(2026, 3, 15, 8));
  EXPECT_EQ(next_quota_reset(utc(2026, 2, 1), 'm', "31"), utc(2026, 2, 28));  // clamped to the month
  EXPECT_EQ(next_quota_reset(now_, 'x', "1"), 0);                              // manual only
}

TEST_F(QuotaTest, PausesWhenSpentAndResetLiftsIt) {
  set("quota_size", "1K");
  auto m = meter();
  counter_ = 600;
  m->tick(now_);
  EXPECT_FALSE(paused_);
  EXPECT_EQ(m->state().quota, 1024u);
  EXPECT_EQ(m->state().left, 424u);
  counter_ = 1500;
  m->tick(now_ + 1);
  EXPECT_TRUE(paused_);
  EXPECT_EQ(m->state().left, 0u);
  m->tick(now_ + 2);
  EXPECT_EQ(pauses_, 1);
  m->reset(now_ + 3);
  EXPECT_FALSE(paused_);  // the quota's own pause, lifted by reset_quota
  EXPECT_EQ(m->state().left, 1024u);
  counter_ = 100;  // the pool's counters started again (servers reloaded)
  m->tick(now_ + 4);
  EXPECT_EQ(m->state().left, 924u);
}

TEST_F(QuotaTest, ResetDoesNotLiftTheUsersOwnPauseWithoutQuotaResume) {
  set("quota_size", "1K");
  auto m = meter();
  paused_ = true;  // paused by the user
  m->reset(now_);
  EXPECT_TRUE(paused_);
  set("quota_resume", "1");
  m->reset(now_);
  EXPECT_FALSE(paused_);  // SABnzbd: quota_resume resumes on any reset
}

TEST_F(QuotaTest, PeriodEndResetsAndResumesOnlyWithQuotaResume) {
  set("quota_size", "1K");
  set("quota_period", "d");
  auto m = meter();
  counter_ = 2000;
  m->tick(now_);
  ASSERT_TRUE(paused_);
  m->tick(utc(2026, 3, 11) + 1);  // past midnight: a new day
  EXPECT_EQ(m->state().left, 1024u);
  EXPECT_TRUE(paused_);  // quota_resume is off
  set("quota_resume", "1");
  counter_ = 4000;
  m->tick(utc(2026, 3, 11, 1));
  ASSERT_TRUE(paused_);
  m->tick(utc(2026, 3, 12) + 1);
  EXPECT_FALSE(paused_);
}

TEST_F(QuotaTest, RaisingTheQuotaResumesWithQuotaResume) {
  set("quota_size", "1K");
  set("quota_resume", "1");
  auto m = meter();
  counter_ = 2000;
  m->tick(now_);
  ASSERT_TRUE(paused_);
  set("quota_size", "1M");
  m->tick(now_ + 1);
  EXPECT_FALSE(paused_);
}

TEST_F(QuotaTest, NoQuotaNeverPauses) {
  auto m = meter();
  counter_ = uint64_t(1) << 40;
  m->tick(now_);
  EXPECT_FALSE(paused_);
  EXPECT_EQ(m->state().quota, 0u);
  EXPECT_EQ(m->state().left, 0u);
}

TEST_F(QuotaTest, CountSurvivesARestart) {
  set("quota_size", "10K");
  {
    auto m = meter();
    counter_ = 4096;
    m->tick(now_);
  }  // saved when it stops
  counter_ = 0;  // a new process: the pool counts from 0 again
  auto again = meter();
  again->tick(now_ + 5);
  EXPECT_EQ(again->state().left, 10240u - 4096u);
}

}  // namespace
}  // namespace nzbd::daemon
