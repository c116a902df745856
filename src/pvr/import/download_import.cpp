// Completed download handling's import (Sonarr's DownloadedEpisodesImport
// + ImportApprovedEpisodes + UpgradeMediaFileService), for one tracked
// download whose series and episodes are known from the grab.
#include "pvr/db.h"
#include "pvr/import/download_import.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iterator>
#include <set>

#include "pvr/disk_space.h"
#include "pvr/import/media_config.h"
#include "pvr/import/media_files.h"
#include "pvr/import/naming.h"
#include "pvr/release_parser.h"
#include "pvr/scanner.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace fs = std::filesystem;

namespace {

// `dest` holds the same bytes as `src` (the same file, or a full copy of it).
bool same_content(const fs::path& src, const fs::path& dest) {
  std::error_code ec;
  if (fs::equivalent(src, dest, ec)) return true;
  if (fs::file_size(src, ec) != fs::file_size(dest, ec) || ec) return false;
  std::ifstream a(src, std::ios::binary), b(dest, std::ios::binary);
  return a && b && std::equal(std::istreambuf_iterator<char>(a), {}, std::istreambuf_iterator<char>(b), {});
}

struct Candidate {
  FoundFile file;
  std::vector<int> episode_ids;
  std::optional<ParsedEpisodeInfo> info;
};

// History rows keep data as tab/newline separated pairs; a hostile name
// must not add keys.
std::string flat(std::string v) {
  std::replace_if(v.begin(), v.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  return v;
}

// Sonarr's SceneChecker: a dotted name without spaces that parses with
// episodes, a quality and a release group.
bool is_scene_title(const std::string& name) {
  if (name.find(' ') != std::string::npos || name.find('.') == std::string::npos) return false;
  auto info = parse_release(name);
  return info && (!info->episodes.empty() || info->air_date) && !info->release_group.empty() && info->quality.id != 0;
}

// Position in the series' profile (lowest first) when the profile lists
// both qualities; else the quality table's weights.
std::pair<int, int> quality_ranks(const std::optional<QualityProfile>& profile, int a, int b) {
  auto index = [&](int id) {
    if (profile)
      for (std::size_t i = 0; i < profile->items.size(); ++i)
        if (profile->items[i].quality_id == id) return static_cast<int>(i);
    return -1;
  };
  int ia = index(a), ib = index(b);
  if (ia >= 0 && ib >= 0) return {ia, ib};
  const QualityDefinition* da = find_quality(a);
  const QualityDefinition* db = find_quality(b);
  return {da ? da->weight : 0, db ? db->weight : 0};
}

// Sonarr's import UpgradeSpecification: lower quality, or a lower revision
// of the same quality, is not an upgrade.
bool is_downgrade(const std::optional<QualityProfile>& profile, const EpisodeFile& old, const QualityModel& q) {
  auto [a, b] = quality_ranks(profile, old.quality_id, q.id);
  if (b != a) return b < a;
  if (q.version != old.quality_version) return q.version < old.quality_version;
  return q.real < old.quality_real;
}

// NotUnpackingSpecification: the download client's working folders
// (SABnzbd's _UNPACK_ and _FAILED_) hold files that are not finished.
bool in_working_folder(const fs::path& file, const fs::path& root) {
  for (const auto& part : file.lexically_relative(root.parent_path()).parent_path()) {
    std::string p = part.string();
    if (p.rfind("_UNPACK_", 0) == 0 || p.rfind("_FAILED_", 0) == 0) return true;
  }
  return false;
}

// EpisodeTitleSpecification: renaming with a title token, an episode aired
// in the last 48 hours whose title is still empty or "TBA".
bool title_missing(const NamingConfig& naming, const MediaManagementConfig& media, const Series& series,
                   const std::vector<Episode>& eps) {
  if (!naming.rename_episodes || media.episode_title_required == "never") return false;
  const std::string& format = series.series_type == "daily" ? naming.daily_episode_format
                              : series.series_type == "anime" ? naming.anime_episode_format
                                                              : naming.standard_episode_format;
  if (!format_has_episode_title(format)) return false;
  std::time_t now = std::time(nullptr);
  return std::any_of(eps.begin(), eps.end(), [&](const Episode& e) {
    auto aired = e.air_date_utc ? parse_utc(*e.air_date_utc) : std::nullopt;
    bool recent = aired && *aired <= now && now - *aired < 48 * 3600;
    return recent && (e.title.empty() || e.title == "TBA");
  });
}

class Importer {
 public:
  Importer(Library& lib, const DownloadImportRequest& req, Series series)
      : lib_(lib), req_(req), series_(std::move(series)), naming_(load_naming_config(lib)),
        media_(load_media_config(lib)), profile_(found(lib.get_quality_profile(series_.quality_profile_id))) {}

  Result<DownloadImportResult> run();

 private:
  void reject(const fs::path& f, const std::string& why) { result_.rejections.push_back(f.filename().string() + ": " + why); }
  std::vector<Candidate> match(const std::vector<FoundFile>& mains);
  bool import_one(const Candidate& c, std::size_t video_count);
  void remove_old(const EpisodeFile& old);
  void import_extras(const Candidate& c, const fs::path& dest);

  Library& lib_;
  const DownloadImportRequest& req_;
  Series series_;
  NamingConfig naming_;
  MediaManagementConfig media_;
  std::optional<QualityProfile> profile_;
  std::set<int> grabbed_;
  DownloadImportResult result_;
};

std::vector<Candidate> Importer::match(const std::vector<FoundFile>& mains) {
  auto all = must(lib_.episodes_for_series(series_.id));
  std::vector<Candidate> out;
  for (const auto& f : mains) {
    Candidate c{f, {}, parse_path(f.path.string())};
    if (c.info) c.episode_ids = match_episodes(series_, all, *c.info);
    // One video for the grab whose name gives no numbers (obfuscated): it is the release.
    bool numbered = c.info && (!c.info->episodes.empty() || c.info->air_date || !c.info->absolute_episodes.empty());
    if (c.episode_ids.empty() && mains.size() == 1 && !numbered) c.episode_ids.assign(grabbed_.begin(), grabbed_.end());
    if (c.episode_ids.empty()) {
      reject(f.path, c.info ? "Invalid season or episode" : "Unable to parse file");
      continue;
    }
    if (std::any_of(c.episode_ids.begin(), c.episode_ids.end(), [&](int id) { return !grabbed_.count(id); })) {
      reject(f.path, "Episode was not in the grabbed release");
      continue;
    }
    out.push_back(std::move(c));
  }
  // One file per episode: the larger one wins.
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.file.size > b.file.size; });
  std::set<int> taken;
  std::vector<Candidate> kept;
  for (auto& c : out) {
    if (std::any_of(c.episode_ids.begin(), c.episode_ids.end(), [&](int id) { return taken.count(id) > 0; })) {
      reject(c.file.path, "Another file in the release is imported for the same episode");
      continue;
    }
    taken.insert(c.episode_ids.begin(), c.episode_ids.end());
    kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) { return a.file.path < b.file.path; });
  return kept;
}

