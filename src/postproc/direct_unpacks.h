// SABnzbd's direct_unpack for the whole daemon: the queue's file events start
// and feed one unpack::DirectUnpacker per job at a time (at most
// direct_unpack_threads in all), the slot shows "N/M", and post-processing
// takes a job's unpackers to use their output or discard it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "config/store.h"
#include "queue/queue.h"
#include "unpack/direct.h"
#include "util/thread_annotations.h"

namespace nzbd::postproc {

class DirectUnpacks {
 public:
  using Unpackers = std::vector<std::unique_ptr<unpack::DirectUnpacker>>;

  DirectUnpacks(config::ConfigStore& config, queue::Queue& queue) : config_(config), queue_(queue) {}
  ~DirectUnpacks() { stop_all(); }

  void on_event(const queue::FileEvent& e);
  // The job's unpackers, for post-processing; the job starts afresh if it
  // comes back to the queue.
  Unpackers take(const std::string& nzo_id);
  // The daemon stops: every unpacker is stopped and its folder removed.
  void stop_all();
  // Waits for each of `direct` and returns the output of those that
  // finished, with SABnzbd's stage line ("[set] Direct Unpack - Unpacked ...").
  static std::vector<unpack::UnpackOptions::Prepared> results(Unpackers& direct, const std::string& job_name);

 private:
  struct JobState {
    Unpackers sets;               // at most one running
    std::set<std::string> tried;  // set names started (or found unsuitable)
    bool given_up = false;        // damaged, paused: no direct unpack for this job any more
  };
  void on_file_done(const queue::FileEvent& e, JobState& job, bool may_start);
  size_t running_locked() const REQUIRES(mutex_);

  config::ConfigStore& config_;
  queue::Queue& queue_;
  util::Mutex mutex_;
  std::map<std::string, JobState> jobs_ GUARDED_BY(mutex_);
  bool stopped_ GUARDED_BY(mutex_) = false;
};

}  // namespace nzbd::postproc
