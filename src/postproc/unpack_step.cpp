#include "postproc/unpack_step.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "unpack/unpack.h"
#include "util/files.h"

namespace nzbd::postproc {

// SABnzbd's password_file: one password per line, tried in turn after the
// job's own. Read for every job, so edits apply without a restart; a file
// that cannot be read is reported in the job's log, not fatal.
std::vector<std::string> passwords_from_file(const config::Config& cfg) {
  std::vector<std::string> out;
  if (cfg.misc("password_file").empty()) return out;
  auto path = cfg.resolve_dir("password_file");
  auto text = read_file(path);
  if (!text) {
    spdlog::warn("password_file {}: {}", path.string(), text.message());
    return out;
  }
  constexpr size_t kMaxPasswords = 1000;  // each costs an attempt per archive
  size_t start = 0;
  while (start <= text->size() && out.size() < kMaxPasswords) {
    size_t end = text->find('\n', start);
    std::string line = text->substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(std::move(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

Status unpack_and_clean(JobContext& ctx, std::vector<unpack::UnpackOptions::Prepared> prepared) {
  const auto& job = ctx.job.job;
  if (job.pp < 2) return ok_status();
  auto sets = unpack::find_archive_sets(ctx.work_dir);
  unpack::UnpackOptions opts;
  if (!job.password.empty()) opts.passwords.push_back(job.password);
  for (auto& p : passwords_from_file(ctx.config))
    if (std::find(opts.passwords.begin(), opts.passwords.end(), p) == opts.passwords.end())
      opts.passwords.push_back(std::move(p));
  opts.dest = ctx.work_dir;
  opts.cancelled = ctx.cancelled;
  opts.recursive = ctx.config.misc_int("enable_recursive") != 0;
  opts.prepared = std::move(prepared);
  nzbd::Result<unpack::UnpackResult> result = unpack::UnpackResult{};
  if (!sets.empty()) {
    result = unpack::unpack_all(ctx.work_dir, opts);
    if (!result) {
      add_stage(ctx.entry, "Unpack", result.message());
      return result.error();
    }
    for (const auto& line : result->log) add_stage(ctx.entry, "Unpack", line);
  }
  unpack::CleanupOptions clean;
  clean.pp = job.pp;
  clean.cleanup_list = ctx.config.misc_list("cleanup_list");
  clean.job_failed = !ctx.fail.empty();
  auto report = unpack::cleanup_after_success(ctx.work_dir, ctx.work_dir, result, clean);
  for (const auto& e : report.errors) add_stage(ctx.entry, "Unpack", "Cleanup: " + e);
  return ok_status();
}

}  // namespace nzbd::postproc
