// Running an external unpacker (unrar, 7zz): argv vector, no shell, stdin
// from /dev/null (so nothing can wait for a password prompt), output captured
// for the log only. Results are judged by exit code alone.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nzbd::unpack {

struct ProcessResult {
  int exit_code = -1;     // -1 when ended by a signal
  bool cancelled = false; // we ended it because cancelled() said so
  std::string output;     // stdout+stderr, capped
};

nzbd::Result<ProcessResult> run_process(const std::filesystem::path& program,
                                        const std::vector<std::string>& args,
                                        const std::function<bool()>& cancelled);

// First executable called `name` in $PATH.
std::optional<std::filesystem::path> find_on_path(std::string_view name);

}  // namespace nzbd::unpack
