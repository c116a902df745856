// create_backup: the config file and consistent copies of the databases,
// zipped with libarchive into a temporary name and renamed when complete.
#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "backup/backup.h"
#include "backup/files.h"
#include "backup/sqlite_copy.h"
#include "util/files.h"

namespace nzbd::backup {
namespace fs = std::filesystem;

namespace {

struct FreeWriter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct FreeEntry {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::string backup_name() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0 || host[0] == '\0') std::snprintf(host.data(), host.size(), "nzbd");
  std::string h;
  for (const char* c = host.data(); *c; ++c) h += (std::isalnum(static_cast<unsigned char>(*c)) || *c == '-') ? *c : '_';
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y.%m.%d_%H.%M.%S", &tm);
  return "nzbd_backup_" + h + "_" + stamp + ".zip";
}

// Streams the file at `path` into the zip as `name`: a large database is
// never held in memory whole.
Status add_entry(archive* zip, const std::string& name, const fs::path& path) {
  auto fail = [&](const std::string& what) { return make_error("cannot write the backup (" + name + "): " + what); };
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) return fail("cannot read " + path.string());
  std::unique_ptr<archive_entry, FreeEntry> e(archive_entry_new());
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0600);
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
  archive_entry_set_mtime(e.get(), std::time(nullptr), 0);
  if (archive_write_header(zip, e.get()) != ARCHIVE_OK) return fail(archive_error_string(zip) ? archive_error_string(zip) : "header");
  std::vector<char> buf(64 * 1024);
  uint64_t copied = 0;
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
    auto n = static_cast<size_t>(in.gcount());
    if (archive_write_data(zip, buf.data(), n) != static_cast<la_ssize_t>(n))
      return fail(archive_error_string(zip) ? archive_error_string(zip) : "write error");
    copied += n;
  }
  if (copied != size) return fail(path.filename().string() + " changed while it was read");
  return ok_status();
}

// The files to put in the zip: the ini as it is, each database through a fresh consistent copy.
Result<std::vector<std::pair<std::string, fs::path>>> collect(const Sources& from, const fs::path& scratch) {
  std::error_code ec;
  if (!fs::is_regular_file(from.ini, ec)) return make_error("cannot read " + from.ini.string());
  std::vector<std::pair<std::string, fs::path>> files{{std::string(kIniName), from.ini}};
  for (std::string_view db : kDatabaseNames) {
    fs::path source = from.admin_dir / db;
    if (!fs::is_regular_file(source, ec)) continue;
    fs::path copy = scratch / db;
    if (auto st = copy_database(source, copy); !st) return st.error();
    files.emplace_back(std::string(db), copy);
  }
  return files;
}

}  // namespace

Result<fs::path> create_backup(const Sources& from, const fs::path& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return make_error("cannot create the backup folder " + out_dir.string() + ": " + ec.message());
  fs::path target = unique_path(out_dir / backup_name());
  fs::path partial = target.string() + ".partial";
  ScratchDir scratch(out_dir);
  if (!scratch.ok()) return make_error("cannot write in the backup folder " + out_dir.string());
  auto files = collect(from, scratch.path());
  if (!files) return files.error();

  std::unique_ptr<archive, FreeWriter> zip(archive_write_new());
  archive_write_set_format_zip(zip.get());
  if (archive_write_open_filename(zip.get(), partial.c_str()) != ARCHIVE_OK)
    return make_error("cannot create " + partial.string() + ": " + archive_error_string(zip.get()));
  Status written = ok_status();
  for (const auto& [name, path] : *files)
    if (written = add_entry(zip.get(), name, path); !written) break;
  bool closed = archive_write_close(zip.get()) == ARCHIVE_OK;
  if (written && !closed) written = make_error("cannot finish " + partial.string());
  if (!written) {
    fs::remove(partial, ec);
    return written.error();
  }
  fs::rename(partial, target, ec);
  if (ec) {
    fs::remove(partial, ec);
    return make_error("cannot name the backup " + target.string() + ": " + ec.message());
  }
  return target;
}

}  // namespace nzbd::backup
