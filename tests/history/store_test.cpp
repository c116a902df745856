#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "history/helpers.h"
#include "support/temp_dir.h"

namespace nzbd::history {
namespace {

using test::make_entry;
using test::now;

std::vector<std::string> ids_of(const Page& p) {
  std::vector<std::string> ids;
  for (const auto& e : p.entries) ids.push_back(e.nzo_id);
  return ids;
}

class Store : public ::testing::Test {
 protected:
  void SetUp() override {
    auto h = History::open(dir / "history.db");
    ASSERT_TRUE(h.ok()) << h.message();
    history = std::move(*h);
  }
  nzbd::test::TempDir dir;
  std::unique_ptr<History> history;
};

TEST_F(Store, PutGetRoundTripsEveryField) {
  Entry e = make_entry("SABnzbd_nzo_1", "Show.S01E01", "Failed", 1700000000, 57042534);
  e.category = "tv";
  e.pp = "D";
  e.script = "notify.sh";
  e.storage = "/data/complete/tv/Show.S01E01";
  e.path = "/data/incomplete/Show.S01E01";
  e.url = "http://example/x.nzb";
  e.report = "future";
  e.url_info = "info";
  e.script_log = "line1\nline2";
  e.script_line = "line2";
  e.password = "secret";
  e.duplicate_key = "show/1/1";
  e.action_line = "Unpacking";
  e.stage_log = {{"Download", {"Downloaded in 5 s"}}, {"Unpack", {"a", "b \"quoted\""}}};
  e.download_time = 95;
  e.postproc_time = 7;
  e.archive = true;
  e.loaded = true;
  e.retry = true;
  e.nzb_path = "/data/admin/x.nzb.gz";
  ASSERT_TRUE(history->put(e).ok());
  auto got = history->get("SABnzbd_nzo_1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, e.name);
  EXPECT_EQ(got->category, "tv");
  EXPECT_EQ(got->pp, "D");
  EXPECT_EQ(got->script, "notify.sh");
  EXPECT_EQ(got->storage, e.storage);
  EXPECT_EQ(got->path, e.path);
  EXPECT_EQ(got->url, e.url);
  EXPECT_EQ(got->report, "future");
  EXPECT_EQ(got->url_info, "info");
  EXPECT_EQ(got->script_log, e.script_log);
  EXPECT_EQ(got->script_line, "line2");
  EXPECT_EQ(got->password, "secret");
  EXPECT_EQ(got->duplicate_key, "show/1/1");
  EXPECT_EQ(got->action_line, "Unpacking");
  ASSERT_EQ(got->stage_log.size(), 2u);
  EXPECT_EQ(got->stage_log[1].name, "Unpack");
  EXPECT_EQ(got->stage_log[1].actions, (std::vector<std::string>{"a", "b \"quoted\""}));
  EXPECT_EQ(got->bytes, 57042534);
  EXPECT_EQ(got->downloaded, 57042534);
  EXPECT_EQ(got->completed, 1700000000);
  EXPECT_EQ(got->time_added, 1700000000 - 100);
  EXPECT_EQ(got->download_time, 95);
  EXPECT_EQ(got->postproc_time, 7);
  EXPECT_TRUE(got->archive);
  EXPECT_TRUE(got->loaded);
  EXPECT_TRUE(got->retry);
  EXPECT_EQ(got->nzb_path, e.nzb_path);
  EXPECT_EQ(got->fail_message, "Unpacking failed");
  EXPECT_FALSE(history->get("nope").ok());
}

TEST(JobStatusText, EveryStatusReadsBackFromItsText) {
  for (size_t i = 0; i < kJobStatusTexts.size(); ++i) {
    auto s = static_cast<JobStatus>(i);
    EXPECT_EQ(parse_job_status(status_text(s)), s) << status_text(s);
  }
  EXPECT_EQ(status_text(JobStatus::Completed), "Completed");
  EXPECT_EQ(status_text(JobStatus::QuickCheck), "QuickCheck");
  EXPECT_FALSE(parse_job_status("completed"));  // SABnzbd's words are case-sensitive in the table
  EXPECT_FALSE(parse_job_status(""));
}

TEST_F(Store, AStatusTextNobodyWroteReadsAsFailed) {
  ASSERT_TRUE(history->put(make_entry("odd", "Odd.Job", "Completed", 5)).ok());
  history.reset();
  test::raw_sql(dir / "history.db", "UPDATE history SET status = 'Exploded' WHERE nzo_id = 'odd'");
  auto h = History::open(dir / "history.db");
  ASSERT_TRUE(h.ok()) << h.message();
  auto e = (*h)->get("odd");
  ASSERT_TRUE(e.ok()) << e.message();
  EXPECT_EQ(e->status, JobStatus::Failed);
}

TEST_F(Store, PutReplacesTheRowOfTheSameIdAndRejectsAnEmptyId) {
  auto e = make_entry("a", "Job", "Extracting", 0);
  e.loaded = true;
  ASSERT_TRUE(history->put(e).ok());
  e.status = JobStatus::Completed;
  e.loaded = false;
  e.completed = 5;
  ASSERT_TRUE(history->put(e).ok());
  auto page = *history->query({});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.entries[0].status, JobStatus::Completed);
  EXPECT_EQ(page.loaded, 0);
  EXPECT_FALSE(history->put(make_entry("", "x", "Completed", 1)).ok());
}

TEST_F(Store, ActiveRowsComeFirstThenNewestCompleted) {
  ASSERT_TRUE(history->put(make_entry("old", "Old", "Completed", 100)).ok());
  ASSERT_TRUE(history->put(make_entry("new", "New", "Failed", 300)).ok());
  ASSERT_TRUE(history->put(make_entry("mid", "Mid", "Completed", 200)).ok());
  auto active = make_entry("pp", "Active", "Verifying", 0);
  active.loaded = true;
  ASSERT_TRUE(history->put(active).ok());
  auto page = *history->query({});
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{"pp", "new", "mid", "old"}));
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(page.loaded, 1);
}

