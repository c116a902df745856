// RawDisk, FreeSpace, IndexerTag and SeasonPackOnly: what each accepts and rejects.
#include "decision_fixture.h"
#include "pvr/settings.h"

namespace nzbd::pvr::testing {
namespace {

const std::string kWeb = "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP";

TEST_F(DecisionTest, RawDiscImagesAreRejected) {
  EXPECT_TRUE(decide_one(release(kWeb, 2500 * kMiB)).approved());
  auto bluray = decide_one(release("The.Test.Show.S01E01.1080p.COMPLETE.BLURAY-GRP", 2500 * kMiB));
  EXPECT_TRUE(has_reason(bluray, "Raw Bluray release")) << ::testing::PrintToString(reasons(bluray));
  auto disc = decide_one(release("The.Test.Show.S01E01.Disc.1.1080p.BluRay-GRP", 2500 * kMiB));
  EXPECT_TRUE(has_reason(disc, "Raw Bluray release")) << ::testing::PrintToString(reasons(disc));
  auto dvd = decide_one(release("The.Test.Show.S01E01.DVD9-GRP", 2500 * kMiB));
  EXPECT_TRUE(has_reason(dvd, "Raw DVD release")) << ::testing::PrintToString(reasons(dvd));
  EXPECT_FALSE(has_reason(decide_one(release("The.Test.Show.S01E01.1080p.BluRay.x264-GRP", 2500 * kMiB)),
                          "Raw Bluray release"))
      << "an encoded Blu-ray rip is not a disc";
}

TEST_F(DecisionTest, FreeSpaceKeepsTheMinimumAfterTheDownload) {
  ASSERT_TRUE(write_setting(*library, "mediamanagement", {{"minimumFreeSpaceWhenImporting", 500000000}}).ok());
  auto d = decide_one(release(kWeb, 2500 * kMiB));
  ASSERT_FALSE(d.approved());
  EXPECT_NE(reasons(d).at(0).find("Not enough free space"), std::string::npos) << reasons(d).at(0);
  ASSERT_TRUE(write_setting(*library, "mediamanagement",
                            {{"minimumFreeSpaceWhenImporting", 500000000}, {"skipFreeSpaceCheckWhenImporting", true}})
                  .ok());
  EXPECT_TRUE(decide_one(release(kWeb, 2500 * kMiB)).approved());
}

TEST_F(DecisionTest, ATaggedIndexerServesOnlySeriesWithOneOfItsTags) {
  library->with_db([](Db& db) {
    nzbd::pvr::exec(db, "INSERT INTO indexers (id, name, tags) VALUES (1, 'Local', '5,6'), (2, 'Other', '')");
  });
  auto d = decide_one(release(kWeb, 2500 * kMiB));  // indexer 1; the series has no tags
  EXPECT_EQ(reasons(d), std::vector<std::string>{"Release rejected since the series has none of the tags of indexer Local"});
  auto other = release(kWeb, 2500 * kMiB);
  other.indexer_id = 2;
  EXPECT_TRUE(decide_one(other).approved());
}

TEST_F(DecisionTest, SeasonPackOnlyOnceTheSeasonIsOldEnoughForThatIndexer) {
  library->with_db([](Db& db) {
    nzbd::pvr::exec(db, "INSERT INTO indexers (id, name, season_search_maximum_single_episode_age) VALUES (1, 'Local', 30)");
  });
  SearchTarget season{series.id, {e1.id, e2.id}, true, false};
  const std::string reason = "Episode in a season search older than 30 days: only season packs are wanted";
  // The season's last episode aired in January; "now" is June.
  EXPECT_TRUE(has_reason(decide_one(release(kWeb, 2500 * kMiB), season), reason));
  auto pack = decide_one(release("The.Test.Show.S01.1080p.WEB-DL.H.264-GRP", 5000 * kMiB), season);
  EXPECT_FALSE(has_reason(pack, reason)) << ::testing::PrintToString(reasons(pack));
  SearchTarget single{series.id, {e1.id}, false, false};
  EXPECT_FALSE(has_reason(decide_one(release(kWeb, 2500 * kMiB), single), reason)) << "only in season searches";
  library->with_db([](Db& db) { nzbd::pvr::exec(db, "UPDATE indexers SET season_search_maximum_single_episode_age=0"); });
  EXPECT_FALSE(has_reason(decide_one(release(kWeb, 2500 * kMiB), season), reason)) << "0 turns it off";
}

}  // namespace
}  // namespace nzbd::pvr::testing
