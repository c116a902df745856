// The HTTP front against hostile clients: thousands of idle connections,
// slow headers, garbage, huge headers and odd bytes in parameters, while a
// well-behaved client still gets its answers. Times are printed, not asserted.
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {

class HttpRobustness : public SabFixture {
 protected:
  static int port() { return std::stoi(d().url().substr(d().url().rfind(':') + 1)); }

  // A connected socket (blocking), or -1.
  static int connect_one() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port()));
    if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(s);
      return -1;
    }
    return s;
  }

  // Sends raw bytes and reads the answer until the server closes (or 10 s).
  static std::string exchange(const std::string& bytes) {
    int s = connect_one();
    if (s < 0) return "";
    timeval tv{10, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    for (std::size_t sent = 0; sent < bytes.size();) {
      ssize_t n = ::send(s, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::recv(s, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    ::close(s);
    return out;
  }

  static long rss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
      if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
  }
};

TEST_F(HttpRobustness, GarbageHugeHeadersAndOddBytesGetClearAnswers) {
  EXPECT_EQ(exchange("GARBAGE\r\n\r\nMORE GARBAGE\r\n\r\n").rfind("HTTP/1.1 400", 0), 0u);
  std::string huge = "GET /api?mode=version HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n";
  EXPECT_EQ(exchange(huge).rfind("HTTP/1.1 413", 0), 0u);
  // Two pipelined requests on one connection: both answered, in order.
  std::string two = exchange("GET /api?mode=version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                             "GET /api?mode=version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_NE(two.find("4.5.1"), std::string::npos);
  EXPECT_NE(two.find("4.5.1", two.find("4.5.1") + 5), std::string::npos) << two;
  // NULs and bytes that are not UTF-8 in parameters: a JSON answer, not a crash.
  auto odd = get("mode=queue&output=json&search=%00%FF%FE%C0%AF");
  EXPECT_EQ(odd.status, 200);
  EXPECT_TRUE(Json::accept(odd.body)) << odd.body;
  EXPECT_EQ(get("mode=version").status, 200);
}

TEST_F(HttpRobustness, TenThousandIdleAndSlowConnectionsLeaveRoomForARealClient) {
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  if (files.rlim_cur < 10100) GTEST_SKIP() << "needs `ulimit -n` of 10100 or more (it is " << files.rlim_cur << ")";
  const pid_t pid = d().pid();
  const long rss_before = rss_kib(pid);
  std::vector<int> idle;
  idle.reserve(10000);
  for (int i = 0; i < 10000; ++i) {
    int s = connect_one();
    if (s < 0) break;
    idle.push_back(s);
  }
  ASSERT_GE(idle.size(), 9000u) << "could not open the idle connections (file descriptor limit?)";
  // A hundred slowloris clients: half a request header, then nothing.
  const std::string half = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  for (int i = 0; i < 100; ++i) ::send(idle[static_cast<std::size_t>(i)], half.data(), half.size(), MSG_NOSIGNAL);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) ASSERT_EQ(get("mode=queue&output=json").status, 200) << "request " << i;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ http ] %zu idle/slow connections open: 20 queue calls took %lld ms\n", idle.size(),
              static_cast<long long>(ms));
  std::printf("[ http ] daemon RSS: %ld KiB before, %ld KiB with them open\n", rss_before, rss_kib(pid));
  for (int s : idle) ::close(s);
  EXPECT_EQ(get("mode=version").status, 200);
}

}  // namespace
}  // namespace nzbd::test
