// The TV library's view of the shared SQLite wrapper (sql/sql.h). Query code
// inside pvr uses the throwing calls (Stmt::step/run, Transaction) and
// catches DbError at its public borders (Library and the stores beside it),
// where it becomes a Result with the database's ErrorKind.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

#include "sql/sql.h"
#include "util/result.h"

namespace nzbd::pvr {

using Db = sql::Db;
using Stmt = sql::Stmt;
using DbError = sql::Failure;

// Opens the library file: WAL, foreign keys, one connection shared by threads.
Result<std::unique_ptr<Db>> open_db(const std::filesystem::path& file);

// Runs statements without results; throws DbError.
inline void exec(Db& db, std::string_view statements) { sql::ensure(db.exec(statements)); }

// BEGIN IMMEDIATE, throwing DbError when it fails (a writer elsewhere past
// the busy timeout); ROLLBACK in the destructor unless commit().
class Transaction {
 public:
  explicit Transaction(Db& db) : tx_(db) { sql::ensure(tx_.begun()); }
  void commit() { sql::ensure(tx_.commit()); }

 private:
  sql::Transaction tx_;
};

// The value of r, or DbError: for pvr code that calls the Library from inside
// its own try (its border turns the error back into a Result).
template <typename T>
T must(Result<T> r) {
  if (!r) throw DbError(r.error());
  return std::move(r).value();
}
inline void must(const Status& st) { sql::ensure(st); }
// The same for a lookup: nullopt when the Library answers NotFound.
template <typename T>
std::optional<T> found(Result<T> r) {
  if (r) return std::move(r).value();
  if (r.is(ErrorKind::NotFound)) return std::nullopt;
  throw DbError(r.error());
}

namespace detail {
template <typename T>
struct AsResult {
  using type = Result<T>;
};
template <typename T>
struct AsResult<Result<T>> {
  using type = Result<T>;
};
}  // namespace detail

// A border: runs f(), whose DbError becomes an Error (its kind kept, context
// in front). f returns a value or a Result.
template <typename F>
auto guarded(std::string_view context, F&& f) -> typename detail::AsResult<std::invoke_result_t<F&>>::type {
  try {
    return f();
  } catch (const DbError& e) {
    return with_context(context, e.error);
  }
}

}  // namespace nzbd::pvr
