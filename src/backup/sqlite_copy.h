// The two SQLite operations backup and restore need, over history's SQLite wrapper.
#pragma once

#include <filesystem>

#include "util/result.h"

namespace nzbd::backup {

// Copies the database at `from` into a new file `to` with SQLite's online
// backup: a consistent state even while another connection writes to it.
Status copy_database(const std::filesystem::path& from, const std::filesystem::path& to);

// Opens `path` read-only and runs PRAGMA integrity_check; the error says what
// SQLite found.
Status check_database(const std::filesystem::path& path);

}  // namespace nzbd::backup
