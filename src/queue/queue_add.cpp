// Adding jobs: from uploaded data, a local file, or a URL fetched in the background.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "queue/internal.h"
#include "util/files.h"
#include "util/random.h"
#include "util/strings.h"

namespace nzbd::queue {
namespace fs = std::filesystem;

// The category's values, else the default category's; make_job lets the
// job's own values (from the add call) win over both.
CategoryDefaults resolve_category(const config::Config& c, std::string cat) {
  CategoryDefaults d;
  auto value = [&](const config::IniItem* it, const char* key) {
    return it ? c.item_value(*it, "categories", key) : std::string();
  };
  const auto* star = c.item("categories", "*");
  d.priority = static_cast<int>(parse_int(value(star, "priority")).value_or(0));
  d.pp = static_cast<int>(parse_int(value(star, "pp")).value_or(3));
  std::string s = value(star, "script");
  d.script = s.empty() || s == "Default" ? "None" : s;
  if (cat.empty() || cat == "*" || iequals(cat, "Default")) return d;
  const config::IniItem* item = nullptr;
  for (const auto* it : c.items("categories"))
    if (iequals(it->name, cat)) item = it;
  if (!item) return d;
  d.name = item->name;
  if (auto p = parse_int(value(item, "priority")); p && *p != kDefaultPriority) d.priority = static_cast<int>(*p);
  if (auto p = parse_int(value(item, "pp")); p && *p >= 0 && *p <= 3) d.pp = static_cast<int>(*p);
  std::string cs = value(item, "script");
  if (!cs.empty() && cs != "Default") d.script = cs;
  return d;
}

void Queue::index_job_locked(Job* job) {
  by_serial_[job->serial] = job;
  if (job->folder.empty()) return;
  if (folders_.size() > 2 * by_serial_.size() + 1024) {
    folders_.clear();  // mostly jobs long gone: rebuilt from the queue
    for (const auto& [serial, j] : by_serial_)
      if (!j->folder.empty()) folders_.emplace(j->folder, serial);
  } else {
    folders_.emplace(job->folder, job->serial);
  }
}

bool Queue::folder_taken_locked(const std::string& folder) {
  auto [it, end] = folders_.equal_range(folder);
  while (it != end) {
    auto j = by_serial_.find(it->second);
    if (j != by_serial_.end() && j->second->folder == folder) return true;
    it = folders_.erase(it);  // its job left the queue
  }
  return false;
}

std::string Queue::unique_folder_locked(const std::string& name) {
  std::string candidate = name;
  for (int i = 1;; ++i) {
    std::error_code ec;
    if (!fs::exists(download_dir_ / candidate, ec) && !folder_taken_locked(candidate)) return candidate;
    candidate = name + "." + std::to_string(i);
  }
}

size_t Queue::insert_by_priority_locked(std::unique_ptr<Job> job) {
  // After the last job of the same or higher priority: found from the end,
  // as most adds go there.
  size_t at = order_.size();
  while (at > 0 && order_[at - 1]->priority < job->priority) --at;
  index_job_locked(job.get());
  order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(at), std::move(job));
  return at;
}

void Queue::save_order_locked() {
  totals_dirty_ = true;
  std::vector<std::string> ids;
  ids.reserve(order_.size());
  for (const auto& j : order_) ids.push_back(j->nzo_id);
  if (auto st = store_->save_order(ids); !st) spdlog::error("saving the queue failed: {}", st.message());
}

bool Queue::journal_add_locked(const std::string& nzo_id, size_t index) {
  totals_dirty_ = true;
  // Compacted once the journal outgrows the queue: a snapshot costs O(jobs),
  // so O(1) per add on average.
  if (store_->order_journal_records() > 1024 + order_.size()) return false;
  return static_cast<bool>(store_->append_order(nzo_id, index));
}

void Queue::save_job_locked(const Job& job) {
  totals_dirty_ = true;
  if (auto st = store_->save_job(job); !st) spdlog::error("saving job {} failed: {}", job.name, st.message());
}

