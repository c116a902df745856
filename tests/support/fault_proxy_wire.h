// Blocking-socket helpers for the fault proxy: loopback connect, whole writes,
// and a reader of NNTP lines and replies (single- or multi-line).
#pragma once

#include <string>
#include <string_view>

namespace nzbd::test::wire {

int connect_loopback(uint16_t port);  // -1 on failure
bool send_all(int fd, std::string_view data);
bool wait_readable(int fd, int timeout_ms);
void drain_until_closed(int fd);  // reads and drops until the peer (or the proxy) closes

// Multi-line replies (RFC 3977): help, capabilities, list, article, head,
// body, overview, new groups/articles.
bool is_multiline(int code);

class Reader {
 public:
  explicit Reader(int fd) : fd_(fd) {}
  bool line(std::string& out);   // one line with its CRLF
  bool reply(std::string& out);  // a status line and, for multi-line codes, up to ".\r\n"

 private:
  bool more();
  int fd_;
  std::string buf_;
};

}  // namespace nzbd::test::wire
