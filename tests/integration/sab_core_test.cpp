// The SABnzbd API core against the real binary: key rules, envelopes,
// parameter sources, and the misc modes.
#include <chrono>
#include <thread>

#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {

class SabCore : public SabFixture {};

TEST_F(SabCore, VersionNeedsNoKeyInJsonAndXml) {
  auto r = http_get(d().url() + "/api?mode=version");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json;charset=UTF-8");
  EXPECT_EQ(r.headers["access-control-allow-origin"], "*");
  EXPECT_EQ(Json::parse(r.body)["version"], "4.5.1");
  auto x = http_get(d().url() + "/api?mode=version&output=xml");
  EXPECT_EQ(x.content_type, "text/xml;charset=utf-8");
  EXPECT_EQ(x.body, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<version>4.5.1</version>\n");
}

TEST_F(SabCore, AuthReportsWhichKey) {
  auto auth = [&](const std::string& key) {
    return Json::parse(http_get(d().url() + "/api?mode=auth&key=" + key).body)["auth"];
  };
  EXPECT_EQ(auth(""), "apikey");
  EXPECT_EQ(auth(d().api_key()), "apikey");
  EXPECT_EQ(auth(d().nzb_key()), "nzbkey");
  EXPECT_EQ(auth("0000"), "badkey");
}

TEST_F(SabCore, MissingKeyIs403PlainTextWhateverTheOutput) {
  for (const char* q : {"/api?mode=queue", "/api?mode=get_config&output=xml", "/api/?mode=history"}) {
    auto r = http_get(d().url() + q);
    EXPECT_EQ(r.status, 403) << q;
    EXPECT_EQ(r.body, "API Key Required") << q;
    EXPECT_EQ(r.content_type, "text/html;charset=utf-8") << q;
  }
}

TEST_F(SabCore, WrongKeyIs403Incorrect) {
  auto r = http_get(d().url() + "/api?mode=get_cats&output=xml&apikey=deadbeef");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, "API Key Incorrect");
}

TEST_F(SabCore, NzbKeyOnlyOpensJobCalls) {
  auto base = d().url() + "/api?apikey=" + d().nzb_key() + "&mode=";
  for (const char* mode : {"get_config", "set_config", "shutdown", "get_cats", "warnings", "restart"}) {
    auto r = http_get(base + mode);
    EXPECT_EQ(r.status, 403) << mode;
    EXPECT_EQ(r.body, "API Key Incorrect") << mode;
  }
  auto add = http_get(base + "addfile");
  EXPECT_EQ(add.status, 200) << add.body;
  EXPECT_TRUE(d().running());
}

TEST_F(SabCore, UnknownModeIsNotImplemented) {
  auto j = json("mode=frobnicate");
  EXPECT_EQ(j, Json::parse(R"({"status":false,"error":"not implemented"})"));
  auto x = get("mode=frobnicate&output=xml");
  EXPECT_EQ(x.body, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<result><status>False</status>\n"
                    "<error>not implemented</error>\n</result>\n");
}

TEST_F(SabCore, UrlVariantsReachTheApi) {
  for (const char* path : {"/api/", "/sabnzbd/api", "/sabnzbd/api/"}) {
    auto r = http_get(d().url() + path + "?mode=get_cats&apikey=" + d().api_key());
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(Json::parse(r.body)["categories"][0], "*") << path;
  }
}

