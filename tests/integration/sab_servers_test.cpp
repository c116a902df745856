// SABnzbd's per-server policy against the real binary and two fake news
// servers: retention sends old articles to the next server without asking,
// a required server that cannot be used holds every download, and fullstatus
// shows each server's configured connections, TLS flag, speed and the
// article each connection is fetching; gc_stats shows the engine's tables.
#include <chrono>
#include <thread>

#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {

class SabServers : public SabDownloadFixture {
 protected:
  void TearDown() override {
    json("mode=del_config&section=servers&keyword=second");
    json("mode=set_config&section=servers&name=fake&retention=0&required=0&priority=0&quota=&enable=1");
  }
  static void add_second(const FakeNntpServer& s, const std::string& extra) {
    OJson r = json("mode=set_config&section=servers&name=second&host=127.0.0.1&port=" + std::to_string(s.port()) +
                   "&ssl=0&connections=2&enable=1" + (extra.find("priority") == std::string::npos ? "&priority=1" : "") +
                   extra);
    ASSERT_FALSE(r.contains("error")) << r.dump();
  }
  static size_t asked(const FakeNntpServer& s, const Posted& p) {
    size_t n = 0;
    for (const auto& id : p.ids) n += s.body_requests(id);
    return n;
  }
};

TEST_F(SabServers, ArticlesOlderThanAServersRetentionAreNotAskedOfIt) {
  FakeNntpServer second;
  add_second(second, "");
  json("mode=set_config&section=servers&name=fake&retention=5");
  int64_t old = static_cast<int64_t>(std::time(nullptr)) - 10 * 86400;
  auto file = post_file("old.bin", random_bytes(8 * 3000), 8, {}, old);
  for (size_t i = 0; i < file.ids.size(); ++i) second.add_article(file.ids[i], file.bodies[i]);
  std::string id = add("Old.Post.nzb", nzb_of({file}));
  OJson h = wait_history(id);
  EXPECT_EQ(h["status"], "Completed") << h.dump();
  EXPECT_EQ(asked(*nntp_, file), 0u) << "the server with 5 days' retention was asked for 10-day-old articles";
  EXPECT_GE(asked(second, file), file.ids.size());

  // A fresh post is still taken from the first server.
  auto fresh = post_file("fresh.bin", random_bytes(4 * 3000), 4);
  ASSERT_EQ(wait_history(add("Fresh.Post.nzb", nzb_of({fresh})))["status"], "Completed");
  EXPECT_GE(asked(*nntp_, fresh), fresh.ids.size());
  EXPECT_EQ(asked(second, fresh), 0u);
}

TEST_F(SabServers, ARequiredServerThatIsDownHoldsEveryDownload) {
  // The required server comes first, so it is used (and found down) at once.
  FakeNntpServer refusing({.greeting = "502 no service for you"});
  add_second(refusing, "&required=1&priority=0");
  json("mode=set_config&section=servers&name=fake&priority=1");
  auto file = post_file("held.bin", random_bytes(40 * 3000), 40);
  std::string id = add("Held.nzb", nzb_of({file}));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_FALSE(slot_of(id).is_null()) << "the job finished although a required server was down";
  EXPECT_LT(asked(*nntp_, file), file.ids.size());
  EXPECT_NE(json("mode=warnings").dump().find("Server second is required"), std::string::npos)
      << json("mode=warnings").dump();
  // No longer required: the good server finishes the job.
  json("mode=set_config&section=servers&name=second&required=0");
  EXPECT_EQ(wait_history(id)["status"], "Completed");
}

