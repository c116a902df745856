// A fault-injecting NNTP proxy for tests and the soak: it sits between nzbd
// and a real news server (the rig's INN2) on 127.0.0.1, relays each command
// and its reply, and spoils some of them on purpose. Faults are chosen per
// connection (greeting faults, TLS handshake failure) or per article (by
// message-id, or a seeded share of message-ids), and every injected fault is
// counted so tests and the soak can print what they did.
//
// One thread per client connection, blocking sockets: simple to reason about,
// and fast enough for test-sized posts.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace nzbd::test {

enum class Fault {
  // per article (BODY/ARTICLE):
  Drop,         // half of the reply, then the connection is closed
  Stall,        // no reply at all; the connection stays open
  Trickle,      // the reply in small pieces with pauses between them
  Garbage,      // a line of binary junk instead of the reply
  Truncate,     // the status and half of the body, then the terminating "."
  WrongStatus,  // a STAT reply (223) to a BODY command
  NotFound,     // 430 without asking the server
  Corrupt,      // one body byte changed: the yEnc CRC no longer matches
  // per connection:
  GreetHang,    // a 200 greeting, then silence whatever is asked
  Greet502,     // "502 service unavailable", closed
  Greet400,     // "400 service temporarily unavailable", closed
  TlsFail,      // junk instead of a TLS ServerHello, closed
};
constexpr size_t kFaultKinds = 12;

const char* fault_name(Fault f);  // "drop", "stall", ..., "tls_fail"
std::optional<Fault> parse_fault(std::string_view name);
bool is_connection_fault(Fault f);

class FaultProxy {
 public:
  struct Rule {
    Fault fault;
    // Articles: the share of message-ids (a seeded draw fixed at the id's
    // first request, so a retry of the same id meets the same fault) unless
    // `ids` names them. Shares of
    // the article rules are stacked, so they never overlap.
    // Connections: the share of accepted connections (a seeded sequence).
    double share = 1.0;
    std::set<std::string> ids;  // without <>
    int times = 0;              // > 0: only the first `times` requests of each id
  };
  struct Options {
    uint16_t upstream_port = 0;
    uint16_t listen_port = 0;  // 0: any free port
    std::vector<Rule> rules;
    uint32_t seed = 1;
    size_t trickle_bytes = 2048;  // Trickle: this many bytes ...
    int trickle_ms = 10;          // ... then a pause of this long
  };

  explicit FaultProxy(Options options);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  uint16_t port() const { return port_; }
  void set_rules(std::vector<Rule> rules);
  // Another seed: other articles meet the faults from now on (the soak's
  // rounds, or repeated jobs of one NZB).
  void set_seed(uint32_t seed);

  uint64_t injected(Fault f) const { return injected_[static_cast<size_t>(f)]; }
  uint64_t injected_total() const;
  uint64_t connections() const { return connections_; }
  uint64_t articles() const { return articles_; }  // BODY/ARTICLE commands seen
  uint64_t open_sessions() const;
  // One line: "connections=N articles=N drop=N ... (only kinds with N > 0)".
  std::string report() const;

 private:
  struct Session;
  void accept_loop();
  void serve(Session& s);
  std::optional<Fault> connection_fault();
  std::optional<Fault> article_fault(const std::string& id);
  bool relay(int client, int upstream);  // false when a fault or a side closed it
  void count(Fault f) { ++injected_[static_cast<size_t>(f)]; }
  void reap_finished();

  Options options_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mu_;  // rules, rng, seen, sessions
  uint64_t connection_draws_ = 0;
  struct SeenId {
    int requests;      // for Rule::times
    uint64_t ordinal;  // order of first sight: the article's draw
  };
  std::map<std::string, SeenId> seen_;
  std::list<std::unique_ptr<Session>> sessions_;

  std::array<std::atomic<uint64_t>, kFaultKinds> injected_{};
  std::atomic<uint64_t> connections_{0}, articles_{0};
};

}  // namespace nzbd::test
