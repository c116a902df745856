// Adding: concurrent adds under one group commit, the order journal across a
// restart, and unique folder names from the queue's index.
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "queue/offline_engine.h"
#include "util/files.h"

namespace nzbd::queue::test {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> queued_ids(Queue& q) {
  return q.with_jobs([](const JobList& jobs, const QueueStatus&) {
    std::vector<std::string> ids;
    for (const Job* j : jobs) ids.push_back(j->nzo_id);
    return ids;
  });
}

std::vector<std::string> queued_folders(Queue& q) {
  return q.with_jobs([](const JobList& jobs, const QueueStatus&) {
    std::vector<std::string> out;
    for (const Job* j : jobs) out.push_back(j->folder);
    return out;
  });
}

std::string snapshot_text(const fs::path& home) {
  auto text = read_file(home / "admin" / "queue" / "order.json");
  return text ? *text : std::string();
}

TEST(QueueAdd, ConcurrentAddsAreEachAnsweredOnceAndAllSurviveARestart) {
  nzbd::test::TempDir home;
  std::vector<std::string> before;
  {
    OfflineEngine e(home.path());
    const std::string snapshot = snapshot_text(home.path());
    std::mutex mu;
    std::vector<std::string> answered;
    std::vector<std::thread> clients;
    for (int c = 0; c < 6; ++c)
      clients.emplace_back([&, c] {
        for (int i = 0; i < 20; ++i) {
          Post post("c" + std::to_string(c) + "j" + std::to_string(i), 1, 2'000, 1'000, c * 100 + i + 1);
          AddOptions o;
          o.priority = i % 3 == 0 ? kHighPriority : kNormalPriority;  // not all at the end
          auto ids = e.queue().add_data(post.nzb(), "job.nzb", o);
          ASSERT_TRUE(ids.ok()) << ids.message();
          ASSERT_EQ(ids->size(), 1u);
          std::lock_guard lock(mu);
          answered.push_back(ids->front());
        }
      });
    for (auto& t : clients) t.join();
    EXPECT_EQ(std::set<std::string>(answered.begin(), answered.end()).size(), 120u);
    before = queued_ids(e.queue());
    EXPECT_EQ(std::set<std::string>(before.begin(), before.end()), std::set<std::string>(answered.begin(), answered.end()));
    // The adds went to the journal: the snapshot was not rewritten for them.
    EXPECT_EQ(snapshot_text(home.path()), snapshot);
    // Every job got a folder of its own, though all were named "job".
    auto folders = queued_folders(e.queue());
    EXPECT_EQ(std::set<std::string>(folders.begin(), folders.end()).size(), 120u);
    e.stop();
  }
  OfflineEngine again(home.path());
  EXPECT_EQ(queued_ids(again.queue()), before);
}

TEST(QueueAdd, ATornOrderJournalTailLosesNoWholeRecord) {
  nzbd::test::TempDir home;
  std::vector<std::string> before;
  {
    OfflineEngine e(home.path());
    for (int i = 0; i < 5; ++i) e.add(Post("t" + std::to_string(i), 1, 2'000, 1'000, i + 1), "t" + std::to_string(i));
    before = queued_ids(e.queue());
    e.stop();
  }
  {
    std::ofstream out(home.path() / "admin" / "queue" / "order.journal", std::ios::binary | std::ios::app);
    out << "+5 SABnzbd_nzo_torn";  // a record cut short
  }
  {
    OfflineEngine again(home.path());
    EXPECT_EQ(queued_ids(again.queue()), before);
    // Loading compacted the journal; adding after the torn tail works.
    again.add(Post("after", 1, 2'000, 1'000, 9), "after");
    before = queued_ids(again.queue());
    again.stop();
  }
  OfflineEngine third(home.path());
  EXPECT_EQ(queued_ids(third.queue()), before);
  EXPECT_EQ(before.size(), 6u);
}

TEST(QueueAdd, FolderNamesAreUniqueAmongQueuedJobsAndOnDisk) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path());
  fs::create_directories(home.path() / "incomplete" / "show.2");  // left by someone else
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(e.add(Post("f" + std::to_string(i), 1, 2'000, 1'000, i + 1), "show"));
  EXPECT_EQ(queued_folders(e.queue()), (std::vector<std::string>{"show", "show.1", "show.3", "show.4"}));
  // A job leaving frees its name for the next add.
  e.queue().delete_jobs({ids[1]}, false);
  e.add(Post("f9", 1, 2'000, 1'000, 9), "show");
  EXPECT_EQ(queued_folders(e.queue()), (std::vector<std::string>{"show", "show.3", "show.4", "show.1"}));
}

TEST(QueueAdd, FolderNamesStayUniqueAfterARestart) {
  nzbd::test::TempDir home;
  {
    OfflineEngine e(home.path());
    e.add(Post("r0", 1, 2'000, 1'000, 1), "again");
    e.stop();
  }
  OfflineEngine again(home.path());
  again.add(Post("r1", 1, 2'000, 1'000, 2), "again");
  EXPECT_EQ(queued_folders(again.queue()), (std::vector<std::string>{"again", "again.1"}));
}

}  // namespace
}  // namespace nzbd::queue::test
