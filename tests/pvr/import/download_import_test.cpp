#include "pvr/import/download_import.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "pvr/db.h"
#include "pvr/import/media_config.h"
#include "pvr/import/naming_config.h"
#include "pvr/release_parser.h"
#include "../test_util.h"

namespace nzbd::pvr {
namespace {
using testing::TempDir;
using testing::write_file;
namespace fs = std::filesystem;

class DownloadImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok());
    library = std::move(*lib);
    Series s;
    s.tvdb_id = 1;
    s.title = "Series Title";
    s.clean_title = clean_series_title(s.title);
    s.path = (dir.path() / "tv" / "Series Title").string();
    s.seasons = {{1, true}};
    std::vector<Episode> eps;
    for (int n = 1; n <= 3; ++n) {
      Episode e;
      e.season_number = 1;
      e.episode_number = n;
      e.title = n == 1 ? "Pilot" : "Episode " + std::to_string(n);
      eps.push_back(e);
    }
    auto added = library->add_series(s, eps);
    ASSERT_TRUE(added.ok());
    series = *added;
    for (const auto& e : nzbd::pvr::must(library->episodes_for_series(series.id))) ids.push_back(e.id);
  }

  // A job folder holding `files` (name -> size); answers the request for it.
  DownloadImportRequest job(const std::string& release, std::vector<std::pair<std::string, std::size_t>> files,
                            std::vector<int> episode_ids) {
    fs::path folder = downloads() / release;
    for (const auto& [name, size] : files) write_file(folder / name, std::string(size, 'v'));
    DownloadImportRequest r;
    r.output_path = folder;
    r.series_id = series.id;
    r.episode_ids = std::move(episode_ids);
    r.release_title = release;
    r.quality = parse_quality(release);
    r.download_id = "SABnzbd_nzo_test";
    r.download_client = "nzbd";
    r.download_client_type = "Builtin";
    return r;
  }
  fs::path downloads() const { return dir.path() / "downloads"; }
  fs::path season1() const { return fs::path(series.path) / "Season 1"; }
  std::string data(const HistoryEvent& h, const std::string& key) {
    for (const auto& [k, v] : h.data)
      if (k == key) return v;
    return "<missing>";
  }
  std::vector<HistoryEvent> history_of(const std::string& type) {
    std::vector<HistoryEvent> out;
    for (auto& h : nzbd::pvr::must(library->history({1, 100, "date", true})).records)
      if (h.event_type == type) out.push_back(h);
    return out;
  }

  TempDir dir;
  std::unique_ptr<Library> library;
  Series series;
  std::vector<int> ids;
};

TEST_F(DownloadImportTest, RenamingOffKeepsTheReleaseNameSkipsSamplesAndRemovesLeftovers) {
  const std::string rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  auto req = job(rel, {{rel + ".mkv", 500}, {"sample-series.title.s01e01.mkv", 50}, {rel + ".nfo", 10}}, {ids[0]});
  auto r = import_download(*library, req);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->imported, 1);
  fs::path dest = season1() / (rel + ".mkv");
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0], dest);
  EXPECT_TRUE(fs::exists(dest));
  ASSERT_EQ(r->rejections.size(), 1u);
  EXPECT_NE(r->rejections[0].find("Sample"), std::string::npos);
  EXPECT_FALSE(fs::exists(req.output_path));  // leftovers (sample, nfo) removed with the job folder
  auto files = nzbd::pvr::must(library->files_for_series(series.id));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].relative_path, "Season 1/" + rel + ".mkv");
  EXPECT_EQ(files[0].scene_name, rel);
  EXPECT_EQ(files[0].release_group, "GRP");
  EXPECT_EQ(files[0].quality_id, 4);
  EXPECT_EQ(files[0].size, 500);
  EXPECT_EQ(library->get_episode(ids[0])->episode_file_id, files[0].id);
  auto h = history_of("downloadFolderImported");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].episode_id, ids[0]);
  EXPECT_EQ(h[0].source_title, rel);
  EXPECT_EQ(h[0].download_id, "SABnzbd_nzo_test");
  EXPECT_EQ(data(h[0], "droppedPath"), (req.output_path / (rel + ".mkv")).string());
  EXPECT_EQ(data(h[0], "importedPath"), dest.string());
  EXPECT_EQ(data(h[0], "downloadClient"), "Builtin");
  EXPECT_EQ(data(h[0], "downloadClientName"), "nzbd");
  EXPECT_EQ(data(h[0], "fileId"), std::to_string(files[0].id));
  EXPECT_EQ(data(h[0], "releaseType"), "singleEpisode");
}

