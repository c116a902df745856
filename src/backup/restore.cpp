// Restoring a backup: checked and staged while the daemon runs, put in place
// by renames at the next start (see backup.h).
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>

#include <fstream>
#include <memory>
#include <set>

#include "backup/backup.h"
#include "backup/files.h"
#include "backup/sqlite_copy.h"
#include "config/config.h"
#include "config/ini.h"
#include "util/files.h"

namespace nzbd::backup {
namespace fs = std::filesystem;

ScratchDir::ScratchDir(const fs::path& parent) {
  std::string tmpl = (parent / ".nzbd-backup-XXXXXX").string();
  if (::mkdtemp(tmpl.data())) path_ = tmpl;
}
ScratchDir::~ScratchDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}
fs::path ScratchDir::release() { return std::exchange(path_, {}); }

namespace {

constexpr uint64_t kMaxIniBytes = 4u << 20;
constexpr uint64_t kMaxDatabaseBytes = uint64_t{8} << 30;

struct FreeReader {
  void operator()(archive* a) const { archive_read_free(a); }
};

bool known_name(const std::string& name) {
  if (name == kIniName) return true;
  for (auto db : kDatabaseNames)
    if (name == db) return true;
  return false;
}

// Copies the current entry to `to`, refusing more than `limit` bytes whatever the header says.
Status extract_entry(archive* zip, const fs::path& to, uint64_t limit) {
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  if (!out) return make_error("cannot write " + to.string());
  char buf[64 * 1024];
  uint64_t total = 0;
  for (;;) {
    la_ssize_t n = archive_read_data(zip, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) return make_error("the backup is damaged: " + std::string(archive_error_string(zip) ? archive_error_string(zip) : "read error"));
    total += static_cast<uint64_t>(n);
    if (total > limit) return make_error(to.filename().string() + " in the backup is too large");
    out.write(buf, n);
  }
  out.close();
  if (!out) return make_error("cannot write " + to.string());
  return ok_status();
}

Status check_ini(const fs::path& path) {
  auto text = read_file(path);
  if (!text) return text.error();
  auto doc = config::parse_ini(*text);
  if (!doc) return make_error("nzbd.ini in the backup cannot be read: " + doc.message());
  return ok_status();
}

// Every entry of the zip into `dir`, each checked.
Status unpack_checked(std::string_view zip_bytes, const fs::path& dir) {
  std::unique_ptr<archive, FreeReader> zip(archive_read_new());
  archive_read_support_format_zip(zip.get());
  if (archive_read_open_memory(zip.get(), zip_bytes.data(), zip_bytes.size()) != ARCHIVE_OK)
    return make_error("this is not a backup made by nzbd (not a zip file)");
  std::set<std::string> seen;
  archive_entry* e = nullptr;
  int rc;
  while ((rc = archive_read_next_header(zip.get(), &e)) == ARCHIVE_OK) {
    const char* raw = archive_entry_pathname(e);
    std::string name = raw ? raw : "";
    if (!known_name(name) || archive_entry_filetype(e) != AE_IFREG)
      return make_error("this is not a backup made by nzbd: it holds " + (name.empty() ? "an unnamed entry" : name));
    if (!seen.insert(name).second) return make_error("the backup holds " + name + " twice");
    uint64_t limit = name == kIniName ? kMaxIniBytes : kMaxDatabaseBytes;
    if (auto st = extract_entry(zip.get(), dir / name, limit); !st) return st;
  }
  if (rc != ARCHIVE_EOF) return make_error("the backup is damaged: " + std::string(archive_error_string(zip.get()) ? archive_error_string(zip.get()) : "bad zip"));
  if (!seen.count(std::string(kIniName))) return make_error("this is not a backup made by nzbd: it has no nzbd.ini");
  if (auto st = check_ini(dir / kIniName); !st) return st;
  for (auto db : kDatabaseNames)
    if (seen.count(std::string(db)))
      if (auto st = check_database(dir / db); !st) return make_error("the backup's " + st.message());
  return ok_status();
}

// `current` goes aside as <current>.before-restore (an older kept copy is replaced).
Status set_aside(const fs::path& current) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(current, ec))) return ok_status();
  fs::path kept = current.string() + std::string(kKeptSuffix);
  fs::remove(kept, ec);
  return move_path(current, kept);
}

}  // namespace

Status stage_restore(std::string_view zip, const fs::path& home) {
  ScratchDir scratch(home);
  if (!scratch.ok()) return make_error("cannot write in the data folder " + home.string());
  if (auto st = unpack_checked(zip, scratch.path()); !st) return st;
  fs::path stage = home / kStageName;
  std::error_code ec;
  fs::remove_all(stage, ec);
  fs::rename(scratch.path(), stage, ec);
  if (ec) return make_error("cannot stage the restore in " + stage.string() + ": " + ec.message());
  scratch.release();
  return ok_status();
}

Result<bool> apply_staged_config(const fs::path& home) {
  fs::path stage = home / kStageName;
  std::error_code ec;
  if (!fs::is_directory(stage, ec)) return false;
  fs::path staged = stage / kIniName;
  if (fs::exists(staged, ec)) {
    fs::path current = home / kIniName;
    if (auto st = set_aside(current); !st) return st.error();
    if (auto st = move_path(staged, current); !st) return st.error();
  }
  return true;
}

Status apply_staged_databases(const fs::path& home, const fs::path& admin_dir) {
  fs::path stage = home / kStageName;
  std::error_code ec;
  if (!fs::is_directory(stage, ec)) return ok_status();
  fs::create_directories(admin_dir, ec);
  for (auto db : kDatabaseNames) {
    fs::path staged = stage / db;
    if (!fs::exists(staged, ec)) continue;  // a backup without it leaves the current one alone
    // The journal files belong to the database being replaced: never let the
    // restored file meet them.
    for (const char* suffix : {"-wal", "-shm", "-journal", ""})
      if (auto st = set_aside(admin_dir / (std::string(db) + suffix)); !st) return st;
    if (auto st = move_path(staged, admin_dir / db); !st) return st;
  }
  fs::remove_all(stage, ec);
  if (ec) return make_error("cannot remove " + stage.string() + ": " + ec.message());
  return ok_status();
}

}  // namespace nzbd::backup
