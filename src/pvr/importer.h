// Importing finished downloads into the library (Sonarr's
// DownloadedEpisodesScan): every video file under a path is parsed, matched
// to a series by its clean title and to episodes without a file, moved or
// copied into the series folder, and recorded with a history event.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

struct ImportOptions {
  bool copy = false;        // keep the download (importMode copy)
  std::string download_id;  // the download client's id (nzo_id), for history
};

struct ImportResult {
  int imported = 0;
  std::vector<std::string> skipped;  // "name: reason"
};

Result<ImportResult> import_downloads(Library& library, const std::filesystem::path& path,
                                      const ImportOptions& options);

}  // namespace nzbd::pvr
