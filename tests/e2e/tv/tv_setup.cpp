#include "e2e/tv/tv_setup.h"

#include <vector>

namespace e2etv {

using Json = nlohmann::json;

nzbd::e2e::FakeRelease release(const std::string& title, std::int64_t size, int season, int episode,
                               const std::string& nzb, int tvdb_id) {
  nzbd::e2e::FakeRelease r;
  r.title = title;
  r.guid = title;  // unique per test feed
  r.size = size;
  r.pub_date = "Sat, 05 Dec 2026 12:00:00 +0000";
  r.tvdb_id = tvdb_id;
  r.season = season;
  r.episode = episode;
  r.nzb = nzb;
  return r;
}

int add_test_series(const Sonarr& sonarr, const std::filesystem::path& root, int profile_id,
                    const std::set<std::pair<int, int>>& wanted) {
  long st = 0;
  sonarr("POST", "/api/v3/rootfolder", {{"path", root.string()}}, &st);
  if (st != 201 && st != 200) return 0;
  Json lookup = sonarr("GET", "/api/v3/series/lookup?term=tvdb:300101", nullptr, &st);
  if (!lookup.is_array() || lookup.empty()) return 0;
  Json s = lookup[0];
  s["qualityProfileId"] = profile_id;
  s["rootFolderPath"] = root.string();
  s["monitored"] = true;
  s["seasonFolder"] = true;
  s["addOptions"] = {{"monitor", "all"}, {"searchForMissingEpisodes", false}};
  Json added = sonarr("POST", "/api/v3/series", s, &st);
  if (st != 201 || !added.contains("id")) return 0;
  const int series_id = added["id"];
  std::vector<int> others;
  Json episodes = sonarr("GET", "/api/v3/episode?seriesId=" + std::to_string(series_id), nullptr, &st);
  if (!episodes.is_array()) return 0;
  auto number = [](const Json& v) { return v.is_number_integer() ? v.get<int>() : -1; };  // specials: null
  for (const auto& e : episodes)
    if (!wanted.count({number(e["seasonNumber"]), number(e["episodeNumber"])})) others.push_back(e["id"]);
  sonarr("PUT", "/api/v3/episode/monitor", {{"episodeIds", others}, {"monitored", false}}, &st);
  return st == 200 || st == 202 ? series_id : 0;
}

bool add_test_indexer(const Sonarr& sonarr, const std::string& base_url, const std::string& api_key,
                      std::string* answer) {
  Json body = {{"name", "test-newznab"},
               {"implementation", "Newznab"},
               {"configContract", "NewznabSettings"},
               {"enableRss", true},
               {"enableAutomaticSearch", true},
               {"enableInteractiveSearch", true},
               {"priority", 25},
               {"fields",
                {{{"name", "baseUrl"}, {"value", base_url}},
                 {{"name", "apiPath"}, {"value", "/api"}},
                 {{"name", "apiKey"}, {"value", api_key}},
                 {{"name", "categories"}, {"value", {5030, 5040}}}}}};
  long st = 0;
  Json r = sonarr("POST", "/api/v3/indexer", body, &st);
  if (answer) *answer = std::to_string(st) + " " + r.dump();
  return st == 201;
}

}  // namespace e2etv
