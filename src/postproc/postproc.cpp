#include "postproc/postproc.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "postproc/deobfuscate.h"
#include "postproc/repair_step.h"
#include "postproc/script_step.h"
#include "postproc/steps.h"
#include "postproc/unpack_step.h"
#include "unpack/direct.h"
#include "util/files.h"

namespace nzbd::postproc {
namespace fs = std::filesystem;

namespace {

// Times each post-processing stage from its status to the next status (or
// the end of the job) for /metrics.
class StageClock {
 public:
  using Report = std::function<void(const std::string&, double)>;
  explicit StageClock(const Report& report) : report_(report) {}
  ~StageClock() { leave(); }
  void enter(const char* stage) {
    leave();
    stage_ = stage;
    started_ = std::chrono::steady_clock::now();
  }
  void leave() {
    if (stage_.empty() || !report_) return;
    report_(stage_, std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    stage_.clear();
  }

 private:
  const Report& report_;
  std::string stage_;
  std::chrono::steady_clock::time_point started_;
};
int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

history::Entry entry_for(const queue::FinishedJob& f) {
  history::Entry e;
  const auto& j = f.job;
  e.nzo_id = j.nzo_id;
  e.name = j.name;
  e.nzb_name = j.nzb_name.empty() ? j.name + ".nzb" : j.nzb_name;
  e.category = j.category.empty() ? "*" : j.category;
  e.pp = pp_letters(j.pp);
  e.script = j.script.empty() || j.script == "Default" ? "None" : j.script;
  e.status = "Queued";
  e.path = f.folder.string();
  e.password = j.password;
  e.bytes = static_cast<int64_t>(f.downloaded_bytes);
  e.downloaded = e.bytes;
  e.time_added = j.time_added;
  e.download_time = f.download_seconds;
  e.loaded = true;
  e.url = j.url;
  e.duplicate_key = j.duplicate_key;
  add_stage(e, "Source", j.nzb_name.empty() ? j.name : j.nzb_name);
  return e;
}
}  // namespace

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
  e.status = "Failed";
  e.fail_message = reason;
  e.url = job.url;
  e.report = "future";
  e.time_added = job.time_added;
  e.completed = now();
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

void PostProcessor::process(queue::FinishedJob& job) {
  auto started = std::chrono::steady_clock::now();
  if (on_started_) on_started_(job.job);
  config::Config cfg = config_.read([](const config::Config& c) { return c; });
  history::Entry entry = entry_for(job);
  JobContext ctx{job, entry, cfg, job.folder, {}, [this] { return cancel_current_.load(); }};
  // What direct unpack made of the job while it downloaded: used only when
  // nothing is repaired; every volume it could get is there by now.
  DirectUnpacks::Unpackers direct = direct_.take(job.job.nzo_id);
  for (auto& d : direct) d->no_more_volumes();
  // Checked between the steps; unpacking also polls it.
  auto stop_if_cancelled = [&] {
    if (cancel_current_ && ctx.fail.empty()) ctx.fail = kCancelled;
  };
  StageClock clock(figures_.stage_done);
  auto set_status = [&](const char* status, const std::string& action) {
    clock.enter(status);
    entry.status = status;
    entry.action_line = action;
    // A status row that cannot be written costs only the display of progress.
    (void)write_history(job.job.name, std::string("the status ") + status, [&] { return history_.put(entry); });
  };

  std::optional<fs::path> placed;
  {
    util::Lock lock(mutex_);
    if (auto it = placed_.find(job.job.nzo_id); it != placed_.end()) {
      placed = it->second;
      placed_.erase(it);
    }
  }
  if (placed) {
    // Verified, unpacked and moved before a restart: only what follows remains.
    ctx.work_dir = *placed;
    entry.storage = placed->string();
    add_stage(entry, "Resume", "Files already in " + placed->string());
  } else if (!job.abort_reason.empty()) {
    // Given up by the queue (a rule such as fail_hopeless_jobs): nothing to verify or unpack.
    ctx.fail = job.abort_reason;
  } else {
    check_completeness(ctx);
  }
  if (!placed && ctx.fail.empty() && job.job.pp >= 1) {
    auto decision = verify_and_repair(ctx, [&](const char* status) { set_status(status, status); });
    if (decision.repaired_blocks > 0 && figures_.blocks_repaired) figures_.blocks_repaired(decision.repaired_blocks);
    if (decision.repaired || decision.outcome != RepairOutcome::Ok) direct.clear();
    if (decision.outcome == RepairOutcome::NeedVolumes) {
      // Back to the queue for the volumes; it returns here when they are in.
      // A row left behind shows as post-processing until the job is back here.
      (void)write_history(job.job.name, "the return to the queue",
                          [&] { return history_.remove({job.job.nzo_id}, false); });
      queue_.requeue_for_files(std::move(job), decision.volumes);
      return;
    }
  }
  stop_if_cancelled();
  if (!placed && ctx.fail.empty()) {
    set_status("Extracting", "Unpacking");
    unpack_and_clean(ctx, DirectUnpacks::results(direct, job.job.name));
    if (cancel_current_) ctx.fail = kCancelled;  // whatever unpacking made of being stopped
  }
  // Unused direct-unpack output (or a killed run's) goes before anything moves.
  direct.clear();
  if (!placed) unpack::remove_direct_leftovers(ctx.work_dir);
  stop_if_cancelled();
  if (!placed && ctx.fail.empty()) rename_obfuscated_largest(ctx);
  if (!placed && ctx.fail.empty()) {
    set_status("Moving", "Moving");
    std::error_code ec;
    if (!fs::exists(ctx.work_dir, ec)) fs::create_directories(ctx.work_dir, ec);
    // Where the files are going, before they go: a kill -9 after the move
    // (or a copy across file systems renamed into place) resumes there.
    auto announce = [&] { (void)write_history(job.job.name, "the target folder", [&] { return history_.put(entry); }); };
    if (auto st = move_to_final(ctx, announce); !st) ctx.fail = st.message();
    // Where the files are now, in case of a crash from here on; without it a
    // restart finds the job folder gone and fails the job instead of resuming.
    else (void)write_history(job.job.name, "the final folder", [&] { return history_.put(entry); });
  }

  if (!job.job.script.empty() && job.job.script != "None" && job.job.script != "Default") {
    set_status("Running", "Running script");
    run_script_step(ctx);
  }

  clock.leave();
  entry.loaded = false;
  entry.action_line = "";
  entry.completed = now();
  entry.postproc_time = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::steady_clock::now() - started).count();
  if (ctx.fail.empty()) {
    entry.status = "Completed";
    entry.fail_message = "";
  } else {
    entry.status = "Failed";
    entry.fail_message = ctx.fail;
    entry.storage = "";
    // Keep the queue record (NZB, job record, journal of written articles) so
    // a retry can reuse the job folder and fetch only what is not there yet.
    fs::path keep = cfg.resolve_dir("admin_dir") / "history" / job.job.nzo_id;
    fs::path record = fs::path(job.nzb_path).parent_path();
    std::error_code ec;
    fs::create_directories(keep, ec);
    fs::copy_file(job.nzb_path, keep / "job.nzb", fs::copy_options::overwrite_existing, ec);
    if (!ec) {
      entry.nzb_path = (keep / "job.nzb").string();
      entry.retry = true;
      for (const char* name : {"job.json", "journal.bin"}) {
        std::error_code copy_ec;
        if (fs::exists(record / name, copy_ec))
          fs::copy_file(record / name, keep / name, fs::copy_options::overwrite_existing, copy_ec);
      }
    }
    spdlog::warn("{} failed: {}", job.job.name, ctx.fail);
  }
  if (!write_history(job.job.name, "the result", [&] { return history_.put(entry); })) {
    // Without its final row the job would vanish from queue and history
    // alike: its queue record stays, so the next start post-processes it again.
    spdlog::error("{} stays in the queue folder and is post-processed again at the next start", job.job.name);
    return;
  }
  queue_.forget(job.job.nzo_id);
  spdlog::info("{}: {}", job.job.name, entry.status);
  prune_history(cfg);
  if (on_finished_) on_finished_(job.job.nzo_id);
}

// history_retention_option, applied after every job as SABnzbd does.
void PostProcessor::prune_history(const config::Config& cfg) {
  auto rule = history::parse_retention(cfg.misc("history_retention_option"), cfg.misc_int("history_retention_number"),
                                       cfg.misc("history_retention"));
  auto pruned = history_.prune(rule, now());
  if (!pruned) spdlog::warn("history retention: {}", pruned.message());
  else if (*pruned > 0) spdlog::info("history retention: {} completed jobs {}", *pruned, rule.archive ? "archived" : "deleted");
}

}  // namespace nzbd::postproc