// Found by the kill -9 torture (phase tv-import): a kill after the file was
// placed in the season folder but before the library recorded it made the
// restarted tracker's import refuse it ("Destination already exists") or
// find nothing (the source already moved away): the episode ended with no
// file. Now the source stays until the file is recorded, and an identical
// file already in place is taken; one with other bytes is still refused.
TEST_F(DownloadImportTest, AFilePlacedByAnImportCutShortIsTakenOnTheNextImport) {
  const std::string rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  auto req = job(rel, {{rel + ".mkv", 500}}, {ids[0]});
  fs::path dest = season1() / (rel + ".mkv");
  write_file(dest, std::string(500, 'v'));  // what the killed import had placed
  auto r = import_download(*library, req);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->imported, 1);
  EXPECT_TRUE(fs::exists(dest));
  EXPECT_FALSE(fs::exists(req.output_path));
  ASSERT_EQ(nzbd::pvr::must(library->files_for_series(series.id)).size(), 1u);
  EXPECT_EQ(history_of("downloadFolderImported").size(), 1u);

  const std::string two = "Series.Title.S01E02.720p.HDTV.x264-GRP";
  auto other = job(two, {{two + ".mkv", 500}}, {ids[1]});
  write_file(season1() / (two + ".mkv"), std::string(500, 'x'));  // not this download's bytes
  EXPECT_FALSE(import_download(*library, other).ok());
  EXPECT_TRUE(fs::exists(other.output_path / (two + ".mkv")));
}

TEST_F(DownloadImportTest, AnObfuscatedSingleFileIsTheGrabbedEpisodeNamedAfterTheRelease) {
  const std::string rel = "Series.Title.S01E02.1080p.WEB-DL.DD5.1.H.264-GRP";
  auto req = job(rel, {{"a8f7d6e5c4b3.mkv", 300}}, {ids[1]});
  req.output_path = downloads() / rel;
  auto r = import_download(*library, req);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(fs::exists(season1() / (rel + ".mkv")));
  EXPECT_EQ(nzbd::pvr::must(library->files_for_series(series.id))[0].quality_id, 3);  // WEBDL-1080p, from the grab
}

TEST_F(DownloadImportTest, RenamingOnBuildsTheStandardName) {
  NamingConfig naming;
  naming.rename_episodes = true;
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  const std::string rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  auto r = import_download(*library, job(rel, {{rel + ".mkv", 100}}, {ids[0]}));
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(fs::exists(dir.path() / "tv/Series Title/Season 1/Series Title - S01E01 - Pilot HDTV-720p.mkv"));
  EXPECT_EQ(nzbd::pvr::must(library->files_for_series(series.id))[0].relative_path, "Season 1/Series Title - S01E01 - Pilot HDTV-720p.mkv");
}

TEST_F(DownloadImportTest, ASeasonPackImportsEveryGrabbedEpisode) {
  const std::string rel = "Series.Title.S01.720p.HDTV.x264-GRP";
  auto r = import_download(*library, job(rel, {{"Series.Title.S01E01.720p.HDTV.x264-GRP.mkv", 100},
                                               {"Series.Title.S01E02.720p.HDTV.x264-GRP.mkv", 100}},
                                         {ids[0], ids[1]}));
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->imported, 2);
  EXPECT_TRUE(fs::exists(season1() / "Series.Title.S01E02.720p.HDTV.x264-GRP.mkv"));
  auto files = nzbd::pvr::must(library->files_for_series(series.id));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].scene_name, "Series.Title.S01E01.720p.HDTV.x264-GRP");  // the file's own scene name
}

