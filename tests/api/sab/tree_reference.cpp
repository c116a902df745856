#include "tree_reference.h"

#include <sys/statvfs.h>

#include <ctime>

#include "api/sab/format.h"

namespace nzbd::api::sab::reference {
namespace {

using history::Entry;

struct Disk {
  double free = 0, total = 0;
};

Disk disk_of(const std::filesystem::path& p) {
  struct statvfs s {};
  if (statvfs(p.c_str(), &s) != 0) return {};
  return {double(s.f_bavail) * double(s.f_frsize), double(s.f_blocks) * double(s.f_frsize)};
}

// Measured anew here: the test puts the writer's values in before comparing
// (free space moves between two measures).
std::pair<Disk, Disk> disks_of(Call& c) {
  auto [dl, done] = c.services.config.read([](const config::Config& cfg) {
    return std::make_pair(cfg.resolve_dir("download_dir"), cfg.resolve_dir("complete_dir"));
  });
  return {disk_of(dl), disk_of(done)};
}

std::string gb(double bytes) { return fmt_fixed(bytes / 1073741824.0); }

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

void add_queue_header(Call& c, Json& out, const queue::QueueStatus& st) {
  auto [d1, d2] = disks_of(c);
  out["version"] = kApiVersion;
  out["paused"] = st.paused;
  int64_t left = st.pause_until > 0 ? std::max<int64_t>(0, st.pause_until - now()) : 0;
  out["pause_int"] = st.pause_until > 0 ? std::to_string(left / 60) + ":" + (left % 60 < 10 ? "0" : "") +
                                              std::to_string(left % 60)
                                        : "0";
  out["paused_all"] = st.paused;
  out["diskspace1"] = gb(d1.free);
  out["diskspace2"] = gb(d2.free);
  out["diskspace1_norm"] = to_units(d1.free);
  out["diskspace2_norm"] = to_units(d2.free);
  out["diskspacetotal1"] = gb(d1.total);
  out["diskspacetotal2"] = gb(d2.total);
  out["speedlimit"] = fmt_int(st.speed_limit_percent);
  out["speedlimit_abs"] = std::to_string(st.speed_limit_bps);
  out["have_warnings"] = std::to_string(c.services.warnings.count());
  out["finishaction"] = st.finish_action.empty() ? Json(nullptr) : Json(st.finish_action);
  // Sizes with "B" as real SABnzbd answered them ("0 B" with no quota).
  QuotaView quota = c.services.quota ? c.services.quota() : QuotaView{};
  out["quota"] = to_units(static_cast<double>(quota.quota), "B");
  out["have_quota"] = quota.quota > 0;
  out["left_quota"] = to_units(static_cast<double>(quota.left), "B");
  out["cache_art"] = std::to_string(st.cache_articles);
  out["cache_size"] = to_units(static_cast<double>(st.cache_bytes), "B");
  out["kbpersec"] = fmt_fixed(static_cast<double>(st.speed_bps) / 1024.0);
  out["speed"] = to_units(static_cast<double>(st.speed_bps));
}

void add_job_fields(Json& s, const queue::Job& j, const std::string& propagating) {
  uint64_t bytes = j.bytes_total(), rest = j.bytes_left();
  s["nzo_id"] = j.nzo_id;
  s["unpackopts"] = j.grabbing ? "0" : std::to_string(j.pp);  // SABnzbd: "0" while grabbing
  s["priority"] = j.grabbing ? Json(0) : Json(priority_name(j.priority));
  s["script"] = j.script.empty() || j.script == "Default" ? "None" : j.script;
  s["filename"] = j.name;
  s["labels"] = j.labels;
  if (!propagating.empty()) s["labels"].push_back(propagating);
  s["password"] = j.password;
  s["cat"] = j.grabbing ? "None" : j.category;
  s["mbleft"] = format_mb(rest);
  s["mb"] = format_mb(bytes);
  s["size"] = to_units(static_cast<double>(bytes), "B");
  s["sizeleft"] = to_units(static_cast<double>(rest), "B");
  s["percentage"] = std::to_string(bytes ? (bytes - rest) * 100 / bytes : 0);
  s["mbmissing"] = format_mb(j.bytes_missing());
  s["direct_unpack"] = j.direct_unpack.empty() ? Json(nullptr) : Json(j.direct_unpack);
}

void add_queue_totals(Json& out, const queue::QueueStatus& st, const QueueFilter& f, const QueueWalk& w, bool any_jobs) {
  uint64_t left = st.left_bytes;
  double speed = static_cast<double>(st.speed_bps);
  out["mbleft"] = format_mb(left);
  out["mb"] = format_mb(st.total_bytes);
  out["sizeleft"] = to_units(static_cast<double>(left), "B");
  out["size"] = to_units(static_cast<double>(st.total_bytes), "B");
  out["noofslots_total"] = st.active_jobs;
  out["noofslots"] = w.noofslots;
  out["start"] = f.start;
  out["limit"] = f.limit;
  out["finish"] = f.start + static_cast<int>(w.slots.size());
  out["status"] = st.paused ? "Paused" : (st.speed_bps > 0 && any_jobs ? "Downloading" : "Idle");
  out["timeleft"] = format_timeleft(speed > 0 ? static_cast<int64_t>(static_cast<double>(left) / speed) : 0);
}

Json null_if_empty(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json stage_log_json(const Entry& e) {
  Json log = Json::array();
  for (const auto& stage : e.stage_log) log.push_back(Json{{"name", stage.name}, {"actions", stage.actions}});
  return log;
}

Json slot_json(const Entry& e) {
  const bool active = e.loaded;
  Json s = Json::object();
  s["completed"] = e.completed;
  s["name"] = e.name;
  s["nzb_name"] = e.nzb_name;
  s["category"] = e.category.empty() ? "*" : e.category;
  s["pp"] = e.pp;
  s["script"] = e.script;
  s["report"] = e.report;
  s["url"] = null_if_empty(e.url);
  s["status"] = std::string(history::status_text(e.status));
  s["nzo_id"] = e.nzo_id;
  s["storage"] = active ? std::string() : e.storage;
  s["path"] = e.path;
  s["script_line"] = e.script_line;
  // Not in SABnzbd's list output (it serves the log separately); the issue
  // asks for the script's output in the slot, and clients ignore extra keys.
  s["script_log"] = e.script_log;
  s["download_time"] = e.download_time;
  s["postproc_time"] = e.postproc_time;
  s["stage_log"] = stage_log_json(e);
  s["downloaded"] = e.downloaded;
  s["completeness"] = nullptr;
  s["fail_message"] = e.fail_message;
  s["url_info"] = e.url_info;
  s["bytes"] = e.bytes;
  s["meta"] = nullptr;
  s["series"] = active ? Json("") : Json(nullptr);
  s["md5sum"] = active ? Json("") : Json(nullptr);
  s["password"] = null_if_empty(e.password);
  s["duplicate_key"] = null_if_empty(e.duplicate_key);
  s["archive"] = e.archive;
  s["time_added"] = e.time_added;
  s["size"] = to_units(static_cast<double>(e.bytes), "B");
  s["action_line"] = e.action_line;
  s["loaded"] = e.loaded;
  s["retry"] = e.retry && e.status == history::JobStatus::Failed;
  return s;
}

}  // namespace

Json queue_tree(Call& c, const QueueFilter& f) {
  Json out = Json::object();
  if (!c.services.queue) return out;
  c.services.queue->with_jobs([&](const queue::JobList& jobs, const queue::QueueStatus& st) {
    add_queue_header(c, out, st);
    QueueWalk w = walk_queue(jobs, st, f);
    Json slots = Json::array();
    for (const auto& v : w.slots) {
      Json s = Json::object();
      s["index"] = v.index;
      add_job_fields(s, *v.job, v.propagating);
      s["status"] = v.status;
      s["timeleft"] = v.timeleft();
      s["avg_age"] = v.avg_age();
      s["time_added"] = v.time_added;
      slots.push_back(std::move(s));
    }
    add_queue_totals(out, st, f, w, !jobs.empty());
    out["slots"] = std::move(slots);
    return 0;
  });
  return out;
}

Json history_tree(Call& c, const history::Query& q, int64_t counter) {
  history::History* h = c.services.history;
  history::Page page = h ? h->query(q).value() : history::Page{};
  history::Totals totals = h ? h->totals().value() : history::Totals{};
  Json slots = Json::array();
  for (const auto& e : page.entries) slots.push_back(slot_json(e));
  // Home Assistant parses every top-level key ending in "size": keep exactly these four.
  Json out = Json::object();
  out["total_size"] = to_units(static_cast<double>(totals.total));
  out["month_size"] = to_units(static_cast<double>(totals.month));
  out["week_size"] = to_units(static_cast<double>(totals.week));
  out["day_size"] = to_units(static_cast<double>(totals.day));
  out["slots"] = std::move(slots);
  out["ppslots"] = page.loaded;
  out["noofslots"] = page.total;
  out["last_history_update"] = counter;
  out["version"] = kApiVersion;
  return out;
}

}  // namespace nzbd::api::sab::reference
