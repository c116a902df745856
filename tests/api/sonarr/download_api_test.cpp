// /downloadclient, /config/downloadclient and /queue over a scripted
// built-in client and the real tracker.
#include "api_fixture.h"
#include "api/sonarr/refresh_timer.h"
#include "pvr/download/client_store.h"
#include "pvr/download/fake_client.h"
#include "pvr/download/tracked_download.h"
#include "pvr/download/tracker.h"

namespace nzbd::sonarr::testing {
namespace {

class DownloadApiTest : public SonarrTest {
 protected:
  DownloadApiTest() {
    api_.reset();
    SonarrOptions o;
    o.data_dir = root_ / "data";
    o.api_key = [] { return std::string(kKey); };
    o.tvmaze_base_url = tvmaze_.base_url();
    o.builtin_download_client = fake_;
    api_ = std::make_unique<SonarrApi>(o);
  }

  // A grab of the show's first two episodes, tracked the way the grab path records it.
  pvr::TrackedDownload grab(const std::string& nzo_id, int series_id, std::vector<int> episode_ids) {
    auto lib = pvr::Library::open(root_ / "data" / "tv.db");  // a second connection to the same file
    EXPECT_TRUE(lib.ok());
    pvr::TrackedDownload d;
    d.download_client_id = api_->download_clients().list().at(0).id;
    d.download_id = nzo_id;
    d.series_id = series_id;
    d.episode_ids = std::move(episode_ids);
    d.title = "The.Test.Show.S01E01E02.720p.HDTV.x264-GRP";
    d.quality.id = 4;
    d.indexer = "Local";
    auto added = pvr::TrackedDownloads(**lib).add(d);
    EXPECT_TRUE(added.ok()) << added.message();
    return *added;
  }

  json sab_body(const std::string& name, int port) {
    return {{"name", name},
            {"implementation", "Sabnzbd"},
            {"configContract", "SabnzbdSettings"},
            {"enable", true},
            {"priority", 1},
            {"fields", json::array({{{"name", "host"}, {"value", "127.0.0.1"}},
                                    {{"name", "port"}, {"value", port}},
                                    {{"name", "apiKey"}, {"value", "secret-key"}},
                                    {{"name", "tvCategory"}, {"value", "tv"}}})}};
  }

  static json field(const json& resource, const std::string& name) {
    for (const auto& f : resource["fields"])
      if (f["name"] == name) return f;
    return nullptr;
  }

