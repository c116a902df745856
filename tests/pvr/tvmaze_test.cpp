#include "pvr/tvmaze.h"

#include <gtest/gtest.h>

#include <map>

#include "test_util.h"

namespace nzbd::pvr {
namespace {
using testing::tvmaze_file;

TEST(TvMazeMap, ShowFieldsMapToSonarrs) {
  auto info = map_tvmaze_show_with_episodes(tvmaze_file("show-101.json"));
  ASSERT_TRUE(info.ok()) << info.message();
  const Series& s = info->series;
  EXPECT_EQ(s.title, "The Test Show");
  EXPECT_EQ(s.tvmaze_id, 101);
  EXPECT_EQ(s.tvdb_id, 300101);
  EXPECT_EQ(s.tvrage_id, 4101);
  EXPECT_EQ(s.imdb_id, "tt0000101");
  EXPECT_EQ(s.status, "continuing");
  EXPECT_EQ(s.network, "ABC");
  EXPECT_EQ(s.timezone, "America/New_York");
  EXPECT_EQ(s.air_time, "21:00");
  EXPECT_EQ(s.runtime, 60);
  EXPECT_EQ(s.year, 2020);
  EXPECT_EQ(s.first_aired, "2020-01-06");
  EXPECT_FALSE(s.last_aired);
  EXPECT_EQ(s.overview, "The Test Show follows a team & their tests.");
  EXPECT_EQ(s.sort_title, "test show");
  EXPECT_EQ(s.clean_title, "thetestshow");
  EXPECT_EQ(s.title_slug, "the-test-show");
  EXPECT_EQ(s.genres, (std::vector<std::string>{"Drama", "Mystery"}));
  ASSERT_EQ(s.images.size(), 1u);
  EXPECT_EQ(s.images[0].cover_type, "poster");
  EXPECT_NE(s.images[0].url.find("original_untouched"), std::string::npos);
  ASSERT_EQ(s.seasons.size(), 2u);
}

TEST(TvMazeMap, EpisodesKeepLocalDateAndUtcInstantAndSkipUnnumberedSpecials) {
  auto info = map_tvmaze_show_with_episodes(tvmaze_file("show-101.json"));
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->episodes.size(), 6u);  // the special with number null is left out
  const Episode& pilot = info->episodes[0];
  EXPECT_EQ(pilot.title, "Pilot");
  EXPECT_EQ(pilot.season_number, 1);
  EXPECT_EQ(pilot.episode_number, 1);
  EXPECT_EQ(pilot.air_date, "2020-01-06");              // New York evening
  EXPECT_EQ(pilot.air_date_utc, "2020-01-07T02:00:00Z");  // next day in UTC
  EXPECT_EQ(pilot.absolute_episode_number, 1);
  EXPECT_EQ(pilot.tvmaze_id, 1001);
  EXPECT_EQ(pilot.overview, "Pilot summary.");
  EXPECT_EQ(info->episodes[3].absolute_episode_number, 4);  // S02E01 continues the count
}

TEST(TvMazeMap, StatusTable) {
  EXPECT_EQ(map_tvmaze_status("Running"), "continuing");
  EXPECT_EQ(map_tvmaze_status("Ended"), "ended");
  EXPECT_EQ(map_tvmaze_status("To Be Determined"), "continuing");
  EXPECT_EQ(map_tvmaze_status("In Development"), "upcoming");
  EXPECT_EQ(map_tvmaze_status(""), "continuing");
}

TEST(TvMazeMap, MissingAndNullFieldsGetDefaults) {
  auto info = map_tvmaze_show_with_episodes(tvmaze_file("show-202.json"));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->series.tvdb_id, 0);
  EXPECT_EQ(info->series.network, "Netflix");  // webChannel when there is no network
  EXPECT_EQ(info->series.timezone, "");        // webChannel without a country
  EXPECT_EQ(info->series.status, "upcoming");
  EXPECT_EQ(info->series.year, 0);
  EXPECT_TRUE(info->series.images.empty());
  EXPECT_TRUE(info->episodes.empty());

  auto daily = map_tvmaze_show_with_episodes(tvmaze_file("show-303.json"));
  ASSERT_TRUE(daily.ok());
  EXPECT_EQ(daily->series.runtime, 30);  // averageRuntime when runtime is null
  EXPECT_EQ(daily->series.imdb_id, "");
  EXPECT_EQ(daily->series.rating, 0);

