// NNTP client: a pipelining, multi-server connection pool that fetches article
// bodies (BODY <message-id>) and hands them, still dot-stuffed, straight out of
// each connection's receive buffer to the download engine.
//
// Threading: all network work runs on an io_context driven by `threads`
// threads. ArticleSource callbacks and the warning handler are called from
// those threads, possibly concurrently for different connections.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nzbd::nntp {

struct ServerConfig {
  std::string name;  // [[name]] in the config; used in warnings and unblock()
  std::string host;
  uint16_t port = 119;
  bool ssl = false;  // implicit TLS (NNTPS, usually port 563)
  // SABnzbd's levels: 0 = no certificate check; 1 = chain must verify, host
  // name not checked; 2 (default) = chain + host name; 3 = as 2, TLS >= 1.2
  // and OpenSSL's strict X.509 checks.
  int ssl_verify = 2;
  std::string ssl_ca_file;  // extra trusted CA/cert (PEM); empty = system store only
  std::string username, password;  // AUTHINFO USER/PASS right after the greeting when set
  int connections = 8;
  int priority = 0;   // not used by the pool (the engine picks servers)
  bool enable = true;  // false: no connections at all
  bool required = false, optional = false;  // engine policy; not used by the pool
  int retention_days = 0;                   // engine policy; not used by the pool
  int timeout_s = 60;   // no byte for this long while waiting for a reply -> connection dropped
  int pipelining = 2;   // BODY requests in flight per connection (>= 1)

  bool operator==(const ServerConfig&) const = default;
};

enum class FetchStatus {
  Ok,
  NotFound,  // 430/423 from the server, or a message-id that cannot be sent (invalid)
  Failed,    // other error reply, connection lost/timed out, server blocked, pool stopped
};

// message_id is without angle brackets (as in an NZB); brackets are tolerated.
// It must stay valid until on_body/on_failure was called for this article.
struct ArticleRef {
  uint64_t token;  // the engine's opaque id
  std::string_view message_id;
  // Ask only whether the server has it (STAT): the answer is on_stat() or
  // on_failure(NotFound), never a body. SABnzbd's pre_check.
  bool stat_only = false;
};

// Implemented by the download engine. Every ArticleRef returned by
// next_article() gets exactly one on_body(), on_stat() or on_failure() later (also on
// stop(), set_servers() and blocking: then on_failure(Failed)).
class ArticleSource {
 public:
  virtual ~ArticleSource() = default;
  // Next article server `server` (index into set_servers()' vector) should
  // fetch, or nullopt if none now; the pool then waits for wake().
  virtual std::optional<ArticleRef> next_article(size_t server) = 0;
  // data[0..len): raw body after the "222" line up to but excluding the
  // terminating ".\r\n" line (still dot-stuffed, CRLF line ends). It points
  // into the connection's receive buffer, may be modified in place (decoding),
  // and is valid only during the call.
  virtual void on_body(size_t server, const ArticleRef& a, char* data, size_t len) = 0;
  // A stat_only article the server has (223).
  virtual void on_stat(size_t server, const ArticleRef& a) {}
  // reply_line: the server's reply without CRLF, or a description such as
  // "connection lost" / "timed out" / "server blocked" / "pool stopped".
  virtual void on_failure(size_t server, const ArticleRef& a, FetchStatus why,
                          std::string_view reply_line) = 0;
  // A server became unusable (blocked) or usable again (unblocked/expired).
  // Called from a network thread, or from the thread calling unblock().
  virtual void on_server_state(size_t server, bool usable) {}
};

struct ServerStatus {
  std::string name;
  bool active = false;  // enabled and not blocked
  int connections_open = 0;
  bool blocked = false;
  std::string error;  // last connection/auth error, empty if none
  uint64_t bytes_received = 0;  // all bytes read from this server (wire bytes)
  uint64_t articles_ok = 0, articles_missing = 0, articles_failed = 0;
  uint64_t bytes_per_second = 0;  // filled by the download engine (the pool leaves 0)
  // The article each busy connection is receiving now (SABnzbd's serverconnections):
  // the pool fills connection and token, the download engine the names.
  struct Work {
    int connection = 0;  // 1-based, in the server's connection order
    uint64_t token = 0;
    std::string job, file, article;
  };
  std::vector<Work> working;
};

struct PoolOptions {
  size_t threads = 1;
  size_t max_article_bytes = 32u << 20;  // a larger body -> Failed + reconnect
  size_t max_read_bytes = 1u << 20;      // bytes per read() call at most
};

class ConnectionPool {
 public:
  explicit ConnectionPool(ArticleSource& source, size_t threads = 1);
  ConnectionPool(ArticleSource& source, PoolOptions options);
  ~ConnectionPool();  // stop()s
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Servers are identified by their index in this vector. May be called while
  // running: a server whose connection settings are unchanged (priority,
  // required, optional, retention do not count) keeps its connections and its
  // blocked state; a changed or removed one is closed (in-flight articles get
  // on_failure(Failed, "server reconfigured")) and, if present, starts afresh
  // (unblocked).
  void set_servers(std::vector<ServerConfig> servers);
  // Called from any thread with a message for the user (SABnzbd's warnings
  // list), e.g. "Authentication failed for server X". Set before start().
  void set_warning_handler(std::function<void(std::string)> handler);

  void start();
  // Closes every connection and joins the threads. Every article handed out
  // and not finished gets on_failure(Failed, "pool stopped") before stop()
  // returns. start() may be called again afterwards. Never call it from an
  // ArticleSource callback or the warning handler (it waits for those threads).
  void stop();
  void wake();                 // new work arrived: idle connections ask again
  void set_paused(bool paused);  // no new requests; in-flight ones complete
  void set_speed_limit(uint64_t bytes_per_second);  // 0 = unlimited
  void unblock(const std::string& server_name);
  std::vector<ServerStatus> status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nzbd::nntp
