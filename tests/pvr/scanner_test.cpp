#include "pvr/scanner.h"
#include "pvr/db.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace nzbd::pvr {
namespace {
using testing::TempDir;
using testing::write_file;

std::vector<Episode> numbered(int series_id) {
  std::vector<Episode> out;
  int id = 1, abs = 1;
  for (int season = 1; season <= 2; ++season)
    for (int n = 1; n <= 3; ++n) {
      Episode e;
      e.id = id++;
      e.series_id = series_id;
      e.season_number = season;
      e.episode_number = n;
      e.absolute_episode_number = abs++;
      e.air_date = "2024-03-0" + std::to_string(e.id);
      out.push_back(e);
    }
  return out;
}

TEST(MatchEpisodes, BySeasonAndEpisodeNumbers) {
  Series s;
  auto eps = numbered(1);
  auto info = parse_release("Show.S01E02E03.720p.HDTV.x264-GRP");
  ASSERT_TRUE(info);
  EXPECT_EQ(match_episodes(s, eps, *info), (std::vector<int>{2, 3}));
  info = parse_release("Show.S02E01.1080p.WEB-DL-GRP");
  ASSERT_TRUE(info);
  EXPECT_EQ(match_episodes(s, eps, *info), (std::vector<int>{4}));
  info = parse_release("Show.S09E01.1080p.WEB-DL-GRP");
  ASSERT_TRUE(info);
  EXPECT_TRUE(match_episodes(s, eps, *info).empty());
}

TEST(MatchEpisodes, DailyByAirDate) {
  Series s;
  s.series_type = "daily";
  auto eps = numbered(1);
  auto info = parse_release("Daily.Show.2024.03.05.720p.HDTV.x264-GRP");
  ASSERT_TRUE(info);
  ASSERT_TRUE(info->is_daily);
  EXPECT_EQ(match_episodes(s, eps, *info), (std::vector<int>{5}));
}

TEST(MatchEpisodes, AnimeByAbsoluteNumber) {
  Series s;
  s.series_type = "anime";
  auto eps = numbered(1);
  auto info = parse_release("[SubGroup] Some Anime - 05 [1080p].mkv");
  ASSERT_TRUE(info);
  ASSERT_FALSE(info->absolute_episodes.empty());
  EXPECT_EQ(match_episodes(s, eps, *info), (std::vector<int>{5}));
}

class RescanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok());
    library = std::move(*lib);
    Series s;
    s.tvdb_id = 1;
    s.title = "The Test Show";
    s.path = (dir.path() / "tv" / "The Test Show").string();
    s.seasons = {{1, true}, {2, true}};
    std::vector<Episode> eps;
    for (auto e : numbered(0)) {
      e.id = 0;
      eps.push_back(e);
    }
    auto added = library->add_series(s, eps);
    ASSERT_TRUE(added.ok());
    series = *added;
  }
  std::filesystem::path show_dir() const { return series.path; }
  TempDir dir;
  std::unique_ptr<Library> library;
  Series series;
};

TEST_F(RescanTest, MissingFolderIsReportedNotFatal) {
  auto r = rescan_series(*library, series);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->folder_missing);
  EXPECT_EQ(r->added, 0);
}

TEST_F(RescanTest, AddsMatchingFilesAndDropsVanishedOnes) {
  write_file(show_dir() / "The Test Show - S01E01 - Pilot WEBDL-1080p.mkv", std::string(1000, 'x'));
  write_file(show_dir() / "Season 1" / "The.Test.Show.S01E02E03.720p.HDTV.x264-GRP.mkv", "y");
  write_file(show_dir() / "Season 2" / "S02E01.mkv", "z");  // title from the folder
  write_file(show_dir() / "notes.txt", "not a video");
  write_file(show_dir() / "a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3.mkv", "hash");
  write_file(show_dir() / "The.Test.Show.S05E01.720p.HDTV.x264-GRP.mkv", "no such episode");
  write_file(show_dir() / ".hidden" / "The.Test.Show.S02E02.mkv", "hidden");

  auto r = rescan_series(*library, series);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->added, 3);
  EXPECT_EQ(r->unmatched.size(), 2u);
  auto files = nzbd::pvr::must(library->files_for_series(series.id));
  ASSERT_EQ(files.size(), 3u);
  auto eps = nzbd::pvr::must(library->episodes_for_series(series.id));
  EXPECT_NE(eps[0].episode_file_id, 0);
  EXPECT_NE(eps[1].episode_file_id, 0);
  EXPECT_EQ(eps[1].episode_file_id, eps[2].episode_file_id);  // one multi-episode file
  EXPECT_NE(eps[3].episode_file_id, 0);
  EXPECT_EQ(eps[4].episode_file_id, 0);
  for (const auto& f : files) {
    if (f.relative_path.find("Pilot") == std::string::npos) continue;
    EXPECT_EQ(f.size, 1000);
    EXPECT_EQ(f.quality_id, 3);  // WEBDL-1080p
    EXPECT_EQ(f.season_number, 1);
  }

  auto again = rescan_series(*library, series);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->already_known, 3);

  std::filesystem::remove(show_dir() / "Season 1" / "The.Test.Show.S01E02E03.720p.HDTV.x264-GRP.mkv");
  auto after = rescan_series(*library, series);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->removed, 1);
  EXPECT_EQ(nzbd::pvr::must(library->files_for_series(series.id)).size(), 2u);
  EXPECT_EQ(nzbd::pvr::must(library->episodes_for_series(series.id))[1].episode_file_id, 0);
}

TEST_F(RescanTest, SecondCopyOfAnEpisodeIsNotImported) {
  write_file(show_dir() / "The.Test.Show.S01E01.720p.HDTV.x264-AAA.mkv", "a");
  write_file(show_dir() / "The.Test.Show.S01E01.1080p.WEB-DL.x264-BBB.mkv", "b");
  auto r = rescan_series(*library, series);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->added, 1);
  EXPECT_EQ(r->unmatched.size(), 1u);
}

TEST(VideoFiles, Extensions) {
  EXPECT_TRUE(is_video_file("a/b.MKV"));
  EXPECT_TRUE(is_video_file("b.mp4"));
  EXPECT_FALSE(is_video_file("b.nfo"));
  EXPECT_FALSE(is_video_file("mkv"));
}

}  // namespace
}  // namespace nzbd::pvr
