// Library: episodes, calendar, missing and episode files.
#include <algorithm>

#include "pvr/db.h"
#include "pvr/library.h"
#include "pvr/library_detail.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
using namespace libdb;

namespace {
std::vector<Episode> read_episodes(Stmt& s) {
  std::vector<Episode> out;
  while (s.step()) out.push_back(read_episode(s));
  return out;
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}
}  // namespace

Result<std::vector<Episode>> Library::episodes_for_series(int series_id, std::optional<int> season) {
  std::lock_guard lock(mu_);
  return guarded("could not read episodes: ", [&] {
    Stmt s(*db_, std::string("SELECT ") + kEpisodeColumns +
                     " FROM episodes e WHERE series_id=?1 AND (?2 IS NULL OR season_number=?2)"
                     " ORDER BY season_number, episode_number");
    s.bind(1, series_id).bind(2, season);
    return read_episodes(s);
  });
}

Result<std::vector<Episode>> Library::episodes_by_ids(const std::vector<int>& ids) {
  if (ids.empty()) return std::vector<Episode>{};
  std::lock_guard lock(mu_);
  return guarded("could not read episodes: ", [&] {
    std::vector<Episode> out;
    // Chunked to stay under SQLite's parameter limit whatever the client sends.
    for (std::size_t start = 0; start < ids.size(); start += 500) {
      std::size_t n = std::min<std::size_t>(500, ids.size() - start);
      Stmt s(*db_, std::string("SELECT ") + kEpisodeColumns + " FROM episodes e WHERE id IN (" +
                       placeholders(n) + ") ORDER BY series_id, season_number, episode_number");
      for (std::size_t i = 0; i < n; ++i) s.bind(static_cast<int>(i + 1), ids[start + i]);
      auto part = read_episodes(s);
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  });
}

Result<std::vector<Episode>> Library::episodes_for_file(int episode_file_id) {
  std::lock_guard lock(mu_);
  return guarded("could not read episodes: ", [&] {
    Stmt s(*db_, std::string("SELECT ") + kEpisodeColumns +
                     " FROM episodes e WHERE episode_file_id=?1 ORDER BY season_number, episode_number");
    s.bind(1, episode_file_id);
    return read_episodes(s);
  });
}

Result<Episode> Library::get_episode(int id) {
  auto v = episodes_by_ids({id});
  if (!v) return v.error();
  if (v->empty()) return not_found_error("episode " + std::to_string(id) + " not found");
  return v->front();
}

Status Library::set_episodes_monitored(const std::vector<int>& ids, bool monitored) {
  std::lock_guard lock(mu_);
  try {
    Transaction tx(*db_);
    Stmt s(*db_, "UPDATE episodes SET monitored=?1 WHERE id=?2");
    for (int id : ids) {
      s.reset();
      s.bind(1, monitored).bind(2, id).run();
      if (db_->changes() == 0) return not_found_error("episode " + std::to_string(id) + " not found");
    }
    tx.commit();
  } catch (const DbError& e) {
    return with_context("could not update episodes: ", e.error);
  }
  return ok_status();
}

Result<std::vector<Episode>> Library::calendar(const EpisodeQuery& q) {
  std::lock_guard lock(mu_);
  return guarded("could not read the calendar: ", [&] {
  Stmt s(*db_, std::string("SELECT ") + kEpisodeColumns +
                   " FROM episodes e JOIN series s ON s.id=e.series_id"
                   " WHERE e.air_date_utc IS NOT NULL"
                   " AND (?1 IS NULL OR e.air_date_utc >= ?1) AND (?2 IS NULL OR e.air_date_utc <= ?2)"
                   " AND (?3 OR (e.monitored AND s.monitored))"
                   " ORDER BY e.air_date_utc, e.series_id, e.season_number, e.episode_number");
  s.bind(1, q.from_utc).bind(2, q.to_utc).bind(3, q.include_unmonitored);
  return read_episodes(s);
  });
}

Result<Page<Episode>> Library::missing(const PageRequest& page, bool monitored, const std::string& now) {
  std::lock_guard lock(mu_);
  return guarded("could not list missing episodes: ", [&] {
  const std::string where =
      " FROM episodes e JOIN series s ON s.id=e.series_id"
      " WHERE e.episode_file_id=0 AND e.air_date_utc IS NOT NULL AND e.air_date_utc <= ?1"
      " AND e.season_number > 0"
      " AND ((e.monitored AND s.monitored) = ?2)";
  Page<Episode> out;
  {
    Stmt c(*db_, "SELECT COUNT(*)" + where);
    c.bind(1, now).bind(2, monitored);
    if (c.step()) out.total = c.i32(0);
  }
  // Sort keys as clients send them ("episodes.airDateUtc", "series.sortTitle", ...).
  std::string key = page.sort_key;
  auto dot = key.rfind('.');
  if (dot != std::string::npos) key = key.substr(dot + 1);
  key = to_lower(key);
  std::string order = "e.air_date_utc";
  if (key == "sorttitle" || key == "seriestitle") order = "s.sort_title";
  else if (key == "title") order = page.sort_key.rfind("series", 0) == 0 ? "s.sort_title" : "e.title";
  else if (key == "seasonnumber") order = "e.season_number";
  else if (key == "episodenumber") order = "e.episode_number";
  const char* dir = page.ascending ? " ASC" : " DESC";
  Stmt s(*db_, std::string("SELECT ") + kEpisodeColumns + where + " ORDER BY " + order + dir +
                   ", e.series_id" + dir + ", e.season_number" + dir + ", e.episode_number" + dir +
                   " LIMIT ?3 OFFSET ?4");
  s.bind(1, now).bind(2, monitored).bind(3, page.page_size);
  s.bind(4, static_cast<std::int64_t>(page.page - 1) * page.page_size);
  out.records = read_episodes(s);
  return out;
  });
}

Result<std::vector<EpisodeFile>> Library::files_for_series(int series_id) {
  std::lock_guard lock(mu_);
  return guarded("could not read episode files: ", [&] {
    Stmt s(*db_, std::string("SELECT ") + kFileColumns +
                     " FROM episode_files WHERE series_id=?1 ORDER BY season_number, relative_path");
    s.bind(1, series_id);
    std::vector<EpisodeFile> out;
    while (s.step()) out.push_back(read_file(s));
    return out;
  });
}

Result<std::vector<EpisodeFile>> Library::files_by_ids(const std::vector<int>& ids) {
  std::lock_guard lock(mu_);
  return guarded("could not read episode files: ", [&] {
    std::vector<EpisodeFile> out;
    Stmt s(*db_, std::string("SELECT ") + kFileColumns + " FROM episode_files WHERE id=?1");
    for (int id : ids) {
      s.reset();
      s.bind(1, id);
      if (s.step()) out.push_back(read_file(s));
    }
    return out;
  });
}

Result<EpisodeFile> Library::get_episode_file(int id) {
  auto v = files_by_ids({id});
  if (!v) return v.error();
  if (v->empty()) return not_found_error("episode file " + std::to_string(id) + " not found");
  return v->front();
}

Result<EpisodeFile> Library::add_episode_file(EpisodeFile f, const std::vector<int>& episode_ids,
                                             std::vector<HistoryEvent> history) {
  std::lock_guard lock(mu_);
  try {
    Transaction tx(*db_);
    if (f.date_added.empty()) f.date_added = now_utc();
    Stmt s(*db_,
           "INSERT INTO episode_files (series_id, season_number, relative_path, path, size, "
           "date_added, scene_name, release_group, quality_id, quality_version, quality_real, "
           "quality_repack, languages) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    s.bind(1, f.series_id).bind(2, f.season_number).bind(3, f.relative_path).bind(4, f.path);
    s.bind(5, f.size).bind(6, f.date_added).bind(7, f.scene_name).bind(8, f.release_group);
    s.bind(9, f.quality_id).bind(10, f.quality_version).bind(11, f.quality_real);
    s.bind(12, f.quality_repack).bind(13, join(f.languages, ','));
    s.run();
    f.id = static_cast<int>(db_->last_insert_id());
    Stmt link(*db_, "UPDATE episodes SET episode_file_id=?1 WHERE id=?2 AND series_id=?3");
    for (int id : episode_ids) {
      link.reset();
      link.bind(1, f.id).bind(2, id).bind(3, f.series_id).run();
      if (db_->changes() == 0)
        return invalid_error("episode " + std::to_string(id) + " is not part of series " +
                             std::to_string(f.series_id));
    }
    for (auto& h : history) {
      h.data.insert(h.data.begin(), {"fileId", std::to_string(f.id)});
      insert_history(std::move(h));
    }
    tx.commit();
  } catch (const DbError& e) {
    return with_context("could not add episode file: ", e.error);
  }
  return f;
}

Status Library::delete_episode_file(int id) {
  std::lock_guard lock(mu_);
  try {
    Transaction tx(*db_);
    Stmt d(*db_, "DELETE FROM episode_files WHERE id=?1");
    d.bind(1, id).run();
    if (db_->changes() == 0) return not_found_error("episode file " + std::to_string(id) + " not found");
    Stmt u(*db_, "UPDATE episodes SET episode_file_id=0 WHERE episode_file_id=?1");
    u.bind(1, id).run();
    tx.commit();
  } catch (const DbError& e) {
    return with_context("could not delete episode file: ", e.error);
  }
  return ok_status();
}

}  // namespace nzbd::pvr
