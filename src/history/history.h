// Finished jobs (SABnzbd's history) in SQLite, WAL mode, so a row survives
// kill -9. Also the per-server download statistics behind server_stats.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "history/job_status.h"
#include "util/result.h"

namespace nzbd::history {

struct StageLog {
  std::string name;                  // "Source", "Download", "Repair", "Unpack", "Script", ...
  std::vector<std::string> actions;
};

// One history slot. Field names follow SABnzbd's history output.
struct Entry {
  std::string nzo_id;
  std::string name;          // job name (folder name)
  std::string nzb_name;      // "name.nzb"
  std::string category = "*";
  std::string pp;            // "", "R", "U", "D"
  std::string script = "None";
  JobStatus status = JobStatus::Queued;
  std::string fail_message;
  std::string storage;       // final folder ("" while post-processing or when failed before placing)
  std::string path;          // the job's incomplete folder
  std::string url;           // for addurl jobs ("" otherwise)
  std::string report;        // "" or "future" (failed URL fetch)
  std::string url_info;
  std::string script_log;    // output of the user script
  std::string script_line;   // last line of it
  std::string password;      // "" = none
  std::string duplicate_key;
  std::string action_line;   // what post-processing is doing now
  std::vector<StageLog> stage_log;
  int64_t bytes = 0;         // downloaded bytes
  int64_t downloaded = 0;
  int64_t completed = 0;     // epoch seconds
  int64_t time_added = 0;
  int64_t download_time = 0; // seconds
  int64_t postproc_time = 0; // seconds
  bool archive = false;      // archived (hidden from the normal list)
  bool loaded = false;       // true while post-processing
  bool retry = false;        // can be retried (failed, and the NZB is kept)
  std::string nzb_path;      // stored NZB for retry ("" when not kept)
};

struct Query {
  int start = 0;
  int limit = 0;                       // 0 = all
  std::string search;                  // case-insensitive substring of name
  std::vector<std::string> categories; // "*" matches the default category
  std::vector<std::string> statuses;
  std::vector<std::string> nzo_ids;
  bool failed_only = false;
  bool archived = false;               // false: normal list, true: archived items
};

struct Page {
  std::vector<Entry> entries;
  int64_t total = 0;                   // rows matching the query without start/limit
  int64_t loaded = 0;                  // of those, rows still post-processing (ppslots)
};

struct Totals {
  int64_t day = 0, week = 0, month = 0, total = 0;  // downloaded bytes
};

// SABnzbd's history_retention_option / _number: which Completed rows are
// archived or deleted after each job (Failed rows always stay).
struct Retention {
  enum class Keep { All, Newest, Days, None };
  Keep keep = Keep::All;
  bool archive = true;      // archive (hide) instead of delete
  int64_t number = 0;       // Newest: rows kept; Days: age in days
};
// From the option text ("all", "number-archive", "days-delete", "all-archive",
// ...) and number, or the legacy history_retention ("30d", "10", "-1") when the
// option is "all" and the legacy value is set.
Retention parse_retention(const std::string& option, int64_t number, const std::string& legacy = "");

class History {
 public:
  // Opens (creating or migrating) the database file at db_path (its folder
  // must exist). A write waits up to busy_timeout_ms for another connection's
  // lock, then fails with ErrorKind::Busy.
  static Result<std::unique_ptr<History>> open(const std::filesystem::path& db_path, int busy_timeout_ms = 5000);
  virtual ~History() = default;

  // Failures carry the database's kind (Busy, Corrupt, Io...); get() answers
  // NotFound for an unknown id.
  // Inserts or replaces the row of entry.nzo_id.
  virtual Status put(const Entry& entry) = 0;
  virtual Result<Entry> get(const std::string& nzo_id) = 0;
  virtual Result<Page> query(const Query& q) = 0;
  // Archive (archive=true) or delete rows; ids may be "all", "failed", "completed".
  virtual Status remove(const std::vector<std::string>& nzo_ids, bool archive) = 0;
  virtual Result<Totals> totals() = 0;
  // Changes on every put/remove (SABnzbd's last_history_update); 0 when it
  // cannot be read, which makes a poller ask for the full list.
  virtual int64_t last_update() = 0;
  // A derived answer (an API page, say) for `key`: made by `make` once and kept
  // until the history next changes. Without a memo, simply make().
  virtual std::string memo(const std::string& key, const std::function<std::string()>& make) { return make(); }
  // Whether a row with this name (ASCII case ignored) or this duplicate_key
  // did not fail, archived rows too: SABnzbd's duplicate checks. A database
  // that cannot be read answers false: a duplicate check must not stop a job.
  virtual bool has_job_named(const std::string& name) { return false; }
  virtual bool has_duplicate_key(const std::string& key) { return false; }
  // Archives or deletes the Completed rows the rule does not keep; returns how many.
  virtual Result<int64_t> prune(const Retention& rule, int64_t now) = 0;

  // Server statistics: bytes per server per day (YYYY-MM-DD, local time).
  virtual Status add_server_bytes(const std::string& server, int64_t bytes, int64_t articles_tried,
                                  int64_t articles_ok) = 0;
  struct ServerStats {
    Totals totals;
    std::vector<std::pair<std::string, int64_t>> daily;  // date -> bytes
    std::vector<std::pair<std::string, int64_t>> articles_tried, articles_success;
  };
  virtual Result<std::vector<std::pair<std::string, ServerStats>>> server_stats() = 0;
};

}  // namespace nzbd::history
