// One job's post-processing as the list of its steps (see steps_of), and
// what is recorded when they are done.
#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include "postproc/deobfuscate.h"
#include "postproc/postproc.h"
#include "postproc/repair_step.h"
#include "postproc/script_step.h"
#include "postproc/steps.h"
#include "postproc/unpack_step.h"
#include "unpack/direct.h"

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
  StageClock(const StageClock&) = delete;
  StageClock& operator=(const StageClock&) = delete;
  void enter(std::string_view stage) {
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

bool has_script(const queue::Job& job) { return !job.script.empty() && job.script != "None" && job.script != "Default"; }

}  // namespace

// What the steps of one job share.
struct PostProcessor::JobRun {
  JobRun(PostProcessor& pp, queue::FinishedJob& j)
      : job(j),
        cfg(pp.config_.read([](const config::Config& c) { return c; })),
        entry(entry_for(j)),
        ctx{j, entry, cfg, j.folder, {}, [p = &pp] { return p->cancel_current_.load(); }, false},
        clock(pp.figures_.stage_done) {}
  queue::FinishedJob& job;
  config::Config cfg;
  history::Entry entry;
  JobContext ctx;
  // What direct unpack made of the job while it downloaded: used only when
  // nothing is repaired; every volume it could get is there by now.
  DirectUnpacks::Unpackers direct;
  StageClock clock;
  std::chrono::steady_clock::time_point started;
};

void PostProcessor::process(queue::FinishedJob& job) {
  auto started = std::chrono::steady_clock::now();
  if (on_started_) on_started_(job.job);
  JobRun run(*this, job);
  run.started = started;
  run.direct = direct_.take(job.job.nzo_id);
  for (auto& d : run.direct) d->no_more_volumes();
  std::optional<fs::path> placed;
  {
    util::Lock lock(mutex_);
    if (auto it = placed_.find(job.job.nzo_id); it != placed_.end()) {
      placed = it->second;
      placed_.erase(it);
    }
  }
  run_steps(placed ? resume_steps(run, *placed) : steps_of(run), run.ctx, kCancelled);
  if (run.ctx.handed_back) return;
  finish(run);
}

void PostProcessor::set_status(JobRun& run, history::JobStatus status, const std::string& action) {
  const std::string text(history::status_text(status));
  run.clock.enter(text);
  run.entry.status = status;
  run.entry.action_line = action;
  // A status row that cannot be written costs only the display of progress.
  (void)write_history(run.job.job.name, "the status " + text, [&] { return history_.put(run.entry); });
}

std::vector<Step> PostProcessor::steps_of(JobRun& run) {
  using R = Step::Runs;
  return {
      {"check", R::UnlessFailed, false,
       [&] {
         // Given up by the queue (a rule such as fail_hopeless_jobs): nothing to verify or unpack.
         if (!run.job.abort_reason.empty()) return Status(make_error(run.job.abort_reason));
         return check_completeness(run.ctx);
       }},
      {"repair", R::UnlessFailed, false, [&] { return repair(run); }},
      {"unpack", R::UnlessFailed, true,
       [&] {
         set_status(run, history::JobStatus::Extracting, "Unpacking");
         Status st = unpack_and_clean(run.ctx, DirectUnpacks::results(run.direct, run.job.job.name));
         if (cancel_current_) return Status(make_error(kCancelled));  // whatever unpacking made of being stopped
         return st;
       }},
      {"leftovers", R::Always, false,
       [&] {
         // Unused direct-unpack output (or a killed run's) goes before anything moves.
         run.direct.clear();
         unpack::remove_direct_leftovers(run.ctx.work_dir);
         return ok_status();
       }},
      {"deobfuscate", R::UnlessFailed, true, [&] { return rename_obfuscated_largest(run.ctx); }},
      {"move", R::UnlessFailed, false, [&] { return place(run); }},
      {"script", R::Always, false, [&] { return script(run); }},
  };
}

// Verified, unpacked and moved before a restart: only what follows remains.
std::vector<Step> PostProcessor::resume_steps(JobRun& run, const fs::path& placed) {
  run.direct.clear();
  run.ctx.work_dir = placed;
  run.entry.storage = placed.string();
  add_stage(run.entry, "Resume", "Files already in " + placed.string());
  return {{"script", Step::Runs::Always, false, [&] { return script(run); }}};
}

