#include "pvr/decision/delay_profiles.h"
#include "pvr/library.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "pvr/db.h"
#include "test_util.h"

namespace nzbd::pvr {
namespace {
using testing::TempDir;

Series make_series(int tvdb, const std::string& title) {
  Series s;
  s.tvdb_id = tvdb;
  s.title = title;
  s.sort_title = title;
  s.path = "/tv/" + title;
  s.seasons = {{1, true}, {2, true}};
  return s;
}

Episode make_episode(int season, int number, std::optional<std::string> air_utc) {
  Episode e;
  e.season_number = season;
  e.episode_number = number;
  e.title = "E" + std::to_string(number);
  e.air_date_utc = air_utc;
  if (air_utc) e.air_date = air_utc->substr(0, 10);
  return e;
}

std::vector<Episode> three_episodes() {
  return {make_episode(1, 1, "2020-01-01T02:00:00Z"), make_episode(1, 2, "2020-01-08T02:00:00Z"),
          make_episode(2, 1, "2099-01-01T02:00:00Z")};
}

class LibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok()) << lib.message();
    library = std::move(*lib);
  }
  TempDir dir;
  std::unique_ptr<Library> library;
};

TEST_F(LibraryTest, FreshDatabaseIsMigratedToTheLatestSchemaInWalMode) {
  EXPECT_EQ(nzbd::pvr::must(library->schema_version()), kSchemaVersion);
  auto defs = nzbd::pvr::must(library->quality_definitions());
  ASSERT_EQ(defs.size(), 22u);
  EXPECT_EQ(defs.front().title, "Unknown");
  EXPECT_EQ(defs.back().title, "Bluray-2160p Remux");
  auto profiles = nzbd::pvr::must(library->quality_profiles());
  ASSERT_GE(profiles.size(), 6u);
  EXPECT_EQ(profiles[0].name, "Any");
  EXPECT_EQ(profiles[0].items.size(), 22u);
  auto db = Db::open(dir.path() / "tv.db");
  ASSERT_TRUE(db.ok());
  Stmt s(*db, "PRAGMA journal_mode");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0), "wal");
}

TEST_F(LibraryTest, ReopeningDoesNotRunMigrationsTwice) {
  ASSERT_TRUE(library->add_root_folder("/tv").ok());
  library.reset();
  auto again = Library::open(dir.path() / "tv.db");
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(nzbd::pvr::must((*again)->quality_definitions()).size(), 22u);
  EXPECT_EQ(nzbd::pvr::must((*again)->list_root_folders()).size(), 1u);
}

TEST_F(LibraryTest, RefusesADatabaseFromANewerVersion) {
  library.reset();
  {
    auto db = Db::open(dir.path() / "tv.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->set_user_version(kSchemaVersion + 5).ok());
  }
  auto again = Library::open(dir.path() / "tv.db");
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.message().find("newer"), std::string::npos);
}

