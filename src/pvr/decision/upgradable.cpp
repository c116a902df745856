#include "pvr/decision/upgradable.h"

namespace nzbd::pvr {

namespace {
const std::string& group_of(int quality_id) {
  static const std::string kNone;
  const QualityDefinition* d = find_quality(quality_id);
  return d ? d->group_name : kNone;
}
}  // namespace

int profile_rank(const QualityProfile& profile, int quality_id) {
  const std::string& group = group_of(quality_id);
  for (std::size_t i = 0; i < profile.items.size(); ++i) {
    int id = profile.items[i].quality_id;
    if (id == quality_id || (!group.empty() && group_of(id) == group)) return static_cast<int>(i);
  }
  return -1;
}

bool quality_allowed(const QualityProfile& profile, int quality_id) {
  for (const auto& item : profile.items)
    if (item.quality_id == quality_id) return item.allowed;
  return false;
}

int compare_revision(const QualityModel& a, const QualityModel& b) {
  if (a.real != b.real) return a.real > b.real ? 1 : -1;
  if (a.version != b.version) return a.version > b.version ? 1 : -1;
  return 0;
}

int compare_quality(const QualityProfile& profile, const QualityModel& a, const QualityModel& b, bool with_revision) {
  int ra = profile_rank(profile, a.id), rb = profile_rank(profile, b.id);
  if (ra != rb) return ra > rb ? 1 : -1;
  return with_revision ? compare_revision(a, b) : 0;
}

bool is_revision_upgrade(const QualityModel& current, const QualityModel& candidate) {
  return current.id == candidate.id && compare_revision(candidate, current) > 0;
}

int effective_cutoff(const QualityProfile& profile) {
  if (profile.upgrade_allowed) return profile.cutoff;
  for (const auto& item : profile.items)
    if (item.allowed) return item.quality_id;
  return profile.cutoff;
}

bool quality_cutoff_not_met(const QualityProfile& profile, const QualityModel& current, const QualityModel* candidate) {
  if (profile_rank(profile, current.id) < profile_rank(profile, effective_cutoff(profile))) return true;
  return candidate && is_revision_upgrade(current, *candidate);
}

UpgradeReject upgrade_reject(const QualityProfile& profile, const QualityModel& current, const QualityModel& candidate,
                             PropersMode propers) {
  int quality = compare_quality(profile, candidate, current, false);
  if (quality > 0 && quality_cutoff_not_met(profile, current, &candidate)) return UpgradeReject::None;
  if (quality < 0) return UpgradeReject::BetterQuality;
  int revision = compare_revision(candidate, current);
  if (propers != PropersMode::DoNotPrefer && revision > 0) return UpgradeReject::None;
  if (!profile.upgrade_allowed) return UpgradeReject::UpgradesNotAllowed;
  if (propers != PropersMode::DoNotPrefer && revision < 0) return UpgradeReject::BetterRevision;
  if (quality > 0) return UpgradeReject::QualityCutoff;
  // Custom format scores are both 0 here: "0 <= 0" is Sonarr's CustomFormatScore.
  return UpgradeReject::CustomFormatScore;
}

bool upgrade_allowed(const QualityProfile& profile, const QualityModel& current, const QualityModel& candidate) {
  if (is_revision_upgrade(current, candidate)) return true;
  bool quality_upgrade = compare_quality(profile, candidate, current) > 0;
  return !(quality_upgrade && !profile.upgrade_allowed);
}

std::string revision_text(const QualityModel& q) {
  std::string out = "v" + std::to_string(q.version);
  if (q.real > 0) out += " Real:" + std::to_string(q.real);
  return out;
}

std::string quality_text(const QualityModel& q) { return q.name + " " + revision_text(q); }

std::string quality_name(int quality_id) {
  const QualityDefinition* d = find_quality(quality_id);
  return d ? d->name : "Unknown";
}

}  // namespace nzbd::pvr
