// One running nzbd shared by the tests of a suite.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>

#include "support/daemon_process.h"
#include "support/http_client.h"
#include "support/temp_dir.h"

namespace nzbd::test {

using Json = nlohmann::json;

class SabFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    daemon_ = std::make_unique<DaemonProcess>(dir_->path() / "home");
    ASSERT_TRUE(daemon_->start()) << daemon_->output();
  }
  static void TearDownTestSuite() {
    if (daemon_) daemon_->stop();
    daemon_.reset();
    dir_.reset();
  }

  static DaemonProcess& d() { return *daemon_; }
  static HttpReply get(const std::string& query) { return http_get(d().api(query)); }
  static Json json(const std::string& query) {
    auto r = get(query);
    EXPECT_EQ(r.status, 200) << query << " -> " << r.body;
    EXPECT_EQ(r.content_type, "application/json;charset=UTF-8") << query;
    return Json::parse(r.body);
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<DaemonProcess> daemon_;
};

}  // namespace nzbd::test
