#include "metrics/metrics.h"

#include <gtest/gtest.h>

namespace nzbd::metrics {
namespace {

double sample(const std::string& text, const std::string& series) {
  auto at = text.find("\n" + series + " ");
  return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size() + 2));
}

TEST(Metrics, ServerCountersGrowByWhatThePoolCountedAndSurviveARebuiltPool) {
  ServerFigures news{"news", true, 4, 1000, 10, 1, 0};
  Sources s;
  s.servers = [&] { return std::vector<ServerFigures>{news}; };
  Metrics m(s);
  auto text = m.render();
  EXPECT_EQ(sample(text, "nzbd_server_bytes_total{server=\"news\"}"), 1000) << text;
  EXPECT_EQ(sample(text, "nzbd_server_articles_total{result=\"ok\",server=\"news\"}"), 10) << text;
  EXPECT_EQ(sample(text, "nzbd_server_connections{server=\"news\"}"), 4);
  news.bytes = 1500;
  EXPECT_EQ(sample(m.render(), "nzbd_server_bytes_total{server=\"news\"}"), 1500);
  news.bytes = 200;  // the pool was rebuilt and counts from 0 again
  EXPECT_EQ(sample(m.render(), "nzbd_server_bytes_total{server=\"news\"}"), 1700) << "a counter never goes back";
}

TEST(Metrics, RequestsAreCountedPerApiAndCode) {
  Metrics m(Sources{});
  m.observe_request("sabnzbd", 200, 0.002);
  m.observe_request("sabnzbd", 200, 0.004);
  m.observe_request("sonarr", 404, 0.3);
  auto text = m.render();
  EXPECT_EQ(sample(text, "nzbd_http_requests_total{api=\"sabnzbd\",code=\"200\"}"), 2) << text;
  EXPECT_EQ(sample(text, "nzbd_http_requests_total{api=\"sonarr\",code=\"404\"}"), 1);
  EXPECT_EQ(sample(text, "nzbd_http_request_duration_seconds_bucket{api=\"sabnzbd\",le=\"0.0025\"}"), 1);
  EXPECT_EQ(sample(text, "nzbd_http_request_duration_seconds_bucket{api=\"sonarr\",le=\"0.25\"}"), 0);
  EXPECT_EQ(sample(text, "nzbd_http_request_duration_seconds_bucket{api=\"sonarr\",le=\"1\"}"), 1);
  EXPECT_EQ(text.find("nzbd_queue_jobs"), std::string::npos) << "no queue source, no queue figures";
}

TEST(Metrics, QueueDiskAndTvFigures) {
  Sources s;
  s.queue = [] { return QueueFigures{true, 3, 5000, 9000, 4000, 128}; };
  s.folders = [] {
    return std::vector<std::pair<std::string, std::filesystem::path>>{{"download", "/tmp/surely/not/there/yet"}};
  };
  s.tv_events = [] { return std::map<std::string, long long>{{"grabbed", 7}, {"downloadFolderImported", 5}}; };
  auto text = Metrics(s).render();
  EXPECT_EQ(sample(text, "nzbd_queue_jobs"), 3);
  EXPECT_EQ(sample(text, "nzbd_queue_paused"), 1);
  EXPECT_EQ(sample(text, "nzbd_queue_bytes{kind=\"left\"}"), 4000);
  EXPECT_EQ(sample(text, "nzbd_download_speed_bytes_per_second"), 5000);
  EXPECT_GT(sample(text, "nzbd_disk_free_bytes{folder=\"download\"}"), 0) << "measured at the nearest existing parent";
  EXPECT_EQ(sample(text, "nzbd_tv_history_events{event=\"grabbed\"}"), 7);
}

TEST(Metrics, PostProcessingStagesRepairedBlocksAndIndexerQueries) {
  std::uint64_t failed = 1;
  Sources s;
  s.tv_queries = [&] { return std::map<std::string, std::uint64_t>{{"ok", 4}, {"failed", failed}}; };
  Metrics m(s);
  m.observe_stage("Verifying", 0.3);
  m.observe_stage("Repairing", 20);
  m.observe_stage("Repairing", 2);
  m.count_repaired_blocks(30);
  m.count_repaired_blocks(2);
  auto text = m.render();
  EXPECT_EQ(sample(text, "nzbd_postproc_stage_duration_seconds_count{stage=\"Repairing\"}"), 2) << text;
  EXPECT_EQ(sample(text, "nzbd_postproc_stage_duration_seconds_bucket{stage=\"Repairing\",le=\"5\"}"), 1);
  EXPECT_EQ(sample(text, "nzbd_postproc_stage_duration_seconds_bucket{stage=\"Verifying\",le=\"0.5\"}"), 1);
  EXPECT_EQ(sample(text, "nzbd_par2_repaired_blocks_total"), 32);
  EXPECT_EQ(sample(text, "nzbd_tv_indexer_queries_total{result=\"failed\"}"), 1);
  failed = 3;
  EXPECT_EQ(sample(m.render(), "nzbd_tv_indexer_queries_total{result=\"failed\"}"), 3);
}

}  // namespace
}  // namespace nzbd::metrics
