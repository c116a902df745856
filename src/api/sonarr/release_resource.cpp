#include "api/sonarr/release_resource.h"

#include <algorithm>
#include <ctime>

#include "pvr/decision/upgradable.h"
#include "pvr/time_util.h"

namespace nzbd::sonarr {

json quality_model_json(const pvr::QualityModel& q) {
  return json{{"quality", quality_json(q.id)},
              {"revision", {{"version", q.version}, {"real", q.real}, {"isRepack", q.is_repack}}}};
}

json release_resource_json(const pvr::DownloadDecision& d, const pvr::QualityProfile* profile, int release_weight,
                           const std::vector<int>& requested, const std::string& now_text) {
  const pvr::ReleaseInfo& r = d.remote.release;
  // An unparsed name still shows the quality and languages its words name (as Sonarr does).
  pvr::ParsedEpisodeInfo parsed;
  if (d.remote.parsed) {
    parsed = *d.remote.parsed;
  } else {
    parsed.quality = pvr::parse_quality(r.title);
    parsed.languages = pvr::parse_languages(r.title);
  }
  std::time_t now = pvr::parse_utc(now_text).value_or(std::time(nullptr));
  std::time_t published = pvr::parse_utc(r.publish_date).value_or(now);
  double minutes = std::difftime(now, published) / 60.0;

  int weight = 0;
  if (profile) {
    weight = std::max(0, pvr::profile_rank(*profile, parsed.quality.id)) * 100;
  } else if (const auto* def = pvr::find_quality(parsed.quality.id)) {
    weight = def->weight * 100;
  }
  weight += parsed.quality.real * 10 + parsed.quality.version;

  json rejections = json::array();
  for (const auto& rej : d.rejections) rejections.push_back(rej.reason);
  json mapped_numbers = json::array(), mapped_absolute = json::array(), mapped_info = json::array(),
       episode_ids = json::array();
  bool episode_requested = false;
  for (const auto& e : d.remote.episodes) {
    mapped_numbers.push_back(e.episode_number);
    if (e.absolute_episode_number) mapped_absolute.push_back(*e.absolute_episode_number);
    episode_ids.push_back(e.id);
    json info = {{"id", e.id}, {"seasonNumber", e.season_number}, {"episodeNumber", e.episode_number},
                 {"title", e.title}};
    if (e.absolute_episode_number) info["absoluteEpisodeNumber"] = *e.absolute_episode_number;
    if (e.air_date) info["airDate"] = *e.air_date;
    if (e.air_date_utc) info["airDateUtc"] = *e.air_date_utc;
    mapped_info.push_back(info);
    if (std::find(requested.begin(), requested.end(), e.id) != requested.end()) episode_requested = true;
  }

  json j = {{"guid", r.guid},
            {"quality", quality_model_json(parsed.quality)},
            {"qualityWeight", weight},
            {"age", static_cast<int>(minutes / (60 * 24))},
            {"ageHours", minutes / 60.0},
            {"ageMinutes", minutes},
            {"size", r.size},
            {"indexerId", r.indexer_id},
            {"indexer", r.indexer},
            {"releaseHash", ""},
            {"title", r.title},
            {"fullSeason", parsed.full_season},
            {"sceneSource", false},
            {"seasonNumber", std::max(0, parsed.season)},
            {"languages", languages_json(parsed.languages)},
            {"languageWeight", 0},
            {"seriesTitle", parsed.series_title},
            {"episodeNumbers", parsed.episodes},
            {"absoluteEpisodeNumbers", parsed.absolute_episodes},
            {"mappedEpisodeNumbers", mapped_numbers},
            {"mappedAbsoluteEpisodeNumbers", mapped_absolute},
            {"mappedEpisodeInfo", mapped_info},
            {"approved", d.approved()},
            {"temporarilyRejected", d.temporarily_rejected()},
            {"rejected", !d.approved() && !d.temporarily_rejected()},
            {"tvdbId", r.tvdb_id},
            {"tvRageId", r.tvrage_id},
            {"rejections", rejections},
            {"publishDate", pvr::format_utc(published)},
            {"commentUrl", r.comment_url},
            {"downloadUrl", r.download_url},
            {"infoUrl", r.info_url},
            {"episodeRequested", episode_requested},
            {"downloadAllowed", !d.remote.episodes.empty()},
            {"releaseWeight", release_weight},
            {"customFormats", json::array()},
            {"customFormatScore", 0},
            {"protocol", r.download_protocol},
            {"indexerFlags", 0},
            {"isDaily", parsed.is_daily},
            {"isAbsoluteNumbering", parsed.is_absolute},
            {"isPossibleSpecialEpisode", false},
            {"special", parsed.special},
            {"episodeIds", episode_ids}};
  if (!parsed.release_group.empty()) j["releaseGroup"] = parsed.release_group;
  if (parsed.air_date) j["airDate"] = *parsed.air_date;
  if (!d.remote.episodes.empty()) j["mappedSeasonNumber"] = d.remote.episodes.front().season_number;
  if (d.remote.series) {
    j["mappedSeriesId"] = d.remote.series->id;
    j["seriesId"] = d.remote.series->id;
  }
  if (d.remote.episodes.size() == 1) j["episodeId"] = d.remote.episodes.front().id;
  if (!r.imdb_id.empty()) j["imdbId"] = r.imdb_id;
  return j;
}

}  // namespace nzbd::sonarr
