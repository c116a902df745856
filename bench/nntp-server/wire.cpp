#include "wire.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bench {

Socket& Socket::operator=(Socket&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

Socket connect_tcp(const std::string& host, int port, std::string& err) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &res); rc != 0) {
    err = std::string("getaddrinfo: ") + gai_strerror(rc);
    return Socket();
  }
  Socket out;
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    Socket s(::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol));
    if (!s.valid()) continue;
    if (::connect(s.fd(), ai->ai_addr, ai->ai_addrlen) == 0) {
      int one = 1;
      ::setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      out = std::move(s);
      break;
    }
    err = std::string("connect: ") + std::strerror(errno);
  }
  ::freeaddrinfo(res);
  return out;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

size_t find_block_end(const char* data, size_t size, size_t from) {
  // The terminator is "\r\n.\r\n"; the leading CRLF may be the status line's own.
  size_t pos = from;
  while (pos < size) {
    const void* hit = std::memchr(data + pos, '.', size - pos);
    if (!hit) return npos;
    size_t dot = static_cast<size_t>(static_cast<const char*>(hit) - data);
    if (dot + 3 > size) return npos;  // need ".\r\n" complete
    if (dot >= 2 && data[dot - 2] == '\r' && data[dot - 1] == '\n' && data[dot + 1] == '\r' &&
        data[dot + 2] == '\n')
      return dot + 3;
    pos = dot + 1;
  }
  return npos;
}

bool split_host_port(const std::string& s, std::string& host, int& port) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = s.substr(0, colon);
  try {
    port = std::stoi(s.substr(colon + 1));
  } catch (...) {
    return false;
  }
  return port > 0 && port < 65536;
}

}  // namespace bench
