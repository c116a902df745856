#include "pvr/download/grab.h"
#include "pvr/db.h"

#include <gtest/gtest.h>

#include <map>

#include "pvr/download/fake_client.h"
#include "pvr/indexer/indexer_factory.h"
#include "pvr/test_util.h"

namespace nzbd::pvr {
namespace {

constexpr const char* kNzb =
    R"(<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"><file subject="x"><segments>)"
    R"(<segment bytes="10" number="1">a@b</segment></segments></file></nzb>)";

class GrabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok()) << lib.message();
    library = std::move(*lib);
    clients = std::make_unique<DownloadClientStore>(*library);
    Series s;
    s.tvdb_id = 300101;
    s.title = "The Test Show";
    s.path = "/tv/The Test Show";
    s.seasons = {{1, true}};
    s.tags = {7};
    std::vector<Episode> eps(2);
    for (int i = 0; i < 2; ++i) {
      eps[i].season_number = 1;
      eps[i].episode_number = i + 1;
      eps[i].air_date_utc = i == 0 ? "2026-01-01T02:00:00Z" : "2026-12-01T02:00:00Z";
    }
    auto added = library->add_series(s, eps);
    ASSERT_TRUE(added.ok()) << added.message();
    series = *added;
    episodes = nzbd::pvr::must(library->episodes_for_series(series.id));
    service = std::make_unique<GrabService>(
        *library, *clients, fake,
        [this](const std::string& url) -> Result<HttpReply> {
          fetched.push_back(url);
          return reply;
        },
        [] { return std::string("2026-12-06T12:00:00Z"); });
  }

  GrabRequest request(std::vector<Episode> eps) {
    GrabRequest r;
    r.remote.release.title = "The.Test.Show.S01E01.720p.HDTV.x264-GRP";
    r.remote.release.download_url = "http://indexer/getnzb/1";
    r.remote.release.guid = "guid-1";
    r.remote.release.indexer = "Local";
    r.remote.release.indexer_id = 1;
    r.remote.release.size = 734003200;
    r.remote.release.publish_date = "2026-12-05T12:00:00Z";
    r.remote.release.tvdb_id = 300101;
    r.remote.parsed = parse_release(r.remote.release.title);
    r.remote.series = series;
    r.remote.episodes = std::move(eps);
    return r;
  }

  testing::TempDir dir;
  std::unique_ptr<Library> library;
  std::unique_ptr<DownloadClientStore> clients;
  std::shared_ptr<testing::FakeDownloadClient> fake = std::make_shared<testing::FakeDownloadClient>();
  std::unique_ptr<GrabService> service;
  HttpReply reply{200, kNzb, std::nullopt};
  std::vector<std::string> fetched;
  Series series;
  std::vector<Episode> episodes;
};

TEST_F(GrabTest, AddsTheNzbRecordsHistoryAndTracks) {
  auto def = clients->list().at(0);
  def.settings.recent_tv_priority = 1;
  def.settings.older_tv_priority = -1;
  ASSERT_TRUE(clients->update(def).ok());

  auto td = service->grab(request({episodes[0]}));  // aired in January: older
  ASSERT_TRUE(td.ok()) << td.message();
  ASSERT_EQ(fake->added.size(), 1u);
  EXPECT_EQ(fake->added[0].nzb, kNzb);
  EXPECT_EQ(fake->added[0].name, "The.Test.Show.S01E01.720p.HDTV.x264-GRP");
  EXPECT_EQ(fake->added[0].category, "tv");
  EXPECT_EQ(fake->added[0].priority, -1);
  EXPECT_EQ(fetched, std::vector<std::string>{"http://indexer/getnzb/1"});
  EXPECT_EQ(td->download_id, "nzo_1");
  EXPECT_EQ(td->series_id, series.id);
  EXPECT_EQ(td->episode_ids, std::vector<int>{episodes[0].id});
  EXPECT_EQ(td->quality.name, "HDTV-720p");
  EXPECT_EQ(td->state, "downloading");
  EXPECT_TRUE(TrackedDownloads(*library).find(def.id, "nzo_1"));

  auto page = nzbd::pvr::must(library->history({1, 50, "", true}));
  ASSERT_EQ(page.total, 1);
  const auto& h = page.records[0];
  EXPECT_EQ(h.event_type, "grabbed");
  EXPECT_EQ(h.download_id, "nzo_1");
  EXPECT_EQ(h.episode_id, episodes[0].id);
  EXPECT_EQ(h.quality_id, 4);
  std::map<std::string, std::string> data(h.data.begin(), h.data.end());
  EXPECT_EQ(data["indexer"], "Local");
  EXPECT_EQ(data["releaseGroup"], "GRP");
  EXPECT_EQ(data["age"], "1");
  EXPECT_EQ(data["ageHours"], "24");
  EXPECT_EQ(data["ageMinutes"], "1440");
  EXPECT_EQ(data["downloadClient"], "nzbd (built-in)");
  EXPECT_EQ(data["downloadClientName"], "nzbd");
  EXPECT_EQ(data["size"], "734003200");
  EXPECT_EQ(data["guid"], "guid-1");
  EXPECT_EQ(data["protocol"], "1");
  EXPECT_EQ(data["releaseSource"], "Search");
  EXPECT_EQ(data["seriesMatchType"], "Id");
  EXPECT_EQ(data["releaseType"], "singleEpisode");

  // Aired six days ago: the recent priority; one history row per episode.
  ASSERT_TRUE(service->grab(request({episodes[0], episodes[1]})).ok());
  EXPECT_EQ(fake->added[1].priority, 1);
  EXPECT_EQ(nzbd::pvr::must(library->history({1, 50, "", true})).total, 3);
  TrackedDownloads tracked(*library);
  auto queued = queued_releases(tracked);
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[1].episode_ids.size(), 2u);
  EXPECT_EQ(queued[1].quality.id, 4);
}

