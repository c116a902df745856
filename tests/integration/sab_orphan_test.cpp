// Orphaned job folders: mode=status lists them as `folders`; delete_orphan,
// delete_all_orphan, add_orphan and add_all_orphan act on them, confined to
// the incomplete folder.
#include "integration/sab_queue_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabOrphans : public SabQueueFixture {
 protected:
  void SetUp() override {
    SabQueueFixture::SetUp();
    incomplete_ = d().home() / "Downloads" / "incomplete";
    for (const auto& e : fs::directory_iterator(incomplete_)) fs::remove_all(e.path());
  }
  fs::path orphan(const std::string& name) {
    fs::create_directories(incomplete_ / name);
    write_text(incomplete_ / name / "part.rar", "data");
    return incomplete_ / name;
  }
  static std::vector<std::string> folders(const std::string& mode = "status") {
    OJson s = json("mode=" + mode + "&skip_dashboard=1")["status"];
    return s["folders"].get<std::vector<std::string>>();
  }
  using Names = std::vector<std::string>;
  fs::path incomplete_;
};

TEST_F(SabOrphans, StatusListsFoldersNoJobOwns) {
  orphan("Orphan.B");
  orphan("Orphan.A");
  std::string id = add("Owned.Job.nzb", simple_nzb("owned"));
  std::string folder = slot_of(id)["filename"];
  fs::create_directories(incomplete_ / folder);  // the queued job's folder
  write_text(incomplete_ / "loose-file.txt", "not a folder");
  fs::create_directories(incomplete_ / ".hidden");
  fs::create_directories(incomplete_ / "@eaDir");
  EXPECT_EQ(folders(), (Names{"Orphan.A", "Orphan.B"}));
  EXPECT_EQ(folders("fullstatus"), (Names{"Orphan.A", "Orphan.B"}));
  auto x = get("mode=status&skip_dashboard=1&output=xml").body;
  EXPECT_NE(x.find("<folders><folder>Orphan.A</folder>\n<folder>Orphan.B</folder>\n</folders>"), std::string::npos)
      << x;
}

TEST_F(SabOrphans, DeleteOrphanRemovesOnlyThatFolder) {
  orphan("Gone");
  orphan("Kept");
  EXPECT_EQ(get("mode=status&name=delete_orphan&value=Gone").body, R"({"status":true})");
  EXPECT_FALSE(fs::exists(incomplete_ / "Gone"));
  EXPECT_TRUE(fs::exists(incomplete_ / "Kept"));
  auto again = json("mode=status&name=delete_orphan&value=Gone");
  EXPECT_EQ(again["status"], false);
  EXPECT_NE(again["error"].get<std::string>().find("no folder 'Gone'"), std::string::npos) << again.dump();
  auto x = get("mode=status&name=delete_orphan&value=Kept&output=xml").body;
  EXPECT_NE(x.find("<result><status>True</status>"), std::string::npos) << x;
  EXPECT_FALSE(fs::exists(incomplete_ / "Kept"));
}

TEST_F(SabOrphans, DeleteOrphanRefusesPathsOutsideTheIncompleteFolder) {
  fs::path outside = d().home() / "Downloads" / "precious";
  fs::create_directories(outside);
  for (const char* value : {"..%2Fprecious", "..", "%2Ftmp", "a%2F..%2F..%2Fprecious"}) {
    auto r = json(std::string("mode=status&name=delete_orphan&value=") + value);
    EXPECT_EQ(r["status"], false) << value;
    EXPECT_FALSE(r["error"].get<std::string>().empty()) << value;
  }
  EXPECT_TRUE(fs::exists(outside));
  EXPECT_EQ(json("mode=status&name=delete_orphan&value=")["error"], "expects one parameter");
  auto x = get("mode=status&name=delete_orphan&value=..&output=xml").body;
  EXPECT_NE(x.find("<status>False</status>"), std::string::npos) << x;
  EXPECT_NE(x.find("<error>"), std::string::npos) << x;
}

TEST_F(SabOrphans, DeleteOrphanRefusesAQueuedJobsFolder) {
  std::string id = add("Busy.nzb", simple_nzb("busy"));
  std::string folder = slot_of(id)["filename"];
  fs::create_directories(incomplete_ / folder);
  auto r = json("mode=status&name=delete_orphan&value=" + folder);
  EXPECT_EQ(r["status"], false);
  EXPECT_TRUE(fs::exists(incomplete_ / folder));
}

TEST_F(SabOrphans, DeleteAllOrphansLeavesOwnedFolders) {
  orphan("One");
  orphan("Two");
  std::string id = add("Mine.nzb", simple_nzb("mine"));
  std::string folder = slot_of(id)["filename"];
  fs::create_directories(incomplete_ / folder);
  EXPECT_EQ(get("mode=status&name=delete_all_orphan").body, R"({"status":true})");
  EXPECT_TRUE(folders().empty());
  EXPECT_TRUE(fs::exists(incomplete_ / folder));
  auto x = get("mode=status&name=delete_all_orphan&output=xml").body;
  EXPECT_NE(x.find("<result><status>True</status>"), std::string::npos) << x;
}

TEST_F(SabOrphans, AddOrphanReaddsTheJobFromItsNzbBackup) {
  fs::path dir = orphan("Back.Again");
  fs::create_directories(dir / "__ADMIN__");
  write_text(dir / "__ADMIN__" / "Back.Again.nzb", simple_nzb("backagain"));
  EXPECT_EQ(get("mode=status&name=add_orphan&value=Back.Again").body, R"({"status":true})");
  auto ids = queue_ids();
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(slot_of(ids[0])["filename"], "Back.Again");
  EXPECT_TRUE(folders().empty());  // the job owns its old folder again
  EXPECT_TRUE(fs::exists(dir / "part.rar"));
}

TEST_F(SabOrphans, AddOrphanWithoutNzbBackupIsAnError) {
  orphan("No.Backup");
  auto r = json("mode=status&name=add_orphan&value=No.Backup");
  EXPECT_EQ(r["status"], false);
  EXPECT_NE(r["error"].get<std::string>().find("no NZB backup"), std::string::npos) << r.dump();
  EXPECT_TRUE(queue_ids().empty());
  EXPECT_EQ(folders(), (Names{"No.Backup"}));
  auto x = get("mode=status&name=add_orphan&value=..%2Fx&output=xml").body;
  EXPECT_NE(x.find("<status>False</status>"), std::string::npos) << x;
}

TEST_F(SabOrphans, AddAllOrphansAddsEachOneWithABackup) {
  write_text(orphan("First") / "First.nzb", simple_nzb("first"));
  write_text(orphan("Second") / "Second.nzb", simple_nzb("second"));
  EXPECT_EQ(get("mode=status&name=add_all_orphan").body, R"({"status":true})");
  EXPECT_EQ(queue_ids().size(), 2u);
  EXPECT_TRUE(folders().empty());
  orphan("Third");  // no backup: reported, not added
  auto x = get("mode=status&name=add_all_orphan&output=xml").body;
  EXPECT_NE(x.find("<status>False</status>"), std::string::npos) << x;
  EXPECT_NE(x.find("Third"), std::string::npos) << x;
  EXPECT_EQ(queue_ids().size(), 2u);
}

}  // namespace
}  // namespace nzbd::test
