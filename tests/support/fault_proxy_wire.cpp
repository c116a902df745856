#include "support/fault_proxy_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

namespace nzbd::test::wire {

int connect_loopback(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool wait_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) > 0;
}

void drain_until_closed(int fd) {
  char chunk[4096];
  while (::recv(fd, chunk, sizeof chunk, 0) > 0) {
  }
}

bool is_multiline(int code) {
  switch (code) {
    case 100: case 101: case 215: case 220: case 221: case 222: case 224: case 225: case 230: case 231:
      return true;
    default:
      return false;
  }
}

bool Reader::more() {
  char chunk[65536];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buf_.append(chunk, static_cast<size_t>(n));
  return true;
}

bool Reader::line(std::string& out) {
  size_t end;
  while ((end = buf_.find("\r\n")) == std::string::npos)
    if (!more()) return false;
  out = buf_.substr(0, end + 2);
  buf_.erase(0, end + 2);
  return true;
}

bool Reader::reply(std::string& out) {
  if (!line(out)) return false;
  if (!is_multiline(std::atoi(out.c_str()))) return true;
  // The block ends with a line that is only "."; search from the status
  // line's CRLF so an empty body ("\r\n.\r\n" right after it) is found too.
  buf_.insert(0, "\r\n");
  size_t from = 0, end;
  while ((end = buf_.find("\r\n.\r\n", from)) == std::string::npos) {
    from = buf_.size() >= 4 ? buf_.size() - 4 : 0;
    if (!more()) return false;
  }
  out.append(buf_, 2, end + 5 - 2);
  buf_.erase(0, end + 5);
  return true;
}

}  // namespace nzbd::test::wire
