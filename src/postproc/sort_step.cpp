#include "postproc/sort_step.h"

#include <spdlog/spdlog.h>

#include "util/files.h"
#include "util/strings.h"

namespace nzbd::postproc {
namespace fs = std::filesystem;
namespace {

// SABnzbd's get_unique_filename: "name.ext", then "name.1.ext", "name.2.ext", ...
fs::path unique_file(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(p, ec))) return p;
  std::string stem = p.stem().string(), ext = p.extension().string();
  for (int n = 1;; ++n) {
    fs::path candidate = p.parent_path() / (stem + "." + std::to_string(n) + ext);
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate;
  }
}

// Across file systems a link is copied as a link, never as what it points to.
Status move_path(const fs::path& from, const fs::path& to) {
  return nzbd::move_path(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

// A DVD or Blu-ray folder structure stays as it is (SABnzbd's IGNORED_MOVIE_FOLDERS).
bool holds_disc_folders(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string n = to_lower(e.path().filename().string());
    if (n == "video_ts" || n == "audio_ts" || n == "bdmv") return true;
  }
  return false;
}

}  // namespace

Status move_sorted(JobContext& ctx, const sort::Decision& decision) {
  const auto& plan = decision.plan;
  fs::path base = category_folder(ctx.config, ctx.job.job);
  fs::path dest = plan.folder.empty() ? base : base / plan.folder;
  if (!plan.folder.empty() && !is_within(base, dest)) return make_error("Sorting: " + dest.string() + " is outside " + base.string());
  std::error_code ec;
  fs::create_directories(dest, ec);
  if (ec) return make_error("cannot create " + dest.string() + ": " + ec.message());

  if (holds_disc_folders(ctx.work_dir)) {
    fs::path target = unique_path(dest / ctx.job.job.name);
    if (auto st = move_path(ctx.work_dir, target); !st) return st;
    ctx.work_dir = target;
    ctx.entry.storage = target.string();
    return ok_status();
  }

  std::vector<sort::JobFile> files;
  for (auto it = fs::recursive_directory_iterator(ctx.work_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    auto st = it->symlink_status(ec);
    if (fs::is_directory(st)) continue;
    uint64_t size = fs::is_regular_file(st) ? it->file_size(ec) : 0;
    files.push_back({fs::relative(it->path(), ctx.work_dir, ec).generic_string(), size});
  }
  if (ec) return make_error("cannot list " + ctx.work_dir.string() + ": " + ec.message());

  for (const auto& m : sort::arrange(plan, files)) {
    fs::path to = dest / m.to;
    if (!is_within(dest, to) || to.filename().empty()) to = dest / fs::path(m.from).filename();
    fs::create_directories(to.parent_path(), ec);
    to = unique_file(to);
    if (auto st = move_path(ctx.work_dir / m.from, to); !st) return st;
    if (m.from != m.to) spdlog::debug("sorting {}: {} -> {}", ctx.job.job.name, m.from, to.string());
  }
  fs::remove_all(ctx.work_dir, ec);  // only empty folders are left
  spdlog::info("{} sorted by \"{}\" into {}", ctx.job.job.name, decision.sorter, dest.string());
  ctx.work_dir = dest;
  ctx.entry.storage = dest.string();
  return ok_status();
}

}  // namespace nzbd::postproc
