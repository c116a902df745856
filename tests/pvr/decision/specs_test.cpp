// Each specification: one release it accepts and one it rejects, with Sonarr's text.
#include "decision_fixture.h"
#include "pvr/decision/blocklist.h"
#include "pvr/decision/release_profiles.h"
#include "pvr/decision/specs.h"

namespace nzbd::pvr::testing {
namespace {

const std::string kWeb1 = "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP";
const std::string kHdtv1 = "The.Test.Show.S01E01.1080p.HDTV.x264-GRP";

TEST(SizeSuffix, FormatsLikeSonarr) {
  EXPECT_EQ(size_suffix(0), "0 B");
  EXPECT_EQ(size_suffix(512), "512.0 B");
  EXPECT_EQ(size_suffix(180 * kMiB), "180.0 MB");
  EXPECT_EQ(size_suffix(1023 * kMiB + 900 * 1024), "1,023.9 MB");
  EXPECT_EQ(size_suffix(9LL * 1024 * kMiB), "9.0 GB");
}

TEST_F(DecisionTest, AcceptableSizeUsesEpisodeRuntimeAndRejectsUnknownRuntime) {
  EXPECT_TRUE(decide_one(release(kWeb1, 200 * kMiB)).approved());
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 100 * kMiB))),
            std::vector<std::string>{"100.0 MB is smaller than minimum allowed 180.0 MB (for 45min)"});
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 6000 * kMiB))),
            std::vector<std::string>{"5.9 GB is larger than maximum allowed 5.7 GB (for 45min)"});
  // A pack counts every episode: 2 x 45 min allows 11,700 MiB for WEBDL-1080p.
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01.1080p.WEB-DL.H.264-GRP", 9000 * kMiB)).approved());
  // No runtime anywhere: the pilot gets Sonarr's 45 minutes (it airs within
  // 24 h of itself), a later episode cannot be judged.
  series.runtime = 0;
  ASSERT_TRUE(library->update_series(series).ok());
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 100 * kMiB))),
            std::vector<std::string>{"100.0 MB is smaller than minimum allowed 180.0 MB (for 45min)"});
  EXPECT_EQ(reasons(decide_one(release("The.Test.Show.S01E02.1080p.WEB-DL.H.264-GRP", 2000 * kMiB))),
            std::vector<std::string>{"Runtime of all episodes is 0, unable to validate size until it is available"});
  // Unknown size is not checked.
  EXPECT_TRUE(decide_one(release(kWeb1, 0)).approved());
}

TEST_F(DecisionTest, SampleOnlyWhenSmall) {
  EXPECT_TRUE(decide_one(release(kWeb1 + ".sample", 500 * kMiB)).approved());
  EXPECT_TRUE(has_reason(decide_one(release(kWeb1 + ".sample", 60 * kMiB)), "Sample"));
}

TEST_F(DecisionTest, RetentionMinimumAgeAndMaximumSizeComeFromTheIndexerSettings) {
  auto old = release(kWeb1, 2500 * kMiB, "2026-04-01T12:00:00Z");
  auto fresh = release(kWeb1, 2500 * kMiB, "2026-06-01T10:00:00Z");
  EXPECT_TRUE(decide_one(old).approved());  // all off by default
  set_setting("indexer", R"({"minimumAge":180,"retention":30,"maximumSize":2000})");
  EXPECT_TRUE(has_reason(decide_one(old), "Older than configured retention"));
  auto d = decide_one(fresh);
  EXPECT_TRUE(has_reason(d, "Only 120 minutes old, minimum age is 180 minutes"));
  EXPECT_TRUE(has_reason(d, "2.4 GB is too big, maximum size is 2.0 GB (Settings->Indexers->Maximum Size)"));
  set_setting("indexer", R"({"minimumAge":180})");
  d = decide_one(fresh);
  ASSERT_EQ(d.rejections.size(), 1u);
  EXPECT_TRUE(d.rejections[0].temporary);
  EXPECT_TRUE(d.temporarily_rejected());
  set_setting("indexer", R"({"minimumAge":"lots","retention":-4})");  // hostile values keep the defaults
  EXPECT_TRUE(decide_one(old).approved());
}

