// Connection life cycle: connect, read loop, timeouts, failure and close.
// The reply handling lives in connection_replies.cpp.
#include "nntp/connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace nzbd::nntp {
namespace {
using Clock = std::chrono::steady_clock;

}  // namespace

Connection::Connection(std::shared_ptr<ServerState> server)
    : server_(std::move(server)),
      core_(server_->core),
      strand_(asio::make_strand(core_.ioc)),
      resolver_(strand_),
      timeout_timer_(strand_),
      read_timer_(strand_),
      backoff_timer_(strand_),
      reader_(core_.options.max_article_bytes) {}

void Connection::wake(bool force) {
  if (!waiting_.exchange(false) && !force) return;
  asio::post(strand_, [self = shared_from_this()] { self->fill(); });
}

void Connection::close(std::string reason, bool retire, std::function<void()> done) {
  asio::post(strand_, [self = shared_from_this(), reason = std::move(reason), retire,
                       done = std::move(done)] {
    if (retire) self->retired_ = true;
    self->shut(reason);
    if (done) done();
  });
}

// Takes work from the source up to the pipelining depth and gets it sent,
// connecting first if needed.
void Connection::fill() {
  if (retired_ || core_.stopping || state_ == State::Backoff) return;
  if (!core_.paused && server_->usable()) {
    const size_t depth = static_cast<size_t>(std::max(1, server_->cfg.pipelining));
    while (held() < depth) {
      waiting_ = true;  // before asking, so a wake() racing with "none" is not lost
      auto article = core_.source.next_article(server_->index);
      if (!article) break;
      waiting_ = false;
      std::string_view id = article->message_id;
      if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
      bool valid = !id.empty() && id.size() <= 248;
      for (char c : id) valid = valid && c > 0x20 && c < 0x7f && c != '<' && c != '>';
      if (!valid) {
        report_failure(*article, FetchStatus::NotFound, "invalid message-id");
        continue;
      }
      unsent_.push_back(ArticleRef{article->token, id, article->stat_only});
    }
  }
  if (unsent_.empty()) return;
  if (state_ == State::Idle) {
    start_connect();
  } else if (state_ == State::Ready && !setup_) {
    send_unsent();
  }
}

void Connection::start_connect() {
  state_ = State::Connecting;
  touch();
  arm_timeout(std::chrono::seconds(std::max(1, server_->cfg.timeout_s)));
  resolver_.async_resolve(server_->cfg.host, std::to_string(server_->cfg.port),
                          [self = shared_from_this(), g = gen_](const auto& ec, const auto& results) {
                            if (g == self->gen_) self->on_resolved(ec, results);
                          });
}

void Connection::on_resolved(const boost::system::error_code& ec,
                             const tcp::resolver::results_type& results) {
  if (ec) return fail("cannot resolve " + server_->cfg.host + ": " + ec.message(), FailureKind::Transient);
  t_ = std::make_shared<Transport>();
  t_->plain.emplace(strand_);
  asio::async_connect(t_->lowest(), results,
                      [self = shared_from_this(), t = t_, g = gen_](const auto& connect_ec, const auto&) {
                        if (g != self->gen_) return;
                        if (connect_ec)
                          return self->fail("cannot connect: " + connect_ec.message(), FailureKind::Transient);
                        self->on_connected();
                      });
}

void Connection::on_connected() {
  connected_ = true;
  server_->on_connected();
  touch();
  boost::system::error_code ignored;
  t_->lowest().set_option(tcp::no_delay(true), ignored);
  if (!server_->tls) return start_session();
  t_->lowest().non_blocking(true, ignored);
  t_->tls = std::make_unique<TlsSession>(server_->tls->native_handle(), t_->lowest().native_handle(), server_->cfg);
  tls_handshake();
}

void Connection::tls_handshake() {
  const TlsSession::Io io = t_->tls->handshake();
  if (io == TlsSession::Io::Done) return start_session();
  if (io == TlsSession::Io::WantRead || io == TlsSession::Io::WantWrite) return tls_wait(io, &Connection::tls_handshake);
  const std::string why = io == TlsSession::Io::Closed ? "connection closed by the server" : t_->tls->error();
  fail("TLS handshake failed: " + why, FailureKind::Refused);
}

void Connection::tls_wait(TlsSession::Io want, void (Connection::*then)()) {
  auto kind = want == TlsSession::Io::WantWrite ? tcp::socket::wait_write : tcp::socket::wait_read;
  t_->lowest().async_wait(kind, [self = shared_from_this(), t = t_, g = gen_, then](const auto& ec) {
    if (g != self->gen_) return;
    if (ec) return self->fail("connection lost: " + ec.message(), self->lost_kind());
    (self.get()->*then)();
  });
}

