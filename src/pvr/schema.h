// Versioned schema migrations (PRAGMA user_version). Internal to pvr.
#pragma once

#include "pvr/db.h"

namespace nzbd::pvr {
// Applies every migration above the file's user_version, each in its own
// transaction together with the version bump. Throws DbError on failure.
void migrate(Db& db);
}  // namespace nzbd::pvr
