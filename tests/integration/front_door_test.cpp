// The front door against the real binary: the Host check on the SABnzbd API
// and the pages, and the web UI's login with its session cookie.
#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {

class FrontDoorIt : public SabFixture {
 protected:
  static void set_misc(const std::string& key, const std::string& value) {
    auto r = get("mode=set_config&section=misc&keyword=" + key + "&value=" + value);
    ASSERT_EQ(r.status, 200) << r.body;
  }
};

TEST_F(FrontDoorIt, ForeignHostNamesGetSabnzbdsRefusal) {
  const std::string refusal = "Access denied - Hostname verification failed: https://sabnzbd.org/hostname-check";
  auto api = http_get(d().api("mode=queue&output=json"), {"Host: evil.example.com"});
  EXPECT_EQ(api.status, 403);
  EXPECT_EQ(api.body, refusal);
  auto page = http_get(d().url() + "/initialize.json", {"Host: rebind.attacker.net:8080"});
  EXPECT_EQ(page.status, 403);
  EXPECT_EQ(page.body.find(d().api_key()), std::string::npos);
  EXPECT_EQ(http_get(d().url() + "/initialize.json", {"Host: localhost"}).status, 200);
  EXPECT_EQ(http_get(d().api("mode=queue&output=json"), {"Host: nas.local:8080"}).status, 200);
  set_misc("host_whitelist", "media.example.com");
  EXPECT_EQ(http_get(d().api("mode=queue&output=json"), {"Host: media.example.com"}).status, 200);
}

TEST_F(FrontDoorIt, LoginGuardsTheUiWhileApiKeysKeepWorking) {
  set_misc("username", "me");
  set_misc("password", "s3cret");
  auto page = http_get(d().url() + "/");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.headers["location"], "/login");
  EXPECT_EQ(http_get(d().url() + "/initialize.json").status, 401);
  EXPECT_EQ(get("mode=queue&output=json").status, 200) << "the API key still works";
  auto form = http_get(d().url() + "/login");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"password\""), std::string::npos);

  const std::vector<std::string> same_site = {"Origin: " + d().url()};
  auto wrong = http_post(d().url() + "/login", "username=me&password=nope", "application/x-www-form-urlencoded", same_site);
  EXPECT_EQ(wrong.status, 303);
  EXPECT_EQ(wrong.headers["location"], "/login?error=1");
  EXPECT_EQ(wrong.headers.count("set-cookie"), 0u);
  auto ok = http_post(d().url() + "/login", "username=me&password=s3cret", "application/x-www-form-urlencoded", same_site);
  ASSERT_EQ(ok.status, 303) << ok.body;
  std::string cookie = ok.headers["set-cookie"];
  ASSERT_EQ(cookie.rfind("nzbd_session=", 0), 0u) << cookie;
  std::string session = cookie.substr(0, cookie.find(';'));
  auto init = http_get(d().url() + "/initialize.json", {"Cookie: " + session});
  ASSERT_EQ(init.status, 200) << init.body;
  EXPECT_EQ(Json::parse(init.body)["apiKey"], d().api_key());
  EXPECT_EQ(Json::parse(init.body)["authentication"], "forms");
  EXPECT_EQ(http_get(d().url() + "/logout", {"Cookie: " + session}).status, 303);
  EXPECT_EQ(http_get(d().url() + "/initialize.json", {"Cookie: " + session}).status, 401) << "logged out";
  set_misc("username", "");
  EXPECT_EQ(http_get(d().url() + "/initialize.json").status, 200) << "no login without a username";
}

TEST_F(FrontDoorIt, UrlBaseServesEverythingUnderItsPrefix) {
  set_misc("url_base", "%2Fdownloads%2F");  // a trailing slash is dropped
  const std::string base = d().url() + "/downloads";
  auto version = http_get(base + "/api?mode=version&output=json");
  ASSERT_EQ(version.status, 200) << version.body;
  EXPECT_TRUE(Json::parse(version.body).contains("version"));
  EXPECT_EQ(http_get(base + "/api?mode=queue&output=json&apikey=" + d().api_key()).status, 200);
  EXPECT_EQ(http_get(base + "/api/v3/system/status", {"X-Api-Key: " + d().api_key()}).status, 200);
  auto page = http_get(base + "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<html"), std::string::npos);
  EXPECT_EQ(http_get(base).status, 200);
  EXPECT_EQ(http_get(base + "/initialize.json").status, 200);
  // The root and /sabnzbd/ stay; a look-alike prefix is not the base.
  EXPECT_EQ(http_get(d().url() + "/sabnzbd/api?mode=version&output=json").status, 200);
  EXPECT_EQ(http_get(d().url() + "/api?mode=version&output=json").status, 200);
  EXPECT_EQ(http_get(d().url() + "/downloadsx/api?mode=version&output=json").status, 404);
  // The login page's links and redirects stay under the base.
  set_misc("username", "me");
  set_misc("password", "s3cret");
  auto guarded = http_get(base + "/");
  EXPECT_EQ(guarded.status, 303);
  EXPECT_EQ(guarded.headers["location"], "/downloads/login");
  auto form = http_get(base + "/login");
  EXPECT_NE(form.body.find("action=\"/downloads/login\""), std::string::npos) << form.body;
  set_misc("username", "");
  set_misc("url_base", "%2Fsabnzbd");
}

}  // namespace
}  // namespace nzbd::test
