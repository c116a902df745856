#include "api_fixture.h"

namespace nzbd::sonarr::testing {
namespace {

TEST_F(SonarrTest, LookupSearchesTvMazeAndKeepsOnlyShowsWithTvdbIds) {
  auto r = get("/api/v3/series/lookup?term=test%20show");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.js();
  ASSERT_EQ(j.size(), 2u);  // the web-only show has no TheTVDB id
  EXPECT_EQ(j[0]["title"], "The Test Show");
  EXPECT_EQ(j[0]["tvdbId"], 300101);
  EXPECT_EQ(j[0]["tvMazeId"], 101);
  EXPECT_EQ(j[0]["imdbId"], "tt0000101");
  EXPECT_EQ(j[0]["year"], 2020);
  EXPECT_EQ(j[0]["status"], "continuing");
  EXPECT_FALSE(j[0].contains("id"));  // not in the library
  EXPECT_TRUE(j[0]["remotePoster"].is_string());
  EXPECT_EQ(j[0]["images"][0]["coverType"], "poster");
  EXPECT_EQ(j[1]["status"], "ended");
  EXPECT_FALSE(j[1].contains("lastInfoSync"));  // nulls are left out
  EXPECT_EQ(get("/api/v3/series/lookup?term=nothing").js(), json::array());
}

TEST_F(SonarrTest, LookupByTvdbIdAndAfterAdding) {
  auto j = get("/api/v3/series/lookup?term=tvdb:300101").js();
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["tvMazeId"], 101);
  EXPECT_EQ(get("/api/v3/series/lookup?term=tvdb:999").js(), json::array());
  auto added = add_test_show();
  j = get("/api/v3/series/lookup?term=tvdb:300101").js();
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], added["id"]);
}

TEST_F(SonarrTest, AddSeriesStoresShowSeasonsAndEpisodes) {
  auto s = add_test_show();
  EXPECT_GT(s["id"].get<int>(), 0);
  EXPECT_EQ(s["title"], "The Test Show");
  EXPECT_EQ(s["path"], tv_root() + "/The Test Show");
  EXPECT_EQ(s["rootFolderPath"], tv_root());
  EXPECT_EQ(s["qualityProfileId"], 1);
  EXPECT_EQ(s["languageProfileId"], 1);
  EXPECT_EQ(s["network"], "ABC");
  EXPECT_EQ(s["airTime"], "21:00");
  EXPECT_EQ(s["seriesType"], "standard");
  EXPECT_EQ(s["statistics"]["totalEpisodeCount"], 6);
  EXPECT_EQ(s["statistics"]["episodeFileCount"], 0);
  EXPECT_EQ(s["statistics"]["seasonCount"], 2);
  EXPECT_EQ(s["nextAiring"], "2099-01-06T02:00:00Z");
  EXPECT_EQ(s["previousAiring"], "2021-03-09T02:00:00Z");
  ASSERT_EQ(s["seasons"].size(), 2u);
  EXPECT_TRUE(s["seasons"][0]["monitored"].get<bool>());
  std::string added = s["added"];
  EXPECT_EQ(added.size(), 20u);

  auto list = get("/api/v3/series").js();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], s["id"]);
  EXPECT_EQ(get("/api/v3/series?tvdbId=300101").js().size(), 1u);
  EXPECT_EQ(get("/api/v3/series?tvdbId=1").js().size(), 0u);
  EXPECT_EQ(get("/api/v3/series/" + std::to_string(s["id"].get<int>())).js()["title"], "The Test Show");
}

