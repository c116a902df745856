// RSS filter rows in nzbd.ini as SABnzbd's ConfigObj writes them
// (`filter0 = "", "", "", A, *, -100, 1`): read, written back, and set
// from API text.
#include <gtest/gtest.h>

#include "config/feed_filters.h"
#include "config/ini.h"

using namespace nzbd::config;

namespace {

std::vector<std::string> fields(const FeedFilter& f) { return f.fields(); }

}  // namespace

TEST(IniList, ReadsConfigObjListsWithQuotedItems) {
  auto l = parse_list_value(R"("", "", "", A, *, -100, 1)");
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->has_comma);
  EXPECT_EQ(l->items, (std::vector<std::string>{"", "", "", "A", "*", "-100", "1"}));
  auto q = parse_list_value(R"(tv, "3", 'a, b', M, "re:x{1,2}", 0, 0)");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->items, (std::vector<std::string>{"tv", "3", "a, b", "M", "re:x{1,2}", "0", "0"}));
  EXPECT_EQ(parse_list_value("one,")->items, std::vector<std::string>{"one"});  // ConfigObj's one-item list
  EXPECT_EQ(parse_list_value(",,,A,*,-100,1")->items, (std::vector<std::string>{"", "", "", "A", "*", "-100", "1"}));
  EXPECT_FALSE(parse_list_value(R"("open, b)"));
  EXPECT_FALSE(parse_list_value(R"("a"b, c)"));
}

TEST(IniList, WritesItemsAsConfigObjDoes) {
  EXPECT_EQ(write_list_value({"", "", "", "A", "*", "-100", "1"}), R"("", "", "", A, *, -100, 1)");
  EXPECT_EQ(write_list_value({"a, b", " x", "say \"hi\"", "#no"}), R"("a, b", " x", 'say "hi"', "#no")");
  EXPECT_EQ(write_list_value({"only"}), "only,");
}

TEST(IniList, SabnzbdFilterLinesLoadAndAreWrittenBackAsLists) {
  const std::string ini = "[rss]\n[[Feed1]]\nuri = http://a/rss,\nfilter0 = \"\", \"\", \"\", A, *, -100, 1\n"
                          "filter1 = tv, \"\", Default, R, \"re:a{1,2}\", 1, 0\n";
  auto doc = parse_ini(ini);
  ASSERT_TRUE(doc) << doc.message();
  const IniItem* feed = doc->find_section("rss")->find_item("Feed1");
  ASSERT_NE(feed, nullptr);
  auto rows = feed_filters(*feed);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(fields(rows[0]), (std::vector<std::string>{"", "", "", "A", "*", "-100", "1"}));
  EXPECT_EQ(fields(rows[1]), (std::vector<std::string>{"tv", "", "Default", "R", "re:a{1,2}", "1", "0"}));
  // Written back unquoted as a whole, so ConfigObj (SABnzbd) reads lists again.
  std::string out = write_ini(*doc);
  EXPECT_NE(out.find("filter0 = \"\", \"\", \"\", A, *, -100, 1\n"), std::string::npos) << out;
  auto again = parse_ini(out);
  ASSERT_TRUE(again) << again.message();
  EXPECT_EQ(fields(feed_filters(*again->find_section("rss")->find_item("Feed1"))[1]), fields(rows[1]));
}

TEST(FeedFilters, AFeedWithoutRowsHasSabnzbdsDefaultRow) {
  IniItem feed{"f", {{"name", "f"}}};
  auto rows = feed_filters(feed);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(fields(rows[0]), (std::vector<std::string>{"", "", "", "A", "*", "-100", "1"}));
}

TEST(FeedFilters, RowsFromApiTextArePaddedAsSabnzbdDoes) {
  EXPECT_EQ(fields(feed_filter_from_text("tv,,,A,*show*,-100,1")),
            (std::vector<std::string>{"tv", "", "", "A", "*show*", "-100", "1"}));
  // Missing fields become "1"; an empty "enabled" too (OptionFilters.set_dict).
  EXPECT_EQ(fields(feed_filter_from_text(",,,R,bad")), (std::vector<std::string>{"", "", "", "R", "bad", "1", "1"}));
  EXPECT_EQ(fields(feed_filter_from_text(",,,M,x,0,")).back(), "1");
}

TEST(FeedFilters, SetReplacesAllRowsAndKeepsTheOrder) {
  IniItem feed{"f", {{"name", "f"}, {"filter0", "a"}, {"filter7", "b"}, {"uri", "http://x"}}};
  EXPECT_EQ(feed_filters(feed).size(), 2u);
  set_feed_filters(feed, {feed_filter_from_text(",,,R,x,-100,1"), feed_filter_from_text(",,,A,*,-100,1")});
  auto rows = feed_filters(feed);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].type, "R");
  EXPECT_EQ(rows[1].type, "A");
  EXPECT_EQ(feed.find("filter7"), nullptr);
  EXPECT_NE(feed.find("uri"), nullptr);
  EXPECT_TRUE(is_filter_key("filter12"));
  EXPECT_FALSE(is_filter_key("filter"));
  EXPECT_FALSE(is_filter_key("filterx"));
}
