// The proxy's plumbing: listening, one thread per client connection, which
// fault a connection or an article gets, and the counters. What each fault
// does to the bytes is in fault_proxy_relay.cpp.
#include "support/fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "support/fault_proxy_wire.h"

namespace nzbd::test {
namespace {

constexpr std::array<const char*, kFaultKinds> kNames = {
    "drop", "stall", "trickle", "garbage", "truncate", "wrong_status",
    "430", "corrupt", "greet_hang", "greet_502", "greet_400", "tls_fail"};

// A stable draw in [0, 1) for (seed, message-id): a retry of the same article
// meets the same fault, and a run with the same seed the same faults.
double id_draw(uint32_t seed, std::string_view id) {
  uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) / static_cast<double>(1ull << 53);
}

// The draw of the n-th distinct message-id seen: a golden-ratio (Weyl)
// sequence from a seeded start. Unlike a hash of the id, it spreads any N ids
// evenly over [0, 1), so a share hits its expected count whatever ids nyuu
// picked: 20 articles leave no gap wider than 0.09, and a 10% rule always
// hits at least one (a hash missed all 20 in 12% of runs).
double ordinal_draw(uint32_t seed, uint64_t ordinal) {
  constexpr double kGolden = 0.6180339887498949;
  const double u = id_draw(seed, "start") + static_cast<double>(ordinal) * kGolden;
  return u - static_cast<double>(static_cast<uint64_t>(u));
}

}  // namespace

const char* fault_name(Fault f) { return kNames[static_cast<size_t>(f)]; }

std::optional<Fault> parse_fault(std::string_view name) {
  for (size_t i = 0; i < kFaultKinds; ++i)
    if (name == kNames[i]) return static_cast<Fault>(i);
  return std::nullopt;
}

bool is_connection_fault(Fault f) { return f >= Fault::GreetHang; }

struct FaultProxy::Session {
  std::atomic<int> client{-1}, upstream{-1};  // the destructor shuts them from its thread
  std::thread thread;
  std::atomic<bool> done{false};
  ~Session() {
    if (thread.joinable()) thread.join();
    if (client >= 0) ::close(client);
    if (upstream >= 0) ::close(upstream);
  }
};

FaultProxy::FaultProxy(Options options) : options_(std::move(options)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(options_.listen_port);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("fault proxy: cannot listen on port " + std::to_string(options_.listen_port));
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  ::close(listen_fd_);
  std::list<std::unique_ptr<Session>> sessions;
  {
    std::lock_guard lock(mu_);
    sessions.swap(sessions_);
    // Blocked reads (a stall, a hang) return once their sockets are shut.
    for (auto& s : sessions) {
      if (s->client >= 0) ::shutdown(s->client, SHUT_RDWR);
      if (s->upstream >= 0) ::shutdown(s->upstream, SHUT_RDWR);
    }
  }
  sessions.clear();  // joins
}

void FaultProxy::set_rules(std::vector<Rule> rules) {
  std::lock_guard lock(mu_);
  options_.rules = std::move(rules);
}

void FaultProxy::set_seed(uint32_t seed) {
  std::lock_guard lock(mu_);
  options_.seed = seed;
  seen_.clear();
}

void FaultProxy::accept_loop() {
  while (!stopping_) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      if (stopping_) return;
      continue;
    }
    ++connections_;
    reap_finished();
    auto s = std::make_unique<Session>();
    s->client = fd;
    Session& ref = *s;
    std::lock_guard lock(mu_);
    sessions_.push_back(std::move(s));
    ref.thread = std::thread([this, &ref] {
      serve(ref);
      ::shutdown(ref.client, SHUT_RDWR);
      if (ref.upstream >= 0) ::shutdown(ref.upstream, SHUT_RDWR);
      ref.done = true;
    });
  }
}

// Joins the threads of connections that ended, so a long soak keeps a
// bounded number of threads and descriptors.
void FaultProxy::reap_finished() {
  std::list<std::unique_ptr<Session>> finished;
  {
    std::lock_guard lock(mu_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if ((*it)->done) {
        finished.push_back(std::move(*it));
        it = sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }
}

uint64_t FaultProxy::open_sessions() const {
  std::lock_guard lock(mu_);
  uint64_t n = 0;
  for (const auto& s : sessions_) n += s->done ? 0 : 1;
  return n;
}

std::optional<Fault> FaultProxy::connection_fault() {
  std::lock_guard lock(mu_);
  // A seeded sequence of draws, one per connection.
  const double u = id_draw(options_.seed, "connection #" + std::to_string(connection_draws_++));
  double edge = 0;
  for (const auto& r : options_.rules) {
    if (!is_connection_fault(r.fault)) continue;
    edge += r.share;
    if (u < edge) return r.fault;
  }
  return std::nullopt;
}

std::optional<Fault> FaultProxy::article_fault(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = seen_.try_emplace(id, SeenId{0, seen_.size()}).first;
  const int nth = ++it->second.requests;
  const double u = ordinal_draw(options_.seed, it->second.ordinal);
  double edge = 0;
  for (const auto& r : options_.rules) {
    if (is_connection_fault(r.fault)) continue;
    bool hit;
    if (!r.ids.empty()) {
      hit = r.ids.contains(id);
    } else {
      hit = u >= edge && u < edge + r.share;
      edge += r.share;
    }
    if (hit && (r.times <= 0 || nth <= r.times)) return r.fault;
  }
  return std::nullopt;
}

uint64_t FaultProxy::injected_total() const {
  uint64_t n = 0;
  for (const auto& c : injected_) n += c;
  return n;
}

std::string FaultProxy::report() const {
  std::string out = "connections=" + std::to_string(connections_) + " articles=" + std::to_string(articles_);
  for (size_t i = 0; i < kFaultKinds; ++i)
    if (injected_[i] > 0) out += std::string(" ") + kNames[i] + "=" + std::to_string(injected_[i]);
  return out;
}

void FaultProxy::serve(Session& s) {
  if (auto f = connection_fault()) {
    count(*f);
    switch (*f) {
      case Fault::Greet502:
        wire::send_all(s.client, "502 service unavailable (fault proxy)\r\n");
        return;
      case Fault::Greet400:
        wire::send_all(s.client, "400 service temporarily unavailable (fault proxy)\r\n");
        return;
      case Fault::TlsFail:
        // Read the ClientHello, answer plain text: the handshake cannot succeed.
        wire::wait_readable(s.client, 2000);
        wire::send_all(s.client, "200 this is not TLS (fault proxy)\r\n");
        return;
      case Fault::GreetHang:
        wire::send_all(s.client, "200 fault proxy ready\r\n");
        wire::drain_until_closed(s.client);
        return;
      default:
        return;
    }
  }
  s.upstream = wire::connect_loopback(options_.upstream_port);
  if (s.upstream < 0) return;
  relay(s.client, s.upstream);
}

}  // namespace nzbd::test
