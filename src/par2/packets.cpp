#include "par2/packets.h"

#include <algorithm>
#include <cstring>

#include "par2/hash.h"
#include "par2/io.h"

namespace nzbd::par2 {
namespace {

constexpr char kMagic[8] = {'P', 'A', 'R', '2', '\0', 'P', 'K', 'T'};
constexpr char kTypeMain[16] = {'P', 'A', 'R', ' ', '2', '.', '0', '\0',
                                'M', 'a', 'i', 'n', '\0', '\0', '\0', '\0'};
constexpr char kTypeFileDesc[16] = {'P', 'A', 'R', ' ', '2', '.', '0', '\0',
                                    'F', 'i', 'l', 'e', 'D', 'e', 's', 'c'};
constexpr char kTypeIfsc[16] = {'P', 'A', 'R', ' ', '2', '.', '0', '\0',
                                'I', 'F', 'S', 'C', '\0', '\0', '\0', '\0'};
constexpr char kTypeRecovery[16] = {'P', 'A', 'R', ' ', '2', '.', '0', '\0',
                                    'R', 'e', 'c', 'v', 'S', 'l', 'i', 'c'};
constexpr char kTypeCreator[16] = {'P', 'A', 'R', ' ', '2', '.', '0', '\0',
                                   'C', 'r', 'e', 'a', 't', 'o', 'r', '\0'};

uint64_t le64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
uint32_t le32(const uint8_t* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
Md5 md5_at(const uint8_t* p) {
  Md5 m;
  std::memcpy(m.data(), p, 16);
  return m;
}

// Offset of the next packet magic at or after `from`, or `size` if none.
uint64_t find_magic(const File& f, uint64_t from, uint64_t size) {
  std::vector<uint8_t> buf(64 << 10);
  while (from + sizeof(kMagic) <= size) {
    size_t n = f.read_at(from, buf.data(), buf.size());
    if (n < sizeof(kMagic)) break;
    auto end = buf.begin() + static_cast<ptrdiff_t>(n);
    auto it = std::search(buf.begin(), end, std::begin(kMagic), std::end(kMagic));
    if (it != end) return from + static_cast<uint64_t>(it - buf.begin());
    from += n - (sizeof(kMagic) - 1);
  }
  return size;
}

// MD5 of [offset, offset + length) read in chunks (recovery packets are big).
bool hash_range(const File& f, uint64_t offset, uint64_t length, Md5& out) {
  std::vector<uint8_t> buf(std::min<uint64_t>(length, 1 << 20));
  Md5Hasher h;
  while (length > 0) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(length, buf.size()));
    if (f.read_at(offset, buf.data(), n) != n) return false;
    h.update(buf.data(), n);
    offset += n;
    length -= n;
  }
  out = h.finish();
  return true;
}

void parse_main(const Md5& set_id, const std::vector<uint8_t>& body, SetPackets& set) {
  if (set.main || body.size() < 12 || (body.size() - 12) % 16 != 0) return;
  if (md5_of(body.data(), body.size()) != set_id) return;  // set id is MD5 of the main body
  MainPacket main;
  main.slice_size = le64(body.data());
  uint32_t count = le32(body.data() + 8);
  if (main.slice_size == 0 || main.slice_size % 4 != 0 || main.slice_size > kMaxSliceSize) return;
  if (count == 0 || count > (body.size() - 12) / 16) return;
  for (uint32_t i = 0; i < count; ++i) main.recovery_ids.push_back(md5_at(body.data() + 12 + 16 * i));
  set.main = std::move(main);
}

void parse_file_desc(const std::vector<uint8_t>& body, SetPackets& set) {
  if (body.size() < 56) return;
  FileEntry e;
  e.id = md5_at(body.data());
  e.md5_full = md5_at(body.data() + 16);
  e.md5_16k = md5_at(body.data() + 32);
  e.length = le64(body.data() + 48);
  const char* name = reinterpret_cast<const char*>(body.data() + 56);
  size_t len = body.size() - 56;
  e.name.assign(name, strnlen(name, len));
  if (e.name.empty() || e.length > (uint64_t{1} << 62)) return;
  set.descriptions.emplace(e.id, std::move(e));
}

void parse_ifsc(const std::vector<uint8_t>& body, SetPackets& set) {
  if (body.size() < 16 || (body.size() - 16) % 20 != 0) return;
  Md5 id = md5_at(body.data());
  size_t count = (body.size() - 16) / 20;
  if (count > kMaxSlices) return;
  std::vector<SliceCheck> slices(count);
  for (size_t i = 0; i < count; ++i) {
    slices[i].md5 = md5_at(body.data() + 16 + 20 * i);
    slices[i].crc32 = le32(body.data() + 32 + 20 * i);
  }
  set.checksums.emplace(id, std::move(slices));
}

}  // namespace

