#include "postproc/steps.h"

#include <spdlog/spdlog.h>

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

void check_completeness(JobContext& ctx) {
  const auto& job = ctx.job.job;
  uint64_t missing = job.bytes_missing(), total = job.bytes_total();
  if (missing == 0) return;
  bool has_par2 = false;
  for (const auto& f : job.files)
    if (f.is_par2 && !f.removed) has_par2 = true;
  if (missing >= total) {
    ctx.fail = "Download failed - Not on your server(s) - https://sabnzbd.org/not-complete";
  } else if (!has_par2) {
    ctx.fail = "Aborted, cannot be completed - https://sabnzbd.org/not-complete";
  }
  add_stage(ctx.entry, "Download", "Articles missing: " + std::to_string(missing) + " bytes");
}

}  // namespace nzbd::postproc
