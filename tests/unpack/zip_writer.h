// Builds ZIP test archives (hostile ones included) with libarchive's writer.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <string>
#include <vector>

namespace nzbd::unpack::test {

struct ZipEntry {
  ZipEntry(std::string p, std::string d, std::string target = {})
      : path(std::move(p)), data(std::move(d)), symlink_target(std::move(target)) {}
  std::string path;
  std::string data;              // file contents
  std::string symlink_target;    // non-empty: a symlink entry
};

inline bool make_zip(const std::filesystem::path& out, const std::vector<ZipEntry>& entries) {
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  bool ok = archive_write_open_filename(a, out.c_str()) == ARCHIVE_OK;
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.path.c_str());
    if (e.symlink_target.empty()) {
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_perm(entry, 0644);
      archive_entry_set_size(entry, la_int64_t(e.data.size()));
    } else {
      archive_entry_set_filetype(entry, AE_IFLNK);
      archive_entry_set_perm(entry, 0777);
      archive_entry_set_symlink(entry, e.symlink_target.c_str());
    }
    ok = ok && archive_write_header(a, entry) == ARCHIVE_OK;
    if (ok && !e.data.empty()) ok = archive_write_data(a, e.data.data(), e.data.size()) == la_ssize_t(e.data.size());
    archive_entry_free(entry);
  }
  ok = archive_write_close(a) == ARCHIVE_OK && ok;
  archive_write_free(a);
  return ok;
}

}  // namespace nzbd::unpack::test
