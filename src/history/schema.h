// The history database's schema: versioned with PRAGMA user_version, each
// version reached by one migration step inside a transaction.
#pragma once

#include "history/sqlite.h"

namespace nzbd::history::sql {

inline constexpr int kSchemaVersion = 1;

// Sets WAL, synchronous=NORMAL and busy_timeout, then migrates to
// kSchemaVersion. A database from a newer nzbd is refused, not touched.
Status prepare_database(Db& db);

}  // namespace nzbd::history::sql
