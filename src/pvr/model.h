// Plain records of the TV library, as stored in the database. Dates are kept
// as ISO-8601 strings: "yyyy-MM-dd" for local air dates and
// "yyyy-MM-ddTHH:mm:ssZ" for UTC instants (both sort as text).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nzbd::pvr {

struct Image {
  std::string cover_type;  // poster, banner, fanart, ...
  std::string url;
};

struct Season {
  int season_number = 0;
  bool monitored = true;
};

struct Series {
  int id = 0;
  int tvdb_id = 0;
  int tvmaze_id = 0;
  int tvrage_id = 0;
  int tmdb_id = 0;
  std::string imdb_id;
  std::string title;
  std::string sort_title;
  std::string clean_title;
  std::string title_slug;
  std::string status = "continuing";  // continuing, ended, upcoming
  std::string overview;
  std::string network;
  std::string air_time;  // "21:00" in the network's zone
  std::string timezone;  // IANA name from TVMaze, e.g. America/New_York
  int runtime = 0;
  int year = 0;
  std::optional<std::string> first_aired;  // yyyy-MM-dd
  std::optional<std::string> last_aired;
  std::string path;
  std::string root_folder_path;
  int quality_profile_id = 1;
  bool season_folder = true;
  bool monitored = true;
  std::string monitor_new_items = "all";
  std::string series_type = "standard";  // standard, daily, anime
  bool use_scene_numbering = false;
  std::string certification;
  std::string original_language = "English";
  std::vector<std::string> genres;
  std::vector<Image> images;
  std::vector<int> tags;
  std::vector<Season> seasons;
  std::string added;           // UTC instant
  std::optional<std::string> last_info_sync;
  double rating = 0;
  int rating_votes = 0;
};

struct Episode {
  int id = 0;
  int series_id = 0;
  int tvmaze_id = 0;
  int tvdb_id = 0;
  int season_number = 0;
  int episode_number = 0;
  std::optional<int> absolute_episode_number;
  std::string title;
  std::string overview;
  std::optional<std::string> air_date;      // local, yyyy-MM-dd
  std::optional<std::string> air_date_utc;  // UTC instant
  int runtime = 0;
  bool monitored = true;
  int episode_file_id = 0;
  std::optional<std::string> finale_type;
  std::optional<std::string> image_url;
};

struct EpisodeFile {
  int id = 0;
  int series_id = 0;
  int season_number = 0;
  std::string relative_path;
  std::string path;
  std::int64_t size = 0;
  std::string date_added;
  std::string scene_name;
  std::string release_group;
  int quality_id = 0;
  int quality_version = 1;
  int quality_real = 0;
  bool quality_repack = false;
  std::vector<std::string> languages;
};

struct RootFolder {
  int id = 0;
  std::string path;
};

struct Tag {
  int id = 0;
  std::string label;
};

struct QualityDefinitionRow {
  int id = 0;  // Sonarr's quality id
  std::string title;
  int weight = 0;
  double min_size = 0;
  std::optional<double> max_size;
  std::optional<double> preferred_size;
};

struct ProfileItem {
  int quality_id = 0;
  bool allowed = false;
};

struct QualityProfile {
  int id = 0;
  std::string name;
  bool upgrade_allowed = true;
  int cutoff = 0;
  std::vector<ProfileItem> items;  // lowest to highest preference
};

struct HistoryEvent {
  int id = 0;
  int series_id = 0;
  int episode_id = 0;
  std::string source_title;
  int quality_id = 0;
  std::string date;
  std::string event_type;  // grabbed, downloadFolderImported, episodeFileDeleted, ...
  std::string download_id;
  std::vector<std::pair<std::string, std::string>> data;
};

struct CommandRecord {
  int id = 0;
  std::string name;      // canonical, e.g. RescanSeries
  std::string body;      // the client's JSON body, kept verbatim
  std::string status = "queued";
  std::string result = "unknown";
  std::string message;
  std::string trigger = "manual";
  std::string queued;
  std::optional<std::string> started;
  std::optional<std::string> ended;
  std::optional<std::string> exception;
};

}  // namespace nzbd::pvr
