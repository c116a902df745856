#include "daemon/notify_events.h"

namespace nzbd::daemon {

void send_engine_events(notify::Notifier& notifier, queue::Queue& queue, postproc::PostProcessor& postproc) {
  queue.set_event_handler([&notifier](queue::Queue::Event e, const std::string& name, const std::string& category) {
    using E = queue::Queue::Event;
    if (e == E::Added) notifier.post(notify::Message{notify::Event::Download, "", name, category});
    else if (e == E::DiskFull) notifier.disk_full(name);
    else notifier.post(notify::Message{notify::Event::PauseResume, "", e == E::Paused ? "Paused" : "Resumed", ""});
  });
  postproc.set_on_started([&notifier](const queue::Job& job) {
    notifier.post(notify::Message{notify::Event::PostProcess, "", job.name, job.category});
  });
}

void WarningEvents::attach(notify::Notifier* notifier) {
  std::lock_guard lock(mu_);
  target_ = notifier;
}

void WarningEvents::on_warning(const Warning& w) {
  // The sending thread's own warnings (a notifier that fails) are not sent on: no loop.
  if (notify::Notifier::on_sending_thread()) return;
  std::lock_guard lock(mu_);
  if (target_)
    target_->post(notify::Message{w.type == "ERROR" ? notify::Event::Error : notify::Event::Warning, "", w.text, ""});
}

}  // namespace nzbd::daemon
