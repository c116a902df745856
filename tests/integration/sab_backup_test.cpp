// config&name=create_backup and its restore against the real binary: the
// backup holds the settings and the history of its moment, a restore upload
// brings both back after the restart it causes, and an upload that is not a
// backup is refused with nothing changed and no restart.
#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabBackup : public SabDownloadFixture {
 protected:
  static std::vector<std::string> history_names() {
    std::vector<std::string> out;
    OJson history = json("mode=history&limit=0")["history"];
    for (const auto& s : history["slots"]) out.push_back(s["name"]);
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  static HttpReply upload(const std::string& bytes) {
    return http_post_multipart(d().api("mode=config&name=restore_backup&output=json"), {},
                               {{"backup", "nzbd_backup.zip", "application/zip", bytes}});
  }
  static int64_t refresh_rate() {
    return json("mode=get_config&section=misc&keyword=refresh_rate")["config"]["misc"]["refresh_rate"];
  }
};

TEST_F(SabBackup, AnUploadThatIsNotABackupChangesNothing) {
  auto r = upload("this is not a zip");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(OJson::parse(r.body),
            OJson::parse(R"j({"status":false,"error":"this is not a backup made by nzbd (not a zip file)"})j"));
  EXPECT_FALSE(fs::exists(d().home() / "restore"));
  EXPECT_FALSE(d().wait_restarted(1500)) << "a refused restore must not restart the daemon";
  EXPECT_EQ(http_get(d().url() + "/api?mode=config&name=restore_backup&apikey=" + d().nzb_key()).status, 403);
}

TEST_F(SabBackup, ARestoredBackupBringsBackItsSettingsAndHistory) {
  ASSERT_EQ(wait_history(add("Before.Backup.nzb", post("before.bin", 20000)))["status"], "Completed");
  json("mode=set_config&section=misc&keyword=refresh_rate&value=4");
  OJson made = json("mode=config&name=create_backup");
  ASSERT_EQ(made["value"]["result"], true) << made.dump();
  fs::path zip = made["value"]["message"].get<std::string>();
  ASSERT_TRUE(fs::is_regular_file(zip)) << zip;
  EXPECT_EQ(zip.parent_path(), fs::canonical(d().home() / "Downloads/complete")) << "complete_dir without backup_dir";
  std::string xml = get("mode=config&name=create_backup&output=xml").body;
  EXPECT_NE(xml.find("<value><result>True</result>\n<message>"), std::string::npos) << xml;

  json("mode=set_config&section=misc&keyword=refresh_rate&value=9");
  ASSERT_EQ(wait_history(add("After.Backup.nzb", post("after.bin", 20000)))["status"], "Completed");
  ASSERT_TRUE(has(history_names(), "After.Backup"));

  auto r = upload(read_text(zip));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(OJson::parse(r.body), OJson::parse(R"({"status":true})"));
  ASSERT_TRUE(d().wait_restarted()) << d().output();
  EXPECT_EQ(refresh_rate(), 4);
  auto names = history_names();
  EXPECT_TRUE(has(names, "Before.Backup"));
  EXPECT_FALSE(has(names, "After.Backup")) << "the history is the backup's";
  EXPECT_FALSE(fs::exists(d().home() / "restore")) << "the stage is gone once applied";
  EXPECT_TRUE(fs::exists(d().home() / "nzbd.ini.before-restore"));
  json("mode=set_config_default&keyword=refresh_rate");
}

}  // namespace
}  // namespace nzbd::test
