#include "api_fixture.h"

namespace nzbd::sonarr::testing {
namespace {

class EpisodeApiTest : public SonarrTest {
 protected:
  void SetUp() override {
    series = add_test_show();
    id = series["id"].get<int>();
    sid = std::to_string(id);
  }
  json series;
  int id = 0;
  std::string sid;
};

TEST_F(EpisodeApiTest, BySeriesSeasonAndIds) {
  auto eps = get("/api/v3/episode?seriesId=" + sid).js();
  ASSERT_EQ(eps.size(), 6u);
  const auto& pilot = eps[0];
  EXPECT_EQ(pilot["seriesId"], id);
  EXPECT_EQ(pilot["seasonNumber"], 1);
  EXPECT_EQ(pilot["episodeNumber"], 1);
  EXPECT_EQ(pilot["title"], "Pilot");
  EXPECT_EQ(pilot["airDate"], "2020-01-06");              // network's own day
  EXPECT_EQ(pilot["airDateUtc"], "2020-01-07T02:00:00Z");  // UTC instant
  EXPECT_EQ(pilot["hasFile"], false);
  EXPECT_EQ(pilot["episodeFileId"], 0);
  EXPECT_EQ(pilot["absoluteEpisodeNumber"], 1);
  EXPECT_EQ(pilot["endTime"], "2020-01-07T03:00:00Z");
  EXPECT_EQ(get("/api/v3/episode?seriesId=" + sid + "&seasonNumber=2").js().size(), 3u);

  int a = eps[0]["id"], b = eps[4]["id"];
  auto by_ids = get("/api/v3/episode?episodeIds=" + std::to_string(a) + "&episodeIds=" + std::to_string(b)).js();
  ASSERT_EQ(by_ids.size(), 2u);
  EXPECT_EQ(get("/api/v3/episode?episodeIds=" + std::to_string(a) + "," + std::to_string(b)).js().size(), 2u);
  auto with_series = get("/api/v3/episode?episodeIds=" + std::to_string(a) + "&includeSeries=true").js();
  EXPECT_EQ(with_series[0]["series"]["title"], "The Test Show");

  auto r = get("/api/v3/episode");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.js()["message"].is_string());
  EXPECT_EQ(get("/api/episode").js()["message"], "seriesId is missing");
  EXPECT_EQ(get("/api/episode?seriesId=" + sid).js()[0]["seriesTitle"], "The Test Show");
}

TEST_F(EpisodeApiTest, MonitorToggleByPutAndEpisodeMonitor) {
  auto eps = get("/api/v3/episode?seriesId=" + sid).js();
  int first = eps[0]["id"];
  std::string url = "/api/v3/episode/" + std::to_string(first);
  auto r = put(url, {{"monitored", false}});
  ASSERT_EQ(r.status, 202);
  EXPECT_FALSE(r.js()["monitored"].get<bool>());
  EXPECT_FALSE(get(url).js()["monitored"].get<bool>());
  EXPECT_EQ(put(url, {{"monitored", "true"}}).js()["monitored"], true);  // lenient bool
  EXPECT_EQ(put(url, json::object()).status, 400);
  EXPECT_EQ(get("/api/v3/episode/99999").status, 404);

  json body = {{"episodeIds", {eps[1]["id"], eps[2]["id"]}}, {"monitored", false}};
  r = put("/api/v3/episode/monitor", body);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.js().size(), 2u);
  eps = get("/api/v3/episode?seriesId=" + sid).js();
  EXPECT_FALSE(eps[1]["monitored"].get<bool>());
  EXPECT_FALSE(eps[2]["monitored"].get<bool>());
  EXPECT_TRUE(eps[3]["monitored"].get<bool>());
  EXPECT_EQ(put("/api/v3/episode/monitor", {{"episodeIds", {99999}}, {"monitored", true}}).status, 404);
  EXPECT_EQ(put("/api/v3/episode/monitor", {{"monitored", true}}).status, 400);
}

TEST_F(EpisodeApiTest, CalendarUsesUtcRangeAndFlags) {
  auto j = get("/api/v3/calendar?start=2020-01-01T00:00:00Z&end=2020-01-31T00:00:00Z").js();
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["airDate"], "2020-01-06");
  EXPECT_EQ(j[0]["airDateUtc"], "2020-01-07T02:00:00Z");
  EXPECT_FALSE(j[0].contains("series"));
  // The pilot's UTC instant is Jan 7th: a range ending on the 7th at 01:00 misses it.
  EXPECT_EQ(get("/api/v3/calendar?start=2020-01-01T00:00:00Z&end=2020-01-07T01:00:00Z").js().size(), 0u);
  int first = j[0]["id"];
  put("/api/v3/episode/" + std::to_string(first), {{"monitored", false}});
  EXPECT_EQ(get("/api/v3/calendar?start=2020-01-01T00:00:00Z&end=2020-01-31T00:00:00Z").js().size(), 2u);
  j = get("/api/v3/calendar?start=2020-01-01T00:00:00Z&end=2020-01-31T00:00:00Z&unmonitored=true&includeSeries=true").js();
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["series"]["title"], "The Test Show");
  EXPECT_EQ(get("/api/v3/calendar?start=garbage").status, 400);
  EXPECT_TRUE(get("/api/v3/calendar").js().is_array());  // default window: today + 2 days
}

