// Test fixture: a SonarrApi over a temp data folder and a fake TVMaze, plus
// helpers that build http::Request values the way the server would.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "api/sonarr/sonarr_api.h"
#include "fake_tvmaze.h"
#include "http/form.h"

namespace nzbd::sonarr::testing {
using nlohmann::json;

inline constexpr const char* kKey = "0123456789abcdef0123456789abcdef";

struct Reply {
  int status = 0;
  std::string body;
  http::Response raw;
  json js() const { return body.empty() ? json() : json::parse(body); }
};

class SonarrTest : public ::testing::Test {
 protected:
  SonarrTest() {
    std::random_device rd;
    root_ = std::filesystem::temp_directory_path() / ("nzbd-sonarr-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(root_ / "tv");
    SonarrOptions o;
    o.data_dir = root_ / "data";
    o.api_key = [] { return std::string(kKey); };
    o.tvmaze_base_url = tvmaze_.base_url();
    o.version = "4.0.9.2244";
    api_ = std::make_unique<SonarrApi>(o);
  }
  ~SonarrTest() override {
    api_.reset();
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

  Reply call(const std::string& method, const std::string& target, const std::string& body = "",
             std::map<std::string, std::string> headers = {{"x-api-key", kKey}}) {
    http::Request req;
    req.method = method;
    req.target = target;
    auto q = target.find('?');
    req.path = http::decode_path(target.substr(0, q));
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.headers = std::move(headers);
    if (!body.empty() && !req.headers.count("content-type")) req.headers["content-type"] = "application/json";
    req.body = body;
    req.remote_address = "127.0.0.1";
    EXPECT_TRUE(http::parse_params(req).ok());
    Reply r;
    r.raw = api_->handle(req);
    r.status = r.raw.status;
    r.body = r.raw.body;
    return r;
  }
  Reply get(const std::string& target) { return call("GET", target); }
  Reply post(const std::string& target, const json& body) { return call("POST", target, body.dump()); }
  Reply put(const std::string& target, const json& body) { return call("PUT", target, body.dump()); }
  Reply del(const std::string& target) { return call("DELETE", target); }

  std::string tv_root() const { return (root_ / "tv").string(); }

  // Adds the root folder and "The Test Show" (tvdb 300101); returns the series.
  json add_test_show(const json& extra = json::object()) {
    if (get("/api/v3/rootfolder").js().empty()) {
      EXPECT_EQ(post("/api/v3/rootfolder", {{"path", tv_root()}}).status, 201);
    }
    json body = {{"title", "The Test Show"}, {"tvdbId", 300101}, {"qualityProfileId", 1}, {"rootFolderPath", tv_root()},
                 {"monitored", true}, {"seasonFolder", true}, {"addOptions", {{"monitor", "all"}}}};
    body.update(extra);
    auto r = post("/api/v3/series", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.js();
  }

  // Polls a command until it leaves queued/started.
  json wait_command(int id) {
    for (int i = 0; i < 500; ++i) {
      auto c = get("/api/v3/command/" + std::to_string(id)).js();
      std::string st = c.value("status", "");
      if (st != "queued" && st != "started") return c;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "command " << id << " did not finish";
    return {};
  }

  static void touch(const std::filesystem::path& p, std::size_t size = 16) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << std::string(size, 'v');
  }

  std::filesystem::path root_;
  FakeTvMaze tvmaze_;
  std::unique_ptr<SonarrApi> api_;
};

}  // namespace nzbd::sonarr::testing
