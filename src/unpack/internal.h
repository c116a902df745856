// Pieces shared by the unpack sources; not part of the public API.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "unpack/unpack.h"

struct archive;  // libarchive's reader

namespace nzbd::unpack {

// One extraction attempt into an empty staging folder.
struct Attempt {
  enum Status { Ok, Failed, NeedsPassword, WrongPassword, Encrypted } status = Ok;
  std::string message;            // user-facing, for Failed
  std::vector<std::string> log;   // lines for the stage log
};

// libarchive: every volume passed in order. Returns Encrypted when an entry
// turns out to be encrypted (the caller then tries 7zz).
Attempt extract_with_libarchive(const ArchiveSet& set, const std::filesystem::path& staging,
                                const std::function<bool()>& cancelled);

// The same entry loop over a reader the caller opened (direct unpack, whose
// volumes arrive while it runs). The RAR headers' CRC32s are checked after
// the last entry, against the volumes `volumes_read` names then.
Attempt extract_opened(archive* a, const std::filesystem::path& staging, const std::function<bool()>& cancelled,
                       const std::function<std::vector<std::filesystem::path>()>& volumes_read);

// External programs, one password (empty = none) per call.
Attempt extract_with_unrar(const std::filesystem::path& unrar, const ArchiveSet& set,
                           const std::filesystem::path& staging, const std::string* password,
                           const std::function<bool()>& cancelled);
Attempt extract_with_7zz(const std::filesystem::path& sevenzip, const ArchiveSet& set,
                         const std::filesystem::path& staging, const std::string* password,
                         const std::function<bool()>& cancelled);

// Whether libarchive sees encryption in a 7z/ZIP set (first header only, so
// that no data is decompressed).
bool libarchive_reports_encryption(const std::vector<std::filesystem::path>& volumes);

// RARLAB unrar from opts or PATH; unrar-free is not accepted.
std::optional<std::filesystem::path> find_unrar(const UnpackOptions& opts);
std::optional<std::filesystem::path> find_7zz(const UnpackOptions& opts);

}  // namespace nzbd::unpack