TEST_F(LibraryTest, MigratesAnOlderSchemaStepByStep) {
  library.reset();
  {  // Roll the file back to schema 1: the seed rows of migration 2 and the tables of 3-6 vanish.
    auto db = Db::open(dir.path() / "tv.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("DELETE FROM quality_definitions; DELETE FROM quality_profiles;").ok());
    ASSERT_TRUE(db->exec("DROP TABLE indexer_status; DROP TABLE indexers; DROP TABLE blocklist; DROP TABLE release_profiles;"
                "DROP TABLE download_clients; DROP TABLE tracked_downloads; DROP TABLE settings;"
                "DROP TABLE delay_profiles; DROP TABLE pending_releases;").ok());
    ASSERT_TRUE(db->set_user_version(1).ok());
  }
  auto again = Library::open(dir.path() / "tv.db");
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(nzbd::pvr::must((*again)->schema_version()), kSchemaVersion);
  EXPECT_EQ(nzbd::pvr::must((*again)->quality_definitions()).size(), 22u);
  EXPECT_EQ(DelayProfiles(**again).list().size(), 1u) << "migration 6 seeds the global delay profile";
}

TEST_F(LibraryTest, AddsSeriesWithSeasonsAndEpisodes) {
  auto s = make_series(1, "Alpha");
  s.seasons = {{1, true}, {2, false}};
  auto added = library->add_series(s, three_episodes());
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_GT(added->id, 0);
  auto got = library->get_series(added->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->title, "Alpha");
  ASSERT_EQ(got->seasons.size(), 2u);
  auto eps = nzbd::pvr::must(library->episodes_for_series(added->id));
  ASSERT_EQ(eps.size(), 3u);
  EXPECT_TRUE(eps[0].monitored);
  EXPECT_FALSE(eps[2].monitored);  // season 2 is not monitored
  EXPECT_EQ(nzbd::pvr::must(library->episodes_for_series(added->id, 1)).size(), 2u);
  EXPECT_TRUE(library->find_series_by_tvdb(1));
  EXPECT_FALSE(library->find_series_by_tvdb(2));
}

TEST_F(LibraryTest, DuplicateTvdbIdLeavesNothingHalfWritten) {
  ASSERT_TRUE(library->add_series(make_series(7, "One"), three_episodes()).ok());
  auto dup = library->add_series(make_series(7, "Two"), three_episodes());
  EXPECT_FALSE(dup.ok());
  EXPECT_EQ(nzbd::pvr::must(library->list_series()).size(), 1u);
  auto all = nzbd::pvr::must(library->calendar({std::nullopt, std::nullopt, true}));
  EXPECT_EQ(all.size(), 3u);  // no orphan episodes from the failed add
}

TEST_F(LibraryTest, SeasonMonitoringCascadesToEpisodes) {
  auto added = library->add_series(make_series(1, "Alpha"), three_episodes());
  ASSERT_TRUE(added.ok());
  Series s = *library->get_series(added->id);
  s.seasons[0].monitored = false;
  ASSERT_TRUE(library->update_series(s).ok());
  auto eps = nzbd::pvr::must(library->episodes_for_series(s.id, 1));
  for (const auto& e : eps) EXPECT_FALSE(e.monitored);
  EXPECT_TRUE(nzbd::pvr::must(library->episodes_for_series(s.id, 2))[0].monitored);
}

TEST_F(LibraryTest, RefreshMergesEpisodesAndKeepsFlagsAndFiles) {
  auto added = library->add_series(make_series(1, "Alpha"), three_episodes());
  ASSERT_TRUE(added.ok());
  auto eps = nzbd::pvr::must(library->episodes_for_series(added->id));
  ASSERT_TRUE(library->set_episodes_monitored({eps[0].id}, false).ok());
  EpisodeFile f;
  f.series_id = added->id;
  f.season_number = 1;
  f.path = "/tv/Alpha/a.mkv";
  f.relative_path = "a.mkv";
  ASSERT_TRUE(library->add_episode_file(f, {eps[1].id}).ok());

  // New metadata: S01E01 renamed, S01E02 gone from the source (but has a
  // file), S02E01 gone (no file), S03E01 new.
  auto meta = *library->get_series(added->id);
  meta.overview = "new overview";
  std::vector<Episode> fresh = {make_episode(1, 1, "2020-01-01T02:00:00Z"), make_episode(3, 1, "2030-01-01T00:00:00Z")};
  fresh[0].title = "Renamed";
  ASSERT_TRUE(library->refresh_series(meta, fresh).ok());
  auto after = nzbd::pvr::must(library->episodes_for_series(added->id));
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].title, "Renamed");
  EXPECT_FALSE(after[0].monitored);  // kept
  EXPECT_EQ(after[1].episode_number, 2);
  EXPECT_NE(after[1].episode_file_id, 0);  // kept because it has a file
  EXPECT_EQ(after[2].season_number, 3);
  EXPECT_EQ(library->get_series(added->id)->overview, "new overview");
  EXPECT_EQ(library->get_series(added->id)->seasons.size(), 3u);
}

