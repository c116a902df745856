// Post-processing: a job whose articles are done goes through verify/repair,
// unpack, cleanup, placing in its category folder and the user script, on a
// thread of its own so the next job downloads meanwhile. Every step shows in
// the history row as it happens.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/store.h"
#include "postproc/direct_unpacks.h"
#include "history/history.h"
#include "queue/queue.h"
#include "util/thread_annotations.h"

namespace nzbd::postproc {

struct Step;

class PostProcessor {
 public:
  PostProcessor(config::ConfigStore& config, history::History& history, queue::Queue& queue);
  ~PostProcessor();

  void start();
  void stop();
  void submit(queue::FinishedJob job);
  // A job that ended before downloading (an addurl whose fetch failed).
  void record_failure(const queue::Job& job, const std::string& reason);
  // SABnzbd's cancel_pp: the job (waiting or being post-processed) fails
  // with kCancelled at the next step; false when it is not here.
  bool cancel(const std::string& nzo_id);
  static constexpr const char* kCancelled = "PostProcessing was aborted by the user";
  void pause();
  void resume();
  bool paused() const;
  // A history write is tried this many times, the waits doubling from the
  // delay, before it is reported (log and `warnings`).
  static constexpr int kHistoryWriteAttempts = 4;
  static constexpr std::chrono::milliseconds kHistoryRetryDelay{50};

  // No job waiting (the one being processed, if any, is not counted): read
  // from on_finished, it says whether that job was the last one.
  bool idle() const;
  // Called (on the pipeline thread) once a job's final history row is
  // written: the TV side's download tracker looks at it right away instead
  // of at its next scheduled refresh. Set before start().
  void set_on_finished(std::function<void(const std::string& nzo_id)> f) { on_finished_ = std::move(f); }
  // Called (on the pipeline thread) as a job's post-processing begins: the
  // notifiers' "pp" event. Set before start().
  void set_on_started(std::function<void(const queue::Job& job)> f) { on_started_ = std::move(f); }
  // What /metrics hears of, on the pipeline thread: how long each stage took
  // (by its status: QuickCheck, Verifying, Repairing, Extracting, Moving,
  // Running) and how many blocks a repair rebuilt. Set before start().
  struct Figures {
    std::function<void(const std::string& stage, double seconds)> stage_done;
    std::function<void(uint64_t blocks)> blocks_repaired;
  };
  void set_figures(Figures f) { figures_ = std::move(f); }

 private:
  void run();
  // One job through its steps (process.cpp).
  struct JobRun;
  void process(queue::FinishedJob& job);
  std::vector<Step> steps_of(JobRun& run);
  std::vector<Step> resume_steps(JobRun& run, const std::filesystem::path& placed);
  void set_status(JobRun& run, history::JobStatus status, const std::string& action);
  Status repair(JobRun& run);
  Status place(JobRun& run);
  Status script(JobRun& run);
  void keep_for_retry(JobRun& run);
  void finish(JobRun& run);
  void prune_history(const config::Config& cfg);
  Status write_history(const std::string& job_name, const std::string& what, const std::function<Status()>& write);

  config::ConfigStore& config_;
  history::History& history_;
  queue::Queue& queue_;
  mutable util::Mutex mutex_;
  std::condition_variable cv_;
  std::deque<queue::FinishedJob> jobs_ GUARDED_BY(mutex_);
  // Jobs a crash interrupted after they were moved to their final folder
  // (nzo_id -> that folder): they resume there instead of being placed again.
  std::map<std::string, std::filesystem::path> placed_ GUARDED_BY(mutex_);
  std::function<void(const std::string&)> on_finished_;
  std::function<void(const queue::Job&)> on_started_;
  DirectUnpacks direct_;  // fed by the queue's file events
  Figures figures_;
  bool paused_ GUARDED_BY(mutex_) = false;
  bool stop_ GUARDED_BY(mutex_) = false;
  std::string current_ GUARDED_BY(mutex_);  // nzo_id of the job being processed
  std::atomic<bool> cancel_current_{false};
  std::thread thread_;
};

}  // namespace nzbd::postproc