void Connection::start_session() {
  state_ = State::Setup;
  setup_ = true;
  touch();
  expect_.push_front(Pending{Cmd::Greeting});
  start_read();
}

void Connection::start_read() {
  if (reading_ || !t_) return;
  auto span = reader_.prepare(core_.limiter.read_cap(core_.options.max_read_bytes));
  if (span.empty()) return fail("receive buffer full", FailureKind::Transient);
  reading_ = true;
  auto handler = [self = shared_from_this(), t = t_, g = gen_](const auto& ec, size_t n) {
    if (g == self->gen_) self->on_read(ec, n);
  };
  if (t_->tls) return tls_read(span);
  t_->plain->async_read_some(asio::buffer(span.data(), span.size()), std::move(handler));
}

// Everything OpenSSL can decrypt now goes into the receive buffer in one go;
// the completion is posted, as a socket read's would be, so a long run of
// buffered data does not recurse through process().
void Connection::tls_read(std::span<char> into) {
  size_t got = 0;
  const TlsSession::Io io = t_->tls->read(into.data(), into.size(), got);
  auto retry = [](Connection& c) {
    c.reading_ = false;
    c.start_read();
  };
  switch (io) {
    case TlsSession::Io::Done:
      asio::post(strand_, [self = shared_from_this(), t = t_, g = gen_, got] {
        if (g == self->gen_) self->on_read({}, got);
      });
      return;
    case TlsSession::Io::WantRead:
    case TlsSession::Io::WantWrite:
      t_->lowest().async_wait(io == TlsSession::Io::WantWrite ? tcp::socket::wait_write : tcp::socket::wait_read,
                              [self = shared_from_this(), t = t_, g = gen_, retry](const auto& ec) {
                                if (g != self->gen_) return;
                                if (ec) return self->on_read(ec, 0);
                                retry(*self);
                              });
      return;
    case TlsSession::Io::Closed:
      return on_read(asio::error::eof, 0);
    case TlsSession::Io::Failed:
      reading_ = false;
      if (expect_.empty()) return shut("connection closed");
      return fail("connection lost: " + t_->tls->error(), lost_kind());
  }
}

void Connection::on_read(const boost::system::error_code& ec, size_t n) {
  reading_ = false;
  if (ec) {
    if (expect_.empty()) return shut("connection closed");  // idle close by the server
    return fail("connection lost: " + ec.message(), lost_kind());
  }
  touch();
  window_bytes_ += n;
  reader_.commit(n);
  server_->bytes.fetch_add(n, std::memory_order_relaxed);
  const uint64_t g = gen_;
  process();
  if (g != gen_) return;  // the connection was closed while processing
  // Nothing to fetch now: give the big buffer back (no read is pending here,
  // so nothing points into it).
  if (held() == 0) reader_.shrink_if_empty();
  schedule_read(core_.limiter.consume(n));
}

void Connection::schedule_read(asio::steady_timer::duration delay) {
  if (delay <= asio::steady_timer::duration::zero()) return start_read();
  throttled_ = true;
  read_timer_.expires_after(delay);
  read_timer_.async_wait([self = shared_from_this(), g = gen_](const auto& ec) {
    if (ec || g != self->gen_) return;
    self->throttled_ = false;
    self->touch();
    self->start_read();
  });
}

void Connection::queue_write(std::string_view text) {
  if (!t_) return;
  t_->pending.append(text);
  if (!t_->write_busy) start_write();
}

void Connection::start_write() {
  if (t_->pending.empty()) return;
  std::swap(t_->writing, t_->pending);
  t_->pending.clear();
  t_->write_busy = true;
  auto handler = [self = shared_from_this(), t = t_, g = gen_](const auto& ec, size_t) {
    if (g != self->gen_) return;
    t->write_busy = false;
    if (ec) return self->fail("write failed: " + ec.message(), FailureKind::Transient);
    self->start_write();
  };
  if (t_->tls) {
    t_->written = 0;
    return tls_write();
  }
  asio::async_write(*t_->plain, asio::buffer(t_->writing), std::move(handler));
}

void Connection::tls_write() {
  while (t_->written < t_->writing.size()) {
    size_t n = 0;
    const TlsSession::Io io =
        t_->tls->write(t_->writing.data() + t_->written, t_->writing.size() - t_->written, n);
    t_->written += n;
    if (io == TlsSession::Io::Done) continue;
    if (io == TlsSession::Io::WantRead || io == TlsSession::Io::WantWrite) return tls_wait(io, &Connection::tls_write);
    t_->write_busy = false;
    return fail("write failed: " + (io == TlsSession::Io::Closed ? std::string("connection closed") : t_->tls->error()),
                FailureKind::Transient);
  }
  t_->write_busy = false;
  start_write();
}

