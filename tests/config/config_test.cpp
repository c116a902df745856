#include <gtest/gtest.h>

#include <regex>

#include "config/config.h"
#include "support/temp_dir.h"

using namespace nzbd::config;
using nzbd::test::TempDir;

TEST(Config, CreatesDefaultsWithRandomKeys) {
  TempDir dir;
  auto c = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(c) << c.message();
  std::regex hex32("^[0-9a-f]{32}$");
  EXPECT_TRUE(std::regex_match(c->misc("api_key"), hex32));
  EXPECT_TRUE(std::regex_match(c->misc("nzb_key"), hex32));
  EXPECT_NE(c->misc("api_key"), c->misc("nzb_key"));
  EXPECT_TRUE(std::filesystem::exists(dir / "nzbd.ini"));
  EXPECT_NE(c->item("categories", "*"), nullptr);
  EXPECT_NE(c->item("categories", "tv"), nullptr);
  // Read back: same keys.
  auto again = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->misc("api_key"), c->misc("api_key"));
}

TEST(Config, UnknownKeysSurviveASave) {
  TempDir dir;
  nzbd::test::write_text(dir / "nzbd.ini", "[misc]\napi_key = 0123456789abcdef0123456789abcdef\n"
                                           "nzb_key = fedcba9876543210fedcba9876543210\nmy_own = 42\n"
                                           "[strange_section]\nx = y\n");
  auto c = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(c);
  c->set_misc("host", "0.0.0.0");
  ASSERT_TRUE(c->save());
  std::string text = nzbd::test::read_text(dir / "nzbd.ini");
  EXPECT_NE(text.find("my_own = 42"), std::string::npos);
  EXPECT_NE(text.find("[strange_section]"), std::string::npos);
  EXPECT_NE(text.find("host = 0.0.0.0"), std::string::npos);
}

TEST(Config, GarbageFileIsAnErrorAndIsNotOverwritten) {
  TempDir dir;
  std::string garbage = "[misc]\napi_key = abc\n<<<garbage>>>\n";
  nzbd::test::write_text(dir / "nzbd.ini", garbage);
  auto c = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_FALSE(c);
  EXPECT_NE(c.message().find("nzbd.ini: line 3:"), std::string::npos) << c.message();
  EXPECT_EQ(nzbd::test::read_text(dir / "nzbd.ini"), garbage);
}

TEST(Config, DefaultsAndIntegers) {
  TempDir dir;
  auto c = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->misc("complete_dir"), "Downloads/complete");
  EXPECT_EQ(c->misc_int("history_retention_number"), 1);
  c->set_misc("queue_limit", "not a number");
  EXPECT_EQ(c->misc_int("queue_limit"), 20);
  EXPECT_EQ(c->resolve_dir("complete_dir"), dir.path() / "Downloads/complete");
}

TEST(Config, ParseSize) {
  EXPECT_EQ(parse_size("400K"), 409600u);
  EXPECT_EQ(parse_size("4M"), 4194304u);
  EXPECT_EQ(parse_size("1G"), 1073741824u);
  EXPECT_EQ(parse_size("512000"), 512000u);
  EXPECT_EQ(parse_size("1.5 K"), 1536u);
  EXPECT_FALSE(parse_size(""));
  EXPECT_FALSE(parse_size("abc"));
  EXPECT_FALSE(parse_size("-5M"));
}

TEST(Config, DeleteAndRestoreCategories) {
  TempDir dir;
  auto c = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->delete_item("categories", "tv"));
  EXPECT_EQ(c->item("categories", "tv"), nullptr);
  c->restore_default_categories();
  EXPECT_NE(c->item("categories", "tv"), nullptr);
}

// Servers as sabnzbd.ini names them: [servers] with one [[name]] each.
std::string servers_ini(size_t count) {
  std::string text = "[misc]\napi_key = 0123456789abcdef0123456789abcdef\n"
                     "nzb_key = fedcba9876543210fedcba9876543210\n[servers]\n";
  for (size_t i = 0; i < count; ++i)
    text += "[[news" + std::to_string(i) + "]]\nhost = news" + std::to_string(i) + ".example\n";
  return text;
}

TEST(Config, AsManyServersAsTheLimitLoad) {
  TempDir dir;
  nzbd::test::write_text(dir / "nzbd.ini", servers_ini(kMaxServers));
  auto c = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(c) << c.message();
  EXPECT_EQ(c->items("servers").size(), kMaxServers);
}

TEST(Config, MoreServersThanTheLimitAreRefusedNamingIt) {
  TempDir dir;
  std::string text = servers_ini(kMaxServers + 1);
  nzbd::test::write_text(dir / "nzbd.ini", text);
  auto c = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_FALSE(c);
  EXPECT_NE(c.message().find("nzbd.ini"), std::string::npos) << c.message();
  EXPECT_NE(c.message().find("33 news servers"), std::string::npos) << c.message();
  EXPECT_NE(c.message().find("at most 32"), std::string::npos) << c.message();
  EXPECT_EQ(nzbd::test::read_text(dir / "nzbd.ini"), text);
  EXPECT_TRUE(check_server_count(kMaxServers).ok());
  EXPECT_FALSE(check_server_count(kMaxServers + 1).ok());
}
