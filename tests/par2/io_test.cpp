// par2's file access reports failures as io errors that name the file, so a
// repair that cannot write says which file and why.
#include "par2/io.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace nzbd::par2 {
namespace {

TEST(Par2File, OpeningAMissingFileIsAnIoErrorNamingIt) {
  nzbd::test::TempDir dir;
  auto f = File::open(dir.path() / "absent.bin", File::Mode::read);
  ASSERT_FALSE(f);
  EXPECT_TRUE(f.is(ErrorKind::Io));
  EXPECT_NE(f.message().find("absent.bin"), std::string::npos) << f.message();
}

TEST(Par2File, WritingAFileOpenedForReadingFailsWithItsName) {
  nzbd::test::TempDir dir;
  std::ofstream(dir.path() / "ro.bin") << "abc";
  auto f = File::open(dir.path() / "ro.bin", File::Mode::read);
  ASSERT_TRUE(f) << f.message();
  auto st = f->write_at(0, "x", 1);
  ASSERT_FALSE(st);
  EXPECT_TRUE(st.is(ErrorKind::Io));
  EXPECT_NE(st.message().find("cannot write"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("ro.bin"), std::string::npos) << st.message();
}

TEST(Par2File, CreateWritesAtOffsetsAndResizes) {
  nzbd::test::TempDir dir;
  auto f = File::open(dir.path() / "new.bin", File::Mode::create);
  ASSERT_TRUE(f) << f.message();
  ASSERT_TRUE(f->write_at(4, "tail", 4));
  EXPECT_EQ(f->size(), 8u);
  ASSERT_TRUE(f->truncate(6));
  char buf[8] = {};
  EXPECT_EQ(f->read_at(0, buf, sizeof buf), 6u);
  EXPECT_EQ(std::string(buf + 4, 2), "ta");
}

TEST(Par2File, CreateDoesNotFollowASymlink) {
  nzbd::test::TempDir dir;
  std::ofstream(dir.path() / "outside.bin") << "keep";
  std::filesystem::create_symlink(dir.path() / "outside.bin", dir.path() / "link.bin");
  auto f = File::open(dir.path() / "link.bin", File::Mode::create);
  EXPECT_FALSE(f);
  EXPECT_TRUE(f.is(ErrorKind::Io));
}

}  // namespace
}  // namespace nzbd::par2