TEST_F(SabServers, AServerWhoseQuotaIsSpentIsSwitchedOff) {
  auto server_value = [](const std::string& key) {
    OJson servers = json("mode=get_config&section=servers")["config"]["servers"];
    for (const auto& s : servers)
      if (s["name"] == "fake") return s[key].is_string() ? s[key].get<std::string>() : s[key].dump();
    return std::string();
  };
  auto eventually = [](auto ok, int seconds) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (ok()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  // Some bytes first, so the quota's starting point is not zero.
  ASSERT_EQ(wait_history(add("Before.Quota.nzb", post("before.bin", 50000)))["status"], "Completed");
  ASSERT_TRUE(eventually([] { return json("mode=server_stats")["total"].get<int64_t>() > 0; }, 20));
  json("mode=set_config&section=servers&name=fake&quota=60K");
  ASSERT_TRUE(eventually([&] { auto v = server_value("usage_at_start"); return !v.empty() && v != "0"; }, 20))
      << json("mode=get_config&section=servers").dump();
  EXPECT_EQ(server_value("enable"), "1");
  ASSERT_EQ(wait_history(add("Over.Quota.nzb", post("over.bin", 100000, 4)))["status"], "Completed");
  EXPECT_TRUE(eventually([&] { return server_value("enable") == "0"; }, 30)) << json("mode=get_config&section=servers").dump();
  EXPECT_NE(json("mode=warnings").dump().find("Server fake has used the specified quota"), std::string::npos);
}

TEST_F(SabServers, DisconnectClosesTheConnectionsSoNewOnesAreOpened) {
  ASSERT_EQ(wait_history(add("Warm.nzb", post("warm.bin", 30000, 4)))["status"], "Completed");
  size_t before = nntp_->connections_accepted();
  // Without disconnect the open connections serve the next job.
  ASSERT_EQ(wait_history(add("Reused.nzb", post("reused.bin", 30000, 4)))["status"], "Completed");
  ASSERT_EQ(nntp_->connections_accepted(), before) << "connections were not kept open; this test cannot tell";
  EXPECT_EQ(json("mode=disconnect"), OJson::parse(R"({"status":true})"));
  ASSERT_EQ(wait_history(add("Fresh.Conn.nzb", post("freshconn.bin", 30000, 4)))["status"], "Completed");
  EXPECT_GT(nntp_->connections_accepted(), before);
}

TEST_F(SabServers, FullstatusShowsConfiguredConnectionsTlsAndSpeed) {
  json("mode=set_config&section=servers&name=fake&connections=3");
  auto file = post_file("speed.bin", random_bytes(200 * 3000), 200);
  std::string id = add("Speed.nzb", nzb_of({file}));
  OJson st = json("mode=fullstatus&skip_dashboard=1")["status"];
  ASSERT_EQ(wait_history(id)["status"], "Completed");
  OJson servers = json("mode=fullstatus&skip_dashboard=1")["status"]["servers"];
  ASSERT_EQ(servers.size(), 1u);
  EXPECT_EQ(servers[0]["servertotalconn"], 3);
  EXPECT_EQ(servers[0]["serverssl"], 0);
  EXPECT_TRUE(servers[0]["serverbps"].is_string());
  json("mode=set_config&section=servers&name=fake&connections=2");
}

// While the server holds one article back, the connection waiting for it is
// listed with the job, the file and the article, as SABnzbd's
// serverconnections; once the job is done the list is empty again.
TEST_F(SabServers, FullstatusListsTheArticleEachConnectionIsFetching) {
  auto file = post_file("busy.bin", random_bytes(3 * 3000), 3);
  const std::string held = file.ids[1];
  nntp_->hold(held);
  std::string id = add("Busy.Conn.nzb", nzb_of({file}));
  OJson entry;
  for (int i = 0; i < 200 && entry.is_null(); ++i) {
    OJson status = json("mode=fullstatus&skip_dashboard=1")["status"];
    for (const auto& c : status["servers"][0]["serverconnections"])
      if (c["art_name"] == held) entry = c;
    if (entry.is_null()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  nntp_->release(held);
  ASSERT_FALSE(entry.is_null()) << "the held article never showed in serverconnections";
  EXPECT_EQ(entry["nzo_name"], "Busy.Conn");
  EXPECT_EQ(entry["nzf_name"], "busy.bin");
  EXPECT_TRUE(entry["thrdnum"].is_number_integer());
  EXPECT_GE(entry["thrdnum"].get<int>(), 1);
  ASSERT_EQ(wait_history(id)["status"], "Completed");
  EXPECT_EQ(json("mode=fullstatus&skip_dashboard=1")["status"]["servers"][0]["serverconnections"], OJson::array());
  std::string xml = get("mode=fullstatus&skip_dashboard=1&output=xml").body;
  EXPECT_NE(xml.find("<serverconnections"), std::string::npos) << xml.substr(0, 2000);
}

// gc_stats (SABnzbd's leak check) lists the job's article table while it
// downloads and nothing once the job is done.
TEST_F(SabServers, GcStatsListsWhatTheEngineHoldsAndNothingWhenIdle) {
  auto file = post_file("held.bin", random_bytes(2 * 3000), 2);
  nntp_->hold(file.ids[1]);
  std::string id = add("Held.Memory.nzb", nzb_of({file}));
  OJson during;
  for (int i = 0; i < 200; ++i) {
    during = json("mode=gc_stats")["value"];
    if (!during.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  nntp_->release(file.ids[1]);
  ASSERT_EQ(during.size(), 1u) << during.dump();
  EXPECT_NE(during[0].get<std::string>().find(id + " Held.Memory: 2 articles"), std::string::npos) << during.dump();
  ASSERT_EQ(wait_history(id)["status"], "Completed");
  OJson after;
  for (int i = 0; i < 100; ++i) {  // the last connection lets go of its article just after the job ends
    after = json("mode=gc_stats");
    if (after["value"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(after, OJson::parse(R"({"value":[]})"));
}

}  // namespace
}  // namespace nzbd::test
