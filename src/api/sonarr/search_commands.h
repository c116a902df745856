// The search commands (MissingEpisodeSearch, CutoffUnmetEpisodeSearch,
// EpisodeSearch, SeasonSearch, SeriesSearch, RssSync) over the search service.
#pragma once

#include <string>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"

namespace nzbd::sonarr {

struct CommandOutcome {
  bool ok = false;
  std::string message;
};

// Runs the named search command with its body; manual triggers count as user-invoked.
CommandOutcome run_search_command(Context& ctx, const pvr::CommandRecord& command, const json& body);

}  // namespace nzbd::sonarr
