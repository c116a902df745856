// download_free and complete_free as SABnzbd's Assembler checks them after
// each finished file: downloading pauses with "Too little diskspace forcing
// PAUSE" before the disk is full, and with fulldisk_autoresume it resumes by
// itself once the space is back.
#include "integration/disk_fixture.h"

namespace nzbd::test {
namespace {

class DiskFree : public DiskFixture {};

// 4 files of 1.5 MB (24 articles each) on an 8 MB disk that must keep 4 MB free: after the
// second file less than 4 MB + 1.5 MB is left, so downloading pauses there.
TEST_F(DiskFree, DownloadFreePausesBeforeTheDiskIsFullAndResumesByItself) {
  json("mode=set_config&section=misc&keyword=download_free&value=4M");
  json("mode=set_config&section=misc&keyword=fulldisk_autoresume&value=1");
  ASSERT_EQ(dl_->remount("8m"), "");
  std::vector<std::string> data;
  std::vector<Posted> files;
  for (int i = 1; i <= 4; ++i) {
    data.push_back(random_bytes(1536u << 10));
    files.push_back(post_file("part" + std::to_string(i) + ".bin", data.back(), 24));
  }
  std::string id = add("free.nzb", nzb_of(files));
  ASSERT_FALSE(id.empty());

  ASSERT_TRUE(wait_for([] { return has_warning("Too little diskspace forcing PAUSE"); }))
      << ::testing::PrintToString(warning_texts());
  ASSERT_TRUE(wait_for(paused_and_settled)) << queue().dump();
  EXPECT_EQ(slot_of(id)["nzo_id"], id);  // still downloading, not in post-processing
  EXPECT_FALSE(has_warning("Disk full!")) << "the disk filled up before the pause";
  std::error_code ec;
  EXPECT_GT(std::filesystem::space(dl_->path(), ec).available, 2u << 20);
  // The first two files are whole on disk and stay so.
  for (int i = 0; i < 2; ++i) {
    auto p = find_file(dl_->path(), "part" + std::to_string(i + 1) + ".bin");
    ASSERT_FALSE(p.empty());
    EXPECT_TRUE(read_text(p) == data[i]) << "part" << i + 1;
  }

  // More room: downloading resumes without anyone asking.
  ASSERT_EQ(dl_->remount("32m"), "");
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  for (int i = 0; i < 4; ++i) {
    auto p = find_file(done_->path(), "part" + std::to_string(i + 1) + ".bin");
    ASSERT_FALSE(p.empty()) << "part" << i + 1;
    EXPECT_TRUE(read_text(p) == data[i]) << "part" << i + 1;
    for (const auto& mid : files[i].ids) EXPECT_EQ(nntp_->body_requests(mid), 1u) << mid;
  }
  EXPECT_EQ(queue()["paused"], false);
}

// complete_free: once a job is 95% downloaded the complete folder must hold
// complete_free plus the job; a 4 MB complete disk cannot take a 4 MB job
// with 2 MB to spare, so the job waits in the queue until the user resumes.
TEST_F(DiskFree, CompleteFreePausesBeforePostProcessing) {
  json("mode=set_config&section=misc&keyword=complete_free&value=2M");
  ASSERT_EQ(done_->remount("4m"), "");
  std::string big = random_bytes(4u << 20), small = random_bytes(32u << 10);
  auto a = post_file("a.bin", big, 16);
  auto b = post_file("b.bin", small, 64);  // downloaded after a.bin: the last 1.5% of the job
  std::string id = add("complete.nzb", nzb_of({a, b}));
  ASSERT_FALSE(id.empty());

  ASSERT_TRUE(wait_for([] { return has_warning("Too little diskspace forcing PAUSE"); }))
      << ::testing::PrintToString(warning_texts());
  ASSERT_TRUE(wait_for(paused_and_settled)) << queue().dump();
  EXPECT_EQ(slot_of(id)["nzo_id"], id);
  EXPECT_TRUE(json("mode=history")["history"]["slots"].empty());  // nothing reached post-processing

  ASSERT_EQ(done_->remount("32m"), "");
  // Without fulldisk_autoresume it stays paused until the user resumes.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  EXPECT_EQ(queue()["paused"], true);
  json("mode=resume");
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  EXPECT_TRUE(read_text(find_file(done_->path(), "a.bin")) == big);
  EXPECT_TRUE(read_text(find_file(done_->path(), "b.bin")) == small);
}

}  // namespace
}  // namespace nzbd::test
