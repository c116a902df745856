// Hostile archives: nothing may be written outside the destination.
#include <gtest/gtest.h>

#include "unpack/safe_tree.h"
#include "unpack/unpack.h"
#include "unpack/support.h"
#include "unpack/zip_writer.h"

namespace nzbd::unpack {
namespace {
using namespace test;

TEST(EntryPath, SplitsSafePathsAndRefusesEscapes) {
  std::string why;
  EXPECT_EQ(*split_entry_path("a/b/c.txt", why), (Components{"a", "b", "c.txt"}));
  EXPECT_EQ(*split_entry_path("./a//b/./c", why), (Components{"a", "b", "c"}));
  EXPECT_EQ(*split_entry_path("dir/", why), (Components{"dir"}));
  EXPECT_EQ(*split_entry_path("a..b/..c", why), (Components{"a..b", "..c"}));
  EXPECT_FALSE(split_entry_path("../x", why));
  EXPECT_FALSE(split_entry_path("a/../../x", why));
  EXPECT_FALSE(split_entry_path("a/..", why));
  EXPECT_FALSE(split_entry_path("/etc/passwd", why));
  EXPECT_EQ(why, "absolute path");
  EXPECT_FALSE(split_entry_path("", why));
  EXPECT_FALSE(split_entry_path(std::string(300, 'x'), why));
}

TEST(EntryPath, SymlinkTargets) {
  EXPECT_TRUE(symlink_target_inside({"link"}, "file.txt"));
  EXPECT_TRUE(symlink_target_inside({"a", "b", "link"}, "../../c"));
  EXPECT_TRUE(symlink_target_inside({"a", "link"}, "./x/../y"));
  EXPECT_FALSE(symlink_target_inside({"up"}, ".."));
  EXPECT_FALSE(symlink_target_inside({"a", "link"}, "../../x"));
  EXPECT_FALSE(symlink_target_inside({"link"}, "/etc/passwd"));
  EXPECT_FALSE(symlink_target_inside({"link"}, "x/../../y"));
  EXPECT_FALSE(symlink_target_inside({"link"}, ""));
}

class Hostile : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(tmp_ / "base" / "job");
    dest_ = tmp_ / "base" / "dest";
  }
  Result<UnpackResult> unpack(const std::vector<ZipEntry>& entries) {
    EXPECT_TRUE(make_zip(tmp_ / "base" / "job" / "evil.zip", entries));
    UnpackOptions opts;
    opts.dest = dest_;
    return unpack_all(tmp_ / "base" / "job", opts);
  }
  // Only job/evil.zip and an empty dest under base.
  void expect_nothing_written() {
    EXPECT_EQ(tree_of(tmp_ / "base"), (std::vector<std::string>{"dest", "job", "job/evil.zip"}));
    EXPECT_EQ(tree_of(tmp_.path()).size(), 4u);
  }
  TempDir tmp_;
  fs::path dest_;
};

TEST_F(Hostile, DotDotEntryIsRefused) {
  auto r = unpack({{"good.txt", "fine"}, {"../evil.txt", "pwned"}, {"sub/../../evil2.txt", "pwned"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message().rfind(kMsgUnsafePath, 0), 0u) << r.message();
  EXPECT_NE(r.message().find("../evil.txt"), std::string::npos) << r.message();
  expect_nothing_written();
}

TEST_F(Hostile, AbsolutePathEntryIsRefused) {
  fs::path target = tmp_ / "abs-evil.txt";
  auto r = unpack({{target.string(), "pwned"}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("absolute path"), std::string::npos) << r.message();
  EXPECT_FALSE(fs::exists(target));
  expect_nothing_written();
}

TEST_F(Hostile, SymlinkOutAndWriteThroughItAreRefused) {
  auto r = unpack({{"up", "", "../.."}, {"up/pwned.txt", "pwned"}, {"abs", "", "/etc"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message().rfind(kMsgUnsafePath, 0), 0u) << r.message();
  expect_nothing_written();
}

// Each link stays inside on paper; together they lead out (p/q/s -> root,
// p/q/t -> s/.. = the root's parent). The physical check must catch it.
TEST_F(Hostile, ChainedSymlinksLeadingOutAreRefused) {
  auto r = unpack({{"p/q/file", "x"}, {"p/q/s", "", "../.."}, {"p/q/t", "", "s/.."}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("p/q/t"), std::string::npos) << r.message();
  expect_nothing_written();
}

TEST_F(Hostile, ExistingSymlinkInDestIsNeverFollowed) {
  // dest already holds a link (e.g. from an earlier set) pointing outside.
  fs::create_directories(dest_);
  fs::create_directories(tmp_ / "outside");
  fs::create_directory_symlink(tmp_ / "outside", dest_ / "sub");
  auto r = unpack({{"sub/file.txt", "data"}});
  // Either refused or written into a real folder, but never outside.
  EXPECT_TRUE(tree_of(tmp_ / "outside").empty());
  if (r.ok()) {
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(dest_ / "sub" / "file.txt")));
  }
}

TEST_F(Hostile, InsideLinksAreKept) {
  auto r = unpack({{"dir/file.txt", "data"}, {"link.txt", "", "dir/file.txt"}, {"dir/up", "", "../link.txt"}});
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(read_file(dest_ / "link.txt"), "data");
  EXPECT_EQ(read_file(dest_ / "dir" / "up"), "data");
  EXPECT_EQ(fs::read_symlink(dest_ / "link.txt"), "dir/file.txt");
}

}  // namespace
}  // namespace nzbd::unpack
