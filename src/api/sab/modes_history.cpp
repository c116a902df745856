// history (listing, delete, mark_as_completed), retry, retry_all and
// server_stats, shaped exactly as SABnzbd 4.x/5.x answers them.
#include <algorithm>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include "api/sab/call.h"
#include "api/sab/format.h"
#include "api/sab/history_hooks.h"
#include "api/sab/history_list.h"
#include "history/history.h"
#include "util/files.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

namespace fs = std::filesystem;
using history::Entry;

// SABnzbd's int_conv: anything that is not an integer counts as 0.
int64_t int_param(const Call& c, std::string_view key) {
  return parse_int(trim(c.get(key))).value_or(0);
}

// limit missing or 0 means the configured history_limit; 0 there means all.
history::Query query_from(const Call& c) {
  history::Query q;
  q.start = static_cast<int>(std::clamp<int64_t>(int_param(c, "start"), 0, INT32_MAX));
  int64_t limit = int_param(c, "limit");
  if (limit <= 0) limit = c.services.config.read([](const config::Config& cfg) { return cfg.misc_int("history_limit"); });
  q.limit = static_cast<int>(std::clamp<int64_t>(limit, 0, INT32_MAX));
  q.search = c.get("search");
  q.categories = split_list(c.has("cat") ? c.get("cat") : c.get("category"));
  q.statuses = split_list(c.get("status"));
  q.nzo_ids = split_list(c.get("nzo_ids"));
  q.failed_only = int_param(c, "failed_only") != 0;
  q.archived = int_param(c, "archive") != 0;
  return q;
}

// A history that cannot be read fails the whole mode, answered at the API's
// border (sab_api.cpp) in SABnzbd's error shape with a 500.
template <typename T>
T readable(Result<T> r) {
  if (!r) throw std::runtime_error(r.message());
  return std::move(r).value();
}

// What decides a listing: the query and the day (the totals' periods start at midnight).
std::string listing_key(const history::Query& q, bool xml) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  Json key = {xml, tm.tm_year, tm.tm_yday, q.start, q.limit, q.search, q.categories, q.statuses, q.nzo_ids,
              q.failed_only, q.archived};
  return key.dump();
}

Reply history_listing(Call& c) {
  history::History* h = c.services.history;
  int64_t counter = h ? h->last_update() : 1;
  if (c.has("last_history_update") && int_param(c, "last_history_update") == counter) return Reply{"history", false};
  history::Query q = query_from(c);
  const bool xml = c.get("output") == "xml";
  auto written = [xml](std::string text) {
    return xml ? Reply::xml_written(std::move(text)) : Reply::json_written(std::move(text));
  };
  if (!h) return written(history_text(c, q, counter, xml));
  // Pollers ask for the same page again and again: its text is kept until the history changes.
  return written(h->memo(listing_key(q, xml), [&] { return history_text(c, q, h->last_update(), xml); }));
}

// Removes `dir` recursively when it lies strictly inside one of `roots`
// (links resolved first, so a link cannot lead the delete outside).
void remove_inside(const fs::path& dir, const std::vector<fs::path>& roots) {
  if (dir.empty()) return;
  std::error_code ec;
  fs::path target = fs::weakly_canonical(dir, ec);
  if (ec) return;
  for (const auto& root : roots) {
    if (root.empty()) continue;
    fs::path base = fs::weakly_canonical(root, ec);
    if (ec || !is_within(base, target)) continue;
    fs::remove_all(target, ec);
    return;
  }
}

std::vector<fs::path> folder_roots(const Call& c, bool include_complete) {
  return c.services.config.read([&](const config::Config& cfg) {
    std::vector<fs::path> roots{cfg.resolve_dir("download_dir")};
    if (include_complete) roots.push_back(cfg.resolve_dir("complete_dir"));
    return roots;
  });
}

// del_files: only failed jobs lose their files, as in SABnzbd.
void delete_failed_files(const Call& c, const std::vector<Entry>& entries) {
  auto roots = folder_roots(c, true);
  for (const auto& e : entries) {
    if (e.status != history::JobStatus::Failed || e.loaded) continue;
    remove_inside(e.path, roots);
    remove_inside(e.storage, roots);
  }
}

std::vector<Entry> failed_entries(history::History& h) {
  std::vector<Entry> out;
  for (bool archived : {false, true}) {
    history::Query q;
    q.failed_only = true;
    q.archived = archived;
    auto page = readable(h.query(q));
    out.insert(out.end(), page.entries.begin(), page.entries.end());
  }
  return out;
}

std::vector<Entry> entries_of(history::History& h, const std::vector<std::string>& ids) {
  std::vector<Entry> entries;
  for (const auto& id : ids)
    if (auto e = h.get(id)) entries.push_back(std::move(*e));
  return entries;
}

// Ids of the finished rows that `special` (all|failed|completed) and `search`
// select; archived rows too when deleting for good.
std::vector<std::string> special_ids(history::History& h, const std::string& special, const std::string& search,
                                     bool archive) {
  history::Query q;
  q.search = search;
  if (special == "all") q.statuses = {"Completed", "Failed"};
  else q.statuses = {special == "failed" ? "Failed" : "Completed"};
  std::vector<std::string> ids;
  for (bool archived : {false, true}) {
    if (archived && archive) break;
    q.archived = archived;
    for (const auto& e : readable(h.query(q)).entries)
      if (!e.loaded) ids.push_back(e.nzo_id);
  }
  return ids;
}

