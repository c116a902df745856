// Sonarr's FileNameBuilder: episode file names, series and season folder
// names from the naming config's formats and tokens ({Series Title},
// S{season:00}E{episode:00}, {Episode Title}, {Quality Full}, ...).
//
// Every name that comes out is one safe path component (or, for episode
// formats with '/', several): no '/', '\\', control characters, "." or
// "..", leading dots or trailing dots/spaces — so a hostile title such as
// "../x" can never leave the series folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pvr/import/naming_config.h"
#include "pvr/model.h"
#include "pvr/quality.h"

namespace nzbd::pvr {

// What the builder knows of the file being named.
struct NamingFile {
  QualityModel quality;
  std::string scene_name;          // the release name, "" when unknown
  std::string original_file_name;  // the file's name (a relative path is fine); its stem is used
  std::string release_group;
};

// The file name without extension, always built from the formats (the
// renameEpisodes switch is the caller's: see name_for_file). Components are
// joined with '/' when the format asks for subfolders.
std::string build_file_name(const NamingConfig& config, const Series& series, std::vector<Episode> episodes,
                            const NamingFile& file);
// renameEpisodes off: the scene name, else the original file name (Sonarr's
// GetOriginalTitle); on: build_file_name. Without extension.
std::string name_for_file(const NamingConfig& config, const Series& series, const std::vector<Episode>& episodes,
                          const NamingFile& file);

std::string series_folder_name(const NamingConfig& config, const Series& series);
// specialsFolderFormat for season 0, seasonFolderFormat otherwise.
std::string season_folder_name(const NamingConfig& config, const Series& series, int season);

// Where the file goes under series.path: [season folder/]name + extension.
// Never absolute, never with "..".
std::filesystem::path episode_relative_path(const NamingConfig& config, const Series& series,
                                            const std::vector<Episode>& episodes, const NamingFile& file,
                                            const std::string& extension);

// Sonarr's CleanFileName for one token value: colons by the config's
// colonReplacementFormat, \ / < > ? * | " replaced or dropped.
std::string clean_file_name(std::string_view name, const NamingConfig& config);
// The last line of defence for one path component (see above). `fallback`
// when nothing usable is left; at most 255 bytes.
std::string safe_path_component(std::string_view name, std::string_view fallback = "_");

// What a format contains, for the config validators.
bool format_has_season_episode(std::string_view format);
bool format_has_air_date(std::string_view format);
bool format_has_absolute(std::string_view format);
bool format_has_original(std::string_view format);
bool format_has_series_title(std::string_view format);
bool format_has_season(std::string_view format);
bool format_has_episode_title(std::string_view format);

}  // namespace nzbd::pvr