TEST_F(GrabTest, UnavailableOrInvalidNzbGrabsNothing) {
  reply = {404, "not found", std::nullopt};
  auto r = service->grab(request({episodes[0]}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("no longer available"), std::string::npos);
  reply = {200, "<html><body>login</body></html>", std::nullopt};
  r = service->grab(request({episodes[0]}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("not an NZB"), std::string::npos);
  reply = {200, R"(<?xml version="1.0"?><error code="100" description="Incorrect user credentials"/>)", std::nullopt};
  r = service->grab(request({episodes[0]}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("Incorrect user credentials"), std::string::npos);
  reply = {200, "<nzb><head/></nzb>", std::nullopt};
  EXPECT_FALSE(service->grab(request({episodes[0]})).ok());
  reply = {200, "<nzb><file", std::nullopt};
  EXPECT_FALSE(service->grab(request({episodes[0]})).ok());
  EXPECT_TRUE(fake->added.empty());
  EXPECT_EQ(nzbd::pvr::must(library->history({1, 50, "", true})).total, 0);
  EXPECT_TRUE(TrackedDownloads(*library).all().empty());
}

// Through the release's indexer: the NZB comes from it, and a rate limit or
// a failure backs that indexer off (Sonarr's DownloadService + IndexerStatus).
TEST_F(GrabTest, TheNzbComesThroughTheIndexerWhoseFailuresBackItOff) {
  IndexerStore store(*library);
  IndexerDefinition def;
  def.name = "Local";
  def.settings.base_url = "http://indexer/";
  def.settings.api_key = "KEY";
  auto added = store.add(def);
  ASSERT_TRUE(added.ok()) << added.message();
  std::vector<std::string> via_indexer;
  HttpReply indexer_reply{429, "slow down", 600};
  HttpGet indexer_http = [&](const std::string& url) -> Result<HttpReply> {
    via_indexer.push_back(url);
    return indexer_reply;
  };
  service->set_indexer_source([&](int id) { return make_indexer(store, indexer_http, id); });
  auto req = request({episodes[0]});
  req.remote.release.indexer_id = added->id;
  req.remote.release.download_url = "http://indexer/getnzb/1?apikey=KEY";

  auto r = service->grab(req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("429"), std::string::npos) << r.message();
  EXPECT_NE(r.message().find("from Local"), std::string::npos) << r.message();
  EXPECT_EQ(via_indexer, std::vector<std::string>{"http://indexer/getnzb/1?apikey=KEY"});
  EXPECT_TRUE(fetched.empty()) << "no plain GET beside the indexer";
  auto status = store.status(added->id);
  ASSERT_TRUE(status.disabled_till.has_value()) << "a rate limit parks the indexer";
  EXPECT_TRUE(status.is_disabled(std::time(nullptr) + 300));

  indexer_reply = {200, kNzb, std::nullopt};
  auto ok = service->grab(req);
  ASSERT_TRUE(ok.ok()) << ok.message();
  EXPECT_EQ(fake->added.at(0).nzb, kNzb);
  EXPECT_FALSE(store.status(added->id).disabled_till.has_value()) << "a success clears the back-off";

  req.remote.release.indexer_id = 999;  // the indexer row is gone: plain GET
  ASSERT_TRUE(service->grab(req).ok());
  EXPECT_EQ(fetched.size(), 1u);
}

TEST_F(GrabTest, NeedsAMappedReleaseAndAClient) {
  auto r = request({});
  EXPECT_FALSE(service->grab(r).ok());
  r = request({episodes[0]});
  r.remote.series.reset();
  EXPECT_FALSE(service->grab(r).ok());
  auto def = clients->list().at(0);
  def.enable = false;
  ASSERT_TRUE(clients->update(def).ok());
  auto none = service->grab(request({episodes[0]}));
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.message().find("No download client"), std::string::npos);
  EXPECT_TRUE(fetched.empty());
}

TEST_F(GrabTest, ClientChoiceFollowsTagsPriorityAndRoundRobin) {
  int builtin = clients->list().at(0).id;
  DownloadClientDefinition a;
  a.name = "A";
  int a_id = clients->add(a)->id;
  DownloadClientDefinition b;
  b.name = "B";
  b.priority = 2;
  int b_id = clients->add(b)->id;
  std::vector<int> picks;
  for (int i = 0; i < 4; ++i) picks.push_back(service->choose_client({}, std::nullopt)->id);
  EXPECT_EQ(picks, (std::vector<int>{builtin, a_id, builtin, a_id}));  // B's priority 2 loses
  EXPECT_EQ(service->choose_client({}, b_id)->id, b_id);
  EXPECT_FALSE(service->choose_client({}, 999));

  auto tagged = *clients->get(b_id);
  tagged.tags = {7};
  ASSERT_TRUE(clients->update(tagged).ok());
  EXPECT_EQ(service->choose_client({7}, std::nullopt)->id, b_id);  // a shared tag wins
  EXPECT_NE(service->choose_client({3}, std::nullopt)->id, b_id);  // else only untagged clients
}

TEST(ValidateNzb, AcceptsOnlyNzbsWithFiles) {
  EXPECT_TRUE(validate_nzb(kNzb).ok());
  EXPECT_FALSE(validate_nzb("").ok());
  EXPECT_FALSE(validate_nzb("<rss/>").ok());
  EXPECT_FALSE(validate_nzb(R"(<!DOCTYPE x [<!ENTITY a "aaaa">]><nzb>&a;</nzb>)").ok());
}

}  // namespace
}  // namespace nzbd::pvr
