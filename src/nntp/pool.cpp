// ConnectionPool: owns the io_context, its threads and the servers.
#include <boost/asio/executor_work_guard.hpp>
#include <latch>
#include <thread>

#include "nntp/connection.h"
#include "nntp/nntp.h"
#include "nntp/pool_core.h"

namespace nzbd::nntp {

namespace {
// Settings that shape connections; the others (priority, required, optional,
// retention) are engine policy and changing them keeps the connections open.
bool same_connections(const ServerConfig& a, const ServerConfig& b) {
  return a.name == b.name && a.host == b.host && a.port == b.port && a.ssl == b.ssl &&
         a.ssl_verify == b.ssl_verify && a.ssl_ca_file == b.ssl_ca_file && a.username == b.username &&
         a.password == b.password && a.connections == b.connections && a.enable == b.enable &&
         a.timeout_s == b.timeout_s && a.pipelining == b.pipelining;
}

// A server and the connections it owns (the server only refers to them weakly).
struct Entry {
  std::shared_ptr<ServerState> state;
  std::vector<std::shared_ptr<Connection>> conns;
};
}  // namespace

struct ConnectionPool::Impl {
  Impl(ArticleSource& source, PoolOptions options) : core(source, options) {}

  PoolCore core;
  mutable util::Mutex mu;
  std::vector<Entry> entries GUARDED_BY(mu);
  std::vector<Entry> retired GUARDED_BY(mu);  // closing; stop() waits for them too
  std::vector<std::thread> threads;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  bool running GUARDED_BY(mu) = false;

  std::vector<std::shared_ptr<ServerState>> snapshot() const {
    util::Lock lock(mu);
    std::vector<std::shared_ptr<ServerState>> out;
    for (auto& e : entries) out.push_back(e.state);
    return out;
  }
};

ConnectionPool::ConnectionPool(ArticleSource& source, size_t threads)
    : ConnectionPool(source, PoolOptions{.threads = threads}) {}

ConnectionPool::ConnectionPool(ArticleSource& source, PoolOptions options)
    : impl_(std::make_unique<Impl>(source, options)) {
  if (impl_->core.options.threads == 0) impl_->core.options.threads = 1;
  if (impl_->core.options.max_read_bytes < 4096) impl_->core.options.max_read_bytes = 4096;
}

ConnectionPool::~ConnectionPool() { stop(); }

void ConnectionPool::set_servers(std::vector<ServerConfig> configs) {
  std::vector<std::shared_ptr<ServerState>> retired, started;
  {
    util::Lock lock(impl_->mu);
    auto& entries = impl_->entries;
    for (size_t i = 0; i < configs.size(); ++i) {
      if (i < entries.size() && same_connections(entries[i].state->cfg, configs[i])) continue;
      Entry entry;
      entry.state = std::make_shared<ServerState>(impl_->core, i, std::move(configs[i]));
      entry.conns = entry.state->create_connections();
      started.push_back(entry.state);
      if (i < entries.size()) {
        retired.push_back(entries[i].state);
        impl_->retired.push_back(std::move(entries[i]));
        entries[i] = std::move(entry);
      } else {
        entries.push_back(std::move(entry));
      }
    }
    while (entries.size() > configs.size()) {
      retired.push_back(entries.back().state);
      impl_->retired.push_back(std::move(entries.back()));
      entries.pop_back();
    }
    if (!impl_->running) started.clear();
  }
  for (auto& s : retired) s->close_all("server reconfigured", true);
  for (auto& s : started) s->wake_all(true);
}

void ConnectionPool::set_warning_handler(std::function<void(std::string)> handler) {
  impl_->core.set_warning_handler(std::move(handler));
}

void ConnectionPool::start() {
  std::vector<std::shared_ptr<ServerState>> servers;
  {
    util::Lock lock(impl_->mu);
    if (impl_->running) return;
    impl_->running = true;
    impl_->core.stopping = false;
    impl_->core.ioc.restart();
    impl_->work.emplace(impl_->core.ioc.get_executor());
    for (size_t i = 0; i < impl_->core.options.threads; ++i) {
      impl_->threads.emplace_back([this] { impl_->core.ioc.run(); });
    }
    for (auto& e : impl_->entries) servers.push_back(e.state);
  }
  for (auto& s : servers) s->wake_all(true);
}

void ConnectionPool::stop() {
  std::vector<std::shared_ptr<ServerState>> servers;
  {
    util::Lock lock(impl_->mu);
    if (!impl_->running) return;
    impl_->running = false;
    for (auto& e : impl_->entries) servers.push_back(e.state);
    for (auto& e : impl_->retired) servers.push_back(e.state);
  }
  impl_->core.stopping = true;
  // Close every connection on its own strand (which reports its articles),
  // wait for all of them, then stop the threads.
  size_t count = 0;
  for (auto& s : servers) count += s->connection_count();
  std::latch closed(static_cast<std::ptrdiff_t>(count));
  for (auto& s : servers) s->close_all("pool stopped", false, [&closed] { closed.count_down(); });
  closed.wait();
  impl_->work.reset();
  impl_->core.ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  util::Lock lock(impl_->mu);
  impl_->retired.clear();
}

void ConnectionPool::wake() {
  for (auto& s : impl_->snapshot()) s->wake_all(false);
}

void ConnectionPool::set_paused(bool paused) {
  impl_->core.paused = paused;
  if (!paused) {
    for (auto& s : impl_->snapshot()) s->wake_all(true);
  }
}

void ConnectionPool::set_speed_limit(uint64_t bytes_per_second) {
  impl_->core.limiter.set_rate(bytes_per_second);
}

void ConnectionPool::unblock(const std::string& server_name) {
  for (auto& s : impl_->snapshot()) {
    if (s->cfg.name == server_name) s->unblock();
  }
}

std::vector<ServerStatus> ConnectionPool::status() const {
  std::vector<ServerStatus> out;
  for (auto& s : impl_->snapshot()) out.push_back(s->status());
  return out;
}

}  // namespace nzbd::nntp