void Importer::remove_old(const EpisodeFile& old) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(old.path, ec))) {
    fs::path sub = fs::path(old.path).parent_path().lexically_relative(fs::path(series_.path).parent_path());
    if (auto st = recycle_file(old.path, media_.recycle_bin, sub); !st)
      result_.rejections.push_back(fs::path(old.path).filename().string() + ": the replaced file stayed: " + st.message());
  }
  for (const auto& e : must(lib_.episodes_for_file(old.id)))
    must(lib_.add_history({0, series_.id, e.id, flat(old.path), old.quality_id, "", "episodeFileDeleted", "",
                      {{"reason", "Upgrade"}, {"releaseGroup", flat(old.release_group)}, {"size", std::to_string(old.size)}}}));
  (void)lib_.delete_episode_file(old.id);
}

bool Importer::import_one(const Candidate& c, std::size_t video_count) {
  const fs::path& src = c.file.path;
  auto eps = must(lib_.episodes_by_ids(c.episode_ids));  // fresh: an earlier file may have replaced a shared old one
  if (eps.empty()) return reject(src, "Invalid season or episode"), false;
  auto release = parse_release(req_.release_title);
  std::string stem = src.stem().string();
  std::string scene = (video_count == 1 && !(release && release->full_season)) ? req_.release_title
                      : is_scene_title(stem)                                    ? stem
                                                                                : "";
  QualityModel quality = req_.quality.id != 0 || !c.info ? req_.quality : c.info->quality;
  std::string group = c.info && !c.info->release_group.empty() ? c.info->release_group : parse_release_group(req_.release_title);

  std::vector<EpisodeFile> olds;
  for (const auto& e : eps) {
    if (!e.episode_file_id || std::any_of(olds.begin(), olds.end(), [&](const EpisodeFile& o) { return o.id == e.episode_file_id; }))
      continue;
    if (auto f = found(lib_.get_episode_file(e.episode_file_id))) olds.push_back(*f);
  }
  for (const auto& o : olds)
    if (is_downgrade(profile_, o, quality)) return reject(src, "Not an upgrade for existing episode file(s)"), false;
  if (title_missing(naming_, media_, series_, eps)) return reject(src, "Episode does not have a title and recent airdate"), false;
  // FreeSpaceSpecification: the destination keeps minimumFreeSpaceWhenImporting MB after the file.
  if (!media_.skip_free_space_check_when_importing &&
      !enough_space(series_.path, c.file.size, media_.minimum_free_space_when_importing))
    return reject(src, "Not enough free space"), false;

  NamingFile nf{quality, scene, src.filename().string(), group};
  const fs::path root = fs::path(series_.path).lexically_normal();
  fs::path rel = episode_relative_path(naming_, series_, eps, nf, src.extension().string());
  fs::path dest = (root / rel).lexically_normal();
  std::error_code ec;
  fs::create_directories(dest.parent_path(), ec);
  // The season folder must be a real folder of the series, not a link out of it.
  if (ec || !path_within(dest, root) ||
      !path_within(fs::weakly_canonical(dest.parent_path(), ec), fs::weakly_canonical(root, ec)))
    return reject(src, "Destination " + dest.string() + " is not inside the series folder"), false;

  auto same = std::find_if(olds.begin(), olds.end(), [&](const EpisodeFile& o) { return fs::path(o.path).lexically_normal() == dest; });
  // A file not in the library but identical to this one is this import's own,
  // placed before a kill -9 could record it: it is taken, not refused.
  bool placed = false;
  if (same == olds.end() && fs::exists(fs::symlink_status(dest, ec))) {
    if (!fs::is_regular_file(fs::symlink_status(dest, ec)) || !same_content(src, dest))
      return reject(src, "Destination already exists: " + dest.string()), false;
    placed = true;
  }
  if (same != olds.end()) {  // the new file takes the old one's name: the old goes first
    remove_old(*same);
    olds.erase(same);
  }
  // A move links (or copies) first and drops the source only once the library
  // holds the file: a kill -9 in between leaves both, and the restarted
  // tracker imports again (taking the placed file) instead of finding nothing.
  TransferMode mode = req_.copy && !media_.copy_using_hardlinks ? TransferMode::Copy : TransferMode::HardlinkOrCopy;
  if (!placed)
    if (auto st = transfer_file(src, dest, mode); !st) return reject(src, st.message()), false;
  for (const auto& o : olds) remove_old(o);

  EpisodeFile f;
  f.series_id = series_.id;
  f.season_number = std::min_element(eps.begin(), eps.end(), [](const Episode& a, const Episode& b) {
                      return a.season_number < b.season_number;
                    })->season_number;
  f.relative_path = dest.lexically_relative(root).string();
  f.path = dest.string();
  f.size = c.file.size;
  f.scene_name = scene;
  f.release_group = group;
  f.quality_id = quality.id;
  f.quality_version = quality.version;
  f.quality_real = quality.real;
  f.quality_repack = quality.is_repack;
  f.languages = c.info ? c.info->languages : parse_languages(req_.release_title);
  std::string release_type = eps.size() > 1 ? "multiEpisode" : "singleEpisode";
  if (release && release->full_season) release_type = "seasonPack";
  std::string source = scene.empty() ? stem : scene;
  std::vector<HistoryEvent> history;
  for (const auto& e : eps)
    history.push_back({0, series_.id, e.id, flat(source), quality.id, "", "downloadFolderImported", req_.download_id,
                       {{"droppedPath", flat(src.string())},
                        {"importedPath", flat(dest.string())},
                        {"downloadClient", flat(req_.download_client_type.empty() ? req_.download_client : req_.download_client_type)},
                        {"downloadClientName", flat(req_.download_client)},
                        {"releaseGroup", flat(group)},
                        {"customFormatScore", "0"},
                        {"size", std::to_string(c.file.size)},
                        {"indexerFlags", "0"},
                        {"releaseType", release_type}}});
  // One transaction with the file's rows: see Library::add_episode_file.
  auto added = lib_.add_episode_file(f, c.episode_ids, std::move(history));
  if (!added) {
    fs::remove(dest, ec);  // the source is still there: the download stays as it was
    return reject(src, added.message()), false;
  }
  if (!req_.copy) fs::remove(src, ec);
  if (media_.import_extra_files) import_extras(c, dest);
  ++result_.imported;
  result_.files.push_back(dest);
  return true;
}

