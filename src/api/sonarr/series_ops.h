// Series operations shared by the /series handlers and the commands.
#pragma once

#include <string>
#include <vector>

#include "api/sonarr/context.h"
#include "util/result.h"

namespace nzbd::sonarr {

// TVMaze search; "tvdb:ID"/"tvdbid:ID" and "tvmaze:ID" look one show up.
// Only shows TVMaze links to TheTVDB are returned (Sonarr keys on tvdbId).
Result<std::vector<pvr::Series>> lookup_series(Context& ctx, const std::string& term);
// POST /series.
http::Response add_series(Context& ctx, const Call& call);
// Fetches fresh metadata and merges it into the library (RefreshSeries).
Status refresh_series(Context& ctx, const pvr::Series& series);
// Removes the series folder, refusing anything that is a root folder.
void delete_series_folder(Context& ctx, const pvr::Series& series);

}  // namespace nzbd::sonarr
