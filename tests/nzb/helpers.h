// Test helpers: build NZB documents and wrap them in gzip / bzip2 / zip with
// the real libraries, so the loader is tested against what tools produce.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <bzlib.h>
#include <zlib.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nzbd::nzb::test {

inline std::string read_test_file(const std::string& relative) {
  std::ifstream in(std::string(NZBD_SOURCE_DIR) + "/tests/data/nzb/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing test file " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// <nzb> document around `body` (files and head written by the test).
inline std::string nzb_doc(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n" +
         body + "</nzb>\n";
}

// A <file> with the given subject and raw <segment> elements.
inline std::string file_xml(const std::string& subject, const std::string& segments) {
  return "<file poster=\"p@example.com\" date=\"1700000000\" subject=\"" + subject +
         "\"><groups><group>alt.binaries.test</group></groups><segments>" + segments +
         "</segments></file>\n";
}

inline std::string segment_xml(const std::string& number, const std::string& bytes,
                               const std::string& id) {
  return "<segment bytes=\"" + bytes + "\" number=\"" + number + "\">" + id + "</segment>";
}

// One valid file named `name` with `count` segments of 1000 bytes.
inline std::string simple_file(const std::string& name, int count = 1) {
  std::string segments;
  for (int i = 1; i <= count; ++i) {
    segments += segment_xml(std::to_string(i), "1000", name + "." + std::to_string(i) + "@test");
  }
  return file_xml("&quot;" + name + "&quot; yEnc (1/" + std::to_string(count) + ")", segments);
}

inline std::string gzip(const std::string& data, int level = 6) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  return out;
}

inline std::string bzip2(const std::string& data) {
  std::string out(data.size() + data.size() / 100 + 700, '\0');
  unsigned size = static_cast<unsigned>(out.size());
  if (BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(data.data()),
                               static_cast<unsigned>(data.size()), 9, 0, 0) != BZ_OK) {
    throw std::runtime_error("bzip2");
  }
  out.resize(size);
  return out;
}

inline std::string zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  std::unique_ptr<archive, decltype(&archive_write_free)> ar(archive_write_new(), &archive_write_free);
  archive_write_set_format_zip(ar.get());
  archive_write_set_bytes_in_last_block(ar.get(), 1);  // no zero padding
  auto write_cb = [](archive*, void* client, const void* buf, size_t n) -> la_ssize_t {
    static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
  };
  if (archive_write_open(ar.get(), &out, nullptr, write_cb, nullptr) != ARCHIVE_OK) {
    throw std::runtime_error("archive_write_open");
  }
  for (const auto& [name, data] : entries) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(),
                                                                    &archive_entry_free);
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
    archive_write_header(ar.get(), e.get());
    archive_write_data(ar.get(), data.data(), data.size());
  }
  archive_write_close(ar.get());
  return out;
}

}  // namespace nzbd::nzb::test
