// /api/v3/indexer (CRUD, schema, test, testall), /config/indexer and the
// indexer health checks, against a fake Newznab server over real HTTP.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "fake_newznab.h"

namespace nzbd::sonarr::testing {
namespace {

class IndexerApi : public SonarrTest {
 protected:
  IndexerApi() {
    newznab_.set_items({{"The.Test.Show.S01E01.720p.HDTV.x264-GRP", "g1", 1000000, "Mon, 01 Jun 2026 12:00:00 +0000", 300101},
                        {"The.Test.Show.S01E02.720p.HDTV.x264-GRP", "g2", 2000000, "Mon, 01 Jun 2026 11:00:00 +0000", 300101}});
  }
  json body(const std::string& name, const std::string& url, const std::string& key, bool enabled = true) {
    return {{"name", name},
            {"implementation", "Newznab"},
            {"configContract", "NewznabSettings"},
            {"enableRss", enabled},
            {"enableAutomaticSearch", enabled},
            {"enableInteractiveSearch", enabled},
            {"priority", 25},
            {"tags", json::array()},
            {"fields", json::array({{{"name", "baseUrl"}, {"value", url}},
                                    {{"name", "apiPath"}, {"value", "/api"}},
                                    {{"name", "apiKey"}, {"value", key}},
                                    {{"name", "categories"}, {"value", {5030, 5040}}}})}};
  }
  json field(const json& resource, const std::string& name) {
    for (const auto& f : resource["fields"])
      if (f["name"] == name) return f;
    return json();
  }
  std::vector<std::string> health_messages() {
    std::vector<std::string> out;
    for (const auto& h : get("/api/v3/health").js()) out.push_back(h["source"].get<std::string>() + ": " + h["message"].get<std::string>());
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& part) {
    for (const auto& s : v)
      if (s.find(part) != std::string::npos) return true;
    return false;
  }
  FakeNewznab newznab_;
};

TEST_F(IndexerApi, SchemaIsTheNewznabTemplateWithPresets) {
  auto r = get("/api/v3/indexer/schema");
  ASSERT_EQ(r.status, 200);
  json s = r.js();
  ASSERT_TRUE(s.is_array());
  ASSERT_EQ(s.size(), 1u);
  json t = s[0];
  EXPECT_EQ(t["implementation"], "Newznab");
  EXPECT_EQ(t["implementationName"], "Newznab");
  EXPECT_EQ(t["configContract"], "NewznabSettings");
  EXPECT_EQ(t["infoLink"], "https://wiki.servarr.com/sonarr/supported#newznab");
  EXPECT_EQ(t["protocol"], "usenet");
  EXPECT_EQ(t["priority"], 25);
  EXPECT_EQ(t["name"], "");
  EXPECT_FALSE(t.contains("id"));
  std::vector<std::string> names;
  for (const auto& f : t["fields"]) names.push_back(f["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"baseUrl", "apiPath", "apiKey", "categories", "animeCategories",
                                             "animeStandardFormatSearch", "additionalParameters", "multiLanguages",
                                             "failDownloads"}));
  EXPECT_EQ(field(t, "apiPath")["value"], "/api");
  EXPECT_EQ(field(t, "categories")["value"], json({5030, 5040}));
  EXPECT_EQ(field(t, "categories")["selectOptionsProviderAction"], "newznabCategories");
  EXPECT_EQ(field(t, "apiKey")["privacy"], "apiKey");
  ASSERT_EQ(t["presets"].size(), 10u);
  for (const auto& p : t["presets"]) EXPECT_FALSE(p["enableRss"].get<bool>()) << p["name"];
}

TEST_F(IndexerApi, CrudKeepsTheSecretBehindTheMask) {
  auto created = post("/api/v3/indexer", body("Local", newznab_.base_url(), newznab_.api_key()));
  ASSERT_EQ(created.status, 201) << created.body;
  json c = created.js();
  int id = c["id"];
  EXPECT_EQ(field(c, "apiKey")["value"], "********");
  EXPECT_EQ(field(c, "baseUrl")["value"], newznab_.base_url());
  EXPECT_EQ(c["supportsRss"], true);
  EXPECT_EQ(c["downloadClientId"], 0);
  EXPECT_EQ(c["seasonSearchMaximumSingleEpisodeAge"], 0);
  EXPECT_EQ(get("/api/v3/indexer").js().size(), 1u);
  EXPECT_EQ(get("/api/v3/indexer/" + std::to_string(id)).js()["name"], "Local");
  EXPECT_EQ(get("/api/indexer").js().size(), 1u);  // legacy path too

  // PUT with the masked key: the stored key stays, so the live test passes.
  c["name"] = "Renamed";
  c["priority"] = 10;
  auto updated = put("/api/v3/indexer/" + std::to_string(id), c);
  ASSERT_EQ(updated.status, 202) << updated.body;
  EXPECT_EQ(updated.js()["name"], "Renamed");
  EXPECT_EQ(updated.js()["priority"], 10);
  EXPECT_EQ(post("/api/v3/indexer/test", get("/api/v3/indexer/" + std::to_string(id)).js()).status, 200);

  auto deleted = del("/api/v3/indexer/" + std::to_string(id));
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.body, "{}");
  EXPECT_EQ(get("/api/v3/indexer/" + std::to_string(id)).status, 404);
  EXPECT_EQ(del("/api/v3/indexer/" + std::to_string(id)).status, 404);
}

