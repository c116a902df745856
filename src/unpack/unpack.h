// Unpacking of downloaded archive sets (RAR 4/5, 7z, ZIP), nested archives
// included, and the cleanup that follows a successful unpack.
//
// Extraction goes through libarchive; encrypted 7z/ZIP go through Debian's
// `7zz`, and RAR goes through RARLAB's `unrar` when one is on PATH (libarchive
// cannot decrypt RAR). Nothing is ever written outside the destination: entry
// paths with "..", absolute paths and links that lead out are refused.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nzbd::unpack {

// fail_message texts (shown in the SABnzbd history; Sonarr knows kMsgDiskFull).
inline constexpr std::string_view kMsgDiskFull = "Unpacking failed, write error or disk is full?";
inline constexpr std::string_view kMsgNotUnpacked = "Unpacking failed, an expected file was not unpacked";
inline constexpr std::string_view kMsgPasswordRequired = "Unpacking failed, archive requires a password";
inline constexpr std::string_view kMsgWrongPassword = "Unpacking failed, wrong password";
inline constexpr std::string_view kMsgRarEncryptedNoUnrar =
    "Unpacking failed, archive is encrypted and no unrar program was found (libarchive cannot decrypt RAR)";
inline constexpr std::string_view kMsgEncryptedNo7zz =
    "Unpacking failed, archive is encrypted and no 7zz program was found";
inline constexpr std::string_view kMsgMissingVolume = "Unpacking failed, archive volume missing";
inline constexpr std::string_view kMsgUnsafePath = "Unpacking failed, archive contains unsafe paths";
inline constexpr std::string_view kMsgCrcError = "Unpacking failed, CRC error";
inline constexpr std::string_view kMsgDamaged = "Unpacking failed, archive is damaged";
inline constexpr std::string_view kMsgAborted = "Unpacking aborted";

struct ArchiveSet {
  enum Kind { Rar, SevenZip, Zip };
  Kind kind = Rar;
  std::string name;                               // set name, e.g. "show" for show.part01.rar
  std::vector<std::filesystem::path> volumes;     // present volumes, in order
  bool encrypted = false;                         // known from headers (RAR always, 7z/ZIP when libarchive says)
  bool incomplete = false;                        // a volume is missing
  std::string incomplete_reason;                  // e.g. "volume 2 (show.part2.rar) is missing"
};

// Archive sets among the regular files directly in `dir` (not recursive).
// Sets are detected by magic bytes; volume order comes from the names.
std::vector<ArchiveSet> find_archive_sets(const std::filesystem::path& dir);

struct UnpackOptions {
  std::vector<std::string> passwords;  // tried in order; empty = none known
  std::filesystem::path dest;          // where the contents go (created if missing)
  bool recursive = true;               // also unpack archives found in the output
  int max_depth = 3;                   // nesting levels below the job's own archives
  std::function<bool()> cancelled;     // polled often; true aborts
  // Programs; empty = look up "unrar" / "7zz" on PATH when needed.
  // unrar-free (Debian's "unrar" alternative) is not RARLAB unrar and is ignored.
  std::filesystem::path unrar;
  std::filesystem::path sevenzip;
  // Sets a direct unpack (unpack/direct.h) extracted while they downloaded: a
  // folder directly in dest with the set's output. A set of exactly these
  // volumes takes it (checked and moved into place as its own extraction
  // would be) instead of being extracted again; the folder is used up.
  struct Prepared {
    std::vector<std::filesystem::path> volumes;
    std::filesystem::path folder;
    std::string log;  // stage log line saying so
  };
  std::vector<Prepared> prepared;
};

struct UnpackResult {
  std::vector<std::filesystem::path> extracted;      // regular files written (incl. nested output)
  std::vector<std::filesystem::path> used_volumes;   // archive volumes consumed (incl. nested ones)
  std::vector<std::string> log;                      // human-readable lines for the stage log
};

// Extracts one set into opts.dest (nested archives in its output too when
// opts.recursive). Each archive is extracted into a private staging folder in
// dest, checked, and only then moved into place: an archive that fails leaves
// nothing behind (a failing nested archive leaves its parent's output).
nzbd::Result<UnpackResult> unpack_set(const ArchiveSet& set, const UnpackOptions& opts);

// Every set in `dir`, then nested archives in the output. Fails on the first
// set that fails (the message of that set); earlier output stays in dest.
nzbd::Result<UnpackResult> unpack_all(const std::filesystem::path& dir, const UnpackOptions& opts);

struct CleanupOptions {
  int pp = 3;                              // SABnzbd pp: 3 = +Delete (archives and par2 go)
  std::vector<std::string> cleanup_list;   // extensions: "nfo", ".sfv", "*.srr" all work
  bool job_failed = false;                 // anything else in the job failed: remove nothing
};

struct CleanupReport {
  std::vector<std::filesystem::path> removed;
  std::vector<std::string> errors;
};

// After a successful unpack: with pp=3 removes used archive volumes and the
// job's par2 files; always removes files with cleanup_list extensions (in
// job_dir and dest). Removes nothing when `unpack` failed or job_failed is set,
// and never anything outside job_dir / dest.
CleanupReport cleanup_after_success(const std::filesystem::path& job_dir,
                                    const std::filesystem::path& dest,
                                    const nzbd::Result<UnpackResult>& unpack,
                                    const CleanupOptions& opts);

}  // namespace nzbd::unpack
