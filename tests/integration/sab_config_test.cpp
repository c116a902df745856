// Config modes of the SABnzbd API against the real binary, and config that
// survives restarts.
#include <fstream>
#include <regex>

#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabConfig : public SabFixture {};

TEST_F(SabConfig, WholeConfigHasSabTypes) {
  auto j = json("mode=get_config");
  auto& misc = j["config"]["misc"];
  EXPECT_TRUE(misc["port"].is_string());
  EXPECT_TRUE(misc["pre_check"].is_number_integer());
  EXPECT_TRUE(misc["tv_categories"].is_array());
  EXPECT_TRUE(misc["date_categories"].is_array());
  EXPECT_EQ(misc["history_retention_option"], "all");
  EXPECT_EQ(misc["enable_tv_sorting"], 0);
  EXPECT_TRUE(misc["req_completion_rate"].is_number_float());
  auto& cats = j["config"]["categories"];
  ASSERT_TRUE(cats.is_array());
  EXPECT_EQ(cats[0]["name"], "*");
  EXPECT_TRUE(cats[0]["order"].is_number_integer());
  EXPECT_TRUE(cats[0]["priority"].is_number_integer());
  EXPECT_TRUE(cats[0]["pp"].is_string());
  EXPECT_FALSE(j["config"].contains("servers"));  // absent until the first server exists
}

TEST_F(SabConfig, XmlIsTheSameTree) {
  auto x = get("mode=get_config&section=misc&keyword=pre_check&output=xml");
  EXPECT_EQ(x.body, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<config><misc><pre_check>0</pre_check>\n"
                    "</misc>\n</config>\n");
}

TEST_F(SabConfig, SectionAndKeywordFilters) {
  EXPECT_EQ(json("mode=get_config&section=misc&keyword=language"),
            Json::parse(R"({"config":{"misc":{"language":"en"}}})"));
  EXPECT_EQ(json("mode=get_config&section=nope"), Json::parse(R"({"config":{}})"));
  EXPECT_EQ(json("mode=get_config&section=misc&keyword=nope"), Json::parse(R"({"config":{}})"));
  auto tv = json("mode=get_config&section=categories&keyword=tv");
  ASSERT_EQ(tv["config"]["categories"].size(), 1u);
  EXPECT_EQ(tv["config"]["categories"][0]["name"], "tv");
}

TEST_F(SabConfig, SetMiscReturnsNewValue) {
  EXPECT_EQ(json("mode=set_config&section=misc&keyword=complete_dir&value=/srv/done"),
            Json::parse(R"({"config":{"misc":{"complete_dir":"/srv/done"}}})"));
  EXPECT_EQ(json("mode=set_config&section=misc&keyword=cleanup_list&value=exe,%20com")["config"]["misc"]
                ["cleanup_list"],
            Json::parse(R"(["exe","com"])"));
  // A non-integer for an integer option stores the default, as SABnzbd does.
  EXPECT_EQ(json("mode=set_config&section=misc&keyword=queue_limit&value=abc")["config"]["misc"]["queue_limit"],
            20);
  EXPECT_EQ(json("mode=get_config&section=misc&keyword=complete_dir")["config"]["misc"]["complete_dir"],
            "/srv/done");
}

TEST_F(SabConfig, SetConfigRefusesBadInput) {
  EXPECT_EQ(json("mode=set_config&section=misc&keyword=no_such_option&value=1")["error"],
            "Config item does not exist");
  EXPECT_EQ(json("mode=set_config&section=misc&keyword=language")["error"], "expects one parameter");
  EXPECT_EQ(json("mode=set_config&section=bogus&keyword=x&value=1")["error"], "Config item does not exist");
  EXPECT_EQ(json("mode=set_config&section=misc&keyword=language&value=%FF%FE")["error"],
            "value is not valid UTF-8");
  EXPECT_EQ(json("mode=set_config&section=servers")["error"], "expects one parameter");
}

