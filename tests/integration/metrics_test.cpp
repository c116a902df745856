// /metrics against the real binary: behind the API key, Prometheus' text
// format, and figures that move with what the daemon does.
#include <regex>

#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {

class Metrics : public SabFixture {
 protected:
  static HttpReply scrape() { return http_get(d().url() + "/metrics", {"X-Api-Key: " + d().api_key()}); }

  // The value of one sample line ("name{labels} value"), -1 when absent.
  static double sample(const std::string& text, const std::string& series) {
    auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 2));
  }
};

TEST_F(Metrics, NeedsTheApiKey) {
  EXPECT_EQ(http_get(d().url() + "/metrics").status, 401);
  EXPECT_EQ(http_get(d().url() + "/metrics", {"X-Api-Key: wrong"}).status, 401);
  EXPECT_EQ(http_get(d().url() + "/metrics?apikey=" + d().api_key()).status, 200);
  EXPECT_EQ(http_get(d().url() + "/metrics", {"Authorization: Bearer " + d().api_key()}).status, 200);
  EXPECT_EQ(http_get(d().url() + "/metrics?apikey=" + d().nzb_key()).status, 401) << "the NZB key only adds NZBs";
}

TEST_F(Metrics, TextFormatWithQueueDiskAndRequestFigures) {
  ASSERT_EQ(get("mode=version").status, 200);  // each test may have a fresh daemon: one request to count
  auto first = scrape();
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(first.body.find("# TYPE nzbd_http_requests_total counter"), std::string::npos) << first.body;
  EXPECT_EQ(sample(first.body, "nzbd_queue_jobs"), 0);
  EXPECT_EQ(sample(first.body, "nzbd_queue_paused"), 0);
  EXPECT_GT(sample(first.body, "nzbd_disk_free_bytes{folder=\"download\"}"), 0);
  const std::string sab_ok = "nzbd_http_requests_total{api=\"sabnzbd\",code=\"200\"}";
  double before = std::max(0.0, sample(first.body, sab_ok));
  for (int i = 0; i < 3; ++i) ASSERT_EQ(get("mode=queue&output=json").status, 200);
  ASSERT_EQ(get("mode=pause").status, 200);
  auto after = scrape().body;
  EXPECT_EQ(sample(after, sab_ok), before + 4) << after;
  EXPECT_EQ(sample(after, "nzbd_queue_paused"), 1);
  EXPECT_GE(sample(after, "nzbd_http_request_duration_seconds_count{api=\"sabnzbd\"}"), 4);
  ASSERT_EQ(get("mode=resume").status, 200);
  // Every sample line is "name{labels} number" (or without labels).
  std::regex line(R"(^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [-+0-9.eE]+(Inf)?$)");
  std::size_t start = 0, lines = 0;
  while (start < after.size()) {
    auto end = after.find('\n', start);
    std::string l = after.substr(start, end - start);
    start = end == std::string::npos ? after.size() : end + 1;
    if (l.empty() || l[0] == '#') continue;
    ++lines;
    EXPECT_TRUE(std::regex_match(l, line)) << l;
  }
  EXPECT_GT(lines, 10u);
}

}  // namespace
}  // namespace nzbd::test