bool scan_file(const std::filesystem::path& path, std::map<Md5, SetPackets>& sets) {
  auto opened = File::open(path, File::Mode::read);
  if (!opened) return false;
  const File& f = *opened;
  const uint64_t size = f.size();
  uint64_t pos = 0;
  uint8_t h[kHeaderSize];
  while (pos + kHeaderSize <= size) {
    if (f.read_at(pos, h, kHeaderSize) != kHeaderSize) break;
    const uint64_t length = le64(h + 8);
    bool sane = std::memcmp(h, kMagic, 8) == 0 && length >= kHeaderSize && length % 4 == 0 &&
                length <= size - pos;
    const char* type = reinterpret_cast<const char*>(h + 48);
    const bool is_recovery = std::memcmp(type, kTypeRecovery, 16) == 0;
    if (sane && !is_recovery && length - kHeaderSize > kMaxMetaPacket) sane = false;
    Md5 digest{};
    sane = sane && hash_range(f, pos + 32, length - 32, digest) && digest == md5_at(h + 16);
    if (!sane) {  // damaged or not a packet: resynchronise on the next magic
      pos = find_magic(f, pos + 1, size);
      continue;
    }
    SetPackets& set = sets[md5_at(h + 32)];
    ++set.packets;
    const uint64_t body_len = length - kHeaderSize;
    if (is_recovery) {
      uint8_t e[4];
      if (body_len >= 4 && f.read_at(pos + kHeaderSize, e, 4) == 4) {
        uint32_t exponent = le32(e);
        if (!set.recovery.count(exponent)) {
          set.recovery[exponent] = RecoverySource{path, pos + kHeaderSize + 4, exponent};
          set.recovery_length[exponent] = body_len - 4;
        }
      }
    } else {
      std::vector<uint8_t> body(body_len);
      if (f.read_at(pos + kHeaderSize, body.data(), body.size()) == body.size()) {
        if (std::memcmp(type, kTypeMain, 16) == 0) parse_main(md5_at(h + 32), body, set);
        else if (std::memcmp(type, kTypeFileDesc, 16) == 0) parse_file_desc(body, set);
        else if (std::memcmp(type, kTypeIfsc, 16) == 0) parse_ifsc(body, set);
        else if (std::memcmp(type, kTypeCreator, 16) == 0 && set.creator.empty())
          // Up to the first NUL padding; an empty body has no data() to hand to strnlen.
          set.creator.assign(body.begin(), std::find(body.begin(), body.end(), uint8_t{0}));
        // other packet types are skipped
      }
    }
    pos += length;
  }
  return true;
}

void merge(std::map<Md5, SetPackets>& into, std::map<Md5, SetPackets>&& from) {
  for (auto& [id, src] : from) {
    SetPackets& dst = into[id];
    if (!dst.main) dst.main = std::move(src.main);
    dst.descriptions.merge(src.descriptions);
    dst.checksums.merge(src.checksums);
    dst.recovery.merge(src.recovery);
    dst.recovery_length.merge(src.recovery_length);
    if (dst.creator.empty()) dst.creator = std::move(src.creator);
    dst.packets += src.packets;
  }
}

}  // namespace nzbd::par2
