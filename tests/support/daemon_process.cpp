#include "support/daemon_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support/http_client.h"
#include "support/temp_dir.h"

namespace nzbd::test {

DaemonProcess::DaemonProcess(std::filesystem::path home, std::vector<std::string> extra_args)
    : home_(std::move(home)), args_(std::move(extra_args)) {}

DaemonProcess::~DaemonProcess() {
  if (pid_ > 0) kill9();
  // Every test that runs a daemon also checks that its log kept the secrets.
  for (const auto& leak : leaked_secrets()) ADD_FAILURE() << "nzbd's log holds a secret: " << leak;
}

std::vector<std::string> DaemonProcess::leaked_secrets() const {
  std::vector<std::string> secrets = {api_key(), nzb_key()};
  // Every password in nzbd.ini (misc, servers), as written there.
  std::string ini = read_text(home_ / "nzbd.ini");
  for (std::size_t pos = 0; (pos = ini.find("password = ", pos)) != std::string::npos; pos += 11) {
    if (pos > 0 && ini[pos - 1] != '\n' && ini[pos - 1] != ' ') continue;
    auto end = ini.find('\n', pos);
    secrets.push_back(ini.substr(pos + 11, end == std::string::npos ? std::string::npos : end - pos - 11));
  }
  std::vector<std::string> leaks;
  std::error_code ec;
  if (!std::filesystem::is_directory(home_ / "logs", ec)) return leaks;
  for (const auto& entry : std::filesystem::directory_iterator(home_ / "logs", ec)) {
    std::string log = read_text(entry.path());
    for (const auto& s : secrets) {
      if (s.size() < 3) continue;
      auto at = log.find(s);
      if (at == std::string::npos) continue;
      auto line_start = log.rfind('\n', at);
      line_start = line_start == std::string::npos ? 0 : line_start + 1;
      leaks.push_back(entry.path().filename().string() + ": " + log.substr(line_start, log.find('\n', at) - line_start));
    }
  }
  return leaks;
}

bool DaemonProcess::start() {
  std::filesystem::create_directories(home_);
  std::filesystem::remove(home_ / "listen.addr");
  std::vector<std::string> argv = {NZBD_BIN, "--home", home_.string(), "--listen", "127.0.0.1:0"};
  argv.insert(argv.end(), args_.begin(), args_.end());
  std::string log = (home_ / "daemon.out").string();
  pid_ = fork();
  if (pid_ == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  for (int i = 0; i < 600; ++i) {  // up to 60 s: sanitizer builds start slowly on a busy machine
    if (!running()) return false;
    std::string addr = read_text(home_ / "listen.addr");
    while (!addr.empty() && (addr.back() == '\n')) addr.pop_back();
    if (!addr.empty()) {
      address_ = addr;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

int DaemonProcess::wait_exit(int timeout_ms) {
  for (int waited = 0; waited <= timeout_ms; waited += 20) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

bool DaemonProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int DaemonProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int rc = wait_exit(30000);
  if (rc == -1) kill9();
  return rc;
}

void DaemonProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string DaemonProcess::ini_value(const std::string& key) const {
  std::string ini = read_text(home_ / "nzbd.ini");
  size_t pos = 0;
  while ((pos = ini.find(key + " = ", pos)) != std::string::npos) {
    if (pos == 0 || ini[pos - 1] == '\n') {
      size_t start = pos + key.size() + 3;
      return ini.substr(start, ini.find('\n', start) - start);
    }
    pos += key.size();
  }
  return {};
}

bool DaemonProcess::wait_restarted(int timeout_ms) {
  for (int waited = 0; waited < timeout_ms; waited += 100) {
    std::string addr = read_text(home_ / "listen.addr");
    while (!addr.empty() && addr.back() == '\n') addr.pop_back();
    if (!addr.empty() && addr != address_) {
      address_ = addr;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string DaemonProcess::api_key() const { return ini_value("api_key"); }
std::string DaemonProcess::nzb_key() const { return ini_value("nzb_key"); }

std::string DaemonProcess::api(const std::string& query) const {
  return url() + "/api?" + query + (query.empty() ? "" : "&") + "apikey=" + api_key();
}

std::string DaemonProcess::output() const { return read_text(home_ / "daemon.out"); }

}  // namespace nzbd::test
