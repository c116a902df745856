#include "queue/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace nzbd::queue {

ArticleWriter::ArticleWriter(uint64_t cache_limit, Done on_written)
    : limit_(std::max<uint64_t>(cache_limit, 1u << 20)), on_written_(std::move(on_written)) {
  thread_ = std::thread([this] { run(); });
}

ArticleWriter::~ArticleWriter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  work_cv_.notify_all();
  space_cv_.notify_all();
  thread_.join();
}

ArticleBuffer ArticleWriter::acquire(size_t bytes) {
  std::unique_lock lock(mutex_);
  space_cv_.wait(lock, [&] { return stop_ || used_ == 0 || used_ + bytes <= limit_; });
  used_ += bytes;
  // Reuse a pooled buffer that is large enough; articles are similar in size.
  for (size_t i = 0; i < free_.size(); ++i)
    if (free_[i].capacity >= bytes) {
      ArticleBuffer b = std::move(free_[i]);
      free_.erase(free_.begin() + static_cast<long>(i));
      pooled_ -= b.capacity;
      b.size = bytes;
      return b;
    }
  lock.unlock();
  ArticleBuffer b;
  b.capacity = std::max<size_t>(bytes, 800 * 1024);
  b.data = std::make_unique_for_overwrite<char[]>(b.capacity);
  b.size = bytes;
  return b;
}

void ArticleWriter::release(ArticleBuffer buffer) {
  {
    std::lock_guard lock(mutex_);
    used_ -= std::min<uint64_t>(used_, buffer.size);
    // Kept for reuse only while buffers in use and kept stay within the
    // limit together: the limit is the writer's whole memory, not half of it.
    if (free_.size() < 16 && used_ + pooled_ + buffer.capacity <= limit_) {
      pooled_ += buffer.capacity;
      free_.push_back(std::move(buffer));
    }
  }
  space_cv_.notify_all();
}

void ArticleWriter::submit(WriteRequest request) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(request));
  }
  work_cv_.notify_one();
}

void ArticleWriter::set_cache_limit(uint64_t bytes) {
  {
    std::lock_guard lock(mutex_);
    limit_ = std::max<uint64_t>(bytes, 1u << 20);
  }
  space_cv_.notify_all();
}

void ArticleWriter::append_journal(uint32_t serial, std::string path, const JournalRecord& r) {
  WriteRequest req;
  req.token = static_cast<uint64_t>(serial) << 40;
  req.path = std::move(path);
  req.journal_only = true;
  req.record = encode_journal_record(r);
  submit(std::move(req));
}

void ArticleWriter::close_job(uint32_t serial) {
  WriteRequest marker;
  marker.token = static_cast<uint64_t>(serial) << 40;
  marker.close_marker = true;
  submit(std::move(marker));
}

void ArticleWriter::barrier() {
  WriteRequest marker;
  marker.barrier = std::make_shared<std::promise<void>>();
  auto done = marker.barrier->get_future();
  submit(std::move(marker));
  done.wait();
}

void ArticleWriter::flush() {
  std::unique_lock lock(mutex_);
  idle_cv_.wait(lock, [&] { return stop_ || (queue_.empty() && !busy_); });
}

uint64_t ArticleWriter::cached_bytes() const {
  std::lock_guard lock(mutex_);
  return used_;
}

size_t ArticleWriter::cached_articles() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

namespace {
// Is the descriptor still the file at `path`? Not when the job folder was
// removed or its disk unmounted since it was opened.
bool still_at(int fd, const std::string& path) {
  struct stat by_path {}, by_fd {};
  if (::stat(path.c_str(), &by_path) != 0 || ::fstat(fd, &by_fd) != 0) return false;
  return by_path.st_dev == by_fd.st_dev && by_path.st_ino == by_fd.st_ino;
}
}  // namespace

int ArticleWriter::fd_for(uint64_t key, const std::string& path, uint64_t file_size, bool& vanished) {
  auto it = fds_.find(key);
  if (it != fds_.end()) {
    if (still_at(it->second.get(), path)) return it->second.get();
    // Writing on would put the article where nobody will find it.
    fds_.erase(it);
    vanished = true;
    errno = ENOENT;
    return -1;
  }
  if (fds_.size() >= 64) fds_.clear();
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd && errno == ENOENT) {
    // The job folder vanished, or could not be made when the job started
    // (a read-only disk since remounted): made here, or its error told.
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (ec) {
      errno = ec.value();
      return -1;
    }
    fd.reset(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  }
  if (!fd) return -1;
  // Sparse file of the final size, so articles land at their offsets in any order.
  struct stat st {};
  if (file_size > 0 && ::fstat(fd.get(), &st) == 0 && static_cast<uint64_t>(st.st_size) < file_size)
    (void)::ftruncate(fd.get(), static_cast<off_t>(file_size));
  return (fds_[key] = std::move(fd)).get();
}

void ArticleWriter::write_journal(const WriteRequest& req) {
  uint64_t serial = req.token >> 40;
  auto it = journals_.find(serial);
  if (it == journals_.end()) {
    if (journals_.size() >= 64) journals_.clear();
    // The folder is not made: a job whose record folder is gone (deleted) keeps no journal.
    UniqueFd fd(::open(req.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (!fd) return;  // as before: a lost record only means the article is fetched again
    it = journals_.emplace(serial, std::move(fd)).first;
  }
  // One write: a crash leaves the record whole or absent.
  if (::write(it->second.get(), req.record.data(), req.record.size()) != static_cast<ssize_t>(req.record.size()))
    journals_.erase(it);
}

void ArticleWriter::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_ && queue_.empty()) break;
    WriteRequest req = std::move(queue_.front());
    queue_.pop_front();
    if (req.barrier) {
      req.barrier->set_value();
      if (queue_.empty()) idle_cv_.notify_all();
      continue;
    }
    if (req.close_marker) {
      uint64_t serial = req.token >> 40;
      for (auto it = fds_.begin(); it != fds_.end();)
        if ((it->first >> 16) == serial) {
          it = fds_.erase(it);
        } else {
          ++it;
        }
      journals_.erase(serial);
      if (queue_.empty()) idle_cv_.notify_all();
      continue;
    }
    busy_ = true;
    lock.unlock();
    if (req.journal_only) {
      write_journal(req);
      lock.lock();
      busy_ = false;
      if (queue_.empty()) idle_cv_.notify_all();
      continue;
    }

    Status st = ok_status();
    int fd = fd_for(req.token >> 24, req.path, req.file_size, req.vanished);
    if (fd < 0) {
      req.error_number = errno;
      st = make_error((req.vanished ? "vanished while downloading: " : "cannot open ") + req.path + ": " +
                      std::strerror(req.error_number));
    } else {
      size_t done = 0;
      while (done < req.buffer.size) {
        ssize_t n = ::pwrite(fd, req.buffer.data.get() + done, req.buffer.size - done,
                             static_cast<off_t>(req.offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          req.error_number = n < 0 ? errno : ENOSPC;  // pwrite writes nothing only when there is no room
          st = make_error("write error on " + req.path + ": " + std::strerror(req.error_number));
          break;
        }
        done += static_cast<size_t>(n);
      }
    }
    on_written_(req, st);
    release(std::move(req.buffer));

    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_cv_.notify_all();
  }
  idle_cv_.notify_all();
}

}  // namespace nzbd::queue
