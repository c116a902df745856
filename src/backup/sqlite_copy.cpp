#include "backup/sqlite_copy.h"

#include <string>

#include "history/sqlite.h"

namespace nzbd::backup {
using history::sql::Db;

Status copy_database(const std::filesystem::path& from, const std::filesystem::path& to) {
  auto src = Db::open(from, Db::Access::ReadOnly);
  if (!src) return src.error();
  auto dst = Db::open(to);
  if (!dst) return dst.error();
  sqlite3_busy_timeout(src->get(), 5000);
  sqlite3_backup* b = sqlite3_backup_init(dst->get(), "main", src->get(), "main");
  if (!b) return make_error("cannot copy " + from.filename().string() + ": " + dst->last_error());
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return make_error("cannot copy " + from.filename().string() + ": " + sqlite3_errstr(rc));
  // A copy in WAL mode would need its -wal file; the backup is one file.
  if (auto st = dst->exec("PRAGMA journal_mode=DELETE"); !st)
    return make_error("cannot copy " + from.filename().string() + ": " + st.message());
  return ok_status();
}

Status check_database(const std::filesystem::path& path) {
  auto db = Db::open(path, Db::Access::ReadOnly);
  if (!db) return db.error();
  history::sql::Stmt check(*db, "PRAGMA integrity_check");
  if (!check.valid() || !check.step())
    return make_error(path.filename().string() + " is not an SQLite database: " + db->last_error());
  std::string verdict = check.text(0);
  if (verdict != "ok") return make_error(path.filename().string() + " is damaged: " + verdict);
  return ok_status();
}

}  // namespace nzbd::backup
