#include "notify/notify.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "unpack/process.h"
#include "util/strings.h"

namespace nzbd::notify {
namespace fs = std::filesystem;

const char* event_key(Event e) {
  switch (e) {
    case Event::Startup: return "startup";
    case Event::Download: return "download";
    case Event::PauseResume: return "pause_resume";
    case Event::PostProcess: return "pp";
    case Event::NewLogin: return "new_login";
    case Event::Complete: return "complete";
    case Event::Failed: return "failed";
    case Event::DiskFull: return "disk_full";
    case Event::QueueDone: return "queue_done";
    case Event::Warning: return "warning";
    case Event::Error: return "error";
    case Event::Other: break;
  }
  return "other";
}

const char* event_title(Event e) {
  switch (e) {
    case Event::Startup: return "Startup/Shutdown";
    case Event::Download: return "Added NZB";
    case Event::PauseResume: return "Pause/Resume";
    case Event::PostProcess: return "Post-processing started";
    case Event::NewLogin: return "User logged in";
    case Event::Complete: return "Job finished";
    case Event::Failed: return "Job failed";
    case Event::DiskFull: return "Disk full";
    case Event::QueueDone: return "Queue finished";
    case Event::Warning: return "Warning";
    case Event::Error: return "Error";
    case Event::Other: break;
  }
  return "Other Messages";
}

namespace {

bool category_wanted(const std::vector<std::string>& cats, const std::string& category) {
  if (category.empty() || cats.empty()) return true;
  return std::any_of(cats.begin(), cats.end(), [&](const std::string& c) { return c == "*" || iequals(c, category); });
}

bool script_wanted(const config::Config& cfg, const Message& m) {
  return cfg.misc_int("nscript_enable") != 0 &&
         cfg.misc_int(config::Key::at_run_time(std::string("nscript_prio_") + event_key(m.event))) != 0 &&
         category_wanted(cfg.misc_list("nscript_cats"), m.category);
}

}  // namespace

Status run_notify_script(const config::Config& cfg, const Message& m, std::chrono::seconds timeout) {
  std::string name = cfg.misc("nscript_script");
  // A name in script_dir, nothing else: the setting comes over the API.
  if (name.empty() || name == "None") return make_error("no notification script is set (nscript_script)");
  if (name.find('/') != std::string::npos || name == "." || name == "..")
    return make_error("the notification script must be a file in the scripts folder");
  fs::path script = cfg.resolve_dir("script_dir") / name;
  std::error_code ec;
  if (!fs::is_regular_file(script, ec)) return make_error("notification script " + script.string() + " does not exist");
  auto started = std::chrono::steady_clock::now();
  std::string title = m.title.empty() ? event_title(m.event) : m.title;
  auto r = unpack::run_process(script, {event_key(m.event), title, m.text, cfg.misc("nscript_parameters")},
                               [&] { return std::chrono::steady_clock::now() - started > timeout; });
  if (!r) return r.error();
  if (r->cancelled) return make_error("notification script " + name + " did not finish in time");
  if (r->exit_code != 0)
    return make_error("notification script " + name + " failed (exit " + std::to_string(r->exit_code) + ")");
  return ok_status();
}

Notifier::Notifier(config::ConfigStore& config) : config_(config), thread_([this] { run(); }) {}

Notifier::~Notifier() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Notifier::post(Message m) {
  {
    std::lock_guard lock(mutex_);
    items_.push_back(Item{std::move(m), false});
  }
  cv_.notify_all();
}

void Notifier::job_finished(const std::string& name, const std::string& category, bool failed,
                            const std::string& reason) {
  Message m{failed ? Event::Failed : Event::Complete, "", failed ? name + ": " + reason : name, category};
  int endjob = static_cast<int>(config_.read([](const config::Config& c) { return c.misc_int("email_endjob"); }));
  bool email = endjob == 1 || (endjob == 2 && failed);
  {
    std::lock_guard lock(mutex_);
    items_.push_back(Item{std::move(m), email});
  }
  cv_.notify_all();
}

void Notifier::disk_full(const std::string& job_name) {
  bool email = config_.read([](const config::Config& c) { return c.misc_int("email_full") != 0; });
  {
    std::lock_guard lock(mutex_);
    items_.push_back(Item{Message{Event::DiskFull, "", "Too little diskspace forcing PAUSE (" + job_name + ")", ""},
                          email});
  }
  cv_.notify_all();
}

namespace {
thread_local bool t_sending = false;
}

bool Notifier::on_sending_thread() { return t_sending; }

void Notifier::run() {
  t_sending = true;
  std::unique_lock lock(mutex_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || !items_.empty(); });
    if (items_.empty()) return;  // stopping with nothing left
    Item item = std::move(items_.front());
    items_.pop_front();
    lock.unlock();
    deliver(item);
    lock.lock();
  }
}

void Notifier::deliver(const Item& item) {
  auto cfg = config_.read([](const config::Config& c) { return c; });
  const Message& m = item.message;
  if (script_wanted(cfg, m))
    if (auto st = run_notify_script(cfg, m, std::chrono::seconds(60)); !st)
      spdlog::warn("Script notifier: {}", st.message());
  if (item.email && category_wanted(cfg.misc_list("email_cats"), m.category)) {
    std::string subject = m.event == Event::DiskFull ? std::string("nzbd: disk full")
                          : std::string("nzbd ") + (m.event == Event::Failed ? "failed job " : "has completed job ") +
                                m.text.substr(0, m.text.find(':'));
    if (auto st = send_email(cfg, subject, m.text + "\r\n"); !st) spdlog::warn("Email: {}", st.message());
  }
}

Status Notifier::test_script() {
  auto cfg = config_.read([](const config::Config& c) { return c; });
  return run_notify_script(cfg, Message{Event::Other, "Test Notification", "Testing notification", ""},
                           std::chrono::seconds(30));
}

Status Notifier::test_email() {
  auto cfg = config_.read([](const config::Config& c) { return c; });
  return send_email(cfg, "nzbd test email", "This is a test email from nzbd.\r\nYour email settings work.\r\n");
}

}  // namespace nzbd::notify
