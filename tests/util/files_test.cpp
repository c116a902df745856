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
