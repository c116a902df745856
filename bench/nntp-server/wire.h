// Small blocking-socket helpers shared by the in-memory server and the fetch client.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bench {

// A connected TCP socket; closes on destruction.
class Socket {
 public:
  explicit Socket(int fd = -1) : fd_(fd) {}
  Socket(Socket&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Socket& operator=(Socket&& o) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket();
  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_;
};

// Connects to host:port (IPv4 literal or name). Returns an invalid socket on failure and sets err.
Socket connect_tcp(const std::string& host, int port, std::string& err);

// Writes all of data; false when the peer went away.
bool write_all(int fd, std::string_view data);

// Finds the end of a dot-terminated multi-line block in [data+from, data+size): the index just
// past "\r\n.\r\n" whose "\r\n" starts at or after `from - 2` is returned, or npos. `from` is
// the index just past the status line's CRLF (so an empty body "\r\n.\r\n" overlapping it works).
size_t find_block_end(const char* data, size_t size, size_t from);

constexpr size_t npos = static_cast<size_t>(-1);

// Splits "host:port"; false when it does not parse.
bool split_host_port(const std::string& s, std::string& host, int& port);

}  // namespace bench
