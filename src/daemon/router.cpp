#include "daemon/router.h"

#include <nlohmann/json.hpp>

#include <chrono>

namespace nzbd::daemon {
namespace {

http::Response not_found_json() { return http::Response::json(R"({"message":"NotFound"})", 404); }

// The label of a request's API in /metrics.
const char* api_label(Area area) {
  switch (area) {
    case Area::SabApi: return "sabnzbd";
    case Area::SonarrApi: return "sonarr";
    case Area::Metrics: return "metrics";
    default: return "ui";
  }
}

}  // namespace

bool may_block(const http::Request& req) {
  if (req.params.has("mode")) {
    const std::string mode = req.params.get("mode");
    // Adds wait for their group commit (an fsync pass, see queue/group_commit.h).
    return mode == "test_email" || mode == "test_nscript" || mode == "addfile" || mode == "addlocalfile" ||
           mode == "addurl" ||
           (mode == "config" && req.params.get("name") == "test_server");
  }
  // Sonarr's paths, also under a url_base; /ping and the UI's files stay on the I/O threads.
  return req.path.find("/api/") != std::string::npos;
}

// Like Sonarr's /initialize.json: what the UI needs before its first API call.
// The key goes to whoever can load the page, as SABnzbd's and Sonarr's UIs do;
// with a login set up the front door lets only a session through.
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

// Under a url_base of its own (a reverse proxy's prefix) the request is
// answered as at the root; /sabnzbd/ and / keep working as well.
http::Response Router::dispatch_mounted(const http::Request& req) {
  std::string base = door_ ? door_->url_base() : std::string();
  const std::string& p = req.path;
  bool under = !base.empty() && base != "/sabnzbd" && p.rfind(base, 0) == 0 &&
               (p.size() == base.size() || p[base.size()] == '/');
  if (!under) return dispatch(req);
  http::Request rooted = req;
  rooted.path = p.size() == base.size() ? "/" : p.substr(base.size());
  rooted.mount = base;
  return dispatch(rooted);
}

http::Response Router::route(const http::Request& req) {
  if (!options_.metrics) return dispatch_mounted(req);
  const auto start = std::chrono::steady_clock::now();
  http::Response r = dispatch_mounted(req);
  options_.metrics->observe_request(api_label(area_of(req)), r.status,
                                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return r;
}

// The API key as Sonarr's clients send it (X-Api-Key, Bearer) or SABnzbd's (apikey=).
http::Response Router::serve_metrics(const http::Request& req) {
  if (!options_.metrics) return http::Response::text("Not Found", 404);
  const bool ok = http::carries_api_key(req, options_.api_key ? options_.api_key() : "");
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
  if (area == Area::Metrics) return serve_metrics(req);
  if (area == Area::SabApi) return sab_.handle(req);
  if (area == Area::SonarrApi) {
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
