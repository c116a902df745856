// The queue's news servers: their settings from the config, SABnzbd's
// per-server policy (retention, required), and what the API shows of them.
#include <spdlog/spdlog.h>

#include "queue/internal.h"
#include "util/strings.h"

namespace nzbd::queue {

void Queue::reload_servers() {
  std::vector<nntp::ServerConfig> configs = config_.read([](const config::Config& c) {
    std::vector<nntp::ServerConfig> out;
    for (const auto* it : c.items("servers")) {
      auto v = [&](const char* k) { return c.item_value(*it, "servers", k); };
      auto i = [&](const char* k) { return parse_int(v(k)).value_or(0); };
      nntp::ServerConfig s;
      s.name = it->name;
      s.host = v("host");
      s.port = static_cast<uint16_t>(std::clamp<int64_t>(i("port"), 1, 65535));
      s.ssl = i("ssl") != 0;
      s.ssl_verify = static_cast<int>(i("ssl_verify"));
      s.username = v("username");
      s.password = v("password");
      s.connections = static_cast<int>(std::clamp<int64_t>(i("connections"), 1, 100));
      s.priority = static_cast<int>(i("priority"));
      s.enable = i("enable") != 0 && !s.host.empty();
      s.required = i("required") != 0;
      s.optional = i("optional") != 0;
      s.retention_days = static_cast<int>(i("retention"));
      s.timeout_s = static_cast<int>(std::clamp<int64_t>(i("timeout"), 5, 600));
      s.pipelining = static_cast<int>(std::clamp<int64_t>(i("pipelining_requests"), 1, 20));
      out.push_back(std::move(s));
    }
    return out;
  });
  // The config refuses more at load and in set_config; this only guards the
  // per-article server sets against a config changed some other way.
  if (configs.size() > ServerSet::kMax) {
    warn("only the first " + std::to_string(ServerSet::kMax) + " of " + std::to_string(configs.size()) +
         " news servers are used");
    configs.resize(ServerSet::kMax);
  }
  {
    util::Lock lock(mutex_);
    // Retry lists and tried-bits refer to server indexes: start them afresh.
    for (auto& [serial, a] : active_)
      for (auto& segs : a->table.files)
        for (auto& s : segs) s.tried.clear();
    servers_.clear();
    for (auto& c : configs) servers_.push_back(ServerSlot{c, c.enable, {}});
    for (auto& [serial, a] : active_) {
      a->table.cursor_file = 0;
      a->table.cursor_seg = 0;
    }
  }
  pool_->set_servers(configs);
  // A server whose connection settings did not change stays blocked in the
  // pool; without this it would count as usable here and, being first in
  // priority, starve the servers behind it.
  auto status = pool_->status();
  {
    util::Lock lock(mutex_);
    for (size_t i = 0; i < status.size() && i < servers_.size(); ++i)
      if (status[i].name == servers_[i].config.name) servers_[i].usable = !status[i].blocked;
  }
  pool_->wake();
}

// A server's retention (days) says what it no longer has: older articles go
// to the next server without being asked for here.
bool Queue::beyond_retention_locked(size_t server, const JobFile& f) const {
  int days = servers_[server].config.retention_days;
  return days > 0 && f.date > 0 && f.date < now_seconds() - int64_t{days} * 86400;
}

// SABnzbd's `required`: while such a server cannot be reached, nothing is
// downloaded from the others either (their articles would go missing there).
bool Queue::required_server_down_locked() const {
  for (const auto& s : servers_)
    if (s.config.enable && s.config.required && !s.usable) return true;
  return false;
}

void Queue::on_server_state(size_t server, bool usable) {
  {
    util::Lock lock(mutex_);
    if (server >= servers_.size()) return;
    servers_[server].usable = usable;
    if (!usable && servers_[server].config.required && servers_[server].config.enable)
      spdlog::warn("Server {} is required: downloading waits until it can be used again", servers_[server].config.name);
    if (!usable) {
      // Its retry list goes to whoever can take it.
      auto pending = std::move(servers_[server].retry);
      servers_[server].retry.clear();
      for (uint64_t token : pending) {
        size_t target = server;
        for (size_t i = 0; i < servers_.size(); ++i)
          if (server_usable_locked(i)) { target = i; break; }
        servers_[target].retry.push_back(token);
      }
    }
  }
  pool_->wake();
}

void Queue::unblock_server(const std::string& name) { pool_->unblock(name); }

void Queue::disconnect() {
  pool_->stop();
  pool_->start();
  pool_->wake();
}

// Bytes per server over the last seconds, sampled by the ticker.
void Queue::sample_server_speeds() {
  auto status = pool_->status();
  std::vector<uint64_t> bytes;
  for (const auto& s : status) bytes.push_back(s.bytes_received);
  int64_t ms = now_millis();
  util::Lock lock(mutex_);
  server_bytes_samples_.emplace_back(ms, std::move(bytes));
  while (server_bytes_samples_.size() > 2 && ms - server_bytes_samples_.front().first > 3000)
    server_bytes_samples_.erase(server_bytes_samples_.begin());
  const auto& [t0, b0] = server_bytes_samples_.front();
  const auto& [t1, b1] = server_bytes_samples_.back();
  server_bps_.assign(b1.size(), 0);
  if (t1 <= t0 || b0.size() != b1.size()) return;
  for (size_t i = 0; i < b1.size(); ++i)
    server_bps_[i] = b1[i] >= b0[i] ? (b1[i] - b0[i]) * 1000 / static_cast<uint64_t>(t1 - t0) : 0;
}

std::vector<std::string> Queue::memory_report() const {
  util::Lock lock(mutex_);
  std::vector<std::string> lines;
  auto articles = [](const Active& a) {
    size_t n = 0;
    for (const auto& f : a.table.files) n += f.size();
    return n;
  };
  for (const auto& [serial, a] : active_) {
    auto jt = by_serial_.find(serial);
    std::string who = jt == by_serial_.end() ? "job " + std::to_string(serial) : jt->second->nzo_id + " " + jt->second->name;
    lines.push_back("Active " + who + ": " + std::to_string(articles(*a)) + " articles, " +
                    std::to_string(a->table.in_flight) + " with connections");
  }
  for (const auto& [serial, a] : retired_)
    lines.push_back("Retired job " + std::to_string(serial) + ": " + std::to_string(articles(*a)) + " articles, " +
                    std::to_string(a->table.in_flight) + " still with connections");
  return lines;
}

// The job, file and message-id a connection's token stands for; a token of a
// job that just left keeps empty names.
void Queue::name_work_locked(nntp::ServerStatus::Work& w) const {
  auto jt = by_serial_.find(token_serial(w.token));
  auto at = active_.find(token_serial(w.token));
  if (jt == by_serial_.end() || at == active_.end()) return;
  const Job& job = *jt->second;
  const SegmentTable& table = at->second->table;
  uint32_t file = token_file(w.token), seg = token_seg(w.token);
  if (file >= job.files.size() || file >= table.files.size() || seg >= table.files[file].size()) return;
  w.job = job.name;
  w.file = job.files[file].name;
  w.article = std::string(table.message_id(table.files[file][seg]));
}

std::vector<nntp::ServerStatus> Queue::server_status() const {
  auto status = pool_->status();
  util::Lock lock(mutex_);
  for (size_t i = 0; i < status.size() && i < server_bps_.size(); ++i) status[i].bytes_per_second = server_bps_[i];
  for (auto& server : status)
    for (auto& w : server.working) name_work_locked(w);
  return status;
}

}  // namespace nzbd::queue
