// Versioned schema migrations (PRAGMA user_version). Internal to pvr.
#pragma once

namespace nzbd::pvr {
class Db;
// Applies every migration above the file's user_version, each in its own
// transaction together with the version bump. Throws DbError on failure.
void migrate(Db& db);
}  // namespace nzbd::pvr
