// Sonarr's MediaManagementConfig (/api/v3/config/mediamanagement), kept as
// JSON in the `settings` table under "mediamanagement".
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "pvr/import/naming_config.h"
#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

struct MediaManagementConfig {
  bool auto_unmonitor_previously_downloaded_episodes = false;
  std::string recycle_bin;  // "" = delete for good
  int recycle_bin_cleanup_days = 7;
  std::string download_propers_and_repacks = "preferAndUpgrade";  // doNotUpgrade, doNotPrefer
  bool create_empty_series_folders = false;
  bool delete_empty_folders = false;
  std::string file_date = "none";              // localAirDate, utcAirDate
  std::string rescan_after_refresh = "always";  // afterManual, never
  bool set_permissions_linux = false;
  std::string chmod_folder = "755";
  std::string chown_group;
  std::string episode_title_required = "always";  // bulkSeasonReleases, never
  bool skip_free_space_check_when_importing = false;
  int minimum_free_space_when_importing = 100;  // MB
  bool copy_using_hardlinks = true;
  bool use_script_import = false;
  std::string script_import_path;
  bool import_extra_files = false;
  std::string extra_file_extensions = "srt";
  bool enable_media_info = true;
};

nlohmann::json media_to_json(const MediaManagementConfig& c);
MediaManagementConfig media_from_json(const nlohmann::json& body, MediaManagementConfig base,
                                      std::vector<ConfigFailure>& failures);
std::vector<ConfigFailure> validate_media(const MediaManagementConfig& c);

MediaManagementConfig load_media_config(Library& library);
Status save_media_config(Library& library, const MediaManagementConfig& c);

// extraFileExtensions split on commas, lower case, without dots: {"srt", "nfo"}.
std::vector<std::string> extra_extensions(const MediaManagementConfig& c);

}  // namespace nzbd::pvr
