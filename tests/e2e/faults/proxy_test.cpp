// The fault proxy itself, in front of the in-test fake server (no rig): each
// fault does to the bytes what it says, and is counted.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "support/fake_nntp_server.h"
#include "support/fault_proxy.h"
#include "support/fault_proxy_wire.h"

namespace nzbd::test {
namespace {

// A body as on the wire: a few yEnc-like lines.
std::string body_of(int n) {
  std::string b = "=ybegin part=1 line=128 size=400 name=f.bin\r\n=ypart begin=1 end=400\r\n";
  for (int l = 0; l < 4; ++l) b += std::string(100, static_cast<char>('A' + (n + l) % 20)) + "\r\n";
  return b + "=yend size=400 part=1 pcrc32=00000000\r\n";
}

struct Client {
  explicit Client(uint16_t port) : fd(wire::connect_loopback(port)), in(fd) {}
  ~Client() { ::close(fd); }
  std::string greeting() {
    std::string g;
    return in.line(g) ? g : "";
  }
  // The reply to BODY <id>, or "" when the connection closed first.
  std::string body(const std::string& id) {
    std::string r;
    wire::send_all(fd, "BODY <" + id + ">\r\n");
    return in.reply(r) ? r : "";
  }
  int fd;
  wire::Reader in;
};

class FaultProxyTest : public testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 200; ++i) server.add_article("a" + std::to_string(i) + "@test", body_of(i));
  }
  FaultProxy make(std::vector<FaultProxy::Rule> rules) {
    return FaultProxy(FaultProxy::Options{.upstream_port = server.port(), .rules = std::move(rules)});
  }
  FakeNntpServer server;
};

TEST_F(FaultProxyTest, WithoutRulesRelaysRepliesUnchanged) {
  FaultProxy proxy(FaultProxy::Options{.upstream_port = server.port()});
  Client c(proxy.port());
  EXPECT_EQ(c.greeting().substr(0, 3), "200");
  EXPECT_EQ(c.body("a1@test"), "222 0 <a1@test>\r\n" + body_of(1) + ".\r\n");
  EXPECT_EQ(c.body("nope@test").substr(0, 3), "430");
  EXPECT_EQ(proxy.articles(), 2u);
  EXPECT_EQ(proxy.injected_total(), 0u);
}

TEST_F(FaultProxyTest, NotFoundForNamedIdsOnlyTheFirstTimes) {
  FaultProxy proxy(FaultProxy::Options{.upstream_port = server.port(),
                                       .rules = {{Fault::NotFound, 1.0, {"a2@test"}, 1}}});
  Client c(proxy.port());
  c.greeting();
  EXPECT_EQ(c.body("a2@test").substr(0, 3), "430");
  EXPECT_EQ(server.body_requests("a2@test"), 0u) << "a 430 fault should not ask the server";
  EXPECT_EQ(c.body("a2@test").substr(0, 3), "222");
  EXPECT_EQ(c.body("a3@test").substr(0, 3), "222");
  EXPECT_EQ(proxy.injected(Fault::NotFound), 1u);
}

TEST_F(FaultProxyTest, ShareOfIdsIsSeededAndStable) {
  auto picks = [&](uint32_t seed) {
    FaultProxy proxy(FaultProxy::Options{.upstream_port = server.port(),
                                         .rules = {{Fault::NotFound, 0.5, {}, 0}}, .seed = seed});
    Client c(proxy.port());
    c.greeting();
    std::string out;
    for (int i = 0; i < 200; ++i) out += c.body("a" + std::to_string(i) + "@test").substr(0, 3) == "430" ? '1' : '0';
    EXPECT_EQ(c.body("a7@test").substr(0, 3), out[7] == '1' ? "430" : "222") << "a retry met another fault";
    return out;
  };
  std::string a = picks(1), b = picks(1), other = picks(2);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
  const auto hits = std::count(a.begin(), a.end(), '1');
  EXPECT_GT(hits, 60);
  EXPECT_LT(hits, 140);
}

TEST_F(FaultProxyTest, DropTruncateCorruptSpoilTheBody) {
  const std::string clean = "222 0 <a5@test>\r\n" + body_of(5) + ".\r\n";
  {
    FaultProxy proxy = make({{Fault::Corrupt, 1.0}});
    Client c(proxy.port());
    c.greeting();
    std::string r = c.body("a5@test");
    ASSERT_EQ(r.size(), clean.size());
    size_t diff = 0;
    for (size_t i = 0; i < r.size(); ++i) diff += r[i] != clean[i];
    EXPECT_EQ(diff, 1u);
    EXPECT_EQ(proxy.injected(Fault::Corrupt), 1u);
  }
  {
    FaultProxy proxy = make({{Fault::Truncate, 1.0}});
    Client c(proxy.port());
    c.greeting();
    std::string r = c.body("a5@test");
    EXPECT_LT(r.size(), clean.size());
    EXPECT_EQ(r.substr(r.size() - 5), "\r\n.\r\n");
    EXPECT_EQ(r.find("=yend"), std::string::npos);
  }
  {
    FaultProxy proxy = make({{Fault::Drop, 1.0}});
    Client c(proxy.port());
    c.greeting();
    EXPECT_EQ(c.body("a5@test"), "") << "the connection should close mid-article";
    EXPECT_EQ(proxy.injected(Fault::Drop), 1u);
  }
}

TEST_F(FaultProxyTest, GreetingFaultsAndHang) {
  {
    FaultProxy proxy = make({{Fault::Greet502, 1.0}});
    Client c(proxy.port());
    EXPECT_EQ(c.greeting().substr(0, 3), "502");
  }
  {
    FaultProxy proxy = make({{Fault::Greet400, 0.5}});
    int refused = 0;
    for (int i = 0; i < 20; ++i) refused += Client(proxy.port()).greeting().substr(0, 3) == "400";
    EXPECT_EQ(proxy.injected(Fault::Greet400), static_cast<uint64_t>(refused));
    EXPECT_GT(refused, 2);
    EXPECT_LT(refused, 18);
  }
  {
    FaultProxy proxy = make({{Fault::GreetHang, 1.0}});
    Client c(proxy.port());
    EXPECT_EQ(c.greeting().substr(0, 3), "200");
    wire::send_all(c.fd, "BODY <a1@test>\r\n");
    EXPECT_FALSE(wire::wait_readable(c.fd, 300)) << "a hung server answered";
  }  // the proxy's destructor ends the hang
}

TEST_F(FaultProxyTest, GarbageWrongStatusAndStall) {
  FaultProxy proxy = make({{Fault::Garbage, 1.0, {"a1@test"}}, {Fault::WrongStatus, 1.0, {"a2@test"}},
                           {Fault::Stall, 1.0, {"a3@test"}}});
  Client c(proxy.port());
  c.greeting();
  std::string line;
  wire::send_all(c.fd, "BODY <a1@test>\r\n");
  ASSERT_TRUE(c.in.line(line));
  EXPECT_FALSE(std::isdigit(static_cast<unsigned char>(line[0])));
  EXPECT_EQ(c.body("a2@test").substr(0, 4), "223 ");
  wire::send_all(c.fd, "BODY <a3@test>\r\n");
  EXPECT_FALSE(wire::wait_readable(c.fd, 300)) << "a stalled reply arrived";
  EXPECT_EQ(proxy.report(), "connections=1 articles=3 stall=1 garbage=1 wrong_status=1");
}

}  // namespace
}  // namespace nzbd::test
