// A pipelining multi-connection NNTP BODY client: used to load articles into RAM and to measure
// a server's raw ceiling.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

struct FetchOptions {
  std::string host = "127.0.0.1";
  int port = 119;
  int connections = 8;
  int window = 16;  // BODY commands in flight per connection
  std::string user, password;
};

struct FetchStats {
  uint64_t bytes = 0;     // wire bytes of the answers (status lines + dot-stuffed bodies)
  uint64_t articles = 0;  // 222 answers
  uint64_t missing = 0;   // other answers
  double seconds = 0;
  std::string error;      // set when a connection failed
};

// Called from connection threads (concurrently) with the index into ids and the raw,
// still dot-stuffed body including its final ".\r\n" (empty view when the server lacks it).
using BodySink = std::function<void(size_t index, std::string_view raw_body)>;

// Fetches BODY of every id (without <>), spreading ids round-robin over the connections.
FetchStats fetch_bodies(const FetchOptions& opt, const std::vector<std::string>& ids, const BodySink& sink);

}  // namespace bench
