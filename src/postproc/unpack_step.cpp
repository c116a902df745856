#include "postproc/unpack_step.h"

#include "unpack/unpack.h"

namespace nzbd::postproc {

void unpack_and_clean(JobContext& ctx) {
  const auto& job = ctx.job.job;
  if (job.pp < 2) return;
  auto sets = unpack::find_archive_sets(ctx.work_dir);
  unpack::UnpackOptions opts;
  if (!job.password.empty()) opts.passwords.push_back(job.password);
  opts.dest = ctx.work_dir;
  opts.recursive = ctx.config.misc_int("enable_recursive") != 0;
  nzbd::Result<unpack::UnpackResult> result = unpack::UnpackResult{};
  if (!sets.empty()) {
    result = unpack::unpack_all(ctx.work_dir, opts);
    if (!result) {
      ctx.fail = result.message();
      add_stage(ctx.entry, "Unpack", result.message());
      return;
    }
    for (const auto& line : result->log) add_stage(ctx.entry, "Unpack", line);
  }
  unpack::CleanupOptions clean;
  clean.pp = job.pp;
  clean.cleanup_list = ctx.config.misc_list("cleanup_list");
  clean.job_failed = !ctx.fail.empty();
  auto report = unpack::cleanup_after_success(ctx.work_dir, ctx.work_dir, result, clean);
  for (const auto& e : report.errors) add_stage(ctx.entry, "Unpack", "Cleanup: " + e);
}

}  // namespace nzbd::postproc
