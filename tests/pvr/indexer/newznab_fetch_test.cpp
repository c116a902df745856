// NewznabIndexer with a store: caps cache, RSS paging to the last sync's
// marker, NZB download faults and Sonarr's indexer test.
#include <gtest/gtest.h>

#include "fake_http.h"
#include "pvr/indexer/indexer_factory.h"
#include "pvr/indexer/newznab.h"
#include "pvr/library.h"
#include "../test_util.h"

namespace nzbd::pvr {
namespace {
using namespace testing;

class NewznabFetch : public ::testing::Test {
 protected:
  NewznabFetch() {
    lib_ = std::move(Library::open(dir_.path() / "tv.db")).value();
    store_ = std::make_unique<IndexerStore>(*lib_, std::time(nullptr) - 3600);
    IndexerDefinition d;
    d.name = "Fake";
    d.settings.base_url = "http://idx";
    d.settings.api_key = "KEY";
    d.settings.anime_categories = {5070};
    def_ = *store_->add(d);
  }
  NewznabOptions opts() {
    NewznabOptions o;
    o.store = store_.get();
    o.min_interval = std::chrono::milliseconds(0);
    return o;
  }
  void serve(std::function<std::string(const std::string&)> page) {
    http_.handler = [page](const std::string& url) -> Result<HttpReply> {
      if (url.find("t=caps") != std::string::npos) return ok(caps_xml());
      return ok(page(url));
    };
  }

  TempDir dir_;
  std::unique_ptr<Library> lib_;
  std::unique_ptr<IndexerStore> store_;
  IndexerDefinition def_;
  FakeHttp http_;
};

TEST_F(NewznabFetch, CapsAreCachedInTheStoreAndDroppedWhenSettingsChange) {
  serve([](const std::string&) { return feed_xml(numbered("A", 1)); });
  { NewznabIndexer a(def_, http_.get(), opts()); ASSERT_TRUE(a.fetch_recent().ok()); }
  { NewznabIndexer b(def_, http_.get(), opts()); ASSERT_TRUE(b.fetch_recent().ok()); }
  int caps_calls = 0;
  for (const auto& u : http_.urls) caps_calls += u.find("t=caps") != std::string::npos;
  EXPECT_EQ(caps_calls, 1);
  EXPECT_TRUE(store_->cached_caps(def_.id));
  EXPECT_FALSE(store_->cached_caps(def_.id, std::chrono::hours(1), std::time(nullptr) + 2 * 3600));  // expired
  IndexerDefinition changed = def_;
  changed.settings.base_url = "http://other";
  ASSERT_TRUE(store_->update(changed).ok());
  EXPECT_FALSE(store_->cached_caps(def_.id));
}

TEST_F(NewznabFetch, RssReadsOnePageFirstThenPagesToThePreviousNewest) {
  // Newest first: item N has date 2026-06-01 + (100 - N) minutes.
  auto item = [](int n) {
    char date[64];
    std::snprintf(date, sizeof date, "Mon, 01 Jun 2026 %02d:%02d:00 +0000", (100 - n) / 60 + 10, (100 - n) % 60);
    return Item{"R." + std::to_string(n), "g" + std::to_string(n), date, "http://idx/n" + std::to_string(n)};
  };
  int newest = 1;
  serve([&](const std::string& url) {
    int offset = std::stoi(query_value(url, "offset"));
    std::vector<Item> page;
    for (int i = 0; i < 100; ++i) page.push_back(item(newest + offset + i));
    return feed_xml(page);
  });
  NewznabIndexer first(def_, http_.get(), opts());
  auto r1 = first.fetch_recent();
  ASSERT_TRUE(r1.ok()) << r1.message();
  EXPECT_EQ(r1->size(), 100u);  // no previous sync: first page only
  auto feed = http_.feed_urls();
  ASSERT_EQ(feed.size(), 1u);
  EXPECT_EQ(feed[0], "http://idx/api?t=tvsearch&cat=5030,5040,5070&extended=1&apikey=KEY&offset=0&limit=100");
  auto marker = store_->rss_marker(def_.id);
  ASSERT_TRUE(marker);
  EXPECT_EQ(marker->download_url, "http://idx/n1");

  http_.urls.clear();
  newest = -149;  // 150 newer releases since: the marker is on the second page
  NewznabIndexer second(def_, http_.get(), opts());
  auto r2 = second.fetch_recent();
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(http_.feed_urls().size(), 2u);
  EXPECT_EQ(store_->rss_marker(def_.id)->download_url, "http://idx/n-149");
}

TEST_F(NewznabFetch, NzbDownloadFaultsAreNamed) {
  std::map<std::string, HttpReply> replies = {
      {"http://idx/gone", status(404)},
      {"http://idx/busy", status(503)},
      {"http://idx/limit", status(429, "", 60)},
      {"http://idx/html", ok("<html><body>Log in</body></html>", "text/html")},
      {"http://idx/empty", ok("<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\"></nzb>", "application/x-nzb")},
      {"http://idx/good", ok("<nzb><file subject=\"a\"/></nzb>", "application/x-nzb")},
  };
  http_.handler = [&](const std::string& url) -> Result<HttpReply> {
    auto it = replies.find(url);
    if (it == replies.end()) return make_error("cannot fetch " + url + ": Couldn't resolve host name");
    return it->second;
  };
  NewznabIndexer idx(def_, http_.get(), opts());
  auto fetch = [&](const std::string& url) {
    ReleaseInfo r;
    r.download_url = url;
    return idx.download_nzb(r);
  };
  EXPECT_EQ(fetch("http://idx/gone").message(), "NZB download failed: 404 Not Found");
  EXPECT_EQ(idx.last_error()->kind, IndexerError::Kind::Unavailable);
  EXPECT_EQ(fetch("http://idx/busy").message(), "NZB download failed: HTTP 503 Service Unavailable");
  EXPECT_EQ(fetch("http://idx/limit").message(), "NZB download failed: 429 Too Many Requests");
  EXPECT_EQ(idx.last_error()->retry_after_seconds, 60);
  EXPECT_NE(fetch("http://idx/html").message().find("HTML"), std::string::npos);
  EXPECT_EQ(fetch("http://idx/empty").message(), "NZB download failed: Invalid NZB: No files");
  EXPECT_NE(fetch("http://nowhere/x?apikey=KEY").message().find("apikey=(removed)"), std::string::npos);
  EXPECT_EQ(fetch("file:///etc/passwd").message(), "NZB download failed: the release has no http(s) download link");
  auto good = fetch("http://idx/good");
  ASSERT_TRUE(good.ok()) << good.message();
  EXPECT_NE(good->find("<nzb>"), std::string::npos);
}

TEST_F(NewznabFetch, SonarrsTestRules) {
  serve([](const std::string&) { return feed_xml(numbered("T", 3)); });
  EXPECT_TRUE(test_indexer(*store_, http_.get(), def_, opts()).empty());

  serve([](const std::string&) { return feed_xml({}); });
  auto empty = test_indexer(*store_, http_.get(), def_, opts());
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].message.rfind("Query successful, but no results in the configured categories", 0), 0u);

