// The download quota through the real daemon: a small quota is used up by a
// download from the fake news server, the queue pauses, reset_quota resumes.
#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {

class SabQuota : public SabDownloadFixture {
 protected:
  void TearDown() override {
    json("mode=set_config&section=misc&keyword=quota_size&value=");
    json("mode=config&name=speedlimit&value=0");
  }
  static bool wait_paused(bool want, int seconds) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (queue()["paused"] == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
};

TEST_F(SabQuota, NoQuotaShowsZero) {
  auto q = queue();
  EXPECT_EQ(q["quota"], "0 B");
  EXPECT_EQ(q["left_quota"], "0 B");
  EXPECT_EQ(q["have_quota"], false);
}

TEST_F(SabQuota, QuotaFieldsInJsonAndXml) {
  json("mode=set_config&section=misc&keyword=quota_size&value=10G");
  auto q = queue();
  EXPECT_EQ(q["quota"], "10.0 GB");
  EXPECT_EQ(q["have_quota"], true);
  EXPECT_TRUE(q["left_quota"].is_string());
  auto x = get("mode=queue&output=xml").body;
  EXPECT_NE(x.find("<quota>10.0 GB</quota>"), std::string::npos) << x;
  EXPECT_NE(x.find("<have_quota>True</have_quota>"), std::string::npos) << x;
  EXPECT_NE(x.find("<left_quota>"), std::string::npos) << x;
}

TEST_F(SabQuota, SpentQuotaPausesAndResetQuotaResumes) {
  json("mode=config&name=speedlimit&value=400K");  // slow enough to see the pause mid-job
  json("mode=set_config&section=misc&keyword=quota_size&value=300K");
  json("mode=warnings&name=clear");
  std::string id = add("Big.nzb", post("big.bin", 4000000, 40));
  ASSERT_TRUE(wait_paused(true, 20)) << queue().dump();
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));  // articles in flight land and are counted
  auto q = queue();
  EXPECT_EQ(q["left_quota"], "0 B");
  ASSERT_EQ(q["slots"].size(), 1u);  // still downloading when the quota ran out
  EXPECT_NE(json("mode=warnings").dump().find("Quota spent, pausing downloading"), std::string::npos);

  EXPECT_EQ(get("mode=reset_quota").body, R"({"status":true})");
  q = queue();
  EXPECT_EQ(q["paused"], false);
  // A fresh 300 KB (less what the resumed download fetched since).
  std::string left = q["left_quota"];
  EXPECT_TRUE(left != "0 B" && left.find(" KB") != std::string::npos) << left;
  auto x = get("mode=reset_quota&output=xml").body;
  EXPECT_NE(x.find("<result><status>True</status>"), std::string::npos) << x;

  json("mode=set_config&section=misc&keyword=quota_size&value=");  // let it finish
  json("mode=resume");
  json("mode=config&name=speedlimit&value=0");
  EXPECT_EQ(wait_history(id, 60)["status"], "Completed");
}

}  // namespace
}  // namespace nzbd::test
