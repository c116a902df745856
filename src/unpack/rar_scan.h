// A small, bounds-checked reader of RAR 4 and RAR 5 block headers. It never
// decompresses anything: it reports what libarchive 3.6.2 does not tell us
// (encryption flags of RAR5 entries, header encryption, volume flags, and the
// CRC32 of each file so extraction can be verified).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::unpack {

struct RarFileHeader {
  std::string name;                  // '/' separated (RAR4 '\' converted)
  bool name_reliable = true;         // false for RAR4 names in its packed Unicode form
  uint64_t unpacked_size = 0;
  std::optional<uint32_t> crc32;     // data CRC32 (of this piece when split_after)
  bool encrypted = false;
  bool directory = false;
  bool split_before = false;
  bool split_after = false;
};

struct RarInfo {
  int version = 0;                   // 4 or 5
  bool is_volume = false;
  bool first_volume = false;         // RAR4 MHD_FIRSTVOLUME; RAR5: volume without number
  bool new_numbering = false;        // RAR4 MHD_NEWNUMBERING
  bool solid = false;
  std::optional<uint64_t> volume_number;  // RAR5 main header (0-based, first has none)
  bool headers_encrypted = false;
  bool has_encrypted_files = false;
  std::optional<bool> more_volumes;  // from the end-of-archive block, when present
  bool damaged = false;              // header CRC mismatch or truncated header
  std::vector<RarFileHeader> files;  // file headers in order (not service headers)
};

// Magic check only. Returns 4, 5 or 0.
int rar_version_of(const std::filesystem::path& file);

// Reads all block headers of one volume. Errors only when the file cannot be
// opened or is not RAR; damage is reported in RarInfo::damaged.
nzbd::Result<RarInfo> scan_rar(const std::filesystem::path& file);

}  // namespace nzbd::unpack
