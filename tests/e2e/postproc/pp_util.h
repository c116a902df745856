// Helpers for the end-to-end post-processing tests: test data on disk, the
// rig's post/cancel scripts, NZB parsing, and a daemon with its JSON API.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/daemon_process.h"
#include "support/e2e_tools.h"
#include "support/temp_dir.h"

namespace e2epp {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace std::chrono_literals;

// Runs `cmd` through /bin/sh; returns stdout+stderr, sets *rc to the exit status.
std::string run(const std::string& cmd, int* rc = nullptr);
// Runs `cmd`, fails the test with its output when it exits non-zero.
bool must_run(const std::string& cmd);
using nzbd::test::quote;

using nzbd::test::write_random_file;
using nzbd::test::same_bytes;
std::string sha256_of(const fs::path& p);  // lower-case hex; "" when unreadable
// Regular files under `dir`, as paths relative to it (sorted).
std::vector<std::string> files_under(const fs::path& dir);
// Every file or link named `name` anywhere under `root`.
std::vector<fs::path> find_named(const fs::path& root, const std::string& name);

// Posts FILES with nyuu to the rig (post.sh); returns the NZB text ("" and a test failure on error).
std::string post(const fs::path& nzb_out, const std::vector<fs::path>& files, size_t article_size = 100000);
// Message-ids (without <>) of each file of an NZB, keyed by the file name in its subject.
std::map<std::string, std::vector<std::string>> segments_by_file(const std::string& nzb);
bool cancel(const std::vector<std::string>& ids);

// A daemon with a temp home (kept across restarts), the rig as its server, and JSON API calls.
class Daemon : public nzbd::test::ApiDaemon {
 public:
  using ApiDaemon::ApiDaemon;
  bool start();  // starts it (again) and, the first time, adds the rig server
  bool set_misc(const std::string& keyword, const std::string& value);
  // Uploads an NZB (mode=addfile) with extra query parameters; returns the nzo_id or "".
  std::string add(const fs::path& nzb, const std::string& query);
  // Waits for a final status (Completed/Failed); fails the test on timeout.
  std::optional<Json> wait_done(const std::string& nzo_id, std::chrono::seconds timeout = 90s) const;
  std::string debug_state() const;  // queue + history + daemon output, for failure messages

 private:
  bool configured_ = false;
};

// Fixture: a temp folder with a started daemon in it.
class PostprocE2E : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  fs::path data_dir(const std::string& name);  // a fresh folder for test input
  fs::path complete_dir() const { return home() / "Downloads" / "complete"; }
  fs::path incomplete_dir() const { return home() / "Downloads" / "incomplete"; }
  const fs::path& home() const { return daemon_->home(); }

  std::unique_ptr<nzbd::test::TempDir> tmp_;
  std::unique_ptr<Daemon> daemon_;
};

}  // namespace e2epp