bool Connection::busy() const {
  return state_ == State::Connecting || state_ == State::Setup || !expect_.empty();
}

void Connection::arm_timeout(Clock::duration after) {
  timeout_timer_.expires_after(after);
  timeout_timer_.async_wait([self = shared_from_this(), g = gen_](const auto& ec) {
    if (!ec && g == self->gen_) self->on_timeout();
  });
}

// A connection waiting for a reply with no byte for timeout_s is dead
// (time spent held back by the speed limit does not count).
void Connection::on_timeout() {
  const auto limit = std::chrono::seconds(std::max(1, server_->cfg.timeout_s));
  const auto idle = Clock::now() - last_activity_;
  if (busy() && !throttled_ && idle >= limit)
    return fail("timed out", setup_ ? FailureKind::Transient : FailureKind::Stalled);
  if (trickling(limit)) return;
  arm_timeout(busy() && !throttled_ ? limit - idle : Clock::duration(limit));
}

// A server that keeps a reply alive with a byte now and then never times
// out, and its article (and the job) would never end: a whole timeout_s of
// body transfer under kMinBytesPerSecond fails the article's try. Not with a
// speed limit, which slows connections on purpose. True when it failed.
bool Connection::trickling(Clock::duration window) {
  const auto now = Clock::now();
  if (bodies_ == 0 || setup_ || throttled_ || core_.limiter.limited()) {
    window_start_ = now;
    window_bytes_ = 0;
    return false;
  }
  if (now - window_start_ < window) return false;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - window_start_).count();
  if (window_bytes_ < kMinBytesPerSecond * static_cast<uint64_t>(seconds)) {
    fail("too slow: " + std::to_string(window_bytes_) + " bytes in " + std::to_string(seconds) + " s",
         FailureKind::InTransit);
    return true;
  }
  window_start_ = now;
  window_bytes_ = 0;
  return false;
}

void Connection::report_failure(const ArticleRef& a, FetchStatus why, std::string_view line) {
  (why == FetchStatus::NotFound ? server_->missing : server_->failed).fetch_add(1, std::memory_order_relaxed);
  core_.source.on_failure(server_->index, a, why, line);
}

// Closes the connection; every article it holds fails with `reason`.
void Connection::shut(const std::string& reason) {
  close_transport();
  fail_held(reason);
}

void Connection::close_transport() {
  ++gen_;
  boost::system::error_code ignored;
  resolver_.cancel();
  timeout_timer_.cancel();
  read_timer_.cancel();
  backoff_timer_.cancel();
  if (t_) t_->lowest().close(ignored);
  t_.reset();
  reader_.reset();
  reading_ = throttled_ = false;
  setup_ = true;
  recovering_ = mode_reader_sent_ = false;
  server_->on_closed(connected_, ready_counted_);
  connected_ = ready_counted_ = false;
  state_ = State::Idle;
}

void Connection::fail_held(const std::string& reason) {
  auto expect = std::move(expect_);
  auto resend = std::move(resend_);
  auto unsent = std::move(unsent_);
  expect_.clear();
  resend_.clear();
  unsent_.clear();
  bodies_ = 0;
  publish_work();
  for (const auto& p : expect) {
    if (p.cmd == Cmd::Body) report_failure(p.art, FetchStatus::Failed, reason);
  }
  for (const auto& a : resend) report_failure(a, FetchStatus::Failed, reason);
  for (const auto& a : unsent) report_failure(a, FetchStatus::Failed, reason);
}

// A failed connection: close, tell the server (which may block itself), and
// retry after a backoff that doubles (0 s first, then 1 s .. 60 s).
void Connection::fail(const std::string& reason, FailureKind kind) {
  close_transport();
  // Block first (if it comes to that), so the source sees the server's new
  // state when it gets the articles back.
  if (kind != FailureKind::None) server_->record_failure(reason, kind);
  fail_held(reason);
  if (retired_ || core_.stopping || !server_->usable()) return;  // nothing to retry
  const int delay = backoff_s_;
  backoff_s_ = std::min(std::max(1, backoff_s_ * 2), 60);
  state_ = State::Backoff;
  backoff_timer_.expires_after(std::chrono::seconds(delay));
  backoff_timer_.async_wait([self = shared_from_this(), g = gen_](const auto& ec) {
    if (ec || g != self->gen_) return;
    self->state_ = State::Idle;
    self->fill();
  });
}

}  // namespace nzbd::nntp
