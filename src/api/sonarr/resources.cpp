// Resource writers: library records -> Sonarr's JSON shapes.
#include <algorithm>
#include <map>
#include <set>

#include "api/sonarr/json_io.h"
#include "pvr/quality.h"
#include "pvr/release_parser.h"
#include "pvr/time_util.h"

namespace nzbd::sonarr {

json quality_json(int quality_id) {
  const auto* q = pvr::find_quality(quality_id);
  if (!q) q = pvr::find_quality(0);
  if (!q) return json{{"id", quality_id}, {"name", "Unknown"}, {"source", "unknown"}, {"resolution", 0}};
  return json{{"id", q->id}, {"name", q->name}, {"source", q->source}, {"resolution", q->resolution}};
}

json file_quality_json(const pvr::EpisodeFile& f) {
  return json{{"quality", quality_json(f.quality_id)},
              {"revision", {{"version", f.quality_version}, {"real", f.quality_real},
                            {"isRepack", f.quality_repack}}}};
}

json languages_json(const std::vector<std::string>& names) {
  json out = json::array();
  for (const auto& n : names) out.push_back({{"id", pvr::language_id(n)}, {"name", n}});
  if (out.empty()) out.push_back({{"id", 1}, {"name", "English"}});
  return out;
}

namespace {

json images_json(const std::vector<pvr::Image>& images) {
  json out = json::array();
  for (const auto& i : images) out.push_back({{"coverType", i.cover_type}, {"url", i.url}, {"remoteUrl", i.url}});
  return out;
}

json base_series_json(const pvr::Series& s) {
  json j = {{"title", s.title},
            {"alternateTitles", json::array()},
            {"sortTitle", s.sort_title},
            {"status", s.status},
            {"ended", s.status == "ended"},
            {"overview", s.overview},
            {"network", s.network},
            {"airTime", s.air_time},
            {"images", images_json(s.images)},
            {"originalLanguage", {{"id", pvr::language_id(s.original_language)}, {"name", s.original_language}}},
            {"year", s.year},
            {"seasonFolder", s.season_folder},
            {"monitored", s.monitored},
            {"monitorNewItems", s.monitor_new_items},
            {"useSceneNumbering", s.use_scene_numbering},
            {"runtime", s.runtime},
            {"tvdbId", s.tvdb_id},
            {"tvRageId", s.tvrage_id},
            {"tvMazeId", s.tvmaze_id},
            {"tmdbId", s.tmdb_id},
            {"seriesType", s.series_type},
            {"cleanTitle", s.clean_title},
            {"titleSlug", s.title_slug},
            {"certification", s.certification},
            {"genres", s.genres},
            {"tags", s.tags},
            {"ratings", {{"votes", s.rating_votes}, {"value", s.rating}}},
            {"languageProfileId", 1}};
  if (!s.imdb_id.empty()) j["imdbId"] = s.imdb_id;
  if (s.first_aired) j["firstAired"] = *s.first_aired + "T00:00:00Z";
  if (s.last_aired) j["lastAired"] = *s.last_aired + "T00:00:00Z";
  for (const auto& i : s.images)
    if (i.cover_type == "poster") j["remotePoster"] = i.url;
  return j;
}

}  // namespace

json lookup_series_json(const pvr::Series& s) {
  json j = base_series_json(s);
  j["qualityProfileId"] = 0;
  json seasons = json::array();
  for (const auto& se : s.seasons) seasons.push_back({{"seasonNumber", se.season_number}, {"monitored", se.monitored}});
  j["seasons"] = seasons;
  j["folder"] = s.title;
  j["added"] = "0001-01-01T00:00:00Z";
  j["statistics"] = {{"seasonCount", static_cast<int>(s.seasons.size())}, {"episodeFileCount", 0},
                     {"episodeCount", 0}, {"totalEpisodeCount", 0}, {"sizeOnDisk", 0},
                     {"releaseGroups", json::array()}, {"percentOfEpisodes", 0.0}};
  return j;
}

json series_json(pvr::Library& lib, const pvr::Series& s, bool legacy) {
  json j = base_series_json(s);
  j["id"] = s.id;
  j["path"] = s.path;
  j["rootFolderPath"] = s.root_folder_path;
  j["qualityProfileId"] = s.quality_profile_id;
  j["added"] = s.added;
  if (s.last_info_sync) j["lastInfoSync"] = *s.last_info_sync;
  std::string folder = std::filesystem::path(s.path).filename().string();
  j["folder"] = folder;

  // Statistics as Sonarr counts them: episodeCount is monitored episodes that
  // aired or have a file; totalEpisodeCount is every episode.
  auto episodes = pvr::must(lib.episodes_for_series(s.id));
  auto files = pvr::must(lib.files_for_series(s.id));
  std::map<int, std::int64_t> file_size;
  std::set<std::string> groups;
  for (const auto& f : files) {
    file_size[f.id] = f.size;
    if (!f.release_group.empty()) groups.insert(f.release_group);
  }
  const std::string now = pvr::now_utc();
  struct Stats { int files = 0, count = 0, total = 0; std::int64_t size = 0; std::optional<std::string> next, prev; };
  std::map<int, Stats> per_season;
  Stats all;
  std::set<int> counted_files;
  for (const auto& e : episodes) {
    Stats& st = per_season[e.season_number];
    bool aired = e.air_date_utc && *e.air_date_utc <= now;
    for (Stats* t : {&st, &all}) {
      ++t->total;
      if (e.episode_file_id) ++t->files;
      if (e.episode_file_id || (e.monitored && aired)) ++t->count;
      if (e.monitored && e.air_date_utc) {
        if (aired && (!t->prev || *e.air_date_utc > *t->prev)) t->prev = e.air_date_utc;
        if (!aired && (!t->next || *e.air_date_utc < *t->next)) t->next = e.air_date_utc;
      }
    }
    if (e.episode_file_id && counted_files.insert(e.episode_file_id).second) {
      st.size += file_size[e.episode_file_id];
      all.size += file_size[e.episode_file_id];
    }
  }
  auto stats_json = [](const Stats& st) {
    json o = {{"episodeFileCount", st.files}, {"episodeCount", st.count},
              {"totalEpisodeCount", st.total}, {"sizeOnDisk", st.size},
              {"percentOfEpisodes", st.count ? 100.0 * st.files / st.count : 0.0}};
    if (st.next) o["nextAiring"] = *st.next;
    if (st.prev) o["previousAiring"] = *st.prev;
    return o;
  };
  json seasons = json::array();
  for (const auto& se : s.seasons) {
    json sj = {{"seasonNumber", se.season_number}, {"monitored", se.monitored}, {"images", json::array()}};
    sj["statistics"] = stats_json(per_season[se.season_number]);
    seasons.push_back(std::move(sj));
  }
  j["seasons"] = seasons;
  json stats = stats_json(all);
  stats.erase("nextAiring");
  stats.erase("previousAiring");
  stats["seasonCount"] = static_cast<int>(std::count_if(s.seasons.begin(), s.seasons.end(),
                                                         [](const pvr::Season& x) { return x.season_number > 0; }));
  stats["releaseGroups"] = groups;
  j["statistics"] = stats;
  if (all.next) j["nextAiring"] = *all.next;
  if (all.prev) j["previousAiring"] = *all.prev;
  if (legacy) {  // Sonarr 3's flat fields
    j["profileId"] = s.quality_profile_id;
    j["seasonCount"] = stats["seasonCount"];
    j["episodeCount"] = all.count;
    j["episodeFileCount"] = all.files;
    j["totalEpisodeCount"] = all.total;
    j["sizeOnDisk"] = all.size;
  }
  return j;
}

json episode_json(const pvr::Episode& e, bool legacy) {
  json j = {{"id", e.id},
            {"seriesId", e.series_id},
            {"tvdbId", e.tvdb_id},
            {"episodeFileId", e.episode_file_id},
            {"seasonNumber", e.season_number},
            {"episodeNumber", e.episode_number},
            {"title", e.title},
            {"runtime", e.runtime},
            {"overview", e.overview},
            {"hasFile", e.episode_file_id != 0},
            {"monitored", e.monitored},
            {"unverifiedSceneNumbering", false},
            {"images", json::array()}};
  if (e.air_date) j["airDate"] = *e.air_date;
  if (e.air_date_utc) j["airDateUtc"] = *e.air_date_utc;
  if (e.absolute_episode_number) j["absoluteEpisodeNumber"] = *e.absolute_episode_number;
  if (e.finale_type) j["finaleType"] = *e.finale_type;
  if (e.image_url) j["images"].push_back({{"coverType", "screenshot"}, {"url", *e.image_url}, {"remoteUrl", *e.image_url}});
  if (e.air_date_utc && e.runtime > 0) {
    if (auto t = pvr::parse_utc(*e.air_date_utc)) j["endTime"] = pvr::format_utc(*t + e.runtime * 60);
  }
  if (legacy) {
    j.erase("tvdbId");
    j.erase("runtime");
  }
  return j;
}

json episode_file_json(const pvr::EpisodeFile& f, const pvr::Series* s) {
  json j = {{"id", f.id},
            {"seriesId", f.series_id},
            {"seasonNumber", f.season_number},
            {"relativePath", f.relative_path},
            {"path", f.path},
            {"size", f.size},
            {"dateAdded", f.date_added},
            {"languages", languages_json(f.languages)},
            {"quality", file_quality_json(f)},
            {"customFormats", json::array()},
            {"customFormatScore", 0},
            {"indexerFlags", 0},
            {"releaseType", "singleEpisode"},
            {"qualityCutoffNotMet", false}};
  if (!f.scene_name.empty()) j["sceneName"] = f.scene_name;
  if (!f.release_group.empty()) j["releaseGroup"] = f.release_group;
  (void)s;
  return j;
}

json tag_json(const pvr::Tag& t) { return json{{"id", t.id}, {"label", t.label}}; }

}  // namespace nzbd::sonarr
