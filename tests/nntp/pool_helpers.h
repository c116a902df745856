// Shared helpers for the pool tests: article bodies and server configs.
#pragma once

#include <random>
#include <string>

#include "nntp/nntp.h"
#include "support/fake_nntp_server.h"

namespace nzbd::nntp::testing {

// A wire body of about `size` bytes: CRLF lines of random bytes (no CR/LF/NUL),
// with dots in the middle, dot-stuffed lines ("..x") and lines that are "..".
inline std::string make_body(std::mt19937& rng, size_t size) {
  std::string body;
  while (body.size() < size) {
    const size_t kind = rng() % 16;
    std::string line;
    if (kind == 0) {
      line = "..";
    } else {
      const size_t len = 1 + rng() % 200;
      for (size_t i = 0; i < len; ++i) {
        char c = static_cast<char>(rng() % 256);
        if (c == '\r' || c == '\n' || c == '\0') c = '.';
        line += c;
      }
      if (line[0] == '.') line.insert(line.begin(), '.');
    }
    body += line + "\r\n";
  }
  return body;
}

inline ServerConfig local_server(const test::FakeNntpServer& fake, int connections = 2, int pipelining = 2) {
  ServerConfig s;
  s.name = "fake";
  s.host = "127.0.0.1";
  s.port = fake.port();
  s.connections = connections;
  s.pipelining = pipelining;
  s.timeout_s = 5;
  return s;
}

}  // namespace nzbd::nntp::testing
