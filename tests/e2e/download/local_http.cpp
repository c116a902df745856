#include "e2e/download/local_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace e2e {

LocalHttpServer::LocalHttpServer(std::string body, std::string filename)
    : body_(std::move(body)), filename_(std::move(filename)) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0 && ::listen(fd_, 8) == 0 &&
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { loop(); });
}

LocalHttpServer::~LocalHttpServer() {
  stop_ = true;
  thread_.join();
  ::close(fd_);
}

void LocalHttpServer::loop() {
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int c = ::accept(fd_, nullptr, nullptr);
    if (c < 0) continue;
    std::string req;
    char buf[4096];
    while (req.find("\r\n\r\n") == std::string::npos) {
      pollfd q{c, POLLIN, 0};
      if (::poll(&q, 1, 5000) <= 0) break;
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;
      req.append(buf, static_cast<size_t>(n));
    }
    ++requests_;
    std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: application/x-nzb\r\nContent-Length: " +
                        std::to_string(body_.size()) + "\r\nContent-Disposition: attachment; filename=\"" +
                        filename_ + "\"\r\nConnection: close\r\n\r\n" + body_;
    size_t pos = 0;
    while (pos < reply.size()) {
      ssize_t n = ::send(c, reply.data() + pos, reply.size() - pos, MSG_NOSIGNAL);
      if (n <= 0) break;
      pos += static_cast<size_t>(n);
    }
    ::close(c);
  }
}

}  // namespace e2e