TEST_F(SonarrTest, AddSeriesAcceptsNumbersAsStringsAndMonitorOptions) {
  ASSERT_EQ(post("/api/v3/rootfolder", {{"path", tv_root()}}).status, 201);
  auto r = post("/api/v3/series", {{"title", "The Test Show"}, {"tvdbId", "300101"}, {"qualityProfileId", "4"},
                                   {"rootFolderPath", tv_root()}, {"SeriesType", "ANIME"},
                                   {"addOptions", {{"monitor", "firstSeason"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto s = r.js();
  EXPECT_EQ(s["qualityProfileId"], 4);
  EXPECT_EQ(s["seriesType"], "anime");
  auto eps = get("/api/v3/episode?seriesId=" + std::to_string(s["id"].get<int>())).js();
  ASSERT_EQ(eps.size(), 6u);
  EXPECT_TRUE(eps[0]["monitored"].get<bool>());
  EXPECT_FALSE(eps[3]["monitored"].get<bool>());  // season 2
}

TEST_F(SonarrTest, AddSeriesValidationNamesTheFields) {
  auto r = post("/api/v3/series", json::object());
  ASSERT_EQ(r.status, 400);
  auto j = r.js();
  ASSERT_TRUE(j.is_array());
  std::set<std::string> props;
  for (const auto& f : j) {
    props.insert(f["propertyName"]);
    EXPECT_EQ(f["severity"], "error");
    EXPECT_TRUE(f["errorMessage"].is_string());
    EXPECT_TRUE(f["errorCode"].is_string());
  }
  EXPECT_TRUE(props.count("TvdbId"));
  EXPECT_TRUE(props.count("Title"));
  EXPECT_TRUE(props.count("QualityProfileId"));
  EXPECT_TRUE(props.count("Path"));

  r = call("POST", "/api/v3/series", "{not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.js().is_array());

  r = post("/api/v3/series", {{"title", "X"}, {"tvdbId", 300101}, {"qualityProfileId", 1}, {"rootFolderPath", "/nope"}});
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.js()[0]["propertyName"], "RootFolderPath");
  EXPECT_TRUE(get("/api/v3/series").js().empty());  // nothing half-written
}

TEST_F(SonarrTest, DuplicateAddIs400AndUnknownShowIs404) {
  add_test_show();
  auto r = post("/api/v3/series", {{"title", "The Test Show"}, {"tvdbId", 300101}, {"qualityProfileId", 1}, {"rootFolderPath", tv_root()}});
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.js()[0]["errorCode"], "SeriesExistsValidator");
  r = post("/api/v3/series", {{"title", "Nope"}, {"tvdbId", 777}, {"qualityProfileId", 1}, {"rootFolderPath", tv_root()}});
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(r.js()["message"].is_string());
  EXPECT_EQ(get("/api/v3/series").js().size(), 1u);
}

TEST_F(SonarrTest, UnknownSeriesIs404WithMessage) {
  for (const auto& r : {get("/api/v3/series/42"), put("/api/v3/series/42", {{"monitored", false}}), del("/api/v3/series/42"),
                        get("/api/v3/episode?seriesId=42")}) {
    EXPECT_EQ(r.status, 404);
    EXPECT_TRUE(r.js()["message"].is_string());
  }
}

TEST_F(SonarrTest, PutUpdatesSettingsAndReplies202) {
  auto s = add_test_show();
  std::string url = "/api/v3/series/" + std::to_string(s["id"].get<int>());
  s["monitored"] = false;
  s["seasons"][1]["monitored"] = false;
  s["tags"] = {3};
  auto r = put(url, s);
  ASSERT_EQ(r.status, 202) << r.body;
  auto j = r.js();
  EXPECT_FALSE(j["monitored"].get<bool>());
  EXPECT_FALSE(j["seasons"][1]["monitored"].get<bool>());
  EXPECT_EQ(j["tags"], json({3}));
  auto eps = get("/api/v3/episode?seriesId=" + std::to_string(s["id"].get<int>()) + "&seasonNumber=2").js();
  for (const auto& e : eps) EXPECT_FALSE(e["monitored"].get<bool>());
  EXPECT_EQ(put(url, {{"qualityProfileId", 99}}).status, 400);
  EXPECT_EQ(call("PUT", url, "[").status, 400);
}

TEST_F(SonarrTest, DeleteWithAndWithoutFiles) {
  auto s = add_test_show();
  std::filesystem::path folder = s["path"].get<std::string>();
  touch(folder / "keep.mkv");
  auto r = del("/api/v3/series/" + std::to_string(s["id"].get<int>()));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_TRUE(std::filesystem::exists(folder / "keep.mkv"));
  EXPECT_TRUE(get("/api/v3/series").js().empty());

  s = add_test_show();
  EXPECT_EQ(del("/api/v3/series/" + std::to_string(s["id"].get<int>()) + "?deleteFiles=true").status, 200);
  EXPECT_FALSE(std::filesystem::exists(folder));
  EXPECT_TRUE(std::filesystem::exists(tv_root()));  // the root folder stays
}

TEST_F(SonarrTest, LegacyApiServesTheSameSeries) {
  auto s = add_test_show();
  auto j = get("/api/series").js();
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], s["id"]);
  EXPECT_EQ(j[0]["profileId"], 1);
  EXPECT_EQ(j[0]["totalEpisodeCount"], 6);
}

TEST_F(SonarrTest, RateLimitedTvMazeIsRetried) {
  tvmaze_.rate_limit_next(2);
  auto r = get("/api/v3/series/lookup?term=test");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.js().size(), 2u);
  EXPECT_EQ(tvmaze_.requests(), 3);
}

}  // namespace
}  // namespace nzbd::sonarr::testing
