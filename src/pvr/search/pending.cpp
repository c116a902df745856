// The pending half of decision processing (Sonarr's PreparePending and
// PendingReleaseService): temporarily rejected releases wait in the
// pending_releases table for the next RSS sync, and a grab clears what it
// made pointless.
#include <algorithm>
#include <map>

#include "pvr/db.h"
#include "pvr/decision/pending_releases.h"
#include "pvr/search/search_service.h"

namespace nzbd::pvr {
namespace {

bool overlaps(const DownloadDecision& d, const std::vector<int>& taken) {
  return std::any_of(d.remote.episodes.begin(), d.remote.episodes.end(), [&](const Episode& e) {
    return std::find(taken.begin(), taken.end(), e.id) != taken.end();
  });
}

}  // namespace

void SearchService::hold_back(const std::vector<DownloadDecision>& ranked, const std::vector<std::size_t>& grabbed_ranks,
                              SearchReport& report) {
  // Where the first grab of each episode stands in the ranking.
  std::map<int, std::size_t> grabbed_at;
  for (std::size_t rank : grabbed_ranks)
    for (const auto& e : ranked[rank].remote.episodes) {
      auto [it, fresh] = grabbed_at.emplace(e.id, rank);
      if (!fresh) it->second = std::min(it->second, rank);
    }
  PendingReleases store(deps_.library);
  std::vector<int> held;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const auto& d = ranked[i];
    if (!d.temporarily_rejected() || d.remote.episodes.empty()) continue;
    // Sonarr walks the ranking: below a grab of the same episodes, a release is not kept.
    bool below_a_grab = std::any_of(d.remote.episodes.begin(), d.remote.episodes.end(), [&](const Episode& e) {
      auto it = grabbed_at.find(e.id);
      return it != grabbed_at.end() && it->second < i;
    });
    if (below_a_grab) continue;
    // A second release waiting for the same episodes is the fallback.
    const char* reason = overlaps(d, held) ? "fallback" : "delay";
    if (auto st = store.add(d, reason); !st) {
      report.errors.push_back("Holding back " + d.remote.release.title + " failed: " + st.message());
      continue;
    }
    ++report.pending;
    for (const auto& e : d.remote.episodes) held.push_back(e.id);
  }
}

void SearchService::forget_pending_for(const DownloadDecision& grabbed) {
  if (!grabbed.remote.series) return;
  if (auto profile = found(deps_.library.get_quality_profile(grabbed.remote.series->quality_profile_id)))
    PendingReleases(deps_.library).remove_grabbed(grabbed, *profile);
}

Result<TrackedDownload> SearchService::grab_pending(int pending_id) {
  PendingReleases store(deps_.library);
  auto pending = store.get(pending_id);
  if (!pending) return make_error("Pending release " + std::to_string(pending_id) + " does not exist");
  // Mapped again (series and episodes may have changed), grabbed whatever the decision says.
  auto decisions = deps_.decisions.decide({pending->release}, std::nullopt);
  if (decisions.empty() || !decisions.front().remote.series || decisions.front().remote.episodes.empty())
    return make_error("Pending release " + pending->title + " no longer matches a series and episodes");
  auto grabbed = deps_.grab(decisions.front(), GrabSource::Rss);
  if (!grabbed) return grabbed;
  forget_pending_for(decisions.front());
  // A row the removal missed is harmless: the next RSS sync finds the
  // release in the queue, rejects it for good and forgets it.
  if (store.get(pending_id)) static_cast<void>(store.remove(pending_id));
  return grabbed;
}

}  // namespace nzbd::pvr
