// Library: opening, migrations and the series table.
#include "pvr/library.h"

#include <algorithm>
#include <map>

#include "pvr/db.h"
#include "pvr/library_detail.h"
#include "pvr/schema.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
using namespace libdb;

Library::Library(std::unique_ptr<Db> db) : db_(std::move(db)) {}
Library::~Library() = default;

Result<std::unique_ptr<Db>> open_db(const std::filesystem::path& file) {
  sql::Options o;
  o.shared = true;
  o.wal = true;
  o.foreign_keys = true;
  auto db = Db::open(file, o);
  if (!db) return db.error();
  return std::make_unique<Db>(std::move(*db));
}

Result<std::unique_ptr<Library>> Library::open(const std::filesystem::path& db_file) {
  auto db = open_db(db_file);
  if (!db) return db.error();
  auto version = (*db)->user_version();
  if (!version) return version.error();
  if (*version > kSchemaVersion)
    return make_error("database " + db_file.string() + " was written by a newer nzbd (schema " +
                      std::to_string(*version) + ")");
  try {
    migrate(**db);
  } catch (const DbError& e) {
    return with_context("database migration failed: ", e.error);
  }
  return std::unique_ptr<Library>(new Library(std::move(*db)));  // NOLINT: private constructor
}

Result<int> Library::schema_version() {
  std::lock_guard lock(mu_);
  return db_->user_version();
}

Result<std::vector<Series>> Library::list_series() {
  std::lock_guard lock(mu_);
  return guarded("could not list series: ", [&] {
    Stmt s(*db_, std::string("SELECT ") + kSeriesColumns + " FROM series ORDER BY sort_title, id");
    std::vector<Series> out;
    while (s.step()) out.push_back(read_series(s));
    for (auto& v : out) v.seasons = load_seasons(*db_, v.id);
    return out;
  });
}

