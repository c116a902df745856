// NewznabIndexer against canned replies: caps, which ids and params a search
// sends, tiers, paging, RSS, NZB download, errors and Sonarr's test.
#include "pvr/indexer/newznab.h"

#include <gtest/gtest.h>

#include "fake_http.h"

namespace nzbd::pvr {
namespace {
using namespace testing;

IndexerDefinition def() {
  IndexerDefinition d;
  d.id = 7;
  d.name = "Fake";
  d.priority = 12;
  d.settings.base_url = "http://idx/";
  d.settings.api_key = "SECRETKEY";
  return d;
}

SearchCriteria episode(int season, int ep) {
  SearchCriteria c;
  c.kind = SearchCriteria::Kind::SingleEpisode;
  c.tvdb_id = 300101;
  c.tvmaze_id = 101;
  c.tvrage_id = 4101;
  c.imdb_id = "tt0000101";
  c.scene_titles = {"The Test Show"};
  c.season = season;
  c.episodes = {ep};
  return c;
}

NewznabOptions fast() {
  NewznabOptions o;
  o.min_interval = std::chrono::milliseconds(0);
  return o;
}

// Caps from `caps`, then feed pages from `page(url)`.
void serve(FakeHttp& http, std::string caps, std::function<std::string(const std::string&)> page) {
  http.handler = [caps, page](const std::string& url) -> Result<HttpReply> {
    if (url.find("t=caps") != std::string::npos) return ok(caps, "text/xml");
    return ok(page(url));
  };
}

TEST(NewznabSearch, SendsEveryIdTheCapsAllowInOneRequest) {
  FakeHttp http;
  serve(http, caps_xml(), [](const std::string&) { return feed_xml(numbered("Test.Show.S01E02", 1)); });
  NewznabIndexer idx(def(), http.get(), fast());
  auto found = idx.search(episode(1, 2));
  ASSERT_TRUE(found.ok()) << found.message();
  ASSERT_EQ(http.urls.size(), 2u);
  EXPECT_EQ(http.urls[0], "http://idx/api?t=caps&apikey=SECRETKEY");
  EXPECT_EQ(http.urls[1],
            "http://idx/api?t=tvsearch&cat=5030,5040&extended=1&apikey=SECRETKEY&offset=0&limit=100"
            "&tvdbid=300101&imdbid=tt0000101&rid=4101&tvmazeid=101&season=1&ep=2");
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].indexer_id, 7);
  EXPECT_EQ((*found)[0].indexer, "Fake");
  EXPECT_EQ((*found)[0].indexer_priority, 12);
}

TEST(NewznabSearch, WithoutSupportedParamsUsesDefaultsAndTheFirstId) {
  FakeHttp http;
  serve(http, caps_xml(""), [](const std::string&) { return feed_xml(numbered("A", 1)); });
  NewznabIndexer idx(def(), http.get(), fast());
  ASSERT_TRUE(idx.search(episode(1, 2)).ok());
  // Default tv-search params are q,rid,season,ep: only rid, no aggregate.
  ASSERT_EQ(http.feed_urls().size(), 1u);
  EXPECT_EQ(query_value(http.feed_urls()[0], "rid"), "4101");
  EXPECT_EQ(query_value(http.feed_urls()[0], "tvdbid"), "");
}

TEST(NewznabSearch, TitleTierRunsOnlyWhenIdsFindNothing) {
  FakeHttp http;
  serve(http, caps_xml("q,tvdbid,season,ep"), [](const std::string& url) {
    return url.find("tvdbid=") != std::string::npos ? feed_xml({}) : feed_xml(numbered("T", 2));
  });
  NewznabIndexer idx(def(), http.get(), fast());
  auto found = idx.search(episode(1, 2));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->size(), 2u);
  auto urls = http.feed_urls();
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(query_value(urls[1], "q"), "Test%20Show");  // "The" dropped, cleaned, escaped
  EXPECT_EQ(query_value(urls[1], "season"), "1");
  EXPECT_EQ(query_value(urls[1], "ep"), "2");

  FakeHttp http2;
  serve(http2, caps_xml("q,tvdbid,season,ep"), [](const std::string&) { return feed_xml(numbered("T", 1)); });
  NewznabIndexer idx2(def(), http2.get(), fast());
  ASSERT_TRUE(idx2.search(episode(1, 2)).ok());
  EXPECT_EQ(http2.feed_urls().size(), 1u);  // ids found something: no title search
}

TEST(NewznabSearch, TitleParamWhenSupportedAndQWithoutIds) {
  FakeHttp http;
  serve(http, caps_xml("q,title,season,ep"), [](const std::string&) { return feed_xml({}); });
  NewznabIndexer idx(def(), http.get(), fast());
  SearchCriteria c = episode(2, 3);
  c.scene_titles = {"The Test Show", "Test Show: Origins"};
  ASSERT_TRUE(idx.search(c).ok());
  auto urls = http.feed_urls();
  ASSERT_EQ(urls.size(), 2u);  // no id supported: the title tier, one request per title
  EXPECT_EQ(query_value(urls[0], "title"), "The%20Test%20Show");
  EXPECT_EQ(query_value(urls[1], "title"), "Test%20Show%3A%20Origins");
}

