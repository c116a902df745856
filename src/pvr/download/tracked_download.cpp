// TrackedDownloads: the tracked_downloads table. List-like columns are JSON
// (episode_ids, quality, release, status_messages) so one row is one
// download, readable with sqlite3 when something goes wrong.
#include "pvr/json_read.h"
#include "pvr/download/tracked_download.h"

#include <nlohmann/json.hpp>

#include "pvr/db.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {
using nlohmann::json;

constexpr const char* kColumns =
    "id, download_client_id, download_id, series_id, episode_ids, title, quality, indexer, release, "
    "state, status_messages, grabbed, updated";

// A column written by an older build or by hand may not be valid JSON: it
// reads as empty rather than failing the whole queue.
json parse_or(const std::string& text, json fallback) {
  auto j = json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

json quality_to_json(const QualityModel& q) {
  return {{"id", q.id},           {"name", q.name},   {"source", q.source}, {"resolution", q.resolution},
          {"version", q.version}, {"real", q.real},   {"isRepack", q.is_repack}};
}

QualityModel quality_from_json(const json& j) {
  QualityModel q;
  if (!j.is_object()) return q;
  q.id = json_get_or(j, "id", 0);
  q.name = json_get_or<std::string>(j, "name", "Unknown");
  q.source = json_get_or<std::string>(j, "source", "unknown");
  q.resolution = json_get_or(j, "resolution", 0);
  q.version = json_get_or(j, "version", 1);
  q.real = json_get_or(j, "real", 0);
  q.is_repack = json_get_or(j, "isRepack", false);
  return q;
}

json release_to_json(const ReleaseInfo& r) {
  json j = {{"guid", r.guid},
            {"title", r.title},
            {"size", r.size},
            {"downloadUrl", r.download_url},
            {"infoUrl", r.info_url},
            {"commentUrl", r.comment_url},
            {"indexerId", r.indexer_id},
            {"indexer", r.indexer},
            {"indexerPriority", r.indexer_priority},
            {"publishDate", r.publish_date},
            {"categories", r.categories},
            {"tvdbId", r.tvdb_id},
            {"tvMazeId", r.tvmaze_id},
            {"tvRageId", r.tvrage_id},
            {"imdbId", r.imdb_id},
            {"protocol", r.download_protocol}};
  if (r.grabs) j["grabs"] = *r.grabs;
  if (r.files) j["files"] = *r.files;
  if (r.poster) j["poster"] = *r.poster;
  return j;
}

ReleaseInfo release_from_json(const json& j) {
  ReleaseInfo r;
  if (!j.is_object()) return r;
  r.guid = json_get_or<std::string>(j, "guid", "");
  r.title = json_get_or<std::string>(j, "title", "");
  r.size = json_get_or<std::int64_t>(j, "size", 0);
  r.download_url = json_get_or<std::string>(j, "downloadUrl", "");
  r.info_url = json_get_or<std::string>(j, "infoUrl", "");
  r.comment_url = json_get_or<std::string>(j, "commentUrl", "");
  r.indexer_id = json_get_or(j, "indexerId", 0);
  r.indexer = json_get_or<std::string>(j, "indexer", "");
  r.indexer_priority = json_get_or(j, "indexerPriority", 25);
  r.publish_date = json_get_or<std::string>(j, "publishDate", "");
  r.categories = json_get_or<std::vector<int>>(j, "categories", {});
  r.tvdb_id = json_get_or(j, "tvdbId", 0);
  r.tvmaze_id = json_get_or(j, "tvMazeId", 0);
  r.tvrage_id = json_get_or(j, "tvRageId", 0);
  r.imdb_id = json_get_or<std::string>(j, "imdbId", "");
  if (j.contains("grabs")) r.grabs = json_get_or(j, "grabs", 0);
  if (j.contains("files")) r.files = json_get_or(j, "files", 0);
  if (j.contains("poster")) r.poster = json_get_or<std::string>(j, "poster", "");
  r.download_protocol = json_get_or<std::string>(j, "protocol", "usenet");
  return r;
}

TrackedDownload read_row(const Stmt& s) {
  TrackedDownload d;
  d.id = s.i32(0);
  d.download_client_id = s.i32(1);
  d.download_id = s.text(2);
  d.series_id = s.i32(3);
  d.episode_ids = json_get_or<std::vector<int>>(json{{"v", parse_or(s.text(4), json::array())}}, "v", {});
  d.title = s.text(5);
  d.quality = quality_from_json(parse_or(s.text(6), json::object()));
  d.indexer = s.text(7);
  d.release = release_from_json(parse_or(s.text(8), json::object()));
  d.state = s.text(9);
  d.status_messages =
      json_get_or<std::vector<std::string>>(json{{"v", parse_or(s.text(10), json::array())}}, "v", {});
  d.grabbed = s.text(11);
  d.updated = s.text(12);
  return d;
}

// Binds ?1..?12 in kColumns order without the id.
void bind_row(Stmt& s, const TrackedDownload& d) {
  s.bind(1, d.download_client_id).bind(2, d.download_id).bind(3, d.series_id);
  s.bind(4, json(d.episode_ids).dump()).bind(5, d.title).bind(6, quality_to_json(d.quality).dump());
  s.bind(7, d.indexer).bind(8, release_to_json(d.release).dump()).bind(9, d.state);
  s.bind(10, json(d.status_messages).dump()).bind(11, d.grabbed).bind(12, d.updated);
}

std::vector<TrackedDownload> select(Library& lib, const std::string& where) {
  return lib.with_db([&](Db& db) {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM tracked_downloads " + where + " ORDER BY id");
    std::vector<TrackedDownload> out;
    while (s.step()) out.push_back(read_row(s));
    return out;
  });
}

}  // namespace

