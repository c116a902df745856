// Sonarr's UpgradableSpecification and QualityModelComparer over our flat
// quality profiles: where a quality ranks in a profile, whether the cutoff is
// met, and why a release is not an upgrade of what exists. Custom formats are
// not implemented, so every score is 0.
#pragma once

#include <string>

#include "pvr/model.h"
#include "pvr/quality.h"

namespace nzbd::pvr {

// Rank of a quality in the profile (higher is better); qualities Sonarr
// groups ("WEB 1080p" = WEBDL + WEBRip) share the rank of the group. -1
// when the profile does not list it.
int profile_rank(const QualityProfile& profile, int quality_id);
bool quality_allowed(const QualityProfile& profile, int quality_id);

// Sonarr's Revision.CompareTo: real first, then version.
int compare_revision(const QualityModel& a, const QualityModel& b);
// Profile rank, then revision (revision skipped when with_revision is false).
int compare_quality(const QualityProfile& profile, const QualityModel& a, const QualityModel& b,
                    bool with_revision = true);

bool is_revision_upgrade(const QualityModel& current, const QualityModel& candidate);
// The profile's cutoff, or its first allowed quality when upgrades are off.
int effective_cutoff(const QualityProfile& profile);
bool quality_cutoff_not_met(const QualityProfile& profile, const QualityModel& current,
                            const QualityModel* candidate = nullptr);

enum class UpgradeReject { None, BetterQuality, BetterRevision, QualityCutoff, CustomFormatScore, UpgradesNotAllowed };

// Settings → Media Management → Propers and Repacks.
enum class PropersMode { PreferAndUpgrade, DoNotUpgrade, DoNotPrefer };

UpgradeReject upgrade_reject(const QualityProfile& profile, const QualityModel& current, const QualityModel& candidate,
                             PropersMode propers);
// Sonarr's IsUpgradeAllowed: false only for a quality upgrade in a profile
// that does not allow upgrades (revision upgrades are always allowed).
bool upgrade_allowed(const QualityProfile& profile, const QualityModel& current, const QualityModel& candidate);

// "WEBDL-1080p v1", "HDTV-720p v2 Real:1" — Sonarr's QualityModel.ToString.
std::string quality_text(const QualityModel& q);
std::string revision_text(const QualityModel& q);
// Name of a quality id ("Unknown" when not in the catalogue).
std::string quality_name(int quality_id);

}  // namespace nzbd::pvr
