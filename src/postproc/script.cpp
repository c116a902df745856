#include "postproc/script.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/strings.h"
#include "util/subprocess.h"

extern char** environ;

namespace nzbd::postproc {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxArgLength = 64 * 1024;  // below Linux's 128 KiB per string

std::string errno_text(int err) { return std::strerror(err); }

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
  if (ends_with_icase(name, ".sh")) return std::vector<std::string>{"/bin/sh", path.string()};
  if (ends_with_icase(name, ".py")) {
    auto python = find_on_path("python3");
    if (!python) return make_error("script " + path.string() + " needs python3, not found on PATH");
    return std::vector<std::string>{python->string(), path.string()};
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
  auto tool = [](std::string_view name) { return find_on_path(name).value_or(fs::path()).string(); };
  std::string sevenzip = tool("7zz");
  if (sevenzip.empty()) sevenzip = tool("7z");
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
  set("PAR2_COMMAND", tool("par2"));
  set("RAR_COMMAND", tool("unrar"));
  set("ZIP_COMMAND", tool("unzip"));
  set("7ZIP_COMMAND", sevenzip);
  return env;
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
    if (is_executable_file(it->path()) || ends_with_icase(name, ".sh") || ends_with_icase(name, ".py"))
      names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<ScriptResult> run_user_script(const ScriptJob& job, std::chrono::seconds timeout) {
  auto program = resolve_program(job);
  if (!program) return program.error();
  std::error_code ec;
  SubprocessOptions o;
  o.argv = script_arguments(job, std::move(*program));
  o.env = script_environment(job);
  o.cwd = fs::is_directory(job.final_dir, ec) ? job.final_dir : job.script_dir;
  o.own_group = true;  // its children are ended with it
  o.timeout = timeout;
  OutputTail tail;
  o.on_output = [&tail](std::string_view piece) { tail.append(piece.data(), piece.size()); };
  auto run = run_subprocess(o);
  if (!run) return run.error();
  ScriptResult result;
  result.timed_out = run->timed_out;
  result.exit_code = run->signal ? -run->signal : run->exit_code;
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
