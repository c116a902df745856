// /config/naming, /config/naming/examples, /config/mediamanagement, /rename
// and the RenameFiles / RenameSeries commands.
#include "api_fixture.h"

namespace nzbd::sonarr::testing {
namespace {

TEST_F(SonarrTest, NamingConfigHasSonarrsDefaultsAndSaves) {
  auto j = get("/api/v3/config/naming").js();
  EXPECT_EQ(j["id"], 1);
  EXPECT_EQ(j["renameEpisodes"], false);
  EXPECT_EQ(j["replaceIllegalCharacters"], true);
  EXPECT_EQ(j["colonReplacementFormat"], 4);
  EXPECT_EQ(j["multiEpisodeStyle"], 5);
  EXPECT_EQ(j["standardEpisodeFormat"], "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}");
  EXPECT_EQ(j["dailyEpisodeFormat"], "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}");
  EXPECT_EQ(j["seriesFolderFormat"], "{Series Title}");
  EXPECT_EQ(j["seasonFolderFormat"], "Season {season}");
  EXPECT_EQ(j["specialsFolderFormat"], "Specials");

  j["renameEpisodes"] = true;
  j["seasonFolderFormat"] = "Season {season:00}";
  j["multiEpisodeStyle"] = 0;
  auto r = put("/api/v3/config/naming/1", j);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.js()["seasonFolderFormat"], "Season {season:00}");
  auto again = get("/api/v3/config/naming").js();
  EXPECT_EQ(again["renameEpisodes"], true);
  EXPECT_EQ(again["multiEpisodeStyle"], 0);
  EXPECT_EQ(get("/api/v3/config/naming/1").js(), again);
}

TEST_F(SonarrTest, NamingConfigRefusesBadFormats) {
  auto j = get("/api/v3/config/naming").js();
  j["renameEpisodes"] = true;
  j["standardEpisodeFormat"] = "{Series Title} - {Episode Title}";
  auto r = put("/api/v3/config/naming", j);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.js()[0]["propertyName"], "StandardEpisodeFormat");
  EXPECT_EQ(r.js()[0]["errorMessage"], "Must contain season and episode numbers OR Original Title");
  j = get("/api/v3/config/naming").js();
  j["multiEpisodeStyle"] = 9;
  EXPECT_EQ(put("/api/v3/config/naming", j).status, 400);
  j["multiEpisodeStyle"] = 5;
  j["seriesFolderFormat"] = "{Episode Title}";
  r = put("/api/v3/config/naming", j);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.js()[0]["errorMessage"], "Must contain series title");
  EXPECT_EQ(call("PUT", "/api/v3/config/naming", "not json").status, 400);
  EXPECT_EQ(get("/api/v3/config/naming").js()["seriesFolderFormat"], "{Series Title}");  // nothing saved
}

TEST_F(SonarrTest, NamingExamplesRenderTheSampleSeries) {
  auto off = get("/api/v3/config/naming/examples").js();
  EXPECT_EQ(off["singleEpisodeExample"], "The.Series.Title's!.S01E01.720p.HDTV.x264-EVOLVE");  // renaming off
  EXPECT_EQ(off["seriesFolderExample"], "The Series Title's!");
  EXPECT_EQ(off["seasonFolderExample"], "Season 1");
  EXPECT_EQ(off["specialsFolderExample"], "Specials");
  auto on = get("/api/v3/config/naming/examples?renameEpisodes=true&multiEpisodeStyle=5&seasonFolderFormat=Season%20%7Bseason%3A00%7D").js();
  EXPECT_EQ(on["singleEpisodeExample"], "The Series Title's! - S01E01 - Episode Title (1) HDTV-720p Proper");
  EXPECT_EQ(on["multiEpisodeExample"], "The Series Title's! - S01E01-E03 - Episode Title HDTV-720p Proper");
  EXPECT_EQ(on["dailyEpisodeExample"], "The Series Title's! - 2013-10-30 - Episode Title (1) HDTV-720p Proper");
  EXPECT_EQ(on["animeEpisodeExample"], "The Series Title's! - S01E01 - Episode Title (1) HDTV-720p v2");
  EXPECT_EQ(on["seasonFolderExample"], "Season 01");
  EXPECT_TRUE(on.contains("animeMultiEpisodeExample"));
}

