// The libcurl table (net/curl.h): loaded once, every entry resolved, and the
// library it came from is the one the headers describe.
#include "net/curl.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace nzbd::net {
namespace {

TEST(CurlTable, LoadsOnceForEveryThread) {
  std::vector<const Curl*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&seen, i] {
      auto api = curl();
      if (api) seen[i] = *api;
    });
  for (auto& t : threads) t.join();
  ASSERT_NE(seen[0], nullptr) << curl().message();
  for (const Curl* p : seen) EXPECT_EQ(p, seen[0]);
}

TEST(CurlTable, EveryEntryIsResolvedAndWorks) {
  auto api = curl();
  ASSERT_TRUE(api) << api.message();
  const Curl& k = **api;
  EXPECT_STREQ(k.easy_strerror(CURLE_OK), "No error");
  CURL* h = k.easy_init();
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(k.easy_setopt(h, CURLOPT_URL, "http://127.0.0.1:9/"), CURLE_OK);
  curl_mime* mime = k.mime_init(h);
  ASSERT_NE(mime, nullptr);
  curl_mimepart* part = k.mime_addpart(mime);
  EXPECT_EQ(k.mime_name(part, "nzbfile"), CURLE_OK);
  EXPECT_EQ(k.mime_data(part, "x", 1), CURLE_OK);
  EXPECT_EQ(k.mime_filename(part, "a.nzb"), CURLE_OK);
  EXPECT_EQ(k.mime_type(part, "application/x-nzb"), CURLE_OK);
  k.mime_free(mime);
  curl_slist* list = k.slist_append(nullptr, "<a@example.org>");
  ASSERT_NE(list, nullptr);
  k.slist_free_all(list);
  k.easy_cleanup(h);
}

}  // namespace
}  // namespace nzbd::net
