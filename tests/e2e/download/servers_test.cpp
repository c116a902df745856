// Server handling against INN2 and the in-test fake server: fall-through to a
// lower-priority server, articles missing everywhere, a wrong password, a
// connection dropped mid-article, and TLS with and without verification.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <thread>

#include "e2e/download/rig_util.h"
#include "support/fake_nntp_server.h"
#include "support/http_client.h"

namespace e2e {
namespace {

using namespace std::chrono_literals;

struct SmallPost {
  nzbd::test::TempDir dir;
  std::vector<fs::path> files;
  fs::path nzb;
  std::vector<std::string> ids;

  // One random file of `size` bytes in 64000-byte articles.
  explicit SmallPost(size_t size, uint32_t seed, int port = NZBD_RIG_PORT, const std::string& nyuu_args = "") {
    files.push_back(dir / ("small_" + std::to_string(seed) + ".bin"));
    write_random_file(files[0], size, seed);
    nzb = dir / "small.nzb";
    ids = message_ids(post_files(port, nzb, files, 64000, nyuu_args));
  }
};

bool contains_ci(const std::string& hay, const std::string& needle) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  return lower(hay).find(lower(needle)) != std::string::npos;
}

// Waits until some warning contains one of `words`; returns all warnings.
std::string wait_warning(const Daemon& d, const std::vector<std::string>& words, std::chrono::seconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  std::string all;
  while (std::chrono::steady_clock::now() < until) {
    all = d.api("mode=warnings").dump();
    for (const auto& w : words)
      if (contains_ci(all, w)) return all;
    std::this_thread::sleep_for(200ms);
  }
  ADD_FAILURE() << "no warning with any expected word; warnings: " << all;
  return all;
}

std::optional<Json> server_entry(const Daemon& d, const std::string& name) {
  Json s = d.api("mode=fullstatus&skip_dashboard=1");
  if (!s.contains("status")) return std::nullopt;
  for (const auto& e : s["status"]["servers"])
    if (e.value("servername", "") == name) return e;
  return std::nullopt;
}

void expect_completed(const Daemon& d, const std::string& nzo, const std::vector<fs::path>& files) {
  auto slot = d.wait_done(nzo, 90s);
  ASSERT_TRUE(slot);
  ASSERT_EQ(slot->value("status", ""), "Completed") << slot->dump();
  expect_files_in(slot->value("storage", ""), files);
}

TEST(E2eServers, LowerPriorityServerSuppliesArticlesTheFirstLacks) {
  SmallPost post(2'000'000, 31);
  ASSERT_GE(post.ids.size(), 25u);
  std::vector<std::string> gone = {post.ids[1], post.ids[12], post.ids.back()};
  nzbd::test::FakeNntpServer fake;
  for (const auto& id : gone) {
    auto body = fetch_raw_body(NZBD_RIG_PORT, id);
    ASSERT_TRUE(body) << id;
    fake.add_article(id, *body);
  }
  ASSERT_TRUE(cancel_articles(gone));
  ASSERT_FALSE(fetch_raw_body(NZBD_RIG_PORT, gone[0])) << "cancel did not remove the article";

  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  ASSERT_TRUE(d.add_server("backup", fake.port(), 1));
  std::string nzo = d.add_file(post.nzb, "fallthrough.nzb", "");
  ASSERT_FALSE(nzo.empty());
  expect_completed(d, nzo, post.files);
  size_t asked_for_gone = 0;
  for (const auto& id : gone) {
    EXPECT_GE(fake.body_requests(id), 1u) << id;
    asked_for_gone += fake.body_requests(id);
  }
  EXPECT_EQ(fake.total_body_requests(), asked_for_gone) << "the priority-1 server was asked for articles INN has";
}

TEST(E2eServers, ArticleMissingEverywhereFailsTheJobWithoutPar2) {
  SmallPost post(700'000, 32);
  ASSERT_GE(post.ids.size(), 5u);
  ASSERT_TRUE(cancel_articles({post.ids[2]}));
  nzbd::test::FakeNntpServer empty;  // a second server that has nothing

  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  ASSERT_TRUE(d.add_server("empty", empty.port(), 1));
  std::string nzo = d.add_file(post.nzb, "missing.nzb", "");
  ASSERT_FALSE(nzo.empty());
  auto slot = d.wait_done(nzo, 60s);
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->value("status", ""), "Failed") << slot->dump();
  EXPECT_FALSE(slot->value("fail_message", "").empty()) << slot->dump();
  EXPECT_GE(empty.body_requests(post.ids[2]), 1u) << "the missing article was not tried on the second server";
  EXPECT_FALSE(d.queue_slot(nzo));
}

TEST(E2eServers, WrongPasswordWarnsBlocksAndRecoversWithTheRightOne) {
  SmallPost post(1'000'000, 33);
  ASSERT_FALSE(post.ids.empty());
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("auth", NZBD_RIG_AUTH_PORT, 0, "&username=nzbd&password=wrong"));
  std::string nzo = d.add_file(post.nzb, "auth.nzb", "");
  ASSERT_FALSE(nzo.empty());

