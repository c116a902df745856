// The end-of-queue action (change_complete_action) carried out once a real
// download from the fake news server has been post-processed and the queue
// is empty; and only once.
#include <sys/stat.h>

#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabQueueComplete : public SabDownloadFixture {
 protected:
  // A script in script_dir that writes its argument count to `marker`.
  fs::path script(const std::string& name, const fs::path& marker) {
    fs::path dir = d().home() / "scripts";
    fs::create_directories(dir);
    write_text(dir / name, "#!/bin/sh\necho \"ran with $# arguments\" >> '" + marker.string() + "'\n");
    ::chmod((dir / name).c_str(), 0755);
    return dir / name;
  }
  static bool wait_file(const fs::path& p, int seconds) {
    for (int i = 0; i < seconds * 10 && !fs::exists(p); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return fs::exists(p);
  }
};

TEST_F(SabQueueComplete, ScriptActionRunsOnceWhenTheQueueIsDone) {
  fs::path marker = dir_->path() / "queue-done.txt";
  script("done.sh", marker);
  EXPECT_EQ(get("mode=queue&name=change_complete_action&value=script_done.sh").body, R"({"status":true})");
  EXPECT_EQ(queue()["finishaction"], "script_done.sh");
  std::string id = add("First.nzb", post("first.bin", 300000, 3));
  ASSERT_EQ(wait_history(id)["status"], "Completed");
  ASSERT_TRUE(wait_file(marker, 10));
  EXPECT_NE(read_text(marker).find("ran with"), std::string::npos);
  EXPECT_TRUE(queue()["finishaction"].is_null());  // one-shot, as in SABnzbd
  // A second job finishing does not run it again.
  std::string second = add("Second.nzb", post("second.bin", 100000));
  ASSERT_EQ(wait_history(second)["status"], "Completed");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::string text = read_text(marker);
  EXPECT_EQ(text.find("ran with"), text.rfind("ran with")) << text;
}

TEST_F(SabQueueComplete, ScriptThatDoesNotExistIsNotAccepted) {
  EXPECT_EQ(json("mode=queue&name=change_complete_action&value=script_missing.sh"),
            OJson::parse(R"({"status":true})"));
  EXPECT_TRUE(queue()["finishaction"].is_null());
  auto x = get("mode=queue&name=change_complete_action&value=script_..%2F..%2Fbin%2Fsh&output=xml").body;
  EXPECT_NE(x.find("<status>True</status>"), std::string::npos) << x;
  EXPECT_TRUE(queue()["finishaction"].is_null());
}

TEST_F(SabQueueComplete, PowerActionsAreLoggedAsNotSupported) {
  json("mode=warnings&name=clear");
  json("mode=queue&name=change_complete_action&value=standby_pc");
  std::string id = add("Power.nzb", post("power.bin", 100000));
  ASSERT_EQ(wait_history(id)["status"], "Completed");
  bool warned = false;
  for (int i = 0; i < 50 && !warned; ++i) {
    OJson w = json("mode=warnings");
    warned = w.dump().find("standby_pc is not supported") != std::string::npos;
    if (!warned) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(warned) << json("mode=warnings").dump();
  EXPECT_TRUE(queue()["finishaction"].is_null());
  EXPECT_TRUE(d().running());
}

TEST_F(SabQueueComplete, ShutdownProgramStopsTheDaemonCleanly) {
  json("mode=queue&name=change_complete_action&value=shutdown_program");
  std::string id = add("Last.nzb", post("last.bin", 100000));
  EXPECT_EQ(d().wait_exit(30000), 0) << d().output();
  daemon_->start();  // for the suite's clean stop at the end
}

}  // namespace
}  // namespace nzbd::test
