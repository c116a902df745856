// Refusals at intake: an NZB with more files than an article token can tell
// apart, and a news server past the configured maximum, each answered in
// SABnzbd's own reply shape with nothing added.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "api/sab/sab_api.h"
#include "config/store.h"
#include "queue/queue.h"
#include "support/temp_dir.h"
#include "util/warnings.h"

namespace nzbd::queue {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string nzb_with_files(size_t files) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n";
  out.reserve(files * 200);
  for (size_t i = 0; i < files; ++i) {
    std::string n = std::to_string(i);
    out += "<file poster=\"p\" date=\"1700000000\" subject=\"&quot;f" + n + ".bin&quot; yEnc (1/1)\">"
           "<groups><group>a.b.c</group></groups><segments><segment bytes=\"10\" number=\"1\">m" + n +
           "@x</segment></segments></file>\n";
  }
  return out + "</nzb>\n";
}

class IntakeLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir / "nzbd.ini");
    ASSERT_TRUE(cfg.ok()) << cfg.message();
    config = std::make_unique<config::ConfigStore>(std::move(*cfg));
    (void)config->write("misc", [&](config::Config& c) {
      c.set_misc("admin_dir", (dir / "admin").string());
      c.set_misc("download_dir", (dir / "incomplete").string());
      c.set_misc("complete_dir", (dir / "complete").string());
    });
    queue = std::make_unique<Queue>(*config);
    ASSERT_TRUE(queue->load().ok());
    api = std::make_unique<api::sab::SabApi>(
        api::sab::Services{*config, warnings, "test", {}, {}, queue.get(), nullptr, {}});
  }
  void TearDown() override { queue->stop(); }

  Json call(std::initializer_list<std::pair<std::string, std::string>> args, const http::FormFile* file = nullptr) {
    http::Request req;
    req.method = "POST";
    req.path = "/api";
    req.remote_address = "127.0.0.1";
    req.headers["host"] = "localhost";
    req.params.add("apikey", config->misc("api_key"));
    req.params.add("output", "json");
    for (const auto& [k, v] : args) req.params.add(k, v);
    if (file) req.params.files.push_back(*file);
    auto r = api->handle(req);
    EXPECT_EQ(r.status, 200);
    return Json::parse(r.body, nullptr, false);
  }
  size_t jobs() const {
    return queue->with_jobs([](const JobList& j, const QueueStatus&) { return j.size(); });
  }

  test::TempDir dir;
  WarningLog warnings;
  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<Queue> queue;
  std::unique_ptr<api::sab::SabApi> api;
};

TEST_F(IntakeLimits, AnNzbWithMoreFilesThanATokenHoldsIsRefused) {
  std::string data = nzb_with_files(ArticleToken::kMaxFiles + 1);
  auto direct = queue->add_data(data, "huge.nzb", {});
  ASSERT_FALSE(direct.ok());
  EXPECT_NE(direct.message().find("at most 65536 files per job"), std::string::npos) << direct.message();

  // The reason goes where the daemon's other intake refusals go: a warning
  // (the daemon's log sink adds warnings to mode=warnings).
  auto log = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(20);
  spdlog::default_logger()->sinks().push_back(log);
  http::FormFile f{"name", "huge.nzb", "application/x-nzb", data};
  Json reply = call({{"mode", "addfile"}}, &f);
  spdlog::default_logger()->sinks().pop_back();
  // SABnzbd's answer to an NZB it will not take: no ids.
  EXPECT_EQ(reply, Json::parse(R"({"status": false, "nzo_ids": []})")) << reply.dump();
  bool warned = false;
  for (const auto& line : log->last_formatted())
    warned |= line.find("[warning]") != std::string::npos && line.find("huge.nzb") != std::string::npos &&
              line.find("at most 65536 files per job") != std::string::npos;
  EXPECT_TRUE(warned) << "the refusal's reason was not reported";
  EXPECT_EQ(jobs(), 0u);
  size_t stored = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir / "admin" / "queue", ec)) stored += e.is_directory();
  EXPECT_EQ(stored, 0u) << "a job record was stored for a refused NZB";
}

TEST_F(IntakeLimits, AnNzbWellUnderTheFileLimitIsTaken) {
  auto ids = queue->add_data(nzb_with_files(1000), "fine.nzb", {});
  ASSERT_TRUE(ids.ok()) << ids.message();
  EXPECT_EQ(jobs(), 1u);
}

TEST_F(IntakeLimits, SetConfigWillNotAddAServerPastTheMaximum) {
  for (size_t i = 0; i < config::kMaxServers; ++i) {
    Json r = call({{"mode", "set_config"}, {"section", "servers"}, {"name", "s" + std::to_string(i)},
                   {"host", "news.example"}});
    ASSERT_FALSE(r.contains("error")) << r.dump();
  }
  Json refused = call({{"mode", "set_config"}, {"section", "servers"}, {"name", "one-more"}, {"host", "x"}});
  EXPECT_EQ(refused.value("status", true), false) << refused.dump();
  EXPECT_NE(refused.value("error", "").find("at most 32"), std::string::npos) << refused.dump();
  // Changing a server that exists is still fine.
  Json changed = call({{"mode", "set_config"}, {"section", "servers"}, {"name", "s0"}, {"host", "other.example"}});
  EXPECT_FALSE(changed.contains("error")) << changed.dump();
  EXPECT_EQ(config->read([](const config::Config& c) { return c.items("servers").size(); }), config::kMaxServers);
  // And the file it saved loads again.
  EXPECT_TRUE(config::Config::load_or_create(dir / "nzbd.ini").ok());
}

}  // namespace
}  // namespace nzbd::queue
