// The TV library: series, seasons, episodes, files, root folders, quality
// profiles, tags, history and command records in one SQLite file. Every
// public call is thread-safe and every multi-row change runs in one
// transaction, so a failure never leaves half-written rows.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pvr/model.h"
#include "util/result.h"

namespace nzbd::sql {
class Db;
}

namespace nzbd::pvr {

using Db = sql::Db;

// Bumped by every migration; migrations are append-only.
inline constexpr int kSchemaVersion = 6;

struct PageRequest {
  int page = 1;
  int page_size = 10;
  std::string sort_key;  // endpoint-specific; unknown keys use the default
  bool ascending = false;
};

// Which history rows /history asks for; empty members match everything.
struct HistoryFilter {
  std::optional<int> id;
  std::optional<int> series_id;
  std::optional<int> episode_id;
  std::vector<std::string> event_types;  // "grabbed", "downloadFailed", ...
  std::string download_id;
};

template <typename T>
struct Page {
  int total = 0;
  std::vector<T> records;
};

struct EpisodeQuery {
  std::optional<std::string> from_utc, to_utc;  // inclusive instants
  bool include_unmonitored = false;
};

// Every call returns a Result: database failures carry their kind (Busy for a
// lock held past the busy timeout, Corrupt, Io...), and the get_* calls and
// the changes of one row answer NotFound for an unknown id.
class Library {
 public:
  static Result<std::unique_ptr<Library>> open(const std::filesystem::path& db_file);
  ~Library();
  Result<int> schema_version();

  // Series. add_series stores the series, its seasons and its episodes.
  Result<std::vector<Series>> list_series();
  Result<Series> get_series(int id);
  Result<Series> find_series_by_tvdb(int tvdb_id);
  Result<Series> add_series(Series series, const std::vector<Episode>& episodes);
  Status update_series(const Series& series);
  // Replaces metadata and merges episodes by (season, number), keeping
  // monitored flags and file links; episodes gone from the source are
  // dropped unless they have a file.
  Status refresh_series(const Series& metadata, const std::vector<Episode>& episodes);
  Status delete_series(int id);

  // Episodes.
  Result<std::vector<Episode>> episodes_for_series(int series_id, std::optional<int> season = {});
  Result<std::vector<Episode>> episodes_by_ids(const std::vector<int>& ids);
  Result<std::vector<Episode>> episodes_for_file(int episode_file_id);
  Result<Episode> get_episode(int id);
  Status set_episodes_monitored(const std::vector<int>& ids, bool monitored);
  Result<std::vector<Episode>> calendar(const EpisodeQuery& q);
  // Aired episodes without a file; monitored=true keeps only monitored
  // episodes of monitored series, false only the others.
  Result<Page<Episode>> missing(const PageRequest& page, bool monitored, const std::string& now_utc);

  // Episode files. add_episode_file links the file to the given episodes and
  // writes `history` (each event gets the new file's id as data "fileId") in
  // the same transaction: a kill -9 never leaves an imported file without
  // its downloadFolderImported row, which a restarted tracker could not redo.
  Result<std::vector<EpisodeFile>> files_for_series(int series_id);
  Result<std::vector<EpisodeFile>> files_by_ids(const std::vector<int>& ids);
  Result<EpisodeFile> get_episode_file(int id);
  Result<EpisodeFile> add_episode_file(EpisodeFile file, const std::vector<int>& episode_ids,
                                       std::vector<HistoryEvent> history = {});
  Status delete_episode_file(int id);

  // Root folders.
  Result<std::vector<RootFolder>> list_root_folders();
  Result<RootFolder> get_root_folder(int id);
  Result<RootFolder> add_root_folder(const std::string& path);
  Status delete_root_folder(int id);

  // Quality.
  Result<std::vector<QualityDefinitionRow>> quality_definitions();
  Result<std::vector<QualityProfile>> quality_profiles();
  Result<QualityProfile> get_quality_profile(int id);
  Status update_quality_profile(const QualityProfile& profile);

  // Tags.
  Result<std::vector<Tag>> list_tags();
  Result<Tag> get_tag(int id);
  Result<Tag> add_tag(const std::string& label);
  Status update_tag(const Tag& tag);
  Status delete_tag(int id);

  // History.
  Status add_history(HistoryEvent event);
  Result<Page<HistoryEvent>> history(const PageRequest& page, const HistoryFilter& filter = {});

  // Commands.
  Result<CommandRecord> add_command(CommandRecord c);
  Status update_command(const CommandRecord& c);
  Result<CommandRecord> get_command(int id);
  Result<std::vector<CommandRecord>> list_commands(int limit = 100);
  // Commands left queued/started by a previous run can never finish.
  Status mark_interrupted_commands();

  // Runs f(Db&) under the library's lock: for the stores beside the library
  // (indexers, blocklist, downloads) that keep their tables in the same file.
  template <typename F>
  auto with_db(F&& f) {
    std::lock_guard lock(mu_);
    return f(*db_);
  }

 private:
  explicit Library(std::unique_ptr<Db> db);
  void insert_history(HistoryEvent h);  // with mu_ held
  std::unique_ptr<Db> db_;
  std::mutex mu_;
};

}  // namespace nzbd::pvr
