// /delayprofile CRUD, validation and reorder; pending releases in /queue
// with their DELETE (blocklist) and POST /queue/grab refusals.
#include "api_fixture.h"
#include "pvr/db.h"
#include "pvr/decision/blocklist.h"
#include "pvr/decision/pending_releases.h"
#include "pvr/library.h"
#include "pvr/release_parser.h"
#include "pvr/time_util.h"

namespace nzbd::sonarr::testing {
namespace {

class DelayApiTest : public SonarrTest {
 protected:
  std::unique_ptr<pvr::Library> open_library() {
    auto lib = pvr::Library::open(root_ / "data" / "tv.db");
    EXPECT_TRUE(lib.ok()) << lib.message();
    return lib.ok() ? std::move(*lib) : nullptr;
  }

  int add_tag(const std::string& label) {
    auto r = post("/api/v3/tag", {{"label", label}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.js()["id"].get<int>();
  }
};

TEST_F(DelayApiTest, GlobalProfileCrudValidationAndReorder) {
  auto all = get("/api/v3/delayprofile").js();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0], json({{"enableUsenet", true},
                          {"enableTorrent", true},
                          {"preferredProtocol", "usenet"},
                          {"usenetDelay", 0},
                          {"torrentDelay", 0},
                          {"bypassIfHighestQuality", true},
                          {"bypassIfAboveCustomFormatScore", false},
                          {"minimumCustomFormatScore", 0},
                          {"order", 2147483647},
                          {"tags", json::array()},
                          {"id", 1}}));
  auto del_global = del("/api/v3/delayprofile/1");
  EXPECT_EQ(del_global.status, 405);
  EXPECT_EQ(del_global.js()["message"], "Cannot delete global delay profile");

  // A tagged profile needs tags, the global one must have none, one protocol must stay on.
  auto untagged = post("/api/v3/delayprofile", {{"usenetDelay", 60}});
  ASSERT_EQ(untagged.status, 400) << untagged.body;
  EXPECT_EQ(untagged.js()[0]["propertyName"], "Tags");
  int a = add_tag("a"), b = add_tag("b");
  auto global = all[0];
  global["tags"] = {a};
  EXPECT_EQ(put("/api/v3/delayprofile/1", global).status, 400);
  global["tags"] = json::array();
  global["enableUsenet"] = false;
  global["enableTorrent"] = false;
  auto none = put("/api/v3/delayprofile/1", global);
  ASSERT_EQ(none.status, 400);
  EXPECT_EQ(none.js()[0]["errorMessage"], "Either Usenet or Torrent should be enabled");
  EXPECT_EQ(post("/api/v3/delayprofile", {{"usenetDelay", -1}, {"tags", {a}}}).status, 400);
  EXPECT_EQ(post("/api/v3/delayprofile", {{"tags", {999}}}).status, 400) << "unknown tag";

  auto first = post("/api/v3/delayprofile", {{"usenetDelay", 60}, {"preferredProtocol", "usenet"}, {"tags", {a}}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.js()["order"], 1);
  EXPECT_EQ(first.js()["usenetDelay"], 60);
  auto shared = post("/api/v3/delayprofile", {{"tags", {a}}});
  ASSERT_EQ(shared.status, 400);
  EXPECT_EQ(shared.js()[0]["errorMessage"], "One or more tags is used in another profile");
  auto second = post("/api/v3/delayprofile", {{"usenetDelay", 5}, {"tags", {b}}});
  ASSERT_EQ(second.status, 201) << second.body;
  int id1 = first.js()["id"], id2 = second.js()["id"];
  EXPECT_EQ(second.js()["order"], 2);

  auto moved = put("/api/v3/delayprofile/reorder/" + std::to_string(id2), json::object());
  ASSERT_EQ(moved.status, 200) << moved.body;
  ASSERT_EQ(moved.js().size(), 3u);
  EXPECT_EQ(moved.js()[0]["id"], id2);
  EXPECT_EQ(moved.js()[1]["id"], id1);
  EXPECT_EQ(moved.js()[2]["id"], 1);
  moved = put("/api/v3/delayprofile/reorder/" + std::to_string(id2) + "?after=" + std::to_string(id1), json::object());
  EXPECT_EQ(moved.js()[0]["id"], id1);

  auto edited = first.js();
  edited["usenetDelay"] = 240;
  auto updated = put("/api/v3/delayprofile/" + std::to_string(id1), edited);
  ASSERT_EQ(updated.status, 202) << updated.body;
  EXPECT_EQ(get("/api/v3/delayprofile/" + std::to_string(id1)).js()["usenetDelay"], 240);
  EXPECT_EQ(del("/api/v3/delayprofile/" + std::to_string(id1)).status, 200);
  EXPECT_EQ(get("/api/v3/delayprofile/" + std::to_string(id1)).status, 404);
  EXPECT_EQ(get("/api/v3/delayprofile").js()[0]["order"], 1) << "renumbered after the delete";
}

TEST_F(DelayApiTest, PendingReleasesShowInTheQueueAndCanBeBlocklisted) {
  auto show = add_test_show();
  int series_id = show["id"];
  auto eps = get("/api/v3/episode?seriesId=" + std::to_string(series_id)).js();
  int e1 = eps[0]["id"];
  {
    auto lib = open_library();
    ASSERT_TRUE(lib);
    pvr::DownloadDecision d;
    d.remote.release.title = "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP";
    d.remote.release.guid = "g1";
    d.remote.release.size = 2000000000;
    d.remote.release.indexer = "Local";
    d.remote.release.publish_date = pvr::now_utc();
    d.remote.parsed = pvr::parse_release(d.remote.release.title);
    d.remote.series = pvr::must(lib->get_series(series_id));
    d.remote.episodes = pvr::must(lib->episodes_by_ids({e1}));
    ASSERT_TRUE(pvr::PendingReleases(*lib).add(d, "delay").ok());
  }
  auto page = get("/api/v3/queue").js();
  ASSERT_EQ(page["totalRecords"], 1) << page.dump();
  auto q = page["records"][0];
  EXPECT_EQ(q["status"], "delay");
  EXPECT_EQ(q["title"], "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP");
  EXPECT_EQ(q["episodeId"], e1);
  EXPECT_EQ(q["size"], 2000000000.0);
  EXPECT_EQ(q["sizeleft"], 2000000000.0);
  EXPECT_EQ(q["quality"]["quality"]["name"], "WEBDL-1080p");
  EXPECT_EQ(q["indexer"], "Local");
  EXPECT_FALSE(q.contains("downloadId")) << "a pending release is in no client";
  EXPECT_FALSE(q.contains("trackedDownloadState"));
  EXPECT_TRUE(q.contains("timeleft"));
  EXPECT_EQ(get("/api/v3/queue/status").js()["totalCount"], 1);

  EXPECT_EQ(post("/api/v3/queue/grab/12345", json::object()).status, 404);
  int id = q["id"];
  auto removed = del("/api/v3/queue/" + std::to_string(id) + "?blocklist=true");
  EXPECT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(get("/api/v3/queue").js()["totalRecords"], 0);
  auto blocked = get("/api/v3/blocklist").js();
  ASSERT_EQ(blocked["totalRecords"], 1);
  EXPECT_EQ(blocked["records"][0]["message"], "Pending release manually blocklisted");
  EXPECT_EQ(blocked["records"][0]["sourceTitle"], "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP");
}

}  // namespace
}  // namespace nzbd::sonarr::testing
