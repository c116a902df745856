#include "support/local_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace nzbd::test {

LocalHttpServer::LocalHttpServer() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0 && ::listen(fd_, 16) == 0 &&
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { loop(); });
}

LocalHttpServer::~LocalHttpServer() {
  stop_ = true;
  thread_.join();
  ::close(fd_);
}

void LocalHttpServer::set(const std::string& path, Route route) {
  std::lock_guard lock(mutex_);
  routes_[path] = std::move(route);
}

int LocalHttpServer::requests(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(path);
  return it == counts_.end() ? 0 : it->second;
}

void LocalHttpServer::loop() {
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int c = ::accept(fd_, nullptr, nullptr);
    if (c < 0) continue;
    std::string req;
    char buf[4096];
    while (req.find("\r\n\r\n") == std::string::npos && req.size() < 65536) {
      pollfd q{c, POLLIN, 0};
      if (::poll(&q, 1, 5000) <= 0) break;
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;
      req.append(buf, static_cast<size_t>(n));
    }
    // "GET /path?query HTTP/1.1"
    std::string target;
    if (auto sp = req.find(' '); sp != std::string::npos) target = req.substr(sp + 1, req.find(' ', sp + 1) - sp - 1);
    std::string path = target.substr(0, target.find('?'));
    Route route{"not found", "text/plain", 404, true, {}, 0};
    {
      std::lock_guard lock(mutex_);
      if (auto it = routes_.find(path); it != routes_.end()) route = it->second;
      ++counts_[path];
    }
    for (int waited = 0; waited < route.delay_ms && !stop_; waited += 10) ::poll(nullptr, 0, 10);
    std::string reply = "HTTP/1.1 " + std::to_string(route.status) + " X\r\nContent-Type: " + route.content_type + "\r\n";
    for (const auto& h : route.headers) reply += h + "\r\n";
    if (route.content_length) reply += "Content-Length: " + std::to_string(route.body.size()) + "\r\n";
    reply += "Connection: close\r\n\r\n" + route.body;
    size_t pos = 0;
    while (pos < reply.size() && !stop_) {
      ssize_t n = ::send(c, reply.data() + pos, reply.size() - pos, MSG_NOSIGNAL);
      if (n <= 0) break;  // the client gave up (a body past its cap)
      pos += static_cast<size_t>(n);
    }
    ::close(c);
  }
}

}  // namespace nzbd::test
