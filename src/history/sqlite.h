// Minimal RAII wrappers over SQLite's C API for the history store: one
// connection, prepared statements with typed binds and reads, and a
// transaction guard that rolls back unless committed.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nzbd::history::sql {

class Db {
 public:
  enum class Access { ReadWrite, ReadOnly };  // ReadWrite creates the file when missing
  static Result<Db> open(const std::filesystem::path& path, Access access = Access::ReadWrite);
  sqlite3* get() const { return db_.get(); }
  // Runs one or more statements without results.
  Status exec(const char* sql);
  std::string last_error() const { return sqlite3_errmsg(db_.get()); }
  // Rows the last INSERT/UPDATE/DELETE changed.
  int64_t changes() const { return sqlite3_changes64(db_.get()); }

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> db_;
};

class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  bool valid() const { return stmt_ != nullptr; }
  const std::string& error() const { return error_; }

  // Binds are 1-based, like SQLite's.
  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, int64_t value);
  // True while a row is available; false at the end or on error (see error()).
  bool step();
  // Runs a statement that returns no rows; false with error() set on failure.
  bool run();
  void reset();

  std::string text(int col) const;
  int64_t integer(int col) const;

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  std::string error_;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit().
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  bool started() const { return started_; }
  Status commit();

 private:
  Db& db_;
  bool started_ = false;
  bool done_ = false;
};

}  // namespace nzbd::history::sql
