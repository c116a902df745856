// Feed, caps and NZB parsing: newznab:attr fields, dates, URLs, Newznab
// error codes and hostile documents (entity tricks, huge, wrong types).
#include "pvr/indexer/newznab_feed.h"

#include <gtest/gtest.h>

#include <chrono>

#include "fake_http.h"
#include "pvr/indexer/newznab_caps.h"
#include "pvr/indexer/newznab_text.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {
using namespace testing;

const std::string kUrl = "http://idx:8080/api?t=tvsearch&apikey=K&offset=0&limit=100";

TEST(NewznabFeed, ReadsItemFieldsAndAttrs) {
  Item item{"Show.Name.S01E02.720p.HDTV.x264-GRP", "http://idx/details/abc", "Mon, 01 Jun 2026 12:00:00 +0000",
            "/getnzb/abc.nzb?apikey=K",
            R"(<comments>http://idx/details/abc#comments</comments>
               <newznab:attr name="category" value="5000"/><newznab:attr name="category" value="5040"/>
               <newznab:attr name="SIZE" value="1183105773"/><newznab:attr name="tvdbid" value="12345"/>
               <newznab:attr name="tvmazeid" value="101"/><newznab:attr name="rageid" value="4101"/>
               <newznab:attr name="imdb" value="101"/><newznab:attr name="grabs" value="42"/>
               <newznab:attr name="files" value="7"/>
               <newznab:attr name="usenetdate" value="Mon, 01 Jun 2026 11:58:00 +0000"/>)"};
  FeedPage page = parse_feed(feed_xml({item}), kUrl);
  ASSERT_FALSE(page.error) << page.error->message;
  ASSERT_EQ(page.releases.size(), 1u);
  const ReleaseInfo& r = page.releases[0];
  EXPECT_EQ(r.title, "Show.Name.S01E02.720p.HDTV.x264-GRP");
  EXPECT_EQ(r.guid, "http://idx/details/abc");
  EXPECT_EQ(r.download_url, "http://idx:8080/getnzb/abc.nzb?apikey=K");  // relative, resolved
  EXPECT_EQ(r.comment_url, "http://idx/details/abc#comments");
  EXPECT_EQ(r.info_url, "http://idx/details/abc");
  EXPECT_EQ(r.size, 1183105773);
  EXPECT_EQ(r.categories, (std::vector<int>{5000, 5040}));
  EXPECT_EQ(r.tvdb_id, 12345);
  EXPECT_EQ(r.tvmaze_id, 101);
  EXPECT_EQ(r.tvrage_id, 4101);
  EXPECT_EQ(r.imdb_id, "tt0000101");
  EXPECT_EQ(r.grabs, 42);
  EXPECT_EQ(r.files, 7);
  EXPECT_EQ(r.publish_date, "2026-06-01T11:58:00Z");  // usenetdate wins over pubDate
}

TEST(NewznabFeed, WrongTypesFallBackInsteadOfFailing) {
  Item item{"A.S01E01", "g1", "Mon, 01 Jun 2026 12:00:00 +0000", "http://idx/n1",
            R"(<newznab:attr name="size" value="abc"/><newznab:attr name="tvdbid" value="12x"/>
               <newznab:attr name="grabs" value="-3"/><newznab:attr name="imdb" value="tt99"/>)"};
  FeedPage page = parse_feed(feed_xml({item}), kUrl);
  ASSERT_EQ(page.releases.size(), 1u);
  EXPECT_EQ(page.releases[0].size, 1000);  // the enclosure length
  EXPECT_EQ(page.releases[0].tvdb_id, 0);
  EXPECT_FALSE(page.releases[0].grabs);
  EXPECT_EQ(page.releases[0].imdb_id, "");
}

