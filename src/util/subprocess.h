// Running a child process without a shell (unpackers, user scripts, the
// notification script): argv as given, stdin from /dev/null so nothing can
// wait for a prompt, stdout and stderr into one pipe handed to the caller as
// it arrives, a time limit and a cancel check, and TERM-then-KILL to end it.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nzbd {

struct SubprocessOptions {
  std::vector<std::string> argv;                // argv[0]: the program's path (no PATH search)
  std::optional<std::vector<std::string>> env;  // "NAME=value" items; unset: the daemon's own
  std::filesystem::path cwd;                    // empty: the daemon's
  // A process group of its own: the group is signalled, and once the child
  // has exited, whatever it left behind still holding the output pipe is
  // ended after a short wait (without one, reading simply stops then).
  bool own_group = false;
  std::chrono::milliseconds timeout{0};         // zero or less: no limit
  std::function<bool()> cancelled;              // asked while it runs; true ends it
  std::function<void(std::string_view)> on_output;  // stdout+stderr, in pieces
};

struct SubprocessResult {
  int exit_code = -1;  // the exit status; -1 when a signal ended it
  int signal = 0;      // the signal that ended it, 0 when it exited
  bool timed_out = false;
  bool cancelled = false;  // ended because cancelled() said so
};

// The child starts with an empty signal mask and default signal handling,
// whatever the daemon's threads set up. On timeout or cancel it gets SIGTERM,
// and SIGKILL 3 s later. Errors (no pipe, spawn failed, exit status lost) are
// values; a child that ran and failed is a result with exit_code != 0.
// Needs SIGCHLD not set to SIG_IGN (the exit status is collected here).
Result<SubprocessResult> run_subprocess(const SubprocessOptions& options);

// A regular file this process may execute.
bool is_executable_file(const std::filesystem::path& path);

// The first executable regular file called `name` in $PATH (a default PATH
// when it is unset).
std::optional<std::filesystem::path> find_on_path(std::string_view name);

}  // namespace nzbd
