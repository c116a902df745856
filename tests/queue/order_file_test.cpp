// The queue order on disk: snapshot + journal of adds, replayed at load.
#include "queue/order_file.h"

#include <gtest/gtest.h>

#include <random>

#include "support/temp_dir.h"
#include "util/files.h"

namespace nzbd::queue {
namespace {
namespace fs = std::filesystem;
using nzbd::test::TempDir;

TEST(OrderFile, JournalReplayEqualsTheOrderItRecorded) {
  TempDir dir;
  std::vector<std::string> order = {"a", "b", "c"};
  {
    OrderFile f(dir.path());
    ASSERT_TRUE(f.save(order).ok());
    std::mt19937 rng(7);
    for (int i = 0; i < 300; ++i) {
      size_t at = rng() % (order.size() + 1);
      std::string id = "SABnzbd_nzo_" + std::to_string(i);
      ASSERT_TRUE(f.append_add(id, at).ok());
      order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), id);
    }
    EXPECT_EQ(f.journal_records(), 300u);
  }
  OrderFile again(dir.path());
  EXPECT_EQ(again.load(), order);
  EXPECT_EQ(again.journal_records(), 300u);
}

TEST(OrderFile, ASnapshotStartsAnEmptyJournal) {
  TempDir dir;
  OrderFile f(dir.path());
  ASSERT_TRUE(f.save({"a"}).ok());
  ASSERT_TRUE(f.append_add("b", 1).ok());
  ASSERT_TRUE(f.save({"b"}).ok());  // "a" went (deleted, finished)
  ASSERT_TRUE(f.append_add("c", 0).ok());
  OrderFile again(dir.path());
  EXPECT_EQ(again.load(), (std::vector<std::string>{"c", "b"}));
  EXPECT_EQ(again.journal_records(), 1u);
}

TEST(OrderFile, ATornLastRecordIsIgnored) {
  TempDir dir;
  {
    OrderFile f(dir.path());
    ASSERT_TRUE(f.save({"a"}).ok());
    ASSERT_TRUE(f.append_add("b", 1).ok());
    ASSERT_TRUE(f.append_add("c", 2).ok());
  }
  auto journal = dir.path() / "order.journal";
  std::string whole = *read_file(journal);
  // Cut inside the last record, as a crash mid-append would.
  const size_t last_record = whole.size() - whole.rfind('\n', whole.size() - 2) - 1;
  ASSERT_EQ(last_record, std::string("+2 c 01234567\n").size());
  for (size_t cut = 1; cut <= last_record; ++cut) {
    nzbd::test::write_text(journal, whole.substr(0, whole.size() - cut));
    OrderFile again(dir.path());
    EXPECT_EQ(again.load(), (std::vector<std::string>{"a", "b"})) << "cut " << cut;
  }
  // Zeros where a power cut lost the page, and a record with a wrong checksum.
  nzbd::test::write_text(journal, whole + std::string(64, '\0'));
  EXPECT_EQ(OrderFile(dir.path()).load(), (std::vector<std::string>{"a", "b", "c"}));
  std::string bad = whole;
  bad[bad.size() - 2] = bad[bad.size() - 2] == '0' ? '1' : '0';  // checksum of "c"
  nzbd::test::write_text(journal, bad + "+0 d 00000000\n");
  EXPECT_EQ(OrderFile(dir.path()).load(), (std::vector<std::string>{"a", "b"}));
}

TEST(OrderFile, AJournalOfAnotherGenerationIsNotReplayed) {
  TempDir dir;
  OrderFile f(dir.path());
  ASSERT_TRUE(f.save({"a"}).ok());
  ASSERT_TRUE(f.append_add("b", 1).ok());
  std::string old_journal = *read_file(dir.path() / "order.journal");
  ASSERT_TRUE(f.save({"a"}).ok());  // "b" was deleted
  // A crash after the new snapshot, before its journal replaced the old one.
  nzbd::test::write_text(dir.path() / "order.journal", old_journal);
  EXPECT_EQ(OrderFile(dir.path()).load(), (std::vector<std::string>{"a"}));
}

TEST(OrderFile, ReadsTheOrderOfBeforeTheJournalAndNeedsASaveBeforeAppending) {
  TempDir dir;
  nzbd::test::write_text(dir.path() / "order.json", R"(["x","y"])");
  OrderFile f(dir.path());
  EXPECT_EQ(f.load(), (std::vector<std::string>{"x", "y"}));
  EXPECT_FALSE(f.append_add("z", 2).ok());  // the caller writes a snapshot instead
  ASSERT_TRUE(f.save({"x", "y", "z"}).ok());
  ASSERT_TRUE(f.append_add("w", 0).ok());
  EXPECT_EQ(OrderFile(dir.path()).load(), (std::vector<std::string>{"w", "x", "y", "z"}));
}

TEST(OrderFile, AReplayedIdAlreadyInTheSnapshotIsNotDoubled) {
  TempDir dir;
  OrderFile f(dir.path());
  ASSERT_TRUE(f.save({"a", "b"}).ok());
  ASSERT_TRUE(f.append_add("b", 0).ok());
  EXPECT_EQ(OrderFile(dir.path()).load(), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace nzbd::queue
