// history_retention_option: which Completed rows are archived or deleted.
#include <gtest/gtest.h>

#include "history/helpers.h"
#include "support/temp_dir.h"

namespace nzbd::history {
namespace {

using test::make_entry;

TEST(RetentionRule, ParsesSabnzbdOptionsAndTheLegacyValue) {
  EXPECT_EQ(parse_retention("all", 5).keep, Retention::Keep::All);
  auto r = parse_retention("number-archive", 3);
  EXPECT_EQ(r.keep, Retention::Keep::Newest);
  EXPECT_TRUE(r.archive);
  EXPECT_EQ(r.number, 3);
  r = parse_retention("days-delete", 0);  // SABnzbd's minimum is 1
  EXPECT_EQ(r.keep, Retention::Keep::Days);
  EXPECT_FALSE(r.archive);
  EXPECT_EQ(r.number, 1);
  EXPECT_EQ(parse_retention("all-delete", 1).keep, Retention::Keep::None);
  EXPECT_EQ(parse_retention("bogus-delete", 1).keep, Retention::Keep::All);
  EXPECT_EQ(parse_retention("number-shred", 1).keep, Retention::Keep::All);
  r = parse_retention("all", 1, "30d");
  EXPECT_EQ(r.keep, Retention::Keep::Days);
  EXPECT_EQ(r.number, 30);
  EXPECT_EQ(parse_retention("all", 1, "10").keep, Retention::Keep::Newest);
  EXPECT_EQ(parse_retention("all", 1, "-1").keep, Retention::Keep::None);
  EXPECT_EQ(parse_retention("all", 1, "x").keep, Retention::Keep::All);
}

class Prune : public ::testing::Test {
 protected:
  void SetUp() override {
    auto h = History::open(dir / "history.db");
    ASSERT_TRUE(h.ok()) << h.message();
    history = std::move(*h);
    // Completed c1 (oldest) .. c4 (newest), one Failed and one still post-processing.
    for (int i = 1; i <= 4; ++i)
      ASSERT_TRUE(history->put(make_entry("c" + std::to_string(i), "C" + std::to_string(i), "Completed",
                                          kNow - (5 - i) * 86400, 100)));
    ASSERT_TRUE(history->put(make_entry("f1", "F1", "Failed", kNow - 10 * 86400, 100)));
    Entry busy = make_entry("p1", "P1", "Completed", kNow - 20 * 86400, 100);
    busy.loaded = true;
    ASSERT_TRUE(history->put(busy));
  }
  std::vector<std::string> visible() {
    std::vector<std::string> ids;
    auto page = history->query(Query{});
    for (const auto& e : page->entries) ids.push_back(e.nzo_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  int64_t archived() {
    Query q;
    q.archived = true;
    return history->query(q)->total;
  }
  static constexpr int64_t kNow = 1'700'000'000;
  nzbd::test::TempDir dir;
  std::unique_ptr<History> history;
};

TEST_F(Prune, NewestKeepsThatManyCompletedRowsAndArchivesTheRest) {
  auto n = history->prune(parse_retention("number-archive", 2), kNow);
  ASSERT_TRUE(n.ok()) << n.message();
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(visible(), (std::vector<std::string>{"c3", "c4", "f1", "p1"}));
  EXPECT_EQ(archived(), 2);
  EXPECT_EQ(*history->prune(parse_retention("number-archive", 2), kNow), 0);  // idempotent
}

TEST_F(Prune, DaysDeletesOlderCompletedRowsOnly) {
  auto n = history->prune(parse_retention("days-delete", 2), kNow);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2);  // c1 (4 days) and c2 (3 days)
  EXPECT_EQ(visible(), (std::vector<std::string>{"c3", "c4", "f1", "p1"}));
  EXPECT_EQ(archived(), 0);
  EXPECT_FALSE(history->get("c1").ok());
}

TEST_F(Prune, NoneRemovesEveryFinishedCompletedRowButNeverFailedOnes) {
  int64_t before = history->last_update();
  ASSERT_EQ(*history->prune(parse_retention("all-delete", 1), kNow), 4);
  EXPECT_EQ(visible(), (std::vector<std::string>{"f1", "p1"}));
  EXPECT_NE(history->last_update(), before);
  EXPECT_EQ(*history->prune(parse_retention("all", 1), kNow), 0);
}

}  // namespace
}  // namespace nzbd::history
