#include "par2/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace nzbd::par2 {

Result<File> File::open(const std::filesystem::path& path, Mode mode) {
  int flags = O_CLOEXEC;
  if (mode == Mode::read) flags |= O_RDONLY;
  // Writes never follow a symlink: it could point outside the job folder.
  if (mode == Mode::create) flags |= O_RDWR | O_CREAT | O_NOFOLLOW;
  UniqueFd fd(::open(path.c_str(), flags, 0644));
  if (!fd) return io_error(path.string() + ": " + std::strerror(errno));
  return File(std::move(fd), path.string());
}

Error File::failure(const char* what) const {
  return io_error("cannot " + std::string(what) + " " + name_ + ": " + std::strerror(errno));
}

uint64_t File::size() const {
  struct stat st{};
  if (::fstat(fd_.get(), &st) != 0 || st.st_size < 0) return 0;
  return static_cast<uint64_t>(st.st_size);
}

size_t File::read_at(uint64_t offset, void* buffer, size_t n) const {
  size_t done = 0;
  auto* p = static_cast<char*>(buffer);
  while (done < n) {
    ssize_t r = ::pread(fd_.get(), p + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    done += static_cast<size_t>(r);
  }
  return done;
}

Status File::write_at(uint64_t offset, const void* buffer, size_t n) {
  size_t done = 0;
  const auto* p = static_cast<const char*>(buffer);
  while (done < n) {
    ssize_t r = ::pwrite(fd_.get(), p + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) errno = ENOSPC;  // no progress: the disk took nothing
    if (r <= 0) return failure("write");
    done += static_cast<size_t>(r);
  }
  return ok_status();
}

Status File::truncate(uint64_t size) {
  if (::ftruncate(fd_.get(), static_cast<off_t>(size)) != 0) return failure("resize");
  return ok_status();
}

Status File::sync() {
  if (::fdatasync(fd_.get()) != 0) return failure("sync");
  return ok_status();
}

}  // namespace nzbd::par2
