// SearchService asks every indexer at once and reads the answers back in
// the list's order.
#include "pvr/search/search_service.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "pvr/decision/decision_maker.h"
#include "pvr/test_util.h"

namespace nzbd::pvr {
namespace {

// Two indexers that meet: the first answers only once the second has been
// asked, so one-by-one querying would leave the first waiting in vain.
struct Meeting {
  std::mutex mu;
  std::condition_variable cv;
  bool second_asked = false;
};

class MeetingIndexer : public Indexer {
 public:
  MeetingIndexer(int id, Meeting& m, bool first) : id_(id), m_(m), first_(first) {}
  int id() const override { return id_; }
  std::string name() const override { return "idx" + std::to_string(id_); }
  Result<std::vector<ReleaseInfo>> search(const SearchCriteria&) override { return fetch_recent(); }
  Result<std::vector<ReleaseInfo>> fetch_recent() override {
    std::unique_lock lock(m_.mu);
    if (first_) {
      if (!m_.cv.wait_for(lock, std::chrono::seconds(10), [&] { return m_.second_asked; }))
        return make_error("asked alone: the other indexer was not asked meanwhile");
    } else {
      m_.second_asked = true;
      m_.cv.notify_all();
    }
    ReleaseInfo r;
    r.title = "Some.Show.S01E01.720p.HDTV.x264-" + name();
    r.guid = "guid-" + name();
    r.indexer_id = id_;
    r.indexer = name();
    return std::vector<ReleaseInfo>{r};
  }
  Result<std::string> download_nzb(const ReleaseInfo&) override { return make_error("not here"); }

 private:
  int id_;
  Meeting& m_;
  bool first_;
};

class FailingIndexer : public MeetingIndexer {
 public:
  using MeetingIndexer::MeetingIndexer;
  Result<std::vector<ReleaseInfo>> fetch_recent() override { throw std::runtime_error("database is locked"); }
};

TEST(SearchService, AsksEveryIndexerAtOnceAndKeepsTheirOrder) {
  testing::TempDir tmp;
  auto lib = Library::open(tmp.path() / "tv.db");
  ASSERT_TRUE(lib) << lib.message();
  DecisionMaker decisions(**lib, DecisionServices{[] { return std::vector<QueuedRelease>{}; },
                                                  [] { return std::string("2026-12-06T12:00:00Z"); }});
  Meeting meeting;
  IndexerList indexers = {std::make_shared<MeetingIndexer>(1, meeting, true),
                          std::make_shared<MeetingIndexer>(2, meeting, false),
                          std::make_shared<FailingIndexer>(3, meeting, false)};
  SearchService search(SearchDeps{**lib, decisions,
                                  [](const DownloadDecision&, GrabSource) -> Result<TrackedDownload> {
                                    return make_error("no grabs here");
                                  },
                                  [&](bool) { return indexers; }, [&] { return indexers; }});
  auto report = search.rss_preview();
  EXPECT_EQ(report.indexers, 3);
  EXPECT_EQ(report.releases, 2);
  ASSERT_EQ(report.errors.size(), 1u) << report.summary();
  EXPECT_EQ(report.errors[0], "idx3: database is locked");
  ASSERT_EQ(report.decisions.size(), 2u);
}

}  // namespace
}  // namespace nzbd::pvr