Reply history_delete(Call& c) {
  std::string value = c.get("value");
  if (trim(value).empty()) return error_reply(kOneParam);
  history::History* h = c.services.history;
  if (!h) return ok_reply();
  bool del_files = int_param(c, "del_files") != 0;
  bool archive = c.get("archive") != "0";
  std::string special = to_lower(trim(value));
  std::vector<std::string> ids;
  if (special == "all" || special == "failed" || special == "completed") {
    std::string search = c.get("search");
    if (!search.empty()) {
      // SABnzbd narrows the special values by `search`: turn them into ids.
      ids = special_ids(*h, special, search, archive);
      if (del_files) delete_failed_files(c, entries_of(*h, ids));
    } else {
      if (del_files && special != "completed") delete_failed_files(c, failed_entries(*h));
      ids.push_back(special);
    }
  } else {
    ids = split_list(value);
    if (del_files) {
      delete_failed_files(c, entries_of(*h, ids));
    }
  }
  if (auto st = h->remove(ids, archive); !st) return error_reply(st.message());
  return ok_reply();
}

// A failed job becomes Completed; its incomplete files go (download_dir only).
Reply history_mark_completed(Call& c) {
  std::string value = c.get("value");
  if (trim(value).empty()) return error_reply(kOneParam);
  history::History* h = c.services.history;
  if (!h) return ok_reply();
  auto roots = folder_roots(c, false);
  for (const auto& id : split_list(value)) {
    auto e = h->get(id);
    if (!e && !e.is(ErrorKind::NotFound)) return error_reply(e.message());
    if (!e || e->loaded || e->status != history::JobStatus::Failed) continue;
    remove_inside(e->path, roots);
    e->status = history::JobStatus::Completed;
    e->fail_message.clear();
    e->retry = false;
    if (auto st = h->put(*e); !st) return error_reply(st.message());
  }
  return ok_reply();
}

Reply mode_history(Call& c) {
  std::string name = c.get("name");
  if (name == "delete") return history_delete(c);
  if (name == "mark_as_completed") return history_mark_completed(c);
  return history_listing(c);  // SABnzbd falls back to the listing for any other name
}

// Re-queues one failed entry; on success its history row goes for good.
Result<std::string> retry_entry(history::History& h, const RetryHandler& handler, const Entry& e,
                                std::string password, const http::FormFile* nzb) {
  auto id = handler(e, std::move(password), nzb);
  if (id) (void)h.remove({e.nzo_id}, false);
  return id;
}

Reply mode_retry(Call& c) {
  std::string value = trim(c.get("value"));
  if (value.empty()) return error_reply(kOneParam);
  history::History* h = c.services.history;
  if (!h) return error_reply(kNoItem);
  auto e = h->get(value);
  if (!e && !e.is(ErrorKind::NotFound)) return error_reply(e.message());
  if (!e || e->loaded || e->status != history::JobStatus::Failed) return error_reply(kNoItem);
  const RetryHandler& handler = c.services.retry;
  if (!handler) return error_reply("retry is not available");
  const http::FormFile* nzb = c.params.file("nzbfile");
  if (nzb && nzb->data.empty()) nzb = nullptr;
  auto id = retry_entry(*h, handler, *e, c.get("password"), nzb);
  if (!id) return error_reply(id.message());
  return Reply{"", Json{{"status", true}, {"nzo_id", *id}}};
}

Reply mode_retry_all(Call& c) {
  Json ids = Json::array();
  history::History* h = c.services.history;
  const RetryHandler& handler = c.services.retry;
  if (h && handler) {
    history::Query q;
    q.failed_only = true;
    for (const auto& e : readable(h->query(q)).entries) {
      if (e.loaded) continue;
      if (auto id = retry_entry(*h, handler, e, "", nullptr)) ids.push_back(*id);
    }
  }
  return Reply{"status", std::move(ids)};
}

Json pairs_json(const std::vector<std::pair<std::string, int64_t>>& pairs) {
  Json o = Json::object();
  for (const auto& [k, v] : pairs) o[k] = v;
  return o;
}

// Configured servers, each with its counters (zeros before its first byte).
Reply mode_server_stats(Call& c) {
  std::vector<std::pair<std::string, history::History::ServerStats>> stats;
  if (c.services.history) stats = readable(c.services.history->server_stats());
  auto names = c.services.config.read([](const config::Config& cfg) {
    std::vector<std::string> out;
    for (const auto* item : cfg.items("servers")) out.push_back(item->name);
    return out;
  });
  history::Totals sum;
  for (const auto& [name, s] : stats) {
    sum.total += s.totals.total;
    sum.month += s.totals.month;
    sum.week += s.totals.week;
    sum.day += s.totals.day;
  }
  Json servers = Json::object();
  for (const auto& name : names) {
    history::History::ServerStats s;
    for (const auto& [n, st] : stats)
      if (n == name) s = st;
    servers[name] = Json{{"total", s.totals.total}, {"month", s.totals.month}, {"week", s.totals.week},
                         {"day", s.totals.day}, {"daily", pairs_json(s.daily)},
                         {"articles_tried", pairs_json(s.articles_tried)},
                         {"articles_success", pairs_json(s.articles_success)}};
  }
  Json out{{"total", sum.total}, {"month", sum.month}, {"week", sum.week}, {"day", sum.day},
           {"servers", std::move(servers)}};
  return Reply{"", std::move(out)};
}

}  // namespace


void register_history_modes(ModeTable& t) {
  t["history"] = mode_history;
  t["retry"] = mode_retry;
  t["retry_all"] = mode_retry_all;
  t["server_stats"] = mode_server_stats;
}

}  // namespace nzbd::api::sab
