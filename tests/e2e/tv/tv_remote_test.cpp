// The same seed flow through Sonarr's `Sabnzbd` download-client
// implementation, pointed over HTTP at a second nzbd (with its own queue,
// news server and folders) instead of the built-in client.
#include "e2e/tv/tv_util.h"

#include "support/http_client.h"

namespace e2etv {
namespace {

constexpr std::int64_t kGB = 1'000'000'000;
const std::string kBest = "The.Test.Show.S01E01.1080p.WEB-DL.DDP5.1.H.264-GRP";

TEST_F(TvE2E, MissingSearchThroughTheSabnzbdClientOfASecondNzbd) {
  path other_home = tmp_->path() / "other";
  e2epp::Daemon other(other_home);
  ASSERT_TRUE(other.start());
  const std::string other_url = other.proc().url();  // http://127.0.0.1:PORT
  const std::string port = other_url.substr(other_url.rfind(':') + 1);

  // Disable the built-in client; add the remote one.
  Json clients = sonarr("GET", "/api/v3/downloadclient");
  ASSERT_TRUE(clients.is_array()) << clients.dump();
  long st = 0;
  for (auto c : clients) {
    c["enable"] = false;
    sonarr("PUT", "/api/v3/downloadclient/" + std::to_string(c["id"].get<int>()), c, &st);
    ASSERT_TRUE(st == 200 || st == 202) << st;
  }
  Json remote = {{"name", "other-nzbd"},
                 {"implementation", "Sabnzbd"},
                 {"configContract", "SabnzbdSettings"},
                 {"protocol", "usenet"},
                 {"enable", true},
                 {"priority", 1},
                 {"removeCompletedDownloads", true},
                 {"removeFailedDownloads", true},
                 {"fields",
                  {{{"name", "host"}, {"value", "127.0.0.1"}},
                   {{"name", "port"}, {"value", std::stoi(port)}},
                   {{"name", "useSsl"}, {"value", false}},
                   {{"name", "urlBase"}, {"value", ""}},
                   {{"name", "apiKey"}, {"value", other.proc().api_key()}},
                   {{"name", "tvCategory"}, {"value", "tv"}}}}};
  Json added = sonarr("POST", "/api/v3/downloadclient", remote, &st);
  ASSERT_EQ(st, 201) << added.dump();
  Json test = sonarr("POST", "/api/v3/downloadclient/test", remote, &st);
  EXPECT_EQ(st, 200) << test.dump();

  ASSERT_TRUE(add_series());
  path mkv;
  std::string nzb = post_release(kBest, &mkv);
  ASSERT_FALSE(nzb.empty());
  newznab_->set_releases({release(kBest, kGB * 15 / 10, 1, 1, nzb)});
  ASSERT_TRUE(add_indexer());
  Json cmd = wait_command(seed_missing_search());
  ASSERT_EQ(cmd.value("status", ""), "completed") << cmd.dump();

  // The job ran in the other daemon's queue.
  Json history = other.api("mode=history");
  bool remote_job = false;
  ASSERT_TRUE(wait_until([&] {
    history = other.api("mode=history");
    for (const auto& slot : history["history"]["slots"])
      if (slot.value("category", "") == "tv") remote_job = true;
    return remote_job;
  }, 120s)) << history.dump();

  const int e1 = episode_id(1, 1);
  ASSERT_TRUE(wait_until([&] { return episode(e1).value("hasFile", false); }, 180s)) << debug_state();
  path imported = tv_root() / "The Test Show" / "Season 1" / (kBest + ".mkv");
  EXPECT_TRUE(nzbd::test::same_bytes(mkv, imported));
  other.stop();
}

}  // namespace
}  // namespace e2etv
