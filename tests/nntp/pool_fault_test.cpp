// The pool against a misbehaving server: wrong password, refused greeting,
// dropped and stalled replies, garbage and oversized articles.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "pool_helpers.h"
#include "support/fault_proxy.h"
#include "test_source.h"

namespace nzbd::nntp::testing {
namespace {
using namespace std::chrono_literals;
using test::FakeNntpServer;

struct Warnings {
  std::mutex mu;
  std::vector<std::string> list;
  void attach(ConnectionPool& pool) {
    pool.set_warning_handler([this](std::string w) {
      std::lock_guard lock(mu);
      list.push_back(std::move(w));
    });
  }
  std::vector<std::string> get() {
    std::lock_guard lock(mu);
    return list;
  }
};

TEST(PoolFaults, WrongPasswordBlocksServerUntilUnblocked) {
  FakeNntpServer fake({.user = "u", .pass = "right"});
  fake.add_article("a@x", "payload\r\n");
  TestSource src({"a@x"});
  ConnectionPool pool(src);
  src.attach(&pool);
  Warnings warnings;
  warnings.attach(pool);
  auto cfg = local_server(fake, 2, 2);
  cfg.username = "u";
  cfg.password = "wrong";
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::Failed);
  std::this_thread::sleep_for(100ms);
  auto w = warnings.get();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].rfind("Authentication failed for server fake", 0), 0u) << w[0];
  auto st = pool.status()[0];
  EXPECT_TRUE(st.blocked);
  EXPECT_FALSE(st.active);
  EXPECT_NE(st.error.find("481"), std::string::npos) << st.error;
  EXPECT_EQ(src.state_changes(), std::vector<bool>{false});

  // Blocked: new work is not taken.
  src.requeue(0);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(src.outcomes(0).size(), 1u);

  fake.set_password("wrong");
  pool.unblock("fake");
  ASSERT_TRUE(src.wait_finished(1));
  auto out = src.outcomes(0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].status, FetchStatus::Ok);
  EXPECT_EQ(out[1].data, "payload\r\n");
  EXPECT_FALSE(pool.status()[0].blocked);
  EXPECT_EQ(src.state_changes(), (std::vector<bool>{false, true}));
}

TEST(PoolFaults, MissingCredentialsBlockOnAuthRequired) {
  FakeNntpServer fake({.user = "u", .pass = "p"});
  fake.add_article("a@x", "payload\r\n");
  TestSource src({"a@x"});
  ConnectionPool pool(src);
  Warnings warnings;
  warnings.attach(pool);
  pool.set_servers({local_server(fake, 1, 1)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::Failed);
  std::this_thread::sleep_for(50ms);
  ASSERT_EQ(warnings.get().size(), 1u);
  EXPECT_NE(warnings.get()[0].find("Authentication failed"), std::string::npos);
  EXPECT_TRUE(pool.status()[0].blocked);
}

TEST(PoolFaults, LineBreakInPasswordIsNeverSent) {
  FakeNntpServer fake({.user = "u", .pass = "p"});
  fake.add_article("a@x", "payload\r\n");
  TestSource src({"a@x"});
  ConnectionPool pool(src);
  Warnings warnings;
  warnings.attach(pool);
  auto cfg = local_server(fake, 1, 1);
  cfg.username = "u";
  cfg.password = "p\r\nBODY <a@x>";
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::Failed);
  EXPECT_EQ(fake.total_body_requests(), 0u);
  EXPECT_TRUE(pool.status()[0].blocked);
  EXPECT_NE(warnings.get().at(0).find("line break"), std::string::npos);
}

