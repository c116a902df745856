#include "par2/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace nzbd::par2 {

File::File(const std::filesystem::path& path, Mode mode) {
  int flags = O_CLOEXEC;
  if (mode == Mode::read) flags |= O_RDONLY;
  // Writes never follow a symlink: it could point outside the job folder.
  if (mode == Mode::read_write) flags |= O_RDWR | O_NOFOLLOW;
  if (mode == Mode::create) flags |= O_RDWR | O_CREAT | O_NOFOLLOW;
  fd_ = ::open(path.c_str(), flags, 0644);
  if (fd_ < 0) error_ = path.string() + ": " + std::strerror(errno);
}

File::~File() {
  if (fd_ >= 0) ::close(fd_);
}

File::File(File&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), error_(std::move(other.error_)) {}

File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    error_ = std::move(other.error_);
  }
  return *this;
}

uint64_t File::size() const {
  struct stat st{};
  if (fd_ < 0 || ::fstat(fd_, &st) != 0 || st.st_size < 0) return 0;
  return static_cast<uint64_t>(st.st_size);
}

size_t File::read_at(uint64_t offset, void* buffer, size_t n) const {
  size_t done = 0;
  auto* p = static_cast<char*>(buffer);
  while (done < n) {
    ssize_t r = ::pread(fd_, p + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    done += static_cast<size_t>(r);
  }
  return done;
}

bool File::write_at(uint64_t offset, const void* buffer, size_t n) {
  size_t done = 0;
  const auto* p = static_cast<const char*>(buffer);
  while (done < n) {
    ssize_t r = ::pwrite(fd_, p + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      error_ = std::strerror(errno);
      return false;
    }
    done += static_cast<size_t>(r);
  }
  return true;
}

bool File::truncate(uint64_t size) { return ::ftruncate(fd_, static_cast<off_t>(size)) == 0; }
bool File::sync() { return ::fdatasync(fd_) == 0; }

}  // namespace nzbd::par2