  std::shared_ptr<pvr::testing::FakeDownloadClient> fake_ = std::make_shared<pvr::testing::FakeDownloadClient>();
};

TEST_F(DownloadApiTest, BuiltinClientIsThereByDefault) {
  auto list = get("/api/v3/downloadclient").js();
  ASSERT_EQ(list.size(), 1u);
  auto c = list[0];
  EXPECT_EQ(c["name"], "nzbd");
  EXPECT_EQ(c["implementation"], "NzbdBuiltin");
  EXPECT_EQ(c["implementationName"], "nzbd (built-in)");
  EXPECT_EQ(c["protocol"], "usenet");
  EXPECT_EQ(c["enable"], true);
  EXPECT_EQ(c["priority"], 1);
  EXPECT_EQ(c["removeCompletedDownloads"], true);
  EXPECT_EQ(field(c, "tvCategory")["value"], "tv");
  EXPECT_EQ(field(c, "recentTvPriority")["value"], -100);
  EXPECT_EQ(field(c, "recentTvPriority")["selectOptions"].size(), 6u);
  EXPECT_TRUE(field(c, "host").is_null());
  EXPECT_EQ(get("/api/v3/downloadclient/" + std::to_string(c["id"].get<int>())).js()["name"], "nzbd");
  EXPECT_EQ(post("/api/v3/downloadclient/test", c).status, 200);
}

// /health says when no client is enabled, and when the last refresh could not reach one.
TEST_F(DownloadApiTest, HealthReportsUnreachableAndMissingDownloadClients) {
  auto has_check = [&](const std::string& type) {
    for (const auto& h : get("/api/v3/health").js())
      if (h["source"] == "DownloadClientCheck" && h["type"] == type) return h["message"].get<std::string>();
    return std::string();
  };
  EXPECT_EQ(has_check("error"), "");
  fake_->error = "connection refused";
  (void)api_->tracker().refresh();
  EXPECT_NE(has_check("error").find("connection refused"), std::string::npos) << get("/api/v3/health").body;
  fake_->error.clear();
  (void)api_->tracker().refresh();
  EXPECT_EQ(has_check("error"), "");
  auto client = get("/api/v3/downloadclient").js().at(0);
  client["enable"] = false;
  ASSERT_EQ(put("/api/v3/downloadclient/" + std::to_string(client["id"].get<int>()), client).status, 202);
  EXPECT_EQ(has_check("warning"), "No download client is available");
}

TEST_F(DownloadApiTest, SchemaHasBothImplementations) {
  auto schema = get("/api/v3/downloadclient/schema").js();
  ASSERT_EQ(schema.size(), 2u);
  json sab;
  for (const auto& t : schema)
    if (t["implementation"] == "Sabnzbd") sab = t;
  ASSERT_FALSE(sab.is_null());
  EXPECT_EQ(sab["configContract"], "SabnzbdSettings");
  EXPECT_EQ(sab["implementationName"], "SABnzbd");
  EXPECT_EQ(sab["infoLink"], "https://wiki.servarr.com/sonarr/supported#sabnzbd");
  EXPECT_EQ(sab["name"], "");
  EXPECT_EQ(sab["fields"].size(), 10u);
  EXPECT_EQ(field(sab, "port")["value"], 8080);
  EXPECT_EQ(field(sab, "host")["value"], "localhost");
  EXPECT_EQ(field(sab, "apiKey")["privacy"], "apiKey");
  EXPECT_EQ(field(sab, "password")["type"], "password");
  EXPECT_EQ(field(sab, "urlBase")["advanced"], true);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(sab["fields"][i]["order"], i);
}

TEST_F(DownloadApiTest, SabnzbdClientIsTestedBeforeSavingAndKeepsItsSecret) {
  // Nothing listens on port 1.
  auto r = post("/api/v3/downloadclient", sab_body("Remote", 1));
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.js()[0]["propertyName"], "Host");
  EXPECT_EQ(r.js()[0]["errorMessage"], "Unable to connect to SABnzbd");
  EXPECT_EQ(get("/api/v3/downloadclient").js().size(), 1u);
  EXPECT_EQ(post("/api/v3/downloadclient/test", sab_body("Remote", 1)).status, 400);

  r = post("/api/v3/downloadclient?forceSave=true", sab_body("Remote", 1));
  ASSERT_EQ(r.status, 201) << r.body;
  int id = r.js()["id"];
  EXPECT_EQ(field(r.js(), "apiKey")["value"], "********");
  EXPECT_EQ(field(r.js(), "port")["value"], 1);
  EXPECT_EQ(field(r.js(), "recentTvPriority")["value"], -100);  // left out: the default

  // The masked value keeps the stored key.
  auto body = r.js();
  body["priority"] = 3;
  body["enable"] = false;
  auto p = put("/api/v3/downloadclient/" + std::to_string(id), body);
  ASSERT_EQ(p.status, 202) << p.body;
  auto stored = api_->download_clients().get(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->settings.api_key, "secret-key");
  EXPECT_EQ(stored->priority, 3);
  EXPECT_FALSE(stored->enable);

  // Sorted by name.
  auto list = get("/api/v3/downloadclient").js();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["name"], "nzbd");
  EXPECT_EQ(list[1]["name"], "Remote");

