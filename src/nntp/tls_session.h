// TLS on a connected non-blocking socket through OpenSSL's own socket BIO.
// Why not Asio's ssl::stream: it reads at most one ~17 KB record from the
// socket per call and hands over one record's plaintext per completion, so a
// fast download paid a syscall and a handler per 16 KB. Here one read()
// decrypts every buffered record into the caller's (large) buffer, and with
// read-ahead one recv() pulls many records at once. Internal to nntp/.
#pragma once

#include <openssl/ssl.h>

#include <cstddef>
#include <string>

#include "nntp/nntp.h"

namespace nzbd::nntp {

class TlsSession {
 public:
  enum class Io { Done, WantRead, WantWrite, Closed, Failed };

  // ctx: the server's client context (verify mode, trusted CAs); fd stays the
  // caller's (not closed here). Sets SNI and the host/IP check of cfg.
  TlsSession(SSL_CTX* ctx, int fd, const ServerConfig& cfg);
  ~TlsSession();
  TlsSession(const TlsSession&) = delete;
  TlsSession& operator=(const TlsSession&) = delete;

  Io handshake();
  // Fills data[0..cap) with as much plaintext as OpenSSL has or the socket
  // gives without waiting; Done with got > 0, or why nothing came.
  Io read(char* data, size_t cap, size_t& got);
  Io write(const char* data, size_t len, size_t& written);
  // Why the last call answered Failed (OpenSSL's reason, and the certificate
  // check's verdict when it failed).
  const std::string& error() const { return error_; }

 private:
  Io outcome(int ret);

  SSL* ssl_ = nullptr;
  std::string error_;
  Io sticky_ = Io::Done;  // Closed/Failed seen after data was handed over
};

}  // namespace nzbd::nntp
