#include "unpack/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace nzbd::unpack {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxOutput = 64 * 1024;

struct SpawnActions {
  posix_spawn_file_actions_t fa;
  SpawnActions() { posix_spawn_file_actions_init(&fa); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&fa); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
};

struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd)
      if (f >= 0) ::close(f);
  }
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
};

void drain(int fd, std::string& out) {
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return;
    if (out.size() < kMaxOutput) out.append(buf, size_t(n));
  }
}

// Waits for `pid`, reading its output; ends it (TERM, then KILL) when cancelled.
ProcessResult wait_child(pid_t pid, int out_fd, const std::function<bool()>& cancelled) {
  ProcessResult r;
  bool term_sent = false;
  auto term_time = std::chrono::steady_clock::now();
  for (;;) {
    pollfd p{out_fd, POLLIN, 0};
    if (out_fd >= 0 && ::poll(&p, 1, 100) > 0) {
      char buf[4096];
      ssize_t n = ::read(out_fd, buf, sizeof buf);
      if (n > 0 && r.output.size() < kMaxOutput) r.output.append(buf, size_t(n));
      if (n == 0) out_fd = -1;  // closed; keep waiting for exit
    } else if (out_fd < 0) {
      ::usleep(50 * 1000);
    }
    int status = 0;
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      if (out_fd >= 0) drain(out_fd, r.output);
      r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return r;
    }
    if (w < 0 && errno != EINTR) return r;
    if (!term_sent && cancelled && cancelled()) {
      r.cancelled = true;
      ::kill(pid, SIGTERM);
      term_sent = true;
      term_time = std::chrono::steady_clock::now();
    } else if (term_sent && std::chrono::steady_clock::now() - term_time > std::chrono::seconds(3)) {
      ::kill(pid, SIGKILL);
    }
  }
}

}  // namespace

nzbd::Result<ProcessResult> run_process(const fs::path& program, const std::vector<std::string>& args,
                                        const std::function<bool()>& cancelled) {
  Pipe out;
  if (::pipe2(out.fd, O_CLOEXEC) != 0) return make_error(std::string("pipe: ") + std::strerror(errno));
  SpawnActions actions;
  posix_spawn_file_actions_addopen(&actions.fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions.fa, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&actions.fa, out.fd[1], 2);

  std::vector<std::string> storage;
  storage.push_back(program.string());
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, program.c_str(), &actions.fa, nullptr, argv.data(), environ);
  if (rc != 0) return make_error("cannot run " + program.string() + ": " + std::strerror(rc));
  out.close_end(1);
  int flags = ::fcntl(out.fd[0], F_GETFL);
  ::fcntl(out.fd[0], F_SETFL, flags | O_NONBLOCK);
  return wait_child(pid, out.fd[0], cancelled);
}

std::optional<fs::path> find_on_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string_view dirs(path);
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string_view::npos) end = dirs.size();
    std::string_view dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      fs::path candidate = fs::path(dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0 && fs::is_regular_file(candidate)) return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace nzbd::unpack