TEST(PoolFaults, RefusedGreetingBlocksWithWarning) {
  FakeNntpServer fake({.greeting = "502 no permission"});
  fake.add_article("a@x", "payload\r\n");
  TestSource src({"a@x"});
  ConnectionPool pool(src);
  Warnings warnings;
  warnings.attach(pool);
  pool.set_servers({local_server(fake, 2, 1)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::Failed);
  std::this_thread::sleep_for(100ms);
  auto w = warnings.get();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("blocked"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("502 no permission"), std::string::npos) << w[0];
  EXPECT_TRUE(pool.status()[0].blocked);
}

TEST(PoolFaults, DropMidArticleFailsThenRefetches) {
  FakeNntpServer fake;
  std::mt19937 rng(11);
  std::vector<std::string> ids, bodies;
  for (int i = 0; i < 10; ++i) {
    ids.push_back("d" + std::to_string(i) + "@x");
    bodies.push_back(make_body(rng, 20000));
    fake.add_article(ids.back(), bodies.back());
  }
  fake.drop_once(ids[3]);
  TestSource src(ids, /*retry_failed=*/true);
  ConnectionPool pool(src);
  src.attach(&pool);
  pool.set_servers({local_server(fake, 1, 2)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(ids.size()));
  auto out = src.outcomes(3);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].status, FetchStatus::Failed);
  EXPECT_EQ(out[1].data, bodies[3]);
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(src.outcomes(i).back().data, bodies[i]);
  EXPECT_GE(fake.connections_accepted(), 2u);
  EXPECT_FALSE(pool.status()[0].blocked);
}

TEST(PoolFaults, StalledReplyTimesOut) {
  FakeNntpServer fake;
  fake.add_article("s@x", "slow\r\n");
  fake.stall_once("s@x");
  TestSource src({"s@x"}, /*retry_failed=*/true);
  ConnectionPool pool(src);
  src.attach(&pool);
  auto cfg = local_server(fake, 1, 1);
  cfg.timeout_s = 1;
  pool.set_servers({cfg});
  const auto t0 = std::chrono::steady_clock::now();
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  auto out = src.outcomes(0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].status, FetchStatus::Failed);
  EXPECT_EQ(out[0].data, "timed out");
  EXPECT_EQ(out[1].data, "slow\r\n");
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 5s);
}

TEST(PoolFaults, GarbageReplyFailsAndConnectionRecovers) {
  FakeNntpServer fake;
  fake.add_article("g@x", "good\r\n");
  fake.add_article("h@x", "also\r\n");
  fake.garbage_once("g@x", "this is not nntp\r\n");
  TestSource src({"g@x", "h@x"}, /*retry_failed=*/true);
  ConnectionPool pool(src);
  src.attach(&pool);
  pool.set_servers({local_server(fake, 1, 2)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(2));
  auto out = src.outcomes(0);
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[0].status, FetchStatus::Failed);
  EXPECT_EQ(out[0].data, "malformed reply");
  EXPECT_EQ(out.back().data, "good\r\n");
  EXPECT_EQ(src.outcomes(1).back().data, "also\r\n");
}

TEST(PoolFaults, OversizedArticleFails) {
  FakeNntpServer fake;
  fake.add_article("big@x", std::string(200000, 'x') + "\r\n");
  fake.add_article("small@x", "tiny\r\n");
  TestSource src({"big@x", "small@x"});
  ConnectionPool pool(src, PoolOptions{.max_article_bytes = 64 * 1024});
  pool.set_servers({local_server(fake, 1, 1)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(2));
  EXPECT_EQ(src.outcomes(0).at(0).status, FetchStatus::Failed);
  EXPECT_EQ(src.outcomes(0).at(0).data, "article too large");
  EXPECT_EQ(src.outcomes(1).at(0).data, "tiny\r\n");
}

TEST(PoolFaults, UnreachableServerIsBlockedAfterRepeatedFailures) {
  uint16_t port;
  {
    FakeNntpServer gone;  // take a free port, then close it
    port = gone.port();
  }
  TestSource src({"a@x"}, /*retry_failed=*/true);
  ConnectionPool pool(src);
  src.attach(&pool);
  Warnings warnings;
  warnings.attach(pool);
  ServerConfig cfg;
  cfg.name = "down";
  cfg.host = "127.0.0.1";
  cfg.port = port;
  cfg.connections = 3;
  pool.set_servers({cfg});
  pool.start();
  for (int i = 0; i < 200 && warnings.get().empty(); ++i) std::this_thread::sleep_for(10ms);
  auto w = warnings.get();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("Server down blocked for 60 s"), std::string::npos) << w[0];
  EXPECT_TRUE(pool.status()[0].blocked);
  EXPECT_FALSE(pool.status()[0].error.empty());
}