  EXPECT_EQ(post("/api/v3/downloadclient/testall", json::object()).status, 200);  // the disabled one is skipped
  EXPECT_EQ(del("/api/v3/downloadclient/" + std::to_string(id)).status, 200);
  EXPECT_EQ(get("/api/v3/downloadclient/" + std::to_string(id)).status, 404);
}

TEST_F(DownloadApiTest, InvalidBodiesAreRejected) {
  auto b = sab_body("", 8080);
  auto r = post("/api/v3/downloadclient?forceSave=true", b);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.js()[0]["propertyName"], "Name");
  b = sab_body("nzbd", 8080);  // the built-in row's name, other case below
  b["name"] = "NZBD";
  EXPECT_EQ(post("/api/v3/downloadclient?forceSave=true", b).status, 400);
  b = sab_body("x", 70000);
  EXPECT_EQ(post("/api/v3/downloadclient?forceSave=true", b).status, 400);
  b = sab_body("x", 8080);
  b["implementation"] = "Transmission";
  EXPECT_EQ(post("/api/v3/downloadclient?forceSave=true", b).status, 400);
  b = sab_body("x", 8080);
  b.erase("fields");
  EXPECT_EQ(post("/api/v3/downloadclient?forceSave=true", b).status, 400);
  EXPECT_EQ(call("POST", "/api/v3/downloadclient", "not json").status, 400);
  EXPECT_EQ(put("/api/v3/downloadclient/99", sab_body("y", 8080)).status, 404);
}

TEST_F(DownloadApiTest, DownloadClientConfigRoundTrips) {
  auto c = get("/api/v3/config/downloadclient").js();
  EXPECT_EQ(c["id"], 1);
  EXPECT_EQ(c["enableCompletedDownloadHandling"], true);
  EXPECT_EQ(c["autoRedownloadFailed"], true);
  EXPECT_EQ(c["autoRedownloadFailedFromInteractiveSearch"], true);
  EXPECT_EQ(c["downloadClientWorkingFolders"], "_UNPACK_|_FAILED_");
  c["autoRedownloadFailed"] = false;
  auto r = put("/api/v3/config/downloadclient/1", c);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(get("/api/v3/config/downloadclient").js()["autoRedownloadFailed"], false);
  EXPECT_EQ(api_->download_clients().config().auto_redownload_failed, false);
}

