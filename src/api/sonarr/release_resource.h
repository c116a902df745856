// Sonarr's ReleaseResource (GET /api/v3/release, POST /release/push): one
// download decision as the API shows it, rejections included.
#pragma once

#include <string>
#include <vector>

#include "api/sonarr/json_io.h"
#include "pvr/decision/decision.h"

namespace nzbd::sonarr {

// profile: the series' quality profile (for qualityWeight), or nullptr.
// release_weight: the decision's place in the ranked list (Sonarr's releaseWeight).
// requested_episode_ids: what the search asked for (episodeRequested).
// now_utc: "yyyy-MM-ddTHH:mm:ssZ", for age/ageHours/ageMinutes.
json release_resource_json(const pvr::DownloadDecision& decision, const pvr::QualityProfile* profile,
                           int release_weight, const std::vector<int>& requested_episode_ids,
                           const std::string& now_utc);

// Sonarr's QualityModel resource: {quality{id,name,source,resolution}, revision{version,real,isRepack}}.
json quality_model_json(const pvr::QualityModel& q);

}  // namespace nzbd::sonarr
