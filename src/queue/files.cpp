// Files inside a job: delete_nzf, move_nzf_bulk, and fetching held-back
// recovery volumes for a repair.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "queue/internal.h"

namespace nzbd::queue {

std::vector<std::string> Queue::delete_files(const std::string& id, const std::vector<std::string>& nzf_ids) {
  std::vector<std::string> removed;
  util::Lock lock(mutex_);
  Job* j = find_locked(id);
  if (!j) return removed;
  for (auto& f : j->files)
    if (!f.removed && std::find(nzf_ids.begin(), nzf_ids.end(), f.nzf_id) != nzf_ids.end()) {
      f.removed = true;
      removed.push_back(f.nzf_id);
    }
  if (!removed.empty()) save_job_locked(*j);
  return removed;
}

bool Queue::move_files(const std::string& id, const std::vector<std::string>& nzf_ids, const std::string& where,
                       int size) {
  util::Lock lock(mutex_);
  Job* j = find_locked(id);
  if (!j || active_.count(j->serial)) return false;  // the article cursor follows file order
  if ((where == "up" || where == "down") && size <= 0) return false;
  auto& files = j->files;
  auto selected = [&](const JobFile& f) {
    return std::find(nzf_ids.begin(), nzf_ids.end(), f.nzf_id) != nzf_ids.end();
  };
  if (where == "top") {
    std::stable_partition(files.begin(), files.end(), selected);
  } else if (where == "bottom") {
    std::stable_partition(files.begin(), files.end(), [&](const JobFile& f) { return !selected(f); });
  } else if (where == "up" || where == "down") {
    for (int step = 0; step < size; ++step) {
      if (where == "up") {
        for (size_t i = 1; i < files.size(); ++i)
          if (selected(files[i]) && !selected(files[i - 1])) std::swap(files[i], files[i - 1]);
      } else {
        for (size_t i = files.size() - 1; i > 0; --i)
          if (selected(files[i - 1]) && !selected(files[i])) std::swap(files[i], files[i - 1]);
      }
    }
  } else {
    return false;
  }
  save_job_locked(*j);
  return true;
}

void Queue::requeue_for_files(FinishedJob finished, const std::vector<size_t>& file_indexes) {
  auto job = std::make_unique<Job>(std::move(finished.job));
  for (size_t i : file_indexes)
    if (i < job->files.size()) job->files[i].held_back = false;
  job->fetching = true;
  {
    util::Lock lock(mutex_);
    job->serial = next_serial_++;
    save_job_locked(*job);
    // A repair waits on it: put it first among its priority.
    auto it = order_.begin();
    while (it != order_.end() && (*it)->priority > job->priority) ++it;
    index_job_locked(job.get());
    order_.insert(it, std::move(job));
    save_order_locked();
  }
  pool_->wake();
}

void Queue::settle_journals() { writer_->barrier(); }

void Queue::forget(const std::string& nzo_id) {
  // Journal records of the job still queued on the writer would make its
  // record folder again while it is being removed.
  writer_->barrier();
  util::Lock lock(mutex_);
  if (!find_locked(nzo_id)) store_->remove_job(nzo_id);
}

}  // namespace nzbd::queue