TEST_F(EpisodeApiTest, WantedMissingPagesLikeSonarr) {
  auto j = get("/api/v3/wanted/missing?page=1&pageSize=2&sortKey=episodes.airDateUtc&sortDirection=descending").js();
  EXPECT_EQ(j["page"], 1);
  EXPECT_EQ(j["pageSize"], 2);
  EXPECT_EQ(j["sortKey"], "episodes.airDateUtc");
  EXPECT_EQ(j["sortDirection"], "descending");
  EXPECT_EQ(j["totalRecords"], 5);  // the 2099 finale has not aired
  ASSERT_EQ(j["records"].size(), 2u);
  EXPECT_EQ(j["records"][0]["title"], "Middle");
  j = get("/api/v3/wanted/missing?page=3&pageSize=2").js();
  ASSERT_EQ(j["records"].size(), 1u);
  EXPECT_EQ(j["records"][0]["title"], "Pilot");
  EXPECT_EQ(j["sortKey"], "episodes.airDateUtc");  // the default
  j = get("/api/v3/wanted/missing?sortDirection=ascending&includeSeries=true").js();
  EXPECT_EQ(j["records"][0]["title"], "Pilot");
  EXPECT_EQ(j["records"][0]["series"]["id"], id);

  int pilot = j["records"][0]["id"];
  put("/api/v3/episode/" + std::to_string(pilot), {{"monitored", false}});
  EXPECT_EQ(get("/api/v3/wanted/missing").js()["totalRecords"], 4);
  j = get("/api/v3/wanted/missing?monitored=false").js();
  EXPECT_EQ(j["totalRecords"], 1);
  EXPECT_EQ(j["records"][0]["id"], pilot);
  // Sonarr 3 style.
  j = get("/api/wanted/missing?sortDir=asc&filterKey=monitored&filterValue=false").js();
  EXPECT_EQ(j["totalRecords"], 1);
  EXPECT_EQ(get("/api/missing?pageSize=100").js()["totalRecords"], 4);
  EXPECT_EQ(get("/api/v3/wanted/missing?page=-4&pageSize=abc").js()["page"], 1);
}

TEST_F(EpisodeApiTest, EpisodeFilesListAndDeleteFromDisk) {
  std::filesystem::path folder = series["path"].get<std::string>();
  touch(folder / "Season 1" / "The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP.mkv", 2048);
  touch(folder / "Season 1" / "The.Test.Show.S01E02.720p.HDTV.x264-OTHER.mkv", 1024);
  auto cmd = post("/api/v3/command", {{"name", "RescanSeries"}, {"seriesId", id}});
  ASSERT_EQ(cmd.status, 201);
  EXPECT_EQ(wait_command(cmd.js()["id"])["status"], "completed");

  auto files = get("/api/v3/episodefile?seriesId=" + sid).js();
  ASSERT_EQ(files.size(), 2u);
  const auto& f = files[0];
  EXPECT_EQ(f["seriesId"], id);
  EXPECT_EQ(f["seasonNumber"], 1);
  EXPECT_EQ(f["size"], 2048);
  EXPECT_EQ(f["relativePath"], "Season 1/The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP.mkv");
  EXPECT_EQ(f["quality"]["quality"]["name"], "WEBDL-1080p");
  EXPECT_EQ(f["quality"]["quality"]["source"], "web");
  EXPECT_EQ(f["quality"]["quality"]["resolution"], 1080);
  EXPECT_EQ(f["quality"]["revision"]["version"], 1);
  EXPECT_EQ(f["releaseGroup"], "GRP");
  EXPECT_EQ(f["languages"][0]["name"], "English");
  int fid = f["id"];
  EXPECT_EQ(get("/api/v3/episodefile/" + std::to_string(fid)).js()["path"], f["path"]);
  EXPECT_EQ(get("/api/v3/episodefile?episodeFileIds=" + std::to_string(fid)).js().size(), 1u);
  auto ep = get("/api/v3/episode?seriesId=" + sid + "&includeEpisodeFile=true").js()[0];
  EXPECT_TRUE(ep["hasFile"].get<bool>());
  EXPECT_EQ(ep["episodeFileId"], fid);
  EXPECT_EQ(ep["episodeFile"]["id"], fid);
  EXPECT_EQ(get("/api/v3/series/" + sid).js()["statistics"]["episodeFileCount"], 2);
  EXPECT_EQ(get("/api/v3/series/" + sid).js()["statistics"]["sizeOnDisk"], 3072);

  auto r = del("/api/v3/episodefile/" + std::to_string(fid));
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(std::filesystem::exists(f["path"].get<std::string>()));
  EXPECT_EQ(get("/api/v3/episodefile/" + std::to_string(fid)).status, 404);
  EXPECT_FALSE(get("/api/v3/episode?seriesId=" + sid).js()[0]["hasFile"].get<bool>());
  auto h = get("/api/v3/history?page=1&pageSize=10").js();
  EXPECT_EQ(h["records"][0]["eventType"], "episodeFileDeleted");
  EXPECT_EQ(get("/api/v3/episodefile").status, 400);
}

