// The SQLite wrapper: typed binds, transactions, and failures with kinds.
#include "sql/sql.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace nzbd::sql {
namespace {

Db open_db(const std::filesystem::path& p, int busy_ms = 5000) {
  Options o;
  o.busy_timeout_ms = busy_ms;
  o.wal = true;
  auto db = Db::open(p, o);
  EXPECT_TRUE(db) << db.message();
  return std::move(*db);
}

TEST(Sql, TypedBindsRoundTrip) {
  test::TempDir dir;
  Db db = open_db(dir / "t.db");
  ASSERT_TRUE(db.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT)"));
  Stmt ins(db, "INSERT INTO t VALUES (?, ?, ?, ?)");
  ins.bind(1, 42).bind(2, 2.5).bind(3, std::string("a\0b", 3)).bind(4, std::optional<std::string>{});
  ASSERT_TRUE(ins.execute());
  EXPECT_EQ(db.changes(), 1);
  Stmt sel(db, "SELECT i, r, s, n FROM t");
  auto row = sel.next();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(sel.i64(0), 42);
  EXPECT_DOUBLE_EQ(sel.real(1), 2.5);
  EXPECT_EQ(sel.text(2), std::string("a\0b", 3));
  EXPECT_TRUE(sel.is_null(3));
  EXPECT_EQ(sel.opt_text(3), std::nullopt);
  auto end = sel.next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(*end);
}

TEST(Sql, TransactionRollsBackUnlessCommitted) {
  test::TempDir dir;
  Db db = open_db(dir / "t.db");
  ASSERT_TRUE(db.exec("CREATE TABLE t (i INTEGER)"));
  {
    Transaction tx(db);
    ASSERT_TRUE(tx.started());
    ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)"));
  }
  {
    Transaction tx(db);
    ASSERT_TRUE(db.exec("INSERT INTO t VALUES (2)"));
    ASSERT_TRUE(tx.commit());
  }
  Stmt sel(db, "SELECT group_concat(i) FROM t");
  ASSERT_TRUE(sel.step());
  EXPECT_EQ(sel.text(0), "2");
}

TEST(Sql, AWriterLockHeldElsewhereIsBusy) {
  test::TempDir dir;
  Db holder = open_db(dir / "t.db");
  ASSERT_TRUE(holder.exec("CREATE TABLE t (i INTEGER)"));
  Transaction held(holder);
  ASSERT_TRUE(held.started());

  Db other = open_db(dir / "t.db", /*busy_ms=*/0);
  Transaction tx(other);
  ASSERT_FALSE(tx.started());
  EXPECT_EQ(tx.begun().kind(), ErrorKind::Busy) << tx.begun().message();
  auto commit = tx.commit();
  ASSERT_FALSE(commit);
  EXPECT_EQ(commit.kind(), ErrorKind::Busy);
  Stmt ins(other, "INSERT INTO t VALUES (1)");
  auto st = ins.execute();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.kind(), ErrorKind::Busy);
  // The throwing convention carries the same kind.
  Stmt again(other, "INSERT INTO t VALUES (1)");
  try {
    again.run();
    ADD_FAILURE() << "no Failure thrown";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error.kind, ErrorKind::Busy);
  }
}

TEST(Sql, AFileThatIsNotADatabaseIsCorrupt) {
  test::TempDir dir;
  test::write_text(dir / "junk.db", std::string(4096, 'x'));
  Options o;
  auto db = Db::open(dir / "junk.db", o);  // SQLite reads the header lazily
  ASSERT_TRUE(db) << db.message();
  auto version = db->user_version();
  ASSERT_FALSE(version);
  EXPECT_EQ(version.kind(), ErrorKind::Corrupt) << version.message();
  o.wal = true;  // the pragma reads the header at once
  auto wal = Db::open(dir / "junk.db", o);
  ASSERT_FALSE(wal);
  EXPECT_EQ(wal.kind(), ErrorKind::Corrupt) << wal.message();
}

TEST(Sql, ConstraintsConflictAndBadSqlIsInternal) {
  test::TempDir dir;
  Db db = open_db(dir / "t.db");
  ASSERT_TRUE(db.exec("CREATE TABLE t (k TEXT PRIMARY KEY)"));
  ASSERT_TRUE(db.exec("INSERT INTO t VALUES ('a')"));
  auto dup = db.exec("INSERT INTO t VALUES ('a')");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.kind(), ErrorKind::Conflict) << dup.message();
  Stmt bad(db, "SELEC nonsense");
  EXPECT_FALSE(bad.valid());
  auto row = bad.next();
  ASSERT_FALSE(row);
  EXPECT_EQ(row.kind(), ErrorKind::Internal);
  EXPECT_NE(row.message().find("SELEC"), std::string::npos) << row.message();
}

TEST(Sql, AMissingFolderIsAnIoError) {
  test::TempDir dir;
  auto db = Db::open(dir / "no" / "such" / "t.db");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.kind(), ErrorKind::Io) << db.message();
}

}  // namespace
}  // namespace nzbd::sql