TEST_F(Store, StartAndLimitPageWhileTotalCountsAllMatches) {
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(history->put(make_entry("id" + std::to_string(i), "Job", "Completed", 1000 + i)).ok());
  Query q;
  q.start = 2;
  q.limit = 3;
  auto page = *history->query(q);
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{"id7", "id6", "id5"}));
  EXPECT_EQ(page.total, 10);
  q.start = 8;
  q.limit = 0;  // all the rest
  EXPECT_EQ(ids_of(*history->query(q)), (std::vector<std::string>{"id1", "id0"}));
  q.start = 50;
  EXPECT_TRUE(history->query(q)->entries.empty());
}

TEST_F(Store, SearchIsCaseInsensitiveAndEscapesWildcards) {
  ASSERT_TRUE(history->put(make_entry("1", "Foo_Bar", "Completed", 1)).ok());
  ASSERT_TRUE(history->put(make_entry("2", "FooXBar", "Completed", 2)).ok());
  ASSERT_TRUE(history->put(make_entry("3", "100%real", "Completed", 3)).ok());
  ASSERT_TRUE(history->put(make_entry("4", "1000real", "Completed", 4)).ok());
  Query q;
  q.search = "o_b";
  EXPECT_EQ(ids_of(*history->query(q)), (std::vector<std::string>{"1"}));
  q.search = "FOO";
  EXPECT_EQ(history->query(q)->total, 2);
  q.search = "0%r";
  EXPECT_EQ(ids_of(*history->query(q)), (std::vector<std::string>{"3"}));
  q.search = "zzz";
  EXPECT_EQ(history->query(q)->total, 0);
}