TEST_F(SabConfig, ServersAreNamedItemsWithMaskedPasswords) {
  auto j = json("mode=set_config&section=servers&name=news.example.test&host=news.example.test&port=563"
                "&ssl=1&username=me&password=s3cret&connections=12");
  auto& s = j["config"]["servers"][0];
  EXPECT_EQ(s["name"], "news.example.test");
  EXPECT_EQ(s["port"], 563);
  EXPECT_EQ(s["connections"], 12);
  EXPECT_EQ(s["password"], "**********");
  EXPECT_TRUE(s["ssl_verify"].is_number_integer());
  // Sending the mask back keeps the real password.
  json("mode=set_config&section=servers&name=news.example.test&password=**********&timeout=30");
  std::string ini = read_text(d().home() / "nzbd.ini");
  EXPECT_NE(ini.find("password = s3cret"), std::string::npos);
  EXPECT_NE(ini.find("timeout = 30"), std::string::npos);
  EXPECT_EQ(json("mode=get_config")["config"]["servers"].size(), 1u);
  EXPECT_EQ(json("mode=del_config&section=servers&keyword=news.example.test"), Json::parse(R"({"status":true})"));
  EXPECT_FALSE(json("mode=get_config")["config"].contains("servers"));
}

TEST_F(SabConfig, CategoriesAddDeleteAndRestore) {
  json("mode=set_config&section=categories&name=anime&dir=anime&pp=3&priority=1");
  auto cats = json("mode=get_cats")["categories"];
  EXPECT_NE(std::find(cats.begin(), cats.end(), "anime"), cats.end());
  json("mode=del_config&section=categories&keyword=tv");
  cats = json("mode=get_cats")["categories"];
  EXPECT_EQ(std::find(cats.begin(), cats.end(), "tv"), cats.end());
  EXPECT_EQ(json("mode=del_config&section=categories&keyword=*"), Json::parse(R"({"status":true})"));
  cats = json("mode=get_cats")["categories"];
  EXPECT_EQ(cats, Json::parse(R"(["*","movies","tv","audio","software"])"));
  EXPECT_EQ(json("mode=del_config&section=misc&keyword=host")["error"], "not implemented");
}

TEST_F(SabConfig, SetConfigDefaultTakesSeveralKeywords) {
  json("mode=set_config&section=misc&keyword=language&value=nl");
  json("mode=set_config&section=misc&keyword=history_limit&value=55");
  EXPECT_EQ(json("mode=set_config_default&keyword=language&keyword=history_limit&keyword=unknown_thing"),
            Json::parse(R"({"status":true})"));
  auto misc = json("mode=get_config&section=misc")["config"]["misc"];
  EXPECT_EQ(misc["language"], "en");
  EXPECT_EQ(misc["history_limit"], 10);
}

TEST_F(SabConfig, GetScriptsListsTheScriptFolder) {
  auto dir = d().home() / "myscripts";
  json("mode=set_config&section=misc&keyword=script_dir&value=" + url_encode(dir.string()));
  EXPECT_EQ(json("mode=get_scripts"), Json::parse(R"({"scripts":[]})"));
  write_text(dir / "notify.sh", "#!/bin/sh\n");
  write_text(dir / "a.py", "print()\n");
  write_text(dir / ".hidden", "");
  EXPECT_EQ(json("mode=get_scripts"), Json::parse(R"({"scripts":["None","a.py","notify.sh"]})"));
}

TEST_F(SabConfig, NewNzbKeyPersists) {
  std::string old_key = d().nzb_key();
  auto j = json("mode=config&name=set_nzbkey");
  std::string key = j["nzbkey"];
  EXPECT_TRUE(std::regex_match(key, std::regex("^[0-9a-f]{32}$")));
  EXPECT_NE(key, old_key);
  EXPECT_EQ(d().nzb_key(), key);  // read from nzbd.ini
  auto auth = Json::parse(http_get(d().url() + "/api?mode=auth&key=" + key).body);
  EXPECT_EQ(auth["auth"], "nzbkey");
  EXPECT_EQ(json("mode=config&name=bogus")["error"], "not implemented");
}

