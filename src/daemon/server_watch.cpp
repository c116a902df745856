#include "daemon/server_watch.h"

#include <spdlog/spdlog.h>

#include <ctime>

#include "util/strings.h"

namespace nzbd::daemon {

std::optional<int> days_between(const std::string& today, const std::string& date) {
  auto days = [](const std::string& d) -> std::optional<int64_t> {
    std::tm tm{};
    if (d.size() != 10 || !strptime(d.c_str(), "%Y-%m-%d", &tm)) return std::nullopt;
    return static_cast<int64_t>(timegm(&tm) / 86400);
  };
  auto a = days(today), b = days(date);
  if (!a || !b) return std::nullopt;
  return static_cast<int>(*b - *a);
}

ServerWatch::TotalBytes history_totals(history::History& history) {
  return [&history] {
    std::map<std::string, int64_t> totals;
    // Unreadable now (a locked database): no totals this round, the next check tries again.
    auto stats = history.server_stats();
    if (stats)
      for (const auto& [name, s] : *stats) totals[name] = s.totals.total;
    return totals;
  };
}

std::string local_today() {
  char day[16];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
  return day;
}

ServerWatch::ServerWatch(config::ConfigStore& config, TotalBytes totals, Today today, std::chrono::milliseconds every)
    : config_(config), totals_(std::move(totals)), today_(std::move(today)) {
  if (every.count() <= 0) return;
  thread_ = std::thread([this, every] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      check_now();
      lock.lock();
      cv_.wait_for(lock, every, [&] { return stop_; });
    }
  });
}

ServerWatch::~ServerWatch() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ServerWatch::check_now() {
  struct Server {
    std::string name, quota, expire;
    int64_t usage_at_start = 0;
    bool enabled = false;
  };
  auto servers = config_.read([](const config::Config& c) {
    std::vector<Server> out;
    for (const auto* it : c.items("servers")) {
      auto v = [&](const char* k) { return c.item_value(*it, "servers", k); };
      out.push_back(Server{it->name, v("quota"), v("expire_date"), parse_int(v("usage_at_start")).value_or(0),
                           v("enable") != "0"});
    }
    return out;
  });
  auto totals = totals_();
  std::string today = today_();
  for (const auto& s : servers) {
    int64_t used = totals.count(s.name) ? totals[s.name] : 0;
    std::map<std::string, std::string> changes;
    auto quota = config::parse_size(s.quota).value_or(0);
    auto seen = quota_seen_.find(s.name);
    bool newly_set = seen == quota_seen_.end() ? s.usage_at_start == 0 : seen->second != s.quota;
    if (quota > 0 && newly_set) {
      // A quota newly set counts from now (SABnzbd's usage_at_start).
      changes["usage_at_start"] = std::to_string(used);
    } else if (quota > 0 && s.enabled && used - s.usage_at_start >= static_cast<int64_t>(quota)) {
      spdlog::warn("Server {} has used the specified quota", s.name);
      changes["enable"] = "0";
      changes["quota"] = "";
    }
    quota_seen_[s.name] = s.quota;
    if (auto left = days_between(today, s.expire); left && s.enabled) {
      if (*left <= 0) {
        spdlog::warn("Server {} has expired; it is switched off", s.name);
        changes["enable"] = "0";
        changes["expire_date"] = "";
      } else if (*left < 6 && warned_on_[s.name] != today) {
        spdlog::warn("Server {} is expiring in {} day(s)", s.name, *left);
        warned_on_[s.name] = today;
      }
    }
    if (changes.empty()) continue;
    (void)config_.write("servers", [&](config::Config& c) {
      auto& item = c.item_or_create("servers", s.name);
      for (const auto& [k, v] : changes) item.set(k, v);
    });
  }
}

}  // namespace nzbd::daemon