TEST_F(DecisionTest, UpgradesAgainstTheFileOnDisk) {
  add_file(e1, 9);  // HDTV-1080p
  // HD-1080p has upgrades off: its cutoff is the first allowed quality, which the file meets.
  auto d = decide_one(release(kWeb1, 2500 * kMiB));
  EXPECT_TRUE(has_reason(d, "Existing file and the Quality profile does not allow upgrades"));
  EXPECT_TRUE(has_reason(d, "Existing file meets cutoff: HDTV-1080p"));
  allow_upgrades();
  EXPECT_TRUE(decide_one(release(kWeb1, 2500 * kMiB)).approved());
  EXPECT_EQ(reasons(decide_one(release(kHdtv1, 2500 * kMiB))),
            std::vector<std::string>{"Existing file on disk has a equal or higher Custom Format score: 0"});
  EXPECT_EQ(reasons(decide_one(release("The.Test.Show.S01E02.1080p.HDTV.x264-GRP", 2500 * kMiB))).size(), 0u);
}

TEST_F(DecisionTest, LowerQualityThanTheFileIsRejected) {
  allow_upgrades();
  add_file(e1, 3);  // WEBDL-1080p
  EXPECT_EQ(reasons(decide_one(release(kHdtv1, 2500 * kMiB))),
            std::vector<std::string>{"Existing file on disk is of equal or higher preference: WEBDL-1080p v1"});
}

TEST_F(DecisionTest, RepackOnlyFromTheSameGroup) {
  add_file(e1, 3, "GRP");
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01E01.REPACK.1080p.WEB-DL.H.264-GRP", 2500 * kMiB)).approved());
  EXPECT_TRUE(has_reason(decide_one(release("The.Test.Show.S01E01.REPACK.1080p.WEB-DL.H.264-OTHER", 2500 * kMiB)),
                         "Release is a repack for a different release group. Release Group: OTHER. File release "
                         "group: GRP"));
  set_setting("mediamanagement", R"({"downloadPropersAndRepacks":"doNotUpgrade"})");
  EXPECT_TRUE(has_reason(decide_one(release("The.Test.Show.S01E01.REPACK.1080p.WEB-DL.H.264-GRP", 2500 * kMiB)),
                         "Repack downloading is disabled"));
}

TEST_F(DecisionTest, ProperForAnOldFileIsRejectedInRssOnly) {
  add_file(e1, 3, "GRP", 1, "2026-01-02T00:00:00Z");
  auto proper = release("The.Test.Show.S01E01.PROPER.1080p.WEB-DL.H.264-GRP", 2500 * kMiB);
  EXPECT_TRUE(has_reason(decide_one(proper), "Proper for old file"));
  EXPECT_TRUE(decide_one(proper, SearchTarget{series.id, {e1.id}, false, false}).approved());
}

TEST_F(DecisionTest, SameEpisodesGrabKeepsAMultiEpisodeFile) {
  allow_upgrades();
  auto f = add_file(e1, 9);
  ASSERT_TRUE(library->add_episode_file([&] {
    EpisodeFile g = f;
    g.path += ".2";
    return g;
  }(), {e1.id, e2.id}).ok());
  // e1 and e2 now share the second file: a single-episode release cannot replace it.
  EXPECT_TRUE(has_reason(decide_one(release(kWeb1, 2500 * kMiB)),
                         "Episode file on disk contains more episodes than this release contains"));
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01E01E02.1080p.WEB-DL.H.264-GRP", 5000 * kMiB)).approved());
}

TEST_F(DecisionTest, QueueComparesWithWhatIsDownloading) {
  queue = {{series.id, {e1.id}, {}, "queued"}};
  queue[0].quality.id = 3;
  queue[0].quality.name = "WEBDL-1080p";
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 2500 * kMiB))),
            std::vector<std::string>{"Release in queue already meets cutoff: WEBDL-1080p v1"});
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01E02.1080p.WEB-DL.H.264-GRP", 2500 * kMiB)).approved());
  allow_upgrades();
  EXPECT_EQ(reasons(decide_one(release(kHdtv1, 2500 * kMiB))),
            std::vector<std::string>{"Release in queue is of equal or higher preference: WEBDL-1080p v1"});
  queue[0].quality.id = 9;
  queue[0].quality.name = "HDTV-1080p";
  EXPECT_TRUE(decide_one(release(kWeb1, 2500 * kMiB)).approved());
}

TEST_F(DecisionTest, BlocklistedReleasesAreRejectedForTheirSeries) {
  Blocklist bl(*library);
  BlocklistEntry e;
  e.series_id = series.id;
  e.episode_ids = {e1.id};
  e.source_title = kWeb1;
  e.published_date = "2026-06-01T10:00:00Z";
  e.size = 2500 * kMiB;
  e.indexer = "Local";
  ASSERT_TRUE(bl.add(e).ok());
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 2500 * kMiB))), std::vector<std::string>{"Release is blocklisted"});
  // Same title from the same indexer but posted at another time is another NZB.
  EXPECT_TRUE(decide_one(release(kWeb1, 2500 * kMiB, "2026-05-31T10:00:00Z")).approved());
}