TEST(NewznabFeed, ItemsWithoutAnNzbEnclosureOrWithABadDateAreDropped) {
  std::vector<Item> items = {
      {"No.Enclosure", "g1", "Mon, 01 Jun 2026 12:00:00 +0000", ""},
      {"Torrent", "g2", "Mon, 01 Jun 2026 12:00:00 +0000", "",
       R"(<enclosure url="http://idx/t" type="application/x-bittorrent"/>)"},
      {"Bad.Date", "g3", "yesterday-ish", "http://idx/n3"},
      {"File.Scheme", "g4", "Mon, 01 Jun 2026 12:00:00 +0000", "file:///etc/passwd"},
      {"", "g5", "Mon, 01 Jun 2026 12:00:00 +0000", "http://idx/n5"},
  };
  FeedPage page = parse_feed(feed_xml(items), kUrl);
  ASSERT_FALSE(page.error);
  EXPECT_EQ(page.items, 5);
  ASSERT_EQ(page.releases.size(), 1u);
  EXPECT_EQ(page.releases[0].title, "Unknown");  // a missing title is Sonarr's "Unknown"
}

TEST(NewznabFeed, MissingPubDateFailsThePage) {
  FeedPage page = parse_feed(feed_xml({{"A", "g", "", "http://idx/n"}}), kUrl);
  ASSERT_TRUE(page.error);
  EXPECT_NE(page.error->message.find("pubDate"), std::string::npos);
  EXPECT_TRUE(page.releases.empty());
}

TEST(NewznabFeed, DatesInTheFormsFeedsUse) {
  auto iso = [](std::string_view s) { auto t = parse_feed_date(s); return t ? format_utc(*t) : std::string("none"); };
  EXPECT_EQ(iso("Mon, 01 Jun 2026 12:00:00 +0000"), "2026-06-01T12:00:00Z");
  EXPECT_EQ(iso("Mon, 01 Jun 2026 12:00:00 -0400"), "2026-06-01T16:00:00Z");
  EXPECT_EQ(iso("01 Jun 2026 12:00 GMT"), "2026-06-01T12:00:00Z");
  EXPECT_EQ(iso("Tue, 2 Jun 26 01:00:00 PDT"), "2026-06-02T08:00:00Z");
  EXPECT_EQ(iso("Mon, 01 Jun 2026 12:00:00 +05:30"), "2026-06-01T06:30:00Z");
  EXPECT_EQ(iso("2026-06-01T12:00:00Z"), "2026-06-01T12:00:00Z");
  EXPECT_EQ(iso("2026-06-01 12:00:00"), "2026-06-01T12:00:00Z");
  EXPECT_EQ(iso("Mon, 41 Jun 2026 12:00:00 +0000"), "none");
  EXPECT_EQ(iso("Mon, 01 Foo 2026 12:00:00 +0000"), "none");
  EXPECT_EQ(iso("Mon, 01 Jun 2026 25:00:00 +0000"), "none");
  EXPECT_EQ(iso(""), "none");
}

TEST(NewznabFeed, NewznabErrorCodesAsSonarrMapsThem) {
  using K = IndexerError::Kind;
  EXPECT_EQ(classify_newznab_error(100, "Incorrect user credentials", true).kind, K::ApiKey);
  EXPECT_EQ(classify_newznab_error(101, "Account suspended", true).kind, K::ApiKey);
  EXPECT_EQ(classify_newznab_error(102, "Insufficient privileges", true).message,
            "Invalid API Key: Insufficient privileges");
  EXPECT_EQ(classify_newznab_error(500, "Request limit reached", true).kind, K::RateLimited);
  EXPECT_EQ(classify_newznab_error(200, "Missing parameter", false).message, "Indexer requires an API key");
  EXPECT_EQ(classify_newznab_error(200, "Missing parameter", true).kind, K::Newznab);
  EXPECT_EQ(classify_newznab_error(900, "Unknown error", true).message, "Newznab error 900: Unknown error");
  FeedPage page = parse_feed(R"(<?xml version="1.0"?><error code="100" description="Incorrect user credentials"/>)", kUrl);
  ASSERT_TRUE(page.error);
  EXPECT_EQ(page.error->kind, K::ApiKey);
}

TEST(NewznabFeed, HttpChecks) {
  HttpReply r = status(404, "<error code=\"300\" description=\"No such item\"/>");
  auto e = check_http_reply(r, "Indexer API call");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message, "Newznab error 300: No such item");  // an XML error under a 4xx status
  e = check_http_reply(status(502), "Indexer API call");
  EXPECT_EQ(e->message, "Indexer API call resulted in an unexpected StatusCode [502 Bad Gateway]");
  e = check_http_reply(ok("\xEF\xBB\xBF  <HTML><body>captcha</body></HTML>", "text/plain"), "x");
  ASSERT_TRUE(e);
  EXPECT_NE(e->message.find("html content"), std::string::npos);
  EXPECT_FALSE(check_http_reply(ok(feed_xml({})), "x"));
}

TEST(NewznabHostile, EntityExpansionAndExternalEntitiesStayInert) {
  std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&lol4;&xxe;</title><guid>g</guid><pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
<enclosure url="http://idx/n" length="1" type="application/x-nzb"/></item></channel></rss>)";
  auto start = std::chrono::steady_clock::now();
  FeedPage page = parse_feed(laughs, kUrl);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_FALSE(page.error);
  ASSERT_EQ(page.releases.size(), 1u);
  EXPECT_EQ(page.releases[0].title, "&lol4;&xxe;");  // never expanded, never read from disk
  EXPECT_EQ(page.releases[0].title.find("root:"), std::string::npos);
}

