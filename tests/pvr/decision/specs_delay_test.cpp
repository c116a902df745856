// Delay profiles and what follows them (Delay, Protocol), pending releases,
// and the AnimeVersionUpgrade, SplitEpisode and DeletedEpisodeFile specs.
#include <fstream>

#include "decision_fixture.h"
#include "pvr/decision/delay_profiles.h"
#include "pvr/db.h"
#include "pvr/decision/pending_releases.h"
#include "pvr/settings.h"

namespace nzbd::pvr::testing {
namespace {

const std::string kWeb = "The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP";
const std::string kBluray = "The.Test.Show.S01E01.1080p.BluRay.x264-GRP";
const std::string kWaiting = "Waiting for better quality release";

class DelayTest : public DecisionTest {
 protected:
  void set_global(int usenet_delay, bool bypass_highest, bool enable_usenet = true) {
    DelayProfiles store(*library);
    auto global = store.get(kGlobalDelayProfileId);
    ASSERT_TRUE(global);
    global->usenet_delay = usenet_delay;
    global->bypass_if_highest_quality = bypass_highest;
    global->enable_usenet = enable_usenet;
    ASSERT_TRUE(store.update(*global).ok());
  }
};

TEST_F(DelayTest, TheGlobalProfileExistsWithSonarrsDefaults) {
  auto all = DelayProfiles(*library).list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, 1);
  EXPECT_EQ(all[0].order, kGlobalDelayProfileOrder);
  EXPECT_TRUE(all[0].enable_usenet);
  EXPECT_EQ(all[0].usenet_delay, 0);
  EXPECT_TRUE(all[0].tags.empty());
  EXPECT_FALSE(DelayProfiles(*library).remove(1).ok()) << "the global profile cannot go";
  EXPECT_TRUE(decide_one(release(kWeb, 2500 * kMiB)).approved()) << "no delay by default";
}

TEST_F(DelayTest, AYoungReleaseWaitsForTheDelayUnlessTheUserAsked) {
  set_global(120, false);
  auto young = decide_one(release(kWeb, 2500 * kMiB, "2026-06-01T11:00:00Z"));  // 60 min old
  EXPECT_EQ(reasons(young), std::vector<std::string>{kWaiting});
  EXPECT_TRUE(young.temporarily_rejected());
  EXPECT_TRUE(decide_one(release(kWeb, 2500 * kMiB, "2026-06-01T09:00:00Z")).approved()) << "180 min > 120";
  SearchTarget user{series.id, {e1.id}, false, true};
  EXPECT_TRUE(decide_one(release(kWeb, 2500 * kMiB, "2026-06-01T11:00:00Z"), user).approved());
  SearchTarget automatic{series.id, {e1.id}, false, false};
  EXPECT_TRUE(has_reason(decide_one(release(kWeb, 2500 * kMiB, "2026-06-01T11:00:00Z"), automatic), kWaiting))
      << "automatic searches wait too";
}

TEST_F(DelayTest, TheProfilesBestQualityBypassesTheDelayWhenAsked) {
  // HD-1080p's best allowed quality is Remux-1080p; Bluray-1080p ranks below it.
  const std::string remux = "The.Test.Show.S01E01.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-GRP";
  set_global(120, true);
  auto best = decide_one(release(remux, 8000 * kMiB, "2026-06-01T11:30:00Z"));
  EXPECT_TRUE(best.approved()) << ::testing::PrintToString(reasons(best));
  EXPECT_TRUE(has_reason(decide_one(release(kBluray, 2500 * kMiB, "2026-06-01T11:30:00Z")), kWaiting));
  set_global(120, false);
  EXPECT_TRUE(has_reason(decide_one(release(remux, 8000 * kMiB, "2026-06-01T11:30:00Z")), kWaiting));
}

TEST_F(DelayTest, AnOldPendingReleaseEndsTheWaitForItsEpisodes) {
  set_global(120, false);
  auto held = decide_one(release("The.Test.Show.S01E01.720p.HDTV.x264-OLD", 1200 * kMiB, "2026-06-01T09:30:00Z"));
  held.rejections = {{kWaiting, true}};
  ASSERT_TRUE(PendingReleases(*library).add(held, "delay").ok());
  // 150 minutes since the pending one was published: the young one need not wait.
  EXPECT_TRUE(decide_one(release(kWeb, 2500 * kMiB, "2026-06-01T11:50:00Z")).approved());
  auto e2_release = decide_one(release("The.Test.Show.S01E02.1080p.WEB-DL.H.264-GRP", 2500 * kMiB, "2026-06-01T11:50:00Z"));
  EXPECT_TRUE(has_reason(e2_release, kWaiting)) << "the pending release covers only S01E01";
}

TEST_F(DelayTest, ATaggedProfileWinsOverTheGlobalOneForItsSeries) {
  set_global(0, false);
  int tag = library->add_tag("slow")->id;
  DelayProfile slow;
  slow.usenet_delay = 600;
  slow.bypass_if_highest_quality = false;
  slow.tags = {tag};
  auto added = DelayProfiles(*library).add(slow);
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_EQ(added->order, 1);
  EXPECT_TRUE(decide_one(release(kWeb, 2500 * kMiB)).approved()) << "the series has no tag yet";
  series.tags = {tag};
  ASSERT_TRUE(library->update_series(series).ok());
  EXPECT_TRUE(has_reason(decide_one(release(kWeb, 2500 * kMiB)), kWaiting));
}

TEST_F(DelayTest, ProtocolDisabledByTheProfileIsRejected) {
  set_global(0, false, false);
  DelayProfiles store(*library);
  auto global = store.get(1);
  global->enable_torrent = true;
  ASSERT_TRUE(store.update(*global).ok());
  auto d = decide_one(release(kWeb, 2500 * kMiB));
  EXPECT_EQ(reasons(d), std::vector<std::string>{"Usenet is not enabled for this series"});
  EXPECT_FALSE(d.temporarily_rejected());
}

TEST_F(DelayTest, ReorderKeepsTheGlobalProfileLast) {
  DelayProfiles store(*library);
  std::vector<int> ids;
  for (const char* label : {"a", "b", "c"}) {
    DelayProfile p;
    p.tags = {library->add_tag(label)->id};
    ids.push_back(store.add(p)->id);
  }
  auto order = [&] {
    std::vector<int> out;
    for (const auto& p : store.list()) out.push_back(p.id);
    return out;
  };
  EXPECT_EQ(order(), (std::vector<int>{ids[0], ids[1], ids[2], 1}));
  ASSERT_TRUE(store.reorder(ids[2], std::nullopt).ok());
  EXPECT_EQ(order(), (std::vector<int>{ids[2], ids[0], ids[1], 1}));
  ASSERT_TRUE(store.reorder(ids[2], ids[1]).ok());
  EXPECT_EQ(order(), (std::vector<int>{ids[0], ids[1], ids[2], 1}));
  ASSERT_TRUE(store.remove(ids[0]).ok());
  auto left = store.list();
  ASSERT_EQ(left.size(), 3u);
  EXPECT_EQ(left[0].order, 1);
  EXPECT_EQ(left[1].order, 2);
  EXPECT_EQ(left[2].order, kGlobalDelayProfileOrder);
  EXPECT_FALSE(store.reorder(999, std::nullopt).ok());
}

TEST_F(DelayTest, PendingReleasesAreKeptOnceAndClearedByAGrabThatIsNotWorse) {
  PendingReleases store(*library);
  auto hdtv = decide_one(release("The.Test.Show.S01E01.720p.HDTV.x264-OLD", 1200 * kMiB));
  auto bluray = decide_one(release(kBluray, 2500 * kMiB));
  ASSERT_TRUE(store.add(hdtv, "delay").ok());
  ASSERT_TRUE(store.add(hdtv, "fallback").ok());  // the same release: its reason changes
  ASSERT_TRUE(store.add(bluray, "fallback").ok());
  auto all = store.list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].reason, "fallback");
  EXPECT_EQ(all[0].episode_ids, std::vector<int>{e1.id});
  EXPECT_EQ(all[0].release.title, "The.Test.Show.S01E01.720p.HDTV.x264-OLD");
  EXPECT_TRUE(store.to_retry().empty()) << "fallbacks wait for their turn";
  auto web = decide_one(release(kWeb, 2500 * kMiB));
  auto profile = nzbd::pvr::must(library->quality_profiles());
  auto hd1080 = std::find_if(profile.begin(), profile.end(), [](const QualityProfile& p) { return p.id == 4; });
  ASSERT_NE(hd1080, profile.end());
  store.remove_grabbed(web, *hd1080);
  all = store.list();
  ASSERT_EQ(all.size(), 1u) << "the worse HDTV release went, the better Bluray one stays";
  EXPECT_EQ(all[0].title, kBluray);
}

