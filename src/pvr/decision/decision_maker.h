// The decision engine's entry points (implemented in decision/): judge a
// batch of indexer results, and rank the approved ones as Sonarr's
// DownloadDecisionComparer does, one grab per episode.
#pragma once

#include <optional>
#include <vector>

#include "pvr/decision/decision.h"
#include "pvr/library.h"

namespace nzbd::pvr {

class DecisionMaker {
 public:
  DecisionMaker(Library& library, DecisionServices services);

  // Parses each release, maps it to a series and episodes and runs every
  // decision specification. A search passes its target (which narrows the
  // series/episodes and relaxes the monitored checks for user searches);
  // RSS sync passes nullopt. One decision per release, in input order.
  std::vector<DownloadDecision> decide(const std::vector<ReleaseInfo>& releases,
                                       const std::optional<SearchTarget>& target);

  // Approved and temporarily rejected decisions first, best first by
  // Sonarr's comparer (quality, then protocol, episode count, episode
  // number, indexer priority, peers, age, size — see docs); permanently
  // rejected after, in input order.
  std::vector<DownloadDecision> rank(std::vector<DownloadDecision> decisions);

  // The approved decisions to grab: best first, skipping any whose
  // episodes an earlier pick already covers (season packs win when they
  // rank first and cover what is wanted).
  std::vector<DownloadDecision> pick_grabs(const std::vector<DownloadDecision>& ranked);

 private:
  Library& library_;
  DecisionServices services_;
};

}  // namespace nzbd::pvr
