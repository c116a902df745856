#include "daemon/router.h"

#include <nlohmann/json.hpp>

namespace nzbd::daemon {
namespace {

bool is_sab_path(const std::string& p) { return p == "/sabnzbd/api" || p == "/sabnzbd/api/"; }
bool is_api_root(const std::string& p) { return p == "/api" || p == "/api/"; }

http::Response not_found_json() { return http::Response::json(R"({"message":"NotFound"})", 404); }

}  // namespace

// Like Sonarr's /initialize.json: what the UI needs before its first API call.
// The key goes to whoever can load the page, as SABnzbd's and Sonarr's UIs do
// when no login is set up (login is the reliability issue's work).
http::Response Router::initialize_json() const {
  nlohmann::json j = {{"apiKey", options_.api_key ? options_.api_key() : ""},
                      {"urlBase", ""},
                      {"version", options_.version},
                      {"instanceName", "nzbd"}};
  http::Response r = http::Response::json(j.dump());
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response Router::route(const http::Request& req) {
  const std::string& p = req.path;
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