// Extras (subtitles, ...) beside the video and named after it keep their
// suffix ("Show.S01E01.en.srt" -> "<new name>.en.srt").
void Importer::import_extras(const Candidate& c, const fs::path& dest) {
  auto wanted = extra_extensions(media_);
  std::string video_stem = c.file.path.stem().string();
  auto extras = files_under(c.file.path.parent_path(), [](const fs::path& p) { return !is_video_file(p); }, 1000);
  for (const auto& x : extras) {
    if (x.path.parent_path() != c.file.path.parent_path()) continue;
    std::string ext = x.path.extension().string();
    std::string lower = to_lower(ext.size() > 1 ? ext.substr(1) : "");
    if (std::find(wanted.begin(), wanted.end(), lower) == wanted.end()) continue;
    std::string name = x.path.filename().string();
    if (name.rfind(video_stem, 0) != 0) continue;
    std::string target = safe_path_component(dest.stem().string() + name.substr(video_stem.size()), "");
    if (target.empty()) continue;
    TransferMode mode = req_.copy ? TransferMode::Copy : TransferMode::Move;
    if (auto st = transfer_file(x.path, dest.parent_path() / target, mode); !st) reject(x.path, st.message());
  }
}

Result<DownloadImportResult> Importer::run() {
  const fs::path out = req_.output_path;
  std::error_code ec;
  auto st = fs::symlink_status(out, ec);
  if (ec || !fs::exists(st)) return make_error("The download's folder " + out.string() + " does not exist");
  if (fs::is_symlink(st)) return make_error("The download's folder " + out.string() + " is a symbolic link; it is not followed");
  for (const auto& s : must(lib_.list_series()))
    if (!s.path.empty() && (path_within(out, s.path) || path_within(s.path, out)))
      return make_error(out.string() + " is the series folder of " + s.title + " (or holds it); it is not imported from");
  for (const auto& e : must(lib_.episodes_by_ids(req_.episode_ids)))
    if (e.series_id == series_.id) grabbed_.insert(e.id);
  if (grabbed_.empty()) return make_error("None of the grabbed episodes belong to " + series_.title);

  std::vector<FoundFile> mains;
  for (const auto& v : video_files_under(out)) {
    if (in_working_folder(v.path, out)) reject(v.path, "File is still being unpacked");
    else if (is_sample(v.path, v.size)) reject(v.path, "Sample");
    else mains.push_back(v);
  }
  auto candidates = match(mains);
  for (const auto& c : candidates) import_one(c, mains.size());

  auto summary = [&] {
    std::string s;
    for (std::size_t i = 0; i < result_.rejections.size() && i < 5; ++i) s += (i ? "; " : "") + result_.rejections[i];
    return s;
  };
  if (result_.imported == 0) {
    if (mains.empty()) return make_error("No video files found in " + out.string() + (result_.rejections.empty() ? "" : " (" + summary() + ")"));
    return make_error("No files found are eligible for import in " + out.string() + ": " + summary());
  }
  // Leftovers go only when every video of the release came in.
  bool all_in = static_cast<std::size_t>(result_.imported) == mains.size();
  if (req_.remove_leftovers && !req_.copy && all_in && fs::is_directory(fs::symlink_status(out, ec))) {
    bool holds_root = false;
    for (const auto& r : must(lib_.list_root_folders())) holds_root |= path_within(r.path, out);
    if (!holds_root && out.lexically_normal() != out.root_path()) fs::remove_all(out, ec);  // does not follow links
  }
  return std::move(result_);
}

}  // namespace

Result<DownloadImportResult> import_download(Library& library, const DownloadImportRequest& request) {
  auto series = found(library.get_series(request.series_id));
  if (!series) return make_error("Series " + std::to_string(request.series_id) + " is not in the library");
  if (series->path.empty()) return make_error("Series " + series->title + " has no folder to import into");
  Importer importer(library, request, *series);
  return importer.run();
}

}  // namespace nzbd::pvr
