// The HTTP server survives a handler that throws: that request gets a 500
// with a small JSON body, and the server goes on serving.
#include "http/server.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include "support/http_client.h"

namespace nzbd::http {
namespace {

Response handle(Request& req) {
  if (req.path == "/boom") throw std::runtime_error("database is \"locked\"");
  if (req.path == "/odd") throw 42;  // not even a std::exception
  return Response::text("ok " + req.path);
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.port = 0;
    server = std::make_unique<Server>(o, handle);
    auto port = server->start();
    ASSERT_TRUE(port.ok()) << port.message();
    base = "http://127.0.0.1:" + std::to_string(*port);
  }
  std::unique_ptr<Server> server;
  std::string base;
};

TEST_F(HttpServerTest, AThrowingHandlerGetsA500AndTheNextRequestIsServed) {
  auto r = test::http_get(base + "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.content_type.find("application/json"), std::string::npos) << r.content_type;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << r.body;
  EXPECT_EQ(body.value("error", ""), "internal error: database is \"locked\"") << r.body;

  auto next = test::http_get(base + "/fine");
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "ok /fine");
}

TEST_F(HttpServerTest, AnythingThrownIsCaughtAndEveryIoThreadKeepsServing) {
  // More failures than io threads: none of them may end a thread.
  for (int i = 0; i < 6; ++i) {
    auto r = test::http_get(base + (i % 2 ? "/odd" : "/boom"));
    EXPECT_EQ(r.status, 500) << i;
  }
  auto odd = nlohmann::json::parse(test::http_get(base + "/odd").body, nullptr, false);
  EXPECT_EQ(odd.value("error", ""), "internal error: unknown exception");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(test::http_get(base + "/ok").status, 200) << i;
}

// One I/O thread, and a handler that waits until the test has been answered
// elsewhere: only a worker pool lets the second request through meanwhile.
TEST(HttpServerWorkers, ABlockingHandlerDoesNotHoldTheIoThreads) {
  std::promise<void> fast_answered;
  auto released = fast_answered.get_future().share();
  std::atomic<bool> slow_saw_release{false};
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.may_block = [](const Request& r) { return r.path == "/slow"; };
  Server server(o, [&](Request& r) {
    if (r.path == "/slow") slow_saw_release = released.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    return Response::text("ok " + r.path);
  });
  auto port = server.start();
  ASSERT_TRUE(port.ok()) << port.message();
  const std::string base = "http://127.0.0.1:" + std::to_string(*port);
  std::thread slow([&] { EXPECT_EQ(test::http_get(base + "/slow").body, "ok /slow"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the slow one is in its handler
  EXPECT_EQ(test::http_get(base + "/fast").body, "ok /fast");
  fast_answered.set_value();
  slow.join();
  EXPECT_TRUE(slow_saw_release) << "the fast request was answered only after the slow handler gave up";
}

}  // namespace
}  // namespace nzbd::http
