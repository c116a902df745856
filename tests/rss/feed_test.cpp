// Feed parsing: RSS 2.0 with newznab attributes, Atom, RSS 1.0, and the
// hostile cases — entity tricks, wrong types, missing links, non-XML.
#include <gtest/gtest.h>

#include "rss/feed.h"

namespace nzbd::rss {
namespace {

const char* kNewznab = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/">
<channel><title>indexer</title>
<item>
  <title>Show.Name.S01E02.720p.HDTV-GRP</title>
  <link>https://indexer.example/details/abc</link>
  <guid>https://indexer.example/details/abc</guid>
  <pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
  <category>TV &gt; HD</category>
  <enclosure url="https://indexer.example/getnzb/abc.nzb?r=KEY" length="734003200" type="application/x-nzb"/>
  <newznab:attr name="size" value="1000"/>
  <newznab:attr name="season" value="S01"/>
  <newznab:attr name="episode" value="E02"/>
  <newznab:attr name="usenetdate" value="Sun, 31 May 2026 10:00:00 +0000"/>
</item>
<item>
  <title>Other   Thing
  with a line break</title>
  <link>http://indexer.example/get/2 with space</link>
  <description>Size: 1.50 GB, posted today</description>
</item>
</channel></rss>)";

TEST(Feed, RssItemsWithEnclosureAndNewznabAttributes) {
  auto f = parse_feed(kNewznab);
  ASSERT_TRUE(f) << f.message();
  ASSERT_EQ(f->items.size(), 2u);
  const FeedItem& a = f->items[0];
  EXPECT_EQ(a.title, "Show.Name.S01E02.720p.HDTV-GRP");
  EXPECT_EQ(a.link, "https://indexer.example/getnzb/abc.nzb?r=KEY");  // the enclosure, not <link>
  EXPECT_EQ(a.size, 734003200u);  // the enclosure's length comes first
  EXPECT_EQ(a.category, "TV > HD");
  EXPECT_EQ(a.season, 1);
  EXPECT_EQ(a.episode, 2);
  ASSERT_TRUE(a.published);
  EXPECT_EQ(*a.published, 1780221600);  // usenetdate, not pubDate: 2026-05-31 10:00 UTC
  const FeedItem& b = f->items[1];
  EXPECT_EQ(b.title, "Other Thing with a line break");
  EXPECT_EQ(b.link, "http://indexer.example/get/2%20with%20space");
  EXPECT_EQ(b.size, 1610612736u);  // "Size: 1.50 GB" in the description
  EXPECT_FALSE(b.published);
  EXPECT_TRUE(f->skipped.empty());
}

TEST(Feed, NewznabSizeWhenThereIsNoEnclosureLength) {
  auto f = parse_feed(R"(<rss><channel><item><title>T</title><link>http://x/1</link>
    <enclosure url="http://x/1.nzb" type="application/x-nzb"/>
    <nZEDb:attr name="size" value="5000"/></item></channel></rss>)");
  ASSERT_TRUE(f) << f.message();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].size, 5000u);
  EXPECT_EQ(f->items[0].link, "http://x/1.nzb");
}

TEST(Feed, AtomEntries) {
  auto f = parse_feed(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>Atom.Release.2026</title><link href="http://site/page"/>
  <link rel="enclosure" href="http://site/file.nzb" length="2048"/>
  <published>2026-06-01T12:00:00Z</published><category term="Movies"/></entry>
<entry><title>Just A Link</title><link rel="alternate" href="https://site/2.nzb"/><updated>2026-06-02T00:00:00Z</updated></entry>
</feed>)");
  ASSERT_TRUE(f) << f.message();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].link, "http://site/file.nzb");
  EXPECT_EQ(f->items[0].size, 2048u);
  EXPECT_EQ(f->items[0].category, "Movies");
  ASSERT_TRUE(f->items[0].published);
  EXPECT_EQ(*f->items[0].published, 1780315200);  // 2026-06-01 12:00 UTC
  EXPECT_EQ(f->items[1].link, "https://site/2.nzb");
  ASSERT_TRUE(f->items[1].published);
}

TEST(Feed, Rss1RdfItems) {
  auto f = parse_feed(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel><title>c</title></channel><item><title>R1</title><link>http://r/1.nzb</link></item></rdf:RDF>)");
  ASSERT_TRUE(f) << f.message();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].title, "R1");
}

