// A mode that throws (here: the history database) answers in SABnzbd's error
// shape with a 500, and the API goes on answering.
#include <stdexcept>

#include "history/api_fixture.h"

namespace nzbd::history::test {
namespace {

// The real store, but listing throws, as a corrupt database can.
class ThrowingHistory : public History {
 public:
  explicit ThrowingHistory(History& real) : real_(real) {}
  Status put(const Entry& e) override { return real_.put(e); }
  Result<Entry> get(const std::string& id) override { return real_.get(id); }
  Result<Page> query(const Query&) override { throw std::runtime_error("database disk image is malformed"); }
  Status remove(const std::vector<std::string>& ids, bool archive) override { return real_.remove(ids, archive); }
  Result<Totals> totals() override { return real_.totals(); }
  int64_t last_update() override { return real_.last_update(); }
  Result<int64_t> prune(const Retention& r, int64_t now) override { return real_.prune(r, now); }
  Status add_server_bytes(const std::string& s, int64_t b, int64_t t, int64_t ok) override {
    return real_.add_server_bytes(s, b, t, ok);
  }
  Result<std::vector<std::pair<std::string, ServerStats>>> server_stats() override { return real_.server_stats(); }

 private:
  History& real_;
};

TEST_F(SabHistory, AModeThatThrowsAnswersInSabnzbdsErrorShapeAndTheNextCallWorks) {
  ThrowingHistory throwing(*history);
  make_api(&throwing);
  auto r = call({{"mode", "history"}, {"output", "json"}});
  EXPECT_EQ(r.status, 500);
  auto j = Json::parse(r.body, nullptr, false);
  EXPECT_EQ(j, Json::parse(R"({"status": false, "error": "internal error: database disk image is malformed"})"))
      << r.body;
  EXPECT_FALSE(json({{"mode", "version"}, {"output", "json"}}).value("version", "").empty());
}

// Another connection holds the write lock (a backup, a second process) for as
// long as the object lives.
class WriteLock {
 public:
  explicit WriteLock(const std::filesystem::path& db) {
    EXPECT_EQ(sqlite3_open(db.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ~WriteLock() {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }

 private:
  sqlite3* db_ = nullptr;
};

TEST_F(SabHistory, ALockedDatabaseAnswersSabnzbdsErrorAndLosesNothing) {
  put(make_entry("f", "F", "Failed", 1));
  auto impatient = History::open(dir / "history.db", /*busy_timeout_ms=*/50);
  ASSERT_TRUE(impatient) << impatient.message();
  make_api(impatient->get());
  {
    WriteLock lock(dir / "history.db");
    auto st = (*impatient)->put(make_entry("g", "G", "Completed", 2));
    ASSERT_FALSE(st);
    EXPECT_EQ(st.kind(), ErrorKind::Busy) << st.message();
    auto j = json({{"mode", "history"}, {"name", "delete"}, {"value", "f"}, {"output", "json"}});
    EXPECT_EQ(j, Json::parse(R"({"status": false, "error": "history: cannot remove: database is locked"})")) << j;
    j = json({{"mode", "history"}, {"name", "mark_as_completed"}, {"value", "f"}, {"output", "json"}});
    EXPECT_EQ(j["status"], false) << j;
  }
  // The lock gone, the row is still there, failed as it was, and writes work again.
  auto e = (*impatient)->get("f");
  ASSERT_TRUE(e) << e.message();
  EXPECT_EQ(e->status, JobStatus::Failed);
  EXPECT_TRUE((*impatient)->put(make_entry("g", "G", "Completed", 2)));
  EXPECT_EQ(listed({{"mode", "history"}, {"output", "json"}}), (std::vector<std::string>{"g", "f"}));
}

TEST_F(SabHistory, AnUnknownIdIsNotFoundAndRetryAnswersNoItem) {
  auto e = history->get("nope");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.kind(), ErrorKind::NotFound);
  set_retry([](const Entry&, std::string, const http::FormFile*) -> Result<std::string> { return std::string("x"); });
  auto j = json({{"mode", "retry"}, {"value", "nope"}, {"output", "json"}});
  EXPECT_EQ(j["status"], false) << j;
  EXPECT_NE(j.value("error", "").find("item"), std::string::npos) << j;
}

TEST(HistoryStore, AFileThatIsNotADatabaseIsCorrupt) {
  nzbd::test::TempDir dir;
  nzbd::test::write_text(dir / "history.db", std::string(8192, 'z'));
  auto h = History::open(dir / "history.db");
  ASSERT_FALSE(h);
  EXPECT_EQ(h.kind(), ErrorKind::Corrupt) << h.message();
}

}  // namespace
}  // namespace nzbd::history::test
