#include "util/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "util/unique_fd.h"

extern char** environ;

namespace nzbd {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kKillGrace = 3s;        // SIGTERM -> SIGKILL
constexpr auto kDrainLinger = 500ms;   // the child exited, something still holds the pipe
constexpr auto kGiveUpAfterKill = 1s;  // someone outside the group holds the pipe
constexpr auto kTick = 50ms;           // how often exit, time and cancel are checked

std::string errno_text(int err) { return std::strerror(err); }

std::vector<char*> c_array(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// posix_spawn with stdout+stderr into out_fd, stdin /dev/null and default
// signal handling.
Result<pid_t> spawn(const SubprocessOptions& o, int out_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDERR_FILENO);
  if (!o.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, o.cwd.c_str());
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (o.own_group) flags |= POSIX_SPAWN_SETPGROUP;
  posix_spawnattr_setflags(&attr, flags);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  std::vector<std::string> argv = o.argv, env;
  if (o.env) env = *o.env;
  auto argv_c = c_array(argv);
  auto env_c = c_array(env);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv_c[0], &actions, &attr, argv_c.data(), o.env ? env_c.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return make_error("could not start " + argv[0] + ": " + errno_text(rc));
  return pid;
}

// Exited, but not reaped yet: the pid (and its group id) stay ours to signal.
bool has_exited(pid_t pid) {
  siginfo_t info{};
  int rc = ::waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT);
  if (rc != 0) return errno == ECHILD;  // already collected elsewhere: gone
  return info.si_pid == pid;
}

void signal_child(pid_t pid, int sig, bool group) {
  if (group) ::kill(-pid, sig);  // pgid == pid, kept alive by the unreaped zombie
  ::kill(pid, sig);              // and the child itself, in case it left the group
}

// Reads the pipe until the child and everything holding the pipe is done,
// ending them when the time is up or the caller cancels.
void capture(pid_t pid, int fd, const SubprocessOptions& o, SubprocessResult& r) {
  const auto deadline = o.timeout.count() > 0 ? Clock::now() + o.timeout : Clock::time_point::max();
  std::optional<Clock::time_point> drain_until, kill_at, give_up_at;
  bool exited = false, eof = false;
  char chunk[65536];
  while (true) {
    if (!exited) exited = has_exited(pid);
    if (exited && eof) break;
    auto now = Clock::now();
    if (!exited && !kill_at) {
      if (now >= deadline) r.timed_out = true;
      else if (o.cancelled && o.cancelled()) r.cancelled = true;
      if (r.timed_out || r.cancelled) {
        signal_child(pid, SIGTERM, o.own_group);
        kill_at = now + kKillGrace;
      }
    }
    if (exited && !drain_until) drain_until = now + kDrainLinger;
    if (exited && !kill_at && now >= *drain_until) {
      if (!o.own_group) break;  // not ours to end: stop reading
      signal_child(pid, SIGTERM, true);
      kill_at = now + kKillGrace;
    }
    if (kill_at && !give_up_at && now >= *kill_at) {
      signal_child(pid, SIGKILL, o.own_group);
      give_up_at = now + kGiveUpAfterKill;
    }
    // After SIGKILL only a process outside the group can still hold the pipe.
    if (give_up_at && now >= *give_up_at) break;
    pollfd p{fd, POLLIN, 0};  // with nothing to read, this only waits a tick
    int ready = ::poll(&p, eof ? 0 : 1, static_cast<int>(kTick.count()));
    if (ready > 0 && !eof) {
      ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n > 0 && o.on_output) o.on_output(std::string_view(chunk, static_cast<std::size_t>(n)));
      else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) eof = true;
    }
  }
}

Status collect_exit(pid_t pid, SubprocessResult& r) {
  int status = 0;
  pid_t rc;
  do rc = ::waitpid(pid, &status, 0);
  while (rc < 0 && errno == EINTR);
  if (rc != pid) return make_error("could not collect the exit status of a child process: " + errno_text(errno));
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return ok_status();
}

}  // namespace

Result<SubprocessResult> run_subprocess(const SubprocessOptions& o) {
  if (o.argv.empty() || o.argv[0].empty()) return make_error("no program to run");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return make_error("could not create a pipe: " + errno_text(errno));
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  auto pid = spawn(o, write_end.get());
  if (!pid) return pid.error();
  write_end.reset();  // only the child holds it now, so EOF means it is done
  ::fcntl(read_end.get(), F_SETFL, ::fcntl(read_end.get(), F_GETFL) | O_NONBLOCK);
  SubprocessResult r;
  capture(*pid, read_end.get(), o, r);
  if (auto st = collect_exit(*pid, r); !st) return st.error();
  return r;
}

bool is_executable_file(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) && ::access(p.c_str(), X_OK) == 0;
}

std::optional<fs::path> find_on_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!dirs.empty()) {
    auto colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / name;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

}  // namespace nzbd