TEST_F(DecisionTest, AlreadyImportedSameNameWhenQualitiesDiffered) {
  add_file(e1, 3);
  nzbd::pvr::must(library->add_history({0, series.id, e1.id, kWeb1, 5, "2026-05-29T00:00:00Z", "grabbed", "nzo_1", {}}));
  nzbd::pvr::must(library->add_history({0, series.id, e1.id, "file", 3, "2026-05-29T01:00:00Z", "downloadFolderImported", "nzo_1", {}}));
  allow_upgrades();
  EXPECT_TRUE(has_reason(decide_one(release(kWeb1, 2500 * kMiB)), "Has same release name as a grabbed and imported release"));
  EXPECT_FALSE(has_reason(decide_one(release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-NEW", 2500 * kMiB)),
                          "Has same release name as a grabbed and imported release"));
}

TEST_F(DecisionTest, SearchTargetsNarrowSeriesSeasonAndEpisodes) {
  SearchTarget single{series.id, {e1.id}, false, false};
  EXPECT_TRUE(decide_one(release(kWeb1, 2500 * kMiB), single).approved());
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01E01E02.1080p.WEB-DL.H.264-GRP", 5000 * kMiB), single).approved());
  auto wrong = decide_one(release("The.Test.Show.S01E02.1080p.WEB-DL.H.264-GRP", 2500 * kMiB), single);
  EXPECT_TRUE(has_reason(wrong, "Episode wasn't requested: 1x2"));
  EXPECT_TRUE(has_reason(wrong, "Wrong episode"));
  EXPECT_TRUE(has_reason(decide_one(release("The.Test.Show.S01.1080p.WEB-DL.H.264-GRP", 5000 * kMiB), single),
                         "Full season pack"));
  // Another series of the library is the wrong series for this search.
  Series other = series;
  other.tvdb_id = 300102;
  other.title = "Other Show";
  other.clean_title = clean_series_title(other.title);
  other.path += "-other";
  ASSERT_TRUE(library->add_series(other, {episode(1, 1, "2026-01-01T02:00:00Z")}).ok());
  EXPECT_TRUE(has_reason(decide_one(release("Other.Show.S01E01.1080p.WEB-DL.H.264-GRP", 2500 * kMiB), single),
                         "Wrong series"));
}

TEST_F(DecisionTest, SeasonPackNeedsEveryEpisodeAired) {
  ASSERT_TRUE(library->refresh_series(series, {episode(1, 1, "2026-01-01T02:00:00Z"), episode(1, 2, "2026-01-08T02:00:00Z"),
                                               episode(1, 3, "2026-06-10T02:00:00Z")}).ok());
  EXPECT_TRUE(has_reason(decide_one(release("The.Test.Show.S01.1080p.WEB-DL.H.264-GRP", 6000 * kMiB)),
                         "Full season release rejected. All episodes haven't aired yet."));
  EXPECT_TRUE(has_reason(decide_one(release("The.Test.Show.S01-S02.1080p.WEB-DL.H.264-GRP", 6000 * kMiB)),
                         "Multi-season releases are not supported"));
}

TEST_F(DecisionTest, MonitoredChecksAreSkippedForUserSearches) {
  ASSERT_TRUE(library->set_episodes_monitored({e2.id}, false).ok());
  auto e2_release = release("The.Test.Show.S01E02.1080p.WEB-DL.H.264-GRP", 2500 * kMiB);
  EXPECT_EQ(reasons(decide_one(e2_release)), std::vector<std::string>{"Episode is not monitored"});
  EXPECT_TRUE(has_reason(decide_one(release("The.Test.Show.S01.1080p.WEB-DL.H.264-GRP", 5000 * kMiB)),
                         "One or more episodes is not monitored"));
  EXPECT_TRUE(decide_one(e2_release, SearchTarget{series.id, {e2.id}, false, true}).approved());
  series.monitored = false;
  ASSERT_TRUE(library->update_series(series).ok());
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 2500 * kMiB))), std::vector<std::string>{"Series is not monitored"});
}

TEST_F(DecisionTest, ReleaseProfilesRequireAndRestrictTerms) {
  ReleaseProfiles profiles(*library);
  ReleaseProfile p;
  p.name = "x265 only";
  p.required = {"x265", "HEVC"};
  ASSERT_TRUE(profiles.add(p).ok());
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 2500 * kMiB))),
            std::vector<std::string>{"Does not contain one of the required terms: x265, HEVC"});
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01E01.1080p.WEB-DL.hevc-GRP", 2500 * kMiB)).approved());
  ReleaseProfile q;
  q.ignored = {"/web-?dl.*hevc/", "nothing"};
  ASSERT_TRUE(profiles.add(q).ok());
  EXPECT_EQ(reasons(decide_one(release("The.Test.Show.S01E01.1080p.WEB-DL.hevc-GRP", 2500 * kMiB))),
            std::vector<std::string>{"Contains these ignored terms: /web-?dl.*hevc/"});
  // A profile for another tag or another indexer does not apply.
  q.tags = {77};
  q.id = 2;
  ASSERT_TRUE(profiles.update(q).ok());
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01E01.1080p.WEB-DL.hevc-GRP", 2500 * kMiB)).approved());
}

}  // namespace
}  // namespace nzbd::pvr::testing

