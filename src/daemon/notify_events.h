// The notifier's events from the rest of the daemon: what the queue and
// post-processing report, and every warning and error of the warnings list.
#pragma once

#include <mutex>

#include "notify/notify.h"
#include "postproc/postproc.h"
#include "queue/queue.h"
#include "util/warnings.h"

namespace nzbd::daemon {

// Added jobs, queue-wide pause/resume and a full disk (queue), and
// post-processing started (postproc), sent on by `notifier`.
void send_engine_events(notify::Notifier& notifier, queue::Queue& queue, postproc::PostProcessor& postproc);

// Warnings and errors as notifier events. Any thread may log at any time, so
// the notifier is reached under a lock, and only while one is attached.
class WarningEvents {
 public:
  void attach(notify::Notifier* notifier);  // nullptr: detach (before the notifier goes)
  void on_warning(const Warning& w);

 private:
  std::mutex mu_;
  notify::Notifier* target_ = nullptr;
};

}  // namespace nzbd::daemon
