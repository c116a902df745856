// mode=browse, the settings pages' folder picker, against the real binary:
// folders only, hidden and system folders left out, symlinks resolved (a
// linked folder shows where it points, broken links and loops are left out),
// a missing path walks up to the nearest folder, and compact=1 completes a
// typed path. JSON and XML.
#include <unistd.h>

#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabBrowse : public SabFixture {
 protected:
  static void SetUpTestSuite() {
    SabFixture::SetUpTestSuite();
    root_ = dir_->path() / "picker";
    for (const char* d : {"Alpha/sub", "beta", ".hidden", "Trash"}) fs::create_directories(root_ / d);
    write_text(root_ / "file.txt", "not a folder");
    fs::create_directory_symlink(root_ / "Alpha", root_ / "linked");
    fs::create_directory_symlink(root_ / "nowhere", root_ / "broken");
    fs::create_directory_symlink(root_ / "loop", root_ / "loop");
    real_ = fs::canonical(root_).string();
  }
  static Json browse(const std::string& extra) { return json("mode=browse&output=json" + extra); }
  static std::vector<std::string> names(const Json& paths) {
    std::vector<std::string> out;
    for (size_t i = 1; i < paths.size(); ++i) out.push_back(paths[i]["name"]);
    return out;
  }
  static inline fs::path root_;
  static inline std::string real_;
};

TEST_F(SabBrowse, ListsRealFoldersWithTheirParent) {
  Json paths = browse("&name=" + url_encode(root_.string()))["paths"];
  ASSERT_TRUE(paths.is_array());
  ASSERT_GE(paths.size(), 2u) << paths.dump();
  EXPECT_EQ(paths[0], Json({{"current_path", real_}}));
  EXPECT_EQ(paths[1], Json({{"name", ".."}, {"path", fs::path(real_).parent_path().string()}, {"dir", true}}));
  EXPECT_EQ(names(paths), (std::vector<std::string>{"..", "Alpha", "beta", "linked"})) << paths.dump();
  // The link is listed with the folder it points at.
  EXPECT_EQ(paths[4], Json({{"name", "linked"}, {"path", real_ + "/Alpha"}, {"dir", true}}));
}

TEST_F(SabBrowse, HiddenFoldersOnlyWhenAsked) {
  auto listed = names(browse("&show_hidden_folders=1&name=" + url_encode(root_.string()))["paths"]);
  EXPECT_NE(std::find(listed.begin(), listed.end(), ".hidden"), listed.end());
}

TEST_F(SabBrowse, APathThroughALinkIsShownAsTheRealFolder) {
  Json paths = browse("&name=" + url_encode((root_ / "linked").string()))["paths"];
  EXPECT_EQ(paths[0]["current_path"], real_ + "/Alpha");
  EXPECT_EQ(paths[1]["path"], real_) << "'..' of a linked folder is its real parent";
  EXPECT_EQ(names(paths), (std::vector<std::string>{"..", "sub"}));
}

TEST_F(SabBrowse, AMissingPathWalksUpAndRelativePathsStartAtTheDataFolder) {
  EXPECT_EQ(browse("&name=" + url_encode((root_ / "gone/deeper").string()))["paths"][0]["current_path"], real_);
  EXPECT_EQ(browse("&name=")["paths"][0]["current_path"], "/");
  fs::create_directories(d().home() / "picked");
  EXPECT_EQ(browse("&name=picked")["paths"][0]["current_path"], fs::canonical(d().home() / "picked").string());
}

TEST_F(SabBrowse, CompactCompletesATypedPath) {
  Json list = browse("&compact=1&term=" + url_encode((root_ / "Al").string()));
  EXPECT_EQ(list, Json({real_ + "/Alpha", real_ + "/beta", real_ + "/Alpha"})) << list.dump();
}

TEST_F(SabBrowse, XmlAndTheNzbKey) {
  auto x = get("mode=browse&output=xml&name=" + url_encode((root_ / "beta").string()));
  EXPECT_EQ(x.body, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<paths><path><current_path>" + real_ +
                        "/beta</current_path>\n</path>\n<path><name>..</name>\n<path>" + real_ +
                        "</path>\n<dir>True</dir>\n</path>\n</paths>\n");
  EXPECT_EQ(http_get(d().url() + "/api?mode=browse&apikey=" + d().nzb_key()).status, 403) << "a settings call";
}

}  // namespace
}  // namespace nzbd::test
