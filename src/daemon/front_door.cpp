#include "daemon/front_door.h"

#include <unistd.h>

#include "util/strings.h"

namespace nzbd::daemon {
namespace {

http::Response refused(const char* text) { return http::Response::text(text, 403, "text/html;charset=utf-8"); }

http::Response redirect(const std::string& to) {
  http::Response r = http::Response::text("", 303);
  r.headers.emplace_back("Location", to);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string machine_name() {
  char buf[256] = {};
  return gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : std::string();
}

// Where the UI lives for this request: "/", "/sabnzbd/" or the url_base.
std::string ui_root(const http::Request& req) {
  if (!req.mount.empty()) return req.mount + "/";
  return req.path.rfind("/sabnzbd/", 0) == 0 ? "/sabnzbd/" : "/";
}

// A form posted from another site is refused: the browser names its origin.
bool same_origin(const http::Request& req) {
  std::string origin = req.header("origin");
  if (origin.empty() || origin == "null") return origin.empty();
  auto scheme = origin.find("://");
  return scheme != std::string::npos && origin.substr(scheme + 3) == req.header("host");
}


http::Response login_page(const http::Request& req, std::string_view message, int status = 200) {
  const std::string root = ui_root(req);
  std::string body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>nzbd · Log in</title>"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<link rel=\"icon\" href=\"" + root + "favicon.svg\" type=\"image/svg+xml\">"
      "<link rel=\"stylesheet\" href=\"" + root + "app/css/base.css\"></head>"
      "<body><main class=\"login\"><h1>nzbd</h1><form method=\"post\" action=\"" + root + "login\">"
      "<label>Username <input name=\"username\" autocomplete=\"username\" required autofocus></label>"
      "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
      "<button class=\"btn btn-primary\" type=\"submit\">Log in</button>" +
      (message.empty() ? std::string() : "<p role=\"alert\">" + xml_escape(message) + "</p>") +
      "</form></main></body></html>";
  http::Response r = http::Response::text(std::move(body), status, "text/html;charset=utf-8");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

std::string normalize_url_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!base.empty() && base.front() != '/') base.insert(base.begin(), '/');
  return base;
}

Area area_of(const http::Request& req) {
  const std::string& p = req.path;
  if (p == "/sabnzbd/api" || p == "/sabnzbd/api/" || ((p == "/api" || p == "/api/") && req.params.has("mode")))
    return Area::SabApi;
  if (p == "/api" || p == "/api/" || p == "/ping" || p.rfind("/api/", 0) == 0) return Area::SonarrApi;
  if (p == "/metrics") return Area::Metrics;
  if (p == "/login" || p == "/sabnzbd/login" || p == "/logout" || p == "/sabnzbd/logout") return Area::Login;
  // What hands out the key or draws the app; the code and styles behind it hold no secret.
  if (p == "/" || p == "/sabnzbd" || p == "/sabnzbd/" || p == "/index.html" || p == "/sabnzbd/index.html" ||
      p == "/initialize.json" || p == "/sabnzbd/initialize.json")
    return Area::UiPage;
  return Area::UiAsset;
}

FrontDoor::FrontDoor(std::function<DoorSettings()> settings, std::function<void(const std::string&)> on_login)
    : read_(std::move(settings)), on_login_(std::move(on_login)), machine_name_(machine_name()) {
  reload();
}

void FrontDoor::reload() {
  auto next = std::make_shared<const DoorSettings>(read_());
  std::lock_guard lock(mu_);
  settings_ = std::move(next);
}

std::shared_ptr<const DoorSettings> FrontDoor::current() {
  std::lock_guard lock(mu_);
  return settings_;
}

std::optional<http::Response> FrontDoor::check(const http::Request& req, Area area) {
  const auto settings = current();
  const DoorSettings& s = *settings;
  // DNS rebinding: a foreign name pointing at us must not reach the key or
  // the SABnzbd API. SABnzbd skips this when a login guards the UI.
  const bool guarded = area == Area::SabApi || area == Area::UiPage || area == Area::Login;
  if (guarded && !s.login_on() && !access::host_allowed(req.header("host"), s.host_whitelist, machine_name_))
    return refused(access::kHostRefused);
  const bool local = access::is_local(req.remote_address, s.local_ranges);
  if (!local) {
    int needed = access::kUiLevel;  // the UI and the login
    if (area == Area::SabApi) needed = access::mode_level(req.params.get("mode"), req.params.get("name"));
    if (area == Area::SonarrApi) needed = 2;
    if (area == Area::Metrics) needed = 3;
    if (s.inet_exposure <= 0 || needed > s.inet_exposure) return refused(access::kExternalRefused);
  }
  if (area != Area::UiPage || !s.login_on()) return std::nullopt;
  if (local && s.inet_exposure >= 5) return std::nullopt;  // level 5: only outsiders log in
  if (sessions_.valid(access::cookie_value(req.header("cookie"), kCookie))) return std::nullopt;
  if (req.path.find("initialize.json") != std::string::npos)
    return http::Response::json(R"({"message":"Unauthorized"})", 401);
  return redirect(ui_root(req) + "login");
}

http::Response FrontDoor::login(const http::Request& req) {
  const auto settings = current();
  const DoorSettings& s = *settings;
  if (!s.login_on()) return redirect(ui_root(req));
  if (req.method != "POST") return login_page(req, req.params.get("error").empty() ? "" : "Wrong username or password");
  if (!same_origin(req)) return refused("Access denied - login from another site");
  auto result = sessions_.login(req.remote_address, req.params.get("username"), req.params.get("password"),
                                s.username, s.password);
  if (result.retry_after.count() > 0) {
    auto r = login_page(req, "Too many failed logins: try again in " + std::to_string(result.retry_after.count()) + " s", 429);
    r.headers.emplace_back("Retry-After", std::to_string(result.retry_after.count()));
    return r;
  }
  if (!result.token) return redirect(ui_root(req) + "login?error=1");
  if (on_login_) on_login_(req.remote_address);
  http::Response r = redirect(ui_root(req));
  r.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + *result.token +
                                           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000");
  return r;
}

http::Response FrontDoor::logout(const http::Request& req) {
  sessions_.logout(access::cookie_value(req.header("cookie"), kCookie));
  http::Response r = redirect(ui_root(req) + "login");
  r.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

}  // namespace nzbd::daemon
