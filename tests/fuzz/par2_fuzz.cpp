// PAR2: the input becomes one or two .par2 files (split at "|||"), read by
// load_set (packet scan, merge, set checks) and, when a set loads, the quick
// check over segments laid out from the set itself. Mutations break packet
// MD5s, so for odd flag bytes the harness first re-hashes every packet it
// finds: the fuzzer then reaches the checks behind the hash.
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "par2/packets.h"
#include "par2/par2.h"

using namespace nzbd::par2;
using nzbd::fuzz::Input;

namespace {

constexpr char kMagic[] = "PAR2\0PKT";

// Recomputes the MD5 (bytes 16..31, over bytes 32..length) of every packet
// whose length field fits in the buffer.
void rehash_packets(std::string& file) {
  for (size_t at = file.find(std::string_view(kMagic, 8)); at != std::string::npos;
       at = file.find(std::string_view(kMagic, 8), at + 8)) {
    if (file.size() - at < kHeaderSize) return;
    uint64_t length = 0;
    std::memcpy(&length, file.data() + at + 8, 8);
    if (length < kHeaderSize || length > file.size() - at) continue;
    Md5 md5 = md5_of(file.data() + at + 32, length - 32);
    std::memcpy(file.data() + at + 16, md5.data(), md5.size());
  }
}

void check_set(const Par2Set& set) {
  FUZZ_CHECK(set.slice_size > 0 || set.files.empty() || set.total_slices == 0);
  uint64_t total = 0;
  std::vector<FileSegments> segments;
  for (const FileEntry& f : set.files) {
    FUZZ_CHECK(f.slices.size() == f.slice_count());
    FUZZ_CHECK(f.first_slice == total);
    total += f.slice_count();
    std::string name = safe_name(f.name);
    FUZZ_CHECK(!name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos);
    FileSegments fs{f.name, {}};
    for (uint32_t i = 0; i < f.slices.size(); ++i) {
      uint64_t offset = i * set.slice_size;
      fs.segments.push_back({offset, std::min<uint64_t>(set.slice_size, f.length - offset), f.slices[i].crc32});
    }
    segments.push_back(std::move(fs));
  }
  FUZZ_CHECK(total == set.total_slices && total <= kMaxSlices);
  QuickCheckResult q = quick_check(set, segments);
  FUZZ_CHECK(q.files.size() == set.files.size());
  FUZZ_CHECK(uint64_t(q.good) + q.bad + q.unknown == total);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  const bool rehash = in.byte() & 1;
  std::vector<std::filesystem::path> paths;
  for (int i = 0; i < 2 && (i == 0 || !in.rest().empty()); ++i) {
    std::string file(in.until("|||"));
    if (rehash) rehash_packets(file);
    paths.push_back(nzbd::fuzz::write_scratch("set" + std::to_string(i) + ".par2", file));
  }
  auto set = load_set(paths);
  if (set.ok()) check_set(*set);
  else FUZZ_CHECK(!set.message().empty());
  return 0;
}
