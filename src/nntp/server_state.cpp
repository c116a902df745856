// Per-server bookkeeping: connection counts, failures, and blocking.
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "nntp/connection.h"
#include "nntp/pool_core.h"

namespace nzbd::nntp {
namespace {
constexpr int kFailuresBeforeBlock = 3;
constexpr int kFirstBlockSeconds = 60;
constexpr int kMaxBlockSeconds = 600;

std::unique_ptr<asio::ssl::context> make_tls_context(const ServerConfig& cfg) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  boost::system::error_code ignored;
  if (cfg.ssl_verify >= 3) {
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx->native_handle()), X509_V_FLAG_X509_STRICT);
  }
  if (cfg.ssl_verify <= 0) {
    ctx->set_verify_mode(asio::ssl::verify_none);
    return ctx;
  }
  ctx->set_verify_mode(asio::ssl::verify_peer);
  ctx->set_default_verify_paths(ignored);
  if (!cfg.ssl_ca_file.empty()) ctx->load_verify_file(cfg.ssl_ca_file, ignored);
  return ctx;
}
}  // namespace

ServerState::ServerState(PoolCore& c, size_t i, ServerConfig config)
    : core(c), index(i), cfg(std::move(config)), unblock_timer_(c.ioc) {
  if (cfg.ssl) tls = make_tls_context(cfg);
}

std::vector<std::shared_ptr<Connection>> ServerState::create_connections() {
  std::vector<std::shared_ptr<Connection>> owned;
  const int n = cfg.enable ? std::clamp(cfg.connections, 0, 1000) : 0;
  for (int i = 0; i < n; ++i) owned.push_back(std::make_shared<Connection>(shared_from_this()));
  conns_.assign(owned.begin(), owned.end());
  return owned;
}

bool ServerState::usable() const {
  util::Lock lock(mu_);
  return !retired_ && !blocked_ && cfg.enable;
}

void ServerState::on_connected() {
  util::Lock lock(mu_);
  ++open_;
}

void ServerState::on_ready() {
  util::Lock lock(mu_);
  ++ready_;
  consecutive_failures_ = 0;
  error_.clear();
}

void ServerState::on_closed(bool was_connected, bool was_ready) {
  util::Lock lock(mu_);
  if (was_connected) --open_;
  if (was_ready) --ready_;
}

void ServerState::record_failure(const std::string& reason, FailureKind kind) {
  util::Lock lock(mu_);
  if (retired_ || core.stopping) return;
  error_ = reason;
  if (kind == FailureKind::InTransit) return;  // the article's try, not the server's
  const bool stalled = kind == FailureKind::Stalled && stalls_.fetch_add(1) + 1 >= kFailuresBeforeBlock;
  ++consecutive_failures_;
  const bool block = kind == FailureKind::Auth || kind == FailureKind::Refused || stalled ||
                     (consecutive_failures_ >= kFailuresBeforeBlock && ready_ == 0);
  if (!block) return;
  std::optional<std::string> text = block_locked(reason, kind == FailureKind::Auth);
  lock.unlock();
  if (!text) return;
  core.warning(std::move(*text));
  core.source.on_server_state(index, false);
  close_all("server blocked: " + reason, false);
}

// Blocks the server: no new work, connections closed. Auth failures stay
// blocked until unblock() or a new config; others expire after a delay that
// doubles with every block (60 s .. 600 s).
std::optional<std::string> ServerState::block_locked(const std::string& reason, bool forever) {
  if (blocked_) return std::nullopt;
  blocked_ = true;
  if (forever) return "Authentication failed for server " + cfg.name + " (" + reason + ")";
  const int seconds = std::min(kFirstBlockSeconds << std::min(block_level_, 4), kMaxBlockSeconds);
  ++block_level_;
  unblock_timer_.expires_after(std::chrono::seconds(seconds));
  unblock_timer_.async_wait([weak = weak_from_this()](const auto& ec) {
    if (auto self = weak.lock(); self && !ec) self->on_block_expired();
  });
  return "Server " + cfg.name + " blocked for " + std::to_string(seconds) + " s: " + reason;
}

void ServerState::on_block_expired() {
  {
    util::Lock lock(mu_);
    if (!blocked_ || retired_) return;
    blocked_ = false;
    consecutive_failures_ = 0;
    stalls_ = 0;
  }
  core.source.on_server_state(index, true);
  wake_all(true);
}

void ServerState::unblock() {
  {
    util::Lock lock(mu_);
    block_level_ = 0;
    if (!blocked_ || retired_) return;
    blocked_ = false;
    consecutive_failures_ = 0;
    stalls_ = 0;
    error_.clear();
    unblock_timer_.cancel();
  }
  core.source.on_server_state(index, true);
  wake_all(true);
}

void ServerState::close_all(const std::string& reason, bool retire, std::function<void()> each_done) {
  if (retire) {
    util::Lock lock(mu_);
    retired_ = true;
    unblock_timer_.cancel();
  }
  for (auto& weak : conns_) {
    if (auto c = weak.lock()) {
      c->close(reason, retire, each_done);
    } else if (each_done) {
      each_done();
    }
  }
}

void ServerState::wake_all(bool force) {
  for (auto& weak : conns_) {
    if (auto c = weak.lock()) c->wake(force);
  }
}

ServerStatus ServerState::status() const {
  util::Lock lock(mu_);
  ServerStatus s;
  s.name = cfg.name;
  s.blocked = blocked_;
  s.active = cfg.enable && !blocked_;
  s.connections_open = open_;
  s.error = error_;
  s.bytes_received = bytes.load(std::memory_order_relaxed);
  s.articles_ok = ok.load(std::memory_order_relaxed);
  s.articles_missing = missing.load(std::memory_order_relaxed);
  s.articles_failed = failed.load(std::memory_order_relaxed);
  for (size_t i = 0; i < conns_.size(); ++i)
    if (auto c = conns_[i].lock())
      if (auto token = c->working_on()) s.working.push_back(ServerStatus::Work{int(i + 1), *token, {}, {}, {}});
  return s;
}

}  // namespace nzbd::nntp
