// The SQLite implementation of History. One connection guarded by a mutex:
// the API threads and the post-processor share it.
#pragma once

#include <functional>
#include <mutex>
#include <unordered_map>

#include "history/history.h"
#include "sql/sql.h"

namespace nzbd::history {

class SqliteHistory final : public History {
 public:
  explicit SqliteHistory(sql::Db db) : db_(std::move(db)) {}

  Status put(const Entry& entry) override;
  Result<Entry> get(const std::string& nzo_id) override;
  Result<Page> query(const Query& q) override;
  Status remove(const std::vector<std::string>& nzo_ids, bool archive) override;
  Result<Totals> totals() override;
  int64_t last_update() override;
  Result<int64_t> prune(const Retention& rule, int64_t now) override;  // retention.cpp
  bool has_job_named(const std::string& name) override;
  bool has_duplicate_key(const std::string& key) override;
  Status add_server_bytes(const std::string& server, int64_t bytes, int64_t articles_tried,
                          int64_t articles_ok) override;
  Result<std::vector<std::pair<std::string, ServerStats>>> server_stats() override;
  std::string memo(const std::string& key, const std::function<std::string()>& make) override;

 private:
  // Bumps the change counter inside the caller's transaction.
  Status bump_change_counter();
  // Whether a row matches (has_job_named, has_duplicate_key).
  bool exists(const char* statement, const std::string& value);

  std::mutex mutex_;
  sql::Db db_;
  // memo(): answers made since the last change, and how many changes there were.
  uint64_t changes_seen_ = 0;
  int64_t known_seq_ = -1;  // the change counter as last read; -1 after a change
  std::unordered_map<std::string, std::string> memo_;
};

// stage_log <-> JSON text (stage_log.cpp, the one place that uses nlohmann::json).
std::string stage_log_to_json(const std::vector<StageLog>& log);
std::vector<StageLog> stage_log_from_json(const std::string& text);

// Local-time period starts for totals (periods.cpp).
struct PeriodStarts {
  int64_t day, week, month;              // epoch seconds of local midnight
  std::string day_date, week_date, month_date;  // the same as "YYYY-MM-DD"
};
PeriodStarts period_starts(int64_t now);
std::string local_date(int64_t epoch);

}  // namespace nzbd::history
