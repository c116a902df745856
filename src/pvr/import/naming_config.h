// Sonarr's NamingConfig (/api/v3/config/naming), kept as JSON in the
// `settings` table under "naming". The two enums travel as ints, as in Sonarr.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

enum class MultiEpisodeStyle { Extend = 0, Duplicate = 1, Repeat = 2, Scene = 3, Range = 4, PrefixedRange = 5 };
enum class ColonReplacement { Delete = 0, Dash = 1, SpaceDash = 2, SpaceDashSpace = 3, Smart = 4, Custom = 5 };

struct NamingConfig {
  bool rename_episodes = false;
  bool replace_illegal_characters = true;
  ColonReplacement colon_replacement = ColonReplacement::Smart;
  std::string custom_colon_replacement;
  MultiEpisodeStyle multi_episode_style = MultiEpisodeStyle::PrefixedRange;
  std::string standard_episode_format = "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}";
  std::string daily_episode_format = "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}";
  std::string anime_episode_format = "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}";
  std::string series_folder_format = "{Series Title}";
  std::string season_folder_format = "Season {season}";
  std::string specials_folder_format = "Specials";
};

// The resource as Sonarr sends it (camelCase, id 1).
nlohmann::json naming_to_json(const NamingConfig& c);

struct ConfigFailure {
  std::string property;  // Sonarr's PascalCase property name
  std::string message;
};

// Overlays the fields present in `body` (keys in any case) on `base`.
// Wrong types and out-of-range enums come back as failures.
NamingConfig naming_from_json(const nlohmann::json& body, NamingConfig base, std::vector<ConfigFailure>& failures);
// Sonarr's format validators ("Must contain season and episode numbers OR
// Original Title", ...). Episode formats are checked only when renaming.
std::vector<ConfigFailure> validate_naming(const NamingConfig& c);

NamingConfig load_naming_config(Library& library);
Status save_naming_config(Library& library, const NamingConfig& c);

}  // namespace nzbd::pvr
