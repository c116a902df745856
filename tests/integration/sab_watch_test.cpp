// The watched folder (dirscan_dir / dirscan_speed / watched_now) through the
// real daemon: files become jobs with the sub-folder's category, bad files
// give a warning and stay.
#include <chrono>
#include <thread>

#include "integration/sab_queue_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabWatch : public SabQueueFixture {
 protected:
  void SetUp() override {
    SabQueueFixture::SetUp();
    watch_ = dir_->path() / "watch";
    fs::create_directories(watch_ / "tv");
    json("mode=warnings&name=clear");
    set("dirscan_dir", watch_.string());
    set("dirscan_speed", "1");
  }
  void TearDown() override {
    set("dirscan_speed", "5");
    set("dirscan_dir", "");
    fs::remove_all(watch_);
  }
  void set(const std::string& key, const std::string& value) {
    json("mode=set_config&section=misc&keyword=" + key + "&value=" + value);
  }
  // Waits up to `seconds` for a queue slot named `name`.
  static OJson wait_for_slot(const std::string& name, int seconds = 10) {
    for (int i = 0; i < seconds * 10; ++i) {
      OJson q = queue();
      for (const auto& s : q["slots"])
        if (s["filename"] == name) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return OJson();
  }
  fs::path watch_;
};

TEST_F(SabWatch, DroppedFileBecomesAJobWithTheFolderCategory) {
  write_text(watch_ / "tv" / "Watched.Show.S01E01.nzb", simple_nzb("watched"));
  auto slot = wait_for_slot("Watched.Show.S01E01");
  ASSERT_FALSE(slot.is_null()) << queue().dump();
  EXPECT_EQ(slot["cat"], "tv");
  // The file goes once the add has answered, so a moment after the slot shows.
  const fs::path dropped = watch_ / "tv" / "Watched.Show.S01E01.nzb";
  for (int i = 0; i < 50 && fs::exists(dropped); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(fs::exists(dropped));
}

TEST_F(SabWatch, BadFileGivesAWarningAndIsLeftInPlace) {
  write_text(watch_ / "broken.nzb", "this is not an NZB");
  auto warnings_about = [&] {
    int n = 0;
    OJson w = json("mode=warnings");
    for (const auto& item : w["warnings"])
      if (item["text"].get<std::string>().find("broken.nzb") != std::string::npos) ++n;
    return n;
  };
  for (int i = 0; i < 100 && warnings_about() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(warnings_about(), 1) << json("mode=warnings").dump();
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // more scans: still one warning
  EXPECT_EQ(warnings_about(), 1);
  EXPECT_TRUE(fs::exists(watch_ / "broken.nzb"));
  EXPECT_TRUE(queue_ids().empty());
}

TEST_F(SabWatch, WatchedNowScansWhenPeriodicScanIsOff) {
  set("dirscan_speed", "0");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a scan already under way ends
  write_text(watch_ / "on.request.nzb", simple_nzb("onrequest"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_TRUE(queue_ids().empty());  // no periodic scan
  EXPECT_EQ(get("mode=watched_now").body, R"({"status":true})");
  EXPECT_FALSE(wait_for_slot("on.request", 5).is_null());
  auto x = get("mode=watched_now&output=xml");
  EXPECT_EQ(x.content_type, "text/xml;charset=utf-8");
  EXPECT_NE(x.body.find("<result><status>True</status>\n</result>"), std::string::npos) << x.body;
}

}  // namespace
}  // namespace nzbd::test
