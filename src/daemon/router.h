// Which part of nzbd a request belongs to: SABnzbd's API (/api?mode=...,
// /sabnzbd/api), Sonarr's (/api/v3/..., other /api/... paths, /ping, /api
// without mode), the web UI's bootstrap (/initialize.json) or its files,
// and /metrics (Prometheus, behind the API key). Every answer is counted
// and timed for /metrics.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/sab/sab_api.h"
#include "daemon/front_door.h"
#include "http/message.h"
#include "metrics/metrics.h"
#include "web/webui.h"

namespace nzbd::daemon {

// Requests whose handler may wait on the network or a slow service: the
// Sonarr API (TVMaze look-ups, indexer searches, remote download clients)
// and SABnzbd's tests of a mail server, a script or a news server. The HTTP
// server runs them on its worker pool, off the I/O threads.
bool may_block(const http::Request& request);

class Router {
 public:
  using Handler = std::function<http::Response(const http::Request&)>;
  struct Options {
    Handler sonarr;                       // empty: Sonarr paths answer 404
    const web::WebUi* ui = nullptr;       // empty: the UI paths answer 404
    std::function<std::string()> api_key; // what /initialize.json hands the UI
    std::string version;
    metrics::Metrics* metrics = nullptr;  // empty: /metrics answers 404
    std::function<DoorSettings()> door;   // empty: no front door (tests of the routing alone)
    std::function<void(const std::string& remote)> on_login;  // a UI login succeeded (SABnzbd's new_login)
  };
  Router(api::sab::SabApi& sab, Options options)
      : sab_(sab), options_(std::move(options)),
        door_(options_.door ? std::make_unique<FrontDoor>(options_.door, options_.on_login) : nullptr) {}
  http::Response route(const http::Request& request);
  // The config changed: the front door reads its settings again.
  void reload_front_door() {
    if (door_) door_->reload();
  }

 private:
  http::Response initialize_json() const;
  http::Response dispatch(const http::Request& request);
  http::Response dispatch_mounted(const http::Request& request);
  http::Response serve_metrics(const http::Request& request);

  api::sab::SabApi& sab_;
  Options options_;
  std::unique_ptr<FrontDoor> door_;
};

}  // namespace nzbd::daemon
