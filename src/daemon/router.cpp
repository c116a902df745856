#include "daemon/router.h"

#include <nlohmann/json.hpp>

#include <chrono>

namespace nzbd::daemon {
namespace {

bool is_sab_path(const std::string& p) { return p == "/sabnzbd/api" || p == "/sabnzbd/api/"; }
bool is_api_root(const std::string& p) { return p == "/api" || p == "/api/"; }

http::Response not_found_json() { return http::Response::json(R"({"message":"NotFound"})", 404); }

// Which API a path belongs to, for the request metrics.
const char* api_of(const http::Request& req) {
  const std::string& p = req.path;
  if (is_sab_path(p) || (is_api_root(p) && req.params.has("mode"))) return "sabnzbd";
  if (is_api_root(p) || p == "/ping" || p.rfind("/api/", 0) == 0) return "sonarr";
  if (p == "/metrics") return "metrics";
  return "ui";
}

// Constant-time comparison, so the answer's timing does not leak the key.
bool same_key(std::string_view given, std::string_view expected) {
  if (expected.empty() || given.size() != expected.size()) return false;
  unsigned diff = 0;
  for (std::size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned>(given[i] ^ expected[i]);
  return diff == 0;
}

}  // namespace

// Like Sonarr's /initialize.json: what the UI needs before its first API call.
// The key goes to whoever can load the page, as SABnzbd's and Sonarr's UIs do
// when no login is set up (login is the reliability issue's work).
http::Response Router::initialize_json() const {
  nlohmann::json j = {{"apiKey", options_.api_key ? options_.api_key() : ""},
                      {"urlBase", ""},
                      {"version", options_.version},
                      {"instanceName", "nzbd"},
                      {"authentication", door_ && door_->login_on() ? "forms" : "none"}};
  http::Response r = http::Response::json(j.dump());
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response Router::route(const http::Request& req) {
  if (!options_.metrics) return dispatch(req);
  const auto start = std::chrono::steady_clock::now();
  http::Response r = dispatch(req);
  options_.metrics->observe_request(api_of(req), r.status,
                                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return r;
}

// The API key as Sonarr's clients send it (X-Api-Key, Bearer) or SABnzbd's (apikey=).
http::Response Router::serve_metrics(const http::Request& req) {
  if (!options_.metrics) return http::Response::text("Not Found", 404);
  const std::string key = options_.api_key ? options_.api_key() : "";
  std::string auth = req.header("authorization");
  bool ok = same_key(req.params.get("apikey"), key) || same_key(req.header("x-api-key"), key) ||
            (auth.size() > 7 && (auth.compare(0, 7, "Bearer ") == 0 || auth.compare(0, 7, "bearer ") == 0) &&
             same_key(std::string_view(auth).substr(7), key));
  if (!ok) return http::Response::text("API Key Incorrect\n", 401);
  http::Response r = http::Response::text(options_.metrics->render(), 200, "text/plain; version=0.0.4; charset=utf-8");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response Router::dispatch(const http::Request& req) {
  const std::string& p = req.path;
  const Area area = area_of(req);
  if (door_) {
    if (auto refusal = door_->check(req, area)) return std::move(*refusal);
    if (area == Area::Login) return p.find("logout") != std::string::npos ? door_->logout(req) : door_->login(req);
  }
  if (p == "/metrics") return serve_metrics(req);
  if (is_sab_path(p) || (is_api_root(p) && req.params.has("mode"))) return sab_.handle(req);
  if (is_api_root(p) || p == "/ping" || p.rfind("/api/", 0) == 0) {
    if (options_.sonarr) return options_.sonarr(req);
    return not_found_json();
  }
  if (p == "/initialize.json" || p == "/sabnzbd/initialize.json") return initialize_json();
  if (options_.ui && (req.method == "GET" || req.method == "HEAD")) {
    if (auto r = options_.ui->serve(req)) return std::move(*r);
  }
  return http::Response::text("Not Found", 404);
}

}  // namespace nzbd::daemon
