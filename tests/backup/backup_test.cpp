// Backup and restore on real files: the zip holds the ini and consistent
// copies of the databases (also rows still in the WAL), a hostile or damaged
// upload stages nothing, and applying a stage swaps the files by renames,
// keeps what it replaced and never lets a restored database meet the old
// one's journal — also when the first attempt was cut short.
#include "backup/backup.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <memory>

#include "support/temp_dir.h"
#include "util/files.h"

namespace nzbd::backup {
namespace {
namespace fs = std::filesystem;
using nzbd::test::TempDir;

// A database in WAL mode with `rows` rows, left open so the rows stay in the WAL.
struct LiveDb {
  explicit LiveDb(const fs::path& path, int rows) {
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t(v TEXT);", nullptr,
                 nullptr, nullptr);
    for (int i = 0; i < rows; ++i)
      sqlite3_exec(db, ("INSERT INTO t VALUES('row" + std::to_string(i) + "')").c_str(), nullptr, nullptr, nullptr);
  }
  ~LiveDb() { sqlite3_close(db); }
  sqlite3* db = nullptr;
};

int64_t count_rows(const fs::path& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  std::unique_ptr<archive, int (*)(archive*)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) return out;
  archive_entry* e;
  while (archive_read_next_header(a.get(), &e) == ARCHIVE_OK) {
    std::string data;
    char buf[8192];
    for (la_ssize_t n; (n = archive_read_data(a.get(), buf, sizeof buf)) > 0;) data.append(buf, size_t(n));
    out[archive_entry_pathname(e)] = data;
  }
  return out;
}

std::string zip_of(const std::map<std::string, std::string>& files) {
  std::string out(1 << 20, '\0');
  size_t used = 0;
  std::unique_ptr<archive, int (*)(archive*)> a(archive_write_new(), archive_write_free);
  archive_write_set_format_zip(a.get());
  archive_write_open_memory(a.get(), out.data(), out.size(), &used);
  for (const auto& [name, data] : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0600);
    archive_entry_set_size(e, la_int64_t(data.size()));
    archive_write_header(a.get(), e);
    archive_write_data(a.get(), data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a.get());
  out.resize(used);
  return out;
}

class Backup : public ::testing::Test {
 protected:
  void SetUp() override {
    home = tmp.path() / "home";
    admin = home / "admin";
    fs::create_directories(admin);
    ASSERT_TRUE(write_file_atomic(home / "nzbd.ini", "[misc]\nrefresh_rate = 7\n"));
  }
  std::string make_backup(int rows) {
    LiveDb live(admin / "history.db", rows);
    auto zip = create_backup(Sources{home / "nzbd.ini", admin}, tmp.path() / "out");
    EXPECT_TRUE(zip) << zip.message();
    if (!zip) return "";
    EXPECT_EQ(zip->extension(), ".zip");
    EXPECT_EQ(zip->filename().string().rfind("nzbd_backup_", 0), 0u) << *zip;
    return *read_file(*zip);
  }
  bool staged() const { return fs::exists(home / "restore"); }
  TempDir tmp;
  fs::path home, admin;
};

TEST_F(Backup, HoldsTheIniAndAConsistentCopyOfEachDatabase) {
  auto files = unzip(make_backup(25));
  ASSERT_EQ(files.size(), 2u) << "no tv.db yet, so only two entries";
  EXPECT_EQ(files["nzbd.ini"], "[misc]\nrefresh_rate = 7\n");
  fs::path copy = tmp.path() / "copy.db";
  ASSERT_TRUE(write_file_atomic(copy, files["history.db"]));
  EXPECT_EQ(count_rows(copy), 25) << "rows still in the WAL are in the copy";
  EXPECT_FALSE(fs::exists(tmp.path() / "copy.db-wal"));
  for (const auto& e : fs::directory_iterator(tmp.path() / "out"))
    EXPECT_EQ(e.path().extension(), ".zip") << "no scratch or partial file left: " << e.path();
}

TEST_F(Backup, AHostileOrDamagedUploadStagesNothing) {
  std::string good_ini = "[misc]\nrefresh_rate = 3\n";
  struct Case {
    const char* what;
    std::string zip;
    const char* says;
  };
  std::vector<Case> cases = {
      {"not a zip", "PK? not really", "not a zip"},
      {"a path outside", zip_of({{"nzbd.ini", good_ini}, {"../evil.sh", "x"}}), "../evil.sh"},
      {"an unknown file", zip_of({{"nzbd.ini", good_ini}, {"sabnzbd.ini", "x"}}), "sabnzbd.ini"},
      {"no ini", zip_of({{"history.db", "x"}}), "no nzbd.ini"},
      {"a damaged database", zip_of({{"nzbd.ini", good_ini}, {"history.db", std::string(4096, 'x')}}), "history.db"},
      {"an ini that does not parse", zip_of({{"nzbd.ini", "[misc\nbroken"}}), "nzbd.ini"},
  };
  for (const auto& c : cases) {
    auto st = stage_restore(c.zip, home);
    EXPECT_FALSE(st) << c.what;
    EXPECT_NE(st.message().find(c.says), std::string::npos) << c.what << ": " << st.message();
    EXPECT_FALSE(staged()) << c.what;
  }
  for (const auto& e : fs::directory_iterator(home))
    EXPECT_EQ(e.path().filename().string().rfind(".nzbd-backup-", 0), std::string::npos) << "scratch left: " << e.path();
  EXPECT_FALSE(fs::exists(tmp.path() / "evil.sh"));
}

TEST_F(Backup, ApplyingAStageSwapsTheFilesAndKeepsTheOldOnes) {
  std::string zip = make_backup(10);  // history.db now has 10 rows, backed up
  ASSERT_TRUE(write_file_atomic(home / "nzbd.ini", "[misc]\nrefresh_rate = 9\n"));
  {
    LiveDb later(admin / "history.db", 5);  // 15 rows, some only in the WAL
    ASSERT_TRUE(stage_restore(zip, home));
    EXPECT_TRUE(staged());
  }
  ASSERT_TRUE(write_file_atomic(admin / "history.db-wal", "stale journal of the old database"));
  auto first = apply_staged_config(home);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ(*read_file(home / "nzbd.ini"), "[misc]\nrefresh_rate = 7\n");
  EXPECT_EQ(*read_file(home / "nzbd.ini.before-restore"), "[misc]\nrefresh_rate = 9\n");
  // Cut short here (a kill): the next start finds the stage and goes on.
  auto again = apply_staged_config(home);
  ASSERT_TRUE(again && *again);
  EXPECT_EQ(*read_file(home / "nzbd.ini"), "[misc]\nrefresh_rate = 7\n");
  ASSERT_TRUE(apply_staged_databases(home, admin));
  EXPECT_EQ(count_rows(admin / "history.db"), 10);
  EXPECT_FALSE(fs::exists(admin / "history.db-wal")) << "the old journal must not meet the restored database";
  EXPECT_TRUE(fs::exists(admin / "history.db-wal.before-restore"));
  EXPECT_TRUE(fs::exists(admin / "history.db.before-restore"));
  EXPECT_FALSE(staged());
  auto none = apply_staged_config(home);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none) << "nothing staged any more";
}

}  // namespace
}  // namespace nzbd::backup
