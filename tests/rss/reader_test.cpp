// The reader over a fake fetch and a fake queue: what a first read-out does,
// what later ones add, what is remembered across a restart, and that feeds
// which cannot be read warn once and change nothing.
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>

#include "config/feed_filters.h"
#include "rss/rss.h"
#include "support/temp_dir.h"

namespace nzbd::rss {
namespace {
namespace fs = std::filesystem;
using test::read_text;
using test::TempDir;
using test::write_text;

std::string rss_of(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string x = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>";
  for (const auto& [title, link] : items)
    x += "<item><title>" + title + "</title><link>" + link + "</link><enclosure url=\"" + link +
         "\" length=\"1000000\" type=\"application/x-nzb\"/></item>";
  return x + "</channel></rss>";
}

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir_ / "nzbd.ini");
    ASSERT_TRUE(cfg) << cfg.message();
    store_ = std::make_unique<config::ConfigStore>(std::move(*cfg));
    add_feed("shows", "http://feeds.test/shows?apikey=SECRET");
    set_filters("shows", {",,,R,*german*,-100,1", "tv,,,A,*,-100,1"});
    reader_ = make_reader();
  }

  std::unique_ptr<Reader> make_reader() {
    ReaderOptions o;
    o.state_file = dir_ / "rss_data.json";
    o.pause_between_feeds = std::chrono::milliseconds(0);
    o.first_read_after = std::chrono::hours(1);
    o.fetch = [this](const std::string& url) -> Result<pvr::HttpReply> {
      std::lock_guard lock(mutex_);
      fetched_.push_back(url);
      cv_.notify_all();
      auto it = replies_.find(url);
      if (it == replies_.end()) return make_error("cannot fetch " + url + ": Couldn't connect to server");
      return it->second;
    };
    return std::make_unique<Reader>(*store_, [this](const UrlJob& j) {
      std::lock_guard lock(mutex_);
      added_.push_back(j);
      return "SABnzbd_nzo_" + std::to_string(added_.size());
    }, std::move(o));
  }

  void add_feed(const std::string& name, const std::string& uri, const std::string& enable = "1") {
    (void)store_->write("rss", [&](config::Config& c) {
      auto& it = c.item_or_create("rss", name);
      it.set("uri", uri);
      it.set("enable", enable);
    });
  }
  void set_filters(const std::string& name, const std::vector<std::string>& rows) {
    std::vector<config::FeedFilter> f;
    for (const auto& r : rows) f.push_back(config::feed_filter_from_text(r));
    (void)store_->write("rss", [&](config::Config& c) { config::set_feed_filters(c.item_or_create("rss", name), f); });
  }
  void serve(const std::string& url, const std::string& body, long status = 200) {
    std::lock_guard lock(mutex_);
    replies_[url] = pvr::HttpReply{status, body, std::nullopt, "application/rss+xml"};
  }
  std::vector<std::string> titles_added() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> t;
    for (const auto& j : added_) t.push_back(j.title);
    return t;
  }

  TempDir dir_;
  std::unique_ptr<config::ConfigStore> store_;
  std::unique_ptr<Reader> reader_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::string, pvr::HttpReply> replies_;
  std::vector<std::string> fetched_;
  std::vector<UrlJob> added_;
  const std::string url_ = "http://feeds.test/shows?apikey=SECRET";
};

TEST_F(ReaderTest, TheFirstReadOutOnlyMarksItemsAsSeen) {
  serve(url_, rss_of({{"Old.Show.S01E01", "http://i.test/1.nzb"}, {"Old.Show.S01E02", "http://i.test/2.nzb"}}));
  auto r = reader_->read_once();
  EXPECT_EQ(r.feeds_read, std::vector<std::string>{"shows"});
  EXPECT_TRUE(r.added.empty());
  EXPECT_TRUE(titles_added().empty());
  EXPECT_NE(read_text(dir_ / "rss_data.json").find("\"G*\""), std::string::npos);  // accepted, starred, not downloaded
}

