#include "api_fixture.h"

#include <sqlite3.h>

namespace nzbd::sonarr::testing {
namespace {

TEST_F(SonarrTest, RescanSeriesFindsFilesAndCompletes) {
  auto s = add_test_show();
  int id = s["id"];
  std::filesystem::path folder = s["path"].get<std::string>();
  touch(folder / "Season 1" / "The.Test.Show.S01E01.720p.HDTV.x264-GRP.mkv");
  touch(folder / "Season 1" / "The.Test.Show.S01E02E03.1080p.WEB-DL.DD5.1.H.264-GRP.mkv");
  touch(folder / "Season 2" / "The Test Show - S02E01 - Second Season Start Bluray-1080p.mkv");

  auto r = post("/api/v3/command", {{"name", "RescanSeries"}, {"seriesId", id}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = r.js();
  EXPECT_EQ(c["name"], "RescanSeries");
  EXPECT_EQ(c["commandName"], "Rescan Series");
  EXPECT_EQ(c["body"]["seriesId"], id);
  EXPECT_EQ(c["trigger"], "manual");
  EXPECT_TRUE(c["status"] == "queued" || c["status"] == "started" || c["status"] == "completed");
  std::string location;
  for (const auto& [k, v] : r.raw.headers)
    if (k == "Location") location = v;
  EXPECT_EQ(location, "/api/v3/command/" + std::to_string(c["id"].get<int>()));

  auto done = wait_command(c["id"]);
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["result"], "successful");
  EXPECT_TRUE(done.contains("started"));
  EXPECT_TRUE(done.contains("ended"));
  EXPECT_TRUE(done.contains("duration"));
  EXPECT_NE(done["message"].get<std::string>().find("3 files added"), std::string::npos);
  auto eps = get("/api/v3/episode?seriesId=" + std::to_string(id)).js();
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(eps[i]["hasFile"].get<bool>()) << i;
  EXPECT_FALSE(eps[4]["hasFile"].get<bool>());
  EXPECT_EQ(get("/api/v3/wanted/missing").js()["totalRecords"], 1);

  bool listed = false;
  for (const auto& item : get("/api/v3/command").js()) listed |= item["id"] == c["id"];
  EXPECT_TRUE(listed);
}

TEST_F(SonarrTest, SearchesFailHonestlyWithoutIndexers) {
  add_test_show();
  // The spec's own curl example: lower-camel name, unquoted key.
  auto r = call("POST", std::string("/api/command?apikey=") + kKey, R"({name: "missingEpisodeSearch"})",
                {{"content-type", "application/json"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = r.js();
  EXPECT_EQ(c["name"], "MissingEpisodeSearch");
  EXPECT_TRUE(c.contains("state"));  // legacy fields on /api/command
  EXPECT_TRUE(c.contains("startedOn"));
  auto done = wait_command(c["id"]);
  EXPECT_EQ(done["status"], "failed");
  EXPECT_EQ(done["result"], "unsuccessful");
  EXPECT_NE(done["message"].get<std::string>().find("No indexers available"), std::string::npos);
  for (const char* name : {"EpisodeSearch", "SeasonSearch", "SeriesSearch", "RssSync"}) {
    auto rr = post("/api/v3/command", {{"name", name}, {"seriesId", 1}});
    ASSERT_EQ(rr.status, 201);
    EXPECT_EQ(wait_command(rr.js()["id"])["status"], "failed") << name;
  }
}

TEST_F(SonarrTest, UnknownOrMissingCommandNameIs400) {
  auto r = post("/api/v3/command", {{"name", "MakeCoffee"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.js()["message"].is_string());
  EXPECT_EQ(post("/api/v3/command", json::object()).status, 400);
  EXPECT_EQ(call("POST", "/api/v3/command", "]").status, 400);
  EXPECT_EQ(get("/api/v3/command/12345").status, 404);
}

TEST_F(SonarrTest, RefreshSeriesUpdatesMetadataAndAcceptsBothIdForms) {
  auto s = add_test_show();
  int id = s["id"];
  auto r = post("/api/v3/command", {{"name", "refreshseries"}, {"seriesIds", {id}}});
  ASSERT_EQ(r.status, 201);
  auto done = wait_command(r.js()["id"]);
  EXPECT_EQ(done["status"], "completed") << done.dump();
  EXPECT_TRUE(get("/api/v3/series/" + std::to_string(id)).js().contains("lastInfoSync"));
  r = post("/api/v3/command", {{"name", "RefreshSeries"}, {"seriesId", std::to_string(id)}});
  EXPECT_EQ(wait_command(r.js()["id"])["status"], "completed");
  r = post("/api/v3/command", {{"name", "RefreshSeries"}, {"seriesId", 999}});
  done = wait_command(r.js()["id"]);
  EXPECT_EQ(done["status"], "failed");
  EXPECT_NE(done["message"].get<std::string>().find("999"), std::string::npos);
  r = post("/api/v3/command", {{"name", "RenameSeries"}, {"seriesIds", {999}}});
  EXPECT_EQ(wait_command(r.js()["id"])["status"], "failed");  // renaming is real: an unknown series fails
}

TEST_F(SonarrTest, CommandRecordsSurviveARestart) {
  auto r = post("/api/v3/command", {{"name", "RssSync"}});
  int cid = r.js()["id"];
  wait_command(cid);
  api_->wait_idle();
  // A new instance over the same data folder still knows the command.
  SonarrOptions o;
  o.data_dir = root_ / "data";
  o.api_key = [] { return std::string(kKey); };
  o.tvmaze_base_url = tvmaze_.base_url();
  api_.reset();
  api_ = std::make_unique<SonarrApi>(o);
  EXPECT_EQ(get("/api/v3/command/" + std::to_string(cid)).js()["status"], "failed");
}

TEST_F(SonarrTest, DownloadedEpisodesScanImportsAFinishedDownload) {
  auto s = add_test_show();
  auto job = root_ / "downloads" / "The.Test.Show.S02E02.1080p.WEB-DL.DD5.1.H.264-GRP";
  touch(job / "The.Test.Show.S02E02.1080p.WEB-DL.DD5.1.H.264-GRP.mkv", 321);
  auto r = post("/api/v3/command", {{"name", "DownloadedEpisodesScan"}, {"path", job.string()},
                                    {"downloadClientId", "nzo_abc"}, {"importMode", "Move"}});
  ASSERT_EQ(r.status, 201);
  auto done = wait_command(r.js()["id"]);
  EXPECT_EQ(done["status"], "completed") << done.dump();
  EXPECT_NE(done["message"].get<std::string>().find("1 imported"), std::string::npos);
  auto files = get("/api/v3/episodefile?seriesId=" + std::to_string(s["id"].get<int>())).js();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0]["relativePath"], "Season 2/The.Test.Show.S02E02.1080p.WEB-DL.DD5.1.H.264-GRP.mkv");
  auto h = get("/api/v3/history").js();
  EXPECT_EQ(h["records"][0]["eventType"], "downloadFolderImported");
  EXPECT_EQ(h["records"][0]["downloadId"], "nzo_abc");
  r = post("/api/v3/command", {{"name", "DownloadedEpisodesScan"}});
  EXPECT_EQ(wait_command(r.js()["id"])["status"], "failed");  // no path
}

// Makes status writes of one command's row fail, as a full disk or a busy
// database would: a trigger in tv.db aborts the UPDATE.
void fail_status_writes(const std::filesystem::path& db, const std::string& name, const std::string& when) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  std::string sql = "CREATE TRIGGER fail_" + name + " BEFORE UPDATE ON commands WHEN OLD.name = '" + name +
                    "' AND (" + when + ") BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END";
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(h);
}

TEST_F(SonarrTest, ACommandWhoseStartCannotBeWrittenFailsAndTheNextOneRuns) {
  fail_status_writes(root_ / "data" / "tv.db", "RefreshMonitoredDownloads", "NEW.status = 'started'");
  auto r = post("/api/v3/command", {{"name", "RefreshMonitoredDownloads"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto failed = wait_command(r.js()["id"]);
  EXPECT_EQ(failed["status"], "failed") << failed.dump();
  EXPECT_NE(failed.value("message", "").find("disk I/O error"), std::string::npos) << failed.dump();

  auto next = post("/api/v3/command", {{"name", "RescanSeries"}});
  EXPECT_EQ(wait_command(next.js()["id"])["status"], "completed");
}

TEST_F(SonarrTest, ACommandWhoseRowCannotBeWrittenAtAllDoesNotStopTheCommandThread) {
  fail_status_writes(root_ / "data" / "tv.db", "RefreshMonitoredDownloads", "1");
  auto r = post("/api/v3/command", {{"name", "RefreshMonitoredDownloads"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto next = post("/api/v3/command", {{"name", "RescanSeries"}});
  EXPECT_EQ(wait_command(next.js()["id"])["status"], "completed");
}

}  // namespace
}  // namespace nzbd::sonarr::testing
