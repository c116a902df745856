// mode=config&name=test_server. The test runs nzbd's own NNTP pool with one
// connection and one article request for a message-id that exists nowhere:
// the pool connects, reads the greeting, logs in when a username is given,
// and sends BODY. Any article answer (430 "no such article" included) means
// host, port, TLS and login are fine; a failure carries the pool's reason,
// which is mapped to SABnzbd's messages.
#include "api/sab/server_test.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

#include "api/sab/call.h"
#include "nntp/nntp.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

constexpr const char* kProbeId = "nzbd-server-test@nzbd.invalid";
constexpr int kDefaultTimeout = 10;

// Hands out the probe article once and waits for its outcome.
class Probe : public nntp::ArticleSource {
 public:
  std::optional<nntp::ArticleRef> next_article(size_t) override {
    std::lock_guard lock(mu_);
    if (handed_out_) return std::nullopt;
    handed_out_ = true;
    return nntp::ArticleRef{1, kProbeId};
  }
  void on_body(size_t, const nntp::ArticleRef&, char*, size_t) override { finish(true, ""); }
  void on_failure(size_t, const nntp::ArticleRef&, nntp::FetchStatus why, std::string_view line) override {
    finish(why == nntp::FetchStatus::NotFound, std::string(line));
  }
  // nullopt: no outcome before the deadline.
  std::optional<std::pair<bool, std::string>> wait(std::chrono::seconds limit) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, limit, [&] { return outcome_.has_value(); })) return std::nullopt;
    return outcome_;
  }

 private:
  void finish(bool ok, std::string line) {
    std::lock_guard lock(mu_);
    if (outcome_) return;  // later calls come from stop()
    outcome_.emplace(ok, std::move(line));
    cv_.notify_all();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool handed_out_ = false;
  std::optional<std::pair<bool, std::string>> outcome_;
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

ServerTestResult fail(std::string message) { return {false, std::move(message)}; }

std::string timed_out(const nntp::ServerConfig& s) {
  if (s.port != 119 && !s.ssl) return "Timed out: Try enabling SSL or connecting on a different port.";
  return "Timed out";
}

// The pool's failure reason (or the server's reply line to BODY) in SABnzbd's words.
ServerTestResult explain_failure(const nntp::ServerConfig& s, const std::string& reason) {
  const std::string l = to_lower(reason);
  if (starts_with(l, "authentication")) return fail("Authentication failed, check username/password.");
  if (starts_with(l, "server requires a username")) return fail("Server requires username and password.");
  if (l.find("timed out") != std::string::npos) return fail(timed_out(s));
  if (l.find("wrong version number") != std::string::npos || l.find("unknown protocol") != std::string::npos)
    return fail("Unknown SSL protocol: Try disabling SSL or connecting on a different port.");
  if (starts_with(l, "cannot connect: ")) return fail(reason.substr(16));
  if (starts_with(l, "cannot resolve ")) return fail("Invalid server address.");
  if (l.find("too many") != std::string::npos || l.find("connection limit") != std::string::npos)
    return fail("Too many connections, please pause downloading or try again later");
  // A reply line to BODY: the login went through; 4xx is what SABnzbd accepts.
  if (reason.size() >= 3 && std::isdigit(static_cast<unsigned char>(reason[0]))) {
    if (reason[0] == '4') return {true, "Connection Successful!"};
    if (starts_with(reason, "502")) return fail("Authentication failed, check username/password.");
    return fail("Could not determine connection result (" + reason + ")");
  }
  if (starts_with(l, "connection lost") || starts_with(l, "server refused"))
    return fail("Server quit during login sequence.");
  return fail(reason);
}

int int_param(const http::Params& p, std::string_view key, int fallback) {
  return static_cast<int>(parse_int(trim(p.get(key))).value_or(fallback));
}

ServerTestResult run_probe(const nntp::ServerConfig& server) {
  Probe probe;
  nntp::ConnectionPool pool(probe, 1);
  pool.set_warning_handler([](std::string) {});  // a test's failures are not the user's warnings
  pool.set_servers({server});
  pool.start();
  pool.wake();
  // The pool's own timeout covers every wait for a byte; this bounds the whole
  // exchange (connect, TLS, greeting, login, BODY).
  auto outcome = probe.wait(std::chrono::seconds(server.timeout_s * 2 + 2));
  pool.stop();
  if (!outcome) return fail(timed_out(server));
  if (outcome->first) return {true, "Connection Successful!"};
  return explain_failure(server, outcome->second);
}

}  // namespace

ServerTestResult test_nntp_server(const http::Params& p, const StoredPassword& stored_password) {
  nntp::ServerConfig server;
  server.name = "test";
  server.host = trim(p.get("host"));
  if (server.host.empty()) return fail("The hostname is not set.");
  server.connections = int_param(p, "connections", 0);
  if (server.connections <= 0) return fail("There are no connections set. Please set at least one connection.");
  server.connections = 1;
  server.ssl = int_param(p, "ssl", 0) != 0;
  server.ssl_verify = std::clamp(int_param(p, "ssl_verify", 2), 0, 3);
  const int port = int_param(p, "port", 0);
  if (port < 0 || port > 65535) return fail("Invalid server details");
  server.port = static_cast<uint16_t>(port ? port : server.ssl ? 563 : 119);
  server.timeout_s = std::clamp(int_param(p, "timeout", kDefaultTimeout), 1, 60);
  server.username = trim(p.get("username"));
  server.password = trim(p.get("password"));
  const bool masked = !server.password.empty() &&
                      std::all_of(server.password.begin(), server.password.end(), [](char c) { return c == '*'; });
  if (masked) {
    auto stored = stored_password ? stored_password(trim(p.get("server")), server.host) : std::nullopt;
    if (!stored) return fail("Password masked in ******, please re-enter");
    server.password = *stored;
  }
  if (server.host.find_first_of(" \t\r\n") != std::string::npos) return fail("Invalid server address.");
  return run_probe(server);
}

Reply server_test_call(Call& c) {
  auto stored = [&](const std::string& name, const std::string& host) {
    return c.services.config.read([&](const config::Config& cfg) -> std::optional<std::string> {
      for (const auto* item : cfg.items("servers")) {
        const bool match = name.empty() ? cfg.item_value(*item, "servers", "host") == host : item->name == name;
        if (match) return cfg.item_value(*item, "servers", "password");
      }
      return std::nullopt;
    });
  };
  auto result = test_nntp_server(c.params, stored);
  return Reply{"value", Json{{"result", result.ok}, {"message", result.message}}};
}

}  // namespace nzbd::api::sab
