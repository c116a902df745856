#include "api/sab/sab_api.h"

#include <spdlog/spdlog.h>

#include "api/sab/auth.h"
#include "api/sab/call.h"
#include "api/sab/showlog.h"
#include "util/strings.h"

namespace nzbd::api::sab {

struct SabApi::Impl {
  Services services;
  ModeTable modes;
};

SabApi::SabApi(Services services) : impl_(std::make_unique<Impl>(Impl{std::move(services), {}})) {
  register_misc_modes(impl_->modes);
  register_config_modes(impl_->modes);
  register_queue_modes(impl_->modes);
  register_history_modes(impl_->modes);
  register_browse_modes(impl_->modes);
}

SabApi::~SabApi() = default;

namespace {

http::Response forbidden(const char* text) {
  http::Response r = http::Response::text(text, 403, "text/html;charset=utf-8");
  return r;
}

void add_common_headers(http::Response& r) {
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.headers.emplace_back("X-Frame-Options", "SameOrigin");
}

std::string client_label(const http::Request& req) {
  std::string agent = req.header("user-agent");
  return req.remote_address + (agent.empty() ? "" : " [" + agent + "]");
}

// A mode that throws answers in SABnzbd's error shape (with 500, as the
// HTTP server would) instead of the server's generic body.
http::Response run_mode(const ModeTable& modes, const std::string& mode, Call& call, const std::string& output) {
  auto it = modes.find(mode);
  std::string what;
  try {
    Reply reply = it == modes.end() ? error_reply(kNotImplemented) : it->second(call);
    if (mode == "shutdown") return http::Response::text("", 200, "text/html;charset=utf-8");
    // showlog is a download, whatever `output` says.
    if (mode == "showlog" && it != modes.end()) return showlog_response(call.services);
    return to_response(std::move(reply), output);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  spdlog::error("API mode {} failed: {}", mode, what);
  http::Response r = to_response(error_reply("internal error: " + what), output);
  r.status = 500;
  return r;
}

// SABnzbd's config_lock (set in the ini, or once by set_config): no call
// changes the configuration any more, mode=config included.
bool config_locked(Services& s, const std::string& mode) {
  if (mode != "set_config" && mode != "set_config_default" && mode != "del_config" && mode != "config") return false;
  return s.config.read([](const config::Config& c) { return c.misc_int("config_lock") != 0; });
}

}  // namespace

http::Response SabApi::handle(const http::Request& request) {
  auto& s = impl_->services;
  const auto& params = request.params;
  auto [api_key, nzb_key] = s.config.read([](const config::Config& c) {
    return std::make_pair(c.misc("api_key"), c.misc("nzb_key"));
  });
  http::Response response;
  switch (check_key(params, api_key, nzb_key)) {
    case KeyCheck::Required:
      s.warnings.add("WARNING", "API Key missing, please enter the api key from Config->General into your "
                                "3rd party program: " + client_label(request));
      response = forbidden("API Key Required");
      break;
    case KeyCheck::Incorrect:
      s.warnings.add("WARNING", "API Key incorrect, Use the api key from Config->General in your 3rd party "
                                "program: " + client_label(request));
      response = forbidden("API Key Incorrect");
      break;
    case KeyCheck::Allowed: {
      Call call{request, params, s};
      std::string mode = params.get("mode");
      if (config_locked(s, mode)) response = to_response(error_reply("Configuration locked"), params.get("output"));
      else response = run_mode(impl_->modes, mode, call, params.get("output"));
      break;
    }
  }
  add_common_headers(response);
  return response;
}

}  // namespace nzbd::api::sab
