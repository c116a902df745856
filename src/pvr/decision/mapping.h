// Mapping a parsed release to a series of the library and its episodes
// (Sonarr's ParsingService.Map), internal to decision/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pvr/decision/decision.h"
#include "pvr/library.h"

namespace nzbd::pvr {

// The series a release names. During a search the searched series wins by
// clean title, then by the release's tvdb/tvmaze/tvrage/imdb id; otherwise
// the library is searched by clean title (and title without year + year),
// then by those ids. nullopt when nothing matches.
std::optional<Series> find_series(const std::vector<Series>& library_series, const ReleaseInfo& release,
                                  const ParsedEpisodeInfo& parsed, const std::optional<SearchTarget>& target);

// The episodes of `series` the release covers: a full season gives every
// episode of the season; otherwise by air date (daily), absolute number
// (anime) or season and episode numbers.
std::vector<Episode> find_episodes(Library& library, const Series& series, const ParsedEpisodeInfo& parsed);

}  // namespace nzbd::pvr
