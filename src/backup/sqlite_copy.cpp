#include "backup/sqlite_copy.h"

#include <sqlite3.h>

#include <memory>
#include <string>

namespace nzbd::backup {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

Result<DbHandle> open(const std::filesystem::path& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOFOLLOW, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK)
    return make_error(path.filename().string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

}  // namespace

Status copy_database(const std::filesystem::path& from, const std::filesystem::path& to) {
  auto src = open(from, SQLITE_OPEN_READONLY);
  if (!src) return src.error();
  auto dst = open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst) return dst.error();
  sqlite3_backup* b = sqlite3_backup_init(dst->get(), "main", src->get(), "main");
  if (!b) return make_error("cannot copy " + from.filename().string() + ": " + sqlite3_errmsg(dst->get()));
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    return make_error("cannot copy " + from.filename().string() + ": " + sqlite3_errstr(rc));
  // A copy in WAL mode would need its -wal file; the backup is one file.
  if (sqlite3_exec(dst->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return make_error("cannot copy " + from.filename().string() + ": " + sqlite3_errmsg(dst->get()));
  return ok_status();
}

Status check_database(const std::filesystem::path& path) {
  auto db = open(path, SQLITE_OPEN_READONLY);
  if (!db) return db.error();
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db->get(), "PRAGMA integrity_check", -1, &raw, nullptr) != SQLITE_OK)
    return make_error(path.filename().string() + " is not an SQLite database: " + sqlite3_errmsg(db->get()));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (sqlite3_step(stmt.get()) != SQLITE_ROW)
    return make_error(path.filename().string() + " is not an SQLite database: " + sqlite3_errmsg(db->get()));
  const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
  std::string verdict = text ? reinterpret_cast<const char*>(text) : "";
  if (verdict != "ok") return make_error(path.filename().string() + " is damaged: " + verdict);
  return ok_status();
}

}  // namespace nzbd::backup
