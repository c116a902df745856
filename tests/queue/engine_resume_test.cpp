// The journal: what was written before a stop is not fetched again.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <set>

#include "queue/offline_engine.h"
#include "queue/store.h"

namespace nzbd::queue::test {
namespace {

TEST(QueueEngineResume, ARestartFetchesOnlyWhatWasNotWritten) {
  nzbd::test::TempDir home;
  Post post("resume", 2, 12'000, 3'000);
  std::set<std::string> first;
  {
    OfflineEngine e(home.path());
    e.add(post, "resume");
    EXPECT_EQ(e.serve(0, [](size_t, const std::string&) { return Answer::Body; }, 5), 5u);
    for (const auto& [id, n] : e.asked(0)) first.insert(id);
    e.stop();  // the writer flushes; the journal holds the five
  }
  OfflineEngine again(home.path());
  again.publish(post);
  again.serve(0, [](size_t, const std::string&) { return Answer::Body; });
  auto done = again.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(files_match(done[0].folder, post));
  std::set<std::string> second;
  for (const auto& [id, n] : again.asked(0)) second.insert(id);
  EXPECT_EQ(first.size() + second.size(), post.all_ids().size());
  for (const auto& id : first) EXPECT_FALSE(second.count(id)) << id << " was fetched twice";
}

// The writer appends a record after the articles queued before it, so a job
// can be handed over with its last records still on their way; whoever reads
// the journal of a finished job (a kept copy for retry) settles them first.
TEST(QueueEngineResume, SettledJournalsHoldEveryWrittenArticle) {
  nzbd::test::TempDir home;
  Post post("settle", 3, 30'000, 1'000);
  OfflineEngine e(home.path());
  // The hand-over of the job holds the writer thread, as a slow finisher would.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  e.set_finish_hook([released] { released.wait(); });
  e.add(post, "settle");
  e.serve(0, [](size_t, const std::string&) { return Answer::Body; });
  auto done = e.wait_finished(1);
  ASSERT_EQ(done.size(), 1u);
  auto settled = std::async(std::launch::async, [&] { e.queue().settle_journals(); });
  EXPECT_EQ(settled.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "settle_journals returned while the last article's record was still queued";
  release.set_value();
  settled.get();
  auto records = read_journal_file(std::filesystem::path(done[0].nzb_path).parent_path() / "journal.bin");
  std::set<std::pair<uint32_t, uint32_t>> written;
  for (const auto& r : records)
    if (r.kind == 0) written.insert({r.file, r.seg});
  EXPECT_EQ(written.size(), post.all_ids().size());
}

}  // namespace
}  // namespace nzbd::queue::test
