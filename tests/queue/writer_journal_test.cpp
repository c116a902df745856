// The writer thread owns the journals: records queued from any thread land
// in order after what was queued before them, and a job whose record folder
// is gone gets no journal (and no folder) back.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "queue/store.h"
#include "queue/writer.h"
#include "support/temp_dir.h"

namespace nzbd::queue {
namespace {
namespace fs = std::filesystem;

TEST(WriterJournal, RecordsFromSeveralThreadsAreAllAppended) {
  nzbd::test::TempDir dir;
  fs::create_directories(dir.path() / "job");
  auto journal = (dir.path() / "job" / "journal.bin").string();
  ArticleWriter writer(1u << 20, [](const WriteRequest&, const Status&) {});
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (uint32_t s = 0; s < 50; ++s) writer.append_journal(7, journal, JournalRecord{t, s, s * 100u, 100, s, 0});
    });
  for (auto& th : threads) th.join();
  writer.barrier();
  auto records = read_journal_file(journal);
  ASSERT_EQ(records.size(), 200u);
  std::vector<uint32_t> next(4, 0);
  for (const auto& r : records) {
    ASSERT_LT(r.file, 4u);
    EXPECT_EQ(r.seg, next[r.file]++);  // each thread's records in the order it queued them
    EXPECT_EQ(r.offset, r.seg * 100u);
  }
}

TEST(WriterJournal, AJobWhoseFolderWentGetsNoJournalBack) {
  nzbd::test::TempDir dir;
  fs::create_directories(dir.path() / "job");
  auto journal = (dir.path() / "job" / "journal.bin").string();
  ArticleWriter writer(1u << 20, [](const WriteRequest&, const Status&) {});
  writer.append_journal(3, journal, JournalRecord{0, 1, 0, 10, 0, 0});
  writer.close_job(3);
  writer.barrier();
  ASSERT_EQ(read_journal_file(journal).size(), 1u);
  fs::remove_all(dir.path() / "job");
  writer.append_journal(3, journal, JournalRecord{0, 2, 0, 10, 0, 0});
  writer.barrier();
  EXPECT_FALSE(fs::exists(dir.path() / "job"));
}

}  // namespace
}  // namespace nzbd::queue
