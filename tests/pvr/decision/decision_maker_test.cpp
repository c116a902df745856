// The issue's scenario, parsing/mapping rejections, ranking and picking.
#include "decision_fixture.h"

namespace nzbd::pvr::testing {
namespace {

constexpr std::int64_t kGiB = 1024 * kMiB;

TEST_F(DecisionTest, IssueScenarioApprovesTheWebDlAndSaysWhyTheOthersLose) {
  std::vector<ReleaseInfo> feed = {
      release("The.Test.Show.S01E01.720p.HDTV.x264-GRP", 1200 * kMiB),
      release("The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP", 2500 * kMiB),
      release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP.sample", 30 * kMiB),
      release("The.Test.Show.S01E01.1080p.BluRay.x264-BIG", 9 * kGiB),
      release("The.Test.Show.Australia.S01E01.1080p.WEB-DL.H.264-GRP", 2500 * kMiB),
      release("The.Test.Show.S01E02.480p.WEB-DL.x264-GRP", 400 * kMiB),
  };
  SearchTarget target{series.id, {e1.id, e2.id}, true, false};
  auto m = maker();
  auto decisions = m.decide(feed, target);
  ASSERT_EQ(decisions.size(), feed.size());

  EXPECT_EQ(reasons(decisions[0]), std::vector<std::string>{"HDTV-720p is not wanted in profile"});
  EXPECT_TRUE(decisions[1].approved()) << ::testing::PrintToString(reasons(decisions[1]));
  EXPECT_TRUE(has_reason(decisions[2], "Sample"));
  EXPECT_TRUE(has_reason(decisions[2], "30.0 MB is smaller than minimum allowed 180.0 MB (for 45min)"));
  EXPECT_EQ(reasons(decisions[3]), std::vector<std::string>{"9.0 GB is larger than maximum allowed 6.8 GB (for 45min)"});
  EXPECT_EQ(reasons(decisions[4]), std::vector<std::string>{"Unknown Series"});
  EXPECT_EQ(reasons(decisions[5]), std::vector<std::string>{"WEBDL-480p is not wanted in profile"});
  for (const auto& d : decisions) EXPECT_FALSE(d.temporarily_rejected());

  auto ranked = m.rank(decisions);
  ASSERT_EQ(ranked.size(), feed.size());
  EXPECT_EQ(ranked.front().remote.release.title, feed[1].title);
  EXPECT_EQ(ranked[1].remote.release.title, feed[0].title);  // rejected ones keep input order
  auto grabs = m.pick_grabs(ranked);
  ASSERT_EQ(grabs.size(), 1u);
  EXPECT_EQ(grabs[0].remote.release.title, feed[1].title);
  ASSERT_EQ(grabs[0].remote.episodes.size(), 1u);
  EXPECT_EQ(grabs[0].remote.episodes[0].id, e1.id);
  EXPECT_EQ(grabs[0].remote.series->id, series.id);
  EXPECT_EQ(grabs[0].remote.parsed->quality.name, "WEBDL-1080p");
}

TEST_F(DecisionTest, UnparsableUnknownEpisodeAndMappingByIds) {
  EXPECT_EQ(reasons(decide_one(release("x7f3a9c2e1b4d6f8a0c3e5b7d9f1a3c5e", 700 * kMiB))),
            std::vector<std::string>{"Unable to parse release"});
  EXPECT_EQ(reasons(decide_one(release("The.Test.Show.S05E01.1080p.WEB-DL.H.264-GRP", 2000 * kMiB))),
            std::vector<std::string>{"Unable to identify correct episode(s) using release name and scene mappings"});
  // A title that does not clean to the series still maps by the feed's tvdb id...
  auto by_id = release("Test.Show.US.S01E01.1080p.WEB-DL.H.264-GRP", 2000 * kMiB);
  by_id.tvdb_id = 300101;
  auto d = decide_one(by_id);
  ASSERT_TRUE(d.remote.series);
  EXPECT_EQ(d.remote.series->id, series.id);
  EXPECT_TRUE(d.approved()) << ::testing::PrintToString(reasons(d));
  // ...or by tvmaze id when there is no tvdb id; a wrong tvdb id does not map.
  by_id.tvdb_id = 0;
  by_id.tvmaze_id = 9001;
  EXPECT_TRUE(decide_one(by_id).remote.series);
  by_id.tvdb_id = 5;
  EXPECT_EQ(reasons(decide_one(by_id)), std::vector<std::string>{"Unknown Series"});
}

TEST_F(DecisionTest, SeasonPackCoversBothEpisodesAndIsPickedOverSingles) {
  std::vector<ReleaseInfo> feed = {
      release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP", 2000 * kMiB),
      release("The.Test.Show.S01.1080p.WEB-DL.H.264-GRP", 4000 * kMiB),
      release("The.Test.Show.S01E02.1080p.WEB-DL.H.264-GRP", 2000 * kMiB),
  };
  SearchTarget target{series.id, {e1.id, e2.id}, true, false};
  auto m = maker();
  auto decisions = m.decide(feed, target);
  for (const auto& d : decisions) EXPECT_TRUE(d.approved()) << ::testing::PrintToString(reasons(d));
  ASSERT_EQ(decisions[1].remote.episodes.size(), 2u);
  auto grabs = m.pick_grabs(m.rank(decisions));
  ASSERT_EQ(grabs.size(), 1u);
  EXPECT_EQ(grabs[0].remote.release.title, feed[1].title);
}

TEST_F(DecisionTest, SinglesArePickedPerEpisodeWhenThePackIsWorse) {
  std::vector<ReleaseInfo> feed = {
      release("The.Test.Show.S01.720p.WEB-DL.H.264-GRP", 3000 * kMiB),  // not wanted in HD-1080p
      release("The.Test.Show.S01E02.1080p.WEB-DL.H.264-GRP", 2000 * kMiB),
      release("The.Test.Show.S01E01.1080p.HDTV.x264-GRP", 2000 * kMiB),
      release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP", 2000 * kMiB),
  };
  auto m = maker();
  auto grabs = m.pick_grabs(m.rank(m.decide(feed, SearchTarget{series.id, {e1.id, e2.id}, true, false})));
  ASSERT_EQ(grabs.size(), 2u);
  // Same quality: the lower episode number first; the HDTV copy of E01 loses on quality.
  EXPECT_EQ(grabs[0].remote.release.title, feed[3].title);
  EXPECT_EQ(grabs[1].remote.release.title, feed[1].title);
}

TEST_F(DecisionTest, RankOrdersByQualityThenIndexerPriorityThenAgeThenSize) {
  auto hdtv = release("The.Test.Show.S01E01.1080p.HDTV.x264-AAA", 2000 * kMiB);
  auto web_low_prio = release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-BBB", 2000 * kMiB);
  web_low_prio.indexer_priority = 40;
  auto web_old = release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-CCC", 2000 * kMiB, "2026-05-20T10:00:00Z");
  auto web_new = release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-DDD", 2000 * kMiB, "2026-06-01T11:30:00Z");
  auto web_new_far = release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-EEE", 5000 * kMiB, "2026-06-01T11:30:00Z");
  auto m = maker();
  auto ranked = m.rank(m.decide({hdtv, web_low_prio, web_old, web_new_far, web_new}, std::nullopt));
  std::vector<std::string> order;
  for (const auto& d : ranked) order.push_back(d.remote.release.title);
  // Preferred size is 95 MB/min x 45 min = 4275 MiB: 5000 MiB is closer than 2000 MiB.
  EXPECT_EQ(order, (std::vector<std::string>{web_new_far.title, web_new.title, web_old.title, web_low_prio.title,
                                             hdtv.title}));
}

}  // namespace
}  // namespace nzbd::pvr::testing
