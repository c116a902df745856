// The pool against the fake server: normal operation, pipelining, TLS,
// speed limit, pause, stop and reconfiguration.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "pool_helpers.h"
#include "test_source.h"

namespace nzbd::nntp::testing {
namespace {
using namespace std::chrono_literals;
using test::FakeNntpServer;

struct Corpus {
  std::vector<std::string> ids;
  std::vector<std::string> bodies;
  Corpus(size_t n, size_t max_size, uint32_t seed) {
    std::mt19937 rng(seed);
    for (size_t i = 0; i < n; ++i) {
      ids.push_back("part" + std::to_string(i) + ".x@nzbd.test");
      bodies.push_back(i == 0 ? std::string() : make_body(rng, rng() % max_size));
    }
  }
  void serve_on(FakeNntpServer& s) const {
    for (size_t i = 0; i < ids.size(); ++i) s.add_article(ids[i], bodies[i]);
  }
  void expect_all_arrived_once(const TestSource& src) const {
    for (size_t i = 0; i < ids.size(); ++i) {
      auto out = src.outcomes(i);
      ASSERT_EQ(out.size(), 1u) << ids[i];
      ASSERT_EQ(out[0].status, FetchStatus::Ok) << ids[i] << ": " << out[0].data;
      ASSERT_EQ(out[0].data, bodies[i]) << ids[i];
    }
  }
};

TEST(Pool, ManyArticlesArriveByteIdenticalExactlyOnceFromTwoServers) {
  Corpus corpus(200, 40000, 1);
  FakeNntpServer a({.chunking = FakeNntpServer::Chunking::Random, .seed = 3});
  FakeNntpServer b({.chunking = FakeNntpServer::Chunking::Random, .seed = 9});
  corpus.serve_on(a);
  corpus.serve_on(b);
  TestSource src(corpus.ids);
  ConnectionPool pool(src, 2);
  auto sa = local_server(a, 3, 3);
  auto sb = local_server(b, 2, 4);
  sb.name = "second";
  pool.set_servers({sa, sb});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
  auto st = pool.status();
  ASSERT_EQ(st.size(), 2u);
  EXPECT_GT(st[0].articles_ok, 0u);
  EXPECT_GT(st[1].articles_ok, 0u);
  EXPECT_EQ(st[0].articles_ok + st[1].articles_ok, corpus.ids.size());
  EXPECT_GT(st[0].bytes_received + st[1].bytes_received, src.body_bytes());
  EXPECT_LE(a.connections_accepted(), 3u);
  EXPECT_EQ(a.total_body_requests() + b.total_body_requests(), corpus.ids.size());
  pool.stop();
}

TEST(Pool, OneByteWritesStillParse) {
  Corpus corpus(12, 3000, 2);
  FakeNntpServer fake({.chunking = FakeNntpServer::Chunking::OneByte});
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  pool.set_servers({local_server(fake, 2, 3)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
}

size_t outstanding_with_depth(int depth) {
  Corpus corpus(16, 2000, 3);
  FakeNntpServer fake({.batch_ms = 30});
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  pool.set_servers({local_server(fake, 1, depth)});
  pool.start();
  EXPECT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
  return fake.max_outstanding();
}

TEST(Pool, PipeliningKeepsSeveralRequestsInFlight) {
  const size_t deep = outstanding_with_depth(4);
  EXPECT_GE(deep, 2u);
  EXPECT_LE(deep, 4u);
  EXPECT_EQ(outstanding_with_depth(1), 1u);
}

TEST(Pool, MissingArticleIsNotFound) {
  FakeNntpServer fake;
  fake.add_article("here@x", "data\r\n");
  TestSource src({"gone@x", "here@x"});
  ConnectionPool pool(src);
  pool.set_servers({local_server(fake)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(2));
  auto gone = src.outcomes(0);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].status, FetchStatus::NotFound);
  EXPECT_EQ(gone[0].data.substr(0, 3), "430");
  EXPECT_EQ(src.outcomes(1).at(0).data, "data\r\n");
  EXPECT_EQ(pool.status()[0].articles_missing, 1u);
}

// Every connection's last reply a 430, then new work: it must still be
// fetched (a job queued after one whose articles were all gone never started).
TEST(Pool, WorkAfterOnlyMissingArticlesIsStillFetched) {
  FakeNntpServer fake;
  fake.add_article("later@x", "data\r\n");
  TestSource src({"g1@x", "g2@x", "g3@x", "g4@x", "g5@x", "g6@x", "later@x"}, false, 6);
  ConnectionPool pool(src);
  src.attach(&pool);
  pool.set_servers({local_server(fake, 3, 2)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(6));
  std::this_thread::sleep_for(100ms);  // every connection is idle after its 430s
  src.offer(6);
  ASSERT_TRUE(src.wait_finished(7, 5s));
  EXPECT_EQ(src.outcomes(6).at(0).data, "data\r\n");
}

TEST(Pool, InvalidMessageIdIsNeverSent) {
  FakeNntpServer fake;
  fake.add_article("ok@x", "fine\r\n");
  TestSource src({"bad id\r\nQUIT", "<ok@x>", ""});
  ConnectionPool pool(src);
  pool.set_servers({local_server(fake, 1, 1)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(3));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::NotFound);
  EXPECT_EQ(src.outcomes(0).at(0).data, "invalid message-id");
  EXPECT_EQ(src.outcomes(1).at(0).data, "fine\r\n");  // brackets tolerated
  EXPECT_EQ(src.outcomes(2).at(0).status, FetchStatus::NotFound);
  EXPECT_EQ(fake.total_body_requests(), 1u);
}

TEST(Pool, TransitModeServerGetsModeReaderOnce) {
  Corpus corpus(10, 2000, 4);
  FakeNntpServer fake({.transit_mode = true});
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  pool.set_servers({local_server(fake, 1, 3)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
  EXPECT_EQ(fake.mode_reader_count(), 1u);
}

TEST(Pool, TransitGreetingGetsModeReaderBeforeLogin) {
  Corpus corpus(6, 2000, 13);
  FakeNntpServer fake({.greeting = "200 news.test InterNetNews server INN 2.7.1 ready (transit mode)",
                       .user = "u", .pass = "p", .transit_mode = true});
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  auto cfg = local_server(fake, 2, 2);
  cfg.username = "u";
  cfg.password = "p";
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
  EXPECT_EQ(fake.mode_reader_count(), fake.connections_accepted());
}

TEST(Pool, ModeReaderMidSessionLogsInAgain) {
  Corpus corpus(6, 2000, 14);
  FakeNntpServer fake({.user = "u", .pass = "p", .transit_mode = true});
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  auto cfg = local_server(fake, 1, 3);
  cfg.username = "u";
  cfg.password = "p";
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
  EXPECT_EQ(fake.mode_reader_count(), 1u);
}

TEST(Pool, AuthenticatesWithUserAndPassword) {
  Corpus corpus(10, 2000, 5);
  FakeNntpServer fake({.user = "u", .pass = "secret"});
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  auto cfg = local_server(fake, 2, 2);
  cfg.username = "u";
  cfg.password = "secret";
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
  EXPECT_FALSE(pool.status()[0].blocked);
}

TEST(Pool, SpeedLimitIsRoughlyRespected) {
  Corpus corpus(40, 60000, 6);
  FakeNntpServer fake;
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  const uint64_t limit = 400 * 1000;
  pool.set_speed_limit(limit);
  pool.set_servers({local_server(fake, 4, 2)});
  const auto t0 = std::chrono::steady_clock::now();
  pool.start();
  std::this_thread::sleep_for(1200ms);
  const uint64_t bytes = pool.status()[0].bytes_received;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  pool.stop();
  const double rate = static_cast<double>(bytes) / seconds;
  EXPECT_LT(rate, 2.0 * limit);
  EXPECT_GT(rate, 0.25 * limit);
}

TEST(Pool, PauseHoldsNewRequests) {
  Corpus corpus(6, 2000, 7);
  FakeNntpServer fake;
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  src.attach(nullptr);
  ConnectionPool pool(src);
  pool.set_servers({local_server(fake)});
  pool.set_paused(true);
  pool.start();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(src.handed_out(), 0u);
  EXPECT_EQ(fake.total_body_requests(), 0u);
  pool.set_paused(false);
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
}

TEST(Pool, StopReportsEveryArticleInFlight) {
  Corpus corpus(8, 2000, 8);
  FakeNntpServer fake;
  corpus.serve_on(fake);
  for (auto& id : corpus.ids) fake.stall_once(id);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  pool.set_servers({local_server(fake, 2, 2)});
  pool.start();
  // Each connection's first request stalls; the second waits behind it.
  while (fake.total_body_requests() < 2) std::this_thread::sleep_for(5ms);
  std::this_thread::sleep_for(50ms);
  pool.stop();
  EXPECT_EQ(src.handed_out(), 4u);
  for (uint64_t t = 0; t < 4; ++t) {
    auto out = src.outcomes(t);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].status, FetchStatus::Failed);
    EXPECT_EQ(out[0].data, "pool stopped");
  }
}

TEST(Pool, ReconfigureWhileRunningLosesNothing) {
  Corpus corpus(150, 20000, 9);
  FakeNntpServer fake({.chunking = FakeNntpServer::Chunking::Random});
  corpus.serve_on(fake);
  TestSource src(corpus.ids, /*retry_failed=*/true);
  ConnectionPool pool(src, 2);
  src.attach(&pool);
  auto cfg = local_server(fake, 2, 2);
  pool.set_servers({cfg});
  pool.start();
  while (pool.status()[0].articles_ok < 20) std::this_thread::sleep_for(1ms);
  cfg.connections = 3;
  pool.set_servers({cfg});
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  pool.stop();
  for (size_t i = 0; i < corpus.ids.size(); ++i) {
    auto out = src.outcomes(i);
    ASSERT_FALSE(out.empty());
    ASSERT_EQ(out.back().status, FetchStatus::Ok);
    ASSERT_EQ(out.back().data, corpus.bodies[i]);
    for (size_t k = 0; k + 1 < out.size(); ++k) EXPECT_EQ(out[k].data, "server reconfigured");
  }
}

TEST(Pool, PolicyOnlyChangeKeepsConnections) {
  Corpus corpus(4, 1000, 12);
  FakeNntpServer fake;
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  src.attach(&pool);
  auto cfg = local_server(fake, 1, 1);
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  cfg.priority = 3;
  cfg.retention_days = 100;
  cfg.required = true;
  pool.set_servers({cfg});
  for (uint64_t t = 0; t < corpus.ids.size(); ++t) src.requeue(t);
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  for (uint64_t t = 0; t < corpus.ids.size(); ++t) EXPECT_EQ(src.outcomes(t).back().data, corpus.bodies[t]);
  EXPECT_EQ(fake.connections_accepted(), 1u);
}

ServerConfig tls_server(const FakeNntpServer& fake, int verify) {
  auto cfg = local_server(fake, 2, 2);
  cfg.ssl = true;
  cfg.ssl_verify = verify;
  return cfg;
}

TEST(PoolTls, WorksWithVerificationOff) {
  Corpus corpus(20, 30000, 10);
  FakeNntpServer fake({.chunking = FakeNntpServer::Chunking::Random, .tls = true});
  corpus.serve_on(fake);
  TestSource src(corpus.ids);
  ConnectionPool pool(src);
  pool.set_servers({tls_server(fake, 0)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(corpus.ids.size()));
  corpus.expect_all_arrived_once(src);
}

TEST(PoolTls, VerificationRejectsSelfSignedCertificate) {
  FakeNntpServer fake({.tls = true});
  fake.add_article("a@x", "x\r\n");
  TestSource src({"a@x"});
  ConnectionPool pool(src);
  std::vector<std::string> warnings;
  std::mutex mu;
  pool.set_warning_handler([&](std::string w) {
    std::lock_guard lock(mu);
    warnings.push_back(std::move(w));
  });
  pool.set_servers({tls_server(fake, 2)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::Failed);
  EXPECT_EQ(fake.total_body_requests(), 0u);
  pool.stop();
  std::lock_guard lock(mu);
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings[0].find("certificate"), std::string::npos) << warnings[0];
  EXPECT_TRUE(pool.status()[0].blocked);
}

TEST(PoolTls, VerificationAcceptsTrustedCertificateForItsAddress) {
  FakeNntpServer fake({.tls = true});
  fake.add_article("a@x", "x\r\n");
  const auto ca = std::filesystem::temp_directory_path() / ("nzbd-nntp-ca-" + std::to_string(fake.port()) + ".pem");
  std::ofstream(ca) << fake.certificate_pem();
  TestSource src({"a@x"});
  ConnectionPool pool(src);
  auto cfg = tls_server(fake, 3);
  cfg.ssl_ca_file = ca.string();
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::Ok) << src.outcomes(0).at(0).data;
  pool.stop();
  std::filesystem::remove(ca);
}

}  // namespace
}  // namespace nzbd::nntp::testing