TEST_F(LibraryTest, MissingIsPagedSortedAndFiltered) {
  std::vector<Episode> eps;
  for (int i = 1; i <= 12; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "2020-01-%02dT02:00:00Z", i);
    eps.push_back(make_episode(1, i, std::string(buf)));
  }
  eps.push_back(make_episode(1, 13, "2099-01-01T00:00:00Z"));  // not aired
  eps.push_back(make_episode(0, 1, "2020-01-01T00:00:00Z"));   // special
  auto added = library->add_series(make_series(1, "Alpha"), eps);
  ASSERT_TRUE(added.ok());
  auto all = nzbd::pvr::must(library->episodes_for_series(added->id, 1));
  ASSERT_TRUE(library->set_episodes_monitored({all[0].id}, false).ok());

  PageRequest page{1, 5, "episodes.airDateUtc", false};
  auto p1 = nzbd::pvr::must(library->missing(page, true, "2026-01-01T00:00:00Z"));
  EXPECT_EQ(p1.total, 11);
  ASSERT_EQ(p1.records.size(), 5u);
  EXPECT_EQ(p1.records[0].episode_number, 12);  // newest first
  page.page = 3;
  auto p3 = nzbd::pvr::must(library->missing(page, true, "2026-01-01T00:00:00Z"));
  ASSERT_EQ(p3.records.size(), 1u);
  EXPECT_EQ(p3.records[0].episode_number, 2);
  page = {1, 50, "airDateUtc", true};
  EXPECT_EQ(nzbd::pvr::must(library->missing(page, true, "2026-01-01T00:00:00Z")).records.front().episode_number, 2);
  auto unmonitored = nzbd::pvr::must(library->missing(page, false, "2026-01-01T00:00:00Z"));
  ASSERT_EQ(unmonitored.total, 1);
  EXPECT_EQ(unmonitored.records[0].episode_number, 1);
}

TEST_F(LibraryTest, CalendarHonoursRangeAndMonitoring) {
  auto added = library->add_series(make_series(1, "Alpha"), three_episodes());
  ASSERT_TRUE(added.ok());
  auto eps = nzbd::pvr::must(library->episodes_for_series(added->id));
  EpisodeQuery q{"2020-01-01T00:00:00Z", "2020-01-31T00:00:00Z", false};
  EXPECT_EQ(nzbd::pvr::must(library->calendar(q)).size(), 2u);
  ASSERT_TRUE(library->set_episodes_monitored({eps[0].id}, false).ok());
  EXPECT_EQ(nzbd::pvr::must(library->calendar(q)).size(), 1u);
  q.include_unmonitored = true;
  EXPECT_EQ(nzbd::pvr::must(library->calendar(q)).size(), 2u);
}

TEST_F(LibraryTest, EpisodeFileLinkIsAllOrNothing) {
  auto a = library->add_series(make_series(1, "Alpha"), three_episodes());
  auto b = library->add_series(make_series(2, "Beta"), three_episodes());
  ASSERT_TRUE(a.ok() && b.ok());
  auto a_eps = nzbd::pvr::must(library->episodes_for_series(a->id));
  auto b_eps = nzbd::pvr::must(library->episodes_for_series(b->id));
  EpisodeFile f;
  f.series_id = a->id;
  f.path = "/tv/Alpha/x.mkv";
  auto bad = library->add_episode_file(f, {a_eps[0].id, b_eps[0].id});  // second belongs to Beta
  EXPECT_FALSE(bad.ok());
  EXPECT_TRUE(nzbd::pvr::must(library->files_for_series(a->id)).empty());
  EXPECT_EQ(library->get_episode(a_eps[0].id)->episode_file_id, 0);

  auto good = library->add_episode_file(f, {a_eps[0].id, a_eps[1].id});
  ASSERT_TRUE(good.ok()) << good.message();
  EXPECT_EQ(nzbd::pvr::must(library->episodes_for_file(good->id)).size(), 2u);
  ASSERT_TRUE(library->delete_episode_file(good->id).ok());
  EXPECT_EQ(library->get_episode(a_eps[0].id)->episode_file_id, 0);
  EXPECT_FALSE(library->delete_episode_file(good->id).ok());
}

