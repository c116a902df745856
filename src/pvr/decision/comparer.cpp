// DecisionMaker::rank and pick_grabs: Sonarr's DownloadDecisionComparer and
// ProcessDownloadDecisions. Custom-format scores are all 0 and the preferred
// protocol is usenet (Sonarr's default delay profile).
#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "pvr/db.h"
#include "pvr/decision/decision_maker.h"
#include "pvr/decision/specs.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {

constexpr std::int64_t kMiB = 1024 * 1024;

// Sonarr's Int64.Round(level): to the nearest multiple.
std::int64_t round_to(std::int64_t v, std::int64_t level) {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(v) / static_cast<double>(level))) * level;
}

struct Keys {
  const DownloadDecision* d = nullptr;
  const QualityProfile* profile = nullptr;
  std::time_t published = 0;
  std::optional<double> preferred_size;  // MB per minute
};

template <typename T>
int cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int age_bucket(std::time_t now, std::time_t published) {
  double hours = std::difftime(now, published) / 3600.0;
  if (hours < 1) return 1000;
  if (hours <= 24) return 100;
  if (std::floor(hours / 24) <= 7) return 10;  // Sonarr's Age: whole days
  return 1;
}

// > 0 when x is the better release.
int compare(const Keys& x, const Keys& y, std::time_t now, PropersMode propers) {
  const RemoteEpisode& a = x.d->remote;
  const RemoteEpisode& b = y.d->remote;
  if (x.profile && y.profile) {
    if (int c = compare_quality(*x.profile, a.parsed->quality, b.parsed->quality, propers != PropersMode::DoNotPrefer))
      return c;
  }
  // 2: custom format score — 0 for both.
  if (int c = cmp(a.release.download_protocol == "usenet", b.release.download_protocol == "usenet")) return c;
  if (int c = cmp(a.parsed->full_season, b.parsed->full_season)) return c;
  bool anime = a.series->series_type == "anime" && b.series->series_type == "anime";
  if (int c = cmp(a.episodes.size(), b.episodes.size())) return anime ? c : -c;
  auto lowest = [](const RemoteEpisode& r) {
    int n = 0;
    for (std::size_t i = 0; i < r.episodes.size(); ++i)
      n = i == 0 ? r.episodes[i].episode_number : std::min(n, r.episodes[i].episode_number);
    return n;
  };
  if (int c = cmp(lowest(a), lowest(b))) return -c;
  if (int c = cmp(a.release.indexer_priority, b.release.indexer_priority)) return -c;
  // 7: torrent peers — usenet only here.
  if (a.release.download_protocol == "usenet" && b.release.download_protocol == "usenet")
    if (int c = cmp(age_bucket(now, x.published), age_bucket(now, y.published))) return c;
  auto size_key = [&](const Keys& k) -> std::int64_t {
    const RemoteEpisode& r = k.d->remote;
    if (k.preferred_size && r.series->runtime > 0) {
      auto preferred = static_cast<std::int64_t>(r.series->runtime * *k.preferred_size * kMiB);
      return -std::llabs(round_to(r.release.size - preferred, 200 * kMiB));
    }
    return round_to(r.release.size, 200 * kMiB);
  };
  return cmp(size_key(x), size_key(y));
}

}  // namespace

std::vector<DownloadDecision> DecisionMaker::rank(std::vector<DownloadDecision> decisions) {
  std::time_t now = std::time(nullptr);
  if (services_.now_utc)
    if (auto t = parse_utc(services_.now_utc())) now = *t;
  const PropersMode propers = read_decision_config(library_).propers;
  const auto profiles = must(library_.quality_profiles());
  const auto definitions = must(library_.quality_definitions());

  std::vector<Keys> approved;
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const DownloadDecision& d = decisions[i];
    // Approved and temporarily rejected releases rank together, as Sonarr's
    // ProcessDecisions sees them: a waiting release may outrank a grab.
    const bool candidate = d.approved() || d.temporarily_rejected();
    if (!candidate || !d.remote.series || !d.remote.parsed || d.remote.episodes.empty()) {
      rest.push_back(i);
      continue;
    }
    Keys k;
    k.d = &d;
    for (const auto& p : profiles)
      if (p.id == d.remote.series->quality_profile_id) k.profile = &p;
    k.published = parse_utc(d.remote.release.publish_date).value_or(now);
    for (const auto& def : definitions)
      if (def.id == d.remote.parsed->quality.id) k.preferred_size = def.preferred_size;
    approved.push_back(k);
  }
  // Grouped per series in order of first appearance (as Sonarr's GroupBy),
  // best first inside each group.
  std::map<int, int> group_order;
  for (const auto& k : approved) group_order.emplace(k.d->remote.series->id, static_cast<int>(group_order.size()));
  std::stable_sort(approved.begin(), approved.end(), [&](const Keys& x, const Keys& y) {
    int gx = group_order[x.d->remote.series->id], gy = group_order[y.d->remote.series->id];
    if (gx != gy) return gx < gy;
    return compare(x, y, now, propers) > 0;
  });
  std::vector<DownloadDecision> out;
  out.reserve(decisions.size());
  for (const auto& k : approved) out.push_back(*k.d);
  for (std::size_t i : rest) out.push_back(std::move(decisions[i]));
  return out;
}

std::vector<DownloadDecision> DecisionMaker::pick_grabs(const std::vector<DownloadDecision>& ranked) {
  std::vector<DownloadDecision> out;
  std::set<int> taken;
  for (const auto& d : ranked) {
    if (!d.approved() || d.remote.episodes.empty()) continue;
    bool overlaps = std::any_of(d.remote.episodes.begin(), d.remote.episodes.end(),
                                [&](const Episode& e) { return taken.count(e.id) > 0; });
    if (overlaps) continue;
    for (const auto& e : d.remote.episodes) taken.insert(e.id);
    out.push_back(d);
  }
  return out;
}

}  // namespace nzbd::pvr
