#include "sql/sql.h"

namespace nzbd::sql {

ErrorKind kind_of(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorKind::Busy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return ErrorKind::Corrupt;
    case SQLITE_CONSTRAINT: return ErrorKind::Conflict;
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG: return ErrorKind::Invalid;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return ErrorKind::Io;
    default: return ErrorKind::Internal;
  }
}

void ensure(const Status& st) {
  if (!st) throw Failure(st.error());
}

Result<Db> Db::open(const std::filesystem::path& path, const Options& options) {
  sqlite3* raw = nullptr;
  int flags = (options.shared ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX) |
              (options.access == Access::ReadOnly ? SQLITE_OPEN_READONLY
                                                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db;
  db.db_.reset(raw);  // closes even when open failed half-way
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return make_error("Cannot open the database " + path.string() + ": " + why, kind_of(rc));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  auto pragma = [&](const char* sql) -> Status {
    if (auto st = db.exec(sql); !st) return with_context("Database " + path.string() + ": ", st.error());
    return ok_status();
  };
  // journal_mode answers with a row; exec ignores it. WAL keeps committed rows across kill -9.
  if (options.wal) {
    if (auto st = pragma("PRAGMA journal_mode=WAL"); !st) return st.error();
    if (auto st = pragma("PRAGMA synchronous=NORMAL"); !st) return st.error();
  }
  if (options.foreign_keys)
    if (auto st = pragma("PRAGMA foreign_keys=ON"); !st) return st.error();
  return db;
}

Status Db::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return ok_status();
  std::string why = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return make_error(why, kind_of(sqlite3_extended_errcode(db_.get())));
}

Error Db::last_error(std::string_view context) const {
  if (!db_) return make_error(std::string(context) + "out of memory");
  return make_error(std::string(context) + sqlite3_errmsg(db_.get()), kind_of(sqlite3_extended_errcode(db_.get())));
}

Result<int> Db::user_version() {
  Stmt st(*this, "PRAGMA user_version");
  auto row = st.next();
  if (!row) return with_context("cannot read the schema version: ", row.error());
  return *row ? st.i32(0) : 0;
}

Status Db::set_user_version(int version) { return exec("PRAGMA user_version=" + std::to_string(version)); }

Stmt::Stmt(Db& db, std::string_view sql) : db_(&db) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) prepared_ = db.last_error("cannot prepare " + std::string(sql.substr(0, 80)) + ": ");
  else if (!raw) prepared_ = make_error("empty statement: " + std::string(sql));
}

Stmt& Stmt::bind(int index, int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}

Stmt& Stmt::bind(int index, double value) {
  if (stmt_) sqlite3_bind_double(stmt_.get(), index, value);
  return *this;
}

Stmt& Stmt::bind(int index, std::string_view text) {
  if (stmt_) sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  if (stmt_) sqlite3_bind_null(stmt_.get(), index);
  return *this;
}

Result<bool> Stmt::next() {
  if (!prepared_) return prepared_.error();
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->last_error();
}

Status Stmt::execute() {
  for (;;) {
    auto row = next();
    if (!row) return row.error();
    if (!*row) return ok_status();
  }
}

bool Stmt::step() {
  auto row = next();
  if (!row) throw Failure(row.error());
  return *row;
}

void Stmt::run() { ensure(execute()); }

void Stmt::reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

std::optional<int> Stmt::opt_int(int col) const {
  if (is_null(col)) return std::nullopt;
  return i32(col);
}

std::optional<std::string> Stmt::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

Transaction::Transaction(Db& db) : db_(db), begun_(db.exec("BEGIN IMMEDIATE")) {}

Transaction::~Transaction() {
  // After some failures SQLite has already rolled back; a second ROLLBACK only errs.
  if (begun_ && !done_ && !sqlite3_get_autocommit(db_.handle())) (void)db_.exec("ROLLBACK");
}

Status Transaction::commit() {
  if (!begun_) return with_context("transaction not started: ", begun_.error());
  done_ = true;
  if (auto st = db_.exec("COMMIT"); !st) {
    // A COMMIT that fails with BUSY leaves the transaction open: end it here.
    if (!sqlite3_get_autocommit(db_.handle())) (void)db_.exec("ROLLBACK");
    return st;
  }
  return ok_status();
}

}  // namespace nzbd::sql
