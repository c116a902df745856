// The article cache and the writer thread: decoded articles wait in a bounded
// set of reusable buffers (cache_limit) until the writer pwrite()s them at
// their offset. Network threads never touch the disk; when the cache is full
// they wait, which slows the download instead of growing memory. The writer
// thread also appends the jobs' journal records, to journals it keeps open,
// so no network thread and nobody under the queue's lock touches the disk.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "queue/store.h"
#include "util/result.h"
#include "util/unique_fd.h"

namespace nzbd::queue {

struct ArticleBuffer {
  std::unique_ptr<char[]> data;
  size_t capacity = 0;
  size_t size = 0;
};

struct WriteRequest {
  uint64_t token = 0;
  std::string path;        // target file
  uint64_t offset = 0;
  uint64_t file_size = 0;  // from the yEnc header; the file is extended to it
  uint32_t crc32 = 0;
  ArticleBuffer buffer;
  bool close_marker = false;  // closes the job's files instead of writing
  // Appends `record` to the journal at `path` instead of writing an article.
  bool journal_only = false;
  JournalBytes record{};
  std::shared_ptr<std::promise<void>> barrier;  // set once everything queued before is done
  int error_number = 0;       // errno of a failed open or write (ENOSPC: the disk is full)
  bool vanished = false;      // the file written so far is gone (its folder was removed)
};

class ArticleWriter {
 public:
  using Done = std::function<void(const WriteRequest&, const Status&)>;
  ArticleWriter(uint64_t cache_limit, Done on_written);
  ~ArticleWriter();

  ArticleBuffer acquire(size_t bytes);  // may wait while the cache is full
  void submit(WriteRequest request);
  void release(ArticleBuffer buffer);   // a buffer that will not be written
  void set_cache_limit(uint64_t bytes);
  // Appends a journal record of job `serial` after everything queued before
  // (an article's record is asked for once its bytes are written).
  void append_journal(uint32_t serial, std::string path, const JournalRecord& r);
  // Closes the cached descriptors of a job after everything queued before.
  void close_job(uint32_t serial);
  // Waits until everything submitted before it is done (journal records too),
  // however busy the writer stays. Not on the writer thread.
  void barrier();
  // Waits until everything submitted so far is written.
  void flush();
  uint64_t cached_bytes() const;
  size_t cached_articles() const;

 private:
  void run();
  int fd_for(uint64_t key, const std::string& path, uint64_t file_size, bool& vanished);
  void write_journal(const WriteRequest& req);

  mutable std::mutex mutex_;
  std::condition_variable work_cv_, space_cv_, idle_cv_;
  std::deque<WriteRequest> queue_;
  std::vector<ArticleBuffer> free_;
  uint64_t limit_;
  uint64_t used_ = 0;      // bytes of buffers handed out or queued
  uint64_t pooled_ = 0;    // capacity of the buffers kept in free_
  bool busy_ = false;
  bool stop_ = false;
  // Keyed by job serial and file index (never reused), writer thread only.
  std::map<uint64_t, UniqueFd> fds_;
  std::map<uint64_t, UniqueFd> journals_;  // by job serial, writer thread only
  Done on_written_;
  std::thread thread_;
};

}  // namespace nzbd::queue
