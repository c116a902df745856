#include "history/sqlite.h"

namespace nzbd::history::sql {

Result<Db> Db::open(const std::filesystem::path& path, Access access) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (access == Access::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db;
  db.db_.reset(raw);  // closes even when open failed half-way
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return make_error("Cannot open the database " + path.string() + ": " + why);
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Status Db::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return ok_status();
  std::string why = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return make_error(why);
}

Stmt::Stmt(Db& db, std::string_view sql) : db_(db.get()) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) error_ = sqlite3_errmsg(db_);
}

Stmt& Stmt::bind(int index, std::string_view text) {
  if (stmt_)
    sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind(int index, int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}

bool Stmt::step() {
  if (!stmt_) return false;
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return false;
}

bool Stmt::run() {
  if (!stmt_) return false;
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  error_ = sqlite3_errmsg(db_);
  return false;
}

void Stmt::reset() {
  if (stmt_) sqlite3_reset(stmt_.get());
}

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

int64_t Stmt::integer(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

Transaction::Transaction(Db& db) : db_(db) { started_ = db_.exec("BEGIN IMMEDIATE").ok(); }

Transaction::~Transaction() {
  if (started_ && !done_) (void)db_.exec("ROLLBACK");
}

Status Transaction::commit() {
  if (!started_) return make_error("transaction not started: " + db_.last_error());
  done_ = true;
  return db_.exec("COMMIT");
}

}  // namespace nzbd::history::sql