std::string release_to_text(const ReleaseInfo& r) { return release_to_json(r).dump(); }
ReleaseInfo release_from_text(const std::string& text) { return release_from_json(parse_or(text, json::object())); }
std::string quality_to_text(const QualityModel& q) { return quality_to_json(q).dump(); }
QualityModel quality_from_text(const std::string& text) { return quality_from_json(parse_or(text, json::object())); }

Result<TrackedDownload> TrackedDownloads::add(TrackedDownload d) {
  if (d.download_id.empty()) return make_error("a tracked download needs the client's download id");
  if (d.grabbed.empty()) d.grabbed = now_utc();
  if (d.updated.empty()) d.updated = d.grabbed;
  try {
    return library_.with_db([&](Db& db) -> Result<TrackedDownload> {
      Stmt s(db,
             "INSERT INTO tracked_downloads (download_client_id, download_id, series_id, episode_ids, "
             "title, quality, indexer, release, state, status_messages, grabbed, updated) "
             "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
      bind_row(s, d);
      s.run();
      d.id = static_cast<int>(db.last_insert_id());
      return d;
    });
  } catch (const DbError&) {
    return make_error("download " + d.download_id + " of download client " +
                      std::to_string(d.download_client_id) + " is already tracked");
  }
}

Status TrackedDownloads::update(const TrackedDownload& in) {
  TrackedDownload d = in;
  d.updated = now_utc();
  try {
    return library_.with_db([&](Db& db) -> Status {
      Stmt s(db,
             "UPDATE tracked_downloads SET download_client_id=?1, download_id=?2, series_id=?3, "
             "episode_ids=?4, title=?5, quality=?6, indexer=?7, release=?8, state=?9, "
             "status_messages=?10, grabbed=?11, updated=?12 WHERE id=?13");
      bind_row(s, d);
      s.bind(13, d.id).run();
      if (db.changes() == 0) return make_error("tracked download " + std::to_string(d.id) + " not found");
      return ok_status();
    });
  } catch (const DbError& e) {
    return make_error(std::string("cannot save tracked download: ") + e.what());
  }
}

std::optional<TrackedDownload> TrackedDownloads::get(int id) {
  auto rows = select(library_, "WHERE id=" + std::to_string(id));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<TrackedDownload> TrackedDownloads::find(int download_client_id, const std::string& download_id) {
  return library_.with_db([&](Db& db) -> std::optional<TrackedDownload> {
    Stmt s(db, std::string("SELECT ") + kColumns +
                   " FROM tracked_downloads WHERE download_client_id=?1 AND download_id=?2");
    s.bind(1, download_client_id).bind(2, download_id);
    if (!s.step()) return std::nullopt;
    return read_row(s);
  });
}

std::vector<TrackedDownload> TrackedDownloads::active() {
  return select(library_, "WHERE state NOT IN ('imported','failed','ignored')");
}

std::vector<TrackedDownload> TrackedDownloads::all() { return select(library_, ""); }

Status TrackedDownloads::remove(int id) {
  return library_.with_db([&](Db& db) -> Status {
    Stmt s(db, "DELETE FROM tracked_downloads WHERE id=?1");
    s.bind(1, id).run();
    if (db.changes() == 0) return make_error("tracked download " + std::to_string(id) + " not found");
    return ok_status();
  });
}

}  // namespace nzbd::pvr
