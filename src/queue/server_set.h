// A set of news servers by their index in the config, as the download engine
// keeps it per article (which servers said the article is not there). It is
// 32 bits so a busy job stays a few bytes per article; the config refuses
// more servers than it can hold (config::kMaxServers).
#pragma once

#include <cstddef>
#include <cstdint>

#include "config/config.h"

namespace nzbd::queue {

class ServerSet {
 public:
  static constexpr size_t kMax = config::kMaxServers;
  static_assert(kMax <= 32, "ServerSet keeps its servers in 32 bits");

  // An index at or past kMax is never in the set: such a server cannot be
  // configured, so a stray index must not alias another server's bit.
  bool contains(size_t server) const { return server < kMax && (bits_ & bit(server)) != 0; }
  void insert(size_t server) {
    if (server < kMax) bits_ |= bit(server);
  }
  void clear() { bits_ = 0; }
  bool empty() const { return bits_ == 0; }

 private:
  static uint32_t bit(size_t server) { return uint32_t{1} << server; }
  uint32_t bits_ = 0;
};

}  // namespace nzbd::queue