namespace nzbd::pvr::testing {
namespace {

TEST_F(DecisionTest, RecentGrabInHistoryStopsAnRssRegrab) {
  nzbd::pvr::must(library->add_history({0, series.id, e1.id, "earlier", 3, "2026-06-01T11:00:00Z", "grabbed", "nzo_9", {}}));
  auto r = release(kWeb1, 2500 * kMiB);
  EXPECT_EQ(reasons(decide_one(r)),
            std::vector<std::string>{"Recent grab event in history already meets cutoff: WEBDL-1080p v1"});
  EXPECT_TRUE(decide_one(r, SearchTarget{series.id, {e1.id}, false, false}).approved());
  allow_upgrades();  // cutoff Bluray-1080p: the grab is below it, so only a better release passes
  EXPECT_EQ(reasons(decide_one(release(kHdtv1, 2500 * kMiB))),
            std::vector<std::string>{"Recent grab event in history is of equal or higher preference: WEBDL-1080p v1"});
  EXPECT_TRUE(decide_one(release("The.Test.Show.S01E01.1080p.BluRay.x264-GRP", 2500 * kMiB)).approved());
}

TEST_F(DecisionTest, OldGrabOnlyCountsWithoutCompletedDownloadHandling) {
  nzbd::pvr::must(library->add_history({0, series.id, e1.id, "earlier", 3, "2026-05-30T00:00:00Z", "grabbed", "nzo_9", {}}));
  EXPECT_TRUE(decide_one(release(kWeb1, 2500 * kMiB)).approved());
  set_setting("downloadclient", R"({"enableCompletedDownloadHandling":false})");
  EXPECT_EQ(reasons(decide_one(release(kWeb1, 2500 * kMiB))),
            std::vector<std::string>{"CDH is disabled and grab event in history already meets cutoff: WEBDL-1080p v1"});
}

TEST_F(DecisionTest, DailySeriesMapsByAirDate) {
  Series daily = series;
  daily.tvdb_id = 400400;
  daily.title = "Daily Talk";
  daily.clean_title = clean_series_title(daily.title);
  daily.series_type = "daily";
  daily.path += "-daily";
  daily.seasons = {{2026, true}};
  auto added = library->add_series(daily, {episode(2026, 5, "2026-01-05T23:00:00Z"), episode(2026, 6, "2026-01-06T23:00:00Z")});
  ASSERT_TRUE(added.ok()) << added.message();
  auto d = decide_one(release("Daily.Talk.2026.01.06.1080p.WEB-DL.H.264-GRP", 2000 * kMiB));
  ASSERT_EQ(d.remote.episodes.size(), 1u) << ::testing::PrintToString(reasons(d));
  EXPECT_EQ(d.remote.episodes[0].episode_number, 6);
  EXPECT_TRUE(d.approved()) << ::testing::PrintToString(reasons(d));
}

}  // namespace
}  // namespace nzbd::pvr::testing

namespace nzbd::pvr::testing {
namespace {

TEST_F(DecisionTest, AnIndexerInBackOffRejectsTemporarily) {
  library->with_db([](Db& db) {
    nzbd::pvr::exec(db, "INSERT INTO indexers (id, name) VALUES (1, 'Local'), (2, 'Other')");
    nzbd::pvr::exec(db, "INSERT INTO indexer_status (indexer_id, disabled_till) VALUES (1, '2026-06-01T13:00:00Z'), "
            "(2, '2026-06-01T11:00:00Z')");
  });
  auto d = decide_one(release(kWeb1, 2500 * kMiB));
  EXPECT_EQ(reasons(d), std::vector<std::string>{
                            "Indexer Local is blocked till 2026-06-01T13:00:00Z due to failures, cannot grab release."});
  EXPECT_TRUE(d.temporarily_rejected());
  auto other = release(kWeb1, 2500 * kMiB);
  other.indexer_id = 2;  // its back-off ran out an hour ago
  EXPECT_TRUE(decide_one(other).approved());
}

}  // namespace
}  // namespace nzbd::pvr::testing