TEST_F(DecisionTest, SplitEpisodesAreRejected) {
  auto d = decide_one(release("The.Test.Show.S01E01b.Part.2.1080p.WEB-DL.AAC2.0.H.264-FLUX", 2500 * kMiB));
  EXPECT_TRUE(has_reason(d, "Split episode")) << ::testing::PrintToString(reasons(d));
  EXPECT_FALSE(has_reason(decide_one(release(kWeb, 2500 * kMiB)), "Split episode"));
}

TEST_F(DecisionTest, AnAnimeRevisionMustComeFromTheSameGroup) {
  library->with_db([&](Db& db) { nzbd::pvr::exec(db, "UPDATE series SET series_type='anime'"); });
  add_file(e1, 3, "GRP");  // WEBDL-1080p v1 by GRP
  auto other = decide_one(release("The.Test.Show.S01E01.1080p.WEB-DL.PROPER.H.264-OTHER", 2500 * kMiB));
  EXPECT_TRUE(has_reason(other, "Existing Release group: GRP does not match upgrade release group: OTHER"))
      << ::testing::PrintToString(reasons(other));
  auto same = decide_one(release("The.Test.Show.S01E01.1080p.WEB-DL.PROPER.H.264-GRP", 2500 * kMiB));
  EXPECT_FALSE(has_reason(same, "Existing Release group: GRP does not match upgrade release group: GRP"));
  for (const auto& r : reasons(same)) EXPECT_EQ(r.find("release group"), std::string::npos) << r;
}

