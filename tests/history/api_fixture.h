// A SabApi over a temp config, a warning log and a real history database,
// called in-process with hand-built requests.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>

#include "api/sab/history_hooks.h"
#include "api/sab/sab_api.h"
#include "config/store.h"
#include "history/helpers.h"
#include "support/temp_dir.h"

namespace nzbd::history::test {

using Json = nlohmann::json;
using Args = std::initializer_list<std::pair<std::string, std::string>>;

class SabHistory : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir / "nzbd.ini");
    ASSERT_TRUE(cfg.ok()) << cfg.message();
    store = std::make_unique<config::ConfigStore>(std::move(*cfg));
    (void)store->write("misc", [&](config::Config& c) {
      c.set_misc("download_dir", (dir / "incomplete").string());
      c.set_misc("complete_dir", (dir / "complete").string());
      c.set_misc("history_limit", "0");
    });
    api_key = store->misc("api_key");
    auto h = History::open(dir / "history.db");
    ASSERT_TRUE(h.ok()) << h.message();
    history = std::move(*h);
    make_api(history.get());
  }
  // What mode=retry reaches; a test sets it (empty: no retry handler).
  void set_retry(api::sab::RetryHandler h) { retry_handler = std::move(h); }

  void make_api(History* h) {
    api = std::make_unique<api::sab::SabApi>(
        api::sab::Services{*store, warnings, "test", {}, {}, nullptr, h, {}, {}, {}, {}, {}, {}, {}, {},
                           [this](const Entry& e, std::string pw, const http::FormFile* nzb) -> Result<std::string> {
                             if (!retry_handler) return make_error("retry is not available");
                             return retry_handler(e, std::move(pw), nzb);
                           }});
  }

  http::Response call(Args args, const http::FormFile* file = nullptr) {
    http::Request req;
    req.method = "GET";
    req.path = "/api";
    req.remote_address = "127.0.0.1";
    req.headers["host"] = "localhost";
    req.params.add("apikey", api_key);
    for (const auto& [k, v] : args) req.params.add(k, v);
    if (file) req.params.files.push_back(*file);
    return api->handle(req);
  }

  Json json(Args args, const http::FormFile* file = nullptr) {
    auto r = call(args, file);
    EXPECT_EQ(r.status, 200);
    auto j = Json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }

  // nzo_ids of the listed slots, in order.
  std::vector<std::string> listed(Args args) {
    std::vector<std::string> ids;
    Json reply = json(args);  // keep it alive while iterating
    for (const auto& s : reply["history"]["slots"]) ids.push_back(s["nzo_id"]);
    return ids;
  }

  void put(const Entry& e) { ASSERT_TRUE(history->put(e).ok()); }

  nzbd::test::TempDir dir;
  std::unique_ptr<config::ConfigStore> store;
  WarningLog warnings;
  std::unique_ptr<History> history;
  std::unique_ptr<api::sab::SabApi> api;
  api::sab::RetryHandler retry_handler;
  std::string api_key;
};

}  // namespace nzbd::history::test
