// Per-server quota and expire_date over a real ConfigStore, with the byte
// totals and the date given by the test.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "daemon/server_watch.h"
#include "support/temp_dir.h"

namespace nzbd::daemon {
namespace {

class ServerWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir / "nzbd.ini");
    ASSERT_TRUE(cfg.ok()) << cfg.message();
    config = std::make_unique<config::ConfigStore>(std::move(*cfg));
    (void)config->write("servers", [](config::Config& c) {
      auto& s = c.item_or_create("servers", "block");
      s.set("host", "news.example.test");
      s.set("enable", "1");
    });
    watch = std::make_unique<ServerWatch>(*config, [this] { return std::map<std::string, int64_t>{{"block", used}}; },
        [this] { return today; }, std::chrono::milliseconds(0));
  }
  std::string value(const char* key) {
    return config->read([&](const config::Config& c) { return c.item_value(*c.item("servers", "block"), "servers", key); });
  }
  void set(const char* key, const std::string& v) {
    (void)config->write("servers", [&](config::Config& c) { c.item_or_create("servers", "block").set(key, v); });
  }
  test::TempDir dir;
  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<ServerWatch> watch;
  int64_t used = 5'000'000;
  std::string today = "2026-12-07";
};

TEST_F(ServerWatchTest, AQuotaCountsFromWhenItWasSetAndSwitchesTheServerOffWhenSpent) {
  watch->check_now();  // no quota yet
  set("quota", "1M");
  watch->check_now();
  EXPECT_EQ(value("usage_at_start"), "5000000");
  EXPECT_EQ(value("enable"), "1");
  used += 500'000;
  watch->check_now();
  EXPECT_EQ(value("enable"), "1");
  used += 600'000;  // 1.1 MB since the quota was set
  watch->check_now();
  EXPECT_EQ(value("enable"), "0");
  EXPECT_EQ(value("quota"), "");
}

TEST_F(ServerWatchTest, AnExpiredServerIsSwitchedOffAndOneAboutToExpireWarnsOncePerDay) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(20);
  auto logger = std::make_shared<spdlog::logger>("watch", sink);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  set("expire_date", "2026-12-10");
  watch->check_now();
  watch->check_now();
  auto lines = sink->last_formatted();
  spdlog::set_default_logger(previous);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("Server block is expiring in 3 day(s)"), std::string::npos) << lines[0];
  EXPECT_EQ(value("enable"), "1");
  today = "2026-12-10";
  watch->check_now();
  EXPECT_EQ(value("enable"), "0");
  EXPECT_EQ(value("expire_date"), "");
}

TEST(DaysBetween, ParsesDatesAndRefusesOthers) {
  EXPECT_EQ(days_between("2026-12-07", "2027-01-01"), 25);
  EXPECT_EQ(days_between("2026-12-07", "2026-12-01"), -6);
  EXPECT_FALSE(days_between("2026-12-07", "next week"));
  EXPECT_FALSE(days_between("2026-12-07", ""));
}

}  // namespace
}  // namespace nzbd::daemon