TEST(NewznabSearch, SeasonZeroIsSentAsDoubleZeroAndSeasonSearchHasNoEp) {
  FakeHttp http;
  serve(http, caps_xml(), [](const std::string&) { return feed_xml(numbered("S", 1)); });
  NewznabIndexer idx(def(), http.get(), fast());
  ASSERT_TRUE(idx.search(episode(0, 5)).ok());
  SearchCriteria season = episode(3, 0);
  season.kind = SearchCriteria::Kind::Season;
  ASSERT_TRUE(idx.search(season).ok());
  auto urls = http.feed_urls();
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_NE(urls[0].find("&season=00&ep=5"), std::string::npos) << urls[0];
  EXPECT_EQ(query_value(urls[1], "season"), "3");
  EXPECT_EQ(urls[1].find("&ep="), std::string::npos);
}

TEST(NewznabSearch, DailyUsesYearAndMonthSlashDay) {
  FakeHttp http;
  serve(http, caps_xml(), [](const std::string&) { return feed_xml(numbered("D", 1)); });
  NewznabIndexer idx(def(), http.get(), fast());
  SearchCriteria c = episode(0, 0);
  c.kind = SearchCriteria::Kind::Daily;
  c.air_date = "2026-06-01";
  ASSERT_TRUE(idx.search(c).ok());
  ASSERT_EQ(http.feed_urls().size(), 1u);
  EXPECT_NE(http.feed_urls()[0].find("&season=2026&ep=06/01"), std::string::npos);
}

TEST(NewznabSearch, AnimeSearchesTitleAndAbsoluteNumberInAnimeCategories) {
  FakeHttp http;
  serve(http, caps_xml("q,season,ep"), [](const std::string&) { return feed_xml({}); });
  IndexerDefinition d = def();
  d.settings.anime_categories = {5070};
  NewznabIndexer idx(d, http.get(), fast());
  SearchCriteria c = episode(1, 5);
  c.kind = SearchCriteria::Kind::Anime;
  c.absolute_episodes = {5};
  ASSERT_TRUE(idx.search(c).ok());
  auto urls = http.feed_urls();
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(query_value(urls[0], "t"), "search");
  EXPECT_EQ(query_value(urls[0], "cat"), "5070");
  EXPECT_EQ(query_value(urls[0], "q"), "Test%20Show+05");

  // Without anime categories there is nothing to ask (Sonarr's default).
  FakeHttp http2;
  serve(http2, caps_xml(), [](const std::string&) { return feed_xml({}); });
  NewznabIndexer idx2(def(), http2.get(), fast());
  auto none = idx2.search(c);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(http2.feed_urls().empty());
}

TEST(NewznabSearch, SpecialSearchSendsTheQueries) {
  FakeHttp http;
  serve(http, caps_xml(), [](const std::string&) { return feed_xml({}); });
  NewznabIndexer idx(def(), http.get(), fast());
  SearchCriteria c;
  c.kind = SearchCriteria::Kind::Special;
  c.scene_titles = {"Test Show Holiday Special"};
  ASSERT_TRUE(idx.search(c).ok());
  ASSERT_EQ(http.feed_urls().size(), 1u);
  EXPECT_EQ(query_value(http.feed_urls()[0], "t"), "search");
  EXPECT_EQ(query_value(http.feed_urls()[0], "q"), "Test+Show+Holiday+Special");
}

TEST(NewznabSearch, PagesUntilAShortPageWithThePageSizeFromCaps) {
  FakeHttp http;
  serve(http, caps_xml("q,tvdbid,season,ep", 5, 3), [](const std::string& url) {
    int offset = std::stoi(query_value(url, "offset"));
    return feed_xml(numbered("P", offset >= 10 ? 2 : 5, offset + 1));
  });
  NewznabIndexer idx(def(), http.get(), fast());
  auto found = idx.search(episode(1, 1));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->size(), 12u);
  auto urls = http.feed_urls();
  ASSERT_EQ(urls.size(), 3u);
  EXPECT_EQ(query_value(urls[2], "offset"), "10");
  EXPECT_EQ(query_value(urls[2], "limit"), "5");
}