TEST_F(DownloadApiTest, QueueShowsTrackedDownloadsPerEpisode) {
  auto show = add_test_show();
  int series_id = show["id"];
  auto eps = get("/api/v3/episode?seriesId=" + std::to_string(series_id)).js();
  int e1 = eps[0]["id"], e2 = eps[1]["id"];
  grab("nzo_1", series_id, {e1, e2});
  auto& item = fake_->put("nzo_1", "downloading");
  item.time_left_seconds = 90061;  // 1 day, 01:01:01
  ASSERT_TRUE(api_->tracker().refresh().ok());

  auto page = get("/api/v3/queue?includeSeries=true&includeEpisode=true").js();
  EXPECT_EQ(page["totalRecords"], 2);
  EXPECT_EQ(page["sortKey"], "timeleft");
  ASSERT_EQ(page["records"].size(), 2u);
  auto q = page["records"][0];
  EXPECT_EQ(q["seriesId"], series_id);
  EXPECT_TRUE(q["episodeId"] == e1 || q["episodeId"] == e2);
  EXPECT_EQ(q["seasonNumber"], 1);
  EXPECT_EQ(q["title"], "The.Test.Show.S01E01E02.720p.HDTV.x264-GRP");
  EXPECT_EQ(q["size"], 1000.0);
  EXPECT_EQ(q["sizeleft"], 400.0);
  EXPECT_EQ(q["timeleft"], "1.01:01:01");
  EXPECT_TRUE(q.contains("estimatedCompletionTime"));
  EXPECT_EQ(q["status"], "downloading");
  EXPECT_EQ(q["trackedDownloadStatus"], "ok");
  EXPECT_EQ(q["trackedDownloadState"], "downloading");
  EXPECT_EQ(q["downloadId"], "nzo_1");
  EXPECT_EQ(q["protocol"], "usenet");
  EXPECT_EQ(q["downloadClient"], "nzbd");
  EXPECT_EQ(q["indexer"], "Local");
  EXPECT_EQ(q["episodeHasFile"], false);
  EXPECT_EQ(q["quality"]["quality"]["name"], "HDTV-720p");
  EXPECT_EQ(q["series"]["title"], "The Test Show");
  EXPECT_TRUE(q["episode"].contains("episodeNumber"));
  EXPECT_NE(page["records"][0]["id"], page["records"][1]["id"]);
  EXPECT_FALSE(get("/api/v3/queue").js()["records"][0].contains("series"));

  auto status = get("/api/v3/queue/status").js();
  EXPECT_EQ(status["totalCount"], 2);
  EXPECT_EQ(status["count"], 2);
  EXPECT_EQ(status["unknownCount"], 0);
  EXPECT_EQ(status["errors"], false);

  EXPECT_EQ(get("/api/v3/queue/details?seriesId=" + std::to_string(series_id)).js().size(), 2u);
  EXPECT_EQ(get("/api/v3/queue/details?episodeIds=" + std::to_string(e2)).js().size(), 1u);
  EXPECT_EQ(get("/api/v3/queue/details?seriesId=999").js().size(), 0u);
  auto paged = get("/api/v3/queue?page=5&pageSize=1").js();
  EXPECT_EQ(paged["page"], 2);  // past the end: the last page
  EXPECT_EQ(paged["records"].size(), 1u);

  auto legacy = get("/api/queue").js();  // Sonarr 2/3: a plain array with series and episode
  ASSERT_TRUE(legacy.is_array());
  ASSERT_EQ(legacy.size(), 2u);
  EXPECT_EQ(legacy[0]["series"]["title"], "The Test Show");

  // Removing one row stops tracking the whole download.
  int row = page["records"][0]["id"];
  EXPECT_EQ(del("/api/v3/queue/" + std::to_string(row) + "?removeFromClient=true").status, 200);
  ASSERT_EQ(fake_->removed.size(), 1u);
  EXPECT_EQ(fake_->removed[0].first, "nzo_1");
  EXPECT_EQ(get("/api/v3/queue").js()["totalRecords"], 0);
  EXPECT_EQ(del("/api/v3/queue/" + std::to_string(row)).status, 404);
}

