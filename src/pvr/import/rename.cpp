#include "pvr/import/rename.h"

#include <algorithm>
#include <filesystem>

#include "pvr/db.h"
#include "pvr/import/media_files.h"
#include "pvr/import/naming.h"

namespace nzbd::pvr {
namespace fs = std::filesystem;

namespace {

QualityModel quality_of(const EpisodeFile& f) {
  QualityModel q;
  q.id = f.quality_id;
  if (const auto* d = find_quality(f.quality_id)) q.name = d->name;
  q.version = f.quality_version;
  q.real = f.quality_real;
  q.is_repack = f.quality_repack;
  return q;
}

std::string flat(std::string v) {
  std::replace_if(v.begin(), v.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  return v;
}

}  // namespace

std::vector<RenamePreview> preview_rename(Library& library, const Series& series, std::optional<int> season) {
  std::vector<RenamePreview> out;
  if (series.path.empty()) return out;
  NamingConfig naming = load_naming_config(library);
  const fs::path root = fs::path(series.path).lexically_normal();
  for (const auto& f : must(library.files_for_series(series.id))) {
    if (season && f.season_number != *season) continue;
    auto eps = must(library.episodes_for_file(f.id));
    if (eps.empty()) continue;
    fs::path current = fs::path(f.path).lexically_normal();
    NamingFile nf{quality_of(f), f.scene_name, fs::path(f.relative_path).filename().string(), f.release_group};
    fs::path rel = episode_relative_path(naming, series, eps, nf, current.extension().string());
    if ((root / rel).lexically_normal() == current) continue;
    RenamePreview p;
    p.series_id = series.id;
    p.season_number = f.season_number;
    for (const auto& e : eps) p.episode_numbers.push_back(e.episode_number);
    p.episode_file_id = f.id;
    p.existing_path = path_within(current, root) ? current.lexically_relative(root).string() : f.relative_path;
    p.new_path = rel.string();
    out.push_back(std::move(p));
  }
  return out;
}

RenameOutcome rename_files(Library& library, const Series& series, const std::vector<int>& file_ids) {
  RenameOutcome outcome;
  const fs::path root = fs::path(series.path).lexically_normal();
  std::error_code ec;
  for (const auto& p : preview_rename(library, series)) {
    if (!file_ids.empty() && std::find(file_ids.begin(), file_ids.end(), p.episode_file_id) == file_ids.end()) continue;
    auto file = found(library.get_episode_file(p.episode_file_id));
    if (!file) continue;
    fs::path from = fs::path(file->path), to = (root / p.new_path).lexically_normal();
    auto fail = [&](const std::string& why) { outcome.failures.push_back(p.existing_path + ": " + why); };
    if (!path_within(to, root)) {
      fail("the new name would leave the series folder");
      continue;
    }
    if (!fs::is_regular_file(fs::symlink_status(from, ec))) {
      fail("the file is missing on disk");
      continue;
    }
    fs::create_directories(to.parent_path(), ec);
    if (ec || !path_within(fs::weakly_canonical(to.parent_path(), ec), fs::weakly_canonical(root, ec))) {
      fail("the destination folder is not inside the series folder");
      continue;
    }
    if (auto st = transfer_file(from, to, TransferMode::Move); !st) {
      fail(st.message());
      continue;
    }
    std::string rel = to.lexically_relative(root).string();
    try {
      library.with_db([&](Db& db) {
        Stmt s(db, "UPDATE episode_files SET path=?1, relative_path=?2 WHERE id=?3");
        s.bind(1, to.string()).bind(2, rel).bind(3, file->id).run();
      });
    } catch (const DbError& e) {
      (void)transfer_file(to, from, TransferMode::Move);  // keep disk and library in step
      fail(std::string("could not record the new name: ") + e.what());
      continue;
    }
    // An emptied old folder (e.g. a renamed season folder) goes too, up to the series folder.
    for (fs::path dir = from.parent_path(); path_within(dir, root) && dir.lexically_normal() != root; dir = dir.parent_path())
      if (!fs::remove(dir, ec)) break;  // remove() only removes empty folders
    for (const auto& e : must(library.episodes_for_file(file->id)))
      must(library.add_history({0, series.id, e.id, flat(from.string()), file->quality_id, "", "episodeFileRenamed", "",
                           {{"sourcePath", flat(from.string())},
                            {"sourceRelativePath", flat(p.existing_path)},
                            {"path", flat(to.string())},
                            {"relativePath", flat(rel)},
                            {"releaseGroup", flat(file->release_group)},
                            {"size", std::to_string(file->size)}}}));
    ++outcome.renamed;
  }
  return outcome;
}

}  // namespace nzbd::pvr
