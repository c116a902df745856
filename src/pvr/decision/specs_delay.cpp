// The specifications that follow the series' delay profile (Delay,
// Protocol), plus the anime revision rule, split episodes and files that
// vanished from disk (Sonarr's AnimeVersionUpgrade, SplitEpisode and
// RssSync/DeletedEpisodeFile specifications).
#include <filesystem>

#include "pvr/decision/specs.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {

Rejection reject(std::string reason) { return Rejection{std::move(reason), false}; }

bool is_preferred_protocol(const DelayProfile& p, const ReleaseInfo& r) { return r.download_protocol == p.preferred_protocol; }

// The profile's best allowed quality ranks at or below the release's.
bool is_best_in_profile(const QualityProfile& profile, const QualityModel& q) {
  int best = -1;
  for (const auto& item : profile.items)
    if (item.allowed) best = std::max(best, profile_rank(profile, item.quality_id));
  return best >= 0 && profile_rank(profile, q.id) >= best;
}

}  // namespace

std::optional<Rejection> protocol_spec(const SpecInput& in) {
  const DelayProfile p = best_delay_profile(in.delay_profiles, in.series.tags);
  const std::string& protocol = in.remote.release.download_protocol;
  if (protocol == "torrent" && !p.enable_torrent) return reject("Torrent is not enabled for this series");
  if (protocol != "torrent" && !p.enable_usenet) return reject("Usenet is not enabled for this series");
  return std::nullopt;
}

std::optional<Rejection> delay_spec(const SpecInput& in) {
  if (in.target && in.target->user_invoked) return std::nullopt;  // the user asked for it now
  const DelayProfile p = best_delay_profile(in.delay_profiles, in.series.tags);
  const int delay = p.delay_for(in.remote.release.download_protocol);
  if (delay <= 0) return std::nullopt;
  const bool preferred = is_preferred_protocol(p, in.remote.release);
  if (preferred)
    for (const auto& f : in.files) {
      QualityModel current = file_quality(f);
      if (current.id == in.parsed.quality.id && compare_revision(in.parsed.quality, current) > 0) return std::nullopt;
    }
  if (p.bypass_if_highest_quality && preferred && is_best_in_profile(in.profile, in.parsed.quality)) return std::nullopt;
  // Custom formats are not implemented: every release scores 0.
  if (p.bypass_if_above_custom_format_score && preferred && 0 >= p.minimum_custom_format_score) return std::nullopt;
  std::vector<int> ids;
  for (const auto& e : in.remote.episodes) ids.push_back(e.id);
  if (auto oldest = oldest_pending(in.pending, in.series.id, ids))
    if (auto t = parse_utc(*oldest); t && (in.now - *t) / 60 > delay) return std::nullopt;
  if ((in.now - in.published) / 60 < delay) return Rejection{"Waiting for better quality release", true};
  return std::nullopt;
}

std::optional<Rejection> anime_version_upgrade_spec(const SpecInput& in) {
  if (in.series.series_type != "anime" || in.config.propers == PropersMode::DoNotPrefer) return std::nullopt;
  for (const auto& f : in.files) {
    if (!is_revision_upgrade(file_quality(f), in.parsed.quality)) continue;
    if (f.release_group.empty()) return reject("Unable to compare release group, existing file's release group is unknown");
    if (in.parsed.release_group.empty()) return reject("Unable to compare release group, release's release group is unknown");
    if (f.release_group != in.parsed.release_group)
      return reject("Existing Release group: " + f.release_group +
                    " does not match upgrade release group: " + in.parsed.release_group);
  }
  return std::nullopt;
}

std::optional<Rejection> split_episode_spec(const SpecInput& in) {
  if (in.parsed.is_split_episode) return reject("Split episode");
  return std::nullopt;
}

// Sonarr runs this one only when every other specification accepted.
std::optional<Rejection> deleted_episode_file_spec(const SpecInput& in) {
  if (!in.config.auto_unmonitor_previously_downloaded || in.target) return std::nullopt;
  for (const auto& f : in.files) {
    std::error_code ec;
    std::filesystem::path path = f.path.empty() ? std::filesystem::path(in.series.path) / f.relative_path
                                                : std::filesystem::path(f.path);
    // The file is in the library but gone from disk: a disk scan will unmonitor the episode.
    if (!std::filesystem::exists(path, ec) && !ec) return Rejection{"Series is not monitored", true};
  }
  return std::nullopt;
}

}  // namespace nzbd::pvr
