// Read-only and vanished folders: a clear error in the log, the warnings and
// the job, no crash, and the API keeps answering.
#include "integration/disk_fixture.h"

namespace nzbd::test {
namespace {

class DiskReadOnly : public DiskFixture {
 protected:
  static std::string log_text() {
    std::string all;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(d().home() / "logs", ec)) all += read_text(e.path());
    return all;
  }
};

// The download folder's disk turns read-only: SABnzbd's "Disk error on
// creating file", paused; writable again and resumed, the job completes.
TEST_F(DiskReadOnly, DownloadFolderReadOnlyPausesWithTheReason) {
  std::string data = random_bytes(512u << 10);
  auto posted = post_file("ro.bin", data, 4);
  ASSERT_EQ(dl_->remount("32m", true), "");
  std::string id = add("ro.nzb", nzb_of({posted}));
  ASSERT_FALSE(id.empty());

  const std::string expected = "Disk error on creating file ";
  ASSERT_TRUE(wait_for([&] { return has_warning(expected); })) << ::testing::PrintToString(warning_texts());
  ASSERT_TRUE(wait_for(paused_and_settled)) << queue().dump();
  EXPECT_TRUE(has_warning("(Read-only file system)")) << ::testing::PrintToString(warning_texts());
  EXPECT_NE(log_text().find(expected), std::string::npos);
  EXPECT_EQ(slot_of(id)["nzo_id"], id);
  EXPECT_TRUE(json("mode=version")["version"].is_string());

  ASSERT_EQ(dl_->remount("32m"), "");
  json("mode=resume");
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  EXPECT_TRUE(read_text(find_file(done_->path(), "ro.bin")) == data);
}

// The download folder is removed while nzbd idles: the next job makes it again.
TEST_F(DiskReadOnly, VanishedDownloadFolderIsMadeAgain) {
  std::filesystem::path dir = dl_->path() / "incomplete";
  json("mode=set_config&section=misc&keyword=download_dir&value=" + dir.string());
  ASSERT_TRUE(d().stop() == 0);
  ASSERT_TRUE(d().start()) << d().output();
  ASSERT_TRUE(std::filesystem::is_directory(dir));
  std::filesystem::remove_all(dir);

  std::string data = random_bytes(256u << 10);
  std::string id = add("gone.nzb", nzb_of({post_file("gone.bin", data, 2)}));
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump() << ::testing::PrintToString(warning_texts());
  EXPECT_TRUE(read_text(find_file(done_->path(), "gone.bin")) == data);
}

// The complete folder's disk is read-only: the job fails with the reason as
// its fail_message, its files stay whole in the download folder, and a retry
// once the disk is writable completes it.
TEST_F(DiskReadOnly, CompleteFolderReadOnlyFailsTheJobWithTheReason) {
  std::string data = random_bytes(512u << 10);
  ASSERT_EQ(done_->remount("32m", true), "");
  auto posted = post_file("nowhere.bin", data, 4);
  std::string id = add("nowhere.nzb", nzb_of({posted}));
  ASSERT_FALSE(id.empty());

  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Failed") << slot.dump();
  std::string fail = slot["fail_message"];
  EXPECT_EQ(fail.rfind("Failed moving ", 0), 0u) << fail;
  EXPECT_NE(fail.find("Read-only file system"), std::string::npos) << fail;
  EXPECT_TRUE(has_warning("Failed moving ")) << ::testing::PrintToString(warning_texts());
  EXPECT_TRUE(json("mode=version")["version"].is_string());
  auto kept = find_file(dl_->path(), "nowhere.bin");
  ASSERT_FALSE(kept.empty());
  EXPECT_TRUE(read_text(kept) == data);

  ASSERT_EQ(done_->remount("32m"), "");
  OJson retried = json("mode=retry&value=" + id);
  ASSERT_EQ(retried["status"], true) << retried.dump();
  std::string again = retried.value("nzo_id", id);
  slot = wait_history(again);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  EXPECT_TRUE(read_text(find_file(done_->path(), "nowhere.bin")) == data);
  for (const auto& mid : posted.ids) EXPECT_EQ(nntp_->body_requests(mid), 1u) << mid << " fetched again by the retry";
}

// The job folder is removed while its file downloads: the articles written
// there are gone. nzbd says so, pauses, and after the resume fetches them
// again, so the job still completes byte for byte (it used to complete with
// an empty folder).
TEST_F(DiskReadOnly, JobFolderRemovedMidDownloadIsFetchedAgain) {
  std::string data = random_bytes(4u << 20);
  auto posted = post_file("mid.bin", data, 32);
  // The server's count is shared by the binary's tests: count from here, and
  const auto before = nntp_->total_body_requests();
  std::string id = add("mid.nzb", nzb_of({posted}));
  ASSERT_FALSE(id.empty());
  // wait for the file itself (the writer creates it, not the request).
  ASSERT_TRUE(wait_for([&] { return nntp_->total_body_requests() >= before + 6; }));
  std::filesystem::path file;
  ASSERT_TRUE(wait_for([&] { return !(file = find_file(dl_->path(), "mid.bin")).empty(); }));
  std::filesystem::remove_all(file.parent_path());

  ASSERT_TRUE(wait_for([] { return has_warning("vanished while downloading"); }))
      << ::testing::PrintToString(warning_texts());
  EXPECT_TRUE(has_warning("Disk error on creating file "));
  ASSERT_TRUE(wait_for(paused_and_settled)) << queue().dump();
  json("mode=resume");
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  auto done = find_file(done_->path(), "mid.bin");
  ASSERT_FALSE(done.empty());
  EXPECT_TRUE(read_text(done) == data) << "the completed file differs from what was posted";
}

}  // namespace
}  // namespace nzbd::test
