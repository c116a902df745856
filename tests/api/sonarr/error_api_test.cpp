// How the Sonarr API answers Library errors: an unknown id is Sonarr's 404
// ({message}), and a database another connection holds locked answers 503
// (try again) without losing what is stored; the same write works once the
// lock goes.
#include <sqlite3.h>

#include "api_fixture.h"

namespace nzbd::sonarr::testing {
namespace {

TEST_F(SonarrTest, UnknownSeriesAndEpisodeIdsAnswer404InSonarrsShape) {
  for (const char* url : {"/api/v3/series/99999", "/api/v3/episode/99999", "/api/v3/episodefile/99999"}) {
    auto r = get(url);
    EXPECT_EQ(r.status, 404) << url;
    ASSERT_TRUE(r.js().is_object()) << url << ": " << r.body;
    EXPECT_TRUE(r.js()["message"].is_string()) << url << ": " << r.body;
  }
  EXPECT_EQ(put("/api/v3/series/99999", {{"monitored", false}}).status, 404);
  EXPECT_EQ(del("/api/v3/series/99999").status, 404);
}

// Another process (a backup tool, sqlite3 in a shell) holding the file's write lock.
class HeldLock {
 public:
  explicit HeldLock(const std::filesystem::path& file) {
    EXPECT_EQ(sqlite3_open(file.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
  }
  ~HeldLock() { release(); }
  void release() {
    if (!db_) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

TEST_F(SonarrTest, LockedDatabaseAnswers503AndLosesNothing) {
  json show = add_test_show();
  const std::string url = "/api/v3/series/" + std::to_string(show["id"].get<int>());
  json changed = get(url).js();
  changed["monitored"] = false;

  HeldLock lock(root_ / "data" / "tv.db");
  auto busy = put(url, changed);  // waits the busy timeout, then gives up
  EXPECT_EQ(busy.status, 503) << busy.body;
  ASSERT_TRUE(busy.js().is_object()) << busy.body;
  EXPECT_TRUE(busy.js()["message"].is_string());
  bool retry_after = false;
  for (const auto& [name, value] : busy.raw.headers) retry_after |= name == "Retry-After";
  EXPECT_TRUE(retry_after);
  lock.release();

  json stored = get(url).js();
  EXPECT_EQ(stored["title"], "The Test Show");
  EXPECT_EQ(stored["monitored"], true);  // the refused write changed nothing
  EXPECT_EQ(stored["seasons"].size(), show["seasons"].size());
  auto again = put(url, changed);
  EXPECT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(get(url).js()["monitored"], false);
}

// Deletes answer by kind too: a held lock is 503 (try again), not a 400 that
// tells the client its request was wrong.
TEST_F(SonarrTest, DeletesOfARootFolderOrTagUnderALockAnswer503AndKeepTheRow) {
  auto folder = post("/api/v3/rootfolder", {{"path", tv_root()}});
  ASSERT_EQ(folder.status, 201) << folder.body;
  auto tag = post("/api/v3/tag", {{"label", "kept"}});
  ASSERT_EQ(tag.status, 201) << tag.body;
  const std::string folder_url = "/api/v3/rootfolder/" + std::to_string(folder.js()["id"].get<int>());
  const std::string tag_url = "/api/v3/tag/" + std::to_string(tag.js()["id"].get<int>());
  {
    HeldLock lock(root_ / "data" / "tv.db");
    EXPECT_EQ(del(folder_url).status, 503);
    EXPECT_EQ(del(tag_url).status, 503);
  }
  EXPECT_EQ(get(folder_url).status, 200);
  EXPECT_EQ(get(tag_url).status, 200);
  EXPECT_EQ(del(folder_url).status, 200);
  EXPECT_EQ(del(tag_url).status, 200);
  EXPECT_EQ(get(folder_url).status, 404);
  EXPECT_EQ(get(tag_url).status, 404);
}

}  // namespace
}  // namespace nzbd::sonarr::testing