TEST_F(DownloadImportTest, AnUpgradeReplacesTheOldFileThroughTheRecycleBin) {
  const std::string old_rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  ASSERT_TRUE(import_download(*library, job(old_rel, {{old_rel + ".mkv", 100}}, {ids[0]})).ok());
  int old_id = library->get_episode(ids[0])->episode_file_id;
  fs::path bin = dir.path() / "recycle";
  fs::create_directories(bin);
  MediaManagementConfig media;
  media.recycle_bin = bin.string();
  ASSERT_TRUE(save_media_config(*library, media).ok());

  const std::string rel = "Series.Title.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP";
  auto r = import_download(*library, job(rel, {{rel + ".mkv", 200}}, {ids[0]}));
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_FALSE(fs::exists(season1() / (old_rel + ".mkv")));
  EXPECT_TRUE(fs::exists(bin / "Series Title" / "Season 1" / (old_rel + ".mkv")));
  EXPECT_TRUE(fs::exists(season1() / (rel + ".mkv")));
  auto files = nzbd::pvr::must(library->files_for_series(series.id));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_NE(files[0].id, old_id);
  EXPECT_TRUE(library->get_episode_file(old_id).is(ErrorKind::NotFound));
  auto deleted = history_of("episodeFileDeleted");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(data(deleted[0], "reason"), "Upgrade");

  // A lower quality is not an upgrade: nothing changes.
  const std::string worse = "Series.Title.S01E01.HDTV.x264-GRP";
  auto w = import_download(*library, job(worse, {{worse + ".mkv", 50}}, {ids[0]}));
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.message().find("Not an upgrade"), std::string::npos) << w.message();
  EXPECT_TRUE(fs::exists(downloads() / worse / (worse + ".mkv")));
  EXPECT_EQ(nzbd::pvr::must(library->files_for_series(series.id))[0].id, files[0].id);
}

TEST_F(DownloadImportTest, AnUpgradeWithTheSameNameDeletesTheOldFileFirst) {
  NamingConfig naming;
  naming.rename_episodes = true;
  naming.standard_episode_format = "{Series Title} - S{season:00}E{episode:00}";
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  const std::string a = "Series.Title.S01E01.720p.HDTV.x264-GRP", b = "Series.Title.S01E01.PROPER.720p.HDTV.x264-GRP";
  ASSERT_TRUE(import_download(*library, job(a, {{a + ".mkv", 100}}, {ids[0]})).ok());
  auto r = import_download(*library, job(b, {{b + ".mkv", 222}}, {ids[0]}));
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(fs::file_size(season1() / "Series Title - S01E01.mkv"), 222u);
  EXPECT_EQ(nzbd::pvr::must(library->files_for_series(series.id)).size(), 1u);
}

TEST_F(DownloadImportTest, NothingMatchedIsAnErrorAndLeavesTheDownload) {
  const std::string rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  auto r = import_download(*library, job(rel, {{"Series.Title.S01E03.720p.HDTV.x264-GRP.mkv", 100}, {"x.nfo", 3}}, {ids[0]}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("No files found are eligible"), std::string::npos) << r.message();
  EXPECT_NE(r.message().find("not in the grabbed release"), std::string::npos) << r.message();
  EXPECT_TRUE(fs::exists(downloads() / rel / "x.nfo"));
  EXPECT_TRUE(nzbd::pvr::must(library->files_for_series(series.id)).empty());

  auto empty = import_download(*library, job("Series.Title.S01E02.720p.HDTV.x264-GRP", {{"readme.txt", 3}}, {ids[1]}));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.message().find("No video files"), std::string::npos);
  DownloadImportRequest gone = job("x", {}, {ids[0]});
  gone.output_path = dir.path() / "nope";
  EXPECT_FALSE(import_download(*library, gone).ok());
  DownloadImportRequest other = job("y", {{"y.mkv", 1}}, {9999});
  EXPECT_FALSE(import_download(*library, other).ok());
}

TEST_F(DownloadImportTest, CopyModeHardlinksAndKeepsTheDownload) {
  MediaManagementConfig media;  // copyUsingHardlinks defaults to true
  ASSERT_TRUE(save_media_config(*library, media).ok());
  const std::string rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  auto req = job(rel, {{rel + ".mkv", 100}}, {ids[0]});
  req.copy = true;
  ASSERT_TRUE(import_download(*library, req).ok());
  fs::path src = req.output_path / (rel + ".mkv");
  EXPECT_TRUE(fs::exists(src));
  EXPECT_EQ(fs::hard_link_count(src), 2u);
}

TEST_F(DownloadImportTest, ExtrasComeAlongOnlyWhenConfigured) {
  NamingConfig naming;
  naming.rename_episodes = true;
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  const std::string rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  ASSERT_TRUE(import_download(*library, job(rel, {{rel + ".mkv", 10}, {rel + ".en.srt", 5}}, {ids[0]})).ok());
  EXPECT_FALSE(fs::exists(season1() / "Series Title - S01E01 - Pilot HDTV-720p.en.srt"));  // importExtraFiles off

  MediaManagementConfig media;
  media.import_extra_files = true;
  media.extra_file_extensions = "srt, .nfo";
  ASSERT_TRUE(save_media_config(*library, media).ok());
  const std::string two = "Series.Title.S01E02.720p.HDTV.x264-GRP";
  ASSERT_TRUE(import_download(*library, job(two, {{two + ".mkv", 10}, {two + ".en.srt", 5}, {two + ".txt", 1}}, {ids[1]})).ok());
  EXPECT_TRUE(fs::exists(season1() / "Series Title - S01E02 - Episode 2 HDTV-720p.en.srt"));
  EXPECT_FALSE(fs::exists(season1() / "Series Title - S01E02 - Episode 2 HDTV-720p.txt"));
}

