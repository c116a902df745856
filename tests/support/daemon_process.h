#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace nzbd::test {

// The real nzbd binary as a child process on an ephemeral port.
class DaemonProcess {
 public:
  explicit DaemonProcess(std::filesystem::path home, std::vector<std::string> extra_args = {});
  ~DaemonProcess();  // SIGKILLs it if still running
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Starts and waits until it serves HTTP; false (with output()) when it exited instead.
  bool start();
  int stop();    // SIGTERM, waits, returns the exit status
  void kill9();  // SIGKILL, waits
  int wait_exit(int timeout_ms);  // -1 on timeout
  bool running();
  // After a restart the daemon called itself (mode=restart): waits until it
  // listens again (on a new port) and points url()/api() there.
  bool wait_restarted(int timeout_ms = 30000);

  std::string url() const { return "http://" + address_; }  // http://127.0.0.1:PORT
  std::string api(const std::string& query) const;  // url()/api?<query>&apikey=<key>
  std::string api_key() const;
  std::string nzb_key() const;
  std::string output() const;  // what it printed to stdout/stderr
  const std::filesystem::path& home() const { return home_; }
  pid_t pid() const { return pid_; }
  // Lines of logs/ that hold the API key, the NZB key or a password of nzbd.ini
  // (checked by the destructor, so every test with a daemon checks it).
  std::vector<std::string> leaked_secrets() const;

 private:
  std::string ini_value(const std::string& key) const;
  std::filesystem::path home_;
  std::vector<std::string> args_;
  std::string address_;
  pid_t pid_ = -1;
};

}  // namespace nzbd::test
