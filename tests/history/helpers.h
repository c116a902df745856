// Entries and raw SQLite access shared by the history tests.
#pragma once

#include <sqlite3.h>

#include <ctime>
#include <filesystem>
#include <string>

#include "history/history.h"

namespace nzbd::history::test {

// `status` in SABnzbd's words ("Completed", "Failed", ...); a misspelt one throws.
inline Entry make_entry(std::string id, std::string name, std::string_view status, int64_t completed,
                        int64_t bytes = 1000) {
  Entry e;
  e.nzo_id = std::move(id);
  e.name = std::move(name);
  e.nzb_name = e.name + ".nzb";
  e.status = parse_job_status(status).value();
  e.completed = completed;
  e.time_added = completed - 100;
  e.bytes = bytes;
  e.downloaded = bytes;
  if (e.status == JobStatus::Failed) e.fail_message = "Unpacking failed";
  return e;
}

inline int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

// Runs one statement with sqlite3 directly; returns the first column of the first row.
inline std::string raw_sql(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open(db_path.c_str(), &db) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    } else {
      out = std::string("ERROR: ") + sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

}  // namespace nzbd::history::test
