#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "util/files.h"

using namespace nzbd;

TEST(Files, AtomicWriteReplacesContent) {
  test::TempDir dir;
  auto p = dir / "a.txt";
  ASSERT_TRUE(write_file_atomic(p, "one"));
  ASSERT_TRUE(write_file_atomic(p, "two"));
  EXPECT_EQ(*read_file(p), "two");
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir.path())) (void)e, ++files;
  EXPECT_EQ(files, 1);  // no temp files left behind
}

TEST(Files, ReplaceWithoutFsyncReplacesContentAndFsyncPathNamesWhatFailed) {
  test::TempDir dir;
  auto p = dir / "b.txt";
  ASSERT_TRUE(write_file_replace(p, "one"));
  ASSERT_TRUE(write_file_replace(p, std::string(100000, 'x')));
  EXPECT_EQ(read_file(p)->size(), 100000u);  // larger than one read
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir.path())) (void)e, ++files;
  EXPECT_EQ(files, 1);
  EXPECT_TRUE(fsync_path(p));
  EXPECT_TRUE(fsync_path(dir.path()));  // a folder, for the entries of files renamed into it
  auto missing = fsync_path(dir / "gone");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.message().find("gone"), std::string::npos);
  EXPECT_FALSE(read_file(dir / "gone"));
}

TEST(Files, AtomicWriteIntoMissingFolderFails) {
  test::TempDir dir;
  auto st = write_file_atomic(dir / "missing/a.txt", "x");
  EXPECT_FALSE(st);
  EXPECT_NE(st.message().find("cannot write"), std::string::npos);
}

TEST(Files, IsWithin) {
  EXPECT_TRUE(is_within("/data/complete", "/data/complete/job/file"));
  EXPECT_FALSE(is_within("/data/complete", "/data/complete/../etc/passwd"));
  EXPECT_FALSE(is_within("/data/complete", "/data/complete"));
  EXPECT_FALSE(is_within("/data/complete", "/data/completeX/a"));
}

TEST(Files, UniquePath) {
  test::TempDir dir;
  EXPECT_EQ(unique_path(dir / "job"), dir / "job");
  std::filesystem::create_directory(dir / "job");
  EXPECT_EQ(unique_path(dir / "job"), dir / "job.1");
  std::filesystem::create_directory(dir / "job.1");
  EXPECT_EQ(unique_path(dir / "job"), dir / "job.2");
}