TEST_F(Store, CategoryStatusIdAndFailedFilters) {
  auto a = make_entry("a", "A", "Completed", 1);
  a.category = "tv";
  auto b = make_entry("b", "B", "Failed", 2);
  b.category = "movies";
  auto c = make_entry("c", "C", "Completed", 3);  // default category "*"
  for (const auto& e : {a, b, c}) ASSERT_TRUE(history->put(e).ok());
  Query q;
  q.categories = {"tv", "*"};
  EXPECT_EQ(ids_of(*history->query(q)), (std::vector<std::string>{"c", "a"}));
  q = {};
  q.categories = {"TV"};  // exact, as Sonarr expects
  EXPECT_EQ(history->query(q)->total, 0);
  q = {};
  q.statuses = {"Failed"};
  EXPECT_EQ(ids_of(*history->query(q)), (std::vector<std::string>{"b"}));
  q = {};
  q.nzo_ids = {"a", "b", "zz"};
  EXPECT_EQ(ids_of(*history->query(q)), (std::vector<std::string>{"b", "a"}));
  q = {};
  q.failed_only = true;
  EXPECT_EQ(ids_of(*history->query(q)), (std::vector<std::string>{"b"}));
  q.categories = {"tv"};
  EXPECT_EQ(history->query(q)->total, 0);
}

TEST_F(Store, RemoveArchivesOrDeletesAndSpecialValuesSkipActiveRows) {
  ASSERT_TRUE(history->put(make_entry("c1", "C1", "Completed", 1)).ok());
  ASSERT_TRUE(history->put(make_entry("c2", "C2", "Completed", 2)).ok());
  ASSERT_TRUE(history->put(make_entry("f1", "F1", "Failed", 3)).ok());
  auto active = make_entry("pp", "PP", "Extracting", 0);
  active.loaded = true;
  ASSERT_TRUE(history->put(active).ok());

  ASSERT_TRUE(history->remove({"c1", "unknown"}, true).ok());
  Query archived;
  archived.archived = true;
  EXPECT_EQ(ids_of(*history->query(archived)), (std::vector<std::string>{"c1"}));
  EXPECT_TRUE(history->get("c1")->archive);
  EXPECT_EQ(history->query({})->total, 3);

  ASSERT_TRUE(history->remove({"c1"}, false).ok());
  EXPECT_FALSE(history->get("c1").ok());

  ASSERT_TRUE(history->remove({"failed"}, false).ok());
  EXPECT_EQ(ids_of(*history->query({})), (std::vector<std::string>{"pp", "c2"}));
  ASSERT_TRUE(history->remove({"completed"}, true).ok());
  EXPECT_EQ(ids_of(*history->query({})), (std::vector<std::string>{"pp"}));
  EXPECT_EQ(ids_of(*history->query(archived)), (std::vector<std::string>{"c2"}));
  ASSERT_TRUE(history->remove({"all"}, false).ok());
  EXPECT_EQ(history->query(archived)->total, 0);
  EXPECT_TRUE(history->get("pp").ok());
  ASSERT_TRUE(history->remove({"all"}, false).ok());  // a rerun is harmless
}

TEST_F(Store, TotalsFollowLocalDayWeekAndMonthStarts) {
  int64_t t = now();
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  std::tm midnight = tm;
  midnight.tm_hour = midnight.tm_min = midnight.tm_sec = 0;
  midnight.tm_isdst = -1;
  int64_t today_start = static_cast<int64_t>(std::mktime(&midnight));

  ASSERT_TRUE(history->put(make_entry("now", "N", "Completed", t, 1000)).ok());
  ASSERT_TRUE(history->put(make_entry("yday", "Y", "Completed", today_start - 1, 200)).ok());
  ASSERT_TRUE(history->put(make_entry("old", "O", "Failed", t - 400 * 86400, 30)).ok());
  auto active = make_entry("pp", "P", "Extracting", t, 4);  // not finished: not counted
  active.loaded = true;
  ASSERT_TRUE(history->put(active).ok());

  Totals got = *history->totals();
  bool monday = tm.tm_wday == 1, first_of_month = tm.tm_mday == 1;
  EXPECT_EQ(got.total, 1230);
  EXPECT_EQ(got.day, 1000);
  EXPECT_EQ(got.week, monday ? 1000 : 1200);
  EXPECT_EQ(got.month, first_of_month ? 1000 : 1200);
}