TEST_F(ReaderTest, NewItemsAreJudgedAndAddedOnce) {
  serve(url_, rss_of({{"Old.Show.S01E01", "http://i.test/1.nzb"}}));
  reader_->read_once();
  serve(url_, rss_of({{"Old.Show.S01E01", "http://i.test/1.nzb"},
                      {"New.Show.S01E03.720p", "http://i.test/3.nzb"},
                      {"New.Show.S01E03.German.720p", "http://i.test/4.nzb"}}));
  auto r = reader_->read_once();
  EXPECT_EQ(r.added.size(), 1u);
  ASSERT_EQ(titles_added(), std::vector<std::string>{"New.Show.S01E03.720p"});
  EXPECT_EQ(added_[0].url, "http://i.test/3.nzb");
  EXPECT_EQ(added_[0].category, "tv");  // the accepting row's category
  EXPECT_EQ(added_[0].priority, -100);
  r = reader_->read_once();  // the same feed again: nothing new
  EXPECT_TRUE(r.added.empty());
  EXPECT_EQ(titles_added().size(), 1u);
}

TEST_F(ReaderTest, SeenLinksSurviveARestart) {
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->read_once();
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}, {"B.S01E01", "http://i.test/b.nzb"}}));
  reader_->read_once();
  ASSERT_EQ(titles_added(), std::vector<std::string>{"B.S01E01"});
  reader_.reset();
  reader_ = make_reader();
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}, {"B.S01E01", "http://i.test/b.nzb"},
                      {"C.S01E01", "http://i.test/c.nzb"}}));
  reader_->read_once();
  EXPECT_EQ(titles_added(), (std::vector<std::string>{"B.S01E01", "C.S01E01"}));
}

TEST_F(ReaderTest, AFirstReadOutThatFailsLeavesTheFeedNew) {
  serve(url_, "oops", 500);
  auto r = reader_->read_once();
  EXPECT_TRUE(r.feeds_read.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "RSS feed \"shows\" cannot read http://feeds.test/shows: server side error (HTTP 500); "
                           "nothing changes");
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->read_once();
  EXPECT_TRUE(titles_added().empty()) << "still the first read-out: nothing downloaded";
}

TEST_F(ReaderTest, HostileReadOutsOfAKnownFeedChangeNothing) {
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->read_once();
  const std::string state = read_text(dir_ / "rss_data.json");
  const std::vector<std::pair<std::string, std::string>> hostile = {
      {"<html><body>Please log in</body></html>", "HTML page"},
      {"\x89PNG\r\n\x1a\n", "not XML"},
      {"<rss><channel><item><title>cut", "not XML"},
      {R"(<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title>)"
       R"(<link>http://i.test/x.nzb</link></item></channel></rss>)", "declares XML entities"},
  };
  for (const auto& [body, why] : hostile) {
    serve(url_, body);
    auto r = reader_->read_once();
    EXPECT_TRUE(r.added.empty());
    ASSERT_EQ(r.warnings.size(), 1u) << why;
    EXPECT_NE(r.warnings[0].find(why), std::string::npos) << r.warnings[0];
    EXPECT_EQ(r.warnings[0].find("SECRET"), std::string::npos) << "the feed's key stays out of warnings";
    EXPECT_EQ(read_text(dir_ / "rss_data.json"), state) << why;
  }
  // Items with wrong types are left out with a warning; the rest is read.
  serve(url_, R"(<rss><channel><item><title>A.S01E01</title><link>http://i.test/a.nzb</link></item>
    <item><title>Bad.S01E02</title><enclosure url="http://i.test/bad.nzb" length="huge"/></item>
    <item><title>NoLink.S01E03</title></item></channel></rss>)");
  auto r = reader_->read_once();
  EXPECT_TRUE(r.added.empty());
  EXPECT_EQ(r.warnings.size(), 2u);
  EXPECT_TRUE(titles_added().empty());
}

