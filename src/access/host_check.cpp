// The Host-header check, local addresses and the API's access levels.
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "access/access.h"
#include "util/strings.h"

namespace nzbd::access {
namespace {

// The Host header without its port: "a:8080" -> "a", "[::1]:80" -> "[::1]".
std::string strip_port(std::string_view host) {
  auto colon = host.rfind(':');
  if (colon == std::string_view::npos) return std::string(host);
  if (host.front() == '[' && host.find(']') > colon) return std::string(host);  // an IPv6 literal without port
  std::string_view port = host.substr(colon + 1);
  bool digits = !port.empty() && port.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits) return std::string(host);
  if (host.front() != '[' && host.substr(0, colon).find(':') != std::string_view::npos) return std::string(host);
  return std::string(host.substr(0, colon));
}

bool is_ipv4(const std::string& s) {
  in_addr a{};
  return inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool is_ipv6_literal(const std::string& s) {
  std::string inner = s.size() > 2 && s.front() == '[' && s.back() == ']' ? s.substr(1, s.size() - 2) : s;
  in6_addr a{};
  return inet_pton(AF_INET6, inner.c_str(), &a) == 1;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// An address as 16 bytes (IPv4 as IPv4-mapped IPv6); false when it does not parse.
bool to_bytes(std::string_view text, std::array<unsigned char, 16>& out) {
  std::string s(text);
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out.fill(0);
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) != 1) return false;
  std::memcpy(out.data(), &v6, 16);
  return true;
}

// "10.0.0.0/8", "fe80::/10" or a single address; prefix lengths of IPv4 ranges count within IPv4.
bool in_range(const std::array<unsigned char, 16>& addr, std::string_view range) {
  auto slash = range.find('/');
  std::array<unsigned char, 16> net{};
  if (!to_bytes(range.substr(0, slash), net)) return false;
  const bool v4 = net[10] == 0xff && net[11] == 0xff && std::all_of(net.begin(), net.begin() + 10, [](unsigned char b) { return b == 0; });
  int bits = 128;
  if (slash != std::string_view::npos) {
    std::string_view n = range.substr(slash + 1);
    if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string_view::npos) return false;
    bits = std::stoi(std::string(n)) + (v4 ? 96 : 0);
    if (bits > 128) return false;
  }
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    auto mask = static_cast<unsigned char>(bits >= 8 ? 0xff : 0xff << (8 - bits));
    if ((addr[i] & mask) != (net[i] & mask)) return false;
  }
  return true;
}

}  // namespace

bool host_allowed(std::string_view host_header, const std::vector<std::string>& whitelist,
                  std::string_view machine_name) {
  if (host_header.empty()) return false;
  const std::string host = to_lower(strip_port(host_header));
  if (host.empty()) return false;
  if (host == "localhost" || is_ipv4(host) || is_ipv6_literal(host)) return true;
  if (ends_with(host, ".local") || ends_with(host, ".local.")) return true;
  const std::string machine = to_lower(machine_name);
  if (!machine.empty() && (host == machine || host == machine.substr(0, machine.find('.')))) return true;
  for (const auto& w : whitelist) {
    auto b = w.find_first_not_of(" \t"), e = w.find_last_not_of(" \t");
    if (b != std::string::npos && to_lower(std::string_view(w).substr(b, e - b + 1)) == host) return true;
  }
  return false;
}

bool is_local(std::string_view address, const std::vector<std::string>& local_ranges) {
  std::array<unsigned char, 16> addr{};
  if (!to_bytes(address, addr)) return false;
  if (in_range(addr, "127.0.0.0/8") || in_range(addr, "::1")) return true;  // loopback always
  bool any_range = false;
  for (const auto& r : local_ranges) {
    if (r.empty()) continue;
    any_range = true;
    if (in_range(addr, r)) return true;
  }
  if (any_range) return false;
  for (const char* r : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "fc00::/7", "fe80::/10"})
    if (in_range(addr, r)) return true;
  return false;
}

int mode_level(std::string_view mode, std::string_view name) {
  static constexpr std::array<std::string_view, 5> kAdds = {"addfile", "addurl", "addlocalfile", "version", "auth"};
  for (auto m : kAdds)
    if (mode == m) return 1;
  static constexpr std::array<std::string_view, 12> kControl = {
      "get_config", "set_config", "set_config_default", "del_config", "shutdown", "showlog", "restart",
      "restart_repair", "gc_stats", "eval_sort", "browse", "reset_quota"};
  for (auto m : kControl)
    if (mode == m) return 3;
  if (mode.rfind("test_", 0) == 0) return 3;
  if (mode == "config") {
    static constexpr std::array<std::string_view, 7> kNames = {"set_apikey",      "set_nzbkey",     "regenerate_certs",
                                                               "test_server",     "create_backup",  "restore_backup",
                                                               "purge_log_files"};
    for (auto n : kNames)
      if (name == n) return 3;
  }
  return 2;
}

}  // namespace nzbd::access
