// Renaming existing episode files to the naming config (Sonarr's
// RenameEpisodeFileService): a preview per file whose name would change, and
// applying it for chosen files or whole series. Files never leave the
// series folder and never overwrite another file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

// Sonarr's RenameEpisodeResource; paths relative to the series folder.
struct RenamePreview {
  int series_id = 0;
  int season_number = 0;
  std::vector<int> episode_numbers;
  int episode_file_id = 0;
  std::string existing_path;
  std::string new_path;
};

std::vector<RenamePreview> preview_rename(Library& library, const Series& series, std::optional<int> season = {});

struct RenameOutcome {
  int renamed = 0;
  std::vector<std::string> failures;  // "relative path: reason"
};

// Renames the given files of the series (all that need it when empty),
// updates their rows and writes history episodeFileRenamed per episode.
RenameOutcome rename_files(Library& library, const Series& series, const std::vector<int>& file_ids = {});

}  // namespace nzbd::pvr
