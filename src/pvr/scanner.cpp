#include "pvr/scanner.h"
#include "pvr/db.h"

#include <algorithm>
#include <set>

#include "util/strings.h"

namespace nzbd::pvr {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t kMaxFiles = 100000;  // a series folder, not a whole disk
}  // namespace

bool is_video_file(const fs::path& p) {
  static const std::set<std::string> kExt = {".mkv", ".mp4", ".avi", ".m4v", ".ts",   ".wmv",
                                              ".mov", ".mpg", ".mpeg", ".webm", ".m2ts", ".divx",
                                              ".flv", ".ogm", ".vob", ".xvid", ".3gp"};
  return kExt.count(to_lower(p.extension().string())) > 0;
}

std::vector<int> match_episodes(const Series& series, const std::vector<Episode>& episodes,
                                const ParsedEpisodeInfo& info) {
  std::vector<int> ids;
  if (info.is_daily && info.air_date) {
    for (const auto& e : episodes)
      if (e.air_date == info.air_date) ids.push_back(e.id);
    return ids;
  }
  bool by_absolute = !info.absolute_episodes.empty() &&
                     (series.series_type == "anime" || info.episodes.empty() || info.season < 0);
  if (by_absolute) {
    for (int n : info.absolute_episodes)
      for (const auto& e : episodes)
        if (e.absolute_episode_number == n) ids.push_back(e.id);
    if (!ids.empty() || info.episodes.empty() || info.season < 0) return ids;
  }
  if (info.season < 0) return ids;
  for (int n : info.episodes)
    for (const auto& e : episodes)
      if (e.season_number == info.season && e.episode_number == n) ids.push_back(e.id);
  return ids;
}

Result<ScanResult> rescan_series(Library& library, const Series& series) {
  ScanResult result;
  std::error_code ec;
  // Records whose file is gone go first, whether or not the folder exists.
  for (const auto& f : must(library.files_for_series(series.id))) {
    if (fs::is_regular_file(f.path, ec)) continue;
    if (auto st = library.delete_episode_file(f.id); !st) return st.error();
    ++result.removed;
  }
  fs::path root(series.path);
  if (series.path.empty() || !fs::is_directory(root, ec)) {
    result.folder_missing = true;
    return result;
  }
  std::set<std::string> known;
  for (const auto& f : must(library.files_for_series(series.id))) known.insert(f.path);

  std::vector<fs::path> videos;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) return make_error("cannot read " + root.string() + ": " + ec.message());
  for (; it != end && videos.size() < kMaxFiles; it.increment(ec)) {
    if (ec) break;
    const auto name = it->path().filename().string();
    if (!name.empty() && (name[0] == '.' || name == "@eaDir")) {  // hidden and NAS metadata
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_video_file(it->path())) videos.push_back(it->path());
  }
  std::sort(videos.begin(), videos.end());

  auto episodes = must(library.episodes_for_series(series.id));
  for (const auto& p : videos) {
    const std::string path = p.string();
    if (known.count(path)) {
      ++result.already_known;
      continue;
    }
    const std::string rel = fs::relative(p, root, ec).string();
    auto info = parse_path(path);
    std::vector<int> ids;
    if (info) ids = match_episodes(series, episodes, *info);
    // An episode keeps the file it has; a second copy is not imported.
    std::vector<int> free_ids;
    for (int id : ids) {
      auto e = std::find_if(episodes.begin(), episodes.end(), [&](const Episode& x) { return x.id == id; });
      if (e != episodes.end() && e->episode_file_id == 0) free_ids.push_back(id);
    }
    if (!info || free_ids.empty()) {
      result.unmatched.push_back(rel);
      continue;
    }
    EpisodeFile f;
    f.series_id = series.id;
    f.path = path;
    f.relative_path = rel;
    f.size = static_cast<std::int64_t>(fs::file_size(p, ec));
    if (ec) f.size = 0;
    f.release_group = info->release_group;
    f.quality_id = info->quality.id;
    f.quality_version = info->quality.version;
    f.quality_real = info->quality.real;
    f.quality_repack = info->quality.is_repack;
    f.languages = info->languages;
    auto first = std::find_if(episodes.begin(), episodes.end(),
                              [&](const Episode& x) { return x.id == free_ids.front(); });
    f.season_number = first->season_number;
    auto added = library.add_episode_file(f, free_ids);
    if (!added) return added.error();
    for (auto& e : episodes)
      if (std::find(free_ids.begin(), free_ids.end(), e.id) != free_ids.end()) e.episode_file_id = added->id;
    ++result.added;
  }
  return result;
}

}  // namespace nzbd::pvr