TEST_F(IndexerApi, BadInputGetsSonarrsValidationArray) {
  auto missing_url = post("/api/v3/indexer", body("A", "", "k"));
  ASSERT_EQ(missing_url.status, 400);
  EXPECT_EQ(missing_url.js()[0]["propertyName"], "BaseUrl");
  EXPECT_EQ(missing_url.js()[0]["errorMessage"], "'Base Url' must not be empty.");
  EXPECT_EQ(missing_url.js()[0]["severity"], "error");

  json b = body("A", "ftp://x", "k");
  b["priority"] = 0;
  auto r = post("/api/v3/indexer", b);
  ASSERT_EQ(r.status, 400);
  std::string all = r.body;
  EXPECT_NE(all.find("'Priority' must be between 1 and 50. You entered 0."), std::string::npos);
  EXPECT_NE(all.find("must be valid URL that starts with http(s)://"), std::string::npos);

  json no_cats = body("A", newznab_.base_url(), "k");
  no_cats["fields"][3]["value"] = json::array();
  EXPECT_NE(post("/api/v3/indexer", no_cats).body.find("Either 'Categories' or 'Anime Categories' must be provided"),
            std::string::npos);
  json bad_params = body("A", newznab_.base_url(), "k");
  bad_params["fields"].push_back({{"name", "additionalParameters"}, {"value", "nope"}});
  EXPECT_EQ(post("/api/v3/indexer", bad_params).js()[0]["propertyName"], "AdditionalParameters");

  EXPECT_EQ(call("POST", "/api/v3/indexer", "{not json").status, 400);
  EXPECT_EQ(call("POST", "/api/v3/indexer", "[1,2]").status, 400);
  json nameless = body("", newznab_.base_url(), "k");
  EXPECT_EQ(post("/api/v3/indexer", nameless).js()[0]["errorMessage"], "'Name' must not be empty.");
  json other = body("A", newznab_.base_url(), "k");
  other["implementation"] = "Torznab";
  EXPECT_EQ(post("/api/v3/indexer", other).status, 400);

  // A disabled indexer is saved without the live test; a second one by the same name is not.
  ASSERT_EQ(post("/api/v3/indexer", body("Off", "http://127.0.0.1:1", "k", false)).status, 201);
  auto dup = post("/api/v3/indexer", body("off", "http://127.0.0.1:1", "k", false));
  ASSERT_EQ(dup.status, 400);
  EXPECT_EQ(dup.js()[0]["errorMessage"], "Should be unique");
  EXPECT_EQ(put("/api/v3/indexer/999", body("X", newznab_.base_url(), "k")).status, 404);
}

TEST_F(IndexerApi, EnabledIndexersMustPassTheLiveTest) {
  auto wrong_key = post("/api/v3/indexer", body("Local", newznab_.base_url(), "WRONG"));
  ASSERT_EQ(wrong_key.status, 400) << wrong_key.body;
  EXPECT_EQ(wrong_key.js()[0]["propertyName"], "ApiKey");
  EXPECT_EQ(wrong_key.js()[0]["errorMessage"], "Invalid API Key");
  EXPECT_EQ(wrong_key.js()[0]["isWarning"], false);
  EXPECT_TRUE(get("/api/v3/indexer").js().empty());

  auto down = post("/api/v3/indexer/test", body("Down", "http://127.0.0.1:1", "k"));
  ASSERT_EQ(down.status, 400);
  EXPECT_EQ(down.js()[0]["errorMessage"].get<std::string>().rfind("Unable to connect to indexer", 0), 0u) << down.body;

  newznab_.set_mode(FakeNewznab::Mode::Html);
  auto html = post("/api/v3/indexer/test", body("Html", newznab_.base_url(), newznab_.api_key()));
  ASSERT_EQ(html.status, 400);
  EXPECT_NE(html.body.find("html content"), std::string::npos) << html.body;

  newznab_.set_mode(FakeNewznab::Mode::Normal);
  newznab_.set_items({});
  auto empty = post("/api/v3/indexer/test", body("Empty", newznab_.base_url(), newznab_.api_key()));
  ASSERT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Query successful, but no results in the configured categories"), std::string::npos);

  newznab_.set_items({{"A.S01E01", "a"}});
  auto good = post("/api/v3/indexer/test", body("Good", newznab_.base_url(), newznab_.api_key()));
  EXPECT_EQ(good.status, 200);
  EXPECT_EQ(good.body, "{}");
  EXPECT_NE(newznab_.last_target().find("t=tvsearch&cat=5030,5040&extended=1&apikey=NZBKEY&offset=0&limit=100"),
            std::string::npos);
}

