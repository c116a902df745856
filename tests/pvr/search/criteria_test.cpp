// Search criteria building and the bulk searches' episode selection.
#include <gtest/gtest.h>

#include "pvr/search/criteria.h"
#include "pvr/db.h"
#include "pvr/test_util.h"

namespace nzbd::pvr {
namespace {

Episode ep(int season, int number, const char* air_utc, bool monitored = true) {
  Episode e;
  e.season_number = season;
  e.episode_number = number;
  if (air_utc) e.air_date_utc = air_utc;
  e.monitored = monitored;
  return e;
}

class CriteriaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(tmp_.path() / "tv.db");
    ASSERT_TRUE(lib) << lib.message();
    library_ = std::move(*lib);
    Series s;
    s.title = "The Test Show";
    s.tvdb_id = 300101;
    s.tvmaze_id = 101;
    s.imdb_id = "tt0000101";
    s.runtime = 60;
    s.path = (tmp_.path() / "The Test Show").string();
    s.quality_profile_id = 6;
    s.seasons = {{1, true}, {2, true}};
    auto added = library_->add_series(s, {ep(1, 1, "2020-01-07T02:00:00Z"), ep(1, 2, "2020-01-14T02:00:00Z"),
                                          ep(1, 3, "2020-01-21T02:00:00Z", false), ep(2, 1, "2030-03-02T02:00:00Z")});
    ASSERT_TRUE(added) << added.message();
    series_ = *added;
  }
  Episode find(int season, int number) {
    for (const auto& e : nzbd::pvr::must(library_->episodes_for_series(series_.id)))
      if (e.season_number == season && e.episode_number == number) return e;
    ADD_FAILURE() << "no S" << season << "E" << number;
    return {};
  }
  testing::TempDir tmp_;
  std::unique_ptr<Library> library_;
  Series series_;
};

TEST_F(CriteriaTest, AnEpisodeSearchCarriesTheSeriesIdsAndNumbers) {
  auto r = episode_request(series_, find(1, 2), false);
  EXPECT_EQ(r.criteria.kind, SearchCriteria::Kind::SingleEpisode);
  EXPECT_EQ(r.criteria.tvdb_id, 300101);
  EXPECT_EQ(r.criteria.tvmaze_id, 101);
  EXPECT_EQ(r.criteria.imdb_id, "tt0000101");
  EXPECT_EQ(r.criteria.season, 1);
  EXPECT_EQ(r.criteria.episodes, std::vector<int>{2});
  EXPECT_EQ(r.criteria.scene_titles, std::vector<std::string>{"The Test Show"});
  EXPECT_EQ(r.target.series_id, series_.id);
  EXPECT_EQ(r.target.episode_ids, std::vector<int>{find(1, 2).id});
  EXPECT_FALSE(r.target.season_search);
}

TEST_F(CriteriaTest, DailySeriesSearchByAirDateAndSpecialsAreSpecial) {
  Series daily = series_;
  daily.series_type = "daily";
  Episode e = find(1, 1);
  e.air_date = "2020-01-06";
  auto r = episode_request(daily, e, true);
  EXPECT_EQ(r.criteria.kind, SearchCriteria::Kind::Daily);
  EXPECT_EQ(r.criteria.air_date, "2020-01-06");
  EXPECT_TRUE(r.target.user_invoked);
  Episode special = e;
  special.season_number = 0;
  EXPECT_EQ(episode_request(series_, special, false).criteria.kind, SearchCriteria::Kind::Special);
}

TEST_F(CriteriaTest, MissingTakesAiredMonitoredEpisodesWithoutFiles) {
  auto missing = missing_episodes(*library_, 0, true, "2026-12-06T00:00:00Z");
  ASSERT_EQ(missing.size(), 2u);  // S01E03 is unmonitored, S02E01 has not aired
  EXPECT_EQ(missing[0].episode_number, 1);
  EXPECT_EQ(missing[1].episode_number, 2);
  auto unmonitored = missing_episodes(*library_, 0, false, "2026-12-06T00:00:00Z");
  ASSERT_EQ(unmonitored.size(), 1u);
  EXPECT_EQ(unmonitored[0].episode_number, 3);
  // Not yet aired plus runtime: S01E01 aired at 02:00, runs 60 minutes.
  EXPECT_TRUE(missing_episodes(*library_, 0, true, "2020-01-07T02:30:00Z").empty());
  EXPECT_EQ(missing_episodes(*library_, 0, true, "2020-01-07T03:00:00Z").size(), 1u);
}

TEST_F(CriteriaTest, BulkSearchesASeasonForSeveralEpisodesAndAnEpisodeForOne) {
  auto requests = bulk_requests(*library_, {find(1, 1), find(1, 2), find(2, 1)}, false);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].criteria.kind, SearchCriteria::Kind::Season);
  EXPECT_EQ(requests[0].criteria.season, 1);
  EXPECT_TRUE(requests[0].target.season_search);
  EXPECT_EQ(requests[0].target.episode_ids.size(), 2u);
  EXPECT_EQ(requests[1].criteria.kind, SearchCriteria::Kind::SingleEpisode);
  EXPECT_EQ(requests[1].criteria.season, 2);
}

TEST_F(CriteriaTest, CutoffUnmetFindsFilesBelowTheCutoff) {
  // Profile 6 has upgrades off, so its cutoff is the first allowed quality (HDTV-720p).
  EpisodeFile sd;
  sd.series_id = series_.id;
  sd.season_number = 1;
  sd.relative_path = "Season 1/a.mkv";
  sd.path = series_.path + "/Season 1/a.mkv";
  sd.quality_id = 1;  // SDTV
  ASSERT_TRUE(library_->add_episode_file(sd, {find(1, 1).id}));
  EpisodeFile hd = sd;
  hd.relative_path = "Season 1/b.mkv";
  hd.path = series_.path + "/Season 1/b.mkv";
  hd.quality_id = 3;  // WEBDL-1080p
  ASSERT_TRUE(library_->add_episode_file(hd, {find(1, 2).id}));
  auto unmet = cutoff_unmet_episodes(*library_, 0, true);
  ASSERT_EQ(unmet.size(), 1u);
  EXPECT_EQ(unmet[0].episode_number, 1);
}

}  // namespace
}  // namespace nzbd::pvr
