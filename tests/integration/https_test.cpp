// HTTPS against the real binary: enable_https with its own https_port makes a
// self-signed certificate valid for 127.0.0.1, serves the API and the UI over
// TLS next to plain HTTP, and regenerate_certs makes a new pair.
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

size_t collect(char* p, size_t n, size_t k, void* out) {
  static_cast<std::string*>(out)->append(p, n * k);
  return n * k;
}

// A GET that trusts only `ca` (the daemon's own certificate): curl's code and the body.
std::pair<long, std::string> https_get(const std::string& url, const std::string& ca) {
  CURL* c = curl_easy_init();
  std::string body;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CAINFO, ca.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(c);
  return {rc == CURLE_OK ? status : -static_cast<long>(rc), body};
}

TEST(HttpsIt, SelfSignedCertificateServesApiAndUiBesidePlainHttp) {
  TempDir dir;
  auto home = dir.path() / "home";
  std::filesystem::create_directories(home);
  const int port = free_port();
  std::ofstream(home / "nzbd.ini") << "[misc]\nenable_https = 1\nhttps_port = " << port << "\n";
  DaemonProcess d(home);
  ASSERT_TRUE(d.start()) << d.output();
  const std::string ca = (home / "admin" / "server.cert").string();
  ASSERT_TRUE(std::filesystem::exists(ca)) << d.output();
  EXPECT_EQ(std::filesystem::status(home / "admin" / "server.key").permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none) << "the key is the owner's only";
  const std::string base = "https://127.0.0.1:" + std::to_string(port);
  auto version = https_get(base + "/api?mode=version", ca);
  EXPECT_EQ(version.first, 200);
  EXPECT_EQ(version.second, R"({"version":"4.5.1"})");
  auto queue = https_get(base + "/api?mode=queue&output=json&apikey=" + d.api_key(), ca);
  EXPECT_EQ(queue.first, 200) << queue.second;
  EXPECT_NE(queue.second.find("\"queue\""), std::string::npos);
  EXPECT_EQ(https_get(base + "/", ca).first, 200) << "the web UI over HTTPS";
  EXPECT_EQ(http_get(d.api("mode=version")).status, 200) << "plain HTTP stays on the main port";
  EXPECT_THROW(http_get("http://127.0.0.1:" + std::to_string(port) + "/api?mode=version"), std::exception)
      << "plain HTTP to the HTTPS port gets no answer";

  std::string before;
  { std::ifstream in(ca); before.assign(std::istreambuf_iterator<char>(in), {}); }
  auto regen = http_get(d.api("mode=config&name=regenerate_certs&output=json"));
  EXPECT_EQ(regen.body, R"({"status":true})");
  std::string after;
  { std::ifstream in(ca); after.assign(std::istreambuf_iterator<char>(in), {}); }
  EXPECT_NE(before, after) << "a new certificate";
  EXPECT_EQ(d.stop(), 0);
}

}  // namespace
}  // namespace nzbd::test
