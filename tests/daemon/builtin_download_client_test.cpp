#include "daemon/builtin_download_client.h"

#include <gtest/gtest.h>

#include <map>

#include "api/sab/sab_api.h"
#include "http/server.h"
#include "pvr/download/grab.h"
#include "pvr/download/sabnzbd_client.h"
#include "pvr/download/tracker.h"
#include "support/temp_dir.h"
#include "util/warnings.h"

namespace nzbd::daemon {
namespace {
namespace fs = std::filesystem;

std::string test_nzb() { return test::read_text(fs::path(NZBD_SOURCE_DIR) / "tests/data/nzb/nyuu.nzb"); }

class BuiltinClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir / "nzbd.ini");
    ASSERT_TRUE(cfg.ok()) << cfg.message();
    config = std::make_unique<config::ConfigStore>(std::move(*cfg));
    (void)config->write("misc", [&](config::Config& c) {
      c.set_misc("admin_dir", (dir / "admin").string());
      c.set_misc("download_dir", (dir / "incomplete").string());
      c.set_misc("complete_dir", (dir / "complete").string());
    });
    fs::create_directories(dir / "admin");
    auto h = history::History::open(dir / "admin" / "history.db");
    ASSERT_TRUE(h.ok()) << h.message();
    history = std::move(*h);
    queue = std::make_unique<queue::Queue>(*config);
    ASSERT_TRUE(queue->load().ok());
    client = std::make_unique<BuiltinDownloadClient>(*queue, *history, *config);
  }
  void TearDown() override {
    if (queue) queue->stop();
  }

  history::Entry entry(const std::string& id, const std::string& status, const std::string& cat) {
    history::Entry e;
    e.nzo_id = id;
    e.name = "Show.S01E0" + id.substr(id.size() - 1) + ".720p-GRP";
    e.category = cat;
    e.status = history::parse_job_status(status).value();
    e.bytes = 4242;
    e.completed = 1700000000;
    return e;
  }

  std::map<std::string, pvr::DownloadItem> items(pvr::DownloadClient& c, const std::string& cat) {
    auto r = c.items(cat);
    EXPECT_TRUE(r.ok()) << r.message();
    std::map<std::string, pvr::DownloadItem> out;
    if (r) for (auto& i : *r) out[i.download_id] = i;
    return out;
  }

  test::TempDir dir;
  WarningLog warnings;
  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<history::History> history;
  std::unique_ptr<queue::Queue> queue;
  std::unique_ptr<BuiltinDownloadClient> client;
};

TEST_F(BuiltinClientTest, AddsToTheQueueWithNameCategoryAndPriority) {
  auto id = client->add_nzb({test_nzb(), "Show.S01E01.720p.HDTV.x264-GRP", "tv", 1});
  ASSERT_TRUE(id.ok()) << id.message();
  bool found = queue->with_jobs([&](const queue::JobList& jobs, const queue::QueueStatus&) {
    for (const auto* j : jobs)
      if (j->nzo_id == *id) {
        EXPECT_EQ(j->name, "Show.S01E01.720p.HDTV.x264-GRP");
        EXPECT_EQ(j->category, "tv");
        EXPECT_EQ(j->priority, 1);
        return true;
      }
    return false;
  });
  EXPECT_TRUE(found);
  auto listed = items(*client, "tv");
  ASSERT_EQ(listed.count(*id), 1u);
  EXPECT_EQ(listed[*id].status, "queued");  // nothing downloads: no servers
  EXPECT_EQ(listed[*id].title, "Show.S01E01.720p.HDTV.x264-GRP");
  EXPECT_GT(listed[*id].total_size, 0);
  EXPECT_EQ(listed[*id].remaining_size, listed[*id].total_size);
  EXPECT_TRUE(items(*client, "movies").empty());
  EXPECT_FALSE(client->add_nzb({"<html>not an nzb</html>", "x", "tv", 0}).ok());
}

