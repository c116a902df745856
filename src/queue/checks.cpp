// The queue's side of the rules that spare users bad releases: jobs taken
// out early (aborted into history), propagation waits, and the look into
// finished RAR volumes for encryption and unwanted entries.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "queue/internal.h"
#include "util/strings.h"

namespace nzbd::queue {

FinishedJob Queue::take_out_locked(Job& job) {
  FinishedJob f;
  f.folder = download_dir_ / job.folder;
  f.nzb_path = (store_->job_dir(job.nzo_id) / "job.nzb").string();
  if (auto at = active_.find(job.serial); at != active_.end()) {
    f.segments = std::move(at->second->table.done);
    f.download_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::steady_clock::now() - at->second->started).count();
    retire_active_locked(job.serial);
  }
  // Everything on disk, also what earlier rounds (before a restart or a
  // fetch of recovery volumes) wrote.
  for (const auto& file : f.segments)
    for (const auto& s : file) f.downloaded_bytes += s.size;
  by_serial_.erase(job.serial);
  for (auto it = order_.begin(); it != order_.end(); ++it)
    if (it->get() == &job) {
      f.job = std::move(**it);
      order_.erase(it);
      break;
    }
  save_order_locked();
  return f;
}

void Queue::retire_active_locked(uint32_t serial) {
  auto at = active_.find(serial);
  if (at == active_.end()) return;
  if (at->second->table.in_flight > 0) retired_[serial] = std::move(at->second);
  active_.erase(at);
}

bool Queue::settle_retired_locked(uint64_t token) {
  auto it = retired_.find(token_serial(token));
  if (it == retired_.end()) return false;
  auto& table = it->second->table;
  if (token_file(token) < table.files.size() && token_seg(token) < table.files[token_file(token)].size())
    table.files[token_file(token)][token_seg(token)].state = SegState::Pending;
  if (table.in_flight > 0) table.in_flight--;
  if (table.in_flight == 0) retired_.erase(it);
  return true;
}

Queue::ArticleOwner Queue::owner_locked(uint64_t token) {
  auto jt = by_serial_.find(token_serial(token));
  auto at = active_.find(token_serial(token));
  if (jt == by_serial_.end() || at == active_.end()) {
    settle_retired_locked(token);
    return {};
  }
  return {jt->second, at->second.get(), &at->second->table.files[token_file(token)][token_seg(token)]};
}

void Queue::abort_locked(Job& job, const std::string& reason, std::vector<FinishedJob>& out) {
  // Articles still in flight find the job gone and are dropped; what is on
  // disk stays in the job folder for a retry.
  FinishedJob f = take_out_locked(job);
  f.abort_reason = reason;
  spdlog::warn("{}: {}", f.job.name, reason);
  out.push_back(std::move(f));
}

bool Queue::queued_name_locked(const std::string& name) const {
  for (const auto& j : order_)
    if (iequals(j->name, name)) return true;
  return false;
}

void Queue::on_stat(size_t server, const nntp::ArticleRef& ref) {
  std::vector<FinishedJob> finished;
  {
    util::Lock lock(mutex_);
    auto owner = owner_locked(ref.token);
    if (!owner.job || owner.seg->state != SegState::InFlight) return;
    owner.seg->state = SegState::Done;
    owner.active->table.in_flight--;
    owner.job->files[token_file(ref.token)].segments_done++;
    maybe_finish_locked(*owner.job, finished);
  }
  deliver(finished);
  pool_->wake();
}

// Every article was asked about: download for real when enough is there
// (from a fresh article table, as SABnzbd rebuilds the job), else fail now.
void Queue::finish_check_locked(Job& job, std::vector<FinishedJob>& out) {
  double available = availability_percent(job);
  if (available < rules_.req_completion_rate) {
    abort_locked(job, pre_check_failure(available, rules_.req_completion_rate), out);
    return;
  }
  spdlog::info("{}: pre-check passed ({:.1f}% available)", job.name, std::min(available, 100.0));
  retire_active_locked(job.serial);
  for (auto& f : job.files) {
    f.segments_done = 0;
    f.bytes_done = 0;
    f.bytes_missing = 0;
  }
  job.checking = false;
  save_job_locked(job);
}

