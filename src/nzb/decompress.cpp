// Bounded decompression with zlib, libbz2 and libarchive.
#include "nzb/decompress.h"

#include <archive.h>
#include <archive_entry.h>
#include <bzlib.h>
#include <zlib.h>

#include <array>
#include <climits>
#include <memory>

#include "nzb/text.h"

namespace nzbd::nzb {
namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kMaxZipEntries = 10'000;

bool starts_with_bytes(std::string_view data, size_t at, std::string_view magic) {
  return data.size() >= at + magic.size() && data.substr(at, magic.size()) == magic;
}

// Appends a produced chunk, refusing to grow beyond `limit`.
bool append_bounded(std::string& out, const char* chunk, size_t size, size_t limit) {
  if (size > limit - out.size()) return false;
  out.append(chunk, size);
  return true;
}

struct InflateGuard {
  z_stream* stream;
  ~InflateGuard() { inflateEnd(stream); }
};

struct Bz2Guard {
  bz_stream* stream;
  ~Bz2Guard() { BZ2_bzDecompressEnd(stream); }
};

bool wanted_zip_entry(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (base.starts_with("._") || path.find("__MACOSX") != std::string_view::npos) return false;
  return ends_with_icase(base, ".nzb") || ends_with_icase(base, ".nzb.gz") ||
         ends_with_icase(base, ".nzb.bz2");
}

}  // namespace

std::string too_large_message(size_t limit) {
  return "NZB larger than " + std::to_string(limit >> 20) + " MiB when decompressed";
}

Result<std::string> gunzip(std::string_view data, size_t limit) {
  if (data.size() > UINT_MAX) return make_error("compressed NZB too large");
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return make_error("cannot start zlib");  // gzip or zlib
  InflateGuard guard{&zs};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  std::array<char, kChunk> buf;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf.data());
    zs.avail_out = static_cast<uInt>(buf.size());
    const int rc = inflate(&zs, Z_NO_FLUSH);
    if (!append_bounded(out, buf.data(), buf.size() - zs.avail_out, limit)) {
      return make_error(too_large_message(limit));
    }
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members continue; anything else after the end is ignored.
      const std::string_view rest(reinterpret_cast<const char*>(zs.next_in), zs.avail_in);
      if (!starts_with_bytes(rest, 0, "\x1f\x8b")) break;
      if (inflateReset(&zs) != Z_OK) return make_error("corrupt gzip data");
      continue;
    }
    if (rc == Z_BUF_ERROR) return make_error("truncated gzip data");
    if (rc != Z_OK) {
      return make_error(std::string("corrupt gzip data: ") + (zs.msg ? zs.msg : "unknown error"));
    }
  }
  return out;
}

Result<std::string> bunzip2(std::string_view data, size_t limit) {
  if (data.size() > UINT_MAX) return make_error("compressed NZB too large");
  bz_stream bs{};
  if (BZ2_bzDecompressInit(&bs, 0, 0) != BZ_OK) return make_error("cannot start bzip2");
  Bz2Guard guard{&bs};
  bs.next_in = const_cast<char*>(data.data());
  bs.avail_in = static_cast<unsigned>(data.size());
  std::string out;
  std::array<char, kChunk> buf;
  while (true) {
    bs.next_out = buf.data();
    bs.avail_out = static_cast<unsigned>(buf.size());
    const int rc = BZ2_bzDecompress(&bs);
    if (!append_bounded(out, buf.data(), buf.size() - bs.avail_out, limit)) {
      return make_error(too_large_message(limit));
    }
    if (rc == BZ_STREAM_END) {
      // Multi-stream files (pbzip2) continue with another "BZh" header.
      const std::string_view rest(bs.next_in, bs.avail_in);
      if (!starts_with_bytes(rest, 0, "BZh")) break;
      char* next_in = bs.next_in;
      const unsigned avail_in = bs.avail_in;
      BZ2_bzDecompressEnd(&bs);
      bs = bz_stream{};
      if (BZ2_bzDecompressInit(&bs, 0, 0) != BZ_OK) return make_error("cannot start bzip2");
      bs.next_in = next_in;
      bs.avail_in = avail_in;
      continue;
    }
    if (rc != BZ_OK) return make_error("corrupt bzip2 data (code " + std::to_string(rc) + ")");
    if (bs.avail_in == 0 && bs.avail_out != 0) return make_error("truncated bzip2 data");
  }
  return out;
}

Result<std::vector<ZipEntry>> unzip_nzb_entries(std::string_view data, size_t limit) {
  std::unique_ptr<archive, decltype(&archive_read_free)> ar(archive_read_new(), &archive_read_free);
  if (!ar) return make_error("cannot start libarchive");
  archive_read_support_format_zip(ar.get());
  if (archive_read_open_memory(ar.get(), data.data(), data.size()) != ARCHIVE_OK) {
    return make_error(std::string("invalid zip: ") + archive_error_string(ar.get()));
  }
  std::vector<ZipEntry> entries;
  size_t total = 0;
  archive_entry* entry = nullptr;
  for (size_t count = 0;; ++count) {
    const int rc = archive_read_next_header(ar.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      const char* why = archive_error_string(ar.get());
      return make_error(std::string("invalid zip: ") + (why ? why : "unreadable entry"));
    }
    if (count >= kMaxZipEntries) return make_error("zip has too many entries");
    const char* path = archive_entry_pathname(entry);
    if (!path || archive_entry_filetype(entry) != AE_IFREG || !wanted_zip_entry(path)) continue;
    if (archive_entry_is_encrypted(entry)) return make_error("encrypted zip entry " + std::string(path));
    ZipEntry out{path, {}};
    std::array<char, kChunk> buf;
    while (true) {
      const la_ssize_t n = archive_read_data(ar.get(), buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0) {
        const char* why = archive_error_string(ar.get());
        return make_error("cannot read " + out.path + " from zip: " + (why ? why : "error"));
      }
      if (static_cast<size_t>(n) > limit - total) return make_error(too_large_message(limit));
      total += static_cast<size_t>(n);
      out.data.append(buf.data(), static_cast<size_t>(n));
    }
    entries.push_back(std::move(out));
  }
  return entries;
}

}  // namespace nzbd::nzb
