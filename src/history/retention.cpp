// history_retention_option: pruning of Completed rows after each job.
#include "history/store.h"
#include "util/strings.h"

namespace nzbd::history {

Retention parse_retention(const std::string& option, int64_t number, const std::string& legacy) {
  Retention r;
  number = std::max<int64_t>(number, 1);
  if (option == "all" || option.empty()) {
    // SABnzbd before 4.1 kept one setting: "Nd" days, N rows, or negative for none.
    if (legacy.empty() || legacy == "0") return r;
    r.archive = false;
    if (legacy.back() == 'd' || legacy.back() == 'D') {
      auto days = parse_int(legacy.substr(0, legacy.size() - 1));
      if (!days || *days <= 0) return Retention{};
      r.keep = Retention::Keep::Days;
      r.number = *days;
      return r;
    }
    auto n = parse_int(legacy);
    if (!n) return Retention{};
    r.keep = *n < 0 ? Retention::Keep::None : Retention::Keep::Newest;
    r.number = *n;
    return r;
  }
  auto dash = option.find('-');
  std::string what = option.substr(0, dash), how = dash == std::string::npos ? "" : option.substr(dash + 1);
  if (how != "archive" && how != "delete") return r;
  r.archive = how == "archive";
  r.number = number;
  if (what == "number") r.keep = Retention::Keep::Newest;
  else if (what == "days") r.keep = Retention::Keep::Days;
  else if (what == "all") r.keep = Retention::Keep::None;
  return r;
}

Result<int64_t> SqliteHistory::prune(const Retention& rule, int64_t now) {
  if (rule.keep == Retention::Keep::All) return int64_t{0};
  // Rows already archived are left alone when archiving; deleting reaches them too.
  std::string candidates = "status = 'Completed' AND loaded = 0";
  if (rule.archive) candidates += " AND archive = 0";
  std::string where;
  switch (rule.keep) {
    case Retention::Keep::Newest:
      where = "nzo_id IN (SELECT nzo_id FROM history WHERE " + candidates +
              " ORDER BY completed DESC, rowid DESC LIMIT -1 OFFSET ?)";  // rowid: the row written last
      break;
    case Retention::Keep::Days: where = candidates + " AND completed < ?"; break;
    default: where = candidates;
  }
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  if (!tx.started()) return with_context("history: cannot prune: ", tx.begun().error());
  sql::Stmt st(db_, (rule.archive ? "UPDATE history SET archive = 1 WHERE " : "DELETE FROM history WHERE ") + where);
  if (rule.keep == Retention::Keep::Newest) st.bind(1, rule.number);
  if (rule.keep == Retention::Keep::Days) st.bind(1, now - rule.number * 86400);
  if (auto done = st.execute(); !done) return with_context("history: cannot prune: ", done.error());
  int64_t changed = db_.changes();
  if (changed > 0)
    if (auto bumped = bump_change_counter(); !bumped) return with_context("history: ", bumped.error());
  if (auto c = tx.commit(); !c) return with_context("history: cannot prune: ", c.error());
  return changed;
}

}  // namespace nzbd::history
