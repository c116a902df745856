// Release-name parser for the TV side (Sonarr's Parser.ParseTitle idea):
// turns "Show.Name.S01E02.720p.HDTV.x264-GROUP" or a file path into series
// title, season/episodes (or air date, or absolute numbers), quality, release
// group and languages. Names that are hashes or garbage give std::nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pvr/quality.h"

namespace nzbd::pvr {

struct ParsedEpisodeInfo {
  std::string series_title;        // as written, separators turned into spaces: "Show Name (US)"
  std::string clean_title;         // clean_series_title(series_title): "shownameus"
  std::string title_without_year;  // "Show Name" for "Show Name 2019"; equals series_title without a year
  std::optional<int> year;         // 2019 for "Show.Name.2019.S01E01" or "Show Name (2019)"
  int season = -1;                 // -1 when unknown (daily, absolute-only)
  std::vector<int> episodes;       // episode numbers in the season, ranges expanded
  std::vector<int> absolute_episodes;
  std::optional<std::string> air_date;  // "2024-03-05" for daily shows
  bool full_season = false;   // season pack ("S01", "Season 2"); also set for multi-season packs
  bool multi_season = false;  // "S01-S03", "Seasons 1-3"
  bool special = false;       // season 0, or a "Special" release
  bool is_daily = false;
  bool is_absolute = false;
  QualityModel quality;
  std::string release_group;             // "" when there is none
  std::vector<std::string> languages;    // Sonarr language names; {"English"} by default
  std::string release_title;             // the name that was parsed (last path component for paths)
  std::string release_hash;              // anime CRC "[ABCD1234]", "" when there is none
  std::vector<double> special_absolute_episodes;  // "Title - 26.5": decimal absolute numbers of specials
  bool is_partial_season = false;  // "S01 Part 2" / "Season 1 Vol 2"
  int season_part = 0;
  bool is_season_extra = false;    // "S01 Extras", "Season 1 + Extra"
  bool is_split_episode = false;   // "S01E05a"
  int daily_part = 0;              // "2024.03.05 Part 2"
  bool season_implied = false;     // "Title.E05" (mini-series): season 1 assumed; a "Season N" folder wins
};

// Sonarr's IsPossibleSpecialEpisode: no episode numbers but a season, or E00, or "special" in the name.
bool is_possible_special_episode(const ParsedEpisodeInfo& info);

// Sonarr's SceneChecker: a dotted scene name ("Series.S01E01.720p.HDTV.x264-GRP") with a known
// quality and a release group.
bool is_scene_title(std::string_view title);

// Parses a release name (newznab title, folder or file name). Inputs longer
// than kMaxTitleLength are refused. Like Sonarr, a name that is only an episode
// marker ("S01E05.720p.HDTV") parses with an empty series_title; misdated,
// ancient or future air dates and hashed names give std::nullopt.
std::optional<ParsedEpisodeInfo> parse_release(std::string_view title);

// Parses a file path: the file name without its video extension first, then
// the parent folder when the file name is obfuscated or does not parse. A file
// name with episode numbers but no title ("S01E02.mkv") takes the series
// title from the nearest folder that is not a "Season N" folder.
std::optional<ParsedEpisodeInfo> parse_path(std::string_view path);

// Sonarr's CleanSeriesTitle: lower case, accents dropped, punctuation and
// spaces removed, the words a/an/the/and/or/of dropped except at the start or
// end ("The Office (US)" -> "theofficeus", "Law & Order" -> "laworder").
std::string clean_series_title(std::string_view title);

// Sonarr's NormalizeEpisodeTitle: an episode title for comparison, lower case, single spaces; a
// release name gives the title after its marker ("Show.S01E00.Episode.Title.720p" -> "episode title").
std::string normalize_episode_title(std::string_view title);

// Sonarr's language catalogue, for the API's languages[{id,name}].
struct Language {
  int id;
  std::string name;
};
const std::vector<Language>& language_catalogue();
// Id of a language name (case-insensitive); 0 (Unknown) when not found.
int language_id(std::string_view name);

// Languages named in a release name after its episode marker ("FRENCH", "VOSTFR",
// "ITA", "MULTi", "German.DL" = German + Original); {"English"} when none is named
// (Sonarr answers Unknown there and lets the series' original language fill in).
std::vector<std::string> parse_languages(std::string_view text);

// Release group: "-GROUP" at the end (after dropping .mkv, "[rartv]"-style
// tags and "-postbot"-style suffixes) or a leading "[Group]" for anime.
std::string parse_release_group(std::string_view name);

// ISO 639-1/639-2 code ("en", "eng", "ger", "pt-BR", "ur-PK") as a Sonarr language name; nullopt
// for codes Sonarr does not know ("wo", "enus", "fr-CA").
std::optional<std::string> find_iso_language(std::string_view code);

// A subtitle file's language, tags and title: "Show - S01E01.eng.default.Full Subs.forced.ass"
// gives English, {"default","forced"}, "Full Subs". Without a language code nothing is read.
struct SubtitleInfo {
  std::string language = "Unknown";
  std::vector<std::string> tags;
  std::optional<std::string> title;
};
SubtitleInfo parse_subtitle_info(std::string_view file_name);
std::string parse_subtitle_language(std::string_view file_name);

inline constexpr size_t kMaxTitleLength = 1000;

}  // namespace nzbd::pvr
