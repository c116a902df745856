// Matching files on disk to a series' episodes (Sonarr's disk scan).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pvr/library.h"
#include "pvr/release_parser.h"
#include "util/result.h"

namespace nzbd::pvr {

bool is_video_file(const std::filesystem::path& p);

// Episode ids of `episodes` that a parsed name refers to: by air date for
// daily names, by absolute number for anime (or names that only have one),
// otherwise by season and episode numbers. Empty when nothing matches.
std::vector<int> match_episodes(const Series& series, const std::vector<Episode>& episodes,
                                const ParsedEpisodeInfo& info);

struct ScanResult {
  int added = 0;
  int removed = 0;
  int already_known = 0;
  std::vector<std::string> unmatched;  // relative paths nothing matched
  bool folder_missing = false;
};

// Rescans series.path: drops file records whose file is gone, adds a record
// for every new video file that matches episodes without a file.
Result<ScanResult> rescan_series(Library& library, const Series& series);

}  // namespace nzbd::pvr
