// The SABnzbd queue operations: pause, delete, move, priority, rename, ...
#include <spdlog/spdlog.h>

#include <algorithm>

#include "queue/internal.h"
#include "util/files.h"
#include "util/strings.h"

namespace nzbd::queue {
namespace fs = std::filesystem;

Job* Queue::find_locked(const std::string& id) {
  for (auto& j : order_)
    if (j->nzo_id == id) return j.get();
  return nullptr;
}

void Queue::pause_all(int64_t minutes) {
  bool was_paused;
  {
    util::Lock lock(mutex_);
    was_paused = std::exchange(paused_, true);
    pause_until_ = minutes > 0 ? now_seconds() + minutes * 60 : 0;
  }
  // Force jobs still download, so the pool keeps asking.
  pool_->wake();
  if (!was_paused && events_) events_(Event::Paused, "", "");
}

void Queue::resume_all() {
  bool was_paused;
  {
    util::Lock lock(mutex_);
    was_paused = std::exchange(paused_, false);
    pause_until_ = 0;
    disk_paused_ = false;
    disk_wait_.reset();
  }
  pool_->set_paused(false);
  pool_->wake();
  if (was_paused && events_) events_(Event::Resumed, "", "");
}

std::vector<std::string> Queue::pause_jobs(const std::vector<std::string>& ids) {
  std::vector<FileEvent> events;
  {
    util::Lock lock(mutex_);
    for (const auto& id : ids)
      if (Job* j = find_locked(id)) {
        j->paused = true;
        save_job_locked(*j);
        if (file_listener_) events.push_back(file_event_locked(*j, FileEvent::Paused));
      }
  }
  for (const auto& e : events) file_listener_(e);
  return ids;
}

std::vector<std::string> Queue::resume_jobs(const std::vector<std::string>& ids) {
  {
    util::Lock lock(mutex_);
    for (const auto& id : ids)
      if (Job* j = find_locked(id)) {
        j->paused = false;
        // The user has seen why it was held: SABnzbd does not hold it again.
        size_t labels = j->labels.size();
        remove_check_labels(*j);
        if (j->labels.size() != labels) j->checks_waived = true;
        save_job_locked(*j);
      }
  }
  pool_->wake();
  return ids;
}

std::vector<std::string> Queue::delete_jobs(const std::vector<std::string>& ids, bool del_files) {
  std::vector<std::string> removed;
  std::vector<fs::path> folders;
  std::vector<FileEvent> events;
  {
    util::Lock lock(mutex_);
    for (const auto& id : ids) {
      auto it = std::find_if(order_.begin(), order_.end(), [&](const auto& j) { return j->nzo_id == id; });
      if (it == order_.end()) continue;
      Job& j = **it;
      if (file_listener_) events.push_back(file_event_locked(j, FileEvent::Removed));
      retire_active_locked(j.serial);
      by_serial_.erase(j.serial);
      for (auto& s : servers_)
        std::erase_if(s.retry, [&](uint64_t t) { return token_serial(t) == j.serial; });
      if (del_files && !j.folder.empty() && is_within(download_dir_, download_dir_ / j.folder))
        folders.push_back(download_dir_ / j.folder);
      writer_->close_job(j.serial);
      store_->remove_job(j.nzo_id);
      removed.push_back(j.nzo_id);
      order_.erase(it);
    }
    if (!removed.empty()) save_order_locked();
  }
  writer_->flush();  // nothing of theirs is written after the folders go
  for (const auto& e : events) file_listener_(e);  // a direct unpack stops before its folder goes
  for (const auto& f : folders) {
    std::error_code ec;
    fs::remove_all(f, ec);
  }
  return removed;
}

std::vector<std::string> Queue::delete_all(const std::string& search, bool del_files) {
  std::vector<std::string> ids;
  {
    util::Lock lock(mutex_);
    std::string needle = to_lower(search);
    for (const auto& j : order_)
      if (needle.empty() || to_lower(j->name).find(needle) != std::string::npos) ids.push_back(j->nzo_id);
  }
  return delete_jobs(ids, del_files);
}

namespace {
// The range of indexes a job of priority p may occupy in a priority-sorted queue.
std::pair<int, int> priority_band(const std::vector<std::unique_ptr<Job>>& order, const Job* self, int p) {
  int first = 0, last = 0, idx = 0;
  for (const auto& j : order) {
    if (j.get() == self) continue;
    if (j->priority > p) first = idx + 1;
    if (j->priority >= p) last = idx + 1;
    ++idx;
  }
  return {first, last};
}
}  // namespace

std::optional<std::pair<int, int>> Queue::move_job(const std::string& id, int to) {
  util::Lock lock(mutex_);
  auto it = std::find_if(order_.begin(), order_.end(), [&](const auto& j) { return j->nzo_id == id; });
  if (it == order_.end()) return std::nullopt;
  auto job = std::move(*it);
  order_.erase(it);
  auto [first, last] = priority_band(order_, nullptr, job->priority);
  int pos = std::clamp(to, first, last);
  int priority = job->priority;
  order_.insert(order_.begin() + pos, std::move(job));
  save_order_locked();
  return std::make_pair(pos, priority);
}

std::optional<std::pair<int, int>> Queue::move_before(const std::string& id, const std::string& other) {
  int target = -1;
  {
    util::Lock lock(mutex_);
    int idx = 0, self = -1;
    for (const auto& j : order_) {
      if (j->nzo_id == other) target = idx;
      if (j->nzo_id == id) self = idx;
      ++idx;
    }
    if (target < 0 || self < 0) return std::nullopt;
    if (self < target) --target;  // indexes shift once the job is taken out
  }
  return move_job(id, target);
}

int Queue::set_priority(const std::vector<std::string>& ids, int priority) {
  int position = -1;
  {
    util::Lock lock(mutex_);
    for (size_t n = 0; n < ids.size(); ++n) {
      auto it = std::find_if(order_.begin(), order_.end(), [&](const auto& j) { return j->nzo_id == ids[n]; });
      if (it == order_.end()) continue;
      auto job = std::move(*it);
      order_.erase(it);
      if (priority == kPausedPriority) job->paused = true;
      else if (priority >= kLowPriority && priority <= kForcePriority) job->priority = priority;
      else if (priority == kDefaultPriority) job->priority = kNormalPriority;
      // Other values leave it Normal, as SABnzbd shows them.
      else job->priority = kNormalPriority;
      save_job_locked(*job);
      Job* raw = job.get();
      insert_by_priority_locked(std::move(job));
      if (n == 0) {
        int idx = 0;
        for (const auto& j : order_) {
          if (j.get() == raw) position = idx;
          ++idx;
        }
      }
    }
    save_order_locked();
  }
  pool_->wake();
  return position;
}

// As SABnzbd: the job takes the new category's post-processing, script and
// priority (the default category's where it sets none) along with its name.
bool Queue::change_category(const std::vector<std::string>& ids, const std::string& cat) {
  std::string wanted = cat.empty() || cat == "None" || iequals(cat, "Default") ? "*" : cat;
  auto d = config_.read([&](const config::Config& c) { return resolve_category(c, wanted); });
  std::vector<std::string> changed;
  {
    util::Lock lock(mutex_);
    for (const auto& id : ids)
      if (Job* j = find_locked(id)) {
        j->category = d.name;
        j->pp = d.pp;
        j->script = d.script;
        save_job_locked(*j);
        if (j->priority != d.priority) changed.push_back(id);
      }
    if (changed.empty()) {
      bool any = false;  // a loop, not any_of: the analysis does not see the lock inside a lambda
      for (const auto& id : ids) any = any || find_locked(id) != nullptr;
      return any;
    }
  }
  set_priority(changed, d.priority);
  return true;
}

bool Queue::change_script(const std::vector<std::string>& ids, const std::string& script) {
  util::Lock lock(mutex_);
  bool any = false;
  for (const auto& id : ids)
    if (Job* j = find_locked(id)) {
      j->script = script;
      save_job_locked(*j);
      any = true;
    }
  return any;
}

bool Queue::change_pp(const std::vector<std::string>& ids, int pp) {
  if (pp < 0 || pp > 3) return false;
  util::Lock lock(mutex_);
  bool any = false;
  for (const auto& id : ids)
    if (Job* j = find_locked(id)) {
      j->pp = pp;
      save_job_locked(*j);
      any = true;
    }
  return any;
}

bool Queue::rename(const std::string& id, const std::string& name, const std::optional<std::string>& password) {
  util::Lock lock(mutex_);
  Job* j = find_locked(id);
  if (!j) return false;
  auto [clean, pw] = nzb::split_password(name);
  if (!clean.empty()) j->name = nzb::clean_job_name(clean);
  if (!pw.empty()) j->password = pw;
  if (password) j->password = *password;
  save_job_locked(*j);
  return true;
}

void Queue::sort(const std::string& key, bool descending) {
  util::Lock lock(mutex_);
  auto value = [&](const Job& j) -> double {
    if (key == "avg_age") return static_cast<double>(-j.average_date());
    if (key == "size") return static_cast<double>(j.bytes_total());
    if (key == "remaining") return j.bytes_total() ? 1.0 - double(j.bytes_left()) / double(j.bytes_total()) : 0;
    return 0;
  };
  std::stable_sort(order_.begin(), order_.end(), [&](const auto& a, const auto& b) {
    if (a->priority != b->priority) return a->priority > b->priority;
    if (key == "name") {
      int c = nzb::natural_compare(a->name, b->name);
      return descending ? c > 0 : c < 0;
    }
    return descending ? value(*a) > value(*b) : value(*a) < value(*b);
  });
  save_order_locked();
}

void Queue::set_speed_limit(uint64_t bps, double percent) {
  {
    util::Lock lock(mutex_);
    speed_limit_ = bps;
    speed_limit_percent_ = percent;
  }
  pool_->set_speed_limit(bps);
}

void Queue::set_finish_action(const std::string& action) {
  util::Lock lock(mutex_);
  finish_action_ = action;
}

}  // namespace nzbd::queue
