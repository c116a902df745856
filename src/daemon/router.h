// Which API a request belongs to: SABnzbd's (/api?mode=..., /sabnzbd/api)
// or Sonarr's (/api/v3/..., other /api/... paths, /ping, /api without mode).
#pragma once

#include <functional>

#include "api/sab/sab_api.h"
#include "http/message.h"

namespace nzbd::daemon {

class Router {
 public:
  using Handler = std::function<http::Response(const http::Request&)>;
  explicit Router(api::sab::SabApi& sab, Handler sonarr = {}) : sab_(sab), sonarr_(std::move(sonarr)) {}
  http::Response route(const http::Request& request);

 private:
  api::sab::SabApi& sab_;
  Handler sonarr_;
};

}  // namespace nzbd::daemon
