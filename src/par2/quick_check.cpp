// Quick check: combine the CRC32s of the segments the downloader wrote into
// per-slice CRC32s and compare them with the set's IFSC checksums, so a clean
// download is verified without reading it back.
#include <algorithm>

#include "par2/hash.h"
#include "par2/par2.h"

namespace nzbd::par2 {
namespace {

// State of slice [begin, end) from the sorted segments; `next` walks forward.
SliceState check_slice(const std::vector<Segment>& segs, size_t& next, uint64_t begin,
                       uint64_t end, uint64_t slice_size, uint32_t expected) {
  while (next < segs.size() && segs[next].offset < begin) ++next;
  uint64_t pos = begin;
  uint32_t crc = 0;
  size_t i = next;
  for (; i < segs.size() && segs[i].offset < end; ++i) {
    const Segment& s = segs[i];
    if (s.offset != pos || s.size > end - pos) return SliceState::unknown;  // gap, overlap, straddle
    crc = crc32_combine(crc, s.crc32, s.size);
    pos += s.size;
  }
  if (pos != end) return SliceState::unknown;
  // PAR2 hashes the last slice of a file padded with zeros to the slice size.
  crc = crc32_pad_zeros(crc, slice_size - (end - begin));
  return crc == expected ? SliceState::good : SliceState::bad;
}

QuickCheckFile check_file(const FileEntry& file, std::vector<Segment> segs) {
  QuickCheckFile out{file.name, std::vector<SliceState>(file.slice_count(), SliceState::unknown)};
  // Drop empty or out-of-range segments and exact duplicates (re-downloads).
  segs.erase(std::remove_if(segs.begin(), segs.end(),
                            [&](const Segment& s) {
                              return s.size == 0 || s.offset >= file.length ||
                                     s.size > file.length - s.offset;
                            }),
             segs.end());
  std::sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.size < b.size;
  });
  segs.erase(std::unique(segs.begin(), segs.end(),
                         [](const Segment& a, const Segment& b) {
                           return a.offset == b.offset && a.size == b.size && a.crc32 == b.crc32;
                         }),
             segs.end());
  size_t next = 0;
  for (uint32_t s = 0; s < out.slices.size(); ++s) {
    uint64_t begin = uint64_t{s} * file.slice_size;
    uint64_t end = std::min(begin + file.slice_size, file.length);
    out.slices[s] = check_slice(segs, next, begin, end, file.slice_size, file.slices[s].crc32);
  }
  return out;
}

}  // namespace

QuickCheckResult quick_check(const Par2Set& set, const std::vector<FileSegments>& files) {
  QuickCheckResult result;
  for (const FileEntry& entry : set.files) {
    std::vector<Segment> segs;
    for (const auto& f : files)
      if (f.name == entry.name || f.name == safe_name(entry.name))
        segs.insert(segs.end(), f.segments.begin(), f.segments.end());
    result.files.push_back(check_file(entry, std::move(segs)));
    for (SliceState st : result.files.back().slices) {
      if (st == SliceState::good) ++result.good;
      else if (st == SliceState::bad) ++result.bad;
      else ++result.unknown;
    }
  }
  return result;
}

}  // namespace nzbd::par2
