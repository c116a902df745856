// Schema creation/migration and crash safety of the history database.
#include <gtest/gtest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include "history/helpers.h"
#include "support/temp_dir.h"

namespace nzbd::history {
namespace {

using test::make_entry;
using test::raw_sql;

TEST(HistoryDurability, OpensAnEmptyFileAndCreatesTheSchemaInWalMode) {
  nzbd::test::TempDir dir;
  auto path = dir / "history.db";
  nzbd::test::write_text(path, "");
  auto h = History::open(path);
  ASSERT_TRUE(h.ok()) << h.message();
  ASSERT_TRUE((*h)->put(make_entry("a", "A", "Completed", 1)).ok());
  EXPECT_EQ(raw_sql(path, "PRAGMA user_version"), "1");
  EXPECT_EQ(raw_sql(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw_sql(path, "SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND name IN "
                          "('history_completed','history_status')"),
            "2");
  // Opening again does not migrate twice.
  h->reset();
  auto again = History::open(path);
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_TRUE((*again)->get("a").ok());
}

TEST(HistoryDurability, RefusesADatabaseFromANewerVersionWithoutTouchingIt) {
  nzbd::test::TempDir dir;
  auto path = dir / "history.db";
  raw_sql(path, "PRAGMA user_version=99");
  auto h = History::open(path);
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.message().find("99"), std::string::npos) << h.message();
  EXPECT_EQ(raw_sql(path, "SELECT COUNT(*) FROM sqlite_master"), "0");
}

TEST(HistoryDurability, AFileThatIsNotADatabaseIsAnError) {
  nzbd::test::TempDir dir;
  auto path = dir / "history.db";
  nzbd::test::write_text(path, std::string(8192, 'x'));
  auto h = History::open(path);
  EXPECT_FALSE(h.ok());
  EXPECT_FALSE(History::open(dir / "missing-dir" / "history.db").ok());
}

TEST(HistoryDurability, DamagedStageLogTextReadsAsEmpty) {
  nzbd::test::TempDir dir;
  auto path = dir / "history.db";
  {
    auto h = History::open(path);
    ASSERT_TRUE(h.ok());
    auto e = make_entry("a", "A", "Completed", 1);
    e.stage_log = {{"Unpack", {"ok"}}};
    ASSERT_TRUE((*h)->put(e).ok());
  }
  raw_sql(path, "UPDATE history SET stage_log = '{not json' WHERE nzo_id = 'a'");
  auto h = History::open(path);
  ASSERT_TRUE(h.ok());
  auto got = (*h)->get("a");
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->stage_log.empty());
}

// A child writes rows, tells the parent after each commit, and is killed
// with SIGKILL mid-stream. Every row reported as committed must be there.
TEST(HistoryDurability, CommittedRowsSurviveKill9) {
  nzbd::test::TempDir dir;
  auto path = dir / "history.db";
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto h = History::open(path);
    if (!h) _exit(2);
    for (int i = 0;; ++i) {
      auto e = make_entry("job" + std::to_string(i), "Job " + std::to_string(i), "Completed", i);
      e.stage_log = {{"Download", {std::string(2000, 'x')}}};
      if (!(*h)->put(e).ok()) _exit(3);
      (void)(*h)->add_server_bytes("news", 100, 1, 1);
      char byte = 1;
      if (write(fds[1], &byte, 1) != 1) _exit(4);
    }
  }
  close(fds[1]);
  int committed = 0;
  char byte;
  while (committed < 40 && read(fds[0], &byte, 1) == 1) ++committed;
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  // Rows the child finished after our last read also count; drain the pipe.
  while (read(fds[0], &byte, 1) == 1) ++committed;
  close(fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
  ASSERT_GE(committed, 40);

  auto h = History::open(path);
  ASSERT_TRUE(h.ok()) << h.message();
  for (int i = 0; i < committed; ++i) EXPECT_TRUE((*h)->get("job" + std::to_string(i)).ok()) << i;
  EXPECT_GE((*h)->query({})->total, committed);
  EXPECT_GE((*h)->server_stats().value().at(0).second.totals.total, int64_t{100} * (committed - 1));
  h->reset();
  EXPECT_EQ(raw_sql(path, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace nzbd::history
