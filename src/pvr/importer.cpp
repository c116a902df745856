#include "pvr/importer.h"
#include "pvr/db.h"

#include <algorithm>

#include "pvr/import/media_files.h"
#include "pvr/release_parser.h"
#include "pvr/scanner.h"

namespace nzbd::pvr {
namespace fs = std::filesystem;

namespace {

// Video files of the download; symlinks are never followed, samples left out.
std::vector<fs::path> videos_under(const fs::path& path) {
  std::vector<fs::path> out;
  for (const auto& f : video_files_under(path))
    if (!is_sample(f.path, f.size)) out.push_back(f.path);
  return out;
}

const Series* match_series(const std::vector<Series>& all, const ParsedEpisodeInfo& info) {
  const std::string without_year = clean_series_title(info.title_without_year);
  for (const auto& s : all)
    if (s.clean_title == info.clean_title) return &s;
  for (const auto& s : all)
    if (!without_year.empty() && s.clean_title == without_year) return &s;
  return nullptr;
}

Status transfer(const fs::path& from, const fs::path& to, bool copy) {
  return transfer_file(from, to, copy ? TransferMode::Copy : TransferMode::Move);
}

}  // namespace

Result<ImportResult> import_downloads(Library& library, const fs::path& path, const ImportOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return make_error("path " + path.string() + " does not exist");
  ImportResult result;
  auto series = must(library.list_series());
  for (const auto& file : videos_under(path)) {
    const std::string name = file.filename().string();
    auto info = parse_path(file.string());
    if (!info) {
      result.skipped.push_back(name + ": name could not be parsed");
      continue;
    }
    const Series* s = match_series(series, *info);
    if (!s) {
      result.skipped.push_back(name + ": no series in the library is called '" + info->series_title + "'");
      continue;
    }
    auto episodes = must(library.episodes_for_series(s->id));
    auto ids = match_episodes(*s, episodes, *info);
    bool taken = ids.empty() || std::any_of(ids.begin(), ids.end(), [&](int id) {
      auto e = std::find_if(episodes.begin(), episodes.end(), [&](const Episode& x) { return x.id == id; });
      return e == episodes.end() || e->episode_file_id != 0;
    });
    if (taken) {
      result.skipped.push_back(name + (ids.empty() ? ": no matching episode" : ": episode already has a file"));
      continue;
    }
    const Episode& first = *std::find_if(episodes.begin(), episodes.end(), [&](const Episode& x) { return x.id == ids[0]; });
    fs::path rel = s->season_folder ? fs::path("Season " + std::to_string(first.season_number)) / name : fs::path(name);
    fs::path dest = fs::path(s->path) / rel;
    auto size = fs::file_size(file, ec);
    if (auto st = transfer(file, dest, options.copy); !st) {
      result.skipped.push_back(name + ": " + st.message());
      continue;
    }
    EpisodeFile f;
    f.series_id = s->id;
    f.season_number = first.season_number;
    f.relative_path = rel.string();
    f.path = dest.string();
    f.size = ec ? 0 : static_cast<std::int64_t>(size);
    f.scene_name = info->release_title;
    f.release_group = info->release_group;
    f.quality_id = info->quality.id;
    f.quality_version = info->quality.version;
    f.quality_real = info->quality.real;
    f.quality_repack = info->quality.is_repack;
    f.languages = info->languages;
    auto added = library.add_episode_file(f, ids);
    if (!added) {
      (void)transfer(dest, file, options.copy);  // put the download back as it was
      return added.error();
    }
    for (int id : ids)
      must(library.add_history({0, s->id, id, info->release_title, f.quality_id, "", "downloadFolderImported",
                           options.download_id, {{"droppedPath", file.string()}, {"importedPath", dest.string()}}}));
    ++result.imported;
  }
  return result;
}

}  // namespace nzbd::pvr