  serve([](const std::string&) { return R"(<error code="100" description="Incorrect user credentials"/>)"; });
  auto bad_key = test_indexer(*store_, http_.get(), def_, opts());
  ASSERT_EQ(bad_key.size(), 1u);
  EXPECT_EQ(bad_key[0].property, "ApiKey");
  EXPECT_EQ(bad_key[0].message, "Invalid API Key");
  EXPECT_EQ(store_->status(def_.id).last_error, "Invalid API Key");  // a saved indexer records its test

  http_.handler = [](const std::string& url) -> Result<HttpReply> {
    if (url.find("t=caps") != std::string::npos)
      return ok(R"(<caps><limits max="100" default="100"/><searching><search available="no"/>)"
                R"(<tv-search available="yes" supportedParams="tvmazeid"/></searching></caps>)");
    return ok(feed_xml(numbered("T", 1)));
  };
  IndexerDefinition unsaved = def_;
  unsaved.id = 0;
  unsaved.settings.base_url = "http://other";
  auto no_search = test_indexer(*store_, http_.get(), unsaved, opts());
  ASSERT_EQ(no_search.size(), 1u);
  EXPECT_EQ(no_search[0].message, "Indexer does not support required search parameters");

  http_.handler = [](const std::string&) -> Result<HttpReply> {
    return make_error("cannot fetch http://idx/api?t=caps&apikey=KEY: Couldn't connect to server");
  };
  auto down = test_indexer(*store_, http_.get(), unsaved, opts());
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].message.rfind("Unable to connect to indexer", 0), 0u);
  EXPECT_EQ(down[0].message.find("apikey=KEY"), std::string::npos);
}

}  // namespace
}  // namespace nzbd::pvr