TEST_F(BuiltinClientTest, HistoryRowsMapToCompletedFailedAndPostProcessing) {
  auto done = entry("h1", "Completed", "tv");
  done.storage = (dir / "complete" / "tv" / done.name).string();
  ASSERT_TRUE(history->put(done).ok());
  auto failed = entry("h2", "Failed", "tv");
  failed.fail_message = "Aborted, cannot be completed";
  ASSERT_TRUE(history->put(failed).ok());
  ASSERT_TRUE(history->put(entry("h3", "Repairing", "tv")).ok());
  ASSERT_TRUE(history->put(entry("h4", "Completed", "movies")).ok());
  auto listed = items(*client, "tv");
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed["h1"].status, "completed");
  EXPECT_EQ(listed["h1"].output_path, done.storage);
  EXPECT_EQ(listed["h1"].total_size, 4242);
  EXPECT_EQ(listed["h2"].status, "failed");
  EXPECT_EQ(listed["h2"].message, "Aborted, cannot be completed");
  EXPECT_EQ(listed["h3"].status, "downloading");
  // An unknown category: nzbd files such jobs under "*", so all are listed.
  EXPECT_EQ(items(*client, "no-such-category").size(), 4u);
}

TEST_F(BuiltinClientTest, RemoveDeletesQueueJobsAndHistoryRows) {
  auto id = client->add_nzb({test_nzb(), "Show.S01E01.720p.HDTV.x264-GRP", "tv", 0});
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(client->remove(*id, true).ok());
  EXPECT_FALSE(items(*client, "tv").count(*id));

  auto failed = entry("h2", "Failed", "tv");
  failed.path = (dir / "incomplete" / failed.name).string();
  fs::create_directories(failed.path);
  test::write_text(fs::path(failed.path) / "part.bin", "x");
  ASSERT_TRUE(history->put(failed).ok());
  auto done = entry("h1", "Completed", "tv");
  ASSERT_TRUE(history->put(done).ok());
  ASSERT_TRUE(client->remove("h2", true).ok());
  EXPECT_FALSE(fs::exists(failed.path));
  EXPECT_FALSE(history->get("h2"));  // failed rows go for good
  ASSERT_TRUE(client->remove("h1", false).ok());
  ASSERT_TRUE(history->get("h1"));
  EXPECT_TRUE(history->get("h1")->archive);  // others are archived, as Sonarr asks SABnzbd
  EXPECT_FALSE(items(*client, "tv").count("h1"));
  EXPECT_FALSE(client->remove("nope", false).ok());

  // A storage path outside nzbd's folders is never deleted.
  auto outside = entry("h5", "Failed", "tv");
  outside.storage = (dir / "elsewhere").string();
  fs::create_directories(outside.storage);
  ASSERT_TRUE(history->put(outside).ok());
  ASSERT_TRUE(client->remove("h5", true).ok());
  EXPECT_TRUE(fs::exists(outside.storage));
}

// SabnzbdClient driving nzbd's own SABnzbd API over HTTP: what the TV side
// does when pointed at another nzbd.
TEST_F(BuiltinClientTest, SabnzbdClientDrivesNzbdsOwnSabApi) {
  api::sab::SabApi sab(
      api::sab::Services{*config, warnings, "4.5.1", {}, {}, queue.get(), history.get(), {}, {}, {}, {}, {}});
  http::ServerOptions so;
  so.port = 0;
  http::Server server(so, [&](http::Request& r) { return sab.handle(r); });
  auto port = server.start();
  ASSERT_TRUE(port.ok()) << port.message();

  pvr::DownloadClientSettings s;
  s.host = "127.0.0.1";
  s.port = *port;
  s.api_key = config->misc("api_key");
  pvr::SabnzbdClient remote(s);
  auto failure = remote.check();
  EXPECT_FALSE(failure) << failure->property << ": " << failure->message << " " << failure->detail;

  auto id = remote.add_nzb({test_nzb(), "Show.S01E02.1080p.WEB-DL-GRP", "tv", -100});
  ASSERT_TRUE(id.ok()) << id.message();
  auto over_http = items(remote, "tv");
  auto in_process = items(*client, "tv");
  ASSERT_EQ(over_http.count(*id), 1u);
  ASSERT_EQ(in_process.count(*id), 1u);
  EXPECT_EQ(over_http[*id].title, "Show.S01E02.1080p.WEB-DL-GRP");
  EXPECT_EQ(over_http[*id].status, in_process[*id].status);
  // SABnzbd reports MB with two decimals: the sizes agree to 1 %.
  EXPECT_NEAR(static_cast<double>(over_http[*id].total_size), static_cast<double>(in_process[*id].total_size),
              static_cast<double>(in_process[*id].total_size) / 100.0);

  auto failed = entry("h2", "Failed", "tv");
  failed.fail_message = "Out of retention";
  ASSERT_TRUE(history->put(failed).ok());
  over_http = items(remote, "tv");
  EXPECT_EQ(over_http["h2"].status, "failed");
  EXPECT_EQ(over_http["h2"].message, "Out of retention");

  ASSERT_TRUE(remote.remove(*id, true).ok());
  ASSERT_TRUE(remote.remove("h2", true).ok());
  EXPECT_TRUE(items(*client, "tv").empty());

  pvr::DownloadClientSettings wrong = s;
  wrong.api_key = "wrong";
  auto denied = pvr::SabnzbdClient(wrong).check();
  ASSERT_TRUE(denied);
  EXPECT_TRUE(denied->property == "APIKey" || denied->property == "Host") << denied->property;
  s.tv_category = "no-such-category";
  auto missing = pvr::SabnzbdClient(s).check();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->message, "Category does not exist");
  server.stop();
}