  std::printf("warnings: %s\n", wait_warning(d, {"auth", "password", "login", "481"}, 20s).c_str());
  // The API stays responsive while the server refuses the login.
  for (int i = 0; i < 5; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    Json q = d.api("mode=queue");
    EXPECT_TRUE(q.contains("queue"));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  }
  auto server = server_entry(d, "auth");
  ASSERT_TRUE(server) << d.api("mode=fullstatus").dump();
  EXPECT_FALSE(server->value("serverwarning", "").empty() && server->value("servererror", "").empty())
      << "blocked server without a warning/error: " << server->dump();
  auto slot = d.queue_slot(nzo);
  ASSERT_TRUE(slot) << "job left the queue although nothing could be fetched";
  EXPECT_EQ(slot->value("mbleft", ""), slot->value("mb", ""));

  ASSERT_TRUE(d.add_server("auth", NZBD_RIG_AUTH_PORT, 0, "&username=nzbd&password=secret"));
  expect_completed(d, nzo, post.files);
}

TEST(E2eServers, ConnectionDroppedMidArticleIsSurvived) {
  SmallPost post(1'000'000, 34);
  ASSERT_GE(post.ids.size(), 10u);
  nzbd::test::FakeNntpServer fake;
  for (const auto& id : post.ids) {
    auto body = fetch_raw_body(NZBD_RIG_PORT, id);
    ASSERT_TRUE(body) << id;
    fake.add_article(id, *body);
  }
  fake.drop_once(post.ids[3]);
  fake.drop_once(post.ids[9]);

  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("flaky", fake.port(), 0));
  std::string nzo = d.add_file(post.nzb, "drop.nzb", "");
  ASSERT_FALSE(nzo.empty());
  expect_completed(d, nzo, post.files);
  EXPECT_GE(fake.body_requests(post.ids[3]), 2u);
  EXPECT_GE(fake.body_requests(post.ids[9]), 2u);
}

TEST(E2eServers, TlsDownloadsWithoutVerificationAndRefusesSelfSignedWithIt) {
  SmallPost post(1'500'000, 35);
  ASSERT_FALSE(post.ids.empty());
  {
    nzbd::test::TempDir home;
    Daemon d(home.path());
    ASSERT_TRUE(d.start()) << d.proc().output();
    ASSERT_TRUE(d.add_server("tls", NZBD_RIG_TLS_PORT, 0, "&ssl=1&ssl_verify=0"));
    std::string nzo = d.add_file(post.nzb, "tls.nzb", "");
    ASSERT_FALSE(nzo.empty());
    expect_completed(d, nzo, post.files);
  }
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("tls", NZBD_RIG_TLS_PORT, 0, "&ssl=1&ssl_verify=2"));
  std::string nzo = d.add_file(post.nzb, "tls_verify.nzb", "");
  ASSERT_FALSE(nzo.empty());
  std::printf("warnings: %s\n", wait_warning(d, {"certificate", "verify", "ssl", "tls", "handshake"}, 20s).c_str());
  std::this_thread::sleep_for(1s);
  auto slot = d.queue_slot(nzo);
  ASSERT_TRUE(slot) << "job left the queue though the only server was refused: " << d.api("mode=history").dump();
  EXPECT_EQ(slot->value("mbleft", ""), slot->value("mb", ""));
}

}  // namespace
}  // namespace e2e
