// SabnzbdClient against canned SABnzbd replies (the mapping, and what a
// hostile server answers). The real round trip against nzbd's own SABnzbd
// API runs in tests/daemon.
#include "pvr/download/sabnzbd_client.h"

#include <gtest/gtest.h>

#include <map>

namespace nzbd::pvr {
namespace {

class SabnzbdClientTest : public ::testing::Test {
 protected:
  SabnzbdClient client() {
    DownloadClientSettings s;
    s.host = "sab.local";
    s.port = 9090;
    s.url_base = "sabnzbd/";
    s.api_key = "k&y";
    HttpGet get = [this](const std::string& url) -> Result<HttpReply> {
      urls.push_back(url);
      for (const auto& [needle, reply] : replies)
        if (url.find(needle) != std::string::npos) return reply;
      return make_error("connection refused");
    };
    HttpPostForm post = [this](const std::string& url, const std::vector<FormPart>& parts) -> Result<HttpReply> {
      urls.push_back(url);
      posted = parts;
      return post_reply;
    };
    return SabnzbdClient(s, get, post);
  }
  void on(const std::string& needle, std::string body, long status = 200) {
    replies.emplace_back(needle, HttpReply{status, std::move(body), std::nullopt});
  }

  std::vector<std::pair<std::string, HttpReply>> replies;
  HttpReply post_reply{200, R"({"status":true,"nzo_ids":["SABnzbd_nzo_abc"]})", std::nullopt};
  std::vector<std::string> urls;
  std::vector<FormPart> posted;
};

TEST_F(SabnzbdClientTest, AddFilePostsTheNzbAndAnswersTheFirstId) {
  auto c = client();
  auto id = c.add_nzb({"<nzb/>", "Show.S01E01: Pilot", "tv", -100});
  ASSERT_TRUE(id.ok()) << id.message();
  EXPECT_EQ(*id, "SABnzbd_nzo_abc");
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(urls[0].rfind("http://sab.local:9090/sabnzbd/api?mode=addfile&cat=tv&priority=-100&nzbname=", 0), 0u)
      << urls[0];
  EXPECT_NE(urls[0].find("&apikey=k%26y&output=json"), std::string::npos);
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].name, "name");
  EXPECT_EQ(posted[0].value, "<nzb/>");
  EXPECT_EQ(posted[0].filename, "Show.S01E01_ Pilot.nzb");

