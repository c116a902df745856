#include <gtest/gtest.h>

#include "config/ini.h"

using namespace nzbd::config;

TEST(Ini, ParsesSectionsItemsAndTopLevel) {
  auto doc = parse_ini(
      "__version__ = 19\n[misc]\nhost = 0.0.0.0\n# comment\n  port = 8080  \n"
      "[servers]\n[[news.example.com]]\nname = news.example.com\nconnections = 8\n"
      "[categories]\n[[*]]\npp = 3\n[[tv]]\ndir = \"tv shows \"\n");
  ASSERT_TRUE(doc) << doc.message();
  EXPECT_EQ(doc->top[0].second, "19");
  const auto* misc = doc->find_section("misc");
  ASSERT_NE(misc, nullptr);
  EXPECT_EQ(*misc->find("host"), "0.0.0.0");
  EXPECT_EQ(*misc->find("port"), "8080");
  const auto* servers = doc->find_section("servers");
  ASSERT_EQ(servers->items.size(), 1u);
  EXPECT_EQ(*servers->items[0].find("connections"), "8");
  EXPECT_EQ(*doc->find_section("categories")->find_item("tv")->find("dir"), "tv shows ");
}

TEST(Ini, WriteThenParseKeepsEverything) {
  auto doc = parse_ini("[misc]\nunknown_key = kept\nspaced = \" x \"\n[rss]\n[[feed]]\nuri = http://a/b?c=d\n");
  ASSERT_TRUE(doc);
  auto again = parse_ini(write_ini(*doc));
  ASSERT_TRUE(again) << again.message();
  EXPECT_EQ(*again->find_section("misc")->find("unknown_key"), "kept");
  EXPECT_EQ(*again->find_section("misc")->find("spaced"), " x ");
  EXPECT_EQ(*again->find_section("rss")->find_item("feed")->find("uri"), "http://a/b?c=d");
  EXPECT_EQ(write_ini(*again), write_ini(*doc));
}

TEST(Ini, ErrorsNameTheLine) {
  auto r = parse_ini("[misc]\nhost = x\nthis line is garbage\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.message(), "line 3: expected 'key = value', '[section]' or '[[item]]'");
  EXPECT_EQ(parse_ini("[misc\n").message(), "line 1: unbalanced brackets in section header");
  EXPECT_EQ(parse_ini("[[orphan]]\n").message(), "line 1: [[orphan]] outside of any [section]");
  EXPECT_EQ(parse_ini("[a]\n[a]\n").message(), "line 2: section [a] appears twice");
  EXPECT_EQ(parse_ini("[a]\nk = \"open\n").message(), "line 2: unterminated quoted value");
  EXPECT_EQ(parse_ini("[a]\n = v\n").message(), "line 2: missing key before '='");
  EXPECT_EQ(parse_ini("[a]\n[[[deep]]]\n").message(),
            "line 2: sections nested deeper than [[item]] are not supported");
  EXPECT_EQ(parse_ini("[a]\nk = \xff\xfe\n").message(), "line 2: not valid UTF-8");
}

TEST(Ini, NewlinesInValuesCannotInjectLines) {
  IniDocument doc;
  doc.section("misc").set("x", "a\n[servers]\nevil = 1");
  auto again = parse_ini(write_ini(doc));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sections.size(), 1u);
}
