#include "net/http_fetch.h"

#include <gtest/gtest.h>

#include "support/local_http_server.h"

namespace nzbd::net {
namespace {

using test::LocalHttpServer;
using test::Route;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

FetchOptions quick() {
  FetchOptions o;
  o.timeout = std::chrono::seconds(10);
  return o;
}

TEST(HttpFetch, ReplyCarriesStatusBodyAndHeaders) {
  LocalHttpServer server;
  server.set("/a.nzb", Route{"<nzb/>", "application/x-nzb", 200, true,
                             {"Content-Disposition: attachment; filename=\"Show.S01E01.nzb\"", "Retry-After: 120"}, 0});
  auto r = http_get(server.url("/a.nzb?apikey=1"), quick());
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<nzb/>");
  EXPECT_EQ(r->content_type, "application/x-nzb");
  EXPECT_EQ(r->header("content-disposition"), "attachment; filename=\"Show.S01E01.nzb\"");
  EXPECT_EQ(disposition_filename(r->header("Content-Disposition")), "Show.S01E01.nzb");
  EXPECT_EQ(r->retry_after_seconds, 120);
  EXPECT_EQ(r->header("X-Absent"), "");
}

TEST(HttpFetch, AnHttpErrorStatusIsAReplyNotAnError) {
  LocalHttpServer server;
  auto r = http_get(server.url("/missing"), quick());
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r->status, 404);
  EXPECT_FALSE(r->retry_after_seconds.has_value());
}

TEST(HttpFetch, FollowsAnHttpRedirectAndKeepsOnlyTheLastResponsesHeaders) {
  LocalHttpServer server;
  server.set("/old", Route{"", "text/plain", 302, true, {"Location: /new", "X-Hop: first"}, 0});
  server.set("/new", Route{"here", "text/plain", 200, true, {"X-Final: yes"}, 0});
  auto r = http_get(server.url("/old"), quick());
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "here");
  EXPECT_EQ(r->header("X-Final"), "yes");
  EXPECT_EQ(r->header("X-Hop"), "") << "a redirect's headers are not the reply's";
  EXPECT_EQ(server.requests("/new"), 1);
}

TEST(HttpFetch, ARedirectToAFileUrlIsRefused) {
  LocalHttpServer server;
  server.set("/evil", Route{"", "text/plain", 302, true, {"Location: file:///etc/passwd"}, 0});
  auto r = http_get(server.url("/evil"), quick());
  ASSERT_FALSE(r) << r->body;
  EXPECT_TRUE(contains(r.message(), "only http:// and https://")) << r.message();
}

TEST(HttpFetch, AFileUrlIsRefusedOutright) {
  auto r = http_get("file:///etc/passwd", quick());
  ASSERT_FALSE(r);
  EXPECT_TRUE(contains(r.message(), "only http:// and https://")) << r.message();
}

TEST(HttpFetch, RedirectsStopAtTheLimit) {
  LocalHttpServer server;
  server.set("/loop", Route{"", "text/plain", 302, true, {"Location: /loop"}, 0});
  FetchOptions o = quick();
  o.max_redirects = 3;
  auto r = http_get(server.url("/loop"), o);
  ASSERT_FALSE(r);
  EXPECT_TRUE(contains(r.message(), "more than 3 redirects")) << r.message();
  EXPECT_EQ(server.requests("/loop"), 4);
}

TEST(HttpFetch, ABodyPastTheCapIsAnErrorNamingTheLimit) {
  LocalHttpServer server;
  std::string big(3u << 20, 'x');
  server.set("/sized", Route{big, "text/plain", 200, true, {}, 0});
  server.set("/streamed", Route{big, "text/plain", 200, false, {}, 0});
  FetchOptions o = quick();
  o.max_body = 1u << 20;
  o.what = "NZB";
  for (const char* path : {"/sized", "/streamed"}) {
    auto r = http_get(server.url(path), o);
    ASSERT_FALSE(r) << path;
    EXPECT_EQ(r.message(), "NZB is larger than 1 MiB") << path;
  }
  o.max_body = 4u << 20;
  auto fits = http_get(server.url("/streamed"), o);
  ASSERT_TRUE(fits) << fits.message();
  EXPECT_EQ(fits->body.size(), big.size());
}

TEST(HttpFetch, ASlowServerRunsIntoTheTimeout) {
  LocalHttpServer server;
  server.set("/slow", Route{"late", "text/plain", 200, true, {}, 4000});
  FetchOptions o;
  o.timeout = std::chrono::seconds(1);
  auto r = http_get(server.url("/slow"), o);
  ASSERT_FALSE(r) << r->body;
  EXPECT_TRUE(contains(r.message(), "no complete answer within 1 s")) << r.message();
}

TEST(HttpFetch, ARefusedConnectionSaysSoInCurlsWords) {
  uint16_t port;
  {
    LocalHttpServer gone;
    port = gone.port();
  }
  auto r = http_get("http://127.0.0.1:" + std::to_string(port) + "/", quick());
  ASSERT_FALSE(r);
  EXPECT_TRUE(contains(r.message(), "Couldn't connect to server")) << r.message();
}

TEST(HttpFetch, DispositionFilename) {
  EXPECT_EQ(disposition_filename("attachment; filename=\"a b.nzb\""), "a b.nzb");
  EXPECT_EQ(disposition_filename("attachment; filename=plain.nzb"), "plain.nzb");
  EXPECT_EQ(disposition_filename("inline"), "");
}

TEST(HttpFetch, UrlEscape) {
  EXPECT_EQ(url_escape("a b&c=d/~.-_"), "a%20b%26c%3Dd%2F~.-_");
}

}  // namespace
}  // namespace nzbd::net
