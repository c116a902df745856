#include "unpack/rar_scan.h"

#include <isa-l/crc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

namespace nzbd::unpack {
namespace {

constexpr std::array<uint8_t, 7> kRar4Magic = {'R', 'a', 'r', '!', 0x1a, 0x07, 0x00};
constexpr std::array<uint8_t, 8> kRar5Magic = {'R', 'a', 'r', '!', 0x1a, 0x07, 0x01, 0x00};
// Hostile input guards: RAR5 headers are at most 2 MiB by spec; a volume with
// more blocks than this is not something we need to understand.
constexpr uint64_t kMaxRar5HeaderSize = 2 * 1024 * 1024;
constexpr size_t kMaxBlocks = 1'000'000;

uint32_t crc32_of(const uint8_t* data, size_t len) { return crc32_gzip_refl(0, data, len); }

// Bounds-checked little-endian reader over one header's bytes.
class Cursor {
 public:
  Cursor(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool ok() const { return ok_; }
  size_t pos() const { return pos_; }
  size_t remaining() const { return ok_ ? size_ - pos_ : 0; }

  uint64_t fixed(size_t bytes) {
    if (!take(bytes)) return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < bytes; ++i) v |= uint64_t(data_[pos_ - bytes + i]) << (8 * i);
    return v;
  }
  // RAR5 variable-length integer: 7 bits per byte, high bit = more; at most 10 bytes.
  uint64_t vint() {
    uint64_t v = 0;
    for (int i = 0; i < 10; ++i) {
      if (!take(1)) return 0;
      uint8_t b = data_[pos_ - 1];
      v |= uint64_t(b & 0x7f) << (7 * i);
      if (!(b & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  std::string bytes(uint64_t n) {
    if (n > remaining() || !take(size_t(n))) {
      ok_ = false;
      return {};
    }
    return std::string(reinterpret_cast<const char*>(data_ + pos_ - n), size_t(n));
  }
  void skip(uint64_t n) {
    if (n > remaining()) ok_ = false;
    else pos_ += size_t(n);
  }

 private:
  bool take(size_t n) {
    if (!ok_ || n > size_ - pos_) return ok_ = false;
    pos_ += n;
    return true;
  }
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  bool ok_ = true;
};

class VolumeFile {
 public:
  explicit VolumeFile(const std::filesystem::path& p) : in_(p, std::ios::binary) {
    std::error_code ec;
    size_ = std::filesystem::file_size(p, ec);
    if (ec) in_.setstate(std::ios::failbit);
  }
  bool is_open() const { return in_.good(); }
  uint64_t size() const { return size_; }
  // Reads exactly n bytes at offset, or returns false.
  bool read_at(uint64_t offset, size_t n, std::vector<uint8_t>& out) {
    if (offset > size_ || n > size_ - offset) return false;
    out.resize(n);
    in_.clear();
    in_.seekg(std::streamoff(offset));
    in_.read(reinterpret_cast<char*>(out.data()), std::streamsize(n));
    return in_.gcount() == std::streamsize(n);
  }

 private:
  std::ifstream in_;
  uint64_t size_ = 0;
};

std::string rar4_name(const std::string& raw, bool unicode, bool& reliable) {
  std::string name = raw;
  // With LHD_UNICODE the field is either plain UTF-8 or "ascii\0packed
  // unicode"; the packed form is not decoded, so such names are unreliable.
  if (unicode) {
    auto nul = name.find('\0');
    if (nul != std::string::npos) {
      name.resize(nul);
      reliable = false;
    }
  }
  std::replace(name.begin(), name.end(), '\\', '/');
  return name;
}

void scan_rar4(VolumeFile& f, RarInfo& info) {
  uint64_t pos = kRar4Magic.size();
  std::vector<uint8_t> buf;
  for (size_t n = 0; n < kMaxBlocks && pos < f.size(); ++n) {
    if (!f.read_at(pos, 7, buf)) { info.damaged = true; return; }
    Cursor base(buf.data(), buf.size());
    uint16_t head_crc = uint16_t(base.fixed(2));
    uint8_t type = uint8_t(base.fixed(1));
    uint16_t flags = uint16_t(base.fixed(2));
    uint16_t head_size = uint16_t(base.fixed(2));
    if (head_size < 7 || !f.read_at(pos, head_size, buf)) { info.damaged = true; return; }
    if (uint16_t(crc32_of(buf.data() + 2, buf.size() - 2) & 0xffff) != head_crc) {
      // After a damaged header every offset is guesswork.
      info.damaged = true;
      return;
    }
    Cursor c(buf.data(), buf.size());
    c.skip(7);
    uint64_t add_size = (flags & 0x8000) ? c.fixed(4) : 0;
    if (type == 0x73) {  // main header
      info.is_volume = flags & 0x0001;
      info.solid = flags & 0x0008;
      info.new_numbering = flags & 0x0010;
      info.headers_encrypted = flags & 0x0080;
      info.first_volume = flags & 0x0100;
      if (info.headers_encrypted) return;  // nothing after this is readable
    } else if (type == 0x74) {  // file header
      Cursor h(buf.data(), buf.size());
      h.skip(7);
      uint64_t pack_size = h.fixed(4);
      uint64_t unp_size = h.fixed(4);
      h.skip(1);  // host os
      uint32_t crc = uint32_t(h.fixed(4));
      h.skip(4 + 1 + 1);  // time, version, method
      uint16_t name_size = uint16_t(h.fixed(2));
      h.skip(4);  // attributes
      if (flags & 0x0100) {  // LHD_LARGE
        pack_size |= h.fixed(4) << 32;
        unp_size |= h.fixed(4) << 32;
      }
      std::string raw = h.bytes(name_size);
      if (!h.ok()) { info.damaged = true; return; }
      RarFileHeader fh;
      fh.name = rar4_name(raw, flags & 0x0200, fh.name_reliable);
      fh.unpacked_size = unp_size;
      fh.crc32 = crc;
      fh.split_before = flags & 0x0001;
      fh.split_after = flags & 0x0002;
      fh.encrypted = flags & 0x0004;
      fh.directory = (flags & 0x00e0) == 0x00e0;
      info.has_encrypted_files |= fh.encrypted;
      info.files.push_back(std::move(fh));
      add_size = pack_size;
    } else if (type == 0x7b) {  // end of archive
      info.more_volumes = (flags & 0x0001) != 0;
      return;
    } else if (type == 0x7a && (flags & 0x8000) == 0) {
      add_size = 0;
    }
    pos += uint64_t(head_size) + add_size;
  }
}

// RAR5 extra area of a file header: look for the file encryption record (type 1).
bool rar5_extra_has_encryption(Cursor extra) {
  while (extra.remaining() > 0) {
    uint64_t size = extra.vint();
    if (!extra.ok() || size == 0 || size > extra.remaining()) return false;
    size_t start = extra.pos();
    uint64_t type = extra.vint();
    if (!extra.ok()) return false;
    if (type == 0x01) return true;
    extra.skip(size - (extra.pos() - start));
  }
  return false;
}

void scan_rar5_file(Cursor& h, uint64_t flags, uint64_t extra_size, RarInfo& info) {
  RarFileHeader fh;
  uint64_t file_flags = h.vint();
  fh.unpacked_size = h.vint();
  h.vint();  // attributes
  if (file_flags & 0x0002) h.skip(4);  // mtime
  if (file_flags & 0x0004) fh.crc32 = uint32_t(h.fixed(4));
  h.vint();  // compression info
  h.vint();  // host os
  uint64_t name_len = h.vint();
  fh.name = h.bytes(name_len);
  if (!h.ok() || extra_size > h.remaining()) { info.damaged = true; return; }
  // The extra area is the last extra_size bytes of the header.
  h.skip(h.remaining() - extra_size);
  std::string area = h.bytes(extra_size);
  fh.encrypted = rar5_extra_has_encryption(
      Cursor(reinterpret_cast<const uint8_t*>(area.data()), area.size()));
  fh.directory = file_flags & 0x0001;
  fh.split_before = flags & 0x0008;
  fh.split_after = flags & 0x0010;
  if (file_flags & 0x0008) fh.unpacked_size = 0;  // size unknown
  info.has_encrypted_files |= fh.encrypted;
  info.files.push_back(std::move(fh));
}

void scan_rar5(VolumeFile& f, RarInfo& info) {
  uint64_t pos = kRar5Magic.size();
  std::vector<uint8_t> buf;
  for (size_t n = 0; n < kMaxBlocks && pos < f.size(); ++n) {
    // CRC32 (4) + HEAD_SIZE vint (<= 3 bytes for 2 MiB).
    size_t probe = size_t(std::min<uint64_t>(4 + 10, f.size() - pos));
    if (!f.read_at(pos, probe, buf)) { info.damaged = true; return; }
    Cursor pre(buf.data(), buf.size());
    uint32_t head_crc = uint32_t(pre.fixed(4));
    uint64_t head_size = pre.vint();
    size_t vint_len = pre.pos() - 4;
    if (!pre.ok() || head_size == 0 || head_size > kMaxRar5HeaderSize) { info.damaged = true; return; }
    uint64_t total_header = 4 + vint_len + head_size;
    if (!f.read_at(pos, size_t(total_header), buf)) { info.damaged = true; return; }
    if (crc32_of(buf.data() + 4, buf.size() - 4) != head_crc) { info.damaged = true; return; }
    Cursor h(buf.data(), buf.size());
    h.skip(4 + vint_len);
    uint64_t type = h.vint();
    uint64_t flags = h.vint();
    uint64_t extra_size = (flags & 0x0001) ? h.vint() : 0;
    uint64_t data_size = (flags & 0x0002) ? h.vint() : 0;
    if (!h.ok()) { info.damaged = true; return; }
    if (type == 1) {  // main archive header
      uint64_t arc_flags = h.vint();
      info.is_volume = arc_flags & 0x0001;
      info.solid = arc_flags & 0x0004;
      if (arc_flags & 0x0002) info.volume_number = h.vint();
      info.first_volume = info.is_volume && !info.volume_number;
    } else if (type == 2) {
      scan_rar5_file(h, flags, extra_size, info);
      if (info.damaged) return;
    } else if (type == 4) {  // archive encryption header: the rest is ciphertext
      info.headers_encrypted = true;
      return;
    } else if (type == 5) {  // end of archive
      uint64_t end_flags = h.vint();
      info.more_volumes = (end_flags & 0x0001) != 0;
      return;
    }
    if (data_size > f.size() - pos - total_header) {
      // Data runs past the end of this file: truncated volume.
      info.damaged = true;
      return;
    }
    pos += total_header + data_size;
  }
}

}  // namespace

int rar_version_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<uint8_t, 8> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  auto got = size_t(in.gcount());
  if (got >= kRar5Magic.size() && std::equal(kRar5Magic.begin(), kRar5Magic.end(), head.begin())) return 5;
  if (got >= kRar4Magic.size() && std::equal(kRar4Magic.begin(), kRar4Magic.end(), head.begin())) return 4;
  return 0;
}

nzbd::Result<RarInfo> scan_rar(const std::filesystem::path& file) {
  int version = rar_version_of(file);
  if (version == 0) return make_error("not a RAR archive: " + file.filename().string());
  VolumeFile f(file);
  if (!f.is_open()) return make_error("cannot open " + file.filename().string());
  RarInfo info;
  info.version = version;
  if (version == 4) scan_rar4(f, info);
  else scan_rar5(f, info);
  return info;
}

}  // namespace nzbd::unpack