TEST(NewznabHostile, HugeGarbageAndDeepDocumentsAreErrorsNotCrashes) {
  std::string huge = feed_xml({}) + std::string(kMaxFeedBytes, ' ');
  FeedPage big = parse_feed(huge, kUrl);
  ASSERT_TRUE(big.error);
  EXPECT_NE(big.error->message.find("larger than"), std::string::npos);

  std::string garbage(4096, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919) % 256);
  EXPECT_TRUE(parse_feed(garbage, kUrl).error);

  std::string deep = "<rss><channel>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  FeedPage d = parse_feed(deep, kUrl);
  EXPECT_TRUE(d.error);  // unclosed: not XML

  std::string long_title(5000, 'x');
  FeedPage lt = parse_feed(feed_xml({{long_title, "g", "Mon, 01 Jun 2026 12:00:00 +0000", "http://idx/n"}}), kUrl);
  EXPECT_TRUE(lt.releases.empty());

  FeedPage wrong_root = parse_feed("<html><channel><item/></channel></html>", kUrl);
  EXPECT_FALSE(wrong_root.error);  // like Sonarr: no rss items, no results
  EXPECT_TRUE(wrong_root.releases.empty());
}

TEST(NewznabCapsParse, ReadsLimitsParamsAndCategories) {
  CapsParse p = parse_caps(caps_xml("q,tvdbid,rid,season,ep", 50, 25, "q"));
  ASSERT_FALSE(p.error);
  ASSERT_TRUE(p.usable) << p.problem;
  EXPECT_EQ(p.caps.page_size(), 50);
  EXPECT_TRUE(p.caps.aggregate_id_search);
  EXPECT_TRUE(p.caps.tv_search_supports("tvdbid"));
  EXPECT_FALSE(p.caps.tv_search_supports("tvmazeid"));
  EXPECT_TRUE(p.caps.search_supports("q"));
  ASSERT_EQ(p.caps.categories.size(), 1u);
  EXPECT_EQ(p.caps.categories[0].subcategories.size(), 2u);
  EXPECT_EQ(parse_caps(caps_xml("q", 500, 1000)).caps.page_size(), 100);  // capped at 100
}

TEST(NewznabCapsParse, UnusableCapsGiveSonarrsDefaults) {
  CapsParse p = parse_caps(R"(<caps><limits max="100"/></caps>)");
  ASSERT_FALSE(p.error);
  EXPECT_FALSE(p.usable);
  EXPECT_EQ(p.caps.tv_search_params, (std::vector<std::string>{"q", "rid", "season", "ep"}));
  EXPECT_FALSE(p.caps.aggregate_id_search);
  p = parse_caps(R"(<caps><searching><tv-search supportedParams="q"/></searching></caps>)");
  EXPECT_FALSE(p.usable);
  p = parse_caps(R"(<caps><searching><search available="no"/><tv-search available="yes"/></searching></caps>)");
  EXPECT_TRUE(p.usable);
  EXPECT_FALSE(p.caps.search_params);
  EXPECT_TRUE(p.caps.tv_search_supports("rid"));
  EXPECT_TRUE(parse_caps("not xml <").error);
  EXPECT_EQ(parse_caps(R"(<error code="101" description="Account suspended"/>)").error->kind,
            IndexerError::Kind::ApiKey);
}

TEST(NzbCheck, RootAndFilesAndErrors) {
  const std::string good = R"(<?xml version="1.0"?><!DOCTYPE nzb PUBLIC "-//newzBin//DTD NZB 1.1//EN" "http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd">
<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"><file subject="s"><segments><segment number="1" bytes="1">a@b</segment></segments></file></nzb>)";
  EXPECT_FALSE(validate_nzb(good, true));
  EXPECT_EQ(validate_nzb("<nzb xmlns=\"x\"></nzb>", true)->message, "Invalid NZB: No files");
  EXPECT_EQ(validate_nzb("<rss/>", true)->message, "Invalid NZB: Unexpected root element. Expected 'nzb' found 'rss'");
  EXPECT_EQ(validate_nzb("<!doctype html><html></html>", true)->kind, IndexerError::Kind::Feed);
  EXPECT_EQ(validate_nzb(R"(<error code="500" description="Request limit reached"/>)", true)->kind,
            IndexerError::Kind::RateLimited);
  EXPECT_TRUE(validate_nzb("", true));
}

TEST(NewznabText, UrlsTitlesAndRedaction) {
  EXPECT_EQ(resolve_url(kUrl, "getnzb?id=1"), "http://idx:8080/getnzb?id=1");
  EXPECT_EQ(resolve_url(kUrl, "//cdn/x.nzb"), "http://cdn/x.nzb");
  EXPECT_EQ(resolve_url(kUrl, "HTTPS://other/x y"), "HTTPS://other/x%20y");
  EXPECT_EQ(resolve_url(kUrl, "javascript:alert(1)"), "");
  EXPECT_EQ(resolve_url(kUrl, "http://a/\x01"), "");
  EXPECT_EQ(clean_scene_title("The Show's Name & Co."), "Shows+Name+and+Co");
  EXPECT_EQ(clean_scene_title("Marvel's Agents of S.H.I.E.L.D."), "Marvels+Agents+of+SHIELD");
  EXPECT_EQ(redact_api_key("cannot fetch http://x/api?t=caps&apikey=abc123&o=1: x"),
            "cannot fetch http://x/api?t=caps&apikey=(removed)&o=1: x");
}

}  // namespace
}  // namespace nzbd::pvr
