// SABnzbd's automation against INN2, each ending in a byte-identical
// download (or in the refusal it promises): the watched folder, an RSS feed
// from a local feed server, duplicate detection against history, the
// download quota with reset_quota, a server's retention sending old articles
// to the next server, and optional/required servers.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <thread>

#include "e2e/download/rig_util.h"
#include "support/http_client.h"  // url_encode
#include "support/local_http_server.h"

namespace e2e {
namespace {

using namespace std::chrono_literals;

struct Post : RandomPost {
  Post(size_t size, uint32_t seed) : RandomPost(size, seed, "auto") {}
};

// The history slot named `name` once it is final.
std::optional<Json> history_named(Daemon& d, const std::string& name, std::chrono::seconds timeout) {
  for (auto until = std::chrono::steady_clock::now() + timeout; std::chrono::steady_clock::now() < until;) {
    Json h = d.api("mode=history&limit=0");
    for (const auto& s : h["history"]["slots"])
      if (s.value("name", "") == name && (s["status"] == "Completed" || s["status"] == "Failed")) return s;
    std::this_thread::sleep_for(100ms);
  }
  return std::nullopt;
}

// Articles asked of `name` once the metrics have caught up with the pool.
uint64_t settled_articles_asked(Daemon& d, const std::string& name) {
  std::this_thread::sleep_for(1500ms);  // the metrics read the pool's counters every second
  return e2e::articles_asked(d, name);
}

void set_misc(Daemon& d, const std::string& key, const std::string& value) {
  Json r = d.api("mode=set_config&section=misc&keyword=" + key + "&value=" + value);
  ASSERT_FALSE(r.contains("error")) << r.dump();
}

TEST(E2eAutomation, AnNzbInTheWatchedFolderDownloadsIntoItsCategory) {
  Post post(700'000, 91);
  ASSERT_FALSE(post.text.empty());
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  fs::path watch = home.path() / "watch";
  fs::create_directories(watch / "tv");
  set_misc(d, "dirscan_dir", watch.string());
  fs::copy_file(post.nzb, watch / "tv" / "Watched.Show.S01E01.nzb");
  EXPECT_EQ(d.api("mode=watched_now"), Json::parse(R"({"status":true})"));
  auto slot = history_named(d, "Watched.Show.S01E01", 60s);
  ASSERT_TRUE(slot) << d.api("mode=queue").dump();
  EXPECT_EQ(slot->value("status", ""), "Completed") << slot->dump();
  EXPECT_EQ(slot->value("category", ""), "tv");
  expect_files_in(slot->value("storage", ""), post.files);
  EXPECT_FALSE(fs::exists(watch / "tv" / "Watched.Show.S01E01.nzb")) << "taken in, then removed";
}

TEST(E2eAutomation, AnRssItemFromALocalFeedDownloads) {
  Post post(700'000, 92);
  ASSERT_FALSE(post.text.empty());
  nzbd::test::LocalHttpServer feeds;
  feeds.set("/nzb/item.nzb", nzbd::test::Route{post.text, "application/x-nzb"});
  auto feed = [&](bool with_item) {
    std::string x = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>e2e</title>\n";
    if (with_item)
      x += "<item><title>Feed.Show.S02E03.720p</title><link>" + feeds.url("/nzb/item.nzb") + "</link></item>\n";
    return x + "</channel></rss>\n";
  };
  feeds.set("/feed.xml", nzbd::test::Route{feed(false)});
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  d.api("mode=set_config&section=rss&name=e2e&enable=1&cat=tv&uri=" + nzbd::test::url_encode(feeds.url("/feed.xml")) +
        "&filter0=" + nzbd::test::url_encode(",,,A,*,-100,1"));
  auto read = [&](int n) {
    EXPECT_EQ(d.api("mode=rss_now"), Json::parse(R"({"status":true})"));
    for (int i = 0; i < 600 && feeds.requests("/feed.xml") < n; ++i) std::this_thread::sleep_for(50ms);
    ASSERT_GE(feeds.requests("/feed.xml"), n);
  };
  read(1);  // a new feed's first read only marks what it has as seen (SABnzbd)
  feeds.set("/feed.xml", nzbd::test::Route{feed(true)});
  read(2);
  auto slot = history_named(d, "Feed.Show.S02E03.720p", 60s);
  ASSERT_TRUE(slot) << d.api("mode=queue").dump();
  EXPECT_EQ(slot->value("status", ""), "Completed") << slot->dump();
  EXPECT_EQ(slot->value("category", ""), "tv");
  expect_files_in(slot->value("storage", ""), post.files);
  EXPECT_EQ(feeds.requests("/nzb/item.nzb"), 1);
}

TEST(E2eAutomation, ADuplicateOfAJobInHistoryIsPausedWithItsLabel) {
  Post post(300'000, 93);
  ASSERT_FALSE(post.text.empty());
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  set_misc(d, "no_dupes", "2");
  std::string first = d.add_file(post.nzb, "Dupe.Show.S01E01.nzb", "");
  auto done = d.wait_done(first, 60s);
  ASSERT_TRUE(done);
  ASSERT_EQ(done->value("status", ""), "Completed");
  uint64_t before = settled_articles_asked(d, "inn");
  std::string again = d.add_file(post.nzb, "Dupe.Show.S01E01.nzb", "");
  ASSERT_FALSE(again.empty());
  std::this_thread::sleep_for(1s);
  auto slot = d.queue_slot(again);
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->value("status", ""), "Paused");
  EXPECT_EQ(slot->value("labels", Json::array()), Json::parse(R"(["DUPLICATE"])"));
  EXPECT_EQ(settled_articles_asked(d, "inn"), before) << "a paused duplicate fetches nothing";
}

TEST(E2eAutomation, ASpentQuotaPausesTheQueueAndResetQuotaLetsItFinish) {
  Post post(3'000'000, 94);
  ASSERT_FALSE(post.text.empty());
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  set_misc(d, "quota_size", "1M");
  set_misc(d, "quota_period", "d");
  d.api("mode=config&name=speedlimit&value=400K");  // slow enough for the quota check to see it happen
  std::string nzo = d.add_file(post.nzb, "Quota.Job.nzb", "");
  ASSERT_FALSE(nzo.empty());
  bool paused = false;
  for (int i = 0; i < 300 && !paused; ++i) {
    std::this_thread::sleep_for(100ms);
    paused = d.api("mode=queue")["queue"].value("paused", false);
  }
  ASSERT_TRUE(paused) << "the quota did not pause the queue: " << d.api("mode=queue").dump();
  std::this_thread::sleep_for(2s);  // articles in flight land and are counted
  Json q = d.api("mode=queue")["queue"];
  EXPECT_EQ(q.value("have_quota", false), true);
  EXPECT_EQ(q.value("left_quota", ""), "0 B");
  EXPECT_TRUE(d.queue_slot(nzo)) << "the job waits in the queue";
  EXPECT_EQ(d.api("mode=reset_quota"), Json::parse(R"({"status":true})"));
  set_misc(d, "quota_size", "");
  d.api("mode=resume");
  d.api("mode=config&name=speedlimit&value=0");
  auto done = d.wait_done(nzo, 60s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->value("status", ""), "Completed");
  expect_files_in(done->value("storage", ""), post.files);
}

TEST(E2eAutomation, ArticlesOlderThanAServersRetentionComeFromTheNextServer) {
  Post post(500'000, 95);
  ASSERT_FALSE(post.text.empty());
  // The same post, dated 2017: older than one day of retention.
  std::string old = std::regex_replace(post.text, std::regex("date=\"[0-9]+\""), "date=\"1500000000\"");
  fs::path old_nzb = post.dir / "old.nzb";
  std::ofstream(old_nzb, std::ios::binary) << old;
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("recent", NZBD_RIG_PORT, 0, "&retention=1"));
  ASSERT_TRUE(d.add_server("archive", NZBD_RIG_PORT, 1));
  std::string nzo = d.add_file(old_nzb, "Old.Post.nzb", "");
  auto done = d.wait_done(nzo, 60s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->value("status", ""), "Completed") << done->dump();
  expect_files_in(done->value("storage", ""), post.files);
  EXPECT_EQ(settled_articles_asked(d, "recent"), 0u) << "beyond its retention: never asked";
  EXPECT_GE(settled_articles_asked(d, "archive"), message_ids(post.text).size());
}

TEST(E2eAutomation, AnOptionalServerThatIsDownIsSkippedARequiredOneHoldsTheQueue) {
  Post post(300'000, 96), second(300'000, 97);
  ASSERT_FALSE(post.text.empty());
  ASSERT_FALSE(second.text.empty());
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 1));
  ASSERT_TRUE(d.add_server("down", 1, 0, "&optional=1&timeout=5"));  // nothing listens on port 1
  std::string nzo = d.add_file(post.nzb, "Optional.Down.nzb", "");
  auto done = d.wait_done(nzo, 60s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->value("status", ""), "Completed") << done->dump();
  expect_files_in(done->value("storage", ""), post.files);

  Json r = d.api("mode=set_config&section=servers&name=down&optional=0&required=1");
  ASSERT_FALSE(r.contains("error")) << r.dump();
  uint64_t before = settled_articles_asked(d, "inn");
  std::string held = d.add_file(second.nzb, "Required.Down.nzb", "");
  std::this_thread::sleep_for(3s);
  EXPECT_TRUE(d.queue_slot(held)) << "a required server that is down holds the download";
  EXPECT_EQ(settled_articles_asked(d, "inn"), before);
  r = d.api("mode=set_config&section=servers&name=down&enable=0");
  ASSERT_FALSE(r.contains("error")) << r.dump();
  auto finished = d.wait_done(held, 60s);
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->value("status", ""), "Completed");
}

}  // namespace
}  // namespace e2e
