#include "postproc/postproc.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <thread>

#include "postproc/steps.h"

namespace nzbd::postproc {
namespace fs = std::filesystem;

PostProcessor::PostProcessor(config::ConfigStore& config, history::History& history, queue::Queue& queue)
    : config_(config), history_(history), queue_(queue), direct_(config, queue) {
  queue_.set_file_listener([this](const queue::FileEvent& e) { direct_.on_event(e); });
}

// A full disk or a database another process holds often clears within a
// moment, so a failed write is tried again before it is reported. Reported
// at error level, it also lands in SABnzbd's `warnings` list.
Status PostProcessor::write_history(const std::string& job_name, const std::string& what,
                                    const std::function<Status()>& write) {
  auto delay = kHistoryRetryDelay;
  Status st = write();
  for (int attempt = 1; !st && attempt < kHistoryWriteAttempts; ++attempt) {
    std::this_thread::sleep_for(delay);
    delay *= 2;
    st = write();
  }
  if (!st)
    spdlog::error("history: cannot record {} of {} ({} attempts): {}", what, job_name, kHistoryWriteAttempts,
                  st.message());
  return st;
}

PostProcessor::~PostProcessor() { stop(); }

void PostProcessor::start() { thread_ = std::thread([this] { run(); }); }

void PostProcessor::stop() {
  {
    util::Lock lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  direct_.stop_all();
}

void PostProcessor::submit(queue::FinishedJob job) {
  // A row still marked loaded is from a run that died while post-processing;
  // if it had already moved the files to their final folder, resume there.
  // `storage` names that folder before the move, and the folder exists only
  // once the move is whole; what is left of the job folder (a copy across
  // file systems killed while removing its source) goes.
  std::optional<std::filesystem::path> placed;
  if (auto prev = history_.get(job.job.nzo_id); prev && prev->loaded && !prev->storage.empty()) {
    std::error_code ec;
    if (fs::is_directory(prev->storage, ec)) {
      placed = prev->storage;
      if (fs::exists(job.folder, ec) && !fs::equivalent(job.folder, prev->storage, ec)) fs::remove_all(job.folder, ec);
    }
  }
  // The row exists from now on, so the job is visible in history at once.
  // When it cannot be written, the job still runs: its final row is what
  // decides whether the queue record goes.
  auto e = entry_for(job);
  (void)write_history(job.job.name, "the start of post-processing", [&] { return history_.put(e); });
  {
    util::Lock lock(mutex_);
    if (placed) placed_[job.job.nzo_id] = *placed;
    jobs_.push_back(std::move(job));
  }
  cv_.notify_all();
}

void PostProcessor::record_failure(const queue::Job& job, const std::string& reason) {
  history::Entry e;
  e.nzo_id = job.nzo_id;
  e.name = job.url.empty() ? job.name : job.url;
  e.nzb_name = e.name;
  e.category = job.category.empty() ? "*" : job.category;
  e.status = history::JobStatus::Failed;
  e.fail_message = reason;
  e.url = job.url;
  e.report = "future";
  e.time_added = job.time_added;
  e.completed = unix_now();
  e.script = "None";
  add_stage(e, "Source", job.url);
  if (write_history(e.name, "the failed fetch", [&] { return history_.put(e); }) && on_finished_)
    on_finished_(e.nzo_id);
}

void PostProcessor::pause() {
  util::Lock lock(mutex_);
  paused_ = true;
}

void PostProcessor::resume() {
  {
    util::Lock lock(mutex_);
    paused_ = false;
  }
  cv_.notify_all();
}

bool PostProcessor::paused() const {
  util::Lock lock(mutex_);
  return paused_;
}

bool PostProcessor::idle() const {
  util::Lock lock(mutex_);
  return jobs_.empty();
}

void PostProcessor::run() {
  util::Lock lock(mutex_);
  while (true) {
    // A cancelled job is recorded even while post-processing is paused.
    // A loop, not wait(lock, pred): the analysis does not see the lock inside a lambda.
    while (!(stop_ || (!jobs_.empty() && (!paused_ || !jobs_.front().abort_reason.empty()))))
      cv_.wait(lock.native());
    if (stop_) return;
    queue::FinishedJob job = std::move(jobs_.front());
    jobs_.pop_front();
    current_ = job.job.nzo_id;
    cancel_current_ = false;
    lock.unlock();
    process(job);
    lock.lock();
    current_.clear();
  }
}

bool PostProcessor::cancel(const std::string& nzo_id) {
  {
    util::Lock lock(mutex_);
    if (!current_.empty() && current_ == nzo_id) {
      cancel_current_ = true;
      return true;
    }
    auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const auto& j) { return j.job.nzo_id == nzo_id; });
    if (it == jobs_.end()) return false;
    queue::FinishedJob job = std::move(*it);
    jobs_.erase(it);
    job.abort_reason = kCancelled;
    jobs_.push_front(std::move(job));
  }
  cv_.notify_all();
  spdlog::info("post-processing of {} cancelled", nzo_id);
  return true;
}

// history_retention_option, applied after every job as SABnzbd does.
void PostProcessor::prune_history(const config::Config& cfg) {
  auto rule = history::parse_retention(cfg.misc("history_retention_option"), cfg.misc_int("history_retention_number"),
                                       cfg.misc("history_retention"));
  auto pruned = history_.prune(rule, unix_now());
  if (!pruned) spdlog::warn("history retention: {}", pruned.message());
  else if (*pruned > 0) spdlog::info("history retention: {} completed jobs {}", *pruned, rule.archive ? "archived" : "deleted");
}

}  // namespace nzbd::postproc