Result<std::unique_ptr<Job>> Queue::make_job(const LoadedNzb& n, const AddOptions& o) {
  // Every article must get a token of its own (see ArticleToken).
  const nzb::File* largest = nullptr;
  for (const auto& f : n.nzb.files)
    if (!largest || f.segments.size() > largest->segments.size()) largest = &f;
  if (auto st = check_token_limits(n.nzb.files.size(), largest ? largest->segments.size() : 0,
                                   largest ? largest->filename : "");
      !st)
    return st.error();
  auto job = std::make_unique<Job>();
  job->nzo_id = "SABnzbd_nzo_" + random_id(8);
  auto [nzbname, name_pw] = nzb::split_password(o.nzbname);
  job->name = nzbname.empty() ? n.job_name : nzb::clean_job_name(nzbname);
  job->nzb_name = n.source_name;
  job->password = !o.password.empty() ? o.password : !name_pw.empty() ? name_pw
                  : !n.password.empty() ? n.password : n.nzb.password();
  std::string cat = o.category.empty() || o.category == "*" ? n.nzb.category() : o.category;
  auto defaults = config_.read([&](const config::Config& c) { return resolve_category(c, cat); });
  job->category = defaults.name;
  job->priority = o.priority == kDefaultPriority || o.priority < kPausedPriority || o.priority > kForcePriority
                      ? defaults.priority : o.priority;
  if (job->priority == kPausedPriority) {
    job->paused = true;
    job->priority = kNormalPriority;
  }
  job->pp = o.pp >= 0 && o.pp <= 3 ? o.pp : defaults.pp;
  job->script = o.script.empty() || o.script == "Default" ? defaults.script : o.script;
  job->time_added = now_seconds();
  for (size_t i = 0; i < n.nzb.files.size(); ++i) {
    const auto& f = n.nzb.files[i];
    JobFile jf;
    jf.nzf_id = "SABnzbd_nzf_" + random_id(6);
    jf.name = f.filename;
    jf.nzb_index = static_cast<uint32_t>(i);
    jf.bytes = f.bytes();
    jf.segments = static_cast<uint32_t>(f.segments.size());
    jf.date = f.date;
    jf.provisional_name = f.provisional_name;
    jf.held_back = f.is_recovery_volume;
    jf.is_par2 = f.is_par2;
    job->files.push_back(std::move(jf));
  }
  return job;
}

