// The history database's schema: versioned with PRAGMA user_version, each
// version reached by one migration step inside a transaction.
#pragma once

#include "sql/sql.h"

namespace nzbd::history {

inline constexpr int kSchemaVersion = 1;

// Sets WAL and synchronous=NORMAL, then migrates to kSchemaVersion. A
// database from a newer nzbd is refused, not touched.
Status prepare_database(sql::Db& db);

}  // namespace nzbd::history
