// Login sessions and the failed-login slow-down.
#include "access/access.h"
#include "util/random.h"
#include "util/strings.h"

namespace nzbd::access {

Sessions::LoginResult Sessions::login(std::string_view address, std::string_view user, std::string_view password,
                                      std::string_view want_user, std::string_view want_password, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto& f = failures_[std::string(address)];
  if (f.locked_until > now)
    return {std::nullopt, std::chrono::duration_cast<std::chrono::seconds>(f.locked_until - now) + std::chrono::seconds(1)};
  // Both compared in full, so the timing says nothing about which was wrong.
  const bool user_ok = constant_time_equals(user, want_user);
  const bool password_ok = constant_time_equals(password, want_password);
  if (user_ok && password_ok && !want_user.empty() && !want_password.empty()) {
    failures_.erase(std::string(address));
    for (auto it = sessions_.begin(); it != sessions_.end();)  // expired ones go while we are here
      it = it->second <= now ? sessions_.erase(it) : std::next(it);
    std::string token = random_hex(64);
    sessions_[token] = now + kLifetime;
    return {token, std::chrono::seconds(0)};
  }
  if (f.count == 0 || now - f.first > kFailureWindow) f = Failures{0, now, {}};
  if (++f.count > kFreeFailures) f.locked_until = now + kLockout;
  return {std::nullopt, std::chrono::seconds(0)};
}

bool Sessions::valid(std::string_view token, Clock::time_point now) {
  if (token.empty()) return false;
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return false;
  if (it->second <= now) {
    sessions_.erase(it);
    return false;
  }
  return true;
}

void Sessions::logout(std::string_view token) {
  std::lock_guard lock(mu_);
  if (auto it = sessions_.find(token); it != sessions_.end()) sessions_.erase(it);
}

std::string cookie_value(std::string_view header, std::string_view name) {
  std::size_t start = 0;
  while (start < header.size()) {
    auto end = header.find(';', start);
    std::string_view part = header.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return "";
}

}  // namespace nzbd::access
