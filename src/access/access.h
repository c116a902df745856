// Who may come in (SABnzbd's front door): the Host-header check against DNS
// rebinding, which clients count as local (local_ranges), what inet_exposure
// lets a non-local client reach, and the web UI's login sessions with a
// slow-down after failed attempts.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nzbd::access {

// SABnzbd's check_hostname: the Host header (port removed) must be
// localhost, an IPv4 or [IPv6] literal, a *.local mDNS name, this machine's
// name, or listed in host_whitelist. An empty Host is refused.
bool host_allowed(std::string_view host_header, const std::vector<std::string>& whitelist,
                  std::string_view machine_name);

// Loopback, private and link-local addresses (IPv4-mapped IPv6 included),
// or — when local_ranges is set — only the ranges it lists ("192.168.1.0/24",
// "10.0.0.1"). An address that does not parse is not local.
bool is_local(std::string_view address, const std::vector<std::string>& local_ranges);

// SABnzbd's access levels of API modes: 1 = add NZBs (and version/auth),
// 3 = configuration and control, 2 = everything else.
int mode_level(std::string_view mode, std::string_view name);
// inet_exposure for a non-local client: 0 nothing, 1 adds, 2 the API but
// configuration, 3 the whole API, 4 and 5 the web UI too (5: login needed
// only from outside).
inline constexpr int kUiLevel = 4;

inline constexpr const char* kHostRefused =
    "Access denied - Hostname verification failed: https://sabnzbd.org/hostname-check";
inline constexpr const char* kExternalRefused = "External internet access denied - https://sabnzbd.org/access-denied";

// Login sessions for the web UI: random tokens kept in memory (a restart
// asks everyone to log in again) and a per-address slow-down: after
// kFreeFailures wrong passwords within kFailureWindow, that address waits
// kLockout before the next try is even checked.
class Sessions {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeFailures = 5;
  static constexpr std::chrono::minutes kFailureWindow{10};
  static constexpr std::chrono::seconds kLockout{60};
  static constexpr std::chrono::hours kLifetime{24 * 30};

  struct LoginResult {
    std::optional<std::string> token;  // set on success
    std::chrono::seconds retry_after{0};  // > 0: locked out, nothing was checked
  };
  LoginResult login(std::string_view address, std::string_view user, std::string_view password,
                    std::string_view want_user, std::string_view want_password, Clock::time_point now = Clock::now());
  bool valid(std::string_view token, Clock::time_point now = Clock::now());
  void logout(std::string_view token);

 private:
  struct Failures {
    int count = 0;
    Clock::time_point first{}, locked_until{};
  };
  std::mutex mu_;
  std::map<std::string, Clock::time_point, std::less<>> sessions_;  // token -> expiry
  std::map<std::string, Failures, std::less<>> failures_;           // address -> failed logins
};

// The value of one cookie in a Cookie header ("a=1; nzbd_session=x").
std::string cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace nzbd::access
