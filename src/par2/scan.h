// Finding slices of a set inside files: at their own positions (aligned check)
// and anywhere (sliding CRC32 window, confirmed by MD5).
#pragma once

#include <cstdint>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "par2/par2.h"

namespace nzbd::par2 {

// Index over all slices of a set, by CRC32.
struct SliceIndex {
  struct Slice {
    uint32_t file = 0;   // index into Par2Set::files
    uint32_t slice = 0;  // within the file
    uint64_t length = 0; // real data length (< slice size for a short last slice)
  };
  explicit SliceIndex(const Par2Set& set);
  const Par2Set& set;
  std::vector<Slice> slices;                      // by global slice number
  std::unordered_multimap<uint32_t, uint32_t> by_crc;  // full-length slices only
  std::vector<uint64_t> crc_filter;               // bit per (crc & kFilterMask): cheap "surely not"
  static constexpr uint32_t kFilterMask = (1u << 22) - 1;
  bool may_have(uint32_t crc) const {
    uint32_t bit = crc & kFilterMask;
    return (crc_filter[bit >> 6] >> (bit & 63)) & 1;
  }
  std::vector<uint32_t> short_slices;             // global numbers of short last slices
  uint32_t rolling_out[256];                      // CRC change when a byte leaves the window
};

struct AlignedResult {
  bool size_matches = false;
  bool md5_matches = false;         // right size and every slice matches its MD5
  std::vector<bool> slice_good;     // per slice of the file
};
// Hashes `path` as a copy of set file `file`: every slice at its position, on
// all cores. Slices marked in `trusted` are not hashed.
AlignedResult aligned_check(const Par2Set& set, uint32_t file, const std::filesystem::path& path,
                            const std::vector<bool>* trusted);

// Looks for slices not yet found (found[g] == false) anywhere inside `path`;
// sets found/location for those it confirms by MD5.
void sliding_scan(const SliceIndex& index, const std::filesystem::path& path,
                  std::vector<SliceLocation>& found);

}  // namespace nzbd::par2