// Grab -> nzbd's queue -> post-processing's history row -> import, with the
// built-in client between the TV side and the downloader.
TEST_F(BuiltinClientTest, GrabTrackAndImportThroughTheBuiltinClient) {
  auto lib = pvr::Library::open(dir / "tv.db");
  ASSERT_TRUE(lib.ok()) << lib.message();
  auto& library = **lib;
  pvr::Series series;
  series.tvdb_id = 1;
  series.title = "Show";
  series.path = (dir / "tv" / "Show").string();
  series.seasons = {{1, true}};
  pvr::Episode ep;
  ep.season_number = 1;
  ep.episode_number = 1;
  auto added = library.add_series(series, {ep});
  ASSERT_TRUE(added.ok()) << added.message();
  auto episodes = library.episodes_for_series(added->id);
  ASSERT_TRUE(episodes.ok()) << episodes.message();

  pvr::DownloadClientStore clients(library);
  std::shared_ptr<pvr::DownloadClient> builtin(client.get(), [](pvr::DownloadClient*) {});
  pvr::GrabService grabs(library, clients, builtin, [](const std::string&) -> Result<pvr::HttpReply> {
    return pvr::HttpReply{200, test_nzb(), std::nullopt};
  });
  pvr::GrabRequest req;
  req.remote.release.title = "Show.S01E01.720p.HDTV.x264-GRP";
  req.remote.release.download_url = "http://indexer/nzb/1";
  req.remote.series = *added;
  req.remote.episodes = *episodes;
  auto td = grabs.grab(req);
  ASSERT_TRUE(td.ok()) << td.message();

  std::vector<pvr::DownloadImportRequest> imports;
  pvr::TrackerHooks hooks;
  hooks.import = [&](const pvr::DownloadImportRequest& r) -> Result<pvr::DownloadImportResult> {
    imports.push_back(r);
    for (int id : r.episode_ids) {  // what import_download records per episode it brought in
      pvr::HistoryEvent h;
      h.series_id = r.series_id;
      h.episode_id = id;
      h.event_type = "downloadFolderImported";
      h.download_id = r.download_id;
      EXPECT_TRUE(library.add_history(h).ok());
    }
    pvr::DownloadImportResult out;
    out.imported = 1;
    return out;
  };
  pvr::DownloadTracker tracker(library, clients, builtin, hooks);
  ASSERT_TRUE(tracker.refresh().ok());
  auto snap = tracker.snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].status, "queued");
  EXPECT_GT(snap[0].size, 0);

  // Post-processing takes the job out of the queue and records it done.
  ASSERT_EQ(queue->delete_jobs({td->download_id}, false).size(), 1u);
  auto e = entry(td->download_id, "Completed", "tv");
  e.name = req.remote.release.title;
  e.storage = (dir / "complete" / "tv" / e.name).string();
  fs::create_directories(e.storage);
  ASSERT_TRUE(history->put(e).ok());
  ASSERT_TRUE(tracker.refresh().ok());
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0].output_path, e.storage);
  EXPECT_EQ(imports[0].episode_ids, std::vector<int>{(*episodes)[0].id});
  EXPECT_TRUE(tracker.snapshot().empty());
  ASSERT_TRUE(history->get(td->download_id));
  EXPECT_TRUE(history->get(td->download_id)->archive);  // removed from the client after the import
  EXPECT_FALSE(fs::exists(e.storage));                  // with its leftovers
  ASSERT_TRUE(tracker.refresh().ok());
  EXPECT_EQ(imports.size(), 1u);
}

}  // namespace
}  // namespace nzbd::daemon
