// Logging to <home>/logs/nzbd.log (rotated by size) and stderr. Warnings and
// errors from any module also land in SABnzbd's `warnings` list. Every line
// is redacted first: the secrets set here, and any apikey=/password= value.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "util/warnings.h"

namespace nzbd::daemon {

void setup_logging(const std::filesystem::path& log_dir, WarningLog& warnings, size_t max_bytes,
                   size_t backups);
// The keys and passwords of the current config (call again when it changes).
void set_log_secrets(std::vector<std::string> secrets);

}  // namespace nzbd::daemon