// Regression (faults on the wire): articles cut off mid-body on every
// connection at once used to count as the server being down (three failures
// with no ready connection) and blocked it, so an engine without another
// server waited out block after block instead of charging the articles their
// tries. A reply lost under way is the article's failure, not the server's.
TEST(PoolFaults, ArticlesDroppedOnEveryConnectionDoNotBlockTheServer) {
  FakeNntpServer fake;
  std::mt19937 rng(12);
  std::vector<std::string> ids;
  for (int i = 0; i < 16; ++i) {
    ids.push_back("x" + std::to_string(i) + "@x");
    fake.add_article(ids.back(), make_body(rng, 20000));
    fake.drop_once(ids.back());
  }
  TestSource src(ids);
  ConnectionPool pool(src);
  src.attach(&pool);
  Warnings warnings;
  warnings.attach(pool);
  pool.set_servers({local_server(fake, 4, 1)});
  pool.start();
  ASSERT_TRUE(src.wait_finished(ids.size()));
  for (size_t i = 0; i < ids.size(); ++i) {
    ASSERT_EQ(src.outcomes(i).size(), 1u);
    EXPECT_EQ(src.outcomes(i)[0].status, FetchStatus::Failed);
    EXPECT_EQ(src.outcomes(i)[0].data.rfind("connection lost", 0), 0u) << src.outcomes(i)[0].data;
  }
  EXPECT_EQ(fake.total_body_requests(), ids.size()) << "articles were failed without being asked";
  EXPECT_FALSE(pool.status()[0].blocked);
  EXPECT_TRUE(warnings.get().empty()) << warnings.get()[0];
  EXPECT_FALSE(pool.status()[0].error.empty()) << "the last error should still show";
}

// Regression (faults on the wire): a server that greets and then never
// answers a BODY was blocked only when its connections happened to time out
// together (every reconnect reset the count), so whether a job behind it
// waited or burnt its articles' tries was a matter of timing. Three timeouts
// with no reply in between now block it.
TEST(PoolFaults, ServerThatAnswersNothingIsBlockedAfterThreeTimeouts) {
  FakeNntpServer fake;
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back("t" + std::to_string(i) + "@x");
    fake.add_article(ids.back(), "body\r\n");
    fake.stall_once(ids.back());
  }
  TestSource src(ids);
  ConnectionPool pool(src);
  src.attach(&pool);
  Warnings warnings;
  warnings.attach(pool);
  auto cfg = local_server(fake, 1, 1);
  cfg.timeout_s = 1;
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(3));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(src.outcomes(i).at(0).data, "timed out");
  EXPECT_TRUE(pool.status()[0].blocked);
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(fake.body_requests(ids[3]), 0u) << "a blocked server was asked again";
  auto w = warnings.get();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("blocked for 60 s: timed out"), std::string::npos) << w[0];
}

// Regression (faults on the wire): a server that trickles a reply (a few
// bytes now and then) never timed out, so the article, and the job waiting
// for it, never ended. Less than 1 KiB/s over a whole timeout_s now fails
// that try; the next one (here at full speed) fetches it.
TEST(PoolFaults, TrickledReplyFailsAsTooSlowThenRefetches) {
  FakeNntpServer fake;
  std::mt19937 rng(13);
  const std::string body = make_body(rng, 20000);
  fake.add_article("slow@x", body);
  test::FaultProxy proxy(test::FaultProxy::Options{
      .upstream_port = fake.port(), .rules = {{test::Fault::Trickle, 1.0, {"slow@x"}, 1}},
      .trickle_bytes = 50, .trickle_ms = 100});
  TestSource src({"slow@x"}, /*retry_failed=*/true);
  ConnectionPool pool(src);
  src.attach(&pool);
  ServerConfig cfg;
  cfg.name = "trickle";
  cfg.host = "127.0.0.1";
  cfg.port = proxy.port();
  cfg.connections = 1;
  cfg.timeout_s = 1;
  pool.set_servers({cfg});
  pool.start();
  ASSERT_TRUE(src.wait_finished(1));
  auto out = src.outcomes(0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].status, FetchStatus::Failed);
  EXPECT_EQ(out[0].data.rfind("too slow", 0), 0u) << out[0].data;
  EXPECT_EQ(out[1].data, body);
  EXPECT_EQ(proxy.injected(test::Fault::Trickle), 1u);
  EXPECT_FALSE(pool.status()[0].blocked);
}

}  // namespace
}  // namespace nzbd::nntp::testing
