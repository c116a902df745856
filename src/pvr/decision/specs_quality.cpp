// Specifications about quality: allowed by the profile, and an upgrade of
// what is on disk or already downloading (Sonarr's UpgradableSpecification).
#include <algorithm>
#include <cctype>

#include "pvr/db.h"
#include "pvr/decision/specs.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {

Rejection reject(std::string reason) { return Rejection{std::move(reason), false}; }


// Custom formats score 0, so "cutoff not met" is the quality part alone.
bool cutoff_not_met(const SpecInput& in, const QualityModel& current) {
  return quality_cutoff_not_met(in.profile, current, &in.parsed.quality);
}

}  // namespace

QualityModel file_quality(const EpisodeFile& f) {
  QualityModel q;
  if (const QualityDefinition* d = find_quality(f.quality_id)) {
    q.id = d->id;
    q.name = d->name;
    q.source = d->source;
    q.resolution = d->resolution;
  }
  q.version = f.quality_version;
  q.real = f.quality_real;
  q.is_repack = f.quality_repack;
  return q;
}

std::optional<Rejection> quality_allowed_spec(const SpecInput& in) {
  if (!quality_allowed(in.profile, in.parsed.quality.id)) return reject(in.parsed.quality.name + " is not wanted in profile");
  return std::nullopt;
}

std::optional<Rejection> upgrade_allowed_spec(const SpecInput& in) {
  for (const auto& f : in.files)
    if (!upgrade_allowed(in.profile, file_quality(f), in.parsed.quality))
      return reject("Existing file and the Quality profile does not allow upgrades");
  return std::nullopt;
}

std::optional<Rejection> upgrade_disk_spec(const SpecInput& in) {
  const std::string cutoff = quality_name(in.profile.cutoff);
  for (const auto& f : in.files) {
    QualityModel current = file_quality(f);
    if (!cutoff_not_met(in, current))
      return reject("Existing file meets cutoff: " + quality_name(effective_cutoff(in.profile)));
    switch (upgrade_reject(in.profile, current, in.parsed.quality, in.config.propers)) {
      case UpgradeReject::None:
        continue;
      case UpgradeReject::BetterQuality:
        return reject("Existing file on disk is of equal or higher preference: " + quality_text(current));
      case UpgradeReject::BetterRevision:
        return reject("Existing file on disk is of equal or higher revision: " + revision_text(current));
      case UpgradeReject::QualityCutoff:
        return reject("Existing file on disk meets quality cutoff: " + cutoff);
      case UpgradeReject::CustomFormatScore:
        return reject("Existing file on disk has a equal or higher Custom Format score: 0");
      case UpgradeReject::UpgradesNotAllowed:
        return reject("Existing file on disk and Quality Profile '" + in.profile.name + "' does not allow upgrades");
    }
  }
  return std::nullopt;
}

std::optional<Rejection> queue_spec(const SpecInput& in) {
  const std::string cutoff = quality_name(in.profile.cutoff);
  for (const auto& q : in.queue) {
    if (q.series_id != in.series.id) continue;
    bool overlaps = std::any_of(in.remote.episodes.begin(), in.remote.episodes.end(), [&](const Episode& e) {
      return std::find(q.episode_ids.begin(), q.episode_ids.end(), e.id) != q.episode_ids.end();
    });
    if (!overlaps) continue;
    if (!cutoff_not_met(in, q.quality)) return reject("Release in queue already meets cutoff: " + quality_text(q.quality));
    switch (upgrade_reject(in.profile, q.quality, in.parsed.quality, in.config.propers)) {
      case UpgradeReject::None:
        break;
      case UpgradeReject::BetterQuality:
        return reject("Release in queue is of equal or higher preference: " + quality_text(q.quality));
      case UpgradeReject::BetterRevision:
        return reject("Release in queue is of equal or higher revision: " + revision_text(q.quality));
      case UpgradeReject::QualityCutoff:
        return reject("Release in queue meets quality cutoff: " + cutoff);
      case UpgradeReject::CustomFormatScore:
        return reject("Release in queue has an equal or higher Custom Format score: 0");
      case UpgradeReject::UpgradesNotAllowed:
        return reject("Release in queue and Quality Profile '" + in.profile.name + "' does not allow upgrades");
    }
    if (is_revision_upgrade(q.quality, in.parsed.quality) && in.config.propers == PropersMode::DoNotUpgrade)
      return reject("Proper downloading is disabled");
  }
  return std::nullopt;
}

std::optional<Rejection> repack_spec(const SpecInput& in) {
  if (!in.parsed.quality.is_repack || in.config.propers == PropersMode::DoNotPrefer) return std::nullopt;
  for (const auto& f : in.files) {
    if (!is_revision_upgrade(file_quality(f), in.parsed.quality)) continue;
    if (in.config.propers == PropersMode::DoNotUpgrade) return reject("Repack downloading is disabled");
    if (f.release_group.empty()) return reject("Unable to determine release group for the existing file");
    if (in.parsed.release_group.empty()) return reject("Unable to determine release group for this release");
    if (to_lower(f.release_group) != to_lower(in.parsed.release_group))
      return reject("Release is a repack for a different release group. Release Group: " + in.parsed.release_group +
                    ". File release group: " + f.release_group);
  }
  return std::nullopt;
}

std::optional<Rejection> proper_spec(const SpecInput& in) {
  // RSS only: a search asked for this episode on purpose.
  if (in.target || in.config.propers == PropersMode::DoNotPrefer) return std::nullopt;
  for (const auto& f : in.files) {
    if (!is_revision_upgrade(file_quality(f), in.parsed.quality)) continue;
    if (in.config.propers == PropersMode::DoNotUpgrade) return reject("Proper downloading is disabled");
    auto added = parse_utc(f.date_added);
    if (added && *added < in.now - 7 * 24 * 3600) return reject("Proper for old file");
  }
  return std::nullopt;
}

std::optional<Rejection> same_episodes_grab_spec(const SpecInput& in) {
  for (const auto& f : in.files) {
    for (const auto& e : must(in.library.episodes_for_file(f.id))) {
      bool in_release = std::any_of(in.remote.episodes.begin(), in.remote.episodes.end(),
                                    [&](const Episode& r) { return r.id == e.id; });
      if (!in_release) return reject("Episode file on disk contains more episodes than this release contains");
    }
  }
  return std::nullopt;
}

}  // namespace nzbd::pvr
