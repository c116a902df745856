#include "history/schema.h"

#include <string>

namespace nzbd::history {
namespace {

// Version 1: the history rows, a change counter and per-server daily stats.
constexpr const char* kV1 = R"sql(
CREATE TABLE history (
  nzo_id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  nzb_name TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '*',
  pp TEXT NOT NULL DEFAULT '',
  script TEXT NOT NULL DEFAULT 'None',
  status TEXT NOT NULL DEFAULT '',
  fail_message TEXT NOT NULL DEFAULT '',
  storage TEXT NOT NULL DEFAULT '',
  path TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  report TEXT NOT NULL DEFAULT '',
  url_info TEXT NOT NULL DEFAULT '',
  script_log TEXT NOT NULL DEFAULT '',
  script_line TEXT NOT NULL DEFAULT '',
  password TEXT NOT NULL DEFAULT '',
  duplicate_key TEXT NOT NULL DEFAULT '',
  action_line TEXT NOT NULL DEFAULT '',
  stage_log TEXT NOT NULL DEFAULT '[]',
  bytes INTEGER NOT NULL DEFAULT 0,
  downloaded INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  time_added INTEGER NOT NULL DEFAULT 0,
  download_time INTEGER NOT NULL DEFAULT 0,
  postproc_time INTEGER NOT NULL DEFAULT 0,
  archive INTEGER NOT NULL DEFAULT 0,
  loaded INTEGER NOT NULL DEFAULT 0,
  retry INTEGER NOT NULL DEFAULT 0,
  nzb_path TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_completed ON history(completed);
CREATE INDEX history_status ON history(status);
CREATE TABLE changes (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
INSERT INTO changes (id, seq) VALUES (1, 1);
CREATE TABLE server_stats (
  server TEXT NOT NULL,
  date TEXT NOT NULL,
  bytes INTEGER NOT NULL DEFAULT 0,
  tried INTEGER NOT NULL DEFAULT 0,
  ok INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (server, date)
);
)sql";

// migrations[i] takes the schema from version i to i + 1.
constexpr const char* kMigrations[] = {kV1};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

}  // namespace

Status prepare_database(sql::Db& db) {
  auto version = db.user_version();
  if (!version) return version.error();
  if (*version > kSchemaVersion)
    return make_error("history database has schema version " + std::to_string(*version) +
                      ", newer than this nzbd understands (" + std::to_string(kSchemaVersion) + ")");
  // journal_mode answers with a row; exec ignores it. WAL keeps committed rows across kill -9.
  if (auto st = db.exec("PRAGMA journal_mode=WAL"); !st) return st;
  if (auto st = db.exec("PRAGMA synchronous=NORMAL"); !st) return st;
  for (int v = *version; v < kSchemaVersion; ++v) {
    sql::Transaction tx(db);
    if (!tx.started()) return with_context("cannot start migration: ", tx.begun().error());
    if (auto st = db.exec(kMigrations[v]); !st)
      return with_context("history migration to version " + std::to_string(v + 1) + " failed: ", st.error());
    if (auto st = db.set_user_version(v + 1); !st) return st;
    if (auto st = tx.commit(); !st) return st;
  }
  return ok_status();
}

}  // namespace nzbd::history
