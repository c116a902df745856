// Speed limit, end-of-queue action, status/fullstatus and unblock_server.
#include "integration/sab_queue_fixture.h"

namespace nzbd::test {
namespace {

class SabQueueStatus : public SabQueueFixture {
 protected:
  void TearDown() override { json("mode=set_config&section=misc&keyword=bandwidth_max&value="); }
  std::pair<std::string, std::string> limit(const std::string& value) {
    EXPECT_EQ(json("mode=config&name=speedlimit&value=" + value), OJson::parse(R"({"status":true})")) << value;
    auto q = queue();
    return {q["speedlimit"], q["speedlimit_abs"]};
  }
  using Pair = std::pair<std::string, std::string>;
};

TEST_F(SabQueueStatus, SpeedLimitWithoutBandwidthMax) {
  json("mode=warnings&name=clear");
  EXPECT_EQ(limit("50"), Pair("50", "0"));
  auto warnings = json("mode=warnings")["warnings"];
  ASSERT_FALSE(warnings.empty());  // a hint to set bandwidth_max
  EXPECT_EQ(limit("500K"), Pair("100", "512000"));
  EXPECT_EQ(limit("4M"), Pair("100", "4194304"));
  EXPECT_EQ(limit("0"), Pair("0", "0"));
  EXPECT_EQ(limit(""), Pair("0", "0"));
}

TEST_F(SabQueueStatus, SpeedLimitAsPercentOfBandwidthMax) {
  json("mode=set_config&section=misc&keyword=bandwidth_max&value=10M");
  EXPECT_EQ(limit("40"), Pair("40", "4194304"));
  EXPECT_EQ(limit("25%"), Pair("25", "2621440"));
  EXPECT_EQ(limit("400K"), Pair("4", "409600"));
  EXPECT_EQ(limit("4M"), Pair("40", "4194304"));
  EXPECT_EQ(limit("150"), Pair("150", "15728640"));  // over 100 % still limits
  EXPECT_EQ(limit("0"), Pair("0", "0"));
}

TEST_F(SabQueueStatus, CompleteActionKnownValuesOrCleared) {
  for (const char* action : {"hibernate_pc", "standby_pc", "shutdown_pc", "shutdown_program"}) {
    EXPECT_EQ(json(std::string("mode=queue&name=change_complete_action&value=") + action),
              OJson::parse(R"({"status":true})"));
    EXPECT_EQ(queue()["finishaction"], action);
  }
  EXPECT_EQ(json("mode=queue&name=change_complete_action&value=reboot_the_world"),
            OJson::parse(R"({"status":true})"));
  EXPECT_TRUE(queue()["finishaction"].is_null());
}

TEST_F(SabQueueStatus, FullStatusShapeAndTypes) {
  auto s = json("mode=fullstatus&skip_dashboard=1")["status"];
  std::vector<std::string> keys;
  for (const auto& [k, v] : s.items()) keys.push_back(k);
  std::vector<std::string> want = {"uptime", "color_scheme", "confighelpuri", "pid", "active_lang", "rtl",
                                   "my_lcldata", "my_home", "webdir", "url_base", "windows", "macos",
                                   "power_options", "pp_pause_event", "apikey", "new_release", "new_rel_url",
                                   "version", "paused", "pause_int", "paused_all", "diskspace1", "diskspace2",
                                   "diskspace1_norm", "diskspace2_norm", "diskspacetotal1", "diskspacetotal2",
                                   "speedlimit", "speedlimit_abs", "have_warnings", "finishaction", "quota",
                                   "have_quota", "left_quota", "cache_art", "cache_size", "kbpersec", "speed",
                                   "logfile", "weblogfile", "loglevel", "folders", "configfn", "warnings",
                                   "delayed_assembler", "loadavg", "pystone", "downloaddir", "downloaddirspeed",
                                   "completedir", "completedirspeed", "internetbandwidth", "servers"};
  EXPECT_EQ(keys, want);
  for (const char* k : {"uptime", "color_scheme", "confighelpuri", "active_lang", "my_lcldata", "my_home",
                        "webdir", "url_base", "apikey", "logfile", "loglevel", "configfn", "loadavg",
                        "downloaddir", "completedir", "version", "pause_int", "have_warnings"})
    EXPECT_TRUE(s[k].is_string()) << k;
  for (const char* k : {"pid", "delayed_assembler", "pystone", "downloaddirspeed", "completedirspeed",
                        "internetbandwidth"})
    EXPECT_TRUE(s[k].is_number_integer()) << k;
  for (const char* k : {"rtl", "windows", "macos", "power_options", "pp_pause_event", "paused"})
    EXPECT_TRUE(s[k].is_boolean()) << k;
  for (const char* k : {"new_release", "new_rel_url", "weblogfile"}) EXPECT_TRUE(s[k].is_null()) << k;
  for (const char* k : {"folders", "warnings", "servers"}) EXPECT_TRUE(s[k].is_array()) << k;
  EXPECT_EQ(s["apikey"], d().api_key());
  EXPECT_EQ(s["loglevel"], "1");
  EXPECT_FALSE(s["completedir"].get<std::string>().empty());
  auto full = json("mode=status")["status"];
  for (const char* k : {"active_socks5_proxy", "localipv4", "publicipv4", "ipv6", "dnslookup"})
    EXPECT_TRUE(full.contains(k)) << k;
  EXPECT_TRUE(full["localipv4"].is_string());
  EXPECT_EQ(full["dnslookup"], false);
}

TEST_F(SabQueueStatus, ServersAndUnblock) {
  // A server on a closed port: listed, never reached (nothing is queued).
  json("mode=set_config&section=servers&name=closed.test&host=127.0.0.1&port=1&connections=1");
  auto servers = json("mode=fullstatus&skip_dashboard=1")["status"]["servers"];
  ASSERT_EQ(servers.size(), 1u) << servers.dump();
  auto s = servers[0];
  EXPECT_EQ(s["servername"], "closed.test");
  for (const char* k : {"serveractive"}) EXPECT_TRUE(s[k].is_boolean()) << k;
  for (const char* k : {"serveractiveconn", "servertotalconn", "serverssl", "serverpriority", "serveroptional"})
    EXPECT_TRUE(s[k].is_number_integer()) << k;
  for (const char* k : {"serversslinfo", "serverwarning", "servererror", "serverbps"})
    EXPECT_TRUE(s[k].is_string()) << k;
  EXPECT_TRUE(s["serverconnections"].is_array());
  EXPECT_EQ(json("mode=status&name=unblock_server&value=closed.test"), OJson::parse(R"({"status":true})"));
  json("mode=del_config&section=servers&keyword=closed.test");
  EXPECT_TRUE(json("mode=fullstatus&skip_dashboard=1")["status"]["servers"].empty());
}

}  // namespace
}  // namespace nzbd::test
