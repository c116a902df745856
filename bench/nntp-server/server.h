// A minimal NNTP reader server answering from an ArticleStore: greeting 200, AUTHINFO accepted,
// BODY/ARTICLE/HEAD/STAT, GROUP, MODE READER, CAPABILITIES, DATE, QUIT. One thread per
// connection, blocking sockets; pipelined commands are answered in one writev per read.
#pragma once

#include <atomic>
#include <cstdint>

#include "store.h"

namespace bench {

class MemServer {
 public:
  explicit MemServer(const ArticleStore& store) : store_(store) {}
  // Binds 127.0.0.1:port (0 = any free port); returns the bound port or -1.
  int bind(int port);
  // Accepts until the process is stopped.
  void serve();
  uint64_t bytes_sent() const { return bytes_sent_.load(); }

 private:
  void handle(int fd);
  const ArticleStore& store_;
  int listen_fd_ = -1;
  std::atomic<uint64_t> bytes_sent_{0};
};

}  // namespace bench
