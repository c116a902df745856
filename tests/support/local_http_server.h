// A small HTTP server on 127.0.0.1 for tests that make the daemon fetch
// things (RSS feeds, NZBs): each path has its reply, which a test may change
// at any time, and the server counts the requests per path. One thread, one
// connection at a time, "Connection: close"; unknown paths get 404.
// (tests/e2e/download/local_http.h is the one-body variant for addurl.)
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace nzbd::test {

struct Route {
  std::string body;
  std::string content_type = "application/rss+xml";
  int status = 200;
  bool content_length = true;  // false: the body ends when the connection closes
  std::vector<std::string> headers = {};  // extra "Name: value" lines (Location, Content-Disposition)
  int delay_ms = 0;                  // waits this long before answering (timeouts)
};

class LocalHttpServer {
 public:
  LocalHttpServer();
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  void set(const std::string& path, Route route);
  // Requests for `path` (the query ignored) so far. A request is counted
  // when its reply is chosen, so once the count moves, a later set() for
  // the path cannot change what that request gets.
  int requests(const std::string& path) const;
  uint16_t port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  void loop();
  mutable std::mutex mutex_;
  std::map<std::string, Route> routes_;
  std::map<std::string, int> counts_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace nzbd::test
