// Internals shared by the pool, its servers and their connections.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "nntp/nntp.h"
#include "nntp/rate_limiter.h"
#include "util/thread_annotations.h"

namespace nzbd::nntp {

namespace asio = boost::asio;
class Connection;

// What a connection failure says about the server.
enum class FailureKind {
  None,       // not the server's fault (idle close, pool stopping)
  Transient,  // connection lost, error reply: back off, block after repeats
  // A ready connection lost while a reply was under way (cut off, garbled,
  // a status that makes no sense for BODY): the article is charged a try by
  // the source, the connection reconnects, but the server is not blocked for
  // it. A server that drops every article is then given up article by
  // article instead of being blocked and retried for ever; a server that is
  // really down fails the reconnects, and those block.
  InTransit,
  // A ready connection got no byte of a reply for timeout_s. Several in a row
  // with no reply arriving in between on any connection (a server that greets
  // and then answers nothing) block the server, whether or not its
  // connections reconnect meanwhile.
  Stalled,
  Refused,    // greeting 502, TLS/certificate failure: block at once (timed)
  Auth,       // authentication failed: block until unblock() or new config
};

struct PoolCore {
  PoolCore(ArticleSource& s, PoolOptions o) : source(s), options(o) {}
  ArticleSource& source;
  PoolOptions options;
  asio::io_context ioc;
  RateLimiter limiter;
  std::atomic<bool> paused{false};
  std::atomic<bool> stopping{false};

  void set_warning_handler(std::function<void(std::string)> h) {
    util::Lock lock(warn_mu);
    warn = std::move(h);
  }
  void warning(std::string text) {
    util::Lock lock(warn_mu);
    if (warn) warn(std::move(text));
  }

 private:
  util::Mutex warn_mu;
  std::function<void(std::string)> warn GUARDED_BY(warn_mu);
};

// One configured server: its connections, TLS context, counters and the
// blocked state. Shared by its connections; lives until the last one is gone.
class ServerState : public std::enable_shared_from_this<ServerState> {
 public:
  ServerState(PoolCore& core, size_t index, ServerConfig cfg);
  // Once, after construction. The caller owns the connections; the server
  // only keeps weak references (connections hold the server alive).
  std::vector<std::shared_ptr<Connection>> create_connections();

  PoolCore& core;
  const size_t index;
  const ServerConfig cfg;
  std::unique_ptr<asio::ssl::context> tls;  // set when cfg.ssl
  std::atomic<uint64_t> bytes{0}, ok{0}, missing{0}, failed{0};

  bool usable() const;
  void on_connected();
  void on_ready();
  void on_closed(bool was_connected, bool was_ready);
  void record_failure(const std::string& reason, FailureKind kind);
  void on_reply() { stalls_.store(0, std::memory_order_relaxed); }  // a reply to BODY/STAT arrived
  void unblock();
  // Closes every connection (in-flight articles fail with `reason`); with
  // retire=true they never reconnect.
  void close_all(const std::string& reason, bool retire, std::function<void()> each_done = {});
  void wake_all(bool force);
  ServerStatus status() const;
  size_t connection_count() const { return conns_.size(); }

 private:
  // Marks the server blocked; the text to tell once the lock is let go, or
  // nullopt when it was blocked already.
  std::optional<std::string> block_locked(const std::string& reason, bool forever) REQUIRES(mu_);
  void on_block_expired();

  mutable util::Mutex mu_;
  bool retired_ GUARDED_BY(mu_) = false;
  bool blocked_ GUARDED_BY(mu_) = false;
  int block_level_ GUARDED_BY(mu_) = 0;
  int consecutive_failures_ GUARDED_BY(mu_) = 0;
  std::atomic<int> stalls_{0};  // Stalled failures since the last reply
  int open_ GUARDED_BY(mu_) = 0, ready_ GUARDED_BY(mu_) = 0;
  std::string error_ GUARDED_BY(mu_);
  asio::steady_timer unblock_timer_;
  std::vector<std::weak_ptr<Connection>> conns_;  // fixed after create_connections()
};

}  // namespace nzbd::nntp
