#include "pvr/import/naming_config.h"

#include <cctype>

#include "pvr/import/naming.h"
#include "pvr/import/settings_store.h"

namespace nzbd::pvr {
using nlohmann::json;

json naming_to_json(const NamingConfig& c) {
  return json{{"renameEpisodes", c.rename_episodes},
              {"replaceIllegalCharacters", c.replace_illegal_characters},
              {"colonReplacementFormat", static_cast<int>(c.colon_replacement)},
              {"customColonReplacementFormat", c.custom_colon_replacement},
              {"multiEpisodeStyle", static_cast<int>(c.multi_episode_style)},
              {"standardEpisodeFormat", c.standard_episode_format},
              {"dailyEpisodeFormat", c.daily_episode_format},
              {"animeEpisodeFormat", c.anime_episode_format},
              {"seriesFolderFormat", c.series_folder_format},
              {"seasonFolderFormat", c.season_folder_format},
              {"specialsFolderFormat", c.specials_folder_format},
              {"id", 1}};
}

namespace {

// Enums come as ints (Sonarr) or as their camelCase names.
template <typename E>
void enum_field(const json& body, const char* key, E& out, std::initializer_list<const char*> names,
                std::vector<ConfigFailure>& failures) {
  const json* v = find_key(body, key);
  if (!v) return;
  if (v->is_string()) {
    int i = 0;
    for (const char* n : names) {
      if (*v == n) {
        out = static_cast<E>(i);
        return;
      }
      ++i;
    }
  }
  int n = static_cast<int>(out);
  if (auto st = read_field(body, key, n); !st || n < 0 || n >= static_cast<int>(names.size())) {
    failures.push_back({pascal_case(key), "'" + pascal_case(key) + "' must be between 0 and " +
                                         std::to_string(names.size() - 1) + "."});
    return;
  }
  out = static_cast<E>(n);
}

}  // namespace

NamingConfig naming_from_json(const json& body, NamingConfig c, std::vector<ConfigFailure>& failures) {
  read_config_field(body, "renameEpisodes", c.rename_episodes, failures);
  read_config_field(body, "replaceIllegalCharacters", c.replace_illegal_characters, failures);
  enum_field(body, "colonReplacementFormat", c.colon_replacement,
             {"delete", "dash", "spaceDash", "spaceDashSpace", "smart", "custom"}, failures);
  read_config_field(body, "customColonReplacementFormat", c.custom_colon_replacement, failures);
  enum_field(body, "multiEpisodeStyle", c.multi_episode_style,
             {"extend", "duplicate", "repeat", "scene", "range", "prefixedRange"}, failures);
  read_config_field(body, "standardEpisodeFormat", c.standard_episode_format, failures);
  read_config_field(body, "dailyEpisodeFormat", c.daily_episode_format, failures);
  read_config_field(body, "animeEpisodeFormat", c.anime_episode_format, failures);
  read_config_field(body, "seriesFolderFormat", c.series_folder_format, failures);
  read_config_field(body, "seasonFolderFormat", c.season_folder_format, failures);
  read_config_field(body, "specialsFolderFormat", c.specials_folder_format, failures);
  return c;
}

std::vector<ConfigFailure> validate_naming(const NamingConfig& c) {
  std::vector<ConfigFailure> f;
  if (c.rename_episodes) {
    if (!format_has_season_episode(c.standard_episode_format) && !format_has_original(c.standard_episode_format))
      f.push_back({"StandardEpisodeFormat", "Must contain season and episode numbers OR Original Title"});
    if (!format_has_air_date(c.daily_episode_format) && !format_has_season_episode(c.daily_episode_format) &&
        !format_has_original(c.daily_episode_format))
      f.push_back({"DailyEpisodeFormat", "Must contain Air Date OR Season and Episode OR Original Title"});
    if (!format_has_absolute(c.anime_episode_format) && !format_has_season_episode(c.anime_episode_format) &&
        !format_has_original(c.anime_episode_format))
      f.push_back({"AnimeEpisodeFormat", "Must contain Absolute Episode number OR Season and Episode OR Original Title"});
  }
  if (!format_has_series_title(c.series_folder_format))
    f.push_back({"SeriesFolderFormat", "Must contain series title"});
  if (!format_has_season(c.season_folder_format))
    f.push_back({"SeasonFolderFormat", "Must contain season number"});
  if (c.specials_folder_format.find_first_not_of(" \t") == std::string::npos)
    f.push_back({"SpecialsFolderFormat", "'Specials Folder Format' must not be empty."});
  if (c.colon_replacement == ColonReplacement::Custom &&
      c.custom_colon_replacement.find_first_of("\\/<>?*|\":") != std::string::npos)
    f.push_back({"CustomColonReplacementFormat", "Must not contain illegal characters"});
  return f;
}

NamingConfig load_naming_config(Library& library) {
  std::vector<ConfigFailure> ignored;  // a stored row was valid when saved; bad fields keep their defaults
  return naming_from_json(read_setting(library, "naming"), NamingConfig{}, ignored);
}

Status save_naming_config(Library& library, const NamingConfig& c) {
  json j = naming_to_json(c);
  j.erase("id");
  return write_setting(library, "naming", j);
}

}  // namespace nzbd::pvr
