// SABnzbd's end-of-queue action (mode=queue&name=change_complete_action):
// what runs once the queue has been emptied by downloading and the last job
// is post-processed.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace nzbd::daemon {

// Carries out `action`: "shutdown_program" calls `shutdown`; "script_<name>"
// runs <name> from `script_dir` (the post-processing script runner, with
// `timeout_s` as its limit) and logs its output; "hibernate_pc", "standby_pc"
// and "shutdown_pc" are logged as not supported (nzbd does not manage the
// computer's power). Runs on the caller's thread.
void run_queue_complete_action(const std::string& action, const std::filesystem::path& script_dir,
                               int64_t timeout_s, const std::function<void()>& shutdown);

}  // namespace nzbd::daemon
