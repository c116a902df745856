// IndexerStore, status half: Sonarr's ProviderStatusServiceBase for
// indexers (escalating back-off), the caps cache and the RSS sync marker.
#include <algorithm>

#include "pvr/db.h"
#include "pvr/indexer/indexer_store.h"
#include "pvr/library.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {

namespace {

constexpr int kMaxLevel = static_cast<int>(std::size(kEscalationBackOff)) - 1;
constexpr std::time_t kStartupGrace = 15 * 60;

constexpr const char* kStatusColumns =
    "indexer_id, initial_failure, most_recent_failure, escalation_level, disabled_till, last_error";

IndexerStatus read_status(const Stmt& s) {
  IndexerStatus st;
  st.indexer_id = s.i32(0);
  st.initial_failure = s.opt_text(1);
  st.most_recent_failure = s.opt_text(2);
  st.escalation_level = std::clamp(s.i32(3), 0, kMaxLevel);
  st.disabled_till = s.opt_text(4);
  st.last_error = s.text(5);
  return st;
}

IndexerStatus load(Db& db, int id) {
  Stmt s(db, std::string("SELECT ") + kStatusColumns + " FROM indexer_status WHERE indexer_id=?1");
  s.bind(1, id);
  if (s.step()) return read_status(s);
  IndexerStatus st;
  st.indexer_id = id;
  return st;
}

bool indexer_exists(Db& db, int id) {
  Stmt s(db, "SELECT 1 FROM indexers WHERE id=?1");
  s.bind(1, id);
  return s.step();
}

// Upserts the failure columns only, so caps and the RSS marker survive.
void save(Db& db, const IndexerStatus& st) {
  Stmt s(db,
         "INSERT INTO indexer_status (indexer_id, initial_failure, most_recent_failure, escalation_level, "
         "disabled_till, last_error) VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT(indexer_id) DO UPDATE SET "
         "initial_failure=excluded.initial_failure, most_recent_failure=excluded.most_recent_failure, "
         "escalation_level=excluded.escalation_level, disabled_till=excluded.disabled_till, "
         "last_error=excluded.last_error");
  s.bind(1, st.indexer_id)
      .bind(2, st.initial_failure)
      .bind(3, st.most_recent_failure)
      .bind(4, st.escalation_level)
      .bind(5, st.disabled_till)
      .bind(6, st.last_error)
      .run();
}

// Makes sure a status row exists (for the caps and RSS columns).
void ensure_row(Db& db, int id) {
  Stmt s(db, "INSERT OR IGNORE INTO indexer_status (indexer_id) VALUES (?1)");
  s.bind(1, id).run();
}

}  // namespace

bool IndexerStatus::is_disabled(std::time_t now) const {
  if (!disabled_till) return false;
  auto till = parse_utc(*disabled_till);
  return till && *till > now;
}

IndexerStatus IndexerStore::status(int id) {
  return library_.with_db([id](Db& db) { return load(db, id); });
}

std::vector<IndexerStatus> IndexerStore::statuses() {
  return library_.with_db([](Db& db) {
    Stmt s(db, std::string("SELECT ") + kStatusColumns + " FROM indexer_status ORDER BY indexer_id");
    std::vector<IndexerStatus> out;
    while (s.step()) out.push_back(read_status(s));
    return out;
  });
}

bool IndexerStore::is_disabled(int id, std::time_t now) { return status(id).is_disabled(now); }

void IndexerStore::record_success(int id) {
  if (id <= 0) return;
  library_.with_db([id](Db& db) {
    IndexerStatus st = load(db, id);
    if (st.escalation_level == 0) return;
    st.escalation_level--;
    st.disabled_till.reset();
    save(db, st);
  });
}

void IndexerStore::record_failure(int id, const std::string& message, std::chrono::seconds minimum_backoff,
                                  bool escalate, std::time_t now) {
  if (id <= 0) return;
  const std::time_t started = started_;
  library_.with_db([&](Db& db) {
    if (!indexer_exists(db, id)) return;
    IndexerStatus st = load(db, id);
    st.most_recent_failure = format_utc(now);
    st.last_error = message.substr(0, 1000);
    if (st.escalation_level == 0) {
      st.initial_failure = format_utc(now);
      st.escalation_level = 1;
      escalate = false;  // the first failure is level 1 whatever its kind
    }
    const bool in_startup_grace = started + kStartupGrace > now;
    if (escalate && !in_startup_grace) st.escalation_level = std::min(kMaxLevel, st.escalation_level + 1);
    const long long min_backoff = minimum_backoff.count();
    if (min_backoff > 0)
      while (st.escalation_level < kMaxLevel && kEscalationBackOff[st.escalation_level] < min_backoff)
        st.escalation_level++;
    long long period = kEscalationBackOff[st.escalation_level];
    // A short stay after startup: a flaky network at boot should not park
    // an indexer for hours (unless the indexer itself asked for the pause).
    if (in_startup_grace && min_backoff == 0) period = std::min<long long>(period, kEscalationBackOff[2]);
    st.disabled_till = format_utc(now + static_cast<std::time_t>(period));
    save(db, st);
  });
}

std::optional<std::string> IndexerStore::cached_caps(int id, std::chrono::seconds max_age, std::time_t now) {
  if (id <= 0) return std::nullopt;
  return library_.with_db([&](Db& db) -> std::optional<std::string> {
    Stmt s(db, "SELECT caps, caps_fetched FROM indexer_status WHERE indexer_id=?1");
    s.bind(1, id);
    if (!s.step() || s.is_null(0) || s.is_null(1)) return std::nullopt;
    auto fetched = parse_utc(s.text(1));
    if (!fetched || *fetched + max_age.count() < now || *fetched > now + 60) return std::nullopt;
    return s.text(0);
  });
}

void IndexerStore::store_caps(int id, const std::string& xml, std::time_t now) {
  if (id <= 0) return;
  library_.with_db([&](Db& db) {
    if (!indexer_exists(db, id)) return;
    ensure_row(db, id);
    Stmt s(db, "UPDATE indexer_status SET caps=?1, caps_fetched=?2 WHERE indexer_id=?3");
    s.bind(1, xml).bind(2, format_utc(now)).bind(3, id).run();
  });
}

std::optional<RssMarker> IndexerStore::rss_marker(int id) {
  if (id <= 0) return std::nullopt;
  return library_.with_db([id](Db& db) -> std::optional<RssMarker> {
    Stmt s(db, "SELECT last_rss_download_url, last_rss_publish_date FROM indexer_status WHERE indexer_id=?1");
    s.bind(1, id);
    if (!s.step() || s.is_null(0) || s.is_null(1)) return std::nullopt;
    return RssMarker{s.text(0), s.text(1)};
  });
}

void IndexerStore::store_rss_marker(int id, const RssMarker& marker) {
  if (id <= 0) return;
  library_.with_db([&](Db& db) {
    if (!indexer_exists(db, id)) return;
    ensure_row(db, id);
    Stmt s(db, "UPDATE indexer_status SET last_rss_download_url=?1, last_rss_publish_date=?2 WHERE indexer_id=?3");
    s.bind(1, marker.download_url).bind(2, marker.publish_date).bind(3, id).run();
  });
}

}  // namespace nzbd::pvr
