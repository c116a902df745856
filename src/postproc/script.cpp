#include "postproc/script.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

extern char** environ;

namespace nzbd::postproc {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kKillGrace = 3s;       // SIGTERM -> SIGKILL
constexpr auto kDrainLinger = 500ms;  // script exited, children still hold the pipe
constexpr auto kGiveUpAfterKill = 1s; // someone outside the group holds the pipe
constexpr auto kTick = 50ms;          // how often the script's exit is checked
constexpr std::size_t kMaxArgLength = 64 * 1024;  // below Linux's 128 KiB per string

std::string errno_text(int err) { return std::strerror(err); }

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Text that goes into argv/envp: no NUL (it would cut the string), bounded.
std::string c_safe(std::string_view s) {
  std::string out;
  out.reserve(std::min(s.size(), kMaxArgLength));
  for (char c : s) {
    if (out.size() >= kMaxArgLength) break;
    if (c != '\0') out.push_back(c);
  }
  return out;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - suffix.size(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

bool is_executable_file(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) &&
         ::access(p.c_str(), X_OK) == 0;
}

std::string find_on_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!dirs.empty()) {
    auto colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / name;
    if (is_executable_file(candidate)) return candidate.string();
  }
  return {};
}

std::string program_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string{} : exe.parent_path().string();
}

// The argv prefix that runs the script: the script itself, or its interpreter.
Result<std::vector<std::string>> resolve_program(const ScriptJob& job) {
  const std::string& name = job.script_name;
  if (name.empty() || name == "None" || name == "Default")
    return make_error("no user script selected (\"" + c_safe(name) + "\")");
  if (!is_valid_script_name(name))
    return make_error("script name \"" + c_safe(name) +
                      "\" is not a plain file name in the script folder");
  if (job.script_dir.empty()) return make_error("script_dir is not set; cannot run \"" + name + "\"");
  fs::path path = job.script_dir / name;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return make_error("script \"" + name + "\" not found in " + job.script_dir.string() + ": " +
                      errno_text(errno));
  if (!S_ISREG(st.st_mode)) return make_error("script " + path.string() + " is not a file");
  if (is_executable_file(path)) return std::vector<std::string>{path.string()};
  if (ends_with_ci(name, ".sh")) return std::vector<std::string>{"/bin/sh", path.string()};
  if (ends_with_ci(name, ".py")) {
    std::string python = find_on_path("python3");
    if (python.empty()) return make_error("script " + path.string() + " needs python3, not found on PATH");
    return std::vector<std::string>{python, path.string()};
  }
  return make_error("script " + path.string() + " is not executable (chmod +x it)");
}

std::vector<std::string> script_arguments(const ScriptJob& job, std::vector<std::string> argv) {
  for (const std::string& a :
       {job.final_dir.string(), job.nzb_name, job.job_name, std::string{}, job.category, job.group,
        std::to_string(job.pp_status), std::string{}})
    argv.push_back(c_safe(a));
  return argv;
}

std::vector<std::string> script_environment(const ScriptJob& job) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e)
    if (std::strncmp(*e, "SAB_", 4) != 0) env.emplace_back(*e);
  auto set = [&env](const char* name, const std::string& value) {
    env.push_back(std::string("SAB_") + name + "=" + c_safe(value));
  };
  auto num = [](int64_t v) { return std::to_string(v); };
  std::string sevenzip = find_on_path("7zz");
  if (sevenzip.empty()) sevenzip = find_on_path("7z");
  set("SCRIPT", job.script_name);
  set("NZO_ID", job.nzo_id);
  set("FINAL_NAME", job.job_name);
  set("FILENAME", job.nzb_name);
  set("COMPLETE_DIR", job.final_dir.string());
  set("PP_STATUS", num(job.pp_status));
  set("CAT", job.category);
  set("BYTES", num(job.bytes));
  set("BYTES_TRIED", num(job.bytes_downloaded));
  set("BYTES_DOWNLOADED", num(job.bytes_downloaded));
  set("DUPLICATE", "0");
  set("PASSWORD", job.password);
  set("STATUS", job.status);
  set("AGE", num(job.age_seconds));
  set("URL", job.url);
  set("FAILURE_URL", "");
  set("AVG_BPS", num(job.avg_bps));
  set("FAIL_MSG", job.fail_message);
  set("GROUP", job.group);
  set("PRIORITY", num(job.priority));
  set("PP", num(job.pp));
  set("REPAIR", job.pp >= 1 ? "1" : "0");
  set("UNPACK", job.pp >= 2 ? "1" : "0");
  set("VERSION", job.sab_version);
  set("PROGRAM_DIR", program_dir());
  set("PAR2_COMMAND", find_on_path("par2"));
  set("RAR_COMMAND", find_on_path("unrar"));
  set("ZIP_COMMAND", find_on_path("unzip"));
  set("7ZIP_COMMAND", sevenzip);
  return env;
}

std::vector<char*> c_array(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// posix_spawn with stdout+stderr into out_fd, stdin /dev/null, a new process
// group and default signal handling whatever the daemon set up.
Result<pid_t> spawn(std::vector<std::string> argv, std::vector<std::string> env,
                    const fs::path& cwd, int out_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDERR_FILENO);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  auto argv_c = c_array(argv);
  auto env_c = c_array(env);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv_c[0], &actions, &attr, argv_c.data(), env_c.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return make_error("could not start " + argv[0] + ": " + errno_text(rc));
  return pid;
}

