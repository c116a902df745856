// The recorder turns running pool counters into daily per-server rows.
#include "daemon/server_stats_recorder.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace nzbd::daemon {
namespace {

nntp::ServerStatus counters(std::string name, uint64_t bytes, uint64_t ok, uint64_t missing = 0) {
  nntp::ServerStatus s;
  s.name = std::move(name);
  s.bytes_received = bytes;
  s.articles_ok = ok;
  s.articles_missing = missing;
  return s;
}

history::History::ServerStats stats_of(history::History& h, const std::string& name) {
  auto all = h.server_stats();
  EXPECT_TRUE(all.ok()) << all.message();
  if (!all) return {};
  for (auto& [n, s] : *all)
    if (n == name) return s;
  return {};
}

int64_t today_tried(const history::History::ServerStats& s) {
  int64_t sum = 0;
  for (const auto& [day, n] : s.articles_tried) sum += n;
  return sum;
}

std::unique_ptr<history::History> open_history(const std::filesystem::path& path) {
  auto h = history::History::open(path);
  if (!h) ADD_FAILURE() << h.message();
  return h ? std::move(*h) : nullptr;
}

class ServerStatsRecorderTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<history::History> history = open_history(dir.path() / "history.db");
  std::vector<nntp::ServerStatus> now;
};

TEST_F(ServerStatsRecorderTest, AddsOnlyTheGrowthSinceTheLastLook) {
  ServerStatsRecorder rec([this] { return now; }, *history, std::chrono::milliseconds(0));
  now = {counters("a", 1000, 2), counters("b", 0, 0)};
  rec.record_now();
  now = {counters("a", 1500, 3, 1), counters("b", 700, 1)};
  rec.record_now();
  rec.record_now();  // nothing new: nothing added
  auto a = stats_of(*history, "a");
  EXPECT_EQ(a.totals.day, 1500);
  EXPECT_EQ(a.totals.total, 1500);
  EXPECT_EQ(today_tried(a), 4);
  EXPECT_EQ(stats_of(*history, "b").totals.day, 700);
}

TEST_F(ServerStatsRecorderTest, ARebuiltPoolCountsFromZeroAgain) {
  ServerStatsRecorder rec([this] { return now; }, *history, std::chrono::milliseconds(0));
  now = {counters("a", 5000, 5)};
  rec.record_now();
  now = {counters("a", 300, 1)};  // the pool was rebuilt after a server change
  rec.record_now();
  EXPECT_EQ(stats_of(*history, "a").totals.day, 5300);
}

TEST_F(ServerStatsRecorderTest, RecordsWhatIsLeftWhenDestroyedAndOnItsOwnThread) {
  now = {counters("a", 100, 1)};
  {
    ServerStatsRecorder rec([this] { return now; }, *history, std::chrono::milliseconds(20));
    for (int i = 0; i < 200 && stats_of(*history, "a").totals.day == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(stats_of(*history, "a").totals.day, 100) << "the thread records by itself";
    now = {counters("a", 250, 2)};
  }
  EXPECT_EQ(stats_of(*history, "a").totals.day, 250) << "the rest at destruction";
}

}  // namespace
}  // namespace nzbd::daemon
