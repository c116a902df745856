#include "postproc/script_step.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "postproc/script.h"
#include "unpack/unpack.h"

namespace nzbd::postproc {

namespace {
// SABnzbd's argument 7: 1 verification failed, 2 unpack failed, -1 other failure.
int pp_status_of(const std::string& fail) {
  if (fail.empty()) return 0;
  if (fail.rfind("Repair failed", 0) == 0 || fail.rfind("Verification failed", 0) == 0) return 1;
  if (fail.rfind("Unpacking failed", 0) == 0) return 2;
  return -1;
}
}  // namespace

Status run_script_step(JobContext& ctx) {
  const auto& job = ctx.job.job;
  if (job.script.empty() || job.script == "None" || job.script == "Default") return ok_status();
  ScriptJob sj;
  sj.script_name = job.script;
  sj.script_dir = ctx.config.resolve_dir("script_dir");
  sj.final_dir = ctx.work_dir;
  sj.nzb_name = ctx.entry.nzb_name;
  sj.job_name = job.name;
  sj.category = job.category;
  sj.nzo_id = job.nzo_id;
  sj.password = job.password;
  sj.fail_message = ctx.fail;
  sj.status = ctx.fail.empty() ? "Completed" : "Failed";
  sj.url = job.url;
  sj.pp_status = pp_status_of(ctx.fail);
  sj.pp = job.pp;
  sj.priority = job.priority;
  sj.bytes = static_cast<int64_t>(job.bytes_total());
  sj.bytes_downloaded = static_cast<int64_t>(ctx.job.downloaded_bytes);
  sj.avg_bps = ctx.job.download_seconds > 0 ? sj.bytes_downloaded / ctx.job.download_seconds : 0;
  auto timeout = std::chrono::seconds(std::max<int64_t>(1, ctx.config.misc_int("script_timeout")));
  auto r = run_user_script(sj, timeout);
  if (!r) {
    add_stage(ctx.entry, "Script", r.message());
    spdlog::warn("{}: script {}: {}", job.name, job.script, r.message());
    return ok_status();  // a script that cannot start does not fail the job
  }
  ctx.entry.script_log = r->output;
  ctx.entry.script_line = r->last_line;
  add_stage(ctx.entry, "Script", r->last_line.empty() ? "Ran " + job.script : r->last_line);
  std::string failure = script_failure_message(*r, timeout);
  if (!failure.empty() && ctx.config.misc_int("script_can_fail") != 0) return make_error(failure);
  return ok_status();
}

}  // namespace nzbd::postproc
