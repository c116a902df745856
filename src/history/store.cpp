#include "history/store.h"

#include <algorithm>

#include "history/schema.h"

namespace nzbd::history {
namespace {

// Column order shared by put (binds) and row reads (indices).
constexpr const char* kColumns =
    "nzo_id, name, nzb_name, category, pp, script, status, fail_message, storage, path, url, report, "
    "url_info, script_log, script_line, password, duplicate_key, action_line, stage_log, bytes, "
    "downloaded, completed, time_added, download_time, postproc_time, archive, loaded, retry, nzb_path";
constexpr int kColumnCount = 29;

// Long id lists from a request are cut here; SQLite's variable limit is far above.
constexpr size_t kMaxListItems = 1000;

void bind_entry(sql::Stmt& st, const Entry& e) {
  const std::string status(status_text(e.status));
  const std::string* texts[] = {&e.nzo_id,   &e.name,          &e.nzb_name,     &e.category,   &e.pp,
                                &e.script,   &status,          &e.fail_message, &e.storage,    &e.path,
                                &e.url,      &e.report,        &e.url_info,     &e.script_log, &e.script_line,
                                &e.password, &e.duplicate_key, &e.action_line};
  int i = 1;
  for (const auto* t : texts) st.bind(i++, *t);
  st.bind(i++, stage_log_to_json(e.stage_log));
  for (int64_t v : {e.bytes, e.downloaded, e.completed, e.time_added, e.download_time, e.postproc_time,
                    int64_t{e.archive}, int64_t{e.loaded}, int64_t{e.retry}})
    st.bind(i++, v);
  st.bind(i++, e.nzb_path);
}

Entry read_entry(const sql::Stmt& st) {
  Entry e;
  std::string status;
  std::string* texts[] = {&e.nzo_id,   &e.name,          &e.nzb_name,     &e.category,   &e.pp,
                          &e.script,   &status,          &e.fail_message, &e.storage,    &e.path,
                          &e.url,      &e.report,        &e.url_info,     &e.script_log, &e.script_line,
                          &e.password, &e.duplicate_key, &e.action_line};
  int i = 0;
  for (auto* t : texts) *t = st.text(i++);
  // Only this code writes the column; any other text (a hand-edited file) is
  // shown as a failure the user can retry or delete, not as a running job.
  e.status = parse_job_status(status).value_or(JobStatus::Failed);
  e.stage_log = stage_log_from_json(st.text(i++));
  for (int64_t* v : {&e.bytes, &e.downloaded, &e.completed, &e.time_added, &e.download_time, &e.postproc_time})
    *v = st.i64(i++);
  e.archive = st.boolean(i++);
  e.loaded = st.boolean(i++);
  e.retry = st.boolean(i++);
  e.nzb_path = st.text(i++);
  return e;
}

std::string placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

// LIKE pattern for a substring search; '\' escapes the wildcards.
std::string like_pattern(const std::string& search) {
  std::string p = "%";
  for (char c : search) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

// WHERE clause of a Query plus its bind values, in order.
struct Filter {
  std::string where;
  std::vector<std::string> values;

  void add_in(const char* column, const std::vector<std::string>& list) {
    size_t n = std::min(list.size(), kMaxListItems);
    where += std::string(" AND ") + column + " IN (" + placeholders(n) + ")";
    values.insert(values.end(), list.begin(), list.begin() + static_cast<std::ptrdiff_t>(n));
  }
};

Filter make_filter(const Query& q) {
  Filter f;
  f.where = q.archived ? "archive = 1" : "archive = 0";
  if (!q.search.empty()) {
    f.where += " AND name LIKE ? ESCAPE '\\'";
    f.values.push_back(like_pattern(q.search));
  }
  if (!q.categories.empty()) f.add_in("category", q.categories);
  if (!q.statuses.empty()) f.add_in("status", q.statuses);
  if (!q.nzo_ids.empty()) f.add_in("nzo_id", q.nzo_ids);
  if (q.failed_only) f.where += " AND status = 'Failed'";
  return f;
}

void bind_values(sql::Stmt& st, const std::vector<std::string>& values, int first = 1) {
  for (size_t i = 0; i < values.size(); ++i) st.bind(first + static_cast<int>(i), values[i]);
}

}  // namespace

Result<std::unique_ptr<History>> History::open(const std::filesystem::path& db_path, int busy_timeout_ms) {
  sql::Options options;
  options.busy_timeout_ms = busy_timeout_ms;
  auto db = sql::Db::open(db_path, options);
  if (!db) return db.error();
  if (auto st = prepare_database(*db); !st)
    return with_context("History database " + db_path.string() + ": ", st.error());
  return std::unique_ptr<History>(std::make_unique<SqliteHistory>(std::move(*db)));
}

Status SqliteHistory::bump_change_counter() {
  ++changes_seen_;
  memo_.clear();
  known_seq_ = -1;  // read again: the transaction may still roll back
  sql::Stmt st(db_, "UPDATE changes SET seq = seq + 1 WHERE id = 1");
  return st.execute();
}

std::string SqliteHistory::memo(const std::string& key, const std::function<std::string()>& make) {
  uint64_t seen;
  {
    std::lock_guard lock(mutex_);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    seen = changes_seen_;
  }
  std::string made = make();  // reads the history itself, so outside the lock
  std::lock_guard lock(mutex_);
  // Kept only when nothing changed meanwhile; a handful of distinct queries at most.
  if (changes_seen_ == seen) {
    if (memo_.size() >= 64) memo_.clear();
    memo_.emplace(key, made);
  }
  return made;
}

Status SqliteHistory::put(const Entry& entry) {
  if (entry.nzo_id.empty()) return invalid_error("history entry without nzo_id");
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  if (!tx.started()) return with_context("history: cannot store " + entry.nzo_id + ": ", tx.begun().error());
  std::string q = std::string("INSERT OR REPLACE INTO history (") + kColumns + ") VALUES (" +
                  placeholders(kColumnCount) + ")";
  sql::Stmt st(db_, q);
  bind_entry(st, entry);
  if (auto done = st.execute(); !done) return with_context("history: cannot store " + entry.nzo_id + ": ", done.error());
  if (auto bumped = bump_change_counter(); !bumped) return with_context("history: ", bumped.error());
  if (auto c = tx.commit(); !c) return with_context("history: cannot store " + entry.nzo_id + ": ", c.error());
  return ok_status();
}

Result<Entry> SqliteHistory::get(const std::string& nzo_id) {
  std::lock_guard lock(mutex_);
  sql::Stmt st(db_, std::string("SELECT ") + kColumns + " FROM history WHERE nzo_id = ?");
  st.bind(1, nzo_id);
  auto row = st.next();
  if (!row) return with_context("history: cannot read " + nzo_id + ": ", row.error());
  if (!*row) return not_found_error("history: no item " + nzo_id);
  return read_entry(st);
}

Result<Page> SqliteHistory::query(const Query& q) {
  Filter f = make_filter(q);
  Page page;
  std::lock_guard lock(mutex_);
  sql::Stmt count(db_, "SELECT COUNT(*), COALESCE(SUM(loaded), 0) FROM history WHERE " + f.where);
  bind_values(count, f.values);
  auto counted = count.next();
  if (!counted) return with_context("history: cannot list: ", counted.error());
  if (*counted) {
    page.total = count.i64(0);
    page.loaded = count.i64(1);
  }
  // Rows still post-processing first, as SABnzbd lists them on top.
  std::string sql = std::string("SELECT ") + kColumns + " FROM history WHERE " + f.where +
                    " ORDER BY loaded DESC, completed DESC, time_added DESC, nzo_id LIMIT ? OFFSET ?";
  sql::Stmt st(db_, sql);
  bind_values(st, f.values);
  int next = static_cast<int>(f.values.size()) + 1;
  st.bind(next, q.limit > 0 ? int64_t{q.limit} : int64_t{-1});
  st.bind(next + 1, int64_t{std::max(q.start, 0)});
  for (;;) {
    auto row = st.next();
    if (!row) return with_context("history: cannot list: ", row.error());
    if (!*row) break;
    page.entries.push_back(read_entry(st));
  }
  return page;
}

Status SqliteHistory::remove(const std::vector<std::string>& nzo_ids, bool archive) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  if (!tx.started()) return with_context("history: cannot remove: ", tx.begun().error());
  const std::string action = archive ? "UPDATE history SET archive = 1 WHERE " : "DELETE FROM history WHERE ";
  for (const auto& id : nzo_ids) {
    // The special values leave rows that are still post-processing alone.
    std::string where;
    if (id == "all") where = "loaded = 0 AND status IN ('Completed', 'Failed')";
    else if (id == "failed") where = "loaded = 0 AND status = 'Failed'";
    else if (id == "completed") where = "loaded = 0 AND status = 'Completed'";
    else where = "nzo_id = ?";
    sql::Stmt st(db_, action + where);
    if (where == "nzo_id = ?") st.bind(1, id);
    if (auto done = st.execute(); !done) return with_context("history: cannot remove " + id + ": ", done.error());
  }
  if (auto bumped = bump_change_counter(); !bumped) return with_context("history: ", bumped.error());
  if (auto c = tx.commit(); !c) return with_context("history: cannot remove: ", c.error());
  return ok_status();
}

bool SqliteHistory::exists(const char* statement, const std::string& value) {
  std::lock_guard lock(mutex_);
  sql::Stmt st(db_, statement);
  st.bind(1, value);
  auto row = st.next();
  return row && *row;
}

bool SqliteHistory::has_job_named(const std::string& name) {
  if (name.empty()) return false;
  return exists("SELECT 1 FROM history WHERE name = ? COLLATE NOCASE AND status != 'Failed' LIMIT 1", name);
}

bool SqliteHistory::has_duplicate_key(const std::string& key) {
  if (key.empty()) return false;
  return exists("SELECT 1 FROM history WHERE duplicate_key = ? AND status != 'Failed' LIMIT 1", key);
}

int64_t SqliteHistory::last_update() {
  std::lock_guard lock(mutex_);
  if (known_seq_ >= 0) return known_seq_;  // pollers ask for it with every call
  sql::Stmt st(db_, "SELECT seq FROM changes WHERE id = 1");
  auto row = st.next();
  if (!row || !*row) return 0;
  known_seq_ = st.i64(0);
  return known_seq_;
}

}  // namespace nzbd::history
