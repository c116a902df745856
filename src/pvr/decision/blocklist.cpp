#include "pvr/decision/blocklist.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "pvr/db.h"
#include "pvr/decision/quality_json.h"
#include "pvr/library_detail.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
using namespace libdb;

namespace {

constexpr const char* kColumns =
    "b.id, b.series_id, b.episode_ids, b.source_title, b.quality, b.languages, b.date, "
    "b.published_date, b.size, b.protocol, b.indexer, b.message, b.torrent_info_hash";

BlocklistEntry read_entry(const Stmt& s) {
  BlocklistEntry e;
  e.id = s.i32(0);
  e.series_id = s.i32(1);
  e.episode_ids = split_ints(s.text(2));
  e.source_title = s.text(3);
  e.quality = quality_from_db(s.text(4));
  e.languages = split(s.text(5), ',');
  e.date = s.text(6);
  e.published_date = s.opt_text(7);
  if (!s.is_null(8)) e.size = s.i64(8);
  e.protocol = s.text(9);
  e.indexer = s.text(10);
  e.message = s.text(11);
  e.torrent_info_hash = s.opt_text(12);
  return e;
}

bool same_indexer(const BlocklistEntry& e, const std::string& indexer) {
  if (e.indexer.empty()) return true;  // Sonarr: an unknown indexer counts as the same one
  return to_lower(e.indexer) == to_lower(indexer);
}

bool same_published_date(const BlocklistEntry& e, const std::string& published) {
  if (!e.published_date) return true;
  auto a = parse_utc(*e.published_date);
  auto b = parse_utc(published);
  if (!a || !b) return true;
  return std::llabs(static_cast<long long>(*a - *b)) <= 120;
}

bool same_size(const BlocklistEntry& e, std::int64_t size) {
  if (!e.size) return true;
  return std::llabs(static_cast<long long>(*e.size - size)) <= 2LL * 1024 * 1024;
}

bool exact_published_date(const BlocklistEntry& e, const std::string& published) {
  if (!e.published_date) return published.empty();
  auto a = parse_utc(*e.published_date);
  auto b = parse_utc(published);
  if (a && b) return *a == *b;
  return *e.published_date == published;
}

// Whitelisted sort keys; anything else sorts by date like Sonarr's default.
std::string order_column(const std::string& key) {
  if (key == "indexer") return "b.indexer";
  if (key == "series.sortTitle" || key == "series.sorttitle") return "s.sort_title";
  if (key == "sourceTitle" || key == "sourcetitle") return "b.source_title";
  return "b.date";
}

}  // namespace

BlocklistEntry blocklist_entry_for(const RemoteEpisode& remote, std::string message) {
  BlocklistEntry e;
  if (remote.series) e.series_id = remote.series->id;
  for (const auto& ep : remote.episodes) e.episode_ids.push_back(ep.id);
  e.source_title = remote.release.title;
  if (remote.parsed) {
    e.quality = remote.parsed->quality;
    e.languages = remote.parsed->languages;
  }
  if (!remote.release.publish_date.empty()) e.published_date = remote.release.publish_date;
  if (remote.release.size > 0) e.size = remote.release.size;
  e.protocol = remote.release.download_protocol;
  e.indexer = remote.release.indexer;
  e.message = std::move(message);
  return e;
}

bool Blocklist::contains(int series_id, const std::string& title, const std::string& publish_date,
                         const std::string& indexer, std::int64_t size) {
  ReleaseInfo r;
  r.title = title;
  r.publish_date = publish_date;
  r.indexer = indexer;
  r.size = size;
  return contains(series_id, r);
}

