// Group commit: one fsync pass covers every caller that arrived while the previous one ran.
#include "queue/group_commit.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace nzbd::queue {
namespace {
namespace fs = std::filesystem;

// A syncer that records what it synced, and can hold its first pass until told.
struct Recorder {
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::string, int> synced;  // path -> times
  bool hold_first = false;
  bool holding = false;
  int calls = 0;
  Status sync(const fs::path& p) {
    std::unique_lock lock(mu);
    if (hold_first && calls++ == 0) {
      holding = true;
      cv.notify_all();
      cv.wait(lock, [&] { return !hold_first; });
    }
    ++synced[p.string()];
    if (p.filename() == "bad") return make_error("fsync of bad failed");
    return ok_status();
  }
};

TEST(GroupCommit, CallersArrivingDuringAPassShareTheNextOne) {
  Recorder rec;
  rec.hold_first = true;
  GroupCommit commit([&](const fs::path& p) { return rec.sync(p); });
  constexpr int kCallers = 16;
  std::thread first([&] { EXPECT_TRUE(commit.sync({"/q/job0"}).ok()); });
  {
    std::unique_lock lock(rec.mu);
    rec.cv.wait(lock, [&] { return rec.holding; });  // pass 1 is under way
  }
  std::vector<std::thread> rest;
  std::mutex answers_mu;
  std::set<std::string> answered;
  for (int i = 1; i < kCallers; ++i)
    rest.emplace_back([&, i] {
      std::string mine = "/q/job" + std::to_string(i);
      EXPECT_TRUE(commit.sync({mine, "/q", "/q/order.journal"}).ok());
      std::lock_guard lock(rec.mu);  // answered only once its own path was synced
      EXPECT_EQ(rec.synced.count(mine), 1u) << mine;
      std::lock_guard a(answers_mu);
      answered.insert(mine);
    });
  while (commit.callers() < kCallers) std::this_thread::yield();  // all handed in, waiting
  {
    std::lock_guard lock(rec.mu);
    rec.hold_first = false;
  }
  rec.cv.notify_all();
  first.join();
  for (auto& t : rest) t.join();
  EXPECT_EQ(answered.size(), static_cast<size_t>(kCallers - 1));
  // Pass 1 had job0 only; everyone else went in pass 2, shared paths once.
  EXPECT_EQ(commit.passes(), 2u);
  EXPECT_EQ(rec.synced["/q"], 1);
  EXPECT_EQ(rec.synced["/q/order.journal"], 1);
  for (int i = 0; i < kCallers; ++i) EXPECT_EQ(rec.synced["/q/job" + std::to_string(i)], 1);
}

TEST(GroupCommit, AFailedPassIsReportedToItsCallersOnly) {
  Recorder rec;
  GroupCommit commit([&](const fs::path& p) { return rec.sync(p); });
  auto st = commit.sync({"/q/bad", "/q/good"});
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("bad"), std::string::npos);
  EXPECT_EQ(rec.synced["/q/good"], 1);  // the rest of the pass still ran
  EXPECT_TRUE(commit.sync({"/q/other"}).ok());
  EXPECT_EQ(commit.passes(), 2u);
}

TEST(GroupCommit, ManyConcurrentCallersAllReturnSynced) {
  std::mutex mu;
  std::set<std::string> synced;
  GroupCommit commit([&](const fs::path& p) {
    std::lock_guard lock(mu);
    synced.insert(p.string());
    return ok_status();
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string p = "/q/" + std::to_string(t) + "-" + std::to_string(i);
        ASSERT_TRUE(commit.sync({p}).ok());
        std::lock_guard lock(mu);
        ASSERT_TRUE(synced.count(p)) << p;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(synced.size(), 1600u);
  EXPECT_LE(commit.passes(), 1600u);
  EXPECT_EQ(commit.callers(), 0u);
}

}  // namespace
}  // namespace nzbd::queue
