// A small tmpfs mounted for a test (root only): a disk that fills up, grows,
// turns read-only and back. Unmounted (lazily) at scope end.
#pragma once

#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace nzbd::test {

// Gives this process (and the daemons it starts) a mount namespace of its
// own, so mounts made here go with the process even when it crashes. Call
// before any thread starts; false when the kernel refuses (then the mounts
// are shared and only the destructors remove them).
inline bool private_mounts() {
  if (::unshare(CLONE_NEWNS) != 0) return false;
  return ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

class Tmpfs {
 public:
  Tmpfs(std::filesystem::path where, const std::string& size) : path_(std::move(where)) {
    std::filesystem::create_directories(path_);
    std::string opts = "size=" + size + ",mode=0755";
    if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, opts.c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }  // why mounting failed
  const std::filesystem::path& path() const { return path_; }

  // Remount with a new size ("16m") and read-only or not: "" when done, else why not.
  std::string remount(const std::string& size, bool read_only = false) {
    std::string opts = "size=" + size;
    unsigned long flags = MS_REMOUNT | (read_only ? MS_RDONLY : 0);
    if (::mount("tmpfs", path_.c_str(), "tmpfs", flags, opts.c_str()) == 0) return "";
    return std::strerror(errno);
  }

 private:
  std::filesystem::path path_;
  bool mounted_ = false;
  std::string error_;
};

}  // namespace nzbd::test
