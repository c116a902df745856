// Running an external unpacker (unrar, 7zz) through util's subprocess runner:
// argv vector, no shell, stdin from /dev/null (so nothing can wait for a
// password prompt), output captured for the log only. Results are judged by
// exit code alone.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "util/result.h"
#include "util/subprocess.h"

namespace nzbd::unpack {

struct ProcessResult {
  int exit_code = -1;     // -1 when ended by a signal
  bool cancelled = false; // we ended it because cancelled() said so
  std::string output;     // stdout+stderr, the first 64 KiB
};

nzbd::Result<ProcessResult> run_process(const std::filesystem::path& program,
                                        const std::vector<std::string>& args,
                                        const std::function<bool()>& cancelled);

}  // namespace nzbd::unpack
