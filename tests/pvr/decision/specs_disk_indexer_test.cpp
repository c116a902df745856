// RawDisk, FreeSpace and IndexerTag: one release each accepts and one each rejects.
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
    db.exec("INSERT INTO indexers (id, name, tags) VALUES (1, 'Local', '5,6'), (2, 'Other', '')");
  });
  auto d = decide_one(release(kWeb, 2500 * kMiB));  // indexer 1; the series has no tags
  EXPECT_EQ(reasons(d), std::vector<std::string>{"Release rejected since the series has none of the tags of indexer Local"});
  auto other = release(kWeb, 2500 * kMiB);
  other.indexer_id = 2;
  EXPECT_TRUE(decide_one(other).approved());
}

}  // namespace
}  // namespace nzbd::pvr::testing
