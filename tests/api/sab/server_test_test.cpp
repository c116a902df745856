// mode=config&name=test_server against the rig's INN2 (11919 open reader,
// 11920 login-required reader, user nzbd / password secret) and local sockets.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "api/sab/server_test.h"

using namespace nzbd::api::sab;
using nzbd::http::Params;

namespace {

ServerTestResult run(std::vector<std::pair<std::string, std::string>> kv, StoredPassword stored = {}) {
  Params p;
  for (auto& [k, v] : kv) p.add(k, v);
  return test_nntp_server(p, stored);
}

// A listening socket on 127.0.0.1 that never accepts: the kernel completes
// the TCP handshake but no greeting ever comes.
struct SilentListener {
  int fd = -1;
  int port = 0;
  SilentListener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), len) == 0 && ::listen(fd, 4) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port = ntohs(a.sin_port);
  }
  ~SilentListener() { ::close(fd); }
};

int closed_port() {
  SilentListener l;
  return l.port;  // closed again when l goes
}

const std::string kRigPort = std::to_string(NZBD_RIG_PORT);
const std::string kAuthPort = std::to_string(NZBD_RIG_AUTH_PORT);

}  // namespace

TEST(ServerTest, OpenReaderConnects) {
  auto r = run({{"host", "127.0.0.1"}, {"port", kRigPort}, {"connections", "4"}});
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.message, "Connection Successful!");
}

TEST(ServerTest, LoginSucceedsOnAuthReader) {
  auto r = run({{"host", "127.0.0.1"}, {"port", kAuthPort}, {"connections", "1"},
                {"username", "nzbd"}, {"password", "secret"}});
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.message, "Connection Successful!");
}

TEST(ServerTest, WrongPasswordFails) {
  auto r = run({{"host", "127.0.0.1"}, {"port", kAuthPort}, {"connections", "1"},
                {"username", "nzbd"}, {"password", "wrong"}});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.message, "Authentication failed, check username/password.");
}

TEST(ServerTest, NoLoginOnAuthReaderFails) {
  auto r = run({{"host", "127.0.0.1"}, {"port", kAuthPort}, {"connections", "1"}});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.message, "Server requires username and password.");
}

TEST(ServerTest, MaskedPasswordUsesTheStoredOne) {
  std::string asked;
  auto stored = [&](const std::string& name, const std::string&) -> std::optional<std::string> {
    asked = name;
    return std::string("secret");
  };
  auto r = run({{"host", "127.0.0.1"}, {"port", kAuthPort}, {"connections", "1"}, {"username", "nzbd"},
                {"password", "*****"}, {"server", "rig"}},
               stored);
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(asked, "rig");
  auto none = [](const std::string&, const std::string&) -> std::optional<std::string> { return std::nullopt; };
  r = run({{"host", "127.0.0.1"}, {"port", kAuthPort}, {"connections", "1"}, {"username", "nzbd"},
           {"password", "*****"}, {"server", "nope"}},
          none);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.message, "Password masked in ******, please re-enter");
}

TEST(ServerTest, RefusedPortFails) {
  auto r = run({{"host", "127.0.0.1"}, {"port", std::to_string(closed_port())}, {"connections", "1"}});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.message.find("refused"), std::string::npos) << r.message;
}

TEST(ServerTest, SilentServerTimesOut) {
  SilentListener l;
  ASSERT_NE(l.port, 0);
  auto t0 = std::chrono::steady_clock::now();
  auto r = run({{"host", "127.0.0.1"}, {"port", std::to_string(l.port)}, {"connections", "1"}, {"timeout", "1"}});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.message.rfind("Timed out", 0), 0u) << r.message;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(6));
}

TEST(ServerTest, BadInputIsAMessage) {
  EXPECT_EQ(run({{"port", "119"}, {"connections", "1"}}).message, "The hostname is not set.");
  EXPECT_EQ(run({{"host", "  "}, {"connections", "1"}}).message, "The hostname is not set.");
  EXPECT_EQ(run({{"host", "127.0.0.1"}, {"port", "70000"}, {"connections", "1"}}).message,
            "Invalid server details");
  EXPECT_EQ(run({{"host", "127.0.0.1"}, {"port", "119"}}).message,
            "There are no connections set. Please set at least one connection.");
  EXPECT_FALSE(run({{"host", "bad host"}, {"connections", "1"}}).ok);
}
