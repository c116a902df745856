// The HTTP server: Boost.Beast on Asio, keep-alive, size limits. Handlers get
// plain Request values (see message.h) with params already parsed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/message.h"
#include "util/result.h"

namespace nzbd::http {

using Handler = std::function<Response(Request&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;               // 0 picks a free port
  uint64_t max_body_bytes = 64u << 20;  // NZB uploads can be large
  uint32_t max_header_bytes = 16u << 10;
  int threads = 2;
  int idle_timeout_seconds = 120;
  // Set: this listener speaks HTTPS only (TLS 1.2+), with these PEM files.
  struct Tls {
    std::string cert_file, key_file;
  };
  std::optional<Tls> tls;
  // Requests whose handler may wait on the network or a slow service (an
  // indexer search, TVMaze, a mail server): they run on a pool of
  // `worker_threads`, so the I/O threads keep answering everything else.
  std::function<bool(const Request&)> may_block;
  int worker_threads = 4;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads; returns the bound port.
  Result<uint16_t> start();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nzbd::http
