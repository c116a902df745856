#include "backup/sqlite_copy.h"

#include <string>

#include "sql/sql.h"

namespace nzbd::backup {
using sql::Db;

Status copy_database(const std::filesystem::path& from, const std::filesystem::path& to) {
  auto src = Db::open(from, Db::Access::ReadOnly);
  if (!src) return src.error();
  auto dst = Db::open(to);
  if (!dst) return dst.error();
  sqlite3_backup* b = sqlite3_backup_init(dst->handle(), "main", src->handle(), "main");
  if (!b) return dst->last_error("cannot copy " + from.filename().string() + ": ");
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return make_error("cannot copy " + from.filename().string() + ": " + sqlite3_errstr(rc), sql::kind_of(rc));
  // A copy in WAL mode would need its -wal file; the backup is one file.
  if (auto st = dst->exec("PRAGMA journal_mode=DELETE"); !st)
    return with_context("cannot copy " + from.filename().string() + ": ", st.error());
  return ok_status();
}

Status check_database(const std::filesystem::path& path) {
  auto db = Db::open(path, Db::Access::ReadOnly);
  if (!db) return db.error();
  sql::Stmt check(*db, "PRAGMA integrity_check");
  auto row = check.next();
  if (!row || !*row)
    return make_error(path.filename().string() + " is not an SQLite database: " + (row ? "no answer" : row.message()),
                      ErrorKind::Corrupt);
  std::string verdict = check.text(0);
  if (verdict != "ok") return make_error(path.filename().string() + " is damaged: " + verdict, ErrorKind::Corrupt);
  return ok_status();
}

}  // namespace nzbd::backup
