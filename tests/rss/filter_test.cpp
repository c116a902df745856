// SABnzbd's filter rows: each type, their order, wildcards and regexes,
// sizes and episodes, and which category/pp/script/priority a job gets.
#include <gtest/gtest.h>

#include "rss/filter.h"

namespace nzbd::rss {
namespace {

using config::FeedFilter;

FeedFilter row(const std::string& type, const std::string& text, const std::string& cat = "",
               const std::string& priority = "-100", const std::string& enabled = "1") {
  FeedFilter f;
  f.cat = cat;
  f.type = type;
  f.text = text;
  f.priority = priority;
  f.enabled = enabled;
  return f;
}

FeedItem item(const std::string& title, uint64_t size = 0, const std::string& category = "") {
  FeedItem i;
  i.title = title;
  i.link = "http://x/" + title;
  i.size = size;
  i.category = category;
  return i;
}

bool accepts(const std::vector<FeedFilter>& rows, const FeedItem& i) { return FilterSet(rows).judge(i).accepted; }

TEST(Filter, TheDefaultRowAcceptsEverythingAndNoRowsAcceptNothing) {
  EXPECT_TRUE(accepts({config::default_feed_filter()}, item("Anything.At.All")));
  EXPECT_FALSE(accepts({}, item("Anything.At.All")));
}

TEST(Filter, AcceptAndRejectDecideInOrder) {
  std::vector<FeedFilter> rows = {row("R", "*german*"), row("A", "*720p*")};
  EXPECT_TRUE(accepts(rows, item("Show.S01E01.720p.HDTV")));
  EXPECT_FALSE(accepts(rows, item("Show.S01E01.German.720p.HDTV")));  // the first deciding row wins
  EXPECT_FALSE(accepts(rows, item("Show.S01E01.1080p")));             // nothing accepted it
  std::vector<FeedFilter> swapped = {row("A", "*720p*"), row("R", "*german*")};
  EXPECT_TRUE(accepts(swapped, item("Show.S01E01.German.720p.HDTV")));
}

TEST(Filter, RequiresRejectsWhatDoesNotMatch) {
  std::vector<FeedFilter> rows = {row("M", "show"), row("A", "*")};
  EXPECT_TRUE(accepts(rows, item("My.Show.S01E01")));  // anywhere in the title
  EXPECT_FALSE(accepts(rows, item("Other.Thing")));
}

TEST(Filter, RequiresCategoryOnlyActsOnItemsWithACategory) {
  std::vector<FeedFilter> rows = {row("C", "tv*"), row("A", "*")};
  EXPECT_TRUE(accepts(rows, item("A", 0, "TV > HD")));
  EXPECT_FALSE(accepts(rows, item("B", 0, "Movies > HD")));
  EXPECT_TRUE(accepts(rows, item("C", 0, "")));  // no category: the row does nothing
}

TEST(Filter, SizeAtMostAndAtLeast) {
  std::vector<FeedFilter> rows = {row("<", "2G"), row(">", "100M"), row("A", "*")};
  EXPECT_TRUE(accepts(rows, item("ok", 700ull << 20)));
  EXPECT_FALSE(accepts(rows, item("big", 3ull << 30)));
  EXPECT_FALSE(accepts(rows, item("small", 50ull << 20)));
  EXPECT_TRUE(accepts(rows, item("unknown", 0)));  // no size: size rows let it pass, as SABnzbd
  EXPECT_TRUE(accepts({row("<", "1.5 G"), row("A", "*")}, item("dec", (3ull << 30) / 2)));
}

TEST(Filter, FromSeasonEpisode) {
  std::vector<FeedFilter> rows = {row("F", "S02E05"), row("A", "*")};
  EXPECT_TRUE(accepts(rows, item("Show.S02E05.720p")));
  EXPECT_TRUE(accepts(rows, item("Show.S03E01.720p")));
  EXPECT_TRUE(accepts(rows, item("Show.2x07.720p")));
  EXPECT_FALSE(accepts(rows, item("Show.S02E04.720p")));
  EXPECT_FALSE(accepts(rows, item("Show.S01E09.720p")));
  EXPECT_FALSE(accepts(rows, item("Show.Special.720p")));  // no episode: before anything
  FeedItem attrs = item("Show.Special");
  attrs.season = 4;
  attrs.episode = 1;  // newznab attributes count before the title
  EXPECT_TRUE(accepts(rows, attrs));
}

TEST(Filter, FromShowSeasonEpisodeAccepts) {
  std::vector<FeedFilter> rows = {row("S", "My Show S01E03")};
  EXPECT_TRUE(accepts(rows, item("My.Show.S01E03.720p")));
  EXPECT_TRUE(accepts(rows, item("my_show_s02e01")));
  EXPECT_FALSE(accepts(rows, item("My.Show.S01E02.720p")));   // earlier
  EXPECT_FALSE(accepts(rows, item("Other.Show.S05E01.720p")));  // another show
}

TEST(Filter, WildcardsAreQuotedAndIgnoreCase) {
  EXPECT_EQ(wildcard_to_regex("a.b*c?(d)"), "a\\.b.*c.\\(d\\)");
  EXPECT_TRUE(accepts({row("A", "SHOW?S01")}, item("show.s01e01")));
  EXPECT_FALSE(accepts({row("A", "a.b")}, item("axb")));  // a dot is a dot
  EXPECT_TRUE(accepts({row("A", "a.b")}, item("xa.by")));
  EXPECT_TRUE(accepts({row("A", "(1080p)")}, item("Movie (1080p)")));
}

TEST(Filter, RegexesAfterRe) {
  EXPECT_TRUE(accepts({row("A", "re:^show\\.s0[1-3]e\\d+")}, item("Show.S02E10.x264")));
  EXPECT_FALSE(accepts({row("A", "re:^show\\.s0[1-3]e\\d+")}, item("Show.S04E10.x264")));
  EXPECT_FALSE(accepts({row("A", "re:^show")}, item("The.Show")));  // anchored by the user, not by us
  EXPECT_TRUE(accepts({row("A", "RE: \\bx26[45]\\b")}, item("a.X265.b")));  // prefix and case
}

TEST(Filter, ABadRegexNeverMatchesAndIsReported) {
  FilterSet must({row("M", "re:(unclosed"), row("A", "*")});
  EXPECT_FALSE(must.judge(item("anything")).accepted);
  ASSERT_EQ(must.problems().size(), 1u);
  EXPECT_NE(must.problems()[0].find("not a valid regular expression"), std::string::npos);
  EXPECT_FALSE(accepts({row("A", "re:[")}, item("anything")));
}

TEST(Filter, DisabledRowsAndUnknownTypesDoNothing) {
  EXPECT_TRUE(accepts({row("R", "*", "", "-100", "0"), row("A", "*")}, item("x")));
  FilterSet odd({row("Q", "*"), row("A", "*")});
  EXPECT_TRUE(odd.judge(item("x")).accepted);
  EXPECT_EQ(odd.problems().size(), 1u);
}

TEST(Filter, TheVerdictNamesTheDecidingRow) {
  FilterSet f({row("R", "*bad*"), row("A", "*good*"), row("A", "*")});
  EXPECT_EQ(f.judge(item("good")).row, 1u);
  EXPECT_EQ(f.judge(item("bad.good")).row, 0u);
  EXPECT_EQ(f.judge(item("other")).row, 2u);
}

TEST(Filter, SeasonEpisodeFromTitles) {
  EXPECT_EQ(season_episode("Show.S01E02.720p"), std::make_pair(1, 2));
  EXPECT_EQ(season_episode("show s10 e20"), std::make_pair(10, 20));
  EXPECT_EQ(season_episode("Show - 3x04 - Name"), std::make_pair(3, 4));
  EXPECT_FALSE(season_episode("Movie.1920x1080"));
  EXPECT_FALSE(season_episode("Movie.2026.1080p"));
}

std::vector<UserCategory> cats() { return {{"movies", {"Movies*"}}, {"tv", {"TV > HD", "alt.binaries.tv"}}, {"audio", {}}}; }

TEST(Filter, IndexerCategoriesConvertLikeSabnzbd) {
  EXPECT_EQ(convert_category("Movies > HD", cats()), "movies");    // the category's indexer names
  EXPECT_EQ(convert_category("tv > hd", cats()), "tv");
  EXPECT_EQ(convert_category("AUDIO", cats()), "audio");           // the same name
  EXPECT_EQ(convert_category("audio > mp3", cats()), "audio");     // starts with it
  EXPECT_EQ(convert_category("Console > XBox", cats()), "");
  EXPECT_EQ(convert_category("None", cats()), "");
}

TEST(Filter, OptionsComeFromTheRowThenTheFeedThenTheCategory) {
  FeedDefaults feed{"movies", "2", "feed.sh", "1"};
  FeedFilter special = row("A", "*special*", "tv", "2");
  special.pp = "3";
  special.script = "Default";
  FilterSet f({special, row("A", "*")});
  FeedItem s = item("a.special.one", 0, "Audio");
  auto v = f.judge(s);
  JobOptions o = choose_options(v, f, feed, s, cats());
  EXPECT_EQ(o.category, "tv");
  EXPECT_EQ(o.pp, "3");
  EXPECT_EQ(o.script, "feed.sh");  // "Default" on the row: the feed's
  EXPECT_EQ(o.priority, 2);
  FeedItem plain = item("plain", 0, "Audio");
  o = choose_options(f.judge(plain), f, feed, plain, cats());
  EXPECT_EQ(o.category, "movies");  // the feed's category beats the item's
  EXPECT_EQ(o.pp, "2");
  EXPECT_EQ(o.priority, 1);
  FeedDefaults bare{"", "", "", "-100"};
  o = choose_options(f.judge(plain), f, bare, plain, cats());
  EXPECT_EQ(o.category, "audio");  // converted from the item's
  EXPECT_EQ(o.pp, "");
  EXPECT_EQ(o.script, "");
  EXPECT_EQ(o.priority, -100);     // left to the category
  FeedDefaults missing{"nosuchcat", "", "", "-100"};
  o = choose_options(f.judge(plain), f, missing, plain, cats());
  EXPECT_EQ(o.category, "audio");  // a feed category that does not exist does not count
}

}  // namespace
}  // namespace nzbd::rss
