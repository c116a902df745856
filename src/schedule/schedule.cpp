#include "schedule/schedule.h"
#include "util/strings.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <sstream>

namespace nzbd::schedule {
namespace {

constexpr int kDayMinutes = 24 * 60;
constexpr int kWeekMinutes = 7 * kDayMinutes;

// Actions and whether they need an argument.
constexpr std::array<std::pair<std::string_view, bool>, 24> kActions = {{
    {"resume", false},          {"pause", false},           {"pause_all", false},
    {"shutdown", false},        {"restart", false},         {"pause_post", false},
    {"resume_post", false},     {"speedlimit", true},       {"enable_server", true},
    {"disable_server", true},   {"scan_folder", false},     {"rss_scan", false},
    {"remove_failed", false},   {"remove_completed", false}, {"enable_quota", false},
    {"disable_quota", false},   {"pause_all_low", false},   {"pause_all_normal", false},
    {"pause_all_high", false},  {"resume_all_low", false},  {"resume_all_normal", false},
    {"resume_all_high", false}, {"pause_cat", true},        {"resume_cat", true},
}};

std::optional<int> number(std::string_view s, int lo, int hi) {
  if (s.empty() || s.size() > 2 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  int v = std::stoi(std::string(s));
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

}  // namespace

bool known_action(std::string_view action) {
  return std::any_of(kActions.begin(), kActions.end(), [&](const auto& a) { return a.first == action; });
}

Result<Line> parse_line(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string enabled, minute, hour, days, action;
  if (!(in >> enabled >> minute >> hour >> days >> action))
    return make_error("Bad schedule \"" + std::string(text) + "\": expected \"enabled minute hour days action\"");
  Line l;
  l.text = std::string(text);
  l.enabled = enabled == "1";
  auto m = number(minute, 0, 59);
  auto h = number(hour, 0, 23);
  if (!m || !h) return make_error("Bad schedule " + action + " at " + hour + ":" + minute);
  l.minute = *m;
  l.hour = *h;
  if (days == "*") days = "1234567";
  for (char c : days) {
    if (c < '1' || c > '7') return make_error("Bad schedule \"" + std::string(text) + "\": days are digits 1 (Monday) to 7");
    if (std::find(l.days.begin(), l.days.end(), c - '0') == l.days.end()) l.days.push_back(c - '0');
  }
  l.action = to_lower(action);
  std::getline(in >> std::ws, l.argument);
  while (!l.argument.empty() && (l.argument.back() == ' ' || l.argument.back() == '\t')) l.argument.pop_back();
  auto it = std::find_if(kActions.begin(), kActions.end(), [&](const auto& a) { return a.first == l.action; });
  if (it == kActions.end()) return make_error("Unknown action: " + l.action);
  if (it->second && l.argument.empty()) return make_error("Schedule " + l.action + " needs an argument");
  return l;
}

int week_minute(const std::tm& local) {
  int monday_based = (local.tm_wday + 6) % 7;  // tm_wday: 0 = Sunday
  return monday_based * kDayMinutes + local.tm_hour * 60 + local.tm_min;
}

State state_at(const std::vector<Line>& lines, const std::tm& now) {
  // Every (line, day) as minutes since it last happened: the most recent last.
  struct Event {
    int ago;
    const Line* line;
  };
  std::vector<Event> events;
  const int now_min = week_minute(now);
  for (const auto& l : lines) {
    if (!l.enabled) continue;
    for (int d : l.days) {
      int at = (d - 1) * kDayMinutes + l.hour * 60 + l.minute;
      events.push_back({((now_min - at) % kWeekMinutes + kWeekMinutes) % kWeekMinutes, &l});
    }
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.ago > b.ago; });
  State s;
  for (const auto& e : events) {
    const std::string& a = e.line->action;
    if (a == "pause" || a == "pause_all") s.paused = true;
    else if (a == "resume") s.paused = false;
    else if (a == "pause_post") s.post_paused = true;
    else if (a == "resume_post") s.post_paused = false;
    else if (a == "speedlimit") s.speed_limit = e.line->argument;
    else if (a == "enable_server") s.servers[e.line->argument] = true;
    else if (a == "disable_server") s.servers[e.line->argument] = false;
  }
  return s;
}

Scheduler::Scheduler(std::function<std::vector<std::string>()> read_lines, Actions actions, bool run_thread)
    : read_lines_(std::move(read_lines)), actions_(std::move(actions)) {
  if (run_thread) thread_ = std::thread([this] { loop(); });
}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<Line> Scheduler::lines() {
  auto texts = read_lines_();
  std::vector<Line> out;
  std::vector<std::string> errors;
  for (const auto& t : texts) {
    auto l = parse_line(t);
    if (l) out.push_back(std::move(*l));
    else errors.push_back(l.message());
  }
  bool changed;
  {
    std::lock_guard lock(mu_);
    changed = texts != last_text_;
    last_text_ = texts;
  }
  if (changed && actions_.warn)
    for (const auto& e : errors) actions_.warn(e);
  return out;
}

void Scheduler::tick(const std::tm& local) {
  const int minute = week_minute(local);
  {
    std::lock_guard lock(mu_);
    if (minute == last_minute_) return;  // each minute runs once
    last_minute_ = minute;
  }
  const int day = (local.tm_wday + 6) % 7 + 1;
  for (const auto& l : lines()) {
    if (!l.enabled || l.hour != local.tm_hour || l.minute != local.tm_min) continue;
    if (std::find(l.days.begin(), l.days.end(), day) == l.days.end()) continue;
    if (actions_.run) actions_.run(l);
  }
}

void Scheduler::loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    tick(local);
    lock.lock();
    // Wake a little after the next minute starts.
    wake_.wait_for(lock, std::chrono::seconds(61 - local.tm_sec), [this] { return stop_; });
  }
}

}  // namespace nzbd::schedule
