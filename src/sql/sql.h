// The one SQLite wrapper: a connection, prepared statements with typed binds
// and reads, and a transaction that rolls back unless committed. Failures are
// Errors whose kind says what happened (SQLITE_BUSY -> Busy, CORRUPT/NOTADB ->
// Corrupt, CONSTRAINT -> Conflict, I/O and full disk -> Io), so an API can
// answer "try again" or "your database is damaged" instead of a bare 500.
//
// Two calling conventions on one Stmt: next()/execute() return Results (the
// history, backups); step()/run() throw sql::Failure, for the TV library's deep
// query code, which catches at its public border (pvr::Library).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nzbd::sql {

// The kind of an SQLite result code (primary or extended).
ErrorKind kind_of(int rc);

// A failure thrown by the throwing calls; carries the same Error.
struct Failure : std::runtime_error {
  explicit Failure(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
  Error error;
};
// Throws Failure when st failed: for code that uses the throwing convention.
void ensure(const Status& st);

struct Options {
  enum class Access { ReadWrite, ReadOnly };  // ReadWrite creates the file when missing
  Access access = Access::ReadWrite;
  int busy_timeout_ms = 5000;  // how long a statement waits for another connection's lock
  bool shared = false;         // one connection used by several threads (SQLITE_OPEN_FULLMUTEX)
  bool wal = false;            // journal_mode=WAL, synchronous=NORMAL
  bool foreign_keys = false;
};

class Db {
 public:
  using Access = Options::Access;
  static Result<Db> open(const std::filesystem::path& path, const Options& options = {});
  static Result<Db> open(const std::filesystem::path& path, Access access) {
    Options o;
    o.access = access;
    return open(path, o);
  }
  sqlite3* handle() const { return db_.get(); }

  // Runs one or more statements without results.
  Status exec(std::string_view sql);
  // The connection's last failure as an Error ("context" + SQLite's message).
  Error last_error(std::string_view context = {}) const;
  int64_t changes() const { return sqlite3_changes64(db_.get()); }
  int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_.get()); }
  Result<int> user_version();
  Status set_user_version(int version);

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> db_;
};

class Stmt {
 public:
  // A statement that failed to prepare reports it from every call.
  Stmt(Db& db, std::string_view sql);
  bool valid() const { return stmt_ != nullptr; }
  const Status& prepared() const { return prepared_; }

  // Binds are 1-based, like SQLite's; they return *this for chaining.
  Stmt& bind(int index, int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Stmt& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value ? 1 : 0)); }
  Stmt& bind(int index, double value);
  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, std::nullopt_t) { return bind_null(index); }
  Stmt& bind_null(int index);
  template <typename T>
  Stmt& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Result convention: true while a row is available, false at the end.
  Result<bool> next();
  // Runs a statement to completion (INSERT/UPDATE/DELETE).
  Status execute();
  // Throwing convention: the same, throwing Failure instead.
  bool step();
  void run();
  // Ready to run again; bindings cleared.
  void reset();

  int64_t i64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
  int i32(int col) const { return static_cast<int>(i64(col)); }
  bool boolean(int col) const { return i64(col) != 0; }
  double real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
  std::string text(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
  std::optional<int> opt_int(int col) const;
  std::optional<std::string> opt_text(int col) const;

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  Db* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  Status prepared_ = ok_status();
};

// BEGIN IMMEDIATE on construction (which waits the busy timeout for a writer
// lock), ROLLBACK on destruction unless commit().
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Whether BEGIN worked; the error (Busy, often) when it did not.
  const Status& begun() const { return begun_; }
  bool started() const { return begun_.ok(); }
  Status commit();

 private:
  Db& db_;
  Status begun_;
  bool done_ = false;
};

}  // namespace nzbd::sql
