#include "api_fixture.h"
#include "pvr/library.h"

namespace nzbd::sonarr::testing {
namespace {

TEST_F(SonarrTest, MissingOrWrongKeyIs401WithEmptyBody) {
  auto r = call("GET", "/api/v3/system/status", "", {});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, "");
  r = call("GET", "/api/v3/series", "", {{"x-api-key", "wrong"}});
  EXPECT_EQ(r.status, 401);
  r = call("GET", "/api/v3/series?apikey=wrong", "", {});
  EXPECT_EQ(r.status, 401);
  r = call("GET", "/api/v3/series", "", {{"authorization", "Basic abc"}});
  EXPECT_EQ(r.status, 401);
}

TEST_F(SonarrTest, KeyFromHeaderQueryAnyCaseOrBearer) {
  EXPECT_EQ(call("GET", "/api/v3/system/status", "", {{"x-api-key", kKey}}).status, 200);
  EXPECT_EQ(call("GET", std::string("/api/system/status?apikey=") + kKey, "", {}).status, 200);
  EXPECT_EQ(call("GET", std::string("/api/v3/series?ApiKey=") + kKey, "", {}).status, 200);
  EXPECT_EQ(call("GET", "/api/v3/health", "", {{"authorization", std::string("Bearer ") + kKey}}).status, 200);
  // tsarr sends Content-Type: application/json even on GET.
  EXPECT_EQ(call("GET", "/api/v3/series", "", {{"x-api-key", kKey}, {"content-type", "application/json"}}).status, 200);
}

TEST_F(SonarrTest, PingIsAnonymousAndApiRootAdvertisesV3) {
  auto r = call("GET", "/ping", "", {});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.js(), json({{"status", "OK"}}));
  EXPECT_EQ(call("HEAD", "/ping", "", {}).status, 200);
  r = get("/api");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.js(), json({{"current", "v3"}, {"deprecated", json::array()}}));
  EXPECT_EQ(call("GET", "/api", "", {}).status, 401);
}

TEST_F(SonarrTest, SystemStatusHasSonarrFieldsAndV4Version) {
  auto r = get("/api/v3/system/status");
  ASSERT_EQ(r.status, 200);
  auto j = r.js();
  EXPECT_EQ(j["appName"], "Sonarr");
  EXPECT_EQ(j["version"], "4.0.9.2244");
  for (const char* key : {"instanceName", "buildTime", "isDebug", "isProduction", "isAdmin", "isUserInteractive",
                          "startupPath", "appData", "osName", "osVersion", "isNetCore", "isLinux", "isOsx",
                          "isWindows", "isDocker", "mode", "branch", "authentication", "sqliteVersion",
                          "migrationVersion", "urlBase", "runtimeVersion", "runtimeName", "startTime",
                          "packageUpdateMechanism", "databaseType", "databaseVersion"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["databaseType"], "sqLite");
  EXPECT_TRUE(j["isLinux"].get<bool>());
  EXPECT_EQ(j["migrationVersion"], pvr::kSchemaVersion);
  std::string start = j["startTime"];
  EXPECT_EQ(start.size(), 20u);
  EXPECT_EQ(start.back(), 'Z');
  bool has_version_header = false;
  for (const auto& [k, v] : r.raw.headers) has_version_header |= (k == "X-Application-Version" && v == "4.0.9.2244");
  EXPECT_TRUE(has_version_header);
  auto legacy = get("/api/system/status").js();
  EXPECT_EQ(legacy["isMono"], false);
}

TEST_F(SonarrTest, HealthIsHonestAboutMissingIndexers) {
  auto j = get("/api/v3/health").js();
  ASSERT_TRUE(j.is_array());
  ASSERT_FALSE(j.empty());
  EXPECT_EQ(j[0]["type"], "warning");
  EXPECT_EQ(j[0]["source"], "IndexerRssCheck");
  std::filesystem::create_directories(root_ / "gone");
  ASSERT_EQ(post("/api/v3/rootfolder", {{"path", (root_ / "gone").string()}}).status, 201);
  std::filesystem::remove(root_ / "gone");
  j = get("/api/v3/health").js();
  EXPECT_EQ(j.back()["source"], "RootFolderCheck");
  EXPECT_EQ(j.back()["type"], "error");
}

TEST_F(SonarrTest, UnknownResourcesAre404AndPathsAreCaseInsensitive) {
  EXPECT_EQ(get("/api/v3/nosuchthing").status, 404);
  EXPECT_EQ(get("/api/v3/seriesx").status, 404);
  EXPECT_EQ(get("/API/V3/System/Status").status, 200);
  EXPECT_EQ(get("/api/v3/series/").status, 200);
}

TEST_F(SonarrTest, QueueIsEmptyAndDiskSpaceIsReal) {
  auto q = get("/api/v3/queue?page=1&pageSize=20&includeUnknownSeriesItems=true").js();
  EXPECT_EQ(q["totalRecords"], 0);
  EXPECT_EQ(q["pageSize"], 20);
  EXPECT_EQ(q["records"], json::array());
  auto st = get("/api/v3/queue/status").js();
  EXPECT_EQ(st["totalCount"], 0);
  EXPECT_EQ(st["errors"], false);
  EXPECT_EQ(get("/api/v3/queue/5").status, 404);
  ASSERT_EQ(post("/api/v3/rootfolder", {{"path", tv_root()}}).status, 201);
  auto d = get("/api/v3/diskspace").js();
  ASSERT_EQ(d.size(), 2u);  // the data folder and the root folder
  for (const auto& item : d) {
    EXPECT_GT(item["totalSpace"].get<std::int64_t>(), 0);
    EXPECT_LE(item["freeSpace"].get<std::int64_t>(), item["totalSpace"].get<std::int64_t>());
  }
}

}  // namespace
}  // namespace nzbd::sonarr::testing
