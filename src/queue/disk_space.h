// SABnzbd's free-space rules for downloading (its Assembler.diskspace_check):
// after each finished file the download folder must still hold download_free
// plus that file's size, and — with complete_free set — the complete folder
// must hold complete_free (plus the job, once it is 95% tried) before the job
// reaches post-processing. Short of that, downloading pauses with
// "Too little diskspace forcing PAUSE"; with fulldisk_autoresume it resumes
// once the folder has the space again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include "config/config.h"
#include "queue/job.h"

namespace nzbd::queue {

inline constexpr const char* kMsgTooLittleSpace = "Too little diskspace forcing PAUSE";
inline constexpr const char* kMsgDiskFull = "Disk full! Forcing Pause";          // a write failed with ENOSPC
inline constexpr const char* kMsgDiskError = "Disk error on creating file %s";   // any other write failure

struct DiskRules {
  uint64_t download_free = 0;  // bytes ("500M", "2G"; "" = 0)
  uint64_t complete_free = 0;  // bytes; 0 = the complete folder is not checked
  bool direct_unpack = false;
  bool autoresume = false;     // fulldisk_autoresume
  std::filesystem::path complete_dir;
  static DiskRules from(const config::Config& c);
};

// A folder without the space a rule asks for.
struct DiskShortage {
  std::filesystem::path dir;
  uint64_t required = 0;  // bytes free needed to go on
};

// Free bytes for an unprivileged writer where `dir` lives; nullopt when it cannot be asked.
using FreeSpace = std::function<std::optional<uint64_t>(const std::filesystem::path&)>;
std::optional<uint64_t> free_bytes(const std::filesystem::path& dir);

// What the complete-folder rule needs to know of a job (SABnzbd's bytes,
// bytes_par2 and bytes_tried), taken under the queue's lock.
struct JobProgress {
  uint64_t total = 0, par2 = 0, tried = 0;
  static JobProgress of(const Job& job);
};

// The check after a file of `file_bytes` of a job finished downloading.
std::optional<DiskShortage> disk_shortage(const DiskRules& rules, const std::filesystem::path& download_dir,
                                          uint64_t file_bytes, const JobProgress& job, const FreeSpace& free);

}  // namespace nzbd::queue