TEST(NewznabSearch, PagingIsBoundedByThirtyPagesAndAThousandResults) {
  FakeHttp http;
  serve(http, caps_xml("q,tvdbid,season,ep", 10, 10), [](const std::string& url) {
    int offset = std::stoi(query_value(url, "offset"));
    return feed_xml(numbered("F", 10, offset + 1));  // always a full page
  });
  NewznabIndexer idx(def(), http.get(), fast());
  auto found = idx.search(episode(1, 1));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(http.feed_urls().size(), 30u);
  EXPECT_EQ(found->size(), 300u);

  FakeHttp http2;
  serve(http2, caps_xml("q,tvdbid,season,ep"), [](const std::string& url) {
    return feed_xml(numbered("G", 100, std::stoi(query_value(url, "offset")) + 1));
  });
  NewznabIndexer idx2(def(), http2.get(), fast());
  ASSERT_TRUE(idx2.search(episode(1, 1)).ok());
  EXPECT_EQ(http2.feed_urls().size(), 10u);  // 1000 results reached
}

TEST(NewznabSearch, DuplicateGuidsAreReportedOnce) {
  FakeHttp http;
  serve(http, caps_xml(), [](const std::string&) { return feed_xml(numbered("Same", 1)); });
  NewznabIndexer idx(def(), http.get(), fast());
  SearchCriteria c = episode(1, 1);
  c.episodes = {1, 2};  // two chains, the same release in both
  auto found = idx.search(c);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(http.feed_urls().size(), 2u);
  EXPECT_EQ(found->size(), 1u);
}

TEST(NewznabErrors, ApiKeyRateLimitHttpAndTransportAreClearAndKeyless) {
  struct Case {
    std::function<Result<HttpReply>()> reply;
    IndexerError::Kind kind;
    std::string message_part;
  };
  std::vector<Case> cases = {
      {[] { return Result<HttpReply>(ok(R"(<error code="100" description="Incorrect user credentials"/>)")); },
       IndexerError::Kind::ApiKey, "Invalid API Key: Incorrect user credentials"},
      {[] { return Result<HttpReply>(ok(R"(<error code="500" description="Request limit reached"/>)")); },
       IndexerError::Kind::RateLimited, "Request Limit reached"},
      {[] { return Result<HttpReply>(ok(R"(<error code="300" description="No such function"/>)")); },
       IndexerError::Kind::Newznab, "Newznab error 300: No such function"},
      {[] { return Result<HttpReply>(status(429, "", 120)); }, IndexerError::Kind::RateLimited, "429"},
      {[] { return Result<HttpReply>(status(503, "<html>down</html>")); }, IndexerError::Kind::Http,
       "unexpected StatusCode [503 Service Unavailable]"},
      {[] { return Result<HttpReply>(ok("<!DOCTYPE html><html><body>login</body></html>", "text/html")); },
       IndexerError::Kind::Feed, "html content"},
      {[] { return Result<HttpReply>(ok("{\"not\":\"xml\"}")); }, IndexerError::Kind::Feed, "not valid XML"},
      {[] {
         return Result<HttpReply>(make_error("cannot fetch http://idx/api?t=tvsearch&apikey=SECRETKEY: Timeout was reached"));
       },
       IndexerError::Kind::Transport, "Timeout was reached"},
      {[] { return Result<HttpReply>(make_error("cannot fetch http://idx/api?apikey=SECRETKEY: Couldn't connect to server")); },
       IndexerError::Kind::Connection, "Couldn't connect"},
  };
  for (const auto& c : cases) {
    FakeHttp http;
    http.handler = [&](const std::string& url) -> Result<HttpReply> {
      if (url.find("t=caps") != std::string::npos) return ok(caps_xml());
      return c.reply();
    };
    NewznabIndexer idx(def(), http.get(), fast());
    auto found = idx.search(episode(1, 1));
    ASSERT_FALSE(found.ok()) << c.message_part;
    EXPECT_NE(found.message().find(c.message_part), std::string::npos) << found.message();
    EXPECT_EQ(found.message().find("SECRETKEY"), std::string::npos) << found.message();
    ASSERT_TRUE(idx.last_error());
    EXPECT_EQ(idx.last_error()->kind, c.kind) << found.message();
  }
}

TEST(NewznabErrors, RetryAfterAndMissingKeyAreCarried) {
  FakeHttp http;
  http.handler = [](const std::string& url) -> Result<HttpReply> {
    if (url.find("t=caps") != std::string::npos) return ok(caps_xml());
    return status(429, "", 120);
  };
  NewznabIndexer idx(def(), http.get(), fast());
  ASSERT_FALSE(idx.fetch_recent().ok());
  EXPECT_EQ(idx.last_error()->retry_after_seconds, 120);

  FakeHttp http2;
  http2.handler = [](const std::string& url) -> Result<HttpReply> {
    if (url.find("t=caps") != std::string::npos) return ok(caps_xml());
    return ok(R"(<error code="200" description="Missing parameter"/>)");
  };
  IndexerDefinition keyless = def();
  keyless.settings.api_key.clear();
  NewznabIndexer idx2(keyless, http2.get(), fast());
  auto r = idx2.fetch_recent();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "Indexer requires an API key");
  EXPECT_EQ(http2.urls[0], "http://idx/api?t=caps");
}

}  // namespace
}  // namespace nzbd::pvr
