#include "pvr/decision/pending_releases.h"

#include <algorithm>
#include <set>

#include "pvr/db.h"
#include "pvr/decision/upgradable.h"
#include "pvr/download/tracked_download.h"
#include "pvr/library_detail.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
using namespace libdb;

namespace {

constexpr const char* kColumns = "id, series_id, episode_ids, title, added, reason, quality, release";

PendingRelease read_row(const Stmt& s) {
  PendingRelease p;
  p.id = s.i32(0);
  p.series_id = s.i32(1);
  p.episode_ids = split_ints(s.text(2));
  p.title = s.text(3);
  p.added = s.text(4);
  p.reason = s.text(5);
  p.quality = quality_from_text(s.text(6));
  p.release = release_from_text(s.text(7));
  return p;
}

bool overlaps(const std::vector<int>& a, const std::vector<int>& b) {
  return std::any_of(a.begin(), a.end(), [&](int x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

std::vector<int> episode_ids_of(const DownloadDecision& d) {
  std::vector<int> ids;
  for (const auto& e : d.remote.episodes) ids.push_back(e.id);
  return ids;
}

void delete_row(Db& db, int id) {
  Stmt s(db, "DELETE FROM pending_releases WHERE id=?1");
  s.bind(1, id).run();
}

}  // namespace

std::vector<PendingRelease> PendingReleases::list() {
  return library_.with_db([](Db& db) {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM pending_releases ORDER BY id");
    std::vector<PendingRelease> out;
    while (s.step()) out.push_back(read_row(s));
    return out;
  });
}

std::optional<PendingRelease> PendingReleases::get(int id) {
  return library_.with_db([&](Db& db) -> std::optional<PendingRelease> {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM pending_releases WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_row(s);
  });
}

Status PendingReleases::add(const DownloadDecision& decision, const std::string& reason) {
  const auto& remote = decision.remote;
  if (!remote.series || remote.episodes.empty() || !remote.parsed) return make_error("the release has no episodes");
  const auto ids = episode_ids_of(decision);
  try {
    library_.with_db([&](Db& db) {
      Transaction tx(db);
      Stmt find(db, std::string("SELECT ") + kColumns + " FROM pending_releases WHERE series_id=?1");
      find.bind(1, remote.series->id);
      std::optional<PendingRelease> same;
      while (find.step()) {
        auto p = read_row(find);
        if (overlaps(p.episode_ids, ids) && p.title == remote.release.title &&
            p.release.publish_date == remote.release.publish_date && p.release.indexer == remote.release.indexer)
          same = std::move(p);
      }
      if (same) {
        Stmt s(db, "UPDATE pending_releases SET reason=?1 WHERE id=?2");
        s.bind(1, reason).bind(2, same->id).run();
      } else {
        Stmt s(db,
               "INSERT INTO pending_releases (series_id, episode_ids, title, added, reason, quality, release) "
               "VALUES (?1,?2,?3,?4,?5,?6,?7)");
        s.bind(1, remote.series->id).bind(2, join_ints(ids)).bind(3, remote.release.title).bind(4, now_utc());
        s.bind(5, reason).bind(6, quality_to_text(remote.parsed->quality)).bind(7, release_to_text(remote.release)).run();
      }
      tx.commit();
    });
    return ok_status();
  } catch (const DbError& e) {
    return make_error(std::string("could not store the pending release: ") + e.what());
  }
}

Status PendingReleases::remove(int id) {
  int64_t changed = library_.with_db([&](Db& db) {
    delete_row(db, id);
    return db.changes();
  });
  if (changed == 0) return make_error("Pending release " + std::to_string(id) + " does not exist");
  return ok_status();
}

void PendingReleases::remove_grabbed(const DownloadDecision& grabbed, const QualityProfile& profile) {
  if (!grabbed.remote.series || !grabbed.remote.parsed) return;
  const auto ids = episode_ids_of(grabbed);
  for (const auto& p : list()) {
    if (p.series_id != grabbed.remote.series->id || !overlaps(p.episode_ids, ids)) continue;
    // Only what is not better than the grab goes; a better one is safer retried next sync.
    if (compare_quality(profile, grabbed.remote.parsed->quality, p.quality) >= 0)
      library_.with_db([&](Db& db) { delete_row(db, p.id); });
  }
}

void PendingReleases::remove_rejected(const std::vector<DownloadDecision>& decisions) {
  auto pending = list();
  if (pending.empty()) return;
  for (const auto& d : decisions) {
    if (d.approved() || d.temporarily_rejected()) continue;
    for (const auto& p : pending)
      if (p.title == d.remote.release.title && p.release.indexer_id == d.remote.release.indexer_id &&
          p.release.publish_date == d.remote.release.publish_date)
        library_.with_db([&](Db& db) { delete_row(db, p.id); });
  }
}

std::vector<ReleaseInfo> PendingReleases::to_retry() {
  std::vector<ReleaseInfo> out;
  for (auto& p : list())
    if (p.reason != "fallback") out.push_back(std::move(p.release));
  return out;
}

std::optional<std::string> oldest_pending(const std::vector<PendingRelease>& pending, int series_id,
                                          const std::vector<int>& episode_ids) {
  std::optional<std::string> oldest;
  for (const auto& p : pending) {
    if (p.series_id != series_id || !overlaps(p.episode_ids, episode_ids) || p.release.publish_date.empty()) continue;
    // UTC instants in one format sort as text.
    if (!oldest || p.release.publish_date < *oldest) oldest = p.release.publish_date;
  }
  return oldest;
}

}  // namespace nzbd::pvr
