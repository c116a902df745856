// The daemon's front door (SABnzbd's interface checks, in front of every
// route): the Host-header check against DNS rebinding, inet_exposure for
// clients outside the local network, and the web UI's login with a session
// cookie. The API keys keep working for API clients; a session only opens
// the pages and /initialize.json, which hands the UI its key.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "http/message.h"

namespace nzbd::daemon {

struct DoorSettings {
  std::vector<std::string> host_whitelist;
  std::vector<std::string> local_ranges;
  int inet_exposure = 0;
  std::string username, password;  // both set: the UI needs a login
  // SABnzbd's url_base ("/downloads", no trailing slash); "" or "/sabnzbd"
  // add nothing to the built-in mounts (/ and /sabnzbd/).
  std::string url_base;
  bool login_on() const { return !username.empty() && !password.empty(); }
};

// What a request is, for the checks.
enum class Area { SabApi, SonarrApi, Metrics, UiPage, UiAsset, Login };
Area area_of(const http::Request& req);
// "/downloads/" -> "/downloads"; "" and "/" -> "".
std::string normalize_url_base(std::string base);

class FrontDoor {
 public:
  // Reads the settings now and again at each reload() (the daemon calls it
  // when the config changes), so a request does not read the config.
  // `on_login` hears of each successful login, with the client's address.
  explicit FrontDoor(std::function<DoorSettings()> settings,
                     std::function<void(const std::string& remote)> on_login = {});
  void reload();

  // nullopt: let the request through; otherwise the refusal to send.
  std::optional<http::Response> check(const http::Request& req, Area area);
  // /login (GET: the form; POST: the attempt) and /logout.
  http::Response login(const http::Request& req);
  http::Response logout(const http::Request& req);
  // Whether /initialize.json should tell the UI it can log out.
  bool login_on() { return current()->login_on(); }
  std::string url_base() { return current()->url_base; }

  static constexpr const char* kCookie = "nzbd_session";

 private:
  std::shared_ptr<const DoorSettings> current();

  std::function<DoorSettings()> read_;
  std::function<void(const std::string&)> on_login_;
  std::mutex mu_;
  std::shared_ptr<const DoorSettings> settings_;
  std::string machine_name_;
  access::Sessions sessions_;
};

}  // namespace nzbd::daemon
