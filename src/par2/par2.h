// nzbd's built-in PAR2 2.0: load a set, quick check from download CRCs, full
// verify, Reed-Solomon repair, and the helpers the downloader needs.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::par2 {

using Md5 = std::array<uint8_t, 16>;

struct SliceCheck {
  Md5 md5{};
  uint32_t crc32 = 0;
};

struct FileEntry {
  Md5 id{};
  Md5 md5_full{};
  Md5 md5_16k{};
  uint64_t length = 0;
  std::string name;                 // as in the set; use safe_name() on disk
  std::vector<SliceCheck> slices;   // from the IFSC packet, one per slice
  uint32_t first_slice = 0;         // index of the first input slice in the set
  uint64_t slice_size = 0;          // copied from the set for convenience
  uint32_t slice_count() const;     // ceil(length / slice_size)
};

struct RecoverySource {             // one recovery slice inside a .par2 file
  std::filesystem::path path;
  uint64_t offset = 0;              // of the slice data
  uint32_t exponent = 0;
};

struct Par2Set {
  Md5 set_id{};
  uint64_t slice_size = 0;
  std::vector<FileEntry> files;     // recovery set, ordered as in the main packet
  std::vector<RecoverySource> recovery;  // deduplicated by exponent
  std::string creator;
  uint32_t total_slices = 0;
};

// Reads and merges the packets of all given .par2 files. Damaged packets are
// skipped; the set must have a main packet and a description for every file.
Result<Par2Set> load_set(const std::vector<std::filesystem::path>& paths);

// ---- quick check --------------------------------------------------------
struct Segment {                    // one article as the downloader wrote it
  uint64_t offset = 0;
  uint64_t size = 0;
  uint32_t crc32 = 0;
};
struct FileSegments {
  std::string name;                 // file name as in the set
  std::vector<Segment> segments;
};
enum class SliceState : uint8_t { unknown, good, bad };
struct QuickCheckFile {
  std::string name;
  std::vector<SliceState> slices;
  bool complete() const;            // every slice good
};
struct QuickCheckResult {
  std::vector<QuickCheckFile> files;  // same order as Par2Set::files
  uint32_t good = 0, bad = 0, unknown = 0;
};
// A slice is good when segments tile it exactly and their combined CRC32 (the
// last slice of a file padded with zeros, as PAR2 hashes it) equals the IFSC
// CRC; bad when they tile it and the CRC differs; unknown otherwise (gaps, or a
// segment crossing a slice boundary: the downloader should cut its CRCs at
// multiples of set.slice_size). Pass the result to verify() so that only
// slices not found good are read and hashed.
QuickCheckResult quick_check(const Par2Set& set, const std::vector<FileSegments>& files);

// ---- verify -------------------------------------------------------------
enum class FileStatus { ok, damaged, missing };
struct SliceLocation {              // where a good copy of a slice was found
  std::filesystem::path path;
  uint64_t offset = 0;
  bool found = false;
};
struct FileReport {
  std::string name;                 // target name (sanitized)
  std::filesystem::path found_path; // the file holding most of its data, may differ (misnamed)
  FileStatus status = FileStatus::missing;
  uint32_t good_slices = 0;
  uint32_t missing_slices = 0;
  std::vector<SliceLocation> slices;
};
struct VerifyReport {
  std::vector<FileReport> files;    // same order as Par2Set::files
  uint32_t missing_slices = 0;
  uint32_t recovery_available = 0;
  bool all_ok() const;              // every file present under its name and intact
  bool needs_rename() const;
  bool repairable() const { return missing_slices <= recovery_available; }
};
// Looks for every slice under the file's own name (each slice checked by CRC32
// and MD5 at its place), in misnamed copies (matched by the 16 KiB MD5), and,
// with a sliding CRC32 window, inside damaged files, the other files of `dir`
// and `extra_files`. Symlinks are not followed.
Result<VerifyReport> verify(const Par2Set& set, const std::filesystem::path& dir,
                            const std::vector<std::filesystem::path>& extra_files = {},
                            const QuickCheckResult* quick = nullptr);

// ---- repair -------------------------------------------------------------
struct RepairReport {
  uint32_t repaired_slices = 0;
  std::vector<std::string> repaired_files;
  std::vector<std::string> renamed_files;
};
// Computes the missing slices (Reed-Solomon, SIMD, all cores), patches damaged
// files in place (or rebuilds them from the slices found elsewhere), renames
// misnamed copies (never overwriting: a file in the way becomes "name.1"), and
// checks every written file against its whole-file MD5 before succeeding.
// Fails with "Repair failed, not enough repair blocks (X short)" when needed.
Result<RepairReport> repair(const Par2Set& set, const std::filesystem::path& dir,
                            const VerifyReport& report);

// ---- helpers for the downloader -------------------------------------------
struct VolumeFile {
  std::string name;                 // e.g. "x.vol07+08.par2"
  uint32_t blocks = 0;              // from the name; 0 = unknown
};
// Parses "<base>.volNN+MM.par2" -> MM (case-insensitive). 0 if not a volume.
uint32_t volume_blocks(const std::string& name);
// Smallest total of blocks >= needed (fewest extra blocks, then fewest files).
// Returns indices into `volumes`; empty if even all volumes are not enough.
std::vector<size_t> choose_volumes(const std::vector<VolumeFile>& volumes, uint32_t needed);
// Name in the set whose first-16 KiB MD5 equals md5_16k (nullptr if none).
const FileEntry* match_16k(const Par2Set& set, const Md5& md5_16k);
Md5 md5_of(const void* data, size_t size);
std::vector<std::string> file_names(const Par2Set& set);
// A safe file name (no directories, no "..", no control characters).
std::string safe_name(const std::string& name);

}  // namespace nzbd::par2
