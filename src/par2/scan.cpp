#include "par2/scan.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

#include "par2/hash.h"
#include "par2/io.h"

namespace nzbd::par2 {
namespace {

// Read-only mapping of a whole file.
class Mapping {
 public:
  explicit Mapping(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    off_t end = ::lseek(fd, 0, SEEK_END);
    if (end > 0) {
      void* p = ::mmap(nullptr, static_cast<size_t>(end), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = static_cast<const uint8_t*>(p);
        size_ = static_cast<size_t>(end);
        ::madvise(p, size_, MADV_SEQUENTIAL);
      }
    }
    ::close(fd);
  }
  ~Mapping() {
    if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// MD5 of `len` bytes followed by zeros up to `slice_size`.
Md5 padded_md5(const uint8_t* data, uint64_t len, uint64_t slice_size) {
  Md5Hasher h;
  h.update(data, len);
  static const std::vector<uint8_t> zeros(1 << 16);
  for (uint64_t left = slice_size - len; left > 0;) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(left, zeros.size()));
    h.update(zeros.data(), n);
    left -= n;
  }
  return h.finish();
}

bool slice_matches(const SliceCheck& want, const uint8_t* data, uint64_t len, uint64_t slice_size) {
  uint32_t crc = crc32_pad_zeros(crc32(data, len), slice_size - len);
  return crc == want.crc32 && padded_md5(data, len, slice_size) == want.md5;
}

}  // namespace

SliceIndex::SliceIndex(const Par2Set& s) : set(s), crc_filter((kFilterMask + 1) / 64) {
  for (uint32_t f = 0; f < set.files.size(); ++f) {
    const FileEntry& file = set.files[f];
    for (uint32_t i = 0; i < file.slice_count(); ++i) {
      uint64_t begin = uint64_t{i} * set.slice_size;
      uint64_t len = std::min(set.slice_size, file.length - begin);
      uint32_t g = static_cast<uint32_t>(slices.size());
      slices.push_back({f, i, len});
      if (len == set.slice_size) {
        uint32_t crc = file.slices[i].crc32;
        by_crc.emplace(crc, g);
        crc_filter[(crc & kFilterMask) >> 6] |= uint64_t{1} << (crc & 63);
      }
      else short_slices.push_back(g);
    }
  }
  // Removing byte b from the front of an n-byte window changes the CRC by
  // crc(b 0^n) ^ crc(0^n): CRC32 is affine in the message.
  uint32_t zeros = crc32_pad_zeros(0, set.slice_size);
  for (int b = 0; b < 256; ++b) {
    uint8_t byte = static_cast<uint8_t>(b);
    rolling_out[b] = crc32_combine(crc32(&byte, 1), zeros, set.slice_size) ^ zeros;
  }
}

AlignedResult aligned_check(const Par2Set& set, uint32_t file_index,
                            const std::filesystem::path& path, const std::vector<bool>* trusted) {
  const FileEntry& file = set.files[file_index];
  AlignedResult r;
  r.slice_good.assign(file.slice_count(), false);
  auto opened = File::open(path, File::Mode::read);
  if (!opened) return r;
  const File& f = *opened;
  const uint64_t size = f.size();
  r.size_matches = size == file.length;
  const uint64_t S = set.slice_size;
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  // About kStreamBufferBytes per batch, never more slices than the file has. While the
  // helpers hash one batch, this thread reads the next, then helps hashing.
  const uint32_t batch_slices = static_cast<uint32_t>(std::clamp<uint64_t>(
      kStreamBufferBytes / S, 1, std::max<uint32_t>(1, file.slice_count())));
  const size_t buf_size =
      static_cast<size_t>(std::min<uint64_t>(batch_slices * S, std::max<uint64_t>(file.length, 1)));
  std::vector<uint8_t> bufs[2] = {std::vector<uint8_t>(buf_size), std::vector<uint8_t>(buf_size)};
  std::vector<uint8_t> good(file.slice_count(), 0);  // not vector<bool>: written by several threads
  auto read_batch = [&](uint32_t first, std::vector<uint8_t>& buf) -> size_t {
    uint64_t offset = uint64_t{first} * S;
    if (first >= file.slice_count() || offset >= size) return 0;
    return f.read_at(offset, buf.data(), static_cast<size_t>(std::min<uint64_t>(buf.size(), size - offset)));
  };
  size_t got = read_batch(0, bufs[0]);
  for (uint32_t first = 0, cur = 0; got > 0; first += batch_slices, cur ^= 1) {
    const uint32_t count = std::min(batch_slices, file.slice_count() - first);
    const std::vector<uint8_t>& buf = bufs[cur];
    std::atomic<uint32_t> next{0};
    auto work = [&] {
      for (uint32_t k; (k = next++) < count;) {
        const uint32_t s = first + k;
        if (trusted && (*trusted)[s]) {
          good[s] = 1;
          continue;
        }
        const uint64_t len = std::min(S, file.length - uint64_t{s} * S);
        if (uint64_t{k} * S + len > got) continue;
        good[s] = slice_matches(file.slices[s], buf.data() + uint64_t{k} * S, len, S);
      }
    };
    std::vector<std::thread> helpers;
    for (unsigned t = 0; t < threads; ++t) helpers.emplace_back(work);
    size_t next_got = read_batch(first + batch_slices, bufs[cur ^ 1]);
    work();
    for (auto& h : helpers) h.join();
    got = next_got;
  }
  // Every slice matching its MD5 at its place, and the right size, is the
  // file: the whole-file MD5 adds nothing but a second, serial pass.
  for (uint32_t s = 0; s < file.slice_count(); ++s) r.slice_good[s] = good[s] != 0;
  r.md5_matches = r.size_matches && std::all_of(good.begin(), good.end(), [](uint8_t g) { return g; });
  return r;
}

void sliding_scan(const SliceIndex& index, const std::filesystem::path& path,
                  std::vector<SliceLocation>& found) {
  Mapping map(path);
  const uint8_t* data = map.data();
  const uint64_t size = map.size();
  const uint64_t n = index.set.slice_size;
  if (!data) return;
  const z_crc_t* table = get_crc_table();
  std::vector<uint64_t> block_ends{0};
  auto try_at = [&](uint64_t pos, uint32_t crc) {
    if (!index.may_have(crc)) return false;
    auto range = index.by_crc.equal_range(crc);
    for (auto it = range.first; it != range.second; ++it) {
      uint32_t g = it->second;
      if (found[g].found) continue;
      const auto& sl = index.slices[g];
      if (padded_md5(data + pos, n, n) != index.set.files[sl.file].slices[sl.slice].md5) continue;
      found[g] = SliceLocation{path, pos, true};
      return true;
    }
    return false;
  };
  // Slices already found in this file are jumped over, not hashed again.
  std::vector<std::pair<uint64_t, uint64_t>> known;  // offset, length
  for (size_t g = 0; g < found.size(); ++g)
    if (found[g].found && found[g].path == path) known.emplace_back(found[g].offset, index.slices[g].length);
  std::sort(known.begin(), known.end());
  size_t next_known = 0;
  auto skip_known = [&](uint64_t& pos) {
    bool jumped = false;
    while (next_known < known.size() && known[next_known].first <= pos) {
      if (known[next_known].first == pos) {
        pos += known[next_known].second;
        jumped = true;
      }
      ++next_known;
    }
    return jumped;
  };
  if (size >= n) {
    uint64_t pos = 0;
    skip_known(pos);
    uint32_t crc = pos + n <= size ? crc32(data + pos, n) : 0;
    while (pos + n <= size) {
      if (try_at(pos, crc)) {
        pos += n;
        block_ends.push_back(pos);
        skip_known(pos);
        if (pos + n > size) break;
        crc = crc32(data + pos, n);
        continue;
      }
      if (pos + n >= size) break;
      uint32_t c = ~crc;
      c = static_cast<uint32_t>(table[(c ^ data[pos + n]) & 0xff]) ^ (c >> 8);
      crc = ~c ^ index.rolling_out[data[pos]];
      ++pos;
      if (skip_known(pos)) {
        block_ends.push_back(pos);
        if (pos + n > size) break;
        crc = crc32(data + pos, n);
      }
    }
  }
  // Short last slices: at the end of the file or right after a found slice.
  for (uint32_t g : index.short_slices) {
    if (found[g].found) continue;
    const auto& sl = index.slices[g];
    const SliceCheck& want = index.set.files[sl.file].slices[sl.slice];
    std::vector<uint64_t> spots = block_ends;
    if (size >= sl.length) spots.push_back(size - sl.length);
    for (uint64_t pos : spots) {
      if (pos + sl.length > size || !slice_matches(want, data + pos, sl.length, n)) continue;
      found[g] = SliceLocation{path, pos, true};
      break;
    }
  }
}

}  // namespace nzbd::par2