TEST_F(ReaderTest, TheSameProblemIsWarnedOnce) {
  serve(url_, "not a feed");
  EXPECT_EQ(reader_->read_once().warnings.size(), 1u);
  EXPECT_TRUE(reader_->read_once().warnings.empty());
  serve(url_, "still not", 404);
  EXPECT_EQ(reader_->read_once().warnings.size(), 1u);
}

TEST_F(ReaderTest, RejectedItemsAreJudgedAgainButTheFirstBatchIsNeverDownloaded) {
  serve(url_, rss_of({{"First.German.S01E01", "http://i.test/1.nzb"}}));
  reader_->read_once();
  serve(url_, rss_of({{"First.German.S01E01", "http://i.test/1.nzb"}, {"Later.German.S01E02", "http://i.test/2.nzb"}}));
  reader_->read_once();
  EXPECT_TRUE(titles_added().empty());
  set_filters("shows", {",,,A,*,-100,1"});  // German is welcome now
  reader_->read_once();
  EXPECT_EQ(titles_added(), std::vector<std::string>{"Later.German.S01E02"});
}

TEST_F(ReaderTest, ADeletedFeedIsForgottenAndStartsAfreshWhenAddedAgain) {
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->read_once();
  (void)store_->write("rss", [](config::Config& c) { c.delete_item("rss", "shows"); });
  EXPECT_EQ(read_text(dir_ / "rss_data.json").find("shows"), std::string::npos);
  add_feed("shows", url_);
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}, {"B.S01E01", "http://i.test/b.nzb"}}));
  reader_->read_once();
  EXPECT_TRUE(titles_added().empty()) << "a first read-out again";
}

TEST_F(ReaderTest, AnEmptyReadOutKeepsTheFirstBatchUndownloaded) {
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->read_once();
  serve(url_, rss_of({}));  // an indexer's bad moment
  reader_->read_once();
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->read_once();
  EXPECT_TRUE(titles_added().empty());
}

TEST_F(ReaderTest, DisabledFeedsAreNotRead) {
  add_feed("shows", url_, "0");
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  auto r = reader_->read_once();
  EXPECT_TRUE(r.feeds_read.empty());
  EXPECT_TRUE(fetched_.empty());
}

TEST_F(ReaderTest, SeveralUrisOfOneFeedGiveARelease) {
  add_feed("shows", url_ + ", feed://other.test/rss");
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  serve("http://other.test/rss", rss_of({{"A.S01E01", "http://o.test/a.nzb"}}));
  reader_->read_once();
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}, {"B.S01E01", "http://i.test/b.nzb"}}));
  serve("http://other.test/rss", rss_of({{"A.S01E01", "http://o.test/a.nzb"}, {"B.S01E01", "http://o.test/b.nzb"}}));
  reader_->read_once();
  EXPECT_EQ(titles_added(), std::vector<std::string>{"B.S01E01"}) << "the same title and size under another link";
}

TEST_F(ReaderTest, AStateFileThatCannotBeReadStartsAfresh) {
  reader_.reset();
  write_text(dir_ / "rss_data.json", "{ torn");
  reader_ = make_reader();
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->read_once();
  EXPECT_TRUE(titles_added().empty());
  EXPECT_NE(read_text(dir_ / "rss_data.json").find("A.S01E01"), std::string::npos);
}

TEST_F(ReaderTest, ReadNowStartsAReadOutOnTheThread) {
  EXPECT_FALSE(reader_->read_now()) << "not started";
  serve(url_, rss_of({{"A.S01E01", "http://i.test/a.nzb"}}));
  reader_->start();
  EXPECT_TRUE(reader_->read_now());
  {
    std::unique_lock lock(mutex_);
    ASSERT_TRUE(cv_.wait_for(lock, std::chrono::seconds(30), [&] { return !fetched_.empty(); }));
    EXPECT_EQ(fetched_[0], url_);
  }
  reader_->stop();
  EXPECT_FALSE(reader_->read_now());
}

}  // namespace
}  // namespace nzbd::rss
