#include "postproc/steps.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "postproc/sort_step.h"
#include "sort/sort.h"
#include "util/files.h"
#include "util/strings.h"

namespace nzbd::postproc {
namespace fs = std::filesystem;

std::string pp_letters(int pp) {
  switch (pp) {
    case 1: return "R";
    case 2: return "U";
    case 3: return "D";
    default: return "";
  }
}

void add_stage(history::Entry& e, const std::string& stage, const std::string& action) {
  for (auto& s : e.stage_log)
    if (s.name == stage) {
      s.actions.push_back(action);
      return;
    }
  e.stage_log.push_back(history::StageLog{stage, {action}});
}

fs::path category_folder(const config::Config& c, const queue::Job& job) {
  fs::path root = c.resolve_dir("complete_dir");
  std::string dir;
  if (const auto* cat = c.item("categories", job.category)) dir = c.item_value(*cat, "categories", "dir");
  if (dir.empty())
    if (const auto* star = c.item("categories", "*")) dir = c.item_value(*star, "categories", "dir");
  while (!dir.empty() && dir.back() == '*') dir.pop_back();
  fs::path base = root;
  if (!dir.empty()) {
    fs::path d(dir);
    base = d.is_absolute() ? d : root / d;
  }
  return base;
}

fs::path final_folder(const config::Config& c, const queue::Job& job) { return category_folder(c, job) / job.name; }

namespace {
uint64_t tree_bytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  return total;
}

// A copy that ran out of room is reported by the library as an I/O error;
// say what the user has to fix instead.
std::string space_reason(const fs::path& from, const fs::path& to_dir, const std::string& reason) {
  std::error_code ec;
  auto space = fs::space(to_dir, ec);
  uint64_t need = tree_bytes(from);
  if (ec || space.available >= need) return reason;
  return "No space left on device: " + std::to_string(space.available >> 20) + " MB free, " +
         std::to_string((need + (1u << 20) - 1) >> 20) + " MB needed";
}
}  // namespace

Status move_to_final(JobContext& ctx, const std::function<void()>& before_move) {
  if (auto sorted = sort::decide(ctx.config, ctx.job.job.name, ctx.job.job.category)) return move_sorted(ctx, *sorted);
  fs::path target = unique_path(final_folder(ctx.config, ctx.job.job));
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    // SABnzbd's words, with the reason: a read-only or vanished complete folder.
    std::string text = "Cannot create final folder " + target.string() + " (" + ec.message() + ")";
    spdlog::error("{}", text);
    return make_error(text);
  }
  ctx.entry.storage = target.string();
  before_move();
  if (auto st = move_path(ctx.work_dir, target); !st) {
    ctx.entry.storage = "";
    // Half a copy (the complete folder's disk filled) is removed; the files
    // stay whole in the download folder for a retry.
    if (fs::exists(ctx.work_dir, ec)) fs::remove_all(target, ec);
    std::string text = "Failed moving " + ctx.work_dir.string() + " to " + target.string() + " (" +
                       space_reason(ctx.work_dir, target.parent_path(), st.message()) + ")";
    spdlog::error("{}", text);
    return make_error(text);
  }
  ctx.work_dir = target;
  return ok_status();
}

Status check_completeness(JobContext& ctx) {
  const auto& job = ctx.job.job;
  uint64_t missing = job.bytes_missing(), total = job.bytes_total();
  if (missing == 0) return ok_status();
  bool has_par2 = false;
  for (const auto& f : job.files)
    if (f.is_par2 && !f.removed) has_par2 = true;
  add_stage(ctx.entry, "Download", "Articles missing: " + std::to_string(missing) + " bytes");
  if (missing >= total) return make_error("Download failed - Not on your server(s) - https://sabnzbd.org/not-complete");
  if (!has_par2) return make_error("Aborted, cannot be completed - https://sabnzbd.org/not-complete");
  return ok_status();
}

void run_steps(const std::vector<Step>& steps, JobContext& ctx, const std::string& cancelled_reason) {
  for (const auto& step : steps) {
    if (step.cancel_point && ctx.fail.empty() && ctx.cancelled()) ctx.fail = cancelled_reason;
    if (step.runs == Step::Runs::UnlessFailed && !ctx.fail.empty()) continue;
    Status st = step.run();
    if (!st && ctx.fail.empty()) {
      spdlog::debug("{}: step {} failed ({}): {}", ctx.job.job.name, step.name, kind_name(st.kind()), st.message());
      ctx.fail = st.message();
    }
    if (ctx.handed_back) return;
  }
}

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

history::Entry entry_for(const queue::FinishedJob& f) {
  history::Entry e;
  const auto& j = f.job;
  e.nzo_id = j.nzo_id;
  e.name = j.name;
  e.nzb_name = j.nzb_name.empty() ? j.name + ".nzb" : j.nzb_name;
  e.category = j.category.empty() ? "*" : j.category;
  e.pp = pp_letters(j.pp);
  e.script = j.script.empty() || j.script == "Default" ? "None" : j.script;
  e.status = history::JobStatus::Queued;
  e.path = f.folder.string();
  e.password = j.password;
  e.bytes = static_cast<int64_t>(f.downloaded_bytes);
  e.downloaded = e.bytes;
  e.time_added = j.time_added;
  e.download_time = f.download_seconds;
  e.loaded = true;
  e.url = j.url;
  e.duplicate_key = j.duplicate_key;
  add_stage(e, "Source", j.nzb_name.empty() ? j.name : j.nzb_name);
  return e;
}

}  // namespace nzbd::postproc
