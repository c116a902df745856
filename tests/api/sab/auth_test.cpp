#include <gtest/gtest.h>

#include "api/sab/auth.h"

using namespace nzbd::api::sab;
using nzbd::http::Params;

namespace {
const char* kApi = "0123456789abcdef0123456789abcdef";
const char* kNzb = "fedcba9876543210fedcba9876543210";

KeyCheck check(std::vector<std::pair<std::string, std::string>> kv) {
  Params p;
  for (auto& [k, v] : kv) p.add(k, v);
  return check_key(p, kApi, kNzb);
}
}  // namespace

TEST(Auth, VersionAndAuthNeedNoKey) {
  EXPECT_EQ(check({{"mode", "version"}}), KeyCheck::Allowed);
  EXPECT_EQ(check({{"mode", "auth"}}), KeyCheck::Allowed);
}

TEST(Auth, MissingAndWrongKeys) {
  EXPECT_EQ(check({{"mode", "queue"}}), KeyCheck::Required);
  EXPECT_EQ(check({}), KeyCheck::Required);
  EXPECT_EQ(check({{"mode", "queue"}, {"apikey", "nope"}}), KeyCheck::Incorrect);
  EXPECT_EQ(check({{"mode", "queue"}, {"apikey", kApi}}), KeyCheck::Allowed);
  EXPECT_EQ(check({{"mode", "unknown_mode"}, {"apikey", kApi}}), KeyCheck::Allowed);
}

TEST(Auth, NzbKeyOnlyForJobCalls) {
  EXPECT_EQ(check({{"mode", "addfile"}, {"apikey", kNzb}}), KeyCheck::Allowed);
  EXPECT_EQ(check({{"mode", "addurl"}, {"apikey", kNzb}}), KeyCheck::Allowed);
  EXPECT_EQ(check({{"mode", "addlocalfile"}, {"apikey", kNzb}}), KeyCheck::Allowed);
  EXPECT_EQ(check({{"mode", "queue"}, {"name", "delete"}, {"apikey", kNzb}}), KeyCheck::Allowed);
  EXPECT_EQ(check({{"mode", "change_cat"}, {"apikey", kNzb}}), KeyCheck::Allowed);
  EXPECT_EQ(check({{"mode", "queue"}, {"apikey", kNzb}}), KeyCheck::Incorrect);
  EXPECT_EQ(check({{"mode", "set_config"}, {"apikey", kNzb}}), KeyCheck::Incorrect);
  EXPECT_EQ(check({{"mode", "get_config"}, {"apikey", kNzb}}), KeyCheck::Incorrect);
  EXPECT_EQ(check({{"mode", "shutdown"}, {"apikey", kNzb}}), KeyCheck::Incorrect);
  EXPECT_EQ(check({{"mode", "history"}, {"apikey", kNzb}}), KeyCheck::Incorrect);
}

TEST(Auth, FirstValueOfRepeatedKeyCounts) {
  EXPECT_EQ(check({{"mode", "queue"}, {"apikey", "wrong"}, {"apikey", kApi}}), KeyCheck::Incorrect);
}
