// Helpers for the end-to-end download tests: the rig's scripts, test files,
// NZB message-ids, raw article bodies from INN, and a daemon with its API.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/daemon_process.h"
#include "support/e2e_tools.h"
#include "support/temp_dir.h"

namespace e2e {

namespace fs = std::filesystem;
using Json = nlohmann::json;

using nzbd::test::run;
using nzbd::test::quote;

using nzbd::test::write_random_file;
using nzbd::test::same_bytes;

// post.sh: posts FILES to INN on PORT, writes OUT; empty string on failure.
std::string post_files(int port, const fs::path& out, const std::vector<fs::path>& files, size_t article_size,
                       const std::string& nyuu_args = "");
std::vector<std::string> message_ids(const std::string& nzb);  // in NZB order, without <>
bool cancel_articles(const std::vector<std::string>& ids);
// The article's body as on the wire (dot-stuffed, CRLF, without "222" and ".")
std::optional<std::string> fetch_raw_body(int port, const std::string& id);

// A daemon with a temp home (kept across restarts) and JSON API calls.
class Daemon : public nzbd::test::ApiDaemon {
 public:
  using ApiDaemon::ApiDaemon;
  bool start() { return proc_->start(); }
  bool add_server(const std::string& name, int port, int priority, const std::string& extra = "");
  std::string add_file(const fs::path& nzb, const std::string& upload_name, const std::string& query);
  std::string first_nzo(const Json& reply) const;
  // Waits until the job is in history with a final status (Completed/Failed).
  std::optional<Json> wait_done(const std::string& nzo_id, std::chrono::seconds timeout) const;
};

// One random file of `size` bytes (<stem>_<seed>.bin) posted to the rig's INN
// in 64000-byte articles: its NZB's path and text, and its message-ids.
struct RandomPost {
  RandomPost(size_t size, uint32_t seed, const std::string& stem);
  nzbd::test::TempDir dir;
  std::vector<fs::path> files;
  fs::path nzb;
  std::string text;  // empty when posting failed
  std::vector<std::string> ids;
};

// Articles nzbd asked of the server `name`, whatever the answer, from
// /metrics (which reads the pool's counters every second).
uint64_t articles_asked(Daemon& d, const std::string& name);

// Compares every posted file with the one in the job's storage folder.
void expect_files_in(const fs::path& storage, const std::vector<fs::path>& originals);

}  // namespace e2e
