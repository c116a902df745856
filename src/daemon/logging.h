// Logging to <home>/logs/nzbd.log (rotated by size) and stderr. Warnings and
// errors from any module also land in SABnzbd's `warnings` list.
#pragma once

#include <filesystem>

#include "util/warnings.h"

namespace nzbd::daemon {

void setup_logging(const std::filesystem::path& log_dir, WarningLog& warnings, size_t max_bytes,
                   size_t backups);

}  // namespace nzbd::daemon
