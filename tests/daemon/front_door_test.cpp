// The front door with crafted requests: Host check, inet_exposure for
// outside addresses, and the login flow.
#include "daemon/front_door.h"

#include <gtest/gtest.h>

namespace nzbd::daemon {
namespace {

http::Request request(const std::string& path, const std::string& remote = "127.0.0.1",
                      const std::string& host = "127.0.0.1:8080") {
  http::Request r;
  r.method = "GET";
  r.path = path;
  r.remote_address = remote;
  r.headers["host"] = host;
  return r;
}

http::Request sab(const std::string& mode, const std::string& remote, const std::string& name = "") {
  auto r = request("/api", remote);
  r.params.add("mode", mode);
  if (!name.empty()) r.params.add("name", name);
  return r;
}

std::string header(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(FrontDoor, ForeignHostNamesAreRefusedForTheKeyAndTheSabApiOnly) {
  DoorSettings s;
  FrontDoor door([&] { return s; });
  auto evil = request("/", "127.0.0.1", "evil.example.com:8080");
  auto refused = door.check(evil, area_of(evil));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body, "Access denied - Hostname verification failed: https://sabnzbd.org/hostname-check");
  auto api = sab("queue", "127.0.0.1");
  api.headers["host"] = "evil.example.com";
  EXPECT_TRUE(door.check(api, area_of(api)));
  auto sonarr = request("/api/v3/series", "127.0.0.1", "evil.example.com");
  EXPECT_FALSE(door.check(sonarr, area_of(sonarr))) << "Sonarr's API answers to any name (its key is in a header)";
  auto asset = request("/app/main.js", "127.0.0.1", "evil.example.com");
  EXPECT_FALSE(door.check(asset, area_of(asset))) << "code and styles hold no secret";
  s.host_whitelist = {"evil.example.com"};
  door.reload();
  EXPECT_FALSE(door.check(evil, area_of(evil)));
}

TEST(FrontDoor, InetExposureLevelsForOutsideAddresses) {
  DoorSettings s;
  FrontDoor door([&] { return s; });
  const std::string outside = "11.11.11.11";
  auto denied = [&](const http::Request& r) {
    auto res = door.check(r, area_of(r));
    return res && res->body == "External internet access denied - https://sabnzbd.org/access-denied";
  };
  s.inet_exposure = 0;
  door.reload();
  EXPECT_TRUE(denied(sab("auth", outside))) << "level 0 denies even auth";
  EXPECT_FALSE(denied(sab("queue", "192.168.1.4"))) << "the local network is not outside";
  s.inet_exposure = 1;
  door.reload();
  EXPECT_FALSE(denied(sab("addfile", outside)));
  EXPECT_TRUE(denied(sab("get_files", outside)));
  s.inet_exposure = 2;
  door.reload();
  EXPECT_FALSE(denied(sab("queue", outside, "resume")));
  EXPECT_TRUE(denied(sab("get_config", outside)));
  EXPECT_TRUE(denied(request("/", outside)));
  s.inet_exposure = 3;
  door.reload();
  EXPECT_FALSE(denied(sab("config", outside, "test_server")));
  EXPECT_TRUE(denied(request("/", outside)));
  s.inet_exposure = 4;
  door.reload();
  EXPECT_FALSE(denied(request("/", outside)));
  s.inet_exposure = 2;
  s.local_ranges = {"10.9.0.0/16"};
  door.reload();
  EXPECT_TRUE(denied(sab("get_config", "192.168.1.4"))) << "local_ranges decides what is local";
  EXPECT_FALSE(denied(sab("get_config", "10.9.3.4")));
}

TEST(FrontDoor, LoginGuardsThePagesAndHandsOutASessionCookie) {
  DoorSettings s;
  s.username = "me";
  s.password = "secret";
  FrontDoor door([&] { return s; });
  auto page = request("/");
  auto res = door.check(page, area_of(page));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(header(*res, "Location"), "/login");
  auto init = request("/sabnzbd/initialize.json");
  res = door.check(init, area_of(init));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_FALSE(door.check(sab("queue", "127.0.0.1"), Area::SabApi)) << "API clients keep using the key";

  auto form = request("/login");
  EXPECT_NE(door.login(form).body.find("<form method=\"post\""), std::string::npos);
  form.method = "POST";
  form.params.add("username", "me");
  form.params.add("password", "wrong");
  res = door.login(form);
  EXPECT_EQ(header(*res, "Location"), "/login?error=1");
  EXPECT_EQ(header(*res, "Set-Cookie"), "");
  auto good = request("/login");
  good.method = "POST";
  good.params.add("username", "me");
  good.params.add("password", "secret");
  good.headers["origin"] = "http://evil.example.com";
  EXPECT_EQ(door.login(good).status, 403) << "a form posted from another site";
  good.headers["origin"] = "http://127.0.0.1:8080";
  res = door.login(good);
  std::string cookie = header(*res, "Set-Cookie");
  ASSERT_EQ(cookie.rfind("nzbd_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  std::string token = cookie.substr(13, cookie.find(';') - 13);
  init.headers["cookie"] = "nzbd_session=" + token;
  EXPECT_FALSE(door.check(init, area_of(init)));
  door.logout(init);
  EXPECT_TRUE(door.check(init, area_of(init))) << "logged out";
  page.headers["host"] = "evil.example.com";
  EXPECT_EQ(door.check(page, area_of(page))->status, 303) << "with a login, the Host check is skipped (SABnzbd)";
  s.inet_exposure = 5;
  door.reload();
  EXPECT_FALSE(door.check(request("/"), Area::UiPage)) << "level 5: only outsiders log in";
  EXPECT_TRUE(door.check(request("/", "11.11.11.11"), Area::UiPage));
}

}  // namespace
}  // namespace nzbd::daemon
