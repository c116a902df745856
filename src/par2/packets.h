// PAR2 2.0 packet layout and a defensive scanner over one .par2 file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "par2/par2.h"

namespace nzbd::par2 {

constexpr size_t kHeaderSize = 64;
constexpr uint64_t kMaxSliceSize = uint64_t{256} << 20;  // we hold slices in memory
constexpr uint64_t kMaxMetaPacket = uint64_t{64} << 20;  // main, file desc, IFSC, creator
constexpr uint32_t kMaxSlices = 32768;                  // PAR2's number of input bases

struct MainPacket {
  uint64_t slice_size = 0;
  std::vector<Md5> recovery_ids;
};

// Everything valid found for one set id, merged over all files.
struct SetPackets {
  std::optional<MainPacket> main;
  std::map<Md5, FileEntry> descriptions;          // by file id (slices left empty)
  std::map<Md5, std::vector<SliceCheck>> checksums;  // IFSC by file id
  std::map<uint32_t, RecoverySource> recovery;    // by exponent
  std::map<uint32_t, uint64_t> recovery_length;   // data length by exponent
  std::string creator;
  size_t packets = 0;                              // valid packets seen
};

// Adds the valid packets of `path` to `sets` (keyed by set id); false when
// the file cannot be opened.
bool scan_file(const std::filesystem::path& path, std::map<Md5, SetPackets>& sets);
// Adds what `from` has and `into` lacks (the first copy of a packet wins).
void merge(std::map<Md5, SetPackets>& into, std::map<Md5, SetPackets>&& from);

}  // namespace nzbd::par2