Result<BlocklistEntry> Blocklist::add(BlocklistEntry e) {
  if (e.date.empty()) e.date = now_utc();
  try {
    return library_.with_db([&](Db& db) -> Result<BlocklistEntry> {
      Stmt s(db,
             "INSERT INTO blocklist (series_id, episode_ids, source_title, quality, languages, date, "
             "published_date, size, protocol, indexer, message, torrent_info_hash) "
             "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
      s.bind(1, e.series_id).bind(2, join_ints(e.episode_ids)).bind(3, e.source_title);
      s.bind(4, quality_to_db(e.quality)).bind(5, join(e.languages, ',')).bind(6, e.date);
      s.bind(7, e.published_date).bind(8, e.size).bind(9, e.protocol).bind(10, e.indexer);
      s.bind(11, e.message).bind(12, e.torrent_info_hash).run();
      e.id = static_cast<int>(db.last_insert_id());
      return e;
    });
  } catch (const DbError& err) {
    return make_error(std::string("could not blocklist the release: ") + err.what());
  }
}

std::vector<BlocklistEntry> Blocklist::for_series(int series_id) {
  return library_.with_db([&](Db& db) {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM blocklist b WHERE b.series_id=?1 ORDER BY b.id");
    s.bind(1, series_id);
    std::vector<BlocklistEntry> out;
    while (s.step()) out.push_back(read_entry(s));
    return out;
  });
}

bool Blocklist::contains(int series_id, const ReleaseInfo& release) {
  if (release.title.empty()) return false;
  // Sonarr's BlocklistedByTitle is SourceTitle LIKE '%title%'; instr() keeps
  // '%' and '_' in a title from acting as wildcards.
  auto rows = library_.with_db([&](Db& db) {
    Stmt s(db, std::string("SELECT ") + kColumns +
                   " FROM blocklist b WHERE b.series_id=?1 AND instr(lower(b.source_title), lower(?2)) > 0");
    s.bind(1, series_id).bind(2, release.title);
    std::vector<BlocklistEntry> out;
    while (s.step()) out.push_back(read_entry(s));
    return out;
  });
  for (const auto& e : rows) {
    if (e.protocol != release.download_protocol) continue;
    if (release.download_protocol == "torrent") {
      // Without an info hash in ReleaseInfo, the indexer decides (as Sonarr does).
      if (same_indexer(e, release.indexer)) return true;
      continue;
    }
    if (exact_published_date(e, release.publish_date)) return true;
    if (!same_indexer(e, release.indexer) && same_published_date(e, release.publish_date) &&
        same_size(e, release.size))
      return true;
  }
  return false;
}

Page<BlocklistEntry> Blocklist::list(const PageRequest& page, const BlocklistFilter& filter) {
  std::string where = " WHERE 1=1";
  if (!filter.series_ids.empty()) where += " AND b.series_id IN (" + join_ints(filter.series_ids) + ")";
  if (!filter.protocols.empty()) {
    where += " AND b.protocol IN (";
    for (std::size_t i = 0; i < filter.protocols.size(); ++i) where += (i ? ",?" : "?") + std::to_string(i + 1);
    where += ")";
  }
  auto bind_protocols = [&](Stmt& s) {
    for (std::size_t i = 0; i < filter.protocols.size(); ++i) s.bind(static_cast<int>(i + 1), filter.protocols[i]);
  };
  const std::string dir = page.ascending ? " ASC" : " DESC";
  const int n = static_cast<int>(filter.protocols.size());
  return library_.with_db([&](Db& db) {
    Page<BlocklistEntry> out;
    {
      Stmt c(db, "SELECT COUNT(*) FROM blocklist b" + where);
      bind_protocols(c);
      if (c.step()) out.total = c.i32(0);
    }
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM blocklist b LEFT JOIN series s ON s.id=b.series_id" +
                   where + " ORDER BY " + order_column(page.sort_key) + dir + ", b.id" + dir + " LIMIT ?" +
                   std::to_string(n + 1) + " OFFSET ?" + std::to_string(n + 2));
    bind_protocols(s);
    s.bind(n + 1, page.page_size);
    s.bind(n + 2, static_cast<std::int64_t>(std::max(1, page.page) - 1) * page.page_size);
    while (s.step()) out.records.push_back(read_entry(s));
    return out;
  });
}

std::optional<BlocklistEntry> Blocklist::get(int id) {
  return library_.with_db([&](Db& db) -> std::optional<BlocklistEntry> {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM blocklist b WHERE b.id=?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_entry(s);
  });
}

Status Blocklist::remove(int id) {
  int64_t changed = library_.with_db([&](Db& db) {
    Stmt s(db, "DELETE FROM blocklist WHERE id=?1");
    s.bind(1, id).run();
    return db.changes();
  });
  if (changed == 0) return make_error("Blocklist item " + std::to_string(id) + " does not exist");
  return ok_status();
}

int Blocklist::remove_many(const std::vector<int>& ids) {
  return library_.with_db([&](Db& db) {
    Transaction tx(db);
    int removed = 0;
    Stmt s(db, "DELETE FROM blocklist WHERE id=?1");
    for (int id : ids) {
      s.reset();
      s.bind(1, id).run();
      removed += static_cast<int>(db.changes());  // 0 or 1 per id
    }
    tx.commit();
    return removed;
  });
}

void Blocklist::clear() {
  library_.with_db([](Db& db) { exec(db, "DELETE FROM blocklist"); });
}

}  // namespace nzbd::pvr
