// Extraction through libarchive with our own checks on every entry: safe
// paths (SafeTree), bytes written == entry size, CRC32 against the RAR headers.
#include <archive.h>
#include <archive_entry.h>
#include <isa-l/crc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <memory>

#include "unpack/internal.h"
#include "unpack/rar_scan.h"
#include "unpack/safe_tree.h"

namespace nzbd::unpack {
namespace fs = std::filesystem;

namespace {

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

// Expected size and CRC32 of each RAR file, from the header of its last piece
// (earlier pieces of a split file carry the CRC of that piece only).
using CrcTable = std::map<std::string, std::deque<std::pair<uint64_t, uint32_t>>>;

CrcTable rar_crc_table(const ArchiveSet& set) {
  CrcTable table;
  if (set.kind != ArchiveSet::Rar) return table;
  for (const auto& v : set.volumes) {
    auto info = scan_rar(v);
    if (!info) continue;
    for (const auto& f : info->files) {
      if (f.split_after || f.encrypted || f.directory || !f.crc32 || !f.name_reliable) continue;
      table[f.name].emplace_back(f.unpacked_size, *f.crc32);
    }
  }
  return table;
}

ArchivePtr open_archive(const std::vector<fs::path>& volumes) {
  ArchivePtr a(archive_read_new());
  archive_read_support_format_all(a.get());
  archive_read_support_filter_all(a.get());
  std::vector<std::string> names;
  for (const auto& v : volumes) names.push_back(v.string());
  std::vector<const char*> ptrs;
  for (const auto& n : names) ptrs.push_back(n.c_str());
  ptrs.push_back(nullptr);
  if (archive_read_open_filenames(a.get(), ptrs.data(), 256 * 1024) != ARCHIVE_OK) return nullptr;
  return a;
}

std::string archive_message(archive* a) {
  const char* s = archive_error_string(a);
  return s ? s : "unknown error";
}

const char* entry_path(archive_entry* e) {
  const char* p = archive_entry_pathname_utf8(e);
  return p ? p : archive_entry_pathname(e);
}

class Extractor {
 public:
  Extractor(archive* a, SafeTree& tree, CrcTable crcs, const std::function<bool()>& cancelled)
      : a_(a), tree_(tree), crcs_(std::move(crcs)), cancelled_(cancelled) {}

  Attempt run();
  // Direct unpack: the CRC32s of what was written, checked once every
  // volume (and so every header) is there. Empty when all match.
  std::string first_crc_mismatch(CrcTable table) const;

 private:
  struct PendingLink {
    Components path;
    std::string target;
  };

  bool entry(archive_entry* e, Attempt& out);
  bool write_file(archive_entry* e, const Components& path, const std::string& name, Attempt& out);
  bool write_all(int fd, const void* buf, size_t len, Attempt& out);
  void refuse(const std::string& name, const std::string& why) { refused_.push_back(name + ": " + why); }