// SABnzbd's whole option set: [misc] with its specials, [logging] and one
// section per notifier, each key typed as SABnzbd types it.
TEST_F(SabConfig, EverySabnzbdSectionIsThereWithItsKeys) {
  auto config = json("mode=get_config")["config"];
  for (const char* section : {"misc", "logging", "ncenter", "acenter", "ntfosd", "prowl", "pushover", "pushbullet",
                              "apprise", "nscript"})
    EXPECT_TRUE(config.contains(section) && config[section].is_object()) << section;
  EXPECT_GE(config["misc"].size(), 171u);
  EXPECT_EQ(config["logging"]["log_level"], 1);
  EXPECT_EQ(config["logging"]["max_log_size"], 5242880);
  EXPECT_EQ(config["misc"]["selftest_host"], "self-test.sabnzbd.org");
  EXPECT_TRUE(config["misc"]["rss_odd_titles"].is_array());
  EXPECT_EQ(config["pushover"]["pushover_prio_disk_full"], 1);
  EXPECT_EQ(config["nscript"]["nscript_prio_complete"], 1);
  EXPECT_FALSE(config["misc"].contains("nscript_enable")) << "notifier keys live in their own section";
  EXPECT_FALSE(config["misc"].contains("log_level"));
  // Set in its section, answered in its section, written under [nscript].
  EXPECT_EQ(json("mode=set_config&section=nscript&keyword=nscript_parameters&value=abc"),
            Json::parse(R"({"config":{"nscript":{"nscript_parameters":"abc"}}})"));
  EXPECT_EQ(json("mode=set_config&section=logging&keyword=log_level&value=9")["config"]["logging"]["log_level"], 2);
  EXPECT_EQ(json("mode=set_config&section=logging&keyword=pre_check&value=1")["error"], "Config item does not exist");
  std::string ini = read_text(d().home() / "nzbd.ini");
  auto nscript = ini.find("[nscript]");
  ASSERT_NE(nscript, std::string::npos) << ini;
  EXPECT_NE(ini.find("nscript_parameters = abc", nscript), std::string::npos) << ini;
  EXPECT_EQ(json("mode=get_config&section=nscript&keyword=nscript_parameters"),
            Json::parse(R"({"config":{"nscript":{"nscript_parameters":"abc"}}})"));
}

TEST_F(SabConfig, PurgeLogFilesRemovesOnlyTheRotatedCopies) {
  fs::path logs = d().home() / "logs";
  ASSERT_TRUE(fs::exists(logs / "nzbd.log"));
  for (const char* name : {"nzbd.1.log", "nzbd.12.log", "nzbd.x.log", "notes.txt"})
    std::ofstream(logs / name) << "old lines\n";
  EXPECT_EQ(json("mode=config&name=purge_log_files"), Json::parse(R"({"status":true})"));
  EXPECT_FALSE(fs::exists(logs / "nzbd.1.log"));
  EXPECT_FALSE(fs::exists(logs / "nzbd.12.log"));
  EXPECT_TRUE(fs::exists(logs / "nzbd.x.log"));
  EXPECT_TRUE(fs::exists(logs / "notes.txt"));
  EXPECT_TRUE(fs::exists(logs / "nzbd.log"));
}

// These start their own daemon: they restart or stop it.
TEST(SabLifecycle, NewApiKeyAndRestartKeepConfig) {
  TempDir dir;
  DaemonProcess d(dir / "home");
  ASSERT_TRUE(d.start()) << d.output();
  std::string old_key = d.api_key();
  auto r = Json::parse(http_get(d.api("mode=config&name=set_apikey")).body);
  std::string key = r["apikey"];
  EXPECT_NE(key, old_key);
  EXPECT_EQ(http_get(d.url() + "/api?mode=get_cats&apikey=" + old_key).body, "API Key Incorrect");
  http_get(d.api("mode=set_config&section=misc&keyword=language&value=de"));
  EXPECT_EQ(d.stop(), 0);
  ASSERT_TRUE(d.start()) << d.output();
  auto misc = Json::parse(http_get(d.api("mode=get_config&section=misc")).body)["config"]["misc"];
  EXPECT_EQ(misc["language"], "de");
  EXPECT_EQ(misc["api_key"], key);
  EXPECT_EQ(d.stop(), 0);
}

TEST(SabLifecycle, RestartModeComesBackOnItsOwn) {
  TempDir dir;
  DaemonProcess d(dir / "home");
  ASSERT_TRUE(d.start()) << d.output();
  std::filesystem::remove(dir / "home/listen.addr");
  EXPECT_EQ(Json::parse(http_get(d.api("mode=restart")).body), Json::parse(R"({"status":true})"));
  bool back = false;
  for (int i = 0; i < 300 && !back; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    back = !read_text(dir / "home/listen.addr").empty();
  }
  EXPECT_TRUE(back) << d.output();
  EXPECT_TRUE(d.running());
  std::string out = d.output();
  size_t first = out.find("listening on"), second = out.find("listening on", first + 1);
  EXPECT_NE(second, std::string::npos) << out;
}

