#include "pvr/importer.h"
#include "pvr/db.h"

#include <gtest/gtest.h>

#include "pvr/release_parser.h"
#include "test_util.h"

namespace nzbd::pvr {
namespace {
using testing::TempDir;
using testing::write_file;
namespace fs = std::filesystem;

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok());
    library = std::move(*lib);
    Series s;
    s.tvdb_id = 1;
    s.title = "The Test Show";
    s.clean_title = clean_series_title(s.title);
    s.path = (dir.path() / "tv" / "The Test Show").string();
    s.seasons = {{1, true}};
    std::vector<Episode> eps;
    for (int n = 1; n <= 3; ++n) {
      Episode e;
      e.season_number = 1;
      e.episode_number = n;
      eps.push_back(e);
    }
    auto added = library->add_series(s, eps);
    ASSERT_TRUE(added.ok());
    series = *added;
  }
  fs::path downloads() const { return dir.path() / "downloads"; }
  TempDir dir;
  std::unique_ptr<Library> library;
  Series series;
};

TEST_F(ImporterTest, MovesMatchingFilesIntoTheSeasonFolder) {
  const std::string job = "The.Test.Show.S01E02.720p.HDTV.x264-GRP";
  write_file(downloads() / job / (job + ".mkv"), std::string(500, 'a'));
  write_file(downloads() / job / "sample-the.test.show.s01e02.mkv", "sample");
  write_file(downloads() / job / (job + ".nfo"), "info");
  auto r = import_downloads(*library, downloads() / job, {false, "SABnzbd_nzo_1"});
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->imported, 1);
  fs::path dest = fs::path(series.path) / "Season 1" / (job + ".mkv");
  EXPECT_TRUE(fs::exists(dest));
  EXPECT_FALSE(fs::exists(downloads() / job / (job + ".mkv")));  // moved, not copied
  auto files = nzbd::pvr::must(library->files_for_series(series.id));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].size, 500);
  EXPECT_EQ(files[0].release_group, "GRP");
  EXPECT_EQ(files[0].quality_id, 4);  // HDTV-720p
  EXPECT_NE(nzbd::pvr::must(library->episodes_for_series(series.id))[1].episode_file_id, 0);
  auto h = nzbd::pvr::must(library->history({1, 10, "date", false}));
  ASSERT_EQ(h.total, 1);
  EXPECT_EQ(h.records[0].event_type, "downloadFolderImported");
  EXPECT_EQ(h.records[0].download_id, "SABnzbd_nzo_1");
}

TEST_F(ImporterTest, SkipsUnknownSeriesTakenEpisodesAndCopiesWhenAsked) {
  write_file(downloads() / "Other.Show.S01E01.720p.HDTV.x264-GRP.mkv", "x");
  write_file(downloads() / "The.Test.Show.S01E01.720p.HDTV.x264-GRP.mkv", "x");
  write_file(downloads() / "again" / "The.Test.Show.S01E01.1080p.WEB-DL.x264-GRP.mkv", "x");
  auto r = import_downloads(*library, downloads(), {true, ""});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->imported, 1);
  ASSERT_EQ(r->skipped.size(), 2u);
  EXPECT_TRUE(fs::exists(downloads() / "The.Test.Show.S01E01.720p.HDTV.x264-GRP.mkv"));  // copied
  EXPECT_FALSE(import_downloads(*library, dir.path() / "nope", {}).ok());
}

}  // namespace
}  // namespace nzbd::pvr