void Queue::settle_jobs() {
  std::vector<FinishedJob> finished;
  {
    util::Lock lock(mutex_);
    std::vector<Job*> jobs;
    for (auto& j : order_)
      if (active_.count(j->serial)) jobs.push_back(j.get());
    for (Job* j : jobs) {
      Active& a = *active_.at(j->serial);
      if (job_is_hopeless(*j, a.bad_articles, rules_)) abort_locked(*j, kFailHopeless, finished);
      else maybe_finish_locked(*j, finished);
    }
  }
  deliver(finished);
}

bool Queue::queued_key_locked(const std::string& key) const {
  if (key.empty()) return false;
  for (const auto& j : order_)
    if (j->duplicate_key == key) return true;
  return false;
}

void Queue::settle_alternatives(const std::string& name, const std::string& key, bool failed) {
  std::vector<FinishedJob> out;
  std::vector<std::string> discard;
  {
    util::Lock lock(mutex_);
    std::vector<std::pair<Job*, bool>> alternatives;  // (job, found by its key)
    for (auto& j : order_) {
      if (std::find(j->labels.begin(), j->labels.end(), kLabelAlternative) == j->labels.end()) continue;
      if (iequals(j->name, name)) alternatives.emplace_back(j.get(), false);
      else if (!key.empty() && j->duplicate_key == key) alternatives.emplace_back(j.get(), true);
    }
    if (alternatives.empty()) return;
    if (failed) {
      Job* next = alternatives.front().first;
      std::erase(next->labels, std::string(kLabelAlternative));
      next->paused = false;
      save_job_locked(*next);
      spdlog::info("{} failed; its alternative {} downloads now", name, next->name);
    } else {
      for (auto [job, smart] : alternatives) {
        int mode = smart ? rules_.no_smart_dupes : rules_.no_dupes;
        if (mode == 1) {
          discard.push_back(job->nzo_id);
        } else if (mode == 3) {
          abort_locked(*job, kFailDuplicate, out);
        } else {
          std::erase(job->labels, std::string(kLabelAlternative));
          add_label(*job, kLabelDuplicate);
          save_job_locked(*job);
        }
      }
    }
  }
  deliver(out);
  if (!discard.empty()) delete_jobs(discard, true);
  pool_->wake();
}

void Queue::release_propagated_locked(int64_t now) {
  bool released = false;
  for (auto& j : order_)
    if (j->propagate_until > 0 && j->propagate_until <= now) {
      j->propagate_until = 0;
      save_job_locked(*j);
      released = true;
    }
  if (released) pool_->wake();
}

// pause_on_pwrar and unwanted extensions inside archives, on the first RAR
// volume of a job that finishes (SABnzbd's assembler does the same per volume;
// one is enough to know, and the rest would cost a read each).
void Queue::inspect_archives(std::vector<Inspection> todo) {
  if (!inspector_) return;
  std::vector<FinishedJob> aborted;
  for (auto& item : todo) {
    auto facts = inspector_(item.path);
    if (!facts) continue;
    util::Lock lock(mutex_);
    Job* job = find_locked(item.nzo_id);
    if (!job) continue;
    if (auto at = active_.find(job->serial); at != active_.end()) at->second->archive_checked = true;
    if (job->checks_waived || job->retry) continue;
    std::string unwanted;
    for (const auto& n : facts->names)
      if (unwanted.empty() && is_unwanted_name(n, rules_)) unwanted = n;
    // A password the user gave is tried at unpack; only a job without one is held.
    bool encrypted = facts->encrypted && job->password.empty() && rules_.pause_on_pwrar > 0;
    if (!unwanted.empty() && rules_.unwanted_action > 0) {
      spdlog::warn("In \"{}\" unwanted extension in RAR file. Unwanted file is {}", job->name, unwanted);
      if (rules_.unwanted_action == 2) {
        abort_locked(*job, kFailUnwanted, aborted);
        continue;
      }
      add_label(*job, kLabelUnwanted);
      job->paused = true;
      save_job_locked(*job);
    }
    if (encrypted) {
      if (rules_.pause_on_pwrar == 2) {
        spdlog::warn("Aborted job \"{}\" because of encrypted RAR file (if supplied, all passwords were tried)",
                     job->name);
        abort_locked(*job, kFailEncrypted, aborted);
        continue;
      }
      spdlog::warn("Paused job \"{}\" because of encrypted RAR file (if supplied, all passwords were tried)",
                   job->name);
      add_label(*job, kLabelEncrypted);
      job->paused = true;
      save_job_locked(*job);
    }
  }
  deliver(aborted);
}

}  // namespace nzbd::queue
