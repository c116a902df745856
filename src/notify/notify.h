// SABnzbd's notifications: the script notifier (nscript_*: a user script run
// with the type, title and message) and email (email_*: SMTP through
// libcurl, on job end per email_endjob and on a full disk per email_full).
// Each event type is switched on per notifier as in SABnzbd (nscript_prio_*)
// and limited to categories (nscript_cats, email_cats). Sending happens on a
// thread of its own, so a hanging SMTP server or slow script holds up no job.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "config/store.h"
#include "util/result.h"

namespace nzbd::notify {

// SABnzbd's notification types and the titles it gives them.
enum class Event {
  Startup, Download, PauseResume, PostProcess, Complete, Failed, DiskFull, NewLogin, Warning, Error, QueueDone, Other
};
const char* event_key(Event e);    // "complete", as the script's first argument and in nscript_prio_<key>
const char* event_title(Event e);  // "Job finished"

struct Message {
  Event event = Event::Other;
  std::string title;     // "" = event_title(event)
  std::string text;
  std::string category;  // "" = any (not a job event)
};

// One run of the script notifier; an error names what went wrong.
Status run_notify_script(const config::Config& cfg, const Message& m, std::chrono::seconds timeout);
// One email over SMTP; an error names what went wrong.
Status send_email(const config::Config& cfg, const std::string& subject, const std::string& body);

class Notifier {
 public:
  explicit Notifier(config::ConfigStore& config);
  ~Notifier();  // sends what is queued, then stops
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  // Queued for the sending thread; notifiers that are off or not meant for
  // this event or category ignore it.
  void post(Message m);
  // A finished job: the script notifier's complete/failed and email_endjob.
  void job_finished(const std::string& name, const std::string& category, bool failed, const std::string& reason);
  // Downloading paused for disk space or on a write error: the script's disk_full and, with email_full, an email.
  void disk_full(const std::string& job_name);

  // mode=test_nscript / test_email: sent now, on the caller's thread, even
  // when the notifier is switched off (as SABnzbd's test buttons do).
  Status test_script();
  Status test_email();
  // True on the sending thread: a warning it logs (a notifier that failed)
  // is not sent on as a warning event, which would fail again, and again.
  static bool on_sending_thread();

 private:
  struct Item {
    Message message;
    bool email = false;  // also as an email (subject = title, body = text)
  };
  void run();
  void deliver(const Item& item);

  config::ConfigStore& config_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Item> items_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace nzbd::notify
