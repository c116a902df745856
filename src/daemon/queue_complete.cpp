#include "daemon/queue_complete.h"

#include <spdlog/spdlog.h>

#include "postproc/script.h"

namespace nzbd::daemon {

namespace {

void run_script(const std::string& name, const std::filesystem::path& script_dir, int64_t timeout_s) {
  postproc::ScriptJob job;
  job.script_name = name;
  job.script_dir = script_dir;
  job.final_dir = script_dir;  // no job folder: the script runs in its own folder
  job.job_name = "";
  auto timeout = std::chrono::seconds(std::max<int64_t>(1, timeout_s));
  auto r = postproc::run_user_script(job, timeout);
  if (!r) {
    spdlog::warn("Queue finished, but the script {} could not run: {}", name, r.message());
    return;
  }
  spdlog::info("Output of queue-complete script {}:\n{}", name, r->output);
  if (auto failure = postproc::script_failure_message(*r, timeout); !failure.empty())
    spdlog::warn("Queue-complete script {}: {}", name, failure);
}

}  // namespace

void run_queue_complete_action(const std::string& action, const std::filesystem::path& script_dir,
                               int64_t timeout_s, const std::function<void()>& shutdown) {
  spdlog::info("Queue has finished, launching: {}", action);
  if (action == "shutdown_program") {
    if (shutdown) shutdown();
  } else if (action.rfind("script_", 0) == 0) {
    run_script(action.substr(7), script_dir, timeout_s);
  } else if (action == "hibernate_pc" || action == "standby_pc" || action == "shutdown_pc") {
    spdlog::warn("Queue finished: {} is not supported by nzbd (it does not manage the computer's power); "
                 "nothing was done",
                 action);
  } else {
    spdlog::warn("Queue finished: unknown end-of-queue action '{}'; nothing was done", action);
  }
}

}  // namespace nzbd::daemon
