#include "api_fixture.h"

namespace nzbd::sonarr::testing {
namespace {

TEST_F(SonarrTest, RootFolderRefusesWhatDoesNotExist) {
  auto r = post("/api/v3/rootfolder", {{"path", (root_ / "missing").string()}});
  ASSERT_EQ(r.status, 400);
  auto j = r.js();
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(j[0]["propertyName"], "Path");
  EXPECT_EQ(j[0]["severity"], "error");
  EXPECT_EQ(j[0]["attemptedValue"], (root_ / "missing").string());
  touch(root_ / "afile");
  EXPECT_EQ(post("/api/v3/rootfolder", {{"path", (root_ / "afile").string()}}).status, 400);
  EXPECT_EQ(post("/api/v3/rootfolder", {{"path", "relative/path"}}).status, 400);
  EXPECT_EQ(post("/api/v3/rootfolder", json::object()).status, 400);
  EXPECT_TRUE(get("/api/v3/rootfolder").js().empty());
}

TEST_F(SonarrTest, RootFolderCrud) {
  std::filesystem::create_directories(root_ / "tv" / "Unmapped Show");
  auto r = post("/api/v3/rootfolder", {{"path", tv_root() + "/"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.js();
  EXPECT_EQ(j["path"], tv_root());
  EXPECT_TRUE(j["accessible"].get<bool>());
  EXPECT_TRUE(j["freeSpace"].is_number());
  ASSERT_EQ(j["unmappedFolders"].size(), 1u);
  EXPECT_EQ(j["unmappedFolders"][0]["name"], "Unmapped Show");
  EXPECT_EQ(post("/api/v3/rootfolder", {{"path", tv_root()}}).status, 400);  // twice
  int id = j["id"];
  EXPECT_EQ(get("/api/v3/rootfolder/" + std::to_string(id)).js()["path"], tv_root());
  EXPECT_EQ(get("/api/v3/rootfolder").js().size(), 1u);
  EXPECT_EQ(del("/api/v3/rootfolder/" + std::to_string(id)).status, 200);
  EXPECT_EQ(del("/api/v3/rootfolder/" + std::to_string(id)).status, 404);
  EXPECT_TRUE(std::filesystem::exists(tv_root()));  // only the setting goes
}

TEST_F(SonarrTest, QualityProfilesAndDefinitionsUseSonarrsTable) {
  auto profiles = get("/api/v3/qualityprofile").js();
  ASSERT_GE(profiles.size(), 6u);
  EXPECT_EQ(profiles[0]["id"], 1);
  EXPECT_EQ(profiles[0]["name"], "Any");
  const auto& items = profiles[3]["items"];
  ASSERT_EQ(items.size(), 22u);
  bool webdl1080_allowed = false;
  for (const auto& i : items)
    if (i["quality"]["id"] == 3) webdl1080_allowed = i["allowed"];
  EXPECT_TRUE(webdl1080_allowed);  // HD-1080p allows WEBDL-1080p
  EXPECT_EQ(get("/api/v3/qualityprofile/4").js()["name"], "HD-1080p");
  EXPECT_EQ(get("/api/v3/qualityprofile/99").status, 404);
  EXPECT_EQ(get("/api/profile").js().size(), profiles.size());

  auto defs = get("/api/v3/qualitydefinition").js();
  ASSERT_EQ(defs.size(), 22u);
  EXPECT_EQ(defs[0]["quality"]["name"], "Unknown");
  auto one = get("/api/v3/qualitydefinition/3").js();
  EXPECT_EQ(one["title"], "WEBDL-1080p");
  EXPECT_EQ(one["quality"]["source"], "web");
  EXPECT_EQ(one["quality"]["resolution"], 1080);
  EXPECT_FALSE(get("/api/v3/qualitydefinition/21").js().contains("maxSize"));  // no limit = null = omitted
}

TEST_F(SonarrTest, LanguageProfileIsTheDeprecatedOne) {
  auto j = get("/api/v3/languageprofile").js();
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], 1);
  EXPECT_EQ(j[0]["name"], "Deprecated");
  EXPECT_EQ(get("/api/v3/languageprofile/1").js()["name"], "Deprecated");
  EXPECT_EQ(get("/api/v3/languageprofile/2").status, 404);
}

TEST_F(SonarrTest, TagCrud) {
  auto r = post("/api/v3/tag", {{"label", "Kids"}});
  ASSERT_EQ(r.status, 201);
  int id = r.js()["id"];
  EXPECT_EQ(r.js()["label"], "kids");
  EXPECT_EQ(post("/api/v3/tag", {{"label", "KIDS"}}).js()["id"], id);
  r = put("/api/v3/tag/" + std::to_string(id), {{"id", id}, {"label", "family"}});
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(get("/api/v3/tag/" + std::to_string(id)).js()["label"], "family");
  EXPECT_EQ(get("/api/v3/tag").js().size(), 1u);
  EXPECT_EQ(post("/api/v3/tag", {{"label", ""}}).status, 400);
  EXPECT_EQ(put("/api/v3/tag/77", {{"label", "x"}}).status, 404);
  EXPECT_EQ(del("/api/v3/tag/" + std::to_string(id)).status, 200);
  EXPECT_EQ(get("/api/v3/tag/" + std::to_string(id)).status, 404);
}

TEST_F(SonarrTest, ParseTitleAndMatchLibrary) {
  auto j = get("/api/v3/parse?title=Some.Show.S02E03E04.1080p.WEB-DL.DD5.1.H.264-GRP").js();
  ASSERT_TRUE(j.contains("parsedEpisodeInfo"));
  const auto& p = j["parsedEpisodeInfo"];
  EXPECT_EQ(p["seriesTitle"], "Some Show");
  EXPECT_EQ(p["seasonNumber"], 2);
  EXPECT_EQ(p["episodeNumbers"], json({3, 4}));
  EXPECT_EQ(p["quality"]["quality"]["name"], "WEBDL-1080p");
  EXPECT_EQ(p["releaseGroup"], "GRP");
  EXPECT_FALSE(j.contains("series"));

  add_test_show();
  j = get("/api/v3/parse?title=The.Test.Show.S01E02.720p.HDTV.x264-GRP").js();
  EXPECT_EQ(j["series"]["title"], "The Test Show");
  ASSERT_EQ(j["episodes"].size(), 1u);
  EXPECT_EQ(j["episodes"][0]["title"], "The Second One");
  j = get("/api/v3/parse?title=a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3").js();
  EXPECT_FALSE(j.contains("parsedEpisodeInfo"));
  EXPECT_EQ(get("/api/v3/parse").status, 400);
}

}  // namespace
}  // namespace nzbd::sonarr::testing