TEST_F(Store, LastUpdateChangesOnEveryWriteAndPersists) {
  int64_t v0 = history->last_update();
  ASSERT_TRUE(history->put(make_entry("a", "A", "Completed", 1)).ok());
  int64_t v1 = history->last_update();
  EXPECT_NE(v1, v0);
  ASSERT_TRUE(history->remove({"nothing-matches"}, true).ok());
  int64_t v2 = history->last_update();
  EXPECT_NE(v2, v1);
  EXPECT_EQ(history->last_update(), v2);  // reading does not change it
  history.reset();
  auto reopened = History::open(dir / "history.db");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->last_update(), v2);
}

TEST_F(Store, ServerBytesAccumulatePerServerAndDay) {
  EXPECT_TRUE(history->add_server_bytes("news.a", 1000, 10, 9));
  EXPECT_TRUE(history->add_server_bytes("news.a", 500, 5, 5));
  EXPECT_TRUE(history->add_server_bytes("news.b", 7, 1, 0));
  EXPECT_FALSE(history->add_server_bytes("", 99, 1, 1));  // refused
  auto stats = history->server_stats().value();
  ASSERT_EQ(stats.size(), 2u);
  char today[16];
  std::time_t tt = std::time(nullptr);
  std::tm tm{};
  localtime_r(&tt, &tm);
  std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
  const auto& [name, a] = stats[0];
  EXPECT_EQ(name, "news.a");
  EXPECT_EQ(a.totals.total, 1500);
  EXPECT_EQ(a.totals.day, 1500);
  EXPECT_EQ(a.totals.week, 1500);
  EXPECT_EQ(a.totals.month, 1500);
  ASSERT_EQ(a.daily.size(), 1u);
  EXPECT_EQ(a.daily[0], (std::pair<std::string, int64_t>{today, 1500}));
  EXPECT_EQ(a.articles_tried[0].second, 15);
  EXPECT_EQ(a.articles_success[0].second, 14);
  EXPECT_EQ(stats[1].second.totals.total, 7);
  history.reset();
  auto reopened = History::open(dir / "history.db");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->server_stats().value()[0].second.totals.total, 1500);
}

TEST_F(Store, ConcurrentWritersLoseNothing) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        (void)history->put(make_entry(std::to_string(t) + "-" + std::to_string(i), "J", "Completed", i));
        EXPECT_TRUE(history->add_server_bytes("s", 1, 1, 1));
        (void)history->query({});
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(history->query({})->total, 100);
  EXPECT_EQ(history->server_stats().value()[0].second.totals.total, 100);
}

}  // namespace
}  // namespace nzbd::history

namespace nzbd::history {
namespace {
// memo(): a derived answer is made once and kept until the next put, remove
// or prune; a key it has not seen is made anew.
TEST(StoreMemo, KeptUntilTheHistoryChanges) {
  nzbd::test::TempDir dir;
  auto h = History::open(dir / "history.db");
  ASSERT_TRUE(h.ok()) << h.message();
  History& history = **h;
  int made = 0;
  auto page = [&] {
    ++made;
    return std::to_string(history.query(Query{})->total) + " rows";
  };
  EXPECT_EQ(history.memo("all", page), "0 rows");
  EXPECT_EQ(history.memo("all", page), "0 rows");
  EXPECT_EQ(made, 1) << "the second call is answered from the memo";
  ASSERT_TRUE(history.put(test::make_entry("a", "Job", "Completed", 100)).ok());
  EXPECT_EQ(history.memo("all", page), "1 rows") << "a put drops the memo";
  EXPECT_EQ(history.memo("other", page), "1 rows");
  EXPECT_EQ(made, 3);
  ASSERT_TRUE(history.remove({"a"}, false).ok());
  EXPECT_EQ(history.memo("all", page), "0 rows") << "a remove drops it too";
  ASSERT_TRUE(history.put(test::make_entry("b", "Job", "Completed", 100)).ok());
  EXPECT_EQ(history.memo("all", page), "1 rows");
  auto pruned = history.prune(parse_retention("all-delete", 0), 1000);
  ASSERT_TRUE(pruned.ok()) << pruned.message();
  ASSERT_EQ(*pruned, 1);
  EXPECT_EQ(history.memo("all", page), "0 rows") << "and so does a prune that changed rows";
}
}  // namespace
}  // namespace nzbd::history