Result<std::vector<std::string>> Queue::add_data(std::string_view data, std::string_view filename,
                                                 const AddOptions& o) {
  auto loaded = nzb::load_nzb_data(data, filename);
  if (!loaded) return loaded.error();
  std::vector<std::unique_ptr<Job>> jobs;
  std::vector<std::string> xmls;
  std::vector<Duplicate> found;  // in history, per job
  const auto [exact, smart] = [&] {
    util::Lock lock(mutex_);
    return std::make_pair(rules_.no_dupes != 0, rules_.no_smart_dupes != 0);
  }();
  std::vector<nzb::Nzb> parsed;  // kept only for a retry that takes over a failed job's record
  for (auto& named : *loaded) {
    LoadedNzb n{std::move(named.nzb), named.source, named.job_name, named.password, {}};
    auto job = make_job(n, o);
    if (!job) return job.error();
    if (!o.resume_record.empty()) parsed.push_back(n.nzb);
    (*job)->retry = o.retry;
    (*job)->checks_waived = o.retry;
    xmls.push_back(nzb::write_nzb(n.nzb));
    // The history is asked outside the queue's lock, and only when a rule needs it.
    if (dupes_.key_of) (*job)->duplicate_key = dupes_.key_of((*job)->name);
    Duplicate d;
    if (!o.retry && exact && dupes_.in_history && dupes_.in_history((*job)->name)) d = {DuplicateOf::History, false};
    else if (!o.retry && smart && !(*job)->duplicate_key.empty() && dupes_.key_in_history &&
             dupes_.key_in_history((*job)->duplicate_key))
      d = {DuplicateOf::History, true};
    found.push_back(d);
    jobs.push_back(std::move(*job));
  }
  // The NZBs are written before the lock (nzo_ids are random, folders do not
  // matter here): a 100 KB write per add no longer holds up the queue. A
  // crash now leaves a folder without job.json, which load() removes.
  for (size_t i = 0; i < jobs.size(); ++i)
    if (auto st = store_->save_nzb(jobs[i]->nzo_id, xmls[i], Sync::Later); !st) {
      for (size_t k = 0; k <= i; ++k) store_->remove_job(jobs[k]->nzo_id);
      return st.error();
    }
  std::vector<std::string> ids, discarded;
  std::vector<std::pair<std::string, std::string>> added_names;  // for the event handler
  Status stored = ok_status();
  std::vector<FinishedJob> handed_over;  // failed by a guard, or complete already
  std::vector<std::string> to_sync;  // added jobs whose files the group commit syncs
  bool snapshot = false;             // the order journal could not take an add
  {
  util::Lock lock(mutex_);
  for (size_t i = 0; i < jobs.size(); ++i) {
    auto& job = jobs[i];
    Duplicate dupe = found[i];
    if (dupe.of == DuplicateOf::None && rules_.no_dupes != 0 && queued_name_locked(job->name))
      dupe = {DuplicateOf::Queue, false};
    if (dupe.of == DuplicateOf::None && smart && queued_key_locked(job->duplicate_key))
      dupe = {DuplicateOf::Queue, true};
    IntakeVerdict verdict = apply_intake_rules(*job, rules_, dupe, now_seconds());
    for (const auto& w : verdict.warnings) spdlog::warn("{}", w);
    if (!verdict.discard.empty()) {
      spdlog::warn("{}", verdict.discard);
      discarded.push_back(verdict.discard);
      store_->remove_job(job->nzo_id);
      continue;
    }
    std::error_code ec;
    bool reuse = !o.reuse_folder.empty() && jobs.size() == 1 &&
                 o.reuse_folder.find('/') == std::string::npos && o.reuse_folder != "." && o.reuse_folder != ".." &&
                 fs::is_directory(download_dir_ / o.reuse_folder, ec) && !folder_taken_locked(o.reuse_folder);
    job->folder = reuse ? o.reuse_folder : unique_folder_locked(job->name);
    job->serial = next_serial_++;
    if (reuse && !o.resume_record.empty() && i < parsed.size()) take_over_record(*job, parsed[i], o.resume_record);
    // Written whole but not fsync'd: the group commit below syncs it.
    if (stored = store_->save_job(*job, Sync::Later); !stored) {
      for (size_t k = i; k < jobs.size(); ++k) store_->remove_job(jobs[k]->nzo_id);
      break;  // the jobs added before it are synced and answered
    }
    ids.push_back(job->nzo_id);
    added_names.emplace_back(job->name, job->category);
    spdlog::info("added {} ({} files, {} bytes) as {}", job->name, job->files.size(), job->bytes_total(),
                 job->nzo_id);
    Job* added = job.get();
    size_t index = insert_by_priority_locked(std::move(job));
    // Journaled after the job's files: a job in the order always has them.
    if (!journal_add_locked(added->nzo_id, index)) snapshot = true;
    to_sync.push_back(added->nzo_id);
    // Stored first, so a crash before history has it still leaves the job.
    if (!verdict.fail.empty()) {
      abort_locked(*added, verdict.fail, handed_over);
    } else if (added->all_done() && !added->checking) {
      // A retry whose articles were all written before: straight to post-processing.
      active_locked(*added);
      maybe_finish_locked(*added, handed_over);
    }
  }
  if (snapshot) save_order_locked();
  }
  // Answered means durable: the add returns once its files, folder and order
  // record are fsync'd, in one pass with the adds that came meanwhile.
  std::vector<fs::path> paths;
  for (const auto& id : to_sync) {
    auto p = store_->written_paths(id);
    paths.insert(paths.end(), p.begin(), p.end());
  }
  if (auto st = commit_.sync(paths); !st) spdlog::error("storing added jobs failed: {}", st.message());
  deliver(handed_over);
  pool_->wake();
  if (events_)
    for (const auto& [name, category] : added_names) events_(Event::Added, name, category);
  if (ids.empty() && !stored) return stored.error();
  if (ids.empty() && !discarded.empty()) return make_error(discarded.front());
  return ids;
}

Result<std::vector<std::string>> Queue::add_local_file(const fs::path& path, const AddOptions& o) {
  auto data = read_file(path);
  if (!data) return data.error();
  return add_data(*data, path.filename().string(), o);
}

}  // namespace nzbd::queue
