// What to search for (Sonarr's EpisodeSearchService/ReleaseSearchService
// criteria building) and which episodes the bulk searches want: missing
// (monitored, aired, no file) and cutoff unmet (a file below the cutoff).
#pragma once

#include <string>
#include <vector>

#include "pvr/decision/decision.h"
#include "pvr/indexer/indexer.h"
#include "pvr/library.h"

namespace nzbd::pvr {

// One indexer query and the decision target it answers for.
struct SearchRequest {
  SearchCriteria criteria;
  SearchTarget target;
};

// Criteria for one episode: daily by air date, anime by absolute number,
// otherwise season/episode. The series' title rides along for the title tier.
SearchRequest episode_request(const Series& series, const Episode& episode, bool user_invoked);

// Criteria for several episodes of one season: a season search restricted
// to those episodes (a single episode becomes an episode search).
SearchRequest season_request(const Series& series, int season, const std::vector<Episode>& episodes,
                             bool user_invoked);

// Sonarr's bulk search: episodes grouped by (series, season); a group of
// more than one episode is a season search, one episode an episode search.
std::vector<SearchRequest> bulk_requests(Library& library, const std::vector<Episode>& episodes, bool user_invoked);

// MissingEpisodeSearch's episodes: no file, aired (air time + runtime
// passed), monitored episode of a monitored series when `monitored`
// (either unmonitored otherwise); series_id 0 means every series.
std::vector<Episode> missing_episodes(Library& library, int series_id, bool monitored, const std::string& now_utc);

// CutoffUnmetEpisodeSearch's episodes (and /wanted/cutoff): a file whose
// quality ranks below the profile's cutoff (the first allowed quality when
// upgrades are off); specials excluded.
std::vector<Episode> cutoff_unmet_episodes(Library& library, int series_id, bool monitored);

}  // namespace nzbd::pvr
