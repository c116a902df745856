#include "nntp/tls_session.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <cerrno>
#include <cstring>

namespace nzbd::nntp {
namespace {

// Ciphertext OpenSSL may pull per recv() with read-ahead: a few records.
constexpr size_t kReadAheadBytes = 128 * 1024;

bool is_ip(const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

TlsSession::TlsSession(SSL_CTX* ctx, int fd, const ServerConfig& cfg) : ssl_(SSL_new(ctx)) {
  if (!ssl_) {
    error_ = "cannot create a TLS session";
    return;
  }
  SSL_set_fd(ssl_, fd);
  SSL_set_connect_state(ssl_);
  SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_set_read_ahead(ssl_, 1);
  SSL_set_default_read_buffer_len(ssl_, kReadAheadBytes);
  const bool ip = is_ip(cfg.host);
  if (!ip) SSL_set_tlsext_host_name(ssl_, cfg.host.c_str());
  if (cfg.ssl_verify >= 2) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl_);
    if (ip) {
      X509_VERIFY_PARAM_set1_ip_asc(param, cfg.host.c_str());
    } else {
      X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      X509_VERIFY_PARAM_set1_host(param, cfg.host.c_str(), 0);
    }
  }
}

TlsSession::~TlsSession() {
  if (ssl_) SSL_free(ssl_);
}

TlsSession::Io TlsSession::outcome(int ret) {
  const int e = SSL_get_error(ssl_, ret);
  switch (e) {
    case SSL_ERROR_WANT_READ: return Io::WantRead;
    case SSL_ERROR_WANT_WRITE: return Io::WantWrite;
    case SSL_ERROR_ZERO_RETURN: return Io::Closed;
    default: break;
  }
  const int saved_errno = errno;
  char buf[256] = {0};
  if (unsigned long code = ERR_get_error(); code != 0) {
    ERR_error_string_n(code, buf, sizeof buf);
    error_ = buf;
  } else if (e == SSL_ERROR_SYSCALL && saved_errno != 0) {
    error_ = std::strerror(saved_errno);
  } else {
    error_ = e == SSL_ERROR_SYSCALL ? "connection closed by the server" : "TLS error";
  }
  const long verify = SSL_get_verify_result(ssl_);
  if (verify != X509_V_OK) error_ += std::string(" (certificate: ") + X509_verify_cert_error_string(verify) + ")";
  ERR_clear_error();
  return Io::Failed;
}

TlsSession::Io TlsSession::handshake() {
  if (!ssl_) return Io::Failed;
  ERR_clear_error();
  const int r = SSL_do_handshake(ssl_);
  return r == 1 ? Io::Done : outcome(r);
}

TlsSession::Io TlsSession::read(char* data, size_t cap, size_t& got) {
  got = 0;
  if (sticky_ != Io::Done) return sticky_;
  while (got < cap) {
    size_t n = 0;
    ERR_clear_error();
    if (SSL_read_ex(ssl_, data + got, cap - got, &n) == 1) {
      got += n;
      continue;
    }
    const Io io = outcome(0);
    if (got == 0) return io;
    // Hand over what came first; an end or error shows at the next call.
    if (io == Io::Closed || io == Io::Failed) sticky_ = io;
    return Io::Done;
  }
  return Io::Done;
}

TlsSession::Io TlsSession::write(const char* data, size_t len, size_t& written) {
  written = 0;
  ERR_clear_error();
  return SSL_write_ex(ssl_, data, len, &written) == 1 ? Io::Done : outcome(0);
}

}  // namespace nzbd::nntp
