#include "daemon/quota_meter.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <regex>
#include <sstream>

#include "util/files.h"
#include "util/strings.h"

namespace nzbd::daemon {

namespace {

// quota_day as SABnzbd reads it: an optional leading day number and an
// optional trailing hh:mm ("1", "15 6:30", "7:00").
struct ResetMoment {
  int day = 1, hour = 0, minute = 0;
};

ResetMoment parse_quota_day(const std::string& text) {
  ResetMoment m;
  std::smatch g;
  static const std::regex day_re(R"(^\s*(\d+)[^:]*)"), hhmm_re(R"((\d+):(\d+)\s*$)");
  if (std::regex_search(text, g, day_re)) m.day = std::stoi(g[1].str().substr(0, 4));
  if (std::regex_search(text, g, hhmm_re)) {
    m.hour = std::clamp(std::stoi(g[1].str().substr(0, 4)), 0, 23);
    m.minute = std::clamp(std::stoi(g[2].str().substr(0, 4)), 0, 59);
  }
  return m;
}

int64_t local_time(int year, int month0, int mday, const ResetMoment& m) {
  std::tm t{};
  t.tm_year = year;
  t.tm_mon = month0;
  t.tm_mday = mday;
  t.tm_hour = m.hour;
  t.tm_min = m.minute;
  t.tm_isdst = -1;
  return static_cast<int64_t>(std::mktime(&t));
}

int days_in_month(int year, int month0) {
  std::tm t{};
  t.tm_year = year;
  t.tm_mon = month0 + 1;
  t.tm_mday = 0;  // the last day of month0
  t.tm_hour = 12;
  t.tm_isdst = -1;
  std::mktime(&t);
  return t.tm_mday;
}

}  // namespace

int64_t next_quota_reset(int64_t now, char period, const std::string& quota_day) {
  ResetMoment m = parse_quota_day(quota_day);
  std::time_t n = static_cast<std::time_t>(now);
  std::tm today{};
  localtime_r(&n, &today);
  // The first candidate moment after now, looking a day (or month) further each time.
  for (int k = 0; k < 14; ++k) {
    if (period == 'd' || period == 'w') {
      int64_t t = local_time(today.tm_year, today.tm_mon, today.tm_mday + k, m);
      std::time_t tt = static_cast<std::time_t>(t);
      std::tm c{};
      localtime_r(&tt, &c);
      int monday_based = (c.tm_wday + 6) % 7 + 1;
      if (t > now && (period == 'd' || monday_based == std::clamp(m.day, 1, 7))) return t;
    } else if (period == 'm') {
      int month = today.tm_mon + k, year = today.tm_year + month / 12;
      month %= 12;
      int64_t t = local_time(year, month, std::min(std::clamp(m.day, 1, 31), days_in_month(year, month)), m);
      if (t > now) return t;
    }
  }
  return 0;
}

QuotaMeter::QuotaMeter(config::ConfigStore& config, QuotaHooks hooks, std::filesystem::path state_file)
    : config_(config), hooks_(std::move(hooks)), state_file_(std::move(state_file)) {
  load();
}

QuotaMeter::~QuotaMeter() { stop(); }

QuotaMeter::Settings QuotaMeter::settings() const {
  return config_.read([](const config::Config& c) {
    Settings s;
    s.size = config::parse_size(c.misc("quota_size")).value_or(0);
    std::string p = to_lower(trim(c.misc("quota_period")));
    s.period = p.empty() ? 'm' : p[0];
    s.day = c.misc("quota_day");
    s.resume = c.misc_int("quota_resume") != 0;
    return s;
  });
}

void QuotaMeter::tick(int64_t now) {
  Settings s = settings();
  uint64_t counter = hooks_.bytes_received ? hooks_.bytes_received() : 0;
  std::lock_guard lock(mu_);
  // Counters start again at 0 when the pool's servers are rebuilt.
  used_ += counter >= last_counter_ ? counter - last_counter_ : counter;
  last_counter_ = counter;
  std::string schedule = std::string(1, s.period) + "|" + s.day;
  if (schedule != schedule_) {
    schedule_ = schedule;
    next_reset_ = next_quota_reset(now, s.period, s.day);
  }
  if (next_reset_ > 0 && now >= next_reset_) reset_locked(now, false, s);
  bool spent = s.size > 0 && used_ >= s.size;
  if (spent && hooks_.paused && !hooks_.paused()) {
    if (hooks_.pause) hooks_.pause();
    paused_by_quota_ = true;
    spdlog::warn("Quota spent, pausing downloading");
  } else if (!spent && paused_by_quota_ && s.resume) {
    // The quota was raised or removed (SABnzbd's change_quota).
    paused_by_quota_ = false;
    if (hooks_.resume) hooks_.resume();
  }
  if (now - saved_at_ >= 30) {
    save_locked();
    saved_at_ = now;
  }
}

void QuotaMeter::reset(int64_t now) {
  Settings s = settings();
  std::lock_guard lock(mu_);
  reset_locked(now, true, s);
}

// SABnzbd resumes on a reset only with quota_resume; an explicit reset_quota
// also lifts the pause the quota itself made (the user asked for more).
void QuotaMeter::reset_locked(int64_t now, bool forced, const Settings& s) {
  used_ = 0;
  schedule_ = std::string(1, s.period) + "|" + s.day;
  next_reset_ = next_quota_reset(now, s.period, s.day);
  spdlog::info("Quota was reset to {} bytes", s.size);
  bool paused = hooks_.paused && hooks_.paused();
  if (paused && (s.resume || (forced && paused_by_quota_))) {
    spdlog::info("Resuming downloading after the quota reset");
    if (hooks_.resume) hooks_.resume();
  }
  paused_by_quota_ = false;
  save_locked();
}

QuotaState QuotaMeter::state() const {
  uint64_t size = settings().size;
  std::lock_guard lock(mu_);
  return QuotaState{size, size > used_ ? size - used_ : 0};
}

void QuotaMeter::start(std::chrono::milliseconds every) {
  if (thread_.joinable()) return;
  thread_ = std::thread([this, every] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      wake_.wait_for(lock, every, [&] { return stop_; });
      if (stop_) break;
      lock.unlock();
      tick(static_cast<int64_t>(std::time(nullptr)));
      lock.lock();
    }
  });
}

void QuotaMeter::stop() {
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  save_locked();
}

// "<used> <next_reset> <period|day>": small enough to rewrite every 30 s.
void QuotaMeter::load() {
  remove_atomic_write_leftovers(state_file_);
  auto text = read_file(state_file_);
  if (!text) return;
  std::istringstream in(*text);
  uint64_t used = 0;
  int64_t next = 0;
  if (!(in >> used >> next)) return;
  std::string schedule;
  std::getline(in >> std::ws, schedule);
  used_ = used;
  next_reset_ = next;
  schedule_ = schedule;
}

void QuotaMeter::save_locked() {
  if (state_file_.empty()) return;
  std::string text = std::to_string(used_) + " " + std::to_string(next_reset_) + " " + schedule_ + "\n";
  if (auto st = write_file_atomic(state_file_, text); !st)
    spdlog::warn("cannot save the quota count: {}", st.message());
}

}  // namespace nzbd::daemon
