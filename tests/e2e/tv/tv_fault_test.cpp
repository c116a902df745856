// The automation's recovery paths end to end: a release whose articles are
// gone fails, is blocklisted and the next-best one is grabbed and imported
// unasked; an RSS sync that later offers a better quality replaces the file.
#include "e2e/tv/tv_util.h"

namespace e2etv {
namespace {

constexpr std::int64_t kGB = 1'000'000'000;
const std::string k1080 = "The.Test.Show.S01E01.1080p.WEB-DL.DDP5.1.H.264-GRP";
const std::string k720 = "The.Test.Show.S01E01.720p.HDTV.x264-GRP";

std::vector<std::string> all_message_ids(const std::string& nzb) {
  std::vector<std::string> ids;
  for (const auto& [name, segs] : e2epp::segments_by_file(nzb)) ids.insert(ids.end(), segs.begin(), segs.end());
  return ids;
}

bool has_file_named(const path& dir, const std::string& name) {
  std::error_code ec;
  for (const auto& f : e2epp::fs::recursive_directory_iterator(dir, ec))
    if (f.path().filename() == name) return true;
  return false;
}

TEST_F(TvE2E, AFailedDownloadIsBlocklistedAndTheNextBestReleaseIsImported) {
  ASSERT_TRUE(add_series());
  std::string gone = post_release(k1080);
  path mkv720;
  std::string good = post_release(k720, &mkv720);
  ASSERT_FALSE(gone.empty());
  ASSERT_FALSE(good.empty());
  ASSERT_TRUE(e2epp::cancel(all_message_ids(gone)));
  newznab_->set_releases({release(k1080, kGB * 15 / 10, 1, 1, gone), release(k720, kGB * 12 / 10, 1, 1, good)});
  ASSERT_TRUE(add_indexer());

  Json cmd = run_command({{"name", "EpisodeSearch"}, {"episodeIds", {episode_id(1, 1)}}});
  ASSERT_EQ(cmd.value("status", ""), "completed") << cmd.dump();
  const int e1 = episode_id(1, 1);
  Json ep;
  ASSERT_TRUE(wait_until([&] {
    ep = episode(e1);
    return ep.value("hasFile", false);
  }, 240s)) << ep.dump();
  EXPECT_TRUE(has_file_named(tv_root() / "The Test Show", k720 + ".mkv"));

  Json blocklist = sonarr("GET", "/api/v3/blocklist?pageSize=50");
  ASSERT_TRUE(blocklist.contains("records")) << blocklist.dump();
  ASSERT_EQ(blocklist["records"].size(), 1u) << blocklist.dump();
  EXPECT_EQ(blocklist["records"][0]["sourceTitle"], k1080);
  auto events = history_events(e1);
  EXPECT_NE(std::find(events.begin(), events.end(), "downloadFailed"), events.end());
  EXPECT_EQ(std::count(events.begin(), events.end(), "grabbed"), 2);
  EXPECT_NE(std::find(events.begin(), events.end(), "downloadFolderImported"), events.end());
}

TEST_F(TvE2E, AnRssSyncOfferingABetterQualityReplacesTheFile) {
  // A profile that upgrades from 720p HDTV up to 1080p WEB-DL.
  Json profile = sonarr("GET", "/api/v3/qualityprofile/6");
  ASSERT_TRUE(profile.contains("items")) << profile.dump();
  profile["upgradeAllowed"] = true;
  profile["cutoff"] = 3;  // WEBDL-1080p
  long st = 0;
  Json put = sonarr("PUT", "/api/v3/qualityprofile/6", profile, &st);
  ASSERT_TRUE(st == 200 || st == 202) << st << " " << put.dump();
  ASSERT_TRUE(add_series(6));
  std::string first = post_release(k720);
  ASSERT_FALSE(first.empty());
  newznab_->set_releases({release(k720, kGB * 12 / 10, 1, 1, first)});
  ASSERT_TRUE(add_indexer());
  Json cmd = run_command({{"name", "EpisodeSearch"}, {"episodeIds", {episode_id(1, 1)}}});
  ASSERT_EQ(cmd.value("status", ""), "completed") << cmd.dump();
  const int e1 = episode_id(1, 1);
  ASSERT_TRUE(wait_until([&] { return episode(e1).value("hasFile", false); }, 180s));
  ASSERT_TRUE(has_file_named(tv_root() / "The Test Show", k720 + ".mkv"));

  path mkv1080;
  std::string better = post_release(k1080, &mkv1080);
  ASSERT_FALSE(better.empty());
  newznab_->add_release(release(k1080, kGB * 15 / 10, 1, 1, better));
  cmd = run_command({{"name", "RssSync"}});
  ASSERT_EQ(cmd.value("status", ""), "completed") << cmd.dump();
  EXPECT_NE(cmd.value("message", "").find("1 grabbed"), std::string::npos) << cmd.dump();
  path upgraded = tv_root() / "The Test Show" / "Season 1" / (k1080 + ".mkv");
  ASSERT_TRUE(wait_until([&] { return e2epp::fs::exists(upgraded); }, 180s))
      << nzbd::test::run("find " + e2epp::quote(tv_root().string()));
  EXPECT_TRUE(nzbd::test::same_bytes(mkv1080, upgraded));
  EXPECT_FALSE(has_file_named(tv_root() / "The Test Show", k720 + ".mkv"));
  Json files = sonarr("GET", "/api/v3/episodefile?seriesId=" + std::to_string(series_id_));
  ASSERT_TRUE(files.is_array());
  EXPECT_EQ(files.size(), 1u) << files.dump();
}

}  // namespace
}  // namespace e2etv
