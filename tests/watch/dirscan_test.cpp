// The watched-folder scanner against a fake intake: when a file is taken,
// with which category, what happens to rejected and growing files.
#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"
#include "watch/watch.h"

namespace nzbd::watch {
namespace {
namespace fs = std::filesystem;
using test::TempDir;
using test::write_text;

struct Added {
  fs::path path;
  std::string category;
  bool file_was_there;
};

class DirScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(watch_);
    auto cfg = config::Config::load_or_create(dir_ / "nzbd.ini");
    ASSERT_TRUE(cfg) << cfg.message();
    store_ = std::make_unique<config::ConfigStore>(std::move(*cfg));
    (void)store_->write("misc", [&](config::Config& c) { c.set_misc("dirscan_dir", watch_.string()); });
    scanner_ = std::make_unique<DirScanner>(*store_, [this](const fs::path& p, const std::string& cat)
                                                         -> Result<std::vector<std::string>> {
      added_.push_back({p, cat, fs::exists(p)});
      if (reject_) return make_error("Failed to import " + p.filename().string() + ": Invalid NZB");
      return std::vector<std::string>{"SABnzbd_nzo_" + std::to_string(added_.size())};
    });
  }
  ScanReport scan() { return scanner_->scan_once(); }

  TempDir dir_;
  fs::path watch_ = dir_ / "watch";
  std::unique_ptr<config::ConfigStore> store_;
  std::unique_ptr<DirScanner> scanner_;
  std::vector<Added> added_;
  bool reject_ = false;
};

TEST_F(DirScanTest, TakesAStableFileAtTheSecondScanAndRemovesItAfterwards) {
  write_text(watch_ / "Some.Show.nzb", "<nzb/>");
  EXPECT_TRUE(scan().added.empty());  // first sight: maybe still being written
  EXPECT_TRUE(added_.empty());
  auto r = scan();
  ASSERT_EQ(r.added.size(), 1u);
  ASSERT_EQ(added_.size(), 1u);
  EXPECT_EQ(added_[0].path, watch_ / "Some.Show.nzb");
  EXPECT_EQ(added_[0].category, "");
  EXPECT_TRUE(added_[0].file_was_there);  // removed only after the intake stored it
  EXPECT_FALSE(fs::exists(watch_ / "Some.Show.nzb"));
  scan();
  EXPECT_EQ(added_.size(), 1u);
}

TEST_F(DirScanTest, GrowingFileWaitsUntilItIsStable) {
  write_text(watch_ / "big.nzb.gz", "part one");
  scan();
  {
    std::ofstream(watch_ / "big.nzb.gz", std::ios::app) << " and part two";
  }
  scan();
  EXPECT_TRUE(added_.empty());
  EXPECT_TRUE(fs::exists(watch_ / "big.nzb.gz"));
  scan();
  ASSERT_EQ(added_.size(), 1u);
}

TEST_F(DirScanTest, CategoryFromASubFolderNamedAfterACategory) {
  fs::create_directories(watch_ / "TV");
  fs::create_directories(watch_ / "not-a-category");
  write_text(watch_ / "TV" / "episode.nzb", "<nzb/>");
  write_text(watch_ / "not-a-category" / "other.nzb", "<nzb/>");
  scan();
  scan();
  ASSERT_EQ(added_.size(), 1u);
  EXPECT_EQ(added_[0].path, watch_ / "TV" / "episode.nzb");
  EXPECT_EQ(added_[0].category, "tv");  // the category's own spelling
  EXPECT_TRUE(fs::exists(watch_ / "not-a-category" / "other.nzb"));
}

TEST_F(DirScanTest, OnlyNzbShapedFilesAndNoEmptyOnes) {
  write_text(watch_ / "readme.txt", "hello");
  write_text(watch_ / "empty.nzb", "");
  write_text(watch_ / "pack.zip", "zip");
  write_text(watch_ / "b.nzb.bz2", "bz");
  scan();
  scan();
  ASSERT_EQ(added_.size(), 2u);
  EXPECT_TRUE(fs::exists(watch_ / "readme.txt"));
  EXPECT_TRUE(fs::exists(watch_ / "empty.nzb"));
}

TEST_F(DirScanTest, RejectedFileIsLeftAloneUntilItChanges) {
  reject_ = true;
  write_text(watch_ / "bad.nzb", "not xml");
  scan();
  auto r = scan();
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_TRUE(fs::exists(watch_ / "bad.nzb"));
  for (int i = 0; i < 3; ++i) scan();
  EXPECT_EQ(added_.size(), 1u);  // not retried every scan
  reject_ = false;
  write_text(watch_ / "bad.nzb", "<nzb>fixed</nzb>");
  scan();
  scan();
  EXPECT_EQ(added_.size(), 2u);
  EXPECT_FALSE(fs::exists(watch_ / "bad.nzb"));
}

TEST_F(DirScanTest, SymlinksAreNotFollowed) {
  write_text(dir_ / "outside.nzb", "<nzb/>");
  fs::create_symlink(dir_ / "outside.nzb", watch_ / "link.nzb");
  scan();
  scan();
  EXPECT_TRUE(added_.empty());
  EXPECT_TRUE(fs::exists(dir_ / "outside.nzb"));
}

TEST_F(DirScanTest, NoWatchedFolderNoScan) {
  (void)store_->write("misc", [](config::Config& c) { c.set_misc("dirscan_dir", ""); });
  write_text(dir_ / "x.nzb", "<nzb/>");
  scan();
  scan();
  EXPECT_TRUE(added_.empty());
}

TEST_F(DirScanTest, ThreadScansEveryDirscanSpeedSeconds) {
  (void)store_->write("misc", [](config::Config& c) { c.set_misc("dirscan_speed", "1"); });
  write_text(watch_ / "timed.nzb", "<nzb/>");
  scanner_->start();
  for (int i = 0; i < 80 && fs::exists(watch_ / "timed.nzb"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  scanner_->stop();
  EXPECT_EQ(added_.size(), 1u);
}

}  // namespace
}  // namespace nzbd::watch
