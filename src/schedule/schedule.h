// SABnzbd's scheduler (`schedlines`): lines "enabled minute hour days
// action [argument]" — days as digits 1 (Monday) … 7 (Sunday) or "*" —
// run their action when the local clock reaches them; at start-up the
// state the schedule implies now (paused or not, post-processing paused,
// speed limit, servers on or off) is applied, as SABnzbd's analyse() does.
#pragma once

#include <condition_variable>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "util/result.h"

namespace nzbd::schedule {

struct Line {
  bool enabled = true;
  int minute = 0, hour = 0;
  std::vector<int> days;  // 1 = Monday … 7 = Sunday
  std::string action;     // lower case
  std::string argument;   // may hold spaces (a category or server name)
  std::string text;       // the line as written
};

// The actions SABnzbd's scheduler knows.
bool known_action(std::string_view action);
// A line that does not parse, or names an unknown action, is an error with
// the reason (SABnzbd logs it and skips the line).
Result<Line> parse_line(std::string_view text);

// Minutes from the week's start (Monday 00:00) of a local time.
int week_minute(const std::tm& local);

// What the enabled lines imply at `now`: the last of each kind of action
// before now (going round the week) wins.
struct State {
  std::optional<bool> paused;
  std::optional<bool> post_paused;
  std::optional<std::string> speed_limit;
  std::map<std::string, bool> servers;  // name -> enabled
};
State state_at(const std::vector<Line>& lines, const std::tm& now);

// What the scheduler calls; an empty callback turns that action into a
// warning when it is due.
struct Actions {
  std::function<void(const Line&)> run;           // every due line
  std::function<void(const std::string&)> warn;  // bad lines, once per change of the list
};

// Reads the lines at each minute (so set_config takes effect without a
// restart) and runs the due ones once.
class Scheduler {
 public:
  // run_thread = false: no timer; the owner (a test) calls tick().
  Scheduler(std::function<std::vector<std::string>()> read_lines, Actions actions, bool run_thread = true);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // The valid, enabled lines now configured (bad ones warned about).
  std::vector<Line> lines();
  // Runs what is due at this local minute (the thread calls it; tests too).
  void tick(const std::tm& local);

 private:
  void loop();

  std::function<std::vector<std::string>()> read_lines_;
  Actions actions_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::vector<std::string> last_text_;  // what was last parsed, to warn once
  int last_minute_ = -1;                // the week minute last run
  std::thread thread_;
};

}  // namespace nzbd::schedule