// The newest kMaxScriptOutput bytes of the script's output.
class OutputTail {
 public:
  void append(const char* data, std::size_t n) {
    buf_.append(data, n);
    if (buf_.size() > 2 * kMaxScriptOutput) trim();
  }
  std::string take() {
    trim();
    if (dropped_ == 0) return std::move(buf_);
    return "[nzbd: " + std::to_string(dropped_) + " bytes of earlier output dropped]\n" + buf_;
  }

 private:
  void trim() {
    if (buf_.size() <= kMaxScriptOutput) return;
    std::size_t cut = buf_.size() - kMaxScriptOutput;
    buf_.erase(0, cut);
    dropped_ += cut;
  }
  std::string buf_;
  uint64_t dropped_ = 0;
};

// Output is whatever bytes the script wrote; history and JSON need UTF-8.
std::string to_valid_utf8(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t i = 0, n = in.size();
  while (i < n) {
    unsigned char c = s[i];
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) ok = (s[i + k] & 0xC0) == 0x80;
    if (ok && len > 1) {
      uint32_t cp = c & (0x7F >> len);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
      static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (ok) {
      out.append(in, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return out;
}

std::string last_nonempty_line(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  auto nl = text.rfind('\n');
  if (nl != std::string_view::npos) text.remove_prefix(nl + 1);
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return std::string(text);
}

bool has_exited(pid_t pid) {
  siginfo_t info{};
  int rc = ::waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT);
  if (rc != 0) return errno == ECHILD;  // already collected elsewhere: gone
  return info.si_pid == pid;
}

void signal_script(pid_t pid, int sig) {
  ::kill(-pid, sig);  // the group (pgid == pid, kept alive by the unreaped zombie)
  ::kill(pid, sig);   // and the script itself, in case it left the group
}

// Reads the pipe until the script and everything holding the pipe is done,
// ending them when the time is up.
bool capture(pid_t pid, int fd, std::chrono::seconds timeout, OutputTail& out) {
  const auto start = Clock::now();
  const auto deadline = timeout.count() > 0 ? start + timeout : Clock::time_point::max();
  std::optional<Clock::time_point> drain_until, kill_at, give_up_at;
  bool exited = false, eof = false, timed_out = false;
  char chunk[65536];
  while (true) {
    if (!exited) exited = has_exited(pid);
    if (exited && eof) break;
    auto now = Clock::now();
    if (!exited && !timed_out && now >= deadline) {
      timed_out = true;
      signal_script(pid, SIGTERM);
      kill_at = now + kKillGrace;
    }
    if (exited && !drain_until) drain_until = now + kDrainLinger;
    if (exited && !kill_at && now >= *drain_until) {
      signal_script(pid, SIGTERM);
      kill_at = now + kKillGrace;
    }
    if (kill_at && !give_up_at && now >= *kill_at) {
      signal_script(pid, SIGKILL);
      give_up_at = now + kGiveUpAfterKill;
    }
    // After SIGKILL only a process outside the group can still hold the pipe.
    if (give_up_at && now >= *give_up_at) break;
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, eof ? 0 : 1, static_cast<int>(kTick.count()));
    if (ready > 0 && !eof) {
      ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n > 0) out.append(chunk, static_cast<std::size_t>(n));
      else if (n == 0 || (errno != EINTR && errno != EAGAIN)) eof = true;
    }
  }
  return timed_out;
}

Result<int> collect_exit_code(pid_t pid) {
  int status = 0;
  pid_t rc;
  do rc = ::waitpid(pid, &status, 0);
  while (rc < 0 && errno == EINTR);
  if (rc != pid) return make_error("could not collect the script's exit status: " + errno_text(errno));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

}  // namespace

bool is_valid_script_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name == "None" || name == "Default") return false;
  if (name.front() == '.') return false;  // hidden, ".", ".."
  return std::none_of(name.begin(), name.end(), [](char c) {
    return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
}

std::vector<std::string> list_user_scripts(const fs::path& script_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  if (script_dir.empty()) return names;
  for (fs::directory_iterator it(script_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!is_valid_script_name(name) || !it->is_regular_file(ec)) continue;
    if (is_executable_file(it->path()) || ends_with_ci(name, ".sh") || ends_with_ci(name, ".py"))
      names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<ScriptResult> run_user_script(const ScriptJob& job, std::chrono::seconds timeout) {
  auto program = resolve_program(job);
  if (!program) return program.error();
  std::error_code ec;
  fs::path cwd = fs::is_directory(job.final_dir, ec) ? job.final_dir : job.script_dir;

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return make_error("could not create a pipe: " + errno_text(errno));
  Fd read_end(fds[0]), write_end(fds[1]);
  auto pid = spawn(script_arguments(job, std::move(*program)), script_environment(job), cwd,
                   write_end.fd);
  if (!pid) return pid.error();
  write_end.reset();  // only the script holds it now, so EOF means it is done
  ::fcntl(read_end.fd, F_SETFL, ::fcntl(read_end.fd, F_GETFL) | O_NONBLOCK);

  OutputTail tail;
  ScriptResult result;
  result.timed_out = capture(*pid, read_end.fd, timeout, tail);
  auto code = collect_exit_code(*pid);
  if (!code) return code.error();
  result.exit_code = *code;
  result.output = to_valid_utf8(tail.take());
  result.last_line = last_nonempty_line(result.output);
  return result;
}

std::string script_failure_message(const ScriptResult& result, std::chrono::seconds timeout) {
  if (result.timed_out) return "Script timed out after " + std::to_string(timeout.count()) + " s";
  if (result.exit_code != 0) return "Script returned exit code " + std::to_string(result.exit_code);
  return {};
}

}  // namespace nzbd::postproc
