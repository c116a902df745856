// /blocklist, /releaseprofile and the ReleaseResource writer.
#include "api/sonarr/release_resource.h"
#include "api_fixture.h"
#include "pvr/decision/blocklist.h"
#include "pvr/library.h"

namespace nzbd::sonarr::testing {
namespace {

class DecisionApiTest : public SonarrTest {
 protected:
  // A second connection to the daemon's database, to seed blocklist rows the
  // way failed-download handling will.
  std::unique_ptr<pvr::Library> open_library() {
    auto lib = pvr::Library::open(root_ / "data" / "tv.db");
    EXPECT_TRUE(lib.ok()) << lib.message();
    return lib.ok() ? std::move(*lib) : nullptr;
  }
};

pvr::BlocklistEntry entry(int series_id, const std::string& title, const std::string& date) {
  pvr::BlocklistEntry e;
  e.series_id = series_id;
  e.episode_ids = {11, 12};
  e.source_title = title;
  e.date = date;
  e.published_date = "2026-06-01T10:00:00Z";
  e.size = 1234;
  e.indexer = "Local";
  e.message = "Failed download detected";
  e.quality.id = 3;
  e.quality.name = "WEBDL-1080p";
  e.languages = {"English"};
  return e;
}

TEST_F(DecisionApiTest, BlocklistIsPagedInSonarrsShapeAndDeletable) {
  int series_id = add_test_show()["id"].get<int>();
  auto lib = open_library();
  ASSERT_TRUE(lib);
  pvr::Blocklist store(*lib);
  int a = store.add(entry(series_id, "B.Release", "2026-05-01T00:00:00Z"))->id;
  int b = store.add(entry(series_id, "A.Release", "2026-05-02T00:00:00Z"))->id;
  int c = store.add(entry(series_id, "C.Release", "2026-05-03T00:00:00Z"))->id;

  auto r = get("/api/v3/blocklist?page=1&pageSize=2");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.js();
  EXPECT_EQ(j["sortKey"], "date");
  EXPECT_EQ(j["sortDirection"], "descending");
  EXPECT_EQ(j["totalRecords"], 3);
  ASSERT_EQ(j["records"].size(), 2u);
  const auto& rec = j["records"][0];
  EXPECT_EQ(rec["id"], c);
  EXPECT_EQ(rec["seriesId"], series_id);
  EXPECT_EQ(rec["episodeIds"], json::array({11, 12}));
  EXPECT_EQ(rec["sourceTitle"], "C.Release");
  EXPECT_EQ(rec["quality"]["quality"]["name"], "WEBDL-1080p");
  EXPECT_EQ(rec["quality"]["quality"]["resolution"], 1080);
  EXPECT_EQ(rec["quality"]["revision"]["version"], 1);
  EXPECT_EQ(rec["languages"][0]["name"], "English");
  EXPECT_EQ(rec["customFormats"], json::array());
  EXPECT_EQ(rec["protocol"], "usenet");
  EXPECT_EQ(rec["indexer"], "Local");
  EXPECT_EQ(rec["message"], "Failed download detected");
  EXPECT_EQ(rec["date"], "2026-05-03T00:00:00Z");
  EXPECT_EQ(rec["series"]["title"], "The Test Show");

  j = get("/api/v3/blocklist?sortKey=sourceTitle&sortDirection=ascending").js();
  EXPECT_EQ(j["sortKey"], "sourceTitle");
  EXPECT_EQ(j["records"][0]["sourceTitle"], "A.Release");
  EXPECT_EQ(get("/api/v3/blocklist?seriesIds=999").js()["totalRecords"], 0);
  EXPECT_EQ(get("/api/v3/blocklist?protocols=usenet").js()["totalRecords"], 3);

  EXPECT_EQ(del("/api/v3/blocklist/" + std::to_string(a)).status, 200);
  EXPECT_EQ(del("/api/v3/blocklist/" + std::to_string(a)).status, 404);
  auto bulk = call("DELETE", "/api/v3/blocklist/bulk", json{{"ids", {b, c}}}.dump());
  EXPECT_EQ(bulk.status, 200) << bulk.body;
  EXPECT_EQ(bulk.js(), json::object());
  EXPECT_EQ(get("/api/v3/blocklist").js()["totalRecords"], 0);
  EXPECT_EQ(call("DELETE", "/api/v3/blocklist/bulk", "not json").status, 400);
}

TEST_F(DecisionApiTest, ReleaseProfileCrudAndValidation) {
  auto created = post("/api/v3/releaseprofile", {{"name", "HEVC"}, {"required", {"x265", "HEVC"}}, {"ignored", "cam, ts"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto p = created.js();
  int id = p["id"].get<int>();
  EXPECT_EQ(p["name"], "HEVC");
  EXPECT_EQ(p["enabled"], true);
  EXPECT_EQ(p["required"], json::array({"x265", "HEVC"}));
  EXPECT_EQ(p["ignored"], json::array({"cam", "ts"}));
  EXPECT_EQ(p["indexerId"], 0);
  EXPECT_EQ(p["tags"], json::array());

  auto list = get("/api/v3/releaseprofile").js();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(get("/api/v3/releaseprofile/" + std::to_string(id)).js()["name"], "HEVC");
  EXPECT_EQ(get("/api/v3/releaseprofile/999").status, 404);

  p["enabled"] = false;
  p["tags"] = {3};
  auto updated = put("/api/v3/releaseprofile/" + std::to_string(id), p);
  ASSERT_EQ(updated.status, 202) << updated.body;
  EXPECT_EQ(updated.js()["enabled"], false);
  EXPECT_EQ(updated.js()["tags"], json::array({3}));

  auto empty = post("/api/v3/releaseprofile", {{"name", "nothing"}});
  ASSERT_EQ(empty.status, 400);
  EXPECT_EQ(empty.js()[0]["errorMessage"], "'Must contain' or 'Must not contain' is required");
  auto bad_regex = post("/api/v3/releaseprofile", {{"required", {"/([/"}}});
  EXPECT_EQ(bad_regex.status, 400);
  auto no_indexer = post("/api/v3/releaseprofile", {{"required", {"x"}}, {"indexerId", 42}});
  ASSERT_EQ(no_indexer.status, 400);
  EXPECT_EQ(no_indexer.js()[0]["errorMessage"], "Indexer does not exist");
  EXPECT_EQ(call("POST", "/api/v3/releaseprofile", "[1,2").status, 400);

  EXPECT_EQ(del("/api/v3/releaseprofile/" + std::to_string(id)).status, 200);
  EXPECT_EQ(del("/api/v3/releaseprofile/" + std::to_string(id)).status, 404);
  EXPECT_TRUE(get("/api/v3/releaseprofile").js().empty());
}

TEST(ReleaseResource, WritesSonarrsFields) {
  pvr::DownloadDecision d;
  d.remote.release.guid = "http://indexer/details/1";
  d.remote.release.title = "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP";
  d.remote.release.size = 2000;
  d.remote.release.indexer_id = 2;
  d.remote.release.indexer = "Local";
  d.remote.release.publish_date = "2026-06-01T09:00:00Z";
  d.remote.release.download_url = "http://indexer/getnzb/1";
  d.remote.release.tvdb_id = 300101;
  d.remote.parsed = pvr::parse_release(d.remote.release.title);
  pvr::Series s;
  s.id = 7;
  d.remote.series = s;
  pvr::Episode e;
  e.id = 70;
  e.season_number = 1;
  e.episode_number = 1;
  e.title = "Pilot";
  d.remote.episodes = {e};
  d.rejections = {{"Only 180 minutes old, minimum age is 240 minutes", true}};
  pvr::QualityProfile profile;
  profile.items = {{9, true}, {3, true}};

  json j = release_resource_json(d, &profile, 3, {70}, "2026-06-01T12:00:00Z");
  EXPECT_EQ(j["guid"], "http://indexer/details/1");
  EXPECT_EQ(j["quality"]["quality"]["name"], "WEBDL-1080p");
  EXPECT_EQ(j["qualityWeight"], 101);
  EXPECT_EQ(j["age"], 0);
  EXPECT_DOUBLE_EQ(j["ageHours"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(j["ageMinutes"].get<double>(), 180.0);
  EXPECT_EQ(j["approved"], false);
  EXPECT_EQ(j["temporarilyRejected"], true);
  EXPECT_EQ(j["rejected"], false);
  EXPECT_EQ(j["rejections"], json::array({"Only 180 minutes old, minimum age is 240 minutes"}));
  EXPECT_EQ(j["seriesTitle"], "The Test Show");
  EXPECT_EQ(j["seasonNumber"], 1);
  EXPECT_EQ(j["episodeNumbers"], json::array({1}));
  EXPECT_EQ(j["mappedSeasonNumber"], 1);
  EXPECT_EQ(j["mappedEpisodeNumbers"], json::array({1}));
  EXPECT_EQ(j["mappedEpisodeInfo"][0]["title"], "Pilot");
  EXPECT_EQ(j["mappedSeriesId"], 7);
  EXPECT_EQ(j["seriesId"], 7);
  EXPECT_EQ(j["episodeIds"], json::array({70}));
  EXPECT_EQ(j["episodeRequested"], true);
  EXPECT_EQ(j["downloadAllowed"], true);
  EXPECT_EQ(j["releaseWeight"], 3);
  EXPECT_EQ(j["releaseGroup"], "GRP");
  EXPECT_EQ(j["protocol"], "usenet");
  EXPECT_EQ(j["tvdbId"], 300101);
  EXPECT_EQ(j["publishDate"], "2026-06-01T09:00:00Z");
  EXPECT_EQ(j["customFormats"], json::array());

  // An unparsed release still reports the quality its name shows.
  pvr::DownloadDecision u;
  u.remote.release.title = "garbage 720p HDTV";
  u.rejections = {{"Unable to parse release", false}};
  json k = release_resource_json(u, nullptr, 0, {}, "2026-06-01T12:00:00Z");
  EXPECT_EQ(k["rejected"], true);
  EXPECT_EQ(k["downloadAllowed"], false);
  EXPECT_EQ(k["quality"]["quality"]["name"], "HDTV-720p");
  EXPECT_FALSE(k.contains("mappedSeriesId"));
}

}  // namespace
}  // namespace nzbd::sonarr::testing
