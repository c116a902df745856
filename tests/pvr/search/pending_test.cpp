// RSS sync with a delay profile: young releases wait as pending (the best
// one "delay", the rest "fallback"), the next sync after the delay grabs the
// best from the pending table alone, and the grab clears what it made moot.
#include <gtest/gtest.h>

#include "../decision/decision_fixture.h"
#include "pvr/decision/delay_profiles.h"
#include "pvr/decision/pending_releases.h"
#include "pvr/search/search_service.h"

namespace nzbd::pvr::testing {
namespace {

class FeedIndexer : public Indexer {
 public:
  int id() const override { return 1; }
  std::string name() const override { return "Local"; }
  Result<std::vector<ReleaseInfo>> search(const SearchCriteria&) override { return feed; }
  Result<std::vector<ReleaseInfo>> fetch_recent() override { return feed; }
  Result<std::string> download_nzb(const ReleaseInfo&) override { return make_error("not here"); }
  std::vector<ReleaseInfo> feed;
};

class PendingSyncTest : public DecisionTest {
 protected:
  void SetUp() override {
    DecisionTest::SetUp();
    DelayProfiles store(*library);
    auto global = store.get(kGlobalDelayProfileId);
    global->usenet_delay = 120;
    global->bypass_if_highest_quality = false;
    ASSERT_TRUE(store.update(*global).ok());
  }

  SearchService service(DecisionMaker& decisions) {
    return SearchService(SearchDeps{*library, decisions,
                                    [this](const DownloadDecision& d, GrabSource) -> Result<TrackedDownload> {
                                      grabbed.push_back(d.remote.release.title);
                                      TrackedDownload t;
                                      t.title = d.remote.release.title;
                                      return t;
                                    },
                                    [this](bool) { return IndexerList{indexer}; },
                                    [this] { return IndexerList{indexer}; }});
  }

  DecisionMaker maker_at(const std::string& now) {
    DecisionServices services;
    services.queued = [] { return std::vector<QueuedRelease>{}; };
    services.now_utc = [now] { return now; };
    return DecisionMaker(*library, services);
  }

  std::shared_ptr<FeedIndexer> indexer = std::make_shared<FeedIndexer>();
  std::vector<std::string> grabbed;
};

TEST_F(PendingSyncTest, YoungReleasesWaitAndTheBestIsGrabbedOnceTheDelayIsOver) {
  const std::string web = "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP";
  const std::string bluray = "The.Test.Show.S01E01.1080p.BluRay.x264-GRP";
  indexer->feed = {release(web, 2500 * kMiB, "2026-06-01T11:00:00Z"), release(bluray, 2500 * kMiB, "2026-06-01T11:30:00Z")};

  auto noon = maker_at("2026-06-01T12:00:00Z");
  auto report = service(noon).rss_sync();
  EXPECT_TRUE(grabbed.empty());
  EXPECT_EQ(report.pending, 2) << report.summary();
  auto pending = PendingReleases(*library).list();
  ASSERT_EQ(pending.size(), 2u);
  for (const auto& p : pending) EXPECT_EQ(p.reason, p.title == bluray ? "delay" : "fallback") << p.title;

  // Nothing new in the feed; a sync before the delay is over changes nothing.
  indexer->feed.clear();
  auto early = maker_at("2026-06-01T12:30:00Z");
  service(early).rss_sync();
  EXPECT_TRUE(grabbed.empty());
  EXPECT_EQ(PendingReleases(*library).list().size(), 2u);

  // 125 minutes after the oldest pending release: the best one is grabbed.
  auto later = maker_at("2026-06-01T13:05:00Z");
  report = service(later).rss_sync();
  EXPECT_EQ(grabbed, std::vector<std::string>{bluray}) << report.summary();
  EXPECT_TRUE(PendingReleases(*library).list().empty()) << "the grab made the WEB-DL fallback moot";
}

TEST_F(PendingSyncTest, APermanentRejectionDropsThePendingRelease) {
  const std::string web = "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP";
  indexer->feed = {release(web, 2500 * kMiB, "2026-06-01T11:30:00Z")};
  auto noon = maker_at("2026-06-01T12:00:00Z");
  service(noon).rss_sync();
  ASSERT_EQ(PendingReleases(*library).list().size(), 1u);
  // The series now wants nothing in 1080p: the release is rejected for good and forgotten.
  library->with_db([](Db& db) { nzbd::pvr::exec(db, "UPDATE quality_profiles SET items=replace(items, '3:1', '3:0') WHERE id=4"); });
  indexer->feed.clear();
  service(noon).rss_sync();
  EXPECT_TRUE(PendingReleases(*library).list().empty());
  EXPECT_TRUE(grabbed.empty());
}

}  // namespace
}  // namespace nzbd::pvr::testing
