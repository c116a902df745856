// Pending releases (Sonarr's PendingReleaseService): releases a delay
// profile holds back ("delay"), that no download client could take
// ("downloadClientUnavailable"), or that wait behind another pending or
// grabbed release for the same episodes ("fallback"). Each RSS sync judges
// them again; they show in /queue until grabbed or rejected. Rows live in
// the `pending_releases` table so a restart keeps them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pvr/decision/decision.h"
#include "pvr/indexer/release_info.h"
#include "pvr/library.h"
#include "pvr/quality.h"

namespace nzbd::pvr {

struct PendingRelease {
  int id = 0;
  int series_id = 0;
  std::vector<int> episode_ids;
  std::string title;
  std::string added;   // UTC instant
  std::string reason;  // delay, downloadClientUnavailable, fallback
  QualityModel quality;
  ReleaseInfo release;
};

class PendingReleases {
 public:
  explicit PendingReleases(Library& library) : library_(library) {}

  std::vector<PendingRelease> list();
  std::optional<PendingRelease> get(int id);
  // Sonarr's AddMany for one decision: a release already pending for an
  // overlapping episode with the same title and indexer only has its reason
  // updated; otherwise a new row is stored.
  Status add(const DownloadDecision& decision, const std::string& reason);
  Status remove(int id);
  // After a grab: pending releases for any of these episodes whose quality
  // ranks at or below the grabbed one go (better ones wait for their turn).
  void remove_grabbed(const DownloadDecision& grabbed, const QualityProfile& profile);
  // Pending releases whose last judgement was a permanent rejection.
  void remove_rejected(const std::vector<DownloadDecision>& decisions);
  // What an RSS sync judges again: every pending release but fallbacks.
  std::vector<ReleaseInfo> to_retry();

 private:
  Library& library_;
};

// The oldest publish date among pending releases of this series covering
// any of the episodes (Sonarr's OldestPendingRelease), for the delay spec.
std::optional<std::string> oldest_pending(const std::vector<PendingRelease>& pending, int series_id,
                                          const std::vector<int>& episode_ids);

}  // namespace nzbd::pvr
