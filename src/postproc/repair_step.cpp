#include "postproc/repair_step.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "nzb/nzb.h"
#include "par2/par2.h"
#include "util/strings.h"

namespace nzbd::postproc {
namespace fs = std::filesystem;

namespace {

// par2 files of the job present on disk: the index first.
std::vector<fs::path> par2_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec) && ends_with_icase(e.path().filename().string(), ".par2")) out.push_back(e.path());
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
    bool va = nzb::parse_par2_volume(a.filename().string()).has_value();
    bool vb = nzb::parse_par2_volume(b.filename().string()).has_value();
    return va != vb ? !va : a < b;
  });
  return out;
}

std::vector<par2::FileSegments> segments_for(const queue::FinishedJob& job) {
  std::vector<par2::FileSegments> out;
  for (size_t i = 0; i < job.job.files.size() && i < job.segments.size(); ++i) {
    par2::FileSegments fs;
    fs.name = job.job.files[i].name;
    for (const auto& s : job.segments[i]) fs.segments.push_back(par2::Segment{s.offset, s.size, s.crc32});
    out.push_back(std::move(fs));
  }
  return out;
}

// Held-back recovery volumes that could still be fetched.
std::vector<std::pair<size_t, par2::VolumeFile>> held_volumes(const queue::Job& job) {
  std::vector<std::pair<size_t, par2::VolumeFile>> out;
  for (size_t i = 0; i < job.files.size(); ++i) {
    const auto& f = job.files[i];
    if (!f.held_back || f.removed) continue;
    out.push_back({i, par2::VolumeFile{f.name, par2::volume_blocks(f.name)}});
  }
  return out;
}

}  // namespace

Result<RepairDecision> verify_and_repair(JobContext& ctx, const std::function<void(history::JobStatus)>& on_status) {
  RepairDecision d;
  auto files = par2_files(ctx.work_dir);
  if (files.empty()) return d;  // nothing to verify with; completeness was checked before
  auto set = par2::load_set(files);
  if (!set) {
    add_stage(ctx.entry, "Repair", "Cannot use the par2 files: " + set.message());
    return d;
  }
  on_status(history::JobStatus::QuickCheck);
  auto quick = par2::quick_check(*set, segments_for(ctx.job));
  if (quick.bad == 0 && quick.unknown == 0 && ctx.job.job.bytes_missing() == 0) {
    add_stage(ctx.entry, "Repair", "Quick Check OK");
    return d;
  }
  on_status(history::JobStatus::Verifying);
  auto report = par2::verify(*set, ctx.work_dir, {}, &quick);
  if (!report) return with_context("Verification failed: ", report.error());
  if (report->all_ok()) {
    add_stage(ctx.entry, "Repair", "Verified in full");
    return d;
  }
  if (report->missing_slices > report->recovery_available) {
    uint32_t need = report->missing_slices - report->recovery_available;
    auto held = held_volumes(ctx.job.job);
    std::vector<par2::VolumeFile> vols;
    for (auto& [i, v] : held) vols.push_back(v);
    auto chosen = par2::choose_volumes(vols, need);
    if (!chosen.empty()) {
      for (size_t c : chosen) d.volumes.push_back(held[c].first);
      d.outcome = RepairOutcome::NeedVolumes;
      add_stage(ctx.entry, "Repair", "Fetching " + std::to_string(chosen.size()) + " recovery volume(s) for " +
                                         std::to_string(need) + " block(s)");
      return d;
    }
    // Even every held-back volume would not do: say how many blocks are short after all of them.
    uint64_t held_blocks = 0;
    for (const auto& v : vols) held_blocks += v.blocks;
    uint64_t short_by = need > held_blocks ? need - held_blocks : need;
    return corrupt_error("Repair failed, not enough repair blocks (" + std::to_string(short_by) + " short)");
  }
  on_status(history::JobStatus::Repairing);
  d.repaired = true;
  auto repaired = par2::repair(*set, ctx.work_dir, *report);
  if (!repaired) return repaired.error();
  d.repaired_blocks = repaired->repaired_slices;
  add_stage(ctx.entry, "Repair",
            "Repaired " + std::to_string(repaired->repaired_slices) + " block(s), renamed " +
                std::to_string(repaired->renamed_files.size()) + " file(s)");
  return d;
}

}  // namespace nzbd::postproc