TEST_F(DecisionTest, AFileGoneFromDiskHoldsRssGrabsWhenEpisodesAreUnmonitoredOnDeletion) {
  allow_upgrades();
  auto file = add_file(e1, 3);  // WEBDL-1080p in the library, never written to disk
  ASSERT_TRUE(write_setting(*library, "mediamanagement", {{"autoUnmonitorPreviouslyDownloadedEpisodes", true}}).ok());
  auto d = decide_one(release(kBluray, 2500 * kMiB));
  EXPECT_EQ(reasons(d), std::vector<std::string>{"Series is not monitored"});
  EXPECT_TRUE(d.temporarily_rejected());
  SearchTarget search{series.id, {e1.id}, false, false};
  EXPECT_TRUE(decide_one(release(kBluray, 2500 * kMiB), search).approved()) << "a search does not check";
  std::filesystem::create_directories(std::filesystem::path(file.path).parent_path());
  std::ofstream(file.path) << "video";
  EXPECT_TRUE(decide_one(release(kBluray, 2500 * kMiB)).approved()) << "the file is there";
  ASSERT_TRUE(write_setting(*library, "mediamanagement", {{"autoUnmonitorPreviouslyDownloadedEpisodes", false}}).ok());
  std::filesystem::remove(file.path);
  EXPECT_TRUE(decide_one(release(kBluray, 2500 * kMiB)).approved()) << "off by default";
}

}  // namespace
}  // namespace nzbd::pvr::testing