TEST_F(SonarrTest, MediaManagementConfigDefaultsAndValidation) {
  auto j = get("/api/v3/config/mediamanagement").js();
  EXPECT_EQ(j["id"], 1);
  EXPECT_EQ(j["recycleBin"], "");
  EXPECT_EQ(j["recycleBinCleanupDays"], 7);
  EXPECT_EQ(j["downloadPropersAndRepacks"], "preferAndUpgrade");
  EXPECT_EQ(j["fileDate"], "none");
  EXPECT_EQ(j["rescanAfterRefresh"], "always");
  EXPECT_EQ(j["chmodFolder"], "755");
  EXPECT_EQ(j["episodeTitleRequired"], "always");
  EXPECT_EQ(j["minimumFreeSpaceWhenImporting"], 100);
  EXPECT_EQ(j["copyUsingHardlinks"], true);
  EXPECT_EQ(j["importExtraFiles"], false);
  EXPECT_EQ(j["extraFileExtensions"], "srt");
  EXPECT_EQ(j["enableMediaInfo"], true);

  j["minimumFreeSpaceWhenImporting"] = 50;
  auto r = put("/api/v3/config/mediamanagement/1", j);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.js()[0]["propertyName"], "MinimumFreeSpaceWhenImporting");
  j["minimumFreeSpaceWhenImporting"] = 200;
  j["recycleBin"] = (root_ / "no-such-bin").string();
  EXPECT_EQ(put("/api/v3/config/mediamanagement/1", j).status, 400);
  std::filesystem::create_directories(root_ / "bin");
  j["recycleBin"] = (root_ / "bin").string();
  j["fileDate"] = "LOCALAIRDATE";
  r = put("/api/v3/config/mediamanagement/1", j);
  ASSERT_EQ(r.status, 202) << r.body;
  auto saved = get("/api/v3/config/mediamanagement").js();
  EXPECT_EQ(saved["recycleBin"], (root_ / "bin").string());
  EXPECT_EQ(saved["fileDate"], "localAirDate");
  EXPECT_EQ(saved["minimumFreeSpaceWhenImporting"], 200);
}

TEST_F(SonarrTest, RenamePreviewAndRenameCommands) {
  auto s = add_test_show();
  int id = s["id"];
  std::filesystem::path folder = s["path"].get<std::string>();
  touch(folder / "Season 1" / "The.Test.Show.S01E01.720p.HDTV.x264-GRP.mkv");
  touch(folder / "Season 1" / "The.Test.Show.S01E02.720p.HDTV.x264-GRP.mkv");
  auto scan = post("/api/v3/command", {{"name", "RescanSeries"}, {"seriesId", id}});
  ASSERT_EQ(wait_command(scan.js()["id"])["status"], "completed");

  EXPECT_TRUE(get("/api/v3/rename?seriesId=" + std::to_string(id)).js().empty());  // renaming off
  auto naming = get("/api/v3/config/naming").js();
  naming["renameEpisodes"] = true;
  ASSERT_EQ(put("/api/v3/config/naming", naming).status, 202);
  auto preview = get("/api/v3/rename?seriesId=" + std::to_string(id) + "&seasonNumber=1").js();
  ASSERT_EQ(preview.size(), 2u) << preview.dump();
  EXPECT_EQ(preview[0]["seriesId"], id);
  EXPECT_EQ(preview[0]["seasonNumber"], 1);
  EXPECT_EQ(preview[0]["episodeNumbers"], json::array({1}));
  EXPECT_EQ(preview[0]["existingPath"], "Season 1/The.Test.Show.S01E01.720p.HDTV.x264-GRP.mkv");
  EXPECT_EQ(preview[0]["newPath"], "Season 1/The Test Show - S01E01 - Pilot HDTV-720p.mkv");
  EXPECT_TRUE(get("/api/v3/rename?seriesId=" + std::to_string(id) + "&seasonNumber=2").js().empty());
  EXPECT_EQ(get("/api/v3/rename").status, 400);
  EXPECT_EQ(get("/api/v3/rename?seriesId=999").status, 404);

  auto r = post("/api/v3/command", {{"name", "RenameFiles"}, {"seriesId", id}, {"files", {preview[0]["episodeFileId"]}}});
  auto done = wait_command(r.js()["id"]);
  EXPECT_EQ(done["status"], "completed") << done.dump();
  EXPECT_TRUE(std::filesystem::exists(folder / "Season 1" / "The Test Show - S01E01 - Pilot HDTV-720p.mkv"));
  EXPECT_EQ(get("/api/v3/rename?seriesId=" + std::to_string(id)).js().size(), 1u);

  r = post("/api/v3/command", {{"name", "RenameSeries"}, {"seriesIds", {id}}});
  EXPECT_EQ(wait_command(r.js()["id"])["status"], "completed");
  EXPECT_TRUE(std::filesystem::exists(folder / "Season 1" / "The Test Show - S01E02 - The Second One HDTV-720p.mkv"));
  EXPECT_TRUE(get("/api/v3/rename?seriesId=" + std::to_string(id)).js().empty());
  auto files = get("/api/v3/episodefile?seriesId=" + std::to_string(id)).js();
  for (const auto& f : files) EXPECT_NE(f["relativePath"].get<std::string>().find("The Test Show - S01E0"), std::string::npos);

  r = post("/api/v3/command", {{"name", "RenameFiles"}, {"seriesId", 999}, {"files", {1}}});
  EXPECT_EQ(wait_command(r.js()["id"])["status"], "failed");
}

}  // namespace
}  // namespace nzbd::sonarr::testing
