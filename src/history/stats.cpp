// Byte totals: the history sizes (day/week/month/total of finished jobs) and
// the per-server daily counters behind server_stats.
#include <ctime>
#include <map>

#include "history/store.h"

namespace nzbd::history {

Result<Totals> SqliteHistory::totals() {
  PeriodStarts p = period_starts(static_cast<int64_t>(std::time(nullptr)));
  std::lock_guard lock(mutex_);
  sql::Stmt st(db_,
               "SELECT COALESCE(SUM(bytes), 0),"
               " COALESCE(SUM(CASE WHEN completed >= ?1 THEN bytes END), 0),"
               " COALESCE(SUM(CASE WHEN completed >= ?2 THEN bytes END), 0),"
               " COALESCE(SUM(CASE WHEN completed >= ?3 THEN bytes END), 0)"
               " FROM history WHERE loaded = 0");
  st.bind(1, p.month).bind(2, p.week).bind(3, p.day);
  Totals t;
  auto row = st.next();
  if (!row) return with_context("history: cannot add up sizes: ", row.error());
  if (*row) {
    t.total = st.i64(0);
    t.month = st.i64(1);
    t.week = st.i64(2);
    t.day = st.i64(3);
  }
  return t;
}

Status SqliteHistory::add_server_bytes(const std::string& server, int64_t bytes, int64_t articles_tried,
                                       int64_t articles_ok) {
  if (server.empty()) return invalid_error("server statistics without a server name");
  std::string date = local_date(static_cast<int64_t>(std::time(nullptr)));
  std::lock_guard lock(mutex_);
  sql::Stmt st(db_,
               "INSERT INTO server_stats (server, date, bytes, tried, ok) VALUES (?1, ?2, ?3, ?4, ?5)"
               " ON CONFLICT(server, date) DO UPDATE SET bytes = bytes + excluded.bytes,"
               " tried = tried + excluded.tried, ok = ok + excluded.ok");
  st.bind(1, server).bind(2, date).bind(3, bytes).bind(4, articles_tried).bind(5, articles_ok);
  if (auto done = st.execute(); !done) return with_context("history: cannot count bytes of " + server + ": ", done.error());
  return ok_status();
}

Result<std::vector<std::pair<std::string, History::ServerStats>>> SqliteHistory::server_stats() {
  PeriodStarts p = period_starts(static_cast<int64_t>(std::time(nullptr)));
  std::map<std::string, ServerStats> by_server;
  {
    std::lock_guard lock(mutex_);
    sql::Stmt st(db_, "SELECT server, date, bytes, tried, ok FROM server_stats ORDER BY server, date");
    for (;;) {
      auto row = st.next();
      if (!row) return with_context("history: cannot read server statistics: ", row.error());
      if (!*row) break;
      ServerStats& s = by_server[st.text(0)];
      std::string date = st.text(1);
      int64_t bytes = st.i64(2);
      s.daily.emplace_back(date, bytes);
      s.articles_tried.emplace_back(date, st.i64(3));
      s.articles_success.emplace_back(date, st.i64(4));
      s.totals.total += bytes;
      // ISO dates compare as strings.
      if (date >= p.month_date) s.totals.month += bytes;
      if (date >= p.week_date) s.totals.week += bytes;
      if (date >= p.day_date) s.totals.day += bytes;
    }
  }
  return std::vector<std::pair<std::string, ServerStats>>(by_server.begin(), by_server.end());
}

}  // namespace nzbd::history