  post_reply.body = R"({"status":true,"nzo_ids":[]})";
  EXPECT_FALSE(c.add_nzb({"<nzb/>", "x", "tv", 0}).ok());
  post_reply.body = R"({"status":false,"error":"API Key Incorrect"})";
  auto bad = c.add_nzb({"<nzb/>", "x", "tv", 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("API Key Incorrect"), std::string::npos);
}

TEST_F(SabnzbdClientTest, QueueAndHistoryMapToItems) {
  on("mode=queue", R"({"queue":{"paused":false,"slots":[
    {"nzo_id":"q1","filename":"Show.S01E01","cat":"tv","status":"Downloading","mb":"100.5","mbleft":"50","timeleft":"0:16:44","priority":"Normal"},
    {"nzo_id":"q2","filename":"Show.S01E02","cat":"tv","status":"Queued","mb":10,"mbleft":10,"timeleft":"1:02:03:04"},
    {"nzo_id":"q3","filename":"Show.S01E03","cat":"tv","status":"Paused","mb":"1","mbleft":"1","timeleft":"0:00:00"},
    {"nzo_id":"q4","filename":"ENCRYPTED / Show.S01E04","cat":"tv","status":"Downloading","mb":"1","mbleft":"1"},
    {"nzo_id":"q5","filename":"Other","cat":"movies","status":"Downloading"},
    {"nzo_id":"q6","filename":"Gone","cat":"tv","status":"Deleted"}]}})");
  on("mode=history", R"({"history":{"slots":[
    {"nzo_id":"h1","name":"Show.S01E05","category":"tv","status":"Completed","bytes":1339742720,"storage":"/data/complete/tv/Show.S01E05/Show.S01E05.mkv","fail_message":""},
    {"nzo_id":"h2","name":"Show.S01E06","category":"tv","status":"Failed","bytes":"5","storage":"","fail_message":"Aborted, cannot be completed"},
    {"nzo_id":"h3","name":"Show.S01E07","category":"tv","status":"Failed","bytes":5,"fail_message":"Unpacking failed, write error or disk is full?"},
    {"nzo_id":"h4","name":"Show.S01E08","category":"tv","status":"Extracting","bytes":5}]}})");
  auto c = client();
  auto items = c.items("tv");
  ASSERT_TRUE(items.ok()) << items.message();
  std::map<std::string, DownloadItem> by_id;
  for (const auto& i : *items) by_id[i.download_id] = i;
  ASSERT_EQ(by_id.size(), 8u);
  EXPECT_EQ(by_id["q1"].status, "downloading");
  EXPECT_EQ(by_id["q1"].total_size, static_cast<std::int64_t>(100.5 * 1048576));
  EXPECT_EQ(by_id["q1"].remaining_size, 50 * 1048576);
  EXPECT_EQ(by_id["q1"].time_left_seconds, 16 * 60 + 44);
  EXPECT_EQ(by_id["q2"].status, "queued");
  EXPECT_EQ(by_id["q2"].time_left_seconds, 86400 + 2 * 3600 + 3 * 60 + 4);
  EXPECT_EQ(by_id["q3"].status, "paused");
  EXPECT_FALSE(by_id["q3"].time_left_seconds);
  EXPECT_EQ(by_id["q4"].status, "failed");
  EXPECT_EQ(by_id["q4"].title, "Show.S01E04");
  EXPECT_EQ(by_id["q4"].message, "Encrypted download detected");
  EXPECT_FALSE(by_id.count("q5"));
  EXPECT_FALSE(by_id.count("q6"));
  EXPECT_EQ(by_id["h1"].status, "completed");
  EXPECT_EQ(by_id["h1"].total_size, 1339742720);
  EXPECT_EQ(by_id["h1"].output_path, "/data/complete/tv/Show.S01E05");
  EXPECT_EQ(by_id["h2"].status, "failed");
  EXPECT_EQ(by_id["h2"].message, "Aborted, cannot be completed");
  EXPECT_EQ(by_id["h3"].status, "warning");
  EXPECT_EQ(by_id["h4"].status, "downloading");
  EXPECT_NE(urls[0].find("mode=queue&start=0&limit=0&category=tv"), std::string::npos);
  EXPECT_NE(urls[1].find("mode=history&start=0&limit=60&category=tv"), std::string::npos);
}

TEST_F(SabnzbdClientTest, GloballyPausedQueueKeepsForcedJobsRunning) {
  on("mode=queue", R"({"queue":{"paused":true,"slots":[
    {"nzo_id":"a","filename":"A","cat":"tv","status":"Downloading","priority":"Force"},
    {"nzo_id":"b","filename":"B","cat":"tv","status":"Downloading","priority":"Normal"}]}})");
  on("mode=history", R"({"history":{"slots":[]}})");
  auto c = client();
  auto items = c.items("tv");
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].status, "downloading");
  EXPECT_EQ((*items)[1].status, "paused");
}

