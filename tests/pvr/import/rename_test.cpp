#include "pvr/import/rename.h"
#include "pvr/db.h"

#include <gtest/gtest.h>

#include "pvr/import/naming_config.h"
#include "pvr/release_parser.h"
#include "../test_util.h"

namespace nzbd::pvr {
namespace {
using testing::TempDir;
using testing::write_file;
namespace fs = std::filesystem;

class RenameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok());
    library = std::move(*lib);
    Series s;
    s.tvdb_id = 7;
    s.title = "Show: Name";
    s.clean_title = clean_series_title(s.title);
    s.path = (dir.path() / "tv" / "Show - Name").string();
    s.seasons = {{1, true}, {2, true}};
    std::vector<Episode> eps;
    for (int season = 1; season <= 2; ++season) {
      Episode e;
      e.season_number = season;
      e.episode_number = 1;
      e.title = "Start";
      eps.push_back(e);
    }
    series = *library->add_series(s, eps);
    for (const auto& e : nzbd::pvr::must(library->episodes_for_series(series.id))) add_file(e, "Season " + std::to_string(e.season_number) + "/show.s0" + std::to_string(e.season_number) + "e01.mkv");
  }
  void add_file(const Episode& e, const std::string& rel) {
    write_file(fs::path(series.path) / rel, "data");
    EpisodeFile f;
    f.series_id = series.id;
    f.season_number = e.season_number;
    f.relative_path = rel;
    f.path = (fs::path(series.path) / rel).string();
    f.size = 4;
    f.quality_id = 3;
    ASSERT_TRUE(library->add_episode_file(f, {e.id}).ok());
  }
  TempDir dir;
  std::unique_ptr<Library> library;
  Series series;
};

TEST_F(RenameTest, PreviewListsOnlyFilesWhoseNameChanges) {
  // Renaming off, no scene name: the original file name is the name, nothing to do.
  EXPECT_TRUE(preview_rename(*library, series).empty());
  NamingConfig naming;
  naming.rename_episodes = true;
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  auto all = preview_rename(*library, series);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].existing_path, "Season 1/show.s01e01.mkv");
  EXPECT_EQ(all[0].new_path, "Season 1/Show - Name - S01E01 - Start WEBDL-1080p.mkv");
  EXPECT_EQ(all[0].episode_numbers, std::vector<int>{1});
  EXPECT_EQ(all[0].series_id, series.id);
  auto season2 = preview_rename(*library, series, 2);
  ASSERT_EQ(season2.size(), 1u);
  EXPECT_EQ(season2[0].season_number, 2);
}

TEST_F(RenameTest, ApplyMovesFilesUpdatesRowsAndHistory) {
  NamingConfig naming;
  naming.rename_episodes = true;
  naming.season_folder_format = "Season {season:00}";
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  auto files = nzbd::pvr::must(library->files_for_series(series.id));
  ASSERT_EQ(files.size(), 2u);
  auto out = rename_files(*library, series, {files[0].id});
  EXPECT_EQ(out.renamed, 1);
  EXPECT_TRUE(out.failures.empty());
  fs::path expected = fs::path(series.path) / "Season 01" / "Show - Name - S01E01 - Start WEBDL-1080p.mkv";
  EXPECT_TRUE(fs::exists(expected));
  EXPECT_FALSE(fs::exists(fs::path(series.path) / "Season 1"));  // emptied folder removed
  auto f = library->get_episode_file(files[0].id);
  EXPECT_EQ(f->path, expected.string());
  EXPECT_EQ(f->relative_path, "Season 01/Show - Name - S01E01 - Start WEBDL-1080p.mkv");
  auto h = nzbd::pvr::must(library->history({1, 10, "date", false}));
  ASSERT_EQ(h.total, 1);
  EXPECT_EQ(h.records[0].event_type, "episodeFileRenamed");
  // The other file follows with an empty list (= all); then nothing is left to do.
  EXPECT_EQ(rename_files(*library, series).renamed, 1);
  EXPECT_TRUE(preview_rename(*library, series).empty());
}

TEST_F(RenameTest, AnExistingDestinationIsNotOverwritten) {
  NamingConfig naming;
  naming.rename_episodes = true;
  ASSERT_TRUE(save_naming_config(*library, naming).ok());
  write_file(fs::path(series.path) / "Season 1" / "Show - Name - S01E01 - Start WEBDL-1080p.mkv", "other");
  auto out = rename_files(*library, series);
  EXPECT_EQ(out.renamed, 1);  // season 2 only
  ASSERT_EQ(out.failures.size(), 1u);
  EXPECT_TRUE(fs::exists(fs::path(series.path) / "Season 1" / "show.s01e01.mkv"));
  EXPECT_EQ(testing::read_file(fs::path(series.path) / "Season 1" / "Show - Name - S01E01 - Start WEBDL-1080p.mkv"), "other");
}

}  // namespace
}  // namespace nzbd::pvr
