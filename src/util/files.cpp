#include "util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/random.h"
#include "util/unique_fd.h"

namespace nzbd {
namespace fs = std::filesystem;

// POSIX reads into a string sized by fstat: a start-up reads every queued
// job's record, and a stream plus a string stream cost twice the copies.
Result<std::string> read_file(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return make_error("cannot open " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  std::string out;
  if (::fstat(fd.get(), &st) == 0 && st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return make_error("cannot read " + path.string() + ": " + std::strerror(errno));
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

namespace {
Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return make_error(std::string("write failed: ") + std::strerror(errno));
    data.remove_prefix(static_cast<size_t>(n));
  }
  return ok_status();
}
}  // namespace

namespace {
// The temp file is written (and with `sync` fsync'd), then renamed over `path`.
Status replace_file(const fs::path& path, std::string_view data, bool sync) {
  fs::path tmp = path;
  tmp += ".tmp-" + random_hex(8);
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (fd.get() < 0)
      return make_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
    auto st = write_all(fd.get(), data);
    if (st && sync && ::fsync(fd.get()) != 0) st = make_error(std::string("fsync failed: ") + std::strerror(errno));
    if (!st) {
      ::unlink(tmp.c_str());
      return make_error("cannot write " + path.string() + ": " + st.message());
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return make_error("cannot replace " + path.string() + ": " + std::strerror(err));
  }
  return ok_status();
}
}  // namespace

Status write_file_atomic(const fs::path& path, std::string_view data) {
  if (auto st = replace_file(path, data, true); !st) return st;
  UniqueFd dir(::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_DIRECTORY));
  if (dir.get() >= 0) ::fsync(dir.get());
  return ok_status();
}

Status write_file_replace(const fs::path& path, std::string_view data) { return replace_file(path, data, false); }

Status fsync_path(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return make_error("cannot open " + path.string() + ": " + std::strerror(errno));
  if (::fsync(fd.get()) != 0) return make_error("fsync of " + path.string() + " failed: " + std::strerror(errno));
  return ok_status();
}

void remove_atomic_write_leftovers(const fs::path& path) {
  const std::string prefix = path.filename().string() + ".tmp-";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(path.parent_path().empty() ? "." : path.parent_path(), ec)) {
    std::string name = e.path().filename().string();
    if (name.size() != prefix.size() + 8 || name.compare(0, prefix.size(), prefix) != 0) continue;
    if (name.find_first_not_of("0123456789abcdef", prefix.size()) != std::string::npos) continue;
    std::error_code rm;
    fs::remove(e.path(), rm);
  }
}

bool is_within(const fs::path& root, const fs::path& child) {
  auto r = root.lexically_normal();
  auto c = child.lexically_normal();
  auto rel = c.lexically_relative(r);
  if (rel.empty() || rel == ".") return false;
  auto first = *rel.begin();
  return first != ".." && !rel.is_absolute();
}

fs::path unique_path(const fs::path& base) {
  std::error_code ec;
  if (!fs::exists(base, ec)) return base;
  for (int i = 1;; ++i) {
    fs::path p = base;
    p += "." + std::to_string(i);
    if (!fs::exists(p, ec)) return p;
  }
}

Status move_path(const fs::path& from, const fs::path& to, fs::copy_options copy) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (!ec) return ok_status();
  ec.clear();
  // Copied under a temp name and renamed into place, so `to` appears only
  // whole: a kill -9 mid-copy leaves the source and this temp (removed by the
  // next move to the same place), never a `to` with half the files.
  fs::path tmp = to.parent_path() / (".nzbd-moving-" + to.filename().string());
  fs::remove_all(tmp, ec);
  ec.clear();
  fs::copy(from, tmp, copy, ec);
  if (!ec) fs::rename(tmp, to, ec);
  if (ec) {
    std::error_code rm;
    fs::remove_all(tmp, rm);
    return make_error("Moving failed: " + ec.message());
  }
  fs::remove_all(from, ec);
  return ok_status();
}

}  // namespace nzbd
