// The journal: what was written before a stop is not fetched again.
#include <gtest/gtest.h>

#include <set>

#include "queue/offline_engine.h"

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

}  // namespace
}  // namespace nzbd::queue::test