TEST_F(SabCore, ParamsFromUrlencodedAndMultipartBodies) {
  auto form = http_post_form(d().url() + "/api", {{"mode", "get_cats"}, {"apikey", d().api_key()}});
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(Json::parse(form.body).contains("categories"));
  auto multi = http_post_multipart(d().url() + "/api",
                                   {{"mode", "translate"}, {"apikey", d().api_key()}, {"output", "xml"},
                                    {"value", "Watched Folder"}},
                                   {});
  EXPECT_EQ(multi.status, 200);
  EXPECT_EQ(multi.body, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<value>Watched Folder</value>\n");
}

TEST_F(SabCore, AnyOtherOutputIsJson) {
  auto r = get("mode=get_cats&output=bogus");
  EXPECT_EQ(r.content_type, "application/json;charset=UTF-8");
  EXPECT_TRUE(Json::parse(r.body).contains("categories"));
}

TEST_F(SabCore, OversizedBodyIsRefused) {
  std::string big(70u << 20, 'a');
  auto r = http_post(d().url() + "/api?mode=version", big, "application/octet-stream");
  EXPECT_EQ(r.status, 413);
  EXPECT_TRUE(d().running());
  EXPECT_EQ(json("mode=version")["version"], "4.5.1");
}

TEST_F(SabCore, WarningsListAndClear) {
  http_get(d().url() + "/api?mode=shutdown&apikey=truncated");
  auto w = json("mode=warnings");
  ASSERT_FALSE(w["warnings"].empty());
  auto last = w["warnings"].back();
  EXPECT_EQ(last["type"], "WARNING");
  EXPECT_TRUE(last["time"].is_number_integer());
  std::string text = last["text"];
  for (auto& ch : text) ch = static_cast<char>(std::tolower(ch));
  EXPECT_NE(text.find("api key incorrect"), std::string::npos);
  EXPECT_EQ(json("mode=warnings&name=clear"), Json::parse(R"({"status":true})"));
  EXPECT_TRUE(json("mode=warnings")["warnings"].empty());
  EXPECT_EQ(json("mode=warnings&name=bogus")["error"], "not implemented");
}

TEST_F(SabCore, TranslateEchoes) {
  EXPECT_EQ(json("mode=translate&value=Watched%20Folder")["value"], "Watched Folder");
  auto x = get("mode=translate&value=a%26b&output=xml");
  EXPECT_EQ(x.body, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<value>a&amp;b</value>\n");
}

TEST_F(SabCore, SonarrPathsAreRoutedAway) {
  auto r = http_get(d().url() + "/api/v3/nonexistent-resource?apikey=" + d().api_key());
  EXPECT_NE(r.status, 200);
  EXPECT_NE(r.body, "API Key Required");
}

}  // namespace
}  // namespace nzbd::test

namespace nzbd::test {

// showlog: a download of the log and the ini in which no key, password or
// user name of the configuration survives.
TEST_F(SabCore, ShowlogIsARedactedDownloadOfLogAndIni) {
  json("mode=set_config&section=servers&name=showlog.test&host=news.showlog.test&port=119"
       "&username=secretuser42&password=hunter2secret&connections=1&enable=0");
  EXPECT_EQ(http_get(d().url() + "/api?mode=showlog&apikey=" + d().nzb_key()).status, 403);
  auto r = get("mode=showlog&output=json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain;charset=utf-8");
  EXPECT_EQ(r.headers["content-disposition"], "attachment;filename=\"nzbd.log\"");
  EXPECT_NE(r.body.find("nzbd version:"), std::string::npos);
  EXPECT_NE(r.body.find("[misc]"), std::string::npos);
  EXPECT_NE(r.body.find("news.showlog.test"), std::string::npos);
  for (const std::string& secret : {d().api_key(), d().nzb_key(), std::string("hunter2secret"),
                                    std::string("secretuser42")})
    EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " leaked";
  EXPECT_NE(r.body.find("<REDACTED>"), std::string::npos);
}

}  // namespace nzbd::test

namespace nzbd::test {
namespace {

class SabRss : public SabFixture {};

// rss_now answers once a read-out has started; with a feed that cannot be
// read, that read-out ends in a warning naming it.
TEST_F(SabRss, RssNowStartsAReadOut) {
  EXPECT_EQ(json("mode=rss_now&output=json"), Json({{"status", true}}));
  ASSERT_EQ(get("mode=set_config&section=rss&name=shows&uri=" + url_encode("http://127.0.0.1:1/rss") + "&enable=1").status,
            200);
  EXPECT_EQ(json("mode=rss_now&output=json"), Json({{"status", true}}));
  bool warned = false;
  for (int i = 0; i < 600 && !warned; ++i) {
    Json all = json("mode=warnings");
    for (const auto& w : all["warnings"])
      if (w["text"].get<std::string>().find("RSS feed \"shows\" cannot read http://127.0.0.1:1/rss") != std::string::npos)
        warned = true;
    if (!warned) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(warned) << json("mode=warnings").dump();
  ASSERT_EQ(get("mode=del_config&section=rss&keyword=shows").status, 200);
}

}  // namespace
}  // namespace nzbd::test
