// DecisionMaker::decide: parse, map, then run every specification (Sonarr's
// DownloadDecisionMaker). The specifications of Sonarr's first priority
// group all run, so every rejection of a release is listed, not only the
// first; the deleted-file check (its "Disk" group) runs only after them.
#include "pvr/decision/decision_maker.h"

#include "pvr/settings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <map>

#include "pvr/db.h"
#include "pvr/decision/mapping.h"
#include "pvr/decision/specs.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
using nlohmann::json;

bool DownloadDecision::temporarily_rejected() const {
  return !rejections.empty() &&
         std::all_of(rejections.begin(), rejections.end(), [](const Rejection& r) { return r.temporary; });
}

const std::vector<Spec>& all_specs() {
  // Sonarr's class names in alphabetical order, then its RssSync/ and Search/ folders.
  static const std::vector<Spec> kSpecs = {
      acceptable_size_spec,
      already_imported_spec,
      anime_version_upgrade_spec,
      blocked_indexer_spec,
      blocklist_spec,
      free_space_spec,
      full_season_spec,
      maximum_size_spec,
      minimum_age_spec,
      multi_season_spec,
      not_sample_spec,
      protocol_spec,
      quality_allowed_spec,
      queue_spec,
      raw_disk_spec,
      release_restrictions_spec,
      repack_spec,
      retention_spec,
      same_episodes_grab_spec,
      season_pack_only_spec,
      split_episode_spec,
      upgrade_allowed_spec,
      upgrade_disk_spec,
      delay_spec,
      history_spec,
      indexer_tag_spec,
      monitored_episode_spec,
      proper_spec,
      episode_requested_spec,
      season_match_spec,
      series_spec,
      single_episode_search_match_spec,
  };
  return kSpecs;
}

namespace {

// A non-negative integer member, or the default (hostile or stale settings
// never switch a rule on by accident).
int int_member(const json& j, const char* key, int fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  double v = it->get<double>();
  if (v < 0 || v > 1e9) return fallback;
  return static_cast<int>(v);
}

Rejection reject(std::string reason) { return Rejection{std::move(reason), false}; }

}  // namespace

DecisionConfig read_decision_config(Library& library) {
  DecisionConfig c;
  // read_setting answers an object (empty when unset), so absent members keep the defaults.
  const json indexer = read_setting(library, "indexer");
  c.minimum_age = int_member(indexer, "minimumAge", 0);
  c.retention = int_member(indexer, "retention", 0);
  c.maximum_size = int_member(indexer, "maximumSize", 0);
  const json media = read_setting(library, "mediamanagement");
  if (auto it = media.find("skipFreeSpaceCheckWhenImporting"); it != media.end() && it->is_boolean())
    c.skip_free_space_check = it->get<bool>();
  c.minimum_free_space_mb = int_member(media, "minimumFreeSpaceWhenImporting", 100);
  if (auto it = media.find("autoUnmonitorPreviouslyDownloadedEpisodes"); it != media.end() && it->is_boolean())
    c.auto_unmonitor_previously_downloaded = it->get<bool>();
  if (auto it = media.find("downloadPropersAndRepacks"); it != media.end() && it->is_string()) {
    if (*it == "doNotUpgrade") c.propers = PropersMode::DoNotUpgrade;
    if (*it == "doNotPrefer") c.propers = PropersMode::DoNotPrefer;
  }
  const json clients = read_setting(library, "downloadclient");
  if (auto it = clients.find("enableCompletedDownloadHandling"); it != clients.end() && it->is_boolean())
    c.completed_download_handling = it->get<bool>();
  return c;
}

DecisionMaker::DecisionMaker(Library& library, DecisionServices services)
    : library_(library), services_(std::move(services)) {}

std::vector<DownloadDecision> DecisionMaker::decide(const std::vector<ReleaseInfo>& releases,
                                                    const std::optional<SearchTarget>& target) {
  std::time_t now = std::time(nullptr);
  if (services_.now_utc)
    if (auto t = parse_utc(services_.now_utc())) now = *t;
  const DecisionConfig config = read_decision_config(library_);
  const std::vector<Series> all_series = must(library_.list_series());
  const std::vector<QualityDefinitionRow> definitions = must(library_.quality_definitions());
  const std::vector<QualityProfile> profiles = must(library_.quality_profiles());
  const std::vector<QueuedRelease> queue = services_.queued ? services_.queued() : std::vector<QueuedRelease>{};
  const std::map<int, std::string> blocked_indexers = read_blocked_indexers(library_, now);
  const std::map<int, IndexerRules> indexers = read_indexer_rules(library_);
  Blocklist blocklist(library_);
  const std::vector<ReleaseProfile> release_profiles = ReleaseProfiles(library_).list();
  const std::vector<DelayProfile> delay_profiles = DelayProfiles(library_).list();
  const std::vector<PendingRelease> pending = PendingReleases(library_).list();

  std::vector<DownloadDecision> out;
  out.reserve(releases.size());
  for (const auto& release : releases) {
    DownloadDecision d;
    d.remote.release = release;
    try {
      d.remote.parsed = parse_release(release.title);
      if (!d.remote.parsed || d.remote.parsed->series_title.empty()) {
        d.remote.parsed.reset();
        d.rejections.push_back(reject("Unable to parse release"));
        out.push_back(std::move(d));
        continue;
      }
      const ParsedEpisodeInfo& parsed = *d.remote.parsed;
      d.remote.series = find_series(all_series, release, parsed, target);
      if (!d.remote.series) {
        d.rejections.push_back(reject("Unknown Series"));
        out.push_back(std::move(d));
        continue;
      }
      const Series& series = *d.remote.series;
      d.remote.episodes = find_episodes(library_, series, parsed);
      if (d.remote.episodes.empty()) {
        d.rejections.push_back(reject("Unable to identify correct episode(s) using release name and scene mappings"));
        out.push_back(std::move(d));
        continue;
      }
      auto profile = std::find_if(profiles.begin(), profiles.end(),
                                  [&](const QualityProfile& p) { return p.id == series.quality_profile_id; });
      if (profile == profiles.end()) {
        d.rejections.push_back(reject("Quality profile " + std::to_string(series.quality_profile_id) + " does not exist"));
        out.push_back(std::move(d));
        continue;
      }
      std::vector<int> file_ids;
      for (const auto& e : d.remote.episodes)
        if (e.episode_file_id != 0 && std::find(file_ids.begin(), file_ids.end(), e.episode_file_id) == file_ids.end())
          file_ids.push_back(e.episode_file_id);
      const std::vector<EpisodeFile> files = file_ids.empty() ? std::vector<EpisodeFile>{} : must(library_.files_by_ids(file_ids));
      const std::vector<ReleaseProfile> restrictions = applicable_profiles(release_profiles, series.tags, release.indexer_id);
      std::time_t published = now;
      if (auto t = parse_utc(release.publish_date)) published = *t;
      SpecInput in{d.remote, parsed, series, *profile, target, config, now, published, definitions, queue,
                   restrictions, files, blocked_indexers, library_, blocklist, indexers, delay_profiles, pending};
      for (Spec spec : all_specs())
        if (auto r = spec(in)) d.rejections.push_back(std::move(*r));
      // Sonarr's next priority group runs only when the first one accepted.
      if (d.rejections.empty())
        if (auto r = deleted_episode_file_spec(in)) d.rejections.push_back(std::move(*r));
    } catch (const std::exception& e) {
      d.rejections = {reject("Unexpected error processing release")};
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace nzbd::pvr