TEST(Feed, ItemsWithWrongTypesOrNoLinkAreLeftOutWithAReason) {
  auto f = parse_feed(R"(<rss><channel>
  <item><title>Bad Size</title><enclosure url="http://x/a.nzb" length="lots"/></item>
  <item><title>Bad Attr</title><link>http://x/b.nzb</link><newznab:attr name="size" value="-5"/></item>
  <item><title>Fixed By Attr</title><enclosure url="http://x/c.nzb" length="12abc"/><newznab:attr name="size" value="77"/></item>
  <item><title>No Link</title></item>
  <item><title>Ftp Link</title><link>ftp://x/d.nzb</link></item>
  <item><link>http://x/e.nzb</link></item>
  <item><title>Good</title><link>http://x/f.nzb</link><enclosure url="http://x/f.nzb" length=""/></item>
  </channel></rss>)");
  ASSERT_TRUE(f) << f.message();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].title, "Fixed By Attr");
  EXPECT_EQ(f->items[0].size, 77u);
  EXPECT_EQ(f->items[1].title, "Good");
  EXPECT_EQ(f->items[1].size, 0u);  // an empty length is just unknown
  ASSERT_EQ(f->skipped.size(), 5u);
  EXPECT_NE(f->skipped[0].find("\"Bad Size\" is left out: its size \"lots\" is not a number"), std::string::npos);
  EXPECT_NE(f->skipped[1].find("\"-5\" is not a number"), std::string::npos);
  EXPECT_NE(f->skipped[2].find("\"No Link\" is left out: it has no link"), std::string::npos);
  EXPECT_NE(f->skipped[3].find("is not http(s)"), std::string::npos);
  EXPECT_NE(f->skipped[4].find("item 6 is left out: it has no title"), std::string::npos);
}

TEST(Feed, NotAFeedIsAnError) {
  auto html = parse_feed("<!DOCTYPE html><html><body>login</body></html>");
  ASSERT_FALSE(html);
  EXPECT_NE(html.message().find("HTML page"), std::string::npos) << html.message();
  auto text = parse_feed("just some text");
  ASSERT_FALSE(text);
  EXPECT_NE(text.message().find("not XML"), std::string::npos) << text.message();
  EXPECT_FALSE(parse_feed(""));
  auto other = parse_feed("<nzb><file/></nzb>");
  ASSERT_FALSE(other);
  EXPECT_NE(other.message().find("not an RSS or Atom feed (root <nzb>)"), std::string::npos) << other.message();
  auto cut = parse_feed("<rss><channel><item><title>half");
  EXPECT_FALSE(cut);  // a feed cut off in the middle
}

TEST(Feed, BillionLaughsIsRefusedAndNeverExpanded) {
  auto f = parse_feed(R"(<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss><channel><item><title>&lol9;</title><link>http://x/1.nzb</link></item></channel></rss>)");
  ASSERT_FALSE(f);
  EXPECT_NE(f.message().find("declares XML entities"), std::string::npos) << f.message();
}

TEST(Feed, ExternalEntitiesAreRefused) {
  auto f = parse_feed(R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&xxe;</title><link>http://x/1.nzb</link></item></channel></rss>)");
  ASSERT_FALSE(f);
  EXPECT_NE(f.message().find("declares XML entities"), std::string::npos);
}

// The proof that nothing would expand anyway: pugixml leaves references to
// entities it does not know as literal text.
TEST(Feed, UndeclaredEntitiesStayLiteralText) {
  auto f = parse_feed(R"(<rss><channel><item><title>A &xxe; &lol9; &amp; &#65;</title><link>http://x/1.nzb</link></item></channel></rss>)");
  ASSERT_TRUE(f) << f.message();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].title, "A &xxe; &lol9; & A");
}

TEST(Feed, APlainDoctypeIsFine) {
  auto f = parse_feed(R"(<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><item><title>Old</title><link>http://x/1.nzb</link></item></channel></rss>)");
  ASSERT_TRUE(f) << f.message();
  EXPECT_EQ(f->items.size(), 1u);
}

TEST(Feed, TitlesAndItemsAreBounded) {
  std::string doc = "<rss><channel>";
  doc += "<item><title>" + std::string(5000, 'a') + "\xC3\xA9" + "</title><link>http://x/long.nzb</link></item>";
  for (size_t i = 0; i < kMaxItems + 10; ++i)
    doc += "<item><title>t" + std::to_string(i) + "</title><link>http://x/" + std::to_string(i) + "</link></item>";
  doc += "</channel></rss>";
  auto f = parse_feed(doc);
  ASSERT_TRUE(f) << f.message();
  EXPECT_EQ(f->items.size(), kMaxItems);
  EXPECT_EQ(f->items[0].title.size(), kMaxTitle);
  ASSERT_EQ(f->skipped.size(), 1u);
  EXPECT_NE(f->skipped[0].find("11 items past the first 5000 are left out"), std::string::npos) << f->skipped[0];
}

}  // namespace
}  // namespace nzbd::rss