TEST_F(DownloadImportTest, FilesStillBeingUnpackedAreLeftAlone) {
  const std::string rel = "_UNPACK_Series.Title.S01E01.720p.HDTV.x264-GRP";
  auto r = import_download(*library, job(rel, {{"Series.Title.S01E01.720p.HDTV.x264-GRP.mkv", 10}}, {ids[0]}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("still being unpacked"), std::string::npos) << r.message();
}

TEST_F(DownloadImportTest, SymlinksInTheJobAreNeverFollowed) {
  fs::path outside = dir.path() / "outside";
  write_file(outside / "Series.Title.S01E01.720p.HDTV.x264-GRP.mkv", "secret");
  write_file(outside / "dir" / "Series.Title.S01E02.720p.HDTV.x264-GRP.mkv", "secret2");
  const std::string rel = "Series.Title.S01E01.720p.HDTV.x264-GRP";
  auto req = job(rel, {{"readme.txt", 1}}, {ids[0], ids[1]});
  fs::create_symlink(outside / "Series.Title.S01E01.720p.HDTV.x264-GRP.mkv", req.output_path / (rel + ".mkv"));
  fs::create_directory_symlink(outside / "dir", req.output_path / "linked");
  auto r = import_download(*library, req);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(fs::exists(outside / "Series.Title.S01E01.720p.HDTV.x264-GRP.mkv"));
  EXPECT_TRUE(fs::exists(outside / "dir" / "Series.Title.S01E02.720p.HDTV.x264-GRP.mkv"));
  EXPECT_FALSE(fs::exists(fs::path(series.path)));
  // The job folder itself being a link is refused too.
  fs::create_directory_symlink(outside, downloads() / "link-job");
  req.output_path = downloads() / "link-job";
  EXPECT_FALSE(import_download(*library, req).ok());
}

TEST_F(DownloadImportTest, HostileNamesStayInsideTheSeriesFolder) {
  const std::string hostile = "../../../../evil";
  auto req = job("job1", {{"Series.Title.S01E01.720p.HDTV.x264-GRP.mkv", 10}}, {ids[0]});
  req.release_title = hostile;  // the scene name a single-file grab keeps
  auto r = import_download(*library, req);
  ASSERT_TRUE(r.ok()) << r.message();
  ASSERT_EQ(r->files.size(), 1u);
  fs::path canon = fs::weakly_canonical(r->files[0]);
  EXPECT_EQ(canon.parent_path(), fs::weakly_canonical(season1()));
  EXPECT_FALSE(fs::exists(dir.path() / "evil.mkv"));

  // Renaming on with a hostile episode title.
  NamingConfig naming;
  naming.rename_episodes = true;
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  library->with_db([&](Db& db) {
    Stmt s(db, "UPDATE episodes SET title='../../../x' WHERE id=?1");
    s.bind(1, ids[1]).run();
  });
  auto req2 = job("job2", {{"Series.Title.S01E02.720p.HDTV.x264-GRP.mkv", 10}}, {ids[1]});
  auto r2 = import_download(*library, req2);
  ASSERT_TRUE(r2.ok()) << r2.message();
  EXPECT_EQ(fs::weakly_canonical(r2->files[0]).parent_path(), fs::weakly_canonical(season1()));

  // A season folder that is a link out of the series folder is refused.
  fs::path outside = dir.path() / "elsewhere";
  fs::create_directories(outside);
  fs::create_directories(series.path);
  fs::create_directory_symlink(outside, fs::path(series.path) / "Season 1 link");
  naming.season_folder_format = "Season {season} link";
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  auto req3 = job("job3", {{"Series.Title.S01E03.720p.HDTV.x264-GRP.mkv", 10}}, {ids[2]});
  auto r3 = import_download(*library, req3);
  EXPECT_FALSE(r3.ok());
  EXPECT_TRUE(fs::is_empty(outside));
}

}  // namespace
}  // namespace nzbd::pvr
