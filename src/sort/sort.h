// SABnzbd 4's Sorters: a [sorters] item whose categories and content type fit
// a finished job decides the folder the job goes to (under its category
// folder) and how its main file(s) are renamed, from a sort string such as
// "%sn/Season %s/%sn - S%0sE%0e - %en.%ext". Pure functions: no file system.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nzbd::config {
class Config;
}

namespace nzbd::sort {

// SABnzbd's sort_type numbers (GUESSIT_SORT_TYPES): 0 matches every type.
enum class Kind { All = 0, Tv = 1, Date = 2, Movie = 3, Other = 4 };
std::string_view kind_name(Kind k);  // "all", "tv", "date", "movie", "unknown"

// One [sorters] item.
struct SorterConfig {
  std::string name;
  int order = 0;
  uint64_t min_size = 0;        // files smaller than this are not renamed
  std::string multipart_label;  // "CD%1": %1 is the part number
  std::string sort_string;
  std::vector<std::string> cats;
  std::vector<int> types;       // empty: every type
  bool active = true;
};

// The [sorters] items in SABnzbd's order: by `order`, then by name.
std::vector<SorterConfig> sorters_from(const config::Config& cfg);

// What a job name says about its content (SABnzbd asks guessit; nzbd uses
// pvr's release parser for episodes and a small movie/date reader).
struct JobInfo {
  Kind kind = Kind::Other;
  std::string job_name;       // as given (%dn)
  std::string title;          // "Show Name", "Movie Title"; the job name when nothing better is found
  std::string year;           // "2019" or ""
  std::string resolution;     // "1080p" or ""
  std::vector<int> seasons;   // tv: {1}; multi-season packs list every season
  std::vector<int> episodes;  // empty for a season pack
  std::string episode_name;   // "Pilot" from Show.S01E01.Pilot.720p...
  int month = 0, day = 0;     // date shows
  bool season_pack = false;   // one season, and no episode or several
  std::string release_group;
};
JobInfo analyse(std::string_view job_name);

// The first active sorter (in the given order) whose sort_cats hold `category`
// (case-insensitive) and whose sort_type allows `kind`; nullptr when none.
const SorterConfig* pick(const std::vector<SorterConfig>& sorters, std::string_view category, Kind kind);

struct Options {
  bool season_sorting = true;   // enable_season_sorting
  bool replace_illegal = true;  // replace_illegal: ':' -> '-' etc. instead of dropping them
  size_t max_folder_length = 246;
};

// A sorter applied to a job.
struct Plan {
  std::string folder;        // relative, '/'-separated, every part sanitised; "" = the category folder itself
  bool rename_files = false; // the sort string ends in a file part (%fn or .%ext)
  std::string file_set;      // that file part, %fn and %ext still to fill in per file
  std::string season_set;    // season pack: the file part with the episode markers left in
  bool season_pack = false;
  std::string multipart_label;
  uint64_t min_size = 0;
  bool replace_illegal = true;
};
Plan plan(const SorterConfig& sorter, const JobInfo& info, const Options& opt = {});

// A file of the job, relative to the job folder ('/'-separated).
struct JobFile {
  std::string path;
  uint64_t size = 0;
};
// Where a file goes, relative to the plan's folder. Names may collide; the
// caller makes them unique.
struct Move {
  std::string from, to;
};
// Every file of the job, renamed as the plan says: the largest file (or each
// part of a multi-part set, or each episode of a season pack) gets the sort
// string's name and files beside it take the same name with their own
// extension; without a file part the files keep their names and places.
std::vector<Move> arrange(const Plan& plan, const std::vector<JobFile>& files);

// A path component made safe: control characters dropped, '/' '\' ':' '"'
// replaced (or dropped without replace_illegal), spaces at the ends trimmed,
// at most max_bytes; "", "." and ".." give "".
std::string sanitize_component(std::string_view name, bool replace_illegal = true, size_t max_bytes = 246);

// The sorter (if any) for a job of `category`, with the plan, from the config.
struct Decision {
  std::string sorter;
  Plan plan;
};
std::optional<Decision> decide(const config::Config& cfg, std::string_view job_name, std::string_view category);

// mode=eval_sort: the path a job name would get, with "Original Filename" for
// %fn and ".ext" (or a trailing '/'); nullopt for an empty job name or sort string.
std::optional<std::string> eval_sort(std::string_view sort_string, std::string_view job_name,
                                     std::string_view multipart_label);

// SABnzbd 4's start-up conversion of the old tv/movie/date sorting keys of
// [misc] into [sorters] items, done once (sorters_converted). True when it changed the config.
bool convert_legacy_sorters(config::Config& cfg);

}  // namespace nzbd::sort
