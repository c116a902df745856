// Sonarr's command queue: commands are stored (so GET /command/{id} works
// across their life) and run one at a time on a background thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace nzbd::sonarr {

class CommandQueue {
 public:
  using Runner = std::function<void(int command_id)>;
  explicit CommandQueue(Runner run);
  ~CommandQueue();  // finishes the running command, drops the rest

  void push(int command_id);
  // Finishes the running command and drops the rest; later pushes are ignored.
  void stop();
  // Removes a command that has not started; false if it is running or gone.
  bool cancel(int command_id);
  void wait_idle();

 private:
  void loop();

  Runner run_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> pending_;
  bool busy_ = false;
  bool stop_ = false;
  std::thread thread_;  // last: started after the members it uses
};

}  // namespace nzbd::sonarr