Status PostProcessor::repair(JobRun& run) {
  auto& job = run.job;
  if (job.job.pp < 1) return ok_status();
  auto decision = verify_and_repair(
      run.ctx, [&](history::JobStatus status) { set_status(run, status, std::string(history::status_text(status))); });
  if (!decision) {
    run.direct.clear();
    return decision.error();
  }
  if (decision->repaired_blocks > 0 && figures_.blocks_repaired) figures_.blocks_repaired(decision->repaired_blocks);
  if (decision->repaired || decision->outcome != RepairOutcome::Ok) run.direct.clear();
  if (decision->outcome == RepairOutcome::NeedVolumes) {
    // Back to the queue for the volumes; it returns here when they are in.
    // A row left behind shows as post-processing until the job is back here.
    (void)write_history(job.job.name, "the return to the queue",
                        [&] { return history_.remove({job.job.nzo_id}, false); });
    queue_.requeue_for_files(std::move(job), decision->volumes);
    run.ctx.handed_back = true;
  }
  return ok_status();
}

Status PostProcessor::place(JobRun& run) {
  const std::string& name = run.job.job.name;
  set_status(run, history::JobStatus::Moving, "Moving");
  std::error_code ec;
  if (!fs::exists(run.ctx.work_dir, ec)) fs::create_directories(run.ctx.work_dir, ec);
  // Where the files are going, before they go: a kill -9 after the move
  // (or a copy across file systems renamed into place) resumes there.
  auto announce = [&] { (void)write_history(name, "the target folder", [&] { return history_.put(run.entry); }); };
  if (auto st = move_to_final(run.ctx, announce); !st) return st;
  // Where the files are now, in case of a crash from here on; without it a
  // restart finds the job folder gone and fails the job instead of resuming.
  (void)write_history(name, "the final folder", [&] { return history_.put(run.entry); });
  return ok_status();
}

Status PostProcessor::script(JobRun& run) {
  if (!has_script(run.job.job)) return ok_status();
  set_status(run, history::JobStatus::Running, "Running script");
  return run_script_step(run.ctx);
}

// Keeps the queue record (NZB, job record, journal of written articles) of a
// failed job so a retry can reuse the job folder and fetch only what is not there yet.
void PostProcessor::keep_for_retry(JobRun& run) {
  const auto& job = run.job;
  fs::path keep = run.cfg.resolve_dir("admin_dir") / "history" / job.job.nzo_id;
  fs::path record = fs::path(job.nzb_path).parent_path();
  // The records of the job's last articles may still be queued on the writer;
  // a copy without them would fetch those articles again.
  queue_.settle_journals();
  std::error_code ec;
  fs::create_directories(keep, ec);
  fs::copy_file(job.nzb_path, keep / "job.nzb", fs::copy_options::overwrite_existing, ec);
  if (ec) return;
  run.entry.nzb_path = (keep / "job.nzb").string();
  run.entry.retry = true;
  for (const char* name : {"job.json", "journal.bin"}) {
    std::error_code copy_ec;
    if (fs::exists(record / name, copy_ec))
      fs::copy_file(record / name, keep / name, fs::copy_options::overwrite_existing, copy_ec);
  }
}

void PostProcessor::finish(JobRun& run) {
  auto& entry = run.entry;
  const std::string& name = run.job.job.name;
  run.clock.leave();
  entry.loaded = false;
  entry.action_line = "";
  entry.completed = unix_now();
  entry.postproc_time =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - run.started).count();
  if (run.ctx.fail.empty()) {
    entry.status = history::JobStatus::Completed;
    entry.fail_message = "";
  } else {
    entry.status = history::JobStatus::Failed;
    entry.fail_message = run.ctx.fail;
    entry.storage = "";
    keep_for_retry(run);
    spdlog::warn("{} failed: {}", name, run.ctx.fail);
  }
  if (!write_history(name, "the result", [&] { return history_.put(entry); })) {
    // Without its final row the job would vanish from queue and history
    // alike: its queue record stays, so the next start post-processes it again.
    spdlog::error("{} stays in the queue folder and is post-processed again at the next start", name);
    return;
  }
  queue_.forget(run.job.job.nzo_id);
  spdlog::info("{}: {}", name, history::status_text(entry.status));
  prune_history(run.cfg);
  if (on_finished_) on_finished_(run.job.job.nzo_id);
}

}  // namespace nzbd::postproc
