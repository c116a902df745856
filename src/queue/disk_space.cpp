#include "queue/disk_space.h"

#include <algorithm>

namespace nzbd::queue {
namespace fs = std::filesystem;

DiskRules DiskRules::from(const config::Config& c) {
  DiskRules r;
  r.download_free = config::parse_size(c.misc("download_free")).value_or(0);
  r.complete_free = config::parse_size(c.misc("complete_free")).value_or(0);
  r.direct_unpack = c.misc_int("direct_unpack") != 0;
  r.autoresume = c.misc_int("fulldisk_autoresume") != 0;
  r.complete_dir = c.resolve_dir("complete_dir");
  return r;
}

// A folder not made yet will live on its nearest existing parent's disk.
std::optional<uint64_t> free_bytes(const fs::path& dir) {
  std::error_code ec;
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    if (fs::exists(p, ec)) {
      auto space = fs::space(p, ec);
      if (ec) return std::nullopt;
      return space.available;
    }
    if (p == p.parent_path()) break;
  }
  return std::nullopt;
}

JobProgress JobProgress::of(const Job& job) {
  JobProgress p;
  for (const auto& f : job.files) {
    if (f.removed) continue;
    p.total += f.bytes;
    if (f.is_par2) p.par2 += f.bytes;
    p.tried += std::min(f.bytes, f.bytes_done + f.bytes_missing);
  }
  return p;
}

std::optional<DiskShortage> disk_shortage(const DiskRules& rules, const fs::path& download_dir, uint64_t file_bytes,
                                          const JobProgress& job, const FreeSpace& free) {
  // A folder that cannot be asked is not reported here: writing to it fails
  // and says why.
  uint64_t need = rules.download_free + file_bytes;
  if (auto f = free(download_dir); f && *f < need) return DiskShortage{download_dir, need};
  if (rules.complete_free == 0) return std::nullopt;

  // Unpacking while downloading fills the complete folder all along; else it
  // only fills once the job is (nearly) downloaded, so it is checked from 95% on.
  if (rules.direct_unpack) {
    need = rules.complete_free;
  } else if (static_cast<double>(job.tried) > static_cast<double>(job.total - job.par2) * 0.95) {
    need = rules.complete_free + job.total;
  } else {
    return std::nullopt;
  }
  if (auto f = free(rules.complete_dir); f && *f < need) return DiskShortage{rules.complete_dir, need};
  return std::nullopt;
}

}  // namespace nzbd::queue
