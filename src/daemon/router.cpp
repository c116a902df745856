#include "daemon/router.h"

namespace nzbd::daemon {
namespace {

bool is_sab_path(const std::string& p) { return p == "/sabnzbd/api" || p == "/sabnzbd/api/"; }
bool is_api_root(const std::string& p) { return p == "/api" || p == "/api/"; }

http::Response not_found_json() { return http::Response::json(R"({"message":"NotFound"})", 404); }

}  // namespace

http::Response Router::route(const http::Request& req) {
  const std::string& p = req.path;
  if (is_sab_path(p) || (is_api_root(p) && req.params.has("mode"))) return sab_.handle(req);
  if (is_api_root(p) || p == "/ping" || p.rfind("/api/", 0) == 0) {
    if (sonarr_) return sonarr_(req);
    return not_found_json();
  }
  if (p == "/" || p == "/sabnzbd" || p == "/sabnzbd/")
    return http::Response::text("<!doctype html><title>nzbd</title><h1>nzbd</h1><p>The API is at /api.</p>",
                                200, "text/html;charset=utf-8");
  return http::Response::text("Not Found", 404);
}

}  // namespace nzbd::daemon
