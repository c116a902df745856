#include "api/sab/queue_json.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <unordered_map>

#include <ctime>

#include "api/sab/format.h"
#include "api/sab/text_out.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

struct Disk {
  double free = 0, total = 0;
};

Disk disk_of(const std::filesystem::path& p) {
  struct statvfs s {};
  std::filesystem::path probe = p;
  std::error_code ec;
  while (!probe.empty() && !std::filesystem::exists(probe, ec)) probe = probe.parent_path();
  if (probe.empty() || statvfs(probe.c_str(), &s) != 0) return {};
  return {double(s.f_bavail) * double(s.f_frsize), double(s.f_blocks) * double(s.f_frsize)};
}

// The two folders' space, measured at most once a second: dashboards poll
// many times a second, and each measure is a config read and statvfs calls.
std::pair<Disk, Disk> disks_of(Call& c) {
  using Clock = std::chrono::steady_clock;
  struct Measured {
    Clock::time_point at;
    std::pair<Disk, Disk> disks;
  };
  static std::mutex mu;
  static std::unordered_map<const void*, Measured> cache;  // per config store
  const auto now = Clock::now();
  {
    std::lock_guard lock(mu);
    auto it = cache.find(&c.services.config);
    if (it != cache.end() && now - it->second.at < std::chrono::seconds(1)) return it->second.disks;
  }
  auto [dl, done] = c.services.config.read([](const config::Config& cfg) {
    return std::make_pair(cfg.resolve_dir("download_dir"), cfg.resolve_dir("complete_dir"));
  });
  std::pair<Disk, Disk> disks{disk_of(dl), disk_of(done)};
  std::lock_guard lock(mu);
  cache[&c.services.config] = Measured{now, disks};
  return disks;
}

std::string gb(double bytes) { return fmt_fixed(bytes / 1073741824.0); }

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

const char* slot_status(const queue::Job& j, bool active, bool propagating) {
  if (j.grabbing) return "Grabbing";
  if (j.paused) return "Paused";
  if (j.fetching) return "Fetching";
  if (j.checking) return "Checking";
  if (propagating) return "Propagating";
  return active ? "Downloading" : "Queued";
}

// The internal status SABnzbd filters on ("Queued" while downloading).
const char* internal_status(const queue::Job& j) {
  if (j.grabbing) return "Grabbing";
  if (j.paused) return "Paused";
  if (j.fetching) return "Fetching";
  return "Queued";
}

bool matches(const queue::Job& j, const QueueFilter& f) {
  if (!f.search.empty() && to_lower(j.name).find(to_lower(f.search)) == std::string::npos) return false;
  if (!f.nzo_ids.empty() && std::find(f.nzo_ids.begin(), f.nzo_ids.end(), j.nzo_id) == f.nzo_ids.end())
    return false;
  if (!f.categories.empty() &&
      std::none_of(f.categories.begin(), f.categories.end(), [&](const std::string& c) {
        return c == j.category || (c == "*" && (j.category.empty() || j.category == "*"));
      }))
    return false;
  if (!f.priorities.empty() && std::find(f.priorities.begin(), f.priorities.end(), j.priority) == f.priorities.end())
    return false;
  if (!f.statuses.empty() &&
      std::find(f.statuses.begin(), f.statuses.end(), internal_status(j)) == f.statuses.end())
    return false;
  return true;
}

}  // namespace
std::string priority_name(int p) {
  switch (p) {
    case queue::kForcePriority: return "Force";
    case queue::kHighPriority: return "High";
    case queue::kLowPriority: return "Low";
    default: return "Normal";
  }
}

QueueFilter queue_filter_from(const Call& c) {
  QueueFilter f;
  f.start = static_cast<int>(std::max<int64_t>(0, parse_int(c.get("start")).value_or(0)));
  f.limit = static_cast<int>(std::max<int64_t>(0, parse_int(c.get("limit")).value_or(0)));
  f.search = c.get("search");
  f.categories = split_list(c.has("category") ? c.get("category") : c.get("cat"));
  f.nzo_ids = split_list(c.get("nzo_ids"));
  f.statuses = split_list(c.get("status"));
  for (const auto& p : split_list(c.get("priority")))
    if (auto v = parse_int(p)) f.priorities.push_back(static_cast<int>(*v));
  return f;
}

void write_queue_header(Call& c, Out& out, const queue::QueueStatus& st) {
  auto [d1, d2] = disks_of(c);
  out.str("version", kApiVersion);
  out.boolean("paused", st.paused);
  int64_t left = st.pause_until > 0 ? std::max<int64_t>(0, st.pause_until - now()) : 0;
  out.str("pause_int", st.pause_until > 0 ? std::to_string(left / 60) + ":" + (left % 60 < 10 ? "0" : "") +
                                                std::to_string(left % 60)
                                          : "0");
  out.boolean("paused_all", st.paused);
  out.str("diskspace1", gb(d1.free));
  out.str("diskspace2", gb(d2.free));
  out.str("diskspace1_norm", to_units(d1.free));
  out.str("diskspace2_norm", to_units(d2.free));
  out.str("diskspacetotal1", gb(d1.total));
  out.str("diskspacetotal2", gb(d2.total));
  out.str("speedlimit", fmt_int(st.speed_limit_percent));
  out.str("speedlimit_abs", std::to_string(st.speed_limit_bps));
  out.str("have_warnings", std::to_string(c.services.warnings.count()));
  out.str_or_null("finishaction", st.finish_action);
  // Sizes with "B" as real SABnzbd answered them ("0 B" with no quota).
  QuotaView quota = c.services.quota ? c.services.quota() : QuotaView{};
  out.str("quota", to_units(static_cast<double>(quota.quota), "B"));
  out.boolean("have_quota", quota.quota > 0);
  out.str("left_quota", to_units(static_cast<double>(quota.left), "B"));
  out.str("cache_art", std::to_string(st.cache_articles));
  out.str("cache_size", to_units(static_cast<double>(st.cache_bytes), "B"));
  out.str("kbpersec", fmt_fixed(static_cast<double>(st.speed_bps) / 1024.0));
  out.str("speed", to_units(static_cast<double>(st.speed_bps)));
}

