// File paths: the file name first, then the folders above it (Sonarr's ParsePath idea).
#include <algorithm>

#include "pvr/parser_name.h"
#include "pvr/parser_text.h"
#include "pvr/release_parser.h"

namespace nzbd::pvr {

using namespace detail;

namespace {

constexpr size_t kMaxPathLength = 4096;
constexpr int kMaxFolderLevels = 3;

// A "Season 1" / "Specials" folder names no series.
bool is_season_folder(std::string_view dir) {
  for (std::string_view extra : {"specials", "extras", "featurettes", "subs"})
    if (iequals(trim(dir), extra)) return true;
  auto r = parse_name(dir);
  return r && r->series_title.empty();
}

}  // namespace

std::optional<ParsedEpisodeInfo> parse_path(std::string_view path) {
  if (path.size() > kMaxPathLength) return std::nullopt;
  std::string_view file = last_path_component(path);
  std::string_view stem = strip_video_extension(file);
  auto r = parse_name(file);
  // A long number for a title ("170424_26.mkv") is a hash: the folder names the release
  // (while "1923.S01E01" is a show).
  const std::string& t = r ? r->series_title : std::string();
  if (r && std::none_of(t.begin(), t.end(), is_alpha) && std::count_if(t.begin(), t.end(), is_digit) >= 5) r.reset();
  if (r && !r->series_title.empty()) return r;
  // "01 Pilot.mkv" inside "Season 01": the leading number is the episode.
  int leading = 0;
  size_t digits = read_number(stem, 0, 3, leading);
  bool numbered = digits > 0 && (digits == stem.size() || !is_digit(stem[digits]));
  int folder_season = -1;
  // Walk up the folders: the first that is not "Season N" gives the title,
  // or, when the file told nothing, the whole answer.
  std::string_view rest = path;
  for (int level = 0; level < kMaxFolderLevels; ++level) {
    while (!rest.empty() && (rest.back() == '/' || rest.back() == '\\')) rest.remove_suffix(1);
    size_t slash = rest.find_last_of("/\\");
    if (slash == std::string_view::npos) break;
    rest = rest.substr(0, slash);
    std::string_view dir = last_path_component(rest);
    if (dir.empty()) break;
    if (is_season_folder(dir)) {
      if (auto s = parse_name(dir); s && folder_season < 0) folder_season = s->season;
      if (r && r->season_implied && folder_season >= 0) r->season = folder_season;
      continue;
    }
    auto folder = parse_release(dir);
    if (!r && folder) {
      // "Title 921-928 [..]/921.mkv": one numbered file of an absolute batch.
      auto& abs = folder->absolute_episodes;
      if (digits == stem.size() && std::find(abs.begin(), abs.end(), leading) != abs.end()) abs = {leading};
      return folder;
    }
    if (!r && numbered && folder_season >= 0 && leading > 0) {
      r = ParsedEpisodeInfo{};
      r->season = folder_season;
      r->episodes = {leading};
      r->quality = parse_quality(file);
      r->languages = parse_languages(stem);
      r->release_title = std::string(file);
    }
    if (!r) return std::nullopt;
    r->series_title = folder ? folder->series_title : normalize_title(dir);
    split_year(*r);
    r->clean_title = clean_series_title(r->series_title);
    if (r->clean_title.empty()) return std::nullopt;
    return r;
  }
  // Only "Season N" folders above an untitled "E05-06 - Title": Sonarr answers without a series.
  if (r && folder_season >= 0 && !r->episodes.empty()) return r;
  return std::nullopt;
}

}  // namespace nzbd::pvr
