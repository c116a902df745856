// The download engine through its ArticleSource side, without a network:
// scheduling across servers, missing and damaged articles, retries, pausing.
#include <gtest/gtest.h>

#include "queue/offline_engine.h"

namespace nzbd::queue::test {
namespace {

Answer always_body(size_t, const std::string&) { return Answer::Body; }

TEST(QueueEngine, OneServerWritesEveryArticleByteIdentical) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path());
  Post post("plain", 2, 10'000, 3'000);
  std::string id = e.add(post, "plain");
  EXPECT_EQ(e.serve(0, always_body), post.all_ids().size());
  auto done = e.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].job.nzo_id, id);
  EXPECT_EQ(done[0].job.bytes_missing(), 0u);
  EXPECT_TRUE(files_match(done[0].folder, post));
  for (const auto& [msgid, n] : e.asked(0)) EXPECT_EQ(n, 1) << msgid;
  // Each file's written parts are reported for PAR2's quick check.
  ASSERT_EQ(done[0].segments.size(), 2u);
  EXPECT_EQ(done[0].segments[0].size(), 4u);
}

TEST(QueueEngine, AnArticleMissingOnTheFirstServerComesFromTheBackup) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path(), {{"main", 0}, {"backup", 1}});
  Post post("fill", 1, 9'000, 3'000);
  const std::string gone = post.files()[0].message_ids[1];
  e.add(post, "fill");
  // The backup server is asked for nothing until the main one lacks an article.
  EXPECT_EQ(e.serve(1, always_body), 0u);
  e.serve(0, [&](size_t, const std::string& id) { return id == gone ? Answer::NotFound : Answer::Body; });
  EXPECT_EQ(e.serve(1, always_body), 1u);
  auto done = e.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(files_match(done[0].folder, post));
  EXPECT_EQ(e.asked(1), (std::map<std::string, int>{{gone, 1}}));
}

// A backup server asked while the job is paused must keep the article for
// later: the main cursor has passed it, so dropping it stalled the job for good.
TEST(QueueEngine, ARetryForTheBackupWaitsWhileItsJobIsPaused) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path(), {{"main", 0}, {"backup", 1}});
  Post post("wait", 1, 9'000, 3'000);
  const std::string gone = post.files()[0].message_ids[1];
  std::string id = e.add(post, "wait");
  e.serve(0, [&](size_t, const std::string& m) { return m == gone ? Answer::NotFound : Answer::Body; });
  EXPECT_EQ(e.queue().pause_jobs({id}), std::vector<std::string>{id});
  EXPECT_EQ(e.serve(1, always_body), 0u);
  e.queue().resume_jobs({id});
  EXPECT_EQ(e.serve(1, always_body), 1u);
  auto done = e.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(files_match(done[0].folder, post));
}

TEST(QueueEngine, ADamagedArticleIsAskedOfTheNextServer) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path(), {{"main", 0}, {"backup", 1}});
  Post post("crc", 1, 6'000, 3'000);
  const std::string bad = post.files()[0].message_ids[0];
  e.add(post, "crc");
  e.serve(0, [&](size_t, const std::string& id) { return id == bad ? Answer::Damaged : Answer::Body; });
  EXPECT_EQ(e.serve(1, always_body), 1u);
  auto done = e.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(files_match(done[0].folder, post));
}

TEST(QueueEngine, AnArticleNoServerHasLeavesTheJobFinishedWithItMissing) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path(), {{"main", 0}, {"backup", 1}});
  Post post("hole", 1, 9'000, 3'000);
  const std::string gone = post.files()[0].message_ids[2];
  auto rule = [&](size_t, const std::string& id) { return id == gone ? Answer::NotFound : Answer::Body; };
  e.add(post, "hole");
  e.serve(0, rule);
  EXPECT_EQ(e.serve(1, rule), 1u);
  auto done = e.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_GT(done[0].job.bytes_missing(), 0u);
  EXPECT_EQ(done[0].segments[0].size(), 2u);  // the two articles that were there
}

TEST(QueueEngine, ALostConnectionIsRetriedOnTheSameServerUpToMaxTries) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path(), {{"only", 0}}, 3);
  Post post("flaky", 1, 6'000, 3'000);
  const std::string flaky = post.files()[0].message_ids[0];
  e.add(post, "flaky");
  auto rule = [&](size_t, const std::string& id) { return id == flaky ? Answer::Failed : Answer::Body; };
  e.serve(0, rule);
  auto done = e.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(e.asked(0).at(flaky), 3);  // max_art_tries, then given up
  EXPECT_GT(done[0].job.bytes_missing(), 0u);
}

TEST(QueueEngine, APausedQueueHandsOutNothingUntilResumed) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path());
  Post post("pause", 1, 6'000, 3'000);
  e.add(post, "pause");
  e.queue().pause_all();
  EXPECT_FALSE(e.queue().next_article(0).has_value());
  e.queue().resume_all();
  EXPECT_EQ(e.serve(0, always_body), 2u);
  EXPECT_EQ(e.wait_finished(1).size(), 1u);
}

TEST(QueueEngine, ArticlesInFlightWhenTheirJobIsDeletedAreSettled) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path());
  Post post("gone", 1, 12'000, 3'000);
  std::string id = e.add(post, "gone");
  std::vector<nntp::ArticleRef> held;
  std::vector<std::string> held_ids;  // the refs' message-ids point into the job's table
  for (int i = 0; i < 3; ++i) {
    auto ref = e.queue().next_article(0);
    ASSERT_TRUE(ref);
    held_ids.emplace_back(ref->message_id);
    held.push_back(*ref);
  }
  EXPECT_FALSE(e.queue().memory_report().empty());
  EXPECT_EQ(e.queue().delete_jobs({id}, true), std::vector<std::string>{id});
  for (size_t i = 0; i < held.size(); ++i) {
    held[i].message_id = held_ids[i];
    std::string body = post.body(held_ids[i]);
    if (i == 0)
      e.queue().on_body(0, held[i], body.data(), body.size());
    else
      e.queue().on_failure(0, held[i], nntp::FetchStatus::Failed, "pool stopped");
  }
  EXPECT_FALSE(e.queue().next_article(0).has_value());
  EXPECT_TRUE(e.queue().memory_report().empty());
  e.queue().with_jobs([](const JobList& jobs, const QueueStatus&) { EXPECT_TRUE(jobs.empty()); });
}

}  // namespace
}  // namespace nzbd::queue::test