TEST_F(DownloadApiTest, BulkRemoveWithBlocklistMarksFailed) {
  auto show = add_test_show();
  int series_id = show["id"];
  auto eps = get("/api/v3/episode?seriesId=" + std::to_string(series_id)).js();
  grab("nzo_a", series_id, {eps[0]["id"].get<int>()});
  grab("nzo_b", series_id, {eps[1]["id"].get<int>()});
  std::vector<std::string> failed;
  api_->tracker().set_on_failed([&](const pvr::TrackedDownload& td, const std::string& message, bool skip) {
    failed.push_back(td.download_id + ":" + message + (skip ? ":skip" : ""));
  });
  auto page = get("/api/v3/queue").js();
  ASSERT_EQ(page["totalRecords"], 2);
  json ids = json::array({page["records"][0]["id"], page["records"][1]["id"]});
  auto r = call("DELETE", "/api/v3/queue/bulk?removeFromClient=false&blocklist=true&skipRedownload=true",
                json{{"ids", ids}}.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  std::sort(failed.begin(), failed.end());
  EXPECT_EQ(failed, (std::vector<std::string>{"nzo_a:Manually marked as failed:skip",
                                              "nzo_b:Manually marked as failed:skip"}));
  EXPECT_TRUE(fake_->removed.empty());
  EXPECT_EQ(get("/api/v3/queue").js()["totalRecords"], 0);
  int failed_rows = 0;
  auto history = get("/api/v3/history?pageSize=50").js();
  for (const auto& h : history["records"]) failed_rows += h["eventType"] == "downloadFailed";
  EXPECT_EQ(failed_rows, 2);
  EXPECT_EQ(call("DELETE", "/api/v3/queue/bulk", R"({"ids":[12345]})").status, 404);
}

TEST_F(DownloadApiTest, HistoryMarkAsFailedBlocklistsTheGrabAndSearchesAgain) {
  auto show = add_test_show();
  int series_id = show["id"];
  int episode = get("/api/v3/episode?seriesId=" + std::to_string(series_id)).js()[0]["id"];
  grab("nzo_m", series_id, {episode});
  {
    auto lib = pvr::Library::open(root_ / "data" / "tv.db");
    ASSERT_TRUE(lib.ok());
    pvr::HistoryEvent grabbed;
    grabbed.series_id = series_id;
    grabbed.episode_id = episode;
    grabbed.source_title = "The.Test.Show.S01E01E02.720p.HDTV.x264-GRP";
    grabbed.event_type = "grabbed";
    grabbed.download_id = "nzo_m";
    ASSERT_TRUE((*lib)->add_history(grabbed).ok());
  }
  std::vector<std::string> failed;
  api_->tracker().set_on_failed([&](const pvr::TrackedDownload& td, const std::string& message, bool skip) {
    failed.push_back(td.download_id + ":" + message + (skip ? ":skip" : ""));
  });
  auto grabs = get("/api/v3/history?eventType=grabbed").js();
  ASSERT_EQ(grabs["totalRecords"], 1);
  std::string id = std::to_string(grabs["records"][0]["id"].get<int>());
  EXPECT_EQ(get("/api/v3/history/failed/" + id).status, 405);
  auto r = post("/api/v3/history/failed/" + id, json::object());
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(failed, (std::vector<std::string>{"nzo_m:Manually marked as failed"}));
  ASSERT_EQ(fake_->removed.size(), 1u) << "the client removes failed downloads";
  EXPECT_EQ(fake_->removed[0].first, "nzo_m");
  auto after = get("/api/v3/history?eventType=downloadFailed").js();
  ASSERT_EQ(after["totalRecords"], 1);
  EXPECT_EQ(after["records"][0]["downloadId"], "nzo_m");
  EXPECT_EQ(get("/api/v3/queue").js()["totalRecords"], 0);
  auto again = post("/api/v3/history/failed/" + id, json::object());
  EXPECT_EQ(again.status, 400);
  EXPECT_NE(again.body.find("already marked as failed"), std::string::npos);
  EXPECT_EQ(post("/api/v3/history/failed/99999", json::object()).status, 404);
}

TEST_F(DownloadApiTest, UnmappedDownloadsAreHiddenUnlessAsked) {
  grab("nzo_x", 0, {});
  EXPECT_EQ(get("/api/v3/queue").js()["totalRecords"], 0);
  auto page = get("/api/v3/queue?includeUnknownSeriesItems=true").js();
  ASSERT_EQ(page["totalRecords"], 1);
  EXPECT_FALSE(page["records"][0].contains("episodeId"));
  EXPECT_EQ(get("/api/v3/queue/status").js()["unknownCount"], 1);
}

TEST(RefreshTimer, RunsEveryIntervalAndSoonAfterATrigger) {
  std::atomic<int> runs{0};
  {
    RefreshTimer slow(std::chrono::hours(1), [&] { ++runs; });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(runs.load(), 0);  // like Sonarr: nothing runs at start
    slow.trigger(std::chrono::milliseconds(10));
    for (int i = 0; i < 200 && runs.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(runs.load(), 1);
  }
  runs = 0;
  {
    RefreshTimer fast(std::chrono::milliseconds(20), [&] { ++runs; });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_GE(runs.load(), 3);
}

}  // namespace
}  // namespace nzbd::sonarr::testing