TEST_F(EpisodeApiTest, HistoryIsPaged) {
  auto h = get("/api/v3/history?page=1&pageSize=5").js();
  EXPECT_EQ(h["totalRecords"], 0);
  std::filesystem::path folder = series["path"].get<std::string>();
  for (int e = 1; e <= 3; ++e)
    touch(folder / ("The.Test.Show.S01E0" + std::to_string(e) + ".720p.HDTV.x264-GRP.mkv"));
  auto cmd = post("/api/v3/command", {{"name", "RescanSeries"}, {"seriesId", id}});
  ASSERT_EQ(wait_command(cmd.js()["id"])["status"], "completed");
  for (const auto& f : get("/api/v3/episodefile?seriesId=" + sid).js())
    ASSERT_EQ(del("/api/v3/episodefile/" + std::to_string(f["id"].get<int>())).status, 200);
  h = get("/api/v3/history?page=1&pageSize=2&includeSeries=true&includeEpisode=true").js();
  EXPECT_EQ(h["page"], 1);
  EXPECT_EQ(h["pageSize"], 2);
  EXPECT_EQ(h["sortKey"], "date");
  EXPECT_EQ(h["sortDirection"], "descending");
  EXPECT_EQ(h["totalRecords"], 3);
  ASSERT_EQ(h["records"].size(), 2u);
  EXPECT_EQ(h["records"][0]["eventType"], "episodeFileDeleted");
  EXPECT_EQ(h["records"][0]["series"]["id"], id);
  EXPECT_TRUE(h["records"][0]["episode"]["id"].is_number());
  EXPECT_EQ(h["records"][0]["data"]["reason"], "Manual");
  EXPECT_EQ(get("/api/v3/history?page=2&pageSize=2").js()["records"].size(), 1u);
  EXPECT_EQ(get("/api/v3/history?seriesId=999").js()["totalRecords"], 0);
}

TEST_F(EpisodeApiTest, HistoryFiltersByEventTypeNameOrNumberAndEpisode) {
  std::filesystem::path folder = series["path"].get<std::string>();
  for (int e = 1; e <= 2; ++e)
    touch(folder / ("The.Test.Show.S01E0" + std::to_string(e) + ".720p.HDTV.x264-GRP.mkv"));
  auto cmd = post("/api/v3/command", {{"name", "RescanSeries"}, {"seriesId", id}});
  ASSERT_EQ(wait_command(cmd.js()["id"])["status"], "completed");
  auto files = get("/api/v3/episodefile?seriesId=" + sid).js();
  ASSERT_EQ(files.size(), 2u);
  ASSERT_EQ(del("/api/v3/episodefile/" + std::to_string(files[0]["id"].get<int>())).status, 200);
  ASSERT_EQ(del("/api/v3/episodefile/" + std::to_string(files[1]["id"].get<int>())).status, 200);

  EXPECT_EQ(get("/api/v3/history?eventType=episodeFileDeleted").js()["totalRecords"], 2);
  EXPECT_EQ(get("/api/v3/history?eventType=5").js()["totalRecords"], 2);  // Sonarr's enum number
  EXPECT_EQ(get("/api/v3/history?eventType=grabbed").js()["totalRecords"], 0);
  EXPECT_EQ(get("/api/v3/history?eventType=1&eventType=5").js()["totalRecords"], 2);
  auto one = get("/api/v3/history?eventType=5&pageSize=1").js();
  EXPECT_EQ(one["totalRecords"], 2);
  ASSERT_EQ(one["records"].size(), 1u);
  int episode = one["records"][0]["episodeId"];
  EXPECT_EQ(get("/api/v3/history?episodeId=" + std::to_string(episode)).js()["totalRecords"], 1);
  auto bad = get("/api/v3/history?eventType=exploded");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("not a history event type"), std::string::npos);
}

}  // namespace
}  // namespace nzbd::sonarr::testing
