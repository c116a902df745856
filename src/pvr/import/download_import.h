// Completed download handling's import step (Sonarr's
// CompletedDownloadService + ImportApprovedEpisodes): the video files of a
// finished job that match the grabbed episodes go into the series folder,
// named by the naming config, by move/hardlink/copy as media management
// says; an upgrade replaces (or recycles) the old file; history records
// downloadFolderImported; the job's leftovers are removed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pvr/library.h"
#include "pvr/quality.h"
#include "util/result.h"

namespace nzbd::pvr {

struct DownloadImportRequest {
  std::filesystem::path output_path;  // the job's folder (or single file)
  int series_id = 0;
  std::vector<int> episode_ids;       // what was grabbed
  std::string release_title;          // the grabbed release's name (scene name)
  QualityModel quality;               // as parsed at grab time
  std::string download_id;            // nzo_id, for history
  std::string download_client;        // client name, for history data (downloadClientName)
  std::string download_client_type;   // implementation, e.g. "Sabnzbd" (downloadClient); name when empty
  bool copy = false;                  // Sonarr's Copy mode: keep the download (hardlink when copyUsingHardlinks)
  bool remove_leftovers = true;       // delete the job folder after a full import
};

struct DownloadImportResult {
  int imported = 0;                        // episode files written
  std::vector<std::filesystem::path> files;
  std::vector<std::string> rejections;     // "file: reason" for what was left
};

// Imports nothing and answers an error when no file matched: the caller
// treats that as a failed import (Sonarr's "No files found are eligible").
Result<DownloadImportResult> import_download(Library& library, const DownloadImportRequest& request);

}  // namespace nzbd::pvr
