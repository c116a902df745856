// The seed's own example end to end: `missingEpisodeSearch` searches the
// (fake) Newznab indexer, decides like Sonarr, grabs into nzbd's own queue,
// downloads from INN2, unpacks the 7z set, imports into the series folder
// and cleans the download folder; then the failure and upgrade paths.
#include "e2e/tv/tv_util.h"

namespace e2etv {
namespace {

constexpr std::int64_t kGB = 1'000'000'000;
const std::string kBest = "The.Test.Show.S01E01.1080p.WEB-DL.DDP5.1.H.264-GRP";
const std::string k720 = "The.Test.Show.S01E01.720p.HDTV.x264-GRP";

// The feed: for S01E01 a 720p HDTV, a 1080p WEB-DL, a sample, a
// too-large release and another series with a similar name; for S01E02
// only SDTV, which profile 6 ("HD - 720p/1080p") does not allow.
std::vector<nzbd::e2e::FakeRelease> seed_feed(const std::string& best_nzb, const std::string& other_nzb) {
  return {release(k720, kGB * 12 / 10, 1, 1, other_nzb),
          release(kBest, kGB * 15 / 10, 1, 1, best_nzb),
          release("The.Test.Show.S01E01.Sample.1080p.WEB-DL-GRP", 30'000'000, 1, 1, other_nzb),
          release("The.Test.Show.S01E01.1080p.BluRay.x264-HUGE", 60 * kGB, 1, 1, other_nzb),
          release("The.Test.Show.Revisited.S01E01.1080p.WEB-DL-GRP", kGB * 15 / 10, 1, 1, other_nzb, 999999),
          release("The.Test.Show.S01E02.HDTV.x264-GRP", kGB / 2, 1, 2, other_nzb)};
}

class SeedSearch : public TvE2E {
 protected:
  // Runs the seed's request and waits until S01E01 has its file; returns the episode.
  Json search_and_import() {
    const auto start = std::chrono::steady_clock::now();
    int id = seed_missing_search();
    Json cmd = wait_command(id);
    EXPECT_EQ(cmd.value("status", ""), "completed") << cmd.dump();
    EXPECT_NE(cmd.value("message", "").find("1 grabbed"), std::string::npos) << cmd.dump();
    const int e1 = episode_id(1, 1);
    Json ep;
    bool imported = wait_until([&] {
      ep = episode(e1);
      return ep.value("hasFile", false);
    }, 180s);
    EXPECT_TRUE(imported) << ep.dump();
    auto secs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    std::cout << "[ seed ] command to imported file: " << secs.count() << " ms\n";
    return ep;
  }

  void expect_grab_history(int e1) {
    auto h = history_of(e1);
    bool grabbed = false, imported = false;
    for (const auto& r : h) {
      if (r["eventType"] == "grabbed") {
        grabbed = true;
        EXPECT_EQ(r["sourceTitle"], kBest);
        EXPECT_EQ(r["data"].value("indexer", ""), "test-newznab") << r.dump();
        EXPECT_FALSE(r.value("downloadId", "").empty()) << r.dump();
      }
      if (r["eventType"] == "downloadFolderImported") imported = true;
    }
    EXPECT_TRUE(grabbed) << h.dump();
    EXPECT_TRUE(imported) << h.dump();
  }

  void expect_e02_not_grabbed_and_why() {
    const int e2 = episode_id(1, 2);
    EXPECT_FALSE(episode(e2).value("hasFile", true));
    for (const auto& ev : history_events(e2)) EXPECT_NE(ev, "grabbed");
    Json releases = sonarr("GET", "/api/v3/release?episodeId=" + std::to_string(e2));
    ASSERT_TRUE(releases.is_array()) << releases.dump();
    ASSERT_FALSE(releases.empty());
    bool said_why = false;
    for (const auto& r : releases) {
      if (r.value("title", "") != "The.Test.Show.S01E02.HDTV.x264-GRP") continue;
      EXPECT_FALSE(r.value("approved", true)) << r.dump();
      for (const auto& why : r["rejections"])
        if (why.get<std::string>().find("not wanted in profile") != std::string::npos) said_why = true;
    }
    EXPECT_TRUE(said_why) << releases.dump(1);
  }
};

TEST_F(SeedSearch, MissingEpisodeSearchImportsTheBestReleaseKeepingItsName) {
  ASSERT_TRUE(add_series());
  path mkv;
  std::string nzb = post_release(kBest, &mkv);
  ASSERT_FALSE(nzb.empty());
  newznab_->set_releases(seed_feed(nzb, nzb));
  ASSERT_TRUE(add_indexer());  // Sonarr's test wants results in the feed
  Json ep = search_and_import();
  ASSERT_TRUE(ep.value("hasFile", false));

  // Renaming is off by default: the release's own file name, in Season 1.
  path imported = tv_root() / "The Test Show" / "Season 1" / (kBest + ".mkv");
  EXPECT_TRUE(e2epp::fs::exists(imported)) << nzbd::test::run("find " + e2epp::quote(tv_root().string()));
  EXPECT_TRUE(nzbd::test::same_bytes(mkv, imported));
  // The job's folder (7z volumes, par2, the unpacked file) is gone.
  EXPECT_TRUE(wait_until([&] { return !e2epp::fs::exists(complete_dir() / "tv" / kBest); }, 30s))
      << nzbd::test::run("find " + e2epp::quote(complete_dir().string()));
  expect_grab_history(episode_id(1, 1));
  expect_e02_not_grabbed_and_why();
  EXPECT_EQ(newznab_->nzb_downloads(), 1);
}

TEST_F(SeedSearch, MissingEpisodeSearchImportsUnderTheStandardNameWhenRenamingIsOn) {
  ASSERT_TRUE(add_series());
  Json naming = sonarr("GET", "/api/v3/config/naming");
  ASSERT_TRUE(naming.is_object()) << naming.dump();
  naming["renameEpisodes"] = true;
  long st = 0;
  sonarr("PUT", "/api/v3/config/naming", naming, &st);
  ASSERT_TRUE(st == 200 || st == 202) << st;
  path mkv;
  std::string nzb = post_release(kBest, &mkv);
  ASSERT_FALSE(nzb.empty());
  newznab_->set_releases(seed_feed(nzb, nzb));
  ASSERT_TRUE(add_indexer());
  Json ep = search_and_import();
  ASSERT_TRUE(ep.value("hasFile", false));
  path imported = tv_root() / "The Test Show" / "Season 1" / "The Test Show - S01E01 - Pilot WEBDL-1080p.mkv";
  EXPECT_TRUE(e2epp::fs::exists(imported)) << nzbd::test::run("find " + e2epp::quote(tv_root().string()));
  EXPECT_TRUE(nzbd::test::same_bytes(mkv, imported));
  expect_grab_history(episode_id(1, 1));
}

}  // namespace
}  // namespace e2etv