TEST(SabLifecycle, RestartRepairQueuesOrphanedJobFoldersAgainAndComesBack) {
  TempDir dir;
  DaemonProcess d(dir / "home");
  ASSERT_TRUE(d.start()) << d.output();
  auto orphan = dir / "home/Downloads/incomplete/Left.Behind";
  std::filesystem::create_directories(orphan / "__ADMIN__");
  write_text(orphan / "__ADMIN__" / "Left.Behind.nzb",
             "<?xml version=\"1.0\"?>\n<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\"><file poster=\"p\" "
             "date=\"1700000000\" subject=\"&quot;left.bin&quot; yEnc (1/1)\"><groups><group>a.b</group></groups>"
             "<segments><segment bytes=\"100\" number=\"1\">left.1@x.test</segment></segments></file></nzb>\n");
  std::filesystem::create_directories(dir / "home/Downloads/incomplete/No.Nzb.Here");
  EXPECT_EQ(Json::parse(http_get(d.api("mode=restart_repair")).body), Json::parse(R"({"status":true})"));
  ASSERT_TRUE(d.wait_restarted()) << d.output();
  auto q = Json::parse(http_get(d.api("mode=queue")).body)["queue"];
  ASSERT_EQ(q["slots"].size(), 1u) << q.dump();
  EXPECT_EQ(q["slots"][0]["filename"], "Left.Behind");
  auto st = Json::parse(http_get(d.api("mode=status&skip_dashboard=1")).body)["status"];
  EXPECT_EQ(st["folders"], Json::parse(R"(["No.Nzb.Here"])"));
  EXPECT_EQ(d.stop(), 0);
}

TEST(SabLifecycle, ShutdownAnswersEmptyAndExits) {
  TempDir dir;
  DaemonProcess d(dir / "home");
  ASSERT_TRUE(d.start()) << d.output();
  auto r = http_get(d.api("mode=shutdown"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(d.wait_exit(20000), 0);
}

TEST(SabLifecycle, GarbageConfigStopsStartupAndIsKept) {
  TempDir dir;
  std::string garbage = "[misc]\napi_key = 0123\n%%% not ini %%%\n";
  write_text(dir / "home/nzbd.ini", garbage);
  DaemonProcess d(dir / "home");
  EXPECT_FALSE(d.start());
  EXPECT_NE(d.output().find("nzbd.ini: line 3:"), std::string::npos) << d.output();
  EXPECT_EQ(read_text(dir / "home/nzbd.ini"), garbage);
}

}  // namespace
}  // namespace nzbd::test

namespace nzbd::test {
namespace {
// config_lock: once set, every call that would change the configuration
// answers "Configuration locked" and changes nothing; reading still works.
TEST(SabLifecycle, ConfigLockRefusesEveryChange) {
  TempDir dir;
  DaemonProcess d(dir / "home");
  ASSERT_TRUE(d.start()) << d.output();
  auto call = [&](const std::string& q) { return Json::parse(http_get(d.api(q + "&output=json")).body); };
  ASSERT_EQ(call("mode=set_config&section=misc&keyword=config_lock&value=1")["config"]["misc"]["config_lock"], 1);
  const Json locked = Json::parse(R"({"status":false,"error":"Configuration locked"})");
  EXPECT_EQ(call("mode=set_config&section=misc&keyword=refresh_rate&value=5"), locked);
  EXPECT_EQ(call("mode=set_config_default&keyword=refresh_rate"), locked);
  EXPECT_EQ(call("mode=del_config&section=categories&keyword=tv"), locked);
  EXPECT_EQ(call("mode=config&name=set_apikey"), locked);
  EXPECT_EQ(call("mode=config&name=speedlimit&value=50"), locked);
  EXPECT_EQ(call("mode=set_config&section=misc&keyword=config_lock&value=0"), locked);
  EXPECT_EQ(call("mode=get_config&section=misc&keyword=refresh_rate")["config"]["misc"]["refresh_rate"], 1);
  EXPECT_EQ(call("mode=get_cats")["categories"].size(), 5u) << "the category is still there";
  EXPECT_EQ(http_get(d.api("mode=config&name=set_apikey&output=xml")).body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<result><status>False</status>\n<error>Configuration "
            "locked</error>\n</result>\n");
  EXPECT_EQ(d.stop(), 0);
}
}  // namespace
}  // namespace nzbd::test
