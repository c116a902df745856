// A one-file HTTP server on 127.0.0.1 for addurl: every GET gets the same
// body. One thread, one connection at a time; stops at scope end.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace e2e {

class LocalHttpServer {
 public:
  LocalHttpServer(std::string body, std::string filename);
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;
  uint16_t port() const { return port_; }
  int requests() const { return requests_; }

 private:
  void loop();
  std::string body_, filename_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace e2e