TEST_F(SabnzbdClientTest, HostileRepliesAreErrors) {
  auto c = client();
  EXPECT_FALSE(c.items("tv").ok());  // nothing answers
  const char* bodies[] = {"<html><body>Login</body></html>", "{\"queue\":", "[1,2]", "{\"queue\":{\"slots\":\"x\"}}",
                          "{\"queue\":[]}", "error: API Key Required"};
  for (const char* body : bodies) {
    replies.clear();
    on("mode=queue", body);
    on("mode=history", R"({"history":{"slots":[]}})");
    auto items = c.items("tv");
    EXPECT_FALSE(items.ok()) << body;
  }
  replies.clear();
  on("mode=queue", "API Key Incorrect", 403);
  auto r = c.items("tv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("403"), std::string::npos);
  EXPECT_NE(r.message().find("API Key Incorrect"), std::string::npos);

  // Wrong scalar types inside slots: the slot is read leniently or skipped.
  replies.clear();
  on("mode=queue", R"({"queue":{"slots":[{"nzo_id":5,"mb":{"x":1},"timeleft":"a:b:c"},{"nzo_id":null},7,null]}})");
  on("mode=history", R"({"history":{"slots":[{"nzo_id":"h","status":["Completed"],"bytes":-5,"storage":3}]}})");
  auto lenient = c.items("");
  ASSERT_TRUE(lenient.ok()) << lenient.message();
  ASSERT_EQ(lenient->size(), 2u);
  EXPECT_EQ((*lenient)[0].download_id, "5");
  EXPECT_EQ((*lenient)[0].total_size, 0);
  EXPECT_FALSE((*lenient)[0].time_left_seconds);
  EXPECT_EQ((*lenient)[1].total_size, 0);
  EXPECT_EQ((*lenient)[1].status, "downloading");
}

TEST_F(SabnzbdClientTest, RemoveTriesTheQueueThenTheHistory) {
  on("mode=queue&name=delete", R"({"status":false,"nzo_ids":[]})");
  on("mode=history&nzo_ids=", R"({"history":{"slots":[{"nzo_id":"h2","status":"Failed"}]}})");
  on("mode=history&name=delete", R"({"status":true})");
  auto c = client();
  ASSERT_TRUE(c.remove("h2", true).ok());
  ASSERT_EQ(urls.size(), 3u);
  EXPECT_NE(urls[2].find("name=delete&value=h2&del_files=1&archive=0"), std::string::npos) << urls[2];

  replies.clear();
  urls.clear();
  on("mode=queue&name=delete", R"({"status":true,"nzo_ids":["q1"]})");
  ASSERT_TRUE(c.remove("q1", false).ok());
  EXPECT_EQ(urls.size(), 1u);
  EXPECT_NE(urls[0].find("value=q1&del_files=0"), std::string::npos);
}

TEST_F(SabnzbdClientTest, TestFollowsSonarrsChecks) {
  auto c = client();
  auto f = c.check();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->property, "Host");
  EXPECT_EQ(f->message, "Unable to connect to SABnzbd");

  on("mode=version", R"({"version":"0.6.9"})");
  f = c.check();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->message, "Version 0.7.0+ is required, but found: 0.6.9");

  replies.clear();
  on("mode=version", R"({"version":"4.5.1"})");
  on("mode=get_config", R"({"status":false,"error":"API Key Incorrect"})");
  f = c.check();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->property, "APIKey");
  EXPECT_EQ(f->message, "API Key Incorrect");

  replies.clear();
  on("mode=version", R"({"version":"4.5.1"})");
  on("mode=get_config", R"({"config":{"misc":{"enable_tv_sorting":0},"categories":[{"name":"*","dir":""},{"name":"movies","dir":"m"}]}})");
  f = c.check();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->property, "TvCategory");
  EXPECT_EQ(f->message, "Category does not exist");

  replies.clear();
  on("mode=version", R"({"version":"4.5.1"})");
  on("mode=get_config", R"({"config":{"misc":{"enable_tv_sorting":1,"tv_categories":["tv"]},"categories":[{"name":"tv","dir":"tv"}]}})");
  f = c.check();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->message, "Disable TV Sorting");

  replies.clear();
  on("mode=version", R"({"version":"4.5.1"})");
  on("mode=get_config", R"({"config":{"misc":{"enable_tv_sorting":1,"tv_categories":["anime"]},"categories":[{"name":"tv","dir":"tv"}]}})");
  EXPECT_FALSE(c.check());
  EXPECT_TRUE(c.test().ok());
}

TEST(SabTimeleft, ParsesSabnzbdForms) {
  EXPECT_EQ(parse_sab_timeleft("0:00:00"), 0);
  EXPECT_EQ(parse_sab_timeleft("12:00:01"), 43201);
  EXPECT_EQ(parse_sab_timeleft("2:00:00:00"), 172800);
  EXPECT_FALSE(parse_sab_timeleft(""));
  EXPECT_FALSE(parse_sab_timeleft("1:2"));
  EXPECT_FALSE(parse_sab_timeleft("1:-2:3"));
  EXPECT_FALSE(parse_sab_timeleft("99999999:00:00:00"));
}

}  // namespace
}  // namespace nzbd::pvr
