// unrar and 7zz, judged by exit code only (their text output goes to the log).
//
// Exit codes assumed for RARLAB unrar (its documented RARX_* values):
//   0 success, 1 warning (non-fatal error), 2 fatal error, 3 CRC error (RAR4
//   and header-encrypted archives report a wrong password this way), 4 locked,
//   5 write error, 6 open error, 7 bad command line, 8 out of memory,
//   9 create error, 10 no files matched (e.g. wrong password for encrypted
//   headers), 11 wrong password, 255 user break.
// 7-Zip (7zz): 0 ok, 1 warning, 2 fatal (also a wrong password), 7 command
// line, 8 memory, 255 user break (also "no password given" with stdin closed).
#include <string>

#include "unpack/internal.h"
#include "unpack/process.h"
#include "util/subprocess.h"

namespace nzbd::unpack {
namespace fs = std::filesystem;

namespace {

Attempt failed(std::string message) { return Attempt{Attempt::Failed, std::move(message), {}}; }

Attempt password_problem(const std::string* password) {
  return password ? Attempt{Attempt::WrongPassword, std::string(kMsgWrongPassword), {}}
                  : Attempt{Attempt::NeedsPassword, std::string(kMsgPasswordRequired), {}};
}

void append_output(Attempt& a, const std::string& tool, const ProcessResult& r) {
  a.log.push_back(tool + " exit code " + std::to_string(r.exit_code));
  size_t start = 0;
  int lines = 0;
  while (start < r.output.size() && lines < 40) {
    size_t end = r.output.find('\n', start);
    if (end == std::string::npos) end = r.output.size();
    std::string line = r.output.substr(start, end - start);
    if (!line.empty() && line.find_first_not_of(" \r\b") != std::string::npos) {
      a.log.push_back(tool + ": " + line);
      ++lines;
    }
    start = end + 1;
  }
}

Attempt map_unrar_exit(int code, bool encrypted, const std::string* password) {
  switch (code) {
    case 0: return Attempt{};
    case 3:
      if (encrypted) return password_problem(password);
      return failed(std::string(kMsgCrcError));
    case 10:
      if (encrypted) return password_problem(password);
      return failed(std::string(kMsgNotUnpacked));
    case 11: return password_problem(password);
    case 5:
    case 9: return failed(std::string(kMsgDiskFull));
    case 6: return failed(std::string(kMsgMissingVolume) + " (unrar could not open a volume)");
    case 8: return failed("Unpacking failed, not enough memory");
    case 255: return failed(std::string(kMsgAborted));
    case 1:
    case 2:
    case 4: return failed(std::string(kMsgDamaged) + " (unrar exit code " + std::to_string(code) + ")");
    default: return failed("Unpacking failed, unrar exit code " + std::to_string(code));
  }
}

Attempt map_7zz_exit(int code, bool encrypted, const std::string* password) {
  switch (code) {
    case 0: return Attempt{};
    case 2:
      if (encrypted) return password_problem(password);
      return failed(std::string(kMsgDamaged) + " (7zz exit code 2)");
    case 255:
      if (encrypted && !password) return password_problem(password);
      return failed(std::string(kMsgAborted));
    case 8: return failed("Unpacking failed, not enough memory");
    default: return failed(std::string(kMsgDamaged) + " (7zz exit code " + std::to_string(code) + ")");
  }
}

Attempt run_tool(const fs::path& program, const std::vector<std::string>& args, const std::string& tool,
                 const std::function<bool()>& cancelled,
                 Attempt (*map)(int, bool, const std::string*), bool encrypted, const std::string* password) {
  auto r = run_process(program, args, cancelled);
  if (!r) return failed("Unpacking failed, " + r.message());
  if (r->cancelled) return failed(std::string(kMsgAborted));
  Attempt a = map(r->exit_code, encrypted, password);
  append_output(a, tool, *r);
  return a;
}

}  // namespace

Attempt extract_with_unrar(const fs::path& unrar, const ArchiveSet& set, const fs::path& staging,
                           const std::string* password, const std::function<bool()>& cancelled) {
  // unrar finds the following volumes itself from the first one's name.
  std::vector<std::string> args = {"x", password ? "-p" + *password : "-p-", "-y", "-o+",
                                   set.volumes.front().string(), staging.string() + "/"};
  return run_tool(unrar, args, "unrar", cancelled, map_unrar_exit, set.encrypted, password);
}

Attempt extract_with_7zz(const fs::path& sevenzip, const ArchiveSet& set, const fs::path& staging,
                         const std::string* password, const std::function<bool()>& cancelled) {
  // 7zz opens ".001" splits by itself. No -snld: dangerous links stay refused.
  std::vector<std::string> args = {"x", "-y", "-bd", "-aoa", "-o" + staging.string()};
  if (password) args.push_back("-p" + *password);
  args.push_back("--");
  args.push_back(set.volumes.front().string());
  return run_tool(sevenzip, args, "7zz", cancelled, map_7zz_exit, set.encrypted, password);
}

std::optional<fs::path> find_unrar(const UnpackOptions& opts) {
  std::optional<fs::path> p = opts.unrar.empty() ? find_on_path("unrar") : std::optional<fs::path>(opts.unrar);
  if (!p) return std::nullopt;
  // Debian's "unrar" alternative may be unrar-free, which has another command
  // line and cannot decrypt either; only RARLAB unrar is used.
  std::error_code ec;
  fs::path real = fs::canonical(*p, ec);
  if (ec || real.filename().string().find("unrar-free") != std::string::npos) return std::nullopt;
  return p;
}

std::optional<fs::path> find_7zz(const UnpackOptions& opts) {
  if (!opts.sevenzip.empty()) return opts.sevenzip;
  if (auto p = find_on_path("7zz")) return p;
  return find_on_path("7z");
}

}  // namespace nzbd::unpack