TEST_F(IndexerApi, TestAllAndHealthFollowTheIndexersAndTheirFailures) {
  auto none = health_messages();
  EXPECT_TRUE(has(none, "IndexerRssCheck: No indexers available with RSS sync enabled"));
  EXPECT_TRUE(has(none, "IndexerSearchCheck: No indexers available with Automatic Search enabled"));

  ASSERT_EQ(post("/api/v3/indexer", body("Good", newznab_.base_url(), newznab_.api_key())).status, 201);
  auto bad = post("/api/v3/indexer?forceSave=true", body("Bad", newznab_.base_url(), "WRONG", false));
  ASSERT_EQ(bad.status, 201);
  json b = bad.js();
  b["enableRss"] = true;  // enabled later, saved without the test
  ASSERT_EQ(put("/api/v3/indexer/" + std::to_string(b["id"].get<int>()) + "?forceSave=true", b).status, 202);
  auto one = health_messages();
  EXPECT_FALSE(has(one, "No indexers available"));

  auto all = post("/api/v3/indexer/testall", json::object());
  ASSERT_EQ(all.status, 400) << all.body;  // one of them fails
  ASSERT_EQ(all.js().size(), 2u);
  for (const auto& r : all.js()) {
    bool is_bad = r["id"] == b["id"];
    EXPECT_EQ(r["isValid"], !is_bad);
    EXPECT_EQ(r["validationFailures"].size(), is_bad ? 1u : 0u);
  }
  auto failing = health_messages();
  EXPECT_TRUE(has(failing, "IndexerStatusCheck: Indexers unavailable due to failures: Bad")) << failing.size();
  EXPECT_TRUE(has(failing, "Bad: Invalid API Key"));

  // Only the failing one left: everything is unavailable.
  for (const auto& i : get("/api/v3/indexer").js())
    if (i["name"] == "Good") {
      ASSERT_EQ(del("/api/v3/indexer/" + std::to_string(i["id"].get<int>())).status, 200);
    }
  auto only_bad = health_messages();
  EXPECT_TRUE(has(only_bad, "IndexerStatusCheck: All indexers are unavailable due to failures"));
  EXPECT_TRUE(has(only_bad, "IndexerRssCheck: All rss-capable indexers are temporarily unavailable"));
}

TEST_F(IndexerApi, ConfigIndexerDefaultsAndValidation) {
  json c = get("/api/v3/config/indexer").js();
  EXPECT_EQ(c, json({{"minimumAge", 0}, {"retention", 0}, {"maximumSize", 0}, {"rssSyncInterval", 15}, {"id", 1}}));
  c["retention"] = 3000;
  c["rssSyncInterval"] = 60;
  auto saved = put("/api/v3/config/indexer/1", c);
  ASSERT_EQ(saved.status, 202) << saved.body;
  EXPECT_EQ(get("/api/v3/config/indexer").js()["retention"], 3000);
  EXPECT_EQ(get("/api/v3/config/indexer").js()["rssSyncInterval"], 60);
  c["rssSyncInterval"] = 5;
  auto bad = put("/api/v3/config/indexer", c);
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.js()[0]["errorMessage"], "Must be between 10 and 120 or 0 to disable");
  c["rssSyncInterval"] = 0;
  c["minimumAge"] = -1;
  EXPECT_EQ(put("/api/v3/config/indexer", c).js()[0]["propertyName"], "MinimumAge");
  EXPECT_EQ(get("/api/v3/config/indexer").js()["rssSyncInterval"], 60);
}

TEST_F(IndexerApi, CategoriesActionAndBulk) {
  auto opts = post("/api/v3/indexer/action/newznabCategories", body("X", newznab_.base_url(), newznab_.api_key()));
  ASSERT_EQ(opts.status, 200);
  std::string text = opts.body;
  EXPECT_NE(text.find("\"value\":5040"), std::string::npos) << text;
  ASSERT_EQ(post("/api/v3/indexer", body("A", "http://127.0.0.1:1", "k", false)).status, 201);
  ASSERT_EQ(post("/api/v3/indexer", body("B", "http://127.0.0.1:1", "k", false)).status, 201);
  std::vector<int> ids;
  for (const auto& i : get("/api/v3/indexer").js()) ids.push_back(i["id"]);
  auto b = put("/api/v3/indexer/bulk", {{"ids", ids}, {"tags", {3}}, {"applyTags", "add"}, {"priority", 5}});
  ASSERT_EQ(b.status, 202);
  for (const auto& i : get("/api/v3/indexer").js()) {
    EXPECT_EQ(i["tags"], json({3}));
    EXPECT_EQ(i["priority"], 5);
  }
  ASSERT_EQ(call("DELETE", "/api/v3/indexer/bulk", json{{"ids", ids}}.dump()).status, 200);
  EXPECT_TRUE(get("/api/v3/indexer").js().empty());
}

}  // namespace
}  // namespace nzbd::sonarr::testing