  auto minimal = map_tvmaze_show(R"({"id": 9})");
  ASSERT_TRUE(minimal.ok());
  EXPECT_EQ(minimal->title, "");
  EXPECT_FALSE(map_tvmaze_show(R"({"name": "no id"})").ok());
  EXPECT_FALSE(map_tvmaze_show("not json").ok());
  auto weird = map_tvmaze_show(R"({"id": 1e300, "runtime": "60", "externals": {"thetvdb": -1e99}})");
  EXPECT_FALSE(weird.ok());  // an id out of range is no id
}

TEST(TvMazeMap, SearchListsShows) {
  auto found = map_tvmaze_search(tvmaze_file("search-test.json"));
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 3u);
  EXPECT_EQ((*found)[0].title, "The Test Show");
  EXPECT_EQ((*found)[2].status, "ended");
  EXPECT_EQ((*found)[2].last_aired, "2003-05-01");
  EXPECT_FALSE(map_tvmaze_search(R"({"not": "a list"})").ok());
}

// A scripted HTTP transport: replies by URL, in order.
struct Script {
  std::map<std::string, std::vector<HttpReply>> replies;
  std::vector<std::string> calls;
  HttpGet get() {
    return [this](const std::string& url) -> Result<HttpReply> {
      calls.push_back(url);
      auto& list = replies[url];
      if (list.empty()) return make_error("no scripted reply for " + url);
      HttpReply r = list.front();
      if (list.size() > 1) list.erase(list.begin());
      return r;
    };
  }
};

TEST(TvMazeClient, RetriesRateLimitsWithBackOff) {
  Script script;
  const std::string url = "http://tvmaze.test/shows/101?embed=episodes";
  script.replies[url] = {{429, "", std::nullopt}, {429, "", 3}, {200, tvmaze_file("show-101.json"), std::nullopt}};
  std::vector<std::chrono::milliseconds> waits;
  TvMazeClient client("http://tvmaze.test/", script.get(), RetryPolicy{5, std::chrono::milliseconds(100), std::chrono::milliseconds(1000)},
                      [&](std::chrono::milliseconds d) { waits.push_back(d); });
  auto show = client.show(101);
  ASSERT_TRUE(show.ok()) << show.message();
  EXPECT_EQ(show->episodes.size(), 6u);
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_EQ(waits[0].count(), 100);   // back-off
  EXPECT_EQ(waits[1].count(), 3000);  // Retry-After wins
  EXPECT_EQ(script.calls.size(), 3u);
}

TEST(TvMazeClient, GivesUpAfterMaxAttempts) {
  Script script;
  script.replies["http://t/search/shows?q=x"] = {{429, "", std::nullopt}};
  int sleeps = 0;
  TvMazeClient client("http://t", script.get(), RetryPolicy{3, std::chrono::milliseconds(10), std::chrono::milliseconds(15)},
                      [&](std::chrono::milliseconds) { ++sleeps; });
  auto r = client.search("x");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("429"), std::string::npos);
  EXPECT_EQ(sleeps, 2);
  EXPECT_EQ(script.calls.size(), 3u);
}

TEST(TvMazeClient, LookupAndPagingAndErrors) {
  Script script;
  script.replies["http://t/lookup/shows?thetvdb=300101"] = {{200, tvmaze_file("show-101.json"), std::nullopt}};
  script.replies["http://t/lookup/shows?thetvdb=5"] = {{404, R"({"name":"Not Found"})", std::nullopt}};
  script.replies["http://t/shows?page=0"] = {{200, tvmaze_file("shows-page-0.json"), std::nullopt}};
  script.replies["http://t/shows?page=1"] = {{404, "", std::nullopt}};
  script.replies["http://t/search/shows?q=the%20test%20%26%20show"] = {{200, tvmaze_file("search-test.json"), std::nullopt}};
  script.replies["http://t/shows/7?embed=episodes"] = {{500, "oops", std::nullopt}};
  TvMazeClient client("http://t", script.get(), {}, [](std::chrono::milliseconds) {});
  auto hit = client.lookup_tvdb(300101);
  ASSERT_TRUE(hit.ok());
  ASSERT_TRUE(hit->has_value());
  EXPECT_EQ((*hit)->tvmaze_id, 101);
  auto miss = client.lookup_tvdb(5);
  ASSERT_TRUE(miss.ok());
  EXPECT_FALSE(miss->has_value());
  auto page0 = client.shows_page(0);
  ASSERT_TRUE(page0.ok());
  EXPECT_EQ(page0->size(), 3u);
  auto page1 = client.shows_page(1);
  ASSERT_TRUE(page1.ok());
  EXPECT_TRUE(page1->empty());
  auto search = client.search("the test & show");
  ASSERT_TRUE(search.ok()) << search.message();
  EXPECT_EQ(search->size(), 3u);
  auto broken = client.show(7);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.message().find("500"), std::string::npos);
}

}  // namespace
}  // namespace nzbd::pvr
