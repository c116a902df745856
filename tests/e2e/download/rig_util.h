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
#include "support/temp_dir.h"

namespace e2e {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Runs a shell command; returns its stdout, sets *rc to its exit status.
std::string run(const std::string& cmd, int* rc = nullptr);
std::string quote(const std::string& s);

void write_random_file(const fs::path& p, size_t size, uint32_t seed);
bool same_bytes(const fs::path& a, const fs::path& b);

// post.sh: posts FILES to INN on PORT, writes OUT; empty string on failure.
std::string post_files(int port, const fs::path& out, const std::vector<fs::path>& files, size_t article_size,
                       const std::string& nyuu_args = "");
std::vector<std::string> message_ids(const std::string& nzb);  // in NZB order, without <>
bool cancel_articles(const std::vector<std::string>& ids);
// The article's body as on the wire (dot-stuffed, CRLF, without "222" and ".")
std::optional<std::string> fetch_raw_body(int port, const std::string& id);

// A daemon with a temp home (kept across restarts) and JSON API calls.
class Daemon {
 public:
  explicit Daemon(const fs::path& home) : proc_(std::make_unique<nzbd::test::DaemonProcess>(home)) {}
  bool start() { return proc_->start(); }
  void kill9() { proc_->kill9(); }
  int stop() { return proc_->stop(); }
  nzbd::test::DaemonProcess& proc() { return *proc_; }
  const fs::path& home() const { return proc_->home(); }

  Json api(const std::string& query) const;  // adds output=json; null on transport failure
  bool add_server(const std::string& name, int port, int priority, const std::string& extra = "");
  std::string add_file(const fs::path& nzb, const std::string& upload_name, const std::string& query);
  std::string first_nzo(const Json& reply) const;
  std::optional<Json> queue_slot(const std::string& nzo_id) const;
  std::optional<Json> history_slot(const std::string& nzo_id) const;
  // Waits until the job is in history with a final status (Completed/Failed).
  std::optional<Json> wait_done(const std::string& nzo_id, std::chrono::seconds timeout) const;

 private:
  std::unique_ptr<nzbd::test::DaemonProcess> proc_;
};

// Compares every posted file with the one in the job's storage folder.
void expect_files_in(const fs::path& storage, const std::vector<fs::path>& originals);

}  // namespace e2e