Result<Series> Library::get_series(int id) {
  std::lock_guard lock(mu_);
  return guarded("could not read series: ", [&]() -> Result<Series> {
    Stmt s(*db_, std::string("SELECT ") + kSeriesColumns + " FROM series WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return not_found_error("series " + std::to_string(id) + " not found");
    Series v = read_series(s);
    v.seasons = load_seasons(*db_, v.id);
    return v;
  });
}

Result<Series> Library::find_series_by_tvdb(int tvdb_id) {
  auto id = [&]() -> Result<int> {
    std::lock_guard lock(mu_);
    return guarded("could not find series: ", [&]() -> Result<int> {
      Stmt s(*db_, "SELECT id FROM series WHERE tvdb_id=?1");
      s.bind(1, tvdb_id);
      if (!s.step()) return not_found_error("no series with TVDB id " + std::to_string(tvdb_id));
      return s.i32(0);
    });
  }();
  if (!id) return id.error();
  return get_series(*id);
}

namespace {
constexpr const char* kSeriesInsert =
    "INSERT INTO series (tvdb_id, tvmaze_id, tvrage_id, tmdb_id, imdb_id, title, sort_title, "
    "clean_title, title_slug, status, overview, network, air_time, timezone, runtime, year, "
    "first_aired, last_aired, path, root_folder_path, quality_profile_id, season_folder, monitored, "
    "monitor_new_items, series_type, use_scene_numbering, certification, original_language, genres, "
    "images, tags, added, last_info_sync, rating, rating_votes) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
    "?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,"
    "?33,?34,?35)";
constexpr const char* kSeriesUpdate =
    "UPDATE series SET tvdb_id=?1, tvmaze_id=?2, tvrage_id=?3, tmdb_id=?4, imdb_id=?5, title=?6, "
    "sort_title=?7, clean_title=?8, title_slug=?9, status=?10, overview=?11, network=?12, "
    "air_time=?13, timezone=?14, runtime=?15, year=?16, first_aired=?17, last_aired=?18, path=?19, "
    "root_folder_path=?20, quality_profile_id=?21, season_folder=?22, monitored=?23, "
    "monitor_new_items=?24, series_type=?25, use_scene_numbering=?26, certification=?27, "
    "original_language=?28, genres=?29, images=?30, tags=?31, added=?32, last_info_sync=?33, "
    "rating=?34, rating_votes=?35 WHERE id=?36";

bool season_monitored(const std::vector<Season>& seasons, int number, bool fallback) {
  for (const auto& s : seasons)
    if (s.season_number == number) return s.monitored;
  return fallback;
}
}  // namespace

Result<Series> Library::add_series(Series series, const std::vector<Episode>& episodes) {
  std::lock_guard lock(mu_);
  try {
    Transaction tx(*db_);
    if (series.added.empty()) series.added = now_utc();
    Stmt s(*db_, kSeriesInsert);
    bind_series(s, series);
    s.run();
    series.id = static_cast<int>(db_->last_insert_id());
    save_seasons(*db_, series.id, series.seasons);
    for (Episode e : episodes) {
      e.monitored = series.monitored && season_monitored(series.seasons, e.season_number, true) &&
                    e.monitored;
      e.episode_file_id = 0;
      insert_episode(*db_, series.id, e);
    }
    tx.commit();
  } catch (const DbError& e) {
    return with_context("could not add series: ", e.error);
  }
  return series;
}

Status Library::update_series(const Series& series) {
  std::lock_guard lock(mu_);
  try {
    Transaction tx(*db_);
    Stmt s(*db_, kSeriesUpdate);
    bind_series(s, series);
    s.bind(36, series.id);
    s.run();
    if (db_->changes() == 0) return not_found_error("series " + std::to_string(series.id) + " not found");
    // Season monitoring cascades to the season's episodes, as in Sonarr.
    auto old = load_seasons(*db_, series.id);
    for (const auto& se : series.seasons) {
      if (season_monitored(old, se.season_number, !se.monitored) == se.monitored) continue;
      Stmt m(*db_, "UPDATE episodes SET monitored=?1 WHERE series_id=?2 AND season_number=?3");
      m.bind(1, se.monitored).bind(2, series.id).bind(3, se.season_number).run();
    }
    save_seasons(*db_, series.id, series.seasons);
    tx.commit();
  } catch (const DbError& e) {
    return with_context("could not update series: ", e.error);
  }
  return ok_status();
}

Status Library::refresh_series(const Series& meta, const std::vector<Episode>& episodes) {
  std::lock_guard lock(mu_);
  try {
    Transaction tx(*db_);
    Stmt s(*db_, kSeriesUpdate);
    bind_series(s, meta);
    s.bind(36, meta.id);
    s.run();
    if (db_->changes() == 0) return not_found_error("series " + std::to_string(meta.id) + " not found");
    auto seasons = load_seasons(*db_, meta.id);
    std::map<std::pair<int, int>, Episode> existing;
    {
      Stmt q(*db_, std::string("SELECT ") + kEpisodeColumns + " FROM episodes e WHERE series_id=?1");
      q.bind(1, meta.id);
      while (q.step()) {
        Episode e = read_episode(q);
        existing[{e.season_number, e.episode_number}] = e;
      }
    }
    for (const auto& e : episodes) {
      auto it = existing.find({e.season_number, e.episode_number});
      if (it == existing.end()) {
        Episode n = e;
        bool known = std::any_of(seasons.begin(), seasons.end(),
                                 [&](const Season& x) { return x.season_number == e.season_number; });
        bool new_ok = meta.monitored && meta.monitor_new_items == "all";
        n.monitored = known ? meta.monitored && season_monitored(seasons, e.season_number, true) : new_ok;
        n.episode_file_id = 0;
        insert_episode(*db_, meta.id, n);
        if (!known) seasons.push_back({e.season_number, new_ok});
        continue;
      }
      Stmt u(*db_,
             "UPDATE episodes SET tvmaze_id=?1, tvdb_id=?2, absolute_episode_number=?3, title=?4, "
             "overview=?5, air_date=?6, air_date_utc=?7, runtime=?8, finale_type=?9, image_url=?10 "
             "WHERE id=?11");
      u.bind(1, e.tvmaze_id).bind(2, e.tvdb_id).bind(3, e.absolute_episode_number).bind(4, e.title);
      u.bind(5, e.overview).bind(6, e.air_date).bind(7, e.air_date_utc).bind(8, e.runtime);
      u.bind(9, e.finale_type).bind(10, e.image_url).bind(11, it->second.id).run();
      existing.erase(it);
    }
    for (const auto& [key, e] : existing) {
      if (e.episode_file_id != 0) continue;  // keep what is on disk
      Stmt d(*db_, "DELETE FROM episodes WHERE id=?1");
      d.bind(1, e.id).run();
    }
    save_seasons(*db_, meta.id, seasons);
    tx.commit();
  } catch (const DbError& e) {
    return with_context("could not refresh series: ", e.error);
  }
  return ok_status();
}

Status Library::delete_series(int id) {
  std::lock_guard lock(mu_);
  try {
    Transaction tx(*db_);
    Stmt s(*db_, "DELETE FROM series WHERE id=?1");
    s.bind(1, id).run();
    if (db_->changes() == 0) return not_found_error("series " + std::to_string(id) + " not found");
    tx.commit();
  } catch (const DbError& e) {
    return with_context("could not delete series: ", e.error);
  }
  return ok_status();
}

}  // namespace nzbd::pvr