  archive* a_;
  SafeTree& tree_;
  CrcTable crcs_;
  const std::function<bool()>& cancelled_;
  std::vector<PendingLink> links_;
  std::vector<std::string> refused_;
  struct Written {
    std::string name;
    uint64_t size;
    uint32_t crc;
  };
  std::vector<Written> written_;
  std::vector<char> buf_ = std::vector<char>(256 * 1024);
};

// False when the headers name a different CRC32 for this piece of `name`
// (each file's entries are consumed in order).
bool match_crc(CrcTable& table, const std::string& name, uint64_t written, uint32_t crc) {
  auto it = table.find(name);
  if (it == table.end() || it->second.empty()) return true;
  auto [size, expected] = it->second.front();
  it->second.pop_front();
  return size != written || expected == crc;
}

std::string Extractor::first_crc_mismatch(CrcTable table) const {
  for (const auto& w : written_)
    if (!match_crc(table, w.name, w.size, w.crc)) return w.name;
  return {};
}

Attempt fail(std::string message) {
  Attempt a;
  a.status = Attempt::Failed;
  a.message = std::move(message);
  return a;
}

Attempt Extractor::run() {
  Attempt out;
  for (;;) {
    if (cancelled_ && cancelled_()) return fail(std::string(kMsgAborted));
    archive_entry* e = nullptr;
    int r = archive_read_next_header(a_, &e);
    if (r == ARCHIVE_EOF) break;
    if (r == ARCHIVE_WARN) out.log.push_back("libarchive: " + archive_message(a_));
    if (r < ARCHIVE_WARN) {
      if (archive_read_has_encrypted_entries(a_) > 0) return Attempt{Attempt::Encrypted, {}, out.log};
      return fail(std::string(kMsgDamaged) + " (" + archive_message(a_) + ")");
    }
    if (!entry(e, out)) return out;
  }
  // Links last, so no entry is ever written through a link from the archive.
  for (const auto& l : links_) {
    auto st = tree_.make_symlink(l.path, l.target);
    if (!st) refuse(l.path.empty() ? "?" : l.path.back(), st.message());
  }
  if (!refused_.empty()) {
    for (const auto& r : refused_) out.log.push_back("refused " + r);
    out.status = Attempt::Failed;
    out.message = std::string(kMsgUnsafePath) + " (" + refused_.front() + ")";
  }
  return out;
}

// Handles one entry; false (with `out` set to a failure) ends the extraction.
bool Extractor::entry(archive_entry* e, Attempt& out) {
  if (archive_entry_is_encrypted(e)) {
    out = Attempt{Attempt::Encrypted, {}, out.log};
    return false;
  }
  const char* raw = entry_path(e);
  std::string name = raw ? raw : "";
  std::string why;
  auto path = split_entry_path(name, why);
  if (!path) {
    refuse(name, why);
    return true;
  }
  if (const char* hl = archive_entry_hardlink_utf8(e) ? archive_entry_hardlink_utf8(e) : archive_entry_hardlink(e)) {
    auto target = split_entry_path(hl, why);
    if (!target) refuse(name, std::string("hard link to ") + hl + ": " + why);
    else if (auto st = tree_.make_hardlink(*path, *target); !st) refuse(name, st.message());
    return true;
  }
  switch (archive_entry_filetype(e)) {
    case AE_IFDIR:
      if (auto st = tree_.make_dir(*path); !st) refuse(name, st.message());
      return true;
    case AE_IFLNK: {
      const char* t = archive_entry_symlink_utf8(e) ? archive_entry_symlink_utf8(e) : archive_entry_symlink(e);
      std::string target = t ? t : "";
      if (!symlink_target_inside(*path, target)) refuse(name, "link to \"" + target + "\" leads outside the folder");
      else links_.push_back({*path, target});
      return true;
    }
    case AE_IFREG:
      return write_file(e, *path, name, out);
    default:
      out.log.push_back("skipped special file " + name);
      return true;
  }
}

bool Extractor::write_all(int fd, const void* buf, size_t len, Attempt& out) {
  auto p = static_cast<const char*>(buf);
  while (len > 0) {
    ssize_t n = ::write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out.log.push_back(std::string("write error: ") + std::strerror(errno));
      out.status = Attempt::Failed;
      out.message = std::string(kMsgDiskFull);
      return false;
    }
    p += n;
    len -= size_t(n);
  }
  return true;
}

bool Extractor::write_file(archive_entry* e, const Components& path, const std::string& name, Attempt& out) {
  // A later file replaces a pending link of the same name.
  std::erase_if(links_, [&](const PendingLink& l) { return l.path == path; });
  mode_t mode = (archive_entry_perm(e) & 0755) | 0600;
  auto fd = tree_.create_file(path, mode);
  if (!fd) {
    refuse(name, fd.message());
    return true;
  }
  uint64_t written = 0;
  uint32_t crc = 0;
  for (;;) {
    if (cancelled_ && cancelled_()) {
      out = fail(std::string(kMsgAborted));
      return false;
    }
    la_ssize_t n = archive_read_data(a_, buf_.data(), buf_.size());
    if (n == 0) break;
    if (n < 0) {
      out = fail(std::string(kMsgDamaged) + " (" + name + ": " + archive_message(a_) + ")");
      return false;
    }
    if (!write_all(fd->get(), buf_.data(), size_t(n), out)) return false;
    crc = crc32_gzip_refl(crc, reinterpret_cast<const unsigned char*>(buf_.data()), uint64_t(n));
    written += uint64_t(n);
  }
  // libarchive can end an entry early without an error (e.g. a missing
  // middle RAR5 volume), so the size is checked here.
  if (archive_entry_size_is_set(e) && written != uint64_t(archive_entry_size(e))) {
    out = fail(std::string(kMsgNotUnpacked) + " (" + name + ": " + std::to_string(written) + " of " +
               std::to_string(archive_entry_size(e)) + " bytes)");
    return false;
  }
  written_.push_back({name, written, crc});
  if (!match_crc(crcs_, name, written, crc)) {
    out = fail(std::string(kMsgCrcError) + " (" + name + ")");
    return false;
  }
  if (archive_entry_mtime_is_set(e)) {
    timespec times[2] = {{0, UTIME_OMIT}, {archive_entry_mtime(e), archive_entry_mtime_nsec(e)}};
    ::futimens(fd->get(), times);
  }
  // close() can be where a full disk (or quota, NFS) finally shows.
  if (!fd->close()) {
    out = fail(std::string(kMsgDiskFull));
    return false;
  }
  out.log.push_back("extracted " + name);
  return true;
}

}  // namespace

Attempt extract_with_libarchive(const ArchiveSet& set, const fs::path& staging,
                                const std::function<bool()>& cancelled) {
  auto tree = SafeTree::open(staging);
  if (!tree) return fail(std::string(kMsgDiskFull));
  ArchivePtr a = open_archive(set.volumes);
  if (!a) return fail(std::string(kMsgDamaged) + " (cannot open " + set.volumes.front().filename().string() + ")");
  Extractor x(a.get(), *tree, rar_crc_table(set), cancelled);
  return x.run();
}

Attempt extract_opened(archive* a, const fs::path& staging, const std::function<bool()>& cancelled,
                       const std::function<std::vector<fs::path>()>& volumes_read) {
  auto tree = SafeTree::open(staging);
  if (!tree) return fail(std::string(kMsgDiskFull));
  Extractor x(a, *tree, {}, cancelled);
  Attempt out = x.run();
  if (out.status != Attempt::Ok) return out;
  ArchiveSet set;
  set.volumes = volumes_read();
  if (auto bad = x.first_crc_mismatch(rar_crc_table(set)); !bad.empty())
    return fail(std::string(kMsgCrcError) + " (" + bad + ")");
  return out;
}

bool libarchive_reports_encryption(const std::vector<fs::path>& volumes) {
  ArchivePtr a = open_archive(volumes);
  if (!a) return false;
  archive_entry* e = nullptr;
  int r = archive_read_next_header(a.get(), &e);
  if (r >= ARCHIVE_WARN && archive_entry_is_encrypted(e)) return true;
  return archive_read_has_encrypted_entries(a.get()) > 0;
}

}  // namespace nzbd::unpack
