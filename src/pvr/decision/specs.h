// The decision specifications (Sonarr's IDownloadDecisionEngineSpecification
// set), internal to decision/: each looks at one mapped release and returns a
// Rejection with Sonarr's reason text, or nothing when it accepts.
#pragma once

#include <cstdint>
#include <map>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "pvr/decision/blocklist.h"
#include "pvr/decision/decision.h"
#include "pvr/decision/delay_profiles.h"
#include "pvr/decision/pending_releases.h"
#include "pvr/decision/release_profiles.h"
#include "pvr/decision/upgradable.h"
#include "pvr/library.h"

namespace nzbd::pvr {

// The settings the specifications read, from the `settings` table:
// "indexer" {minimumAge, retention, maximumSize}, "mediamanagement"
// {downloadPropersAndRepacks}, "downloadclient" {enableCompletedDownloadHandling}.
struct DecisionConfig {
  int minimum_age = 0;   // minutes, 0 = off
  int retention = 0;     // days, 0 = off
  int maximum_size = 0;  // MB, 0 = off
  PropersMode propers = PropersMode::PreferAndUpgrade;
  bool completed_download_handling = true;
  bool skip_free_space_check = false;  // mediamanagement skipFreeSpaceCheckWhenImporting
  int minimum_free_space_mb = 100;     // mediamanagement minimumFreeSpaceWhenImporting
  bool auto_unmonitor_previously_downloaded = false;  // mediamanagement autoUnmonitorPreviouslyDownloadedEpisodes
};
DecisionConfig read_decision_config(Library& library);

// What the specifications read from each indexer row.
struct IndexerRules {
  std::vector<int> tags;
  int season_pack_only_after_days = 0;  // seasonSearchMaximumSingleEpisodeAge, 0 = off
};
std::map<int, IndexerRules> read_indexer_rules(Library& library);

// Everything one release is judged with; loaded once per batch where possible.
struct SpecInput {
  const RemoteEpisode& remote;  // parsed, series and episodes are set
  const ParsedEpisodeInfo& parsed;
  const Series& series;
  const QualityProfile& profile;
  const std::optional<SearchTarget>& target;
  const DecisionConfig& config;
  std::time_t now;
  std::time_t published;  // the release's publish date (now when unknown)
  const std::vector<QualityDefinitionRow>& definitions;
  const std::vector<QueuedRelease>& queue;
  const std::vector<ReleaseProfile>& release_profiles;  // enabled for this series and indexer
  const std::vector<EpisodeFile>& files;                // existing files of the episodes
  const std::map<int, std::string>& blocked_indexers;   // indexer id -> disabled till (UTC instant)
  Library& library;
  Blocklist& blocklist;
  const std::map<int, IndexerRules>& indexers;           // indexer id -> its tags and season-pack age
  const std::vector<DelayProfile>& delay_profiles;
  const std::vector<PendingRelease>& pending;            // releases held back, for the delay's oldest-pending rule
};

using Spec = std::optional<Rejection> (*)(const SpecInput&);

// Sonarr's Int64.SizeSuffix: 1024-based, one decimal ("1.2 GB", "950.0 MB").
std::string size_suffix(std::int64_t bytes);


// The quality model of a file in the library.
QualityModel file_quality(const EpisodeFile& f);

// Indexers whose back-off (indexer_status.disabled_till) has not run out at `now`.
std::map<int, std::string> read_blocked_indexers(Library& library, std::time_t now);

// specs_release.cpp
std::optional<Rejection> acceptable_size_spec(const SpecInput&);
std::optional<Rejection> already_imported_spec(const SpecInput&);
std::optional<Rejection> blocklist_spec(const SpecInput&);
std::optional<Rejection> full_season_spec(const SpecInput&);
std::optional<Rejection> maximum_size_spec(const SpecInput&);
std::optional<Rejection> minimum_age_spec(const SpecInput&);
std::optional<Rejection> multi_season_spec(const SpecInput&);
std::optional<Rejection> not_sample_spec(const SpecInput&);
std::optional<Rejection> release_restrictions_spec(const SpecInput&);
std::optional<Rejection> retention_spec(const SpecInput&);
// specs_disk.cpp
std::optional<Rejection> raw_disk_spec(const SpecInput&);
std::optional<Rejection> free_space_spec(const SpecInput&);
// specs_indexer.cpp
std::optional<Rejection> indexer_tag_spec(const SpecInput&);
std::optional<Rejection> season_pack_only_spec(const SpecInput&);
// specs_history.cpp
std::optional<Rejection> blocked_indexer_spec(const SpecInput&);
std::optional<Rejection> history_spec(const SpecInput&);
// specs_quality.cpp
std::optional<Rejection> quality_allowed_spec(const SpecInput&);
std::optional<Rejection> queue_spec(const SpecInput&);
std::optional<Rejection> repack_spec(const SpecInput&);
std::optional<Rejection> same_episodes_grab_spec(const SpecInput&);
std::optional<Rejection> upgrade_allowed_spec(const SpecInput&);
std::optional<Rejection> upgrade_disk_spec(const SpecInput&);
std::optional<Rejection> proper_spec(const SpecInput&);
// specs_delay.cpp
std::optional<Rejection> protocol_spec(const SpecInput&);
std::optional<Rejection> delay_spec(const SpecInput&);
std::optional<Rejection> anime_version_upgrade_spec(const SpecInput&);
std::optional<Rejection> split_episode_spec(const SpecInput&);
std::optional<Rejection> deleted_episode_file_spec(const SpecInput&);  // Sonarr's "Disk" group: runs last
// specs_search.cpp
std::optional<Rejection> monitored_episode_spec(const SpecInput&);
std::optional<Rejection> episode_requested_spec(const SpecInput&);
std::optional<Rejection> season_match_spec(const SpecInput&);
std::optional<Rejection> series_spec(const SpecInput&);
std::optional<Rejection> single_episode_search_match_spec(const SpecInput&);

// All of the above but deleted_episode_file_spec, in the order their
// rejections are listed (Sonarr's priority-0 group).
const std::vector<Spec>& all_specs();

}  // namespace nzbd::pvr
