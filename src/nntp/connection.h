// One NNTP connection: connect (TCP, optional TLS), greeting, AUTHINFO,
// MODE READER when the server asks for it, then pipelined BODY requests whose
// bodies go from the receive buffer straight to ArticleSource::on_body().
// Everything runs on the connection's strand.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "nntp/pool_core.h"
#include "nntp/response_reader.h"
#include "nntp/tls_session.h"

namespace nzbd::nntp {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Strand = asio::strand<asio::io_context::executor_type>;
  using tcp = asio::ip::tcp;

  explicit Connection(std::shared_ptr<ServerState> server);

  void wake(bool force);  // ask the source for work (force: even if not idle-waiting)
  // The token of the article whose reply is read now, if any; any thread.
  std::optional<uint64_t> working_on() const;
  void close(std::string reason, bool retire, std::function<void()> done);

 private:
  enum class State { Idle, Connecting, Setup, Ready, Backoff };
  enum class Cmd { Greeting, AuthUser, AuthPass, ModeReader, Body };
  struct Pending {
    Cmd cmd;
    ArticleRef art{};
  };
  // The socket (and TLS session on it) of one connection attempt, with its
  // write buffers; handlers hold it alive so closing never frees memory in use.
  struct Transport {
    std::optional<tcp::socket> plain;
    std::unique_ptr<TlsSession> tls;
    std::string writing, pending;
    size_t written = 0;  // of `writing`, over TLS
    bool write_busy = false;
    tcp::socket& lowest() { return *plain; }
  };

  void fill();
  size_t held() const { return unsent_.size() + resend_.size() + bodies_; }
  void start_connect();
  void on_resolved(const boost::system::error_code& ec, const tcp::resolver::results_type& results);
  void on_connected();
  void start_session();
  void tls_handshake();
  // Waits until the socket is readable (or writable) for the TLS session, then runs `then`.
  void tls_wait(TlsSession::Io want, void (Connection::*then)());
  void start_read();
  void tls_read(std::span<char> into);
  void tls_write();
  void on_read(const boost::system::error_code& ec, size_t n);
  void schedule_read(asio::steady_timer::duration delay);
  void process();
  void process_replies();
  void publish_work();  // working_ from the head of expect_
  bool on_status(int code, std::string_view line);
  bool on_body_status(int code, std::string_view line);
  void after_greeting(std::string_view greeting);
  void start_auth();
  void setup_done();
  void begin_mode_reader(const ArticleRef& art);
  void send_command(Cmd cmd, const std::string& text);
  void send_unsent();
  void queue_write(std::string_view text);
  void start_write();
  void arm_timeout(std::chrono::steady_clock::duration after);
  void on_timeout();
  bool trickling(std::chrono::steady_clock::duration window);
  static constexpr uint64_t kMinBytesPerSecond = 1024;
  void touch() { last_activity_ = std::chrono::steady_clock::now(); }
  bool busy() const;
  void fail(const std::string& reason, FailureKind kind);
  // What losing the connection now says: during setup, about the server;
  // once ready, about the reply under way (FailureKind::InTransit).
  FailureKind lost_kind() const { return setup_ ? FailureKind::Transient : FailureKind::InTransit; }
  void shut(const std::string& reason);
  void close_transport();
  void fail_held(const std::string& reason);
  void report_failure(const ArticleRef& a, FetchStatus why, std::string_view line);

  std::shared_ptr<ServerState> server_;
  PoolCore& core_;
  Strand strand_;
  tcp::resolver resolver_;
  asio::steady_timer timeout_timer_, read_timer_, backoff_timer_;
  std::shared_ptr<Transport> t_;
  ResponseReader reader_;
  State state_ = State::Idle;
  uint64_t gen_ = 0;  // bumped on every close: stale handlers compare and return
  std::deque<Pending> expect_;     // commands sent, replies awaited, in order
  std::deque<ArticleRef> unsent_;  // taken from the source, not yet sent
  std::deque<ArticleRef> resend_;  // refused before MODE READER: send again
  size_t bodies_ = 0;              // Cmd::Body entries in expect_
  bool setup_ = true;              // setup commands outstanding: hold BODY requests
  bool recovering_ = false;  // MODE READER sent mid-session, BODYs held
  bool mode_reader_sent_ = false;
  bool connected_ = false, ready_counted_ = false, reading_ = false, retired_ = false;
  bool throttled_ = false;  // next read delayed by the speed limit
  int backoff_s_ = 0;
  std::chrono::steady_clock::time_point last_activity_;
  std::chrono::steady_clock::time_point window_start_;  // of the slow-reply check (trickling())
  uint64_t window_bytes_ = 0;
  std::atomic<bool> waiting_{false};
  std::atomic<uint64_t> working_{0};  // token + 1 of the article being received; 0 = none
};

}  // namespace nzbd::nntp
