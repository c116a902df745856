// The release guards against INN2: a post with too many cancelled articles
// fails before it is all fetched (fail_hopeless_jobs), and pre_check STATs a
// post at INN and then downloads it byte-identical, or fails it without
// downloading a byte. Articles asked of INN are counted from /metrics.
#include <gtest/gtest.h>

#include <iostream>
#include <thread>

#include "e2e/download/rig_util.h"

namespace e2e {
namespace {

using namespace std::chrono_literals;

// The guards' posts: <guard_seed>.bin in 64000-byte articles.
struct Post : RandomPost {
  Post(size_t size, uint32_t seed) : RandomPost(size, seed, "guard") {}
};

TEST(E2eGuards, APostWithTooManyCancelledArticlesFailsBeforeItIsAllFetched) {
  Post post(3'200'000, 71);
  ASSERT_GE(post.ids.size(), 50u);
  std::vector<std::string> gone(post.ids.begin() + 2, post.ids.begin() + 22);
  ASSERT_TRUE(cancel_articles(gone));
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  std::string nzo = d.add_file(post.nzb, "hopeless.nzb", "");
  ASSERT_FALSE(nzo.empty());
  auto slot = d.wait_done(nzo, 60s);
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->value("status", ""), "Failed");
  EXPECT_EQ(slot->value("fail_message", ""), "Aborted, cannot be completed - https://sabnzbd.org/not-complete");
  std::this_thread::sleep_for(1500ms);  // the metrics read the pool's counters every second
  uint64_t asked = articles_asked(d, "inn");
  std::cout << "[ info ] articles asked of INN: " << asked << " of " << post.ids.size() << "\n";
  EXPECT_GE(asked, 6u);
  EXPECT_LT(asked, post.ids.size()) << "every article was fetched although the job could not complete";
}

TEST(E2eGuards, PreCheckStatsAtInnThenDownloadsOrFailsWithoutDownloading) {
  Post good(1'000'000, 72), bad(1'000'000, 73);
  ASSERT_TRUE(cancel_articles({bad.ids[3], bad.ids[7]}));
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  d.api("mode=set_config&section=misc&keyword=pre_check&value=1");
  d.api("mode=set_config&section=misc&keyword=req_completion_rate&value=100");  // no par2 in these posts

  std::string nzo = d.add_file(good.nzb, "checked.nzb", "");
  auto slot = d.wait_done(nzo, 60s);
  ASSERT_TRUE(slot);
  ASSERT_EQ(slot->value("status", ""), "Completed") << slot->dump();
  expect_files_in(slot->value("storage", ""), good.files);

  std::string failing = d.add_file(bad.nzb, "short.nzb", "");
  auto failed = d.wait_done(failing, 60s);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->value("status", ""), "Failed");
  EXPECT_NE(failed->value("fail_message", "").find("Download might fail, only "), std::string::npos)
      << failed->dump();
  EXPECT_EQ(failed->value("bytes", -1), 0) << "a job that failed its pre-check downloaded data";
}

}  // namespace
}  // namespace e2e