// The slots of the window the filter asks for, with what each shows beside
// the job's own fields; and the header's totals. Runs under the queue's lock.
QueueWalk walk_queue(const queue::JobList& jobs, const queue::QueueStatus& st, const QueueFilter& f) {
  QueueWalk w;
  double speed = static_cast<double>(st.speed_bps);
  uint64_t cumulative = 0;
  bool first_downloading = true;
  int matching = 0;
  // Without filters only the requested window is visited.
  bool filtered = f.narrowing() || !f.categories.empty() || !f.priorities.empty() || !f.statuses.empty();
  size_t end = jobs.size();
  if (!filtered && f.limit > 0) end = std::min(end, static_cast<size_t>(f.start) + static_cast<size_t>(f.limit));
  const int64_t t = now();
  for (size_t n = 0; n < end; ++n) {
    const auto* j = jobs[n];
    cumulative += j->paused ? 0 : j->bytes_left();
    // The first job that can download is the one downloading.
    std::string propagating = queue::propagation_label(*j, t);
    bool waiting = j->paused || j->grabbing || !propagating.empty();
    bool active = !st.paused && !waiting && first_downloading && speed > 0;
    if (!waiting) first_downloading = false;
    if (filtered && !matches(*j, f)) continue;
    int index = matching++;
    if (index < f.start || (f.limit > 0 && index >= f.start + f.limit)) continue;
    SlotView v;
    v.job = j;
    v.index = index;
    v.status = slot_status(*j, active, !propagating.empty());
    v.timeleft_s = speed > 0 && !j->paused ? static_cast<int64_t>(static_cast<double>(cumulative) / speed) : 0;
    int64_t date = j->average_date();
    v.age_s = j->grabbing || date <= 0 ? -1 : t - date;
    v.time_added = j->time_added;
    v.propagating = std::move(propagating);
    w.slots.push_back(std::move(v));
  }
  w.noofslots = f.narrowing() ? matching : static_cast<int>(jobs.size());
  return w;
}

JobFields JobFields::of(const queue::Job& j, const std::string& propagating) {
  return JobFields{j.grabbing, j.pp,         j.priority,        j.bytes_total(), j.bytes_left(),
                   j.bytes_missing(),        j.nzo_id,          j.script,        j.name,
                   j.password,               j.category,        j.direct_unpack, propagating,
                   j.labels};
}

bool JobFields::same_as(const queue::Job& j, const std::string& propagating_now) const {
  return grabbing == j.grabbing && pp == j.pp && priority == j.priority && left == j.bytes_left() &&
         total == j.bytes_total() && missing == j.bytes_missing() && name == j.name && script == j.script &&
         password == j.password && category == j.category && direct_unpack == j.direct_unpack &&
         propagating == propagating_now && labels == j.labels && nzo_id == j.nzo_id;
}

// The job's own fields of a slot, from nzo_id to direct_unpack, in SABnzbd's order.
void write_job_fields(Out& out, const JobFields& j) {
  out.str("nzo_id", j.nzo_id);
  out.str("unpackopts", j.grabbing ? "0" : std::to_string(j.pp));  // SABnzbd: "0" while grabbing
  if (j.grabbing) out.num("priority", 0);
  else out.str("priority", priority_name(j.priority));
  out.str("script", j.script.empty() || j.script == "Default" ? "None" : j.script);
  out.str("filename", j.name);
  out.begin_array("labels");
  for (const auto& l : j.labels) out.str("", l);
  if (!j.propagating.empty()) out.str("", j.propagating);
  out.end_array();
  out.str("password", j.password);
  out.str("cat", j.grabbing ? "None" : j.category);
  out.str("mbleft", format_mb(j.left));
  out.str("mb", format_mb(j.total));
  out.str("size", to_units(static_cast<double>(j.total), "B"));
  out.str("sizeleft", to_units(static_cast<double>(j.left), "B"));
  out.str("percentage", std::to_string(j.total ? (j.total - j.left) * 100 / j.total : 0));
  out.str("mbmissing", format_mb(j.missing));
  out.str_or_null("direct_unpack", j.direct_unpack);
}

void write_queue_totals(Out& out, const queue::QueueStatus& st, const QueueFilter& f, const QueueWalk& w,
                        bool any_jobs) {
  uint64_t left = st.left_bytes;
  double speed = static_cast<double>(st.speed_bps);
  out.str("mbleft", format_mb(left));
  out.str("mb", format_mb(st.total_bytes));
  out.str("sizeleft", to_units(static_cast<double>(left), "B"));
  out.str("size", to_units(static_cast<double>(st.total_bytes), "B"));
  out.num("noofslots_total", st.active_jobs);
  out.num("noofslots", w.noofslots);
  out.num("start", f.start);
  out.num("limit", f.limit);
  out.num("finish", f.start + static_cast<int>(w.slots.size()));
  out.str("status", st.paused ? "Paused" : (st.speed_bps > 0 && any_jobs ? "Downloading" : "Idle"));
  out.str("timeleft", format_timeleft(speed > 0 ? static_cast<int64_t>(static_cast<double>(left) / speed) : 0));
}

}  // namespace nzbd::api::sab
