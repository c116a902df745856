// A download folder that fills up: nzbd pauses with SABnzbd's "Disk full!
// Forcing Pause", keeps every article it wrote, and once the disk has room
// and the user resumes (SABnzbd does not resume by itself after a failed
// write) the job completes byte for byte without fetching those articles again.
#include "integration/disk_fixture.h"

namespace nzbd::test {
namespace {

class DiskFull : public DiskFixture {};

TEST_F(DiskFull, PausesKeepsWrittenArticlesAndCompletesAfterResume) {
  const uint32_t kArticles = 16;
  std::string data = random_bytes(4u << 20);  // twice what the download disk holds
  auto posted = post_file("full.bin", data, kArticles);
  ASSERT_EQ(dl_->remount("2m"), "");
  std::string id = add("full.nzb", nzb_of({posted}));
  ASSERT_FALSE(id.empty());

  ASSERT_TRUE(wait_for([] { return has_warning("Disk full! Forcing Pause"); })) << ::testing::PrintToString(warning_texts());
  ASSERT_TRUE(wait_for(paused_and_settled)) << queue().dump();
  // The job waits in the queue with what it has; the API keeps answering.
  EXPECT_EQ(slot_of(id)["nzo_id"], id);
  EXPECT_EQ(json("mode=version")["version"].is_string(), true);
  auto incomplete = find_file(dl_->path(), "full.bin");
  ASSERT_FALSE(incomplete.empty());
  std::vector<bool> kept = parts_on_disk(incomplete, data, kArticles);
  size_t kept_count = std::count(kept.begin(), kept.end(), true);
  EXPECT_GT(kept_count, 0u);
  EXPECT_LT(kept_count, kArticles);
  // Paused stays paused: nothing more is fetched while the disk is full.
  size_t asked = nntp_->total_body_requests();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(nntp_->total_body_requests(), asked);

  ASSERT_EQ(dl_->remount("16m"), "");
  json("mode=resume");
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  auto done = find_file(done_->path(), "full.bin");
  ASSERT_FALSE(done.empty());
  EXPECT_TRUE(read_text(done) == data) << "the completed file differs from what was posted";
  size_t refetched = 0;
  for (uint32_t p = 0; p < kArticles; ++p) {
    size_t n = nntp_->body_requests(posted.ids[p]);
    if (kept[p]) {
      EXPECT_EQ(n, 1u) << "article " << p + 1 << " was on disk before the pause but fetched again";
    }
    refetched += n > 1 ? 1 : 0;
  }
  EXPECT_GT(refetched, 0u);  // the articles whose write failed came again
  EXPECT_EQ(queue()["paused"], false);
}

// The complete folder's disk is too small for the job (and complete_free
// unset, so nothing warned before): moving fails, the job fails with the
// reason, the half-made copy goes, and the download folder keeps the files
// whole for a retry.
TEST_F(DiskFull, CompleteFolderFullFailsTheJobAndKeepsItsFiles) {
  std::string data = random_bytes(2u << 20);
  ASSERT_EQ(done_->remount("1m"), "");
  auto posted = post_file("toobig.bin", data, 8);
  std::string id = add("toobig.nzb", nzb_of({posted}));
  ASSERT_FALSE(id.empty());

  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Failed") << slot.dump();
  std::string fail = slot["fail_message"];
  EXPECT_EQ(fail.rfind("Failed moving ", 0), 0u) << fail;
  EXPECT_NE(fail.find("No space left on device"), std::string::npos) << fail;
  EXPECT_TRUE(find_file(done_->path(), "toobig.bin").empty()) << "a partial copy was left in the complete folder";
  auto kept = find_file(dl_->path(), "toobig.bin");
  ASSERT_FALSE(kept.empty());
  EXPECT_TRUE(read_text(kept) == data);

  ASSERT_EQ(done_->remount("32m"), "");
  OJson retried = json("mode=retry&value=" + id);
  ASSERT_EQ(retried["status"], true) << retried.dump();
  slot = wait_history(retried.value("nzo_id", id));
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  EXPECT_TRUE(read_text(find_file(done_->path(), "toobig.bin")) == data);
  for (const auto& mid : posted.ids) EXPECT_EQ(nntp_->body_requests(mid), 1u) << mid << " fetched again by the retry";
}

}  // namespace
}  // namespace nzbd::test