// Found by the kill -9 torture (phase tv-import): a kill between the file's
// rows and its downloadFolderImported row left an imported episode whose
// import history was never written (the restarted tracker saw the file and
// only marked the download imported). Now both commit or neither does.
TEST_F(LibraryTest, AnEpisodeFileAndItsImportHistoryCommitTogether) {
  auto a = library->add_series(make_series(1, "Alpha"), three_episodes());
  auto b = library->add_series(make_series(2, "Beta"), three_episodes());
  ASSERT_TRUE(a.ok() && b.ok());
  auto a_eps = nzbd::pvr::must(library->episodes_for_series(a->id));
  auto b_eps = nzbd::pvr::must(library->episodes_for_series(b->id));
  EpisodeFile f;
  f.series_id = a->id;
  f.path = "/tv/Alpha/x.mkv";
  auto imported = [&](int episode_id) {
    HistoryEvent h{0, a->id, episode_id, "x", 1, "", "downloadFolderImported", "SABnzbd_nzo_x", {{"size", "1"}}};
    return h;
  };
  auto bad = library->add_episode_file(f, {a_eps[0].id, b_eps[0].id}, {imported(a_eps[0].id)});
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(nzbd::pvr::must(library->history({1, 10, "date", false})).total, 0);

  auto good = library->add_episode_file(f, {a_eps[0].id}, {imported(a_eps[0].id)});
  ASSERT_TRUE(good.ok()) << good.message();
  auto h = nzbd::pvr::must(library->history({1, 10, "date", false}));
  ASSERT_EQ(h.total, 1);
  ASSERT_FALSE(h.records[0].data.empty());
  EXPECT_EQ(h.records[0].data[0], (std::pair<std::string, std::string>{"fileId", std::to_string(good->id)}));
  EXPECT_EQ(h.records[0].download_id, "SABnzbd_nzo_x");
}

TEST_F(LibraryTest, DeletingSeriesCascades) {
  auto a = library->add_series(make_series(1, "Alpha"), three_episodes());
  ASSERT_TRUE(a.ok());
  EpisodeFile f;
  f.series_id = a->id;
  f.path = "/tv/Alpha/x.mkv";
  ASSERT_TRUE(library->add_episode_file(f, {nzbd::pvr::must(library->episodes_for_series(a->id))[0].id}).ok());
  ASSERT_TRUE(library->delete_series(a->id).ok());
  EXPECT_TRUE(nzbd::pvr::must(library->episodes_for_series(a->id)).empty());
  EXPECT_TRUE(nzbd::pvr::must(library->files_for_series(a->id)).empty());
  EXPECT_FALSE(library->delete_series(a->id).ok());
}

TEST_F(LibraryTest, TagsRootFoldersHistoryAndCommands) {
  auto t = library->add_tag("HD");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->label, "hd");
  EXPECT_EQ(library->add_tag("hd")->id, t->id);  // existing tag comes back
  auto t2 = library->add_tag("kids");
  EXPECT_FALSE(library->update_tag({t2->id, "HD"}).ok());
  ASSERT_TRUE(library->delete_tag(t->id).ok());
  EXPECT_EQ(nzbd::pvr::must(library->list_tags()).size(), 1u);

  ASSERT_TRUE(library->add_root_folder("/tv").ok());
  EXPECT_FALSE(library->add_root_folder("/tv").ok());

  for (int i = 0; i < 3; ++i) nzbd::pvr::must(library->add_history({0, 1, i, "src" + std::to_string(i), 3, "2024-01-0" + std::to_string(i + 1) + "T00:00:00Z", "grabbed", "", {{"k", "v"}}}));
  auto h = nzbd::pvr::must(library->history({1, 2, "date", false}));
  EXPECT_EQ(h.total, 3);
  ASSERT_EQ(h.records.size(), 2u);
  EXPECT_EQ(h.records[0].source_title, "src2");
  ASSERT_EQ(h.records[0].data.size(), 1u);
  EXPECT_EQ(h.records[0].data[0].second, "v");

  CommandRecord c;
  c.name = "RescanSeries";
  c = nzbd::pvr::must(library->add_command(c));
  c.status = "started";
  nzbd::pvr::must(library->update_command(c));
  nzbd::pvr::must(library->mark_interrupted_commands());
  EXPECT_EQ(library->get_command(c.id)->status, "orphaned");
}

}  // namespace
}  // namespace nzbd::pvr
