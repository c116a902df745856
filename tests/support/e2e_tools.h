// What the end-to-end suites share: shell helpers for the rig's scripts, test
// files, and a daemon driven through its JSON API.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "support/daemon_process.h"

namespace nzbd::test {

// Runs a shell command; returns its stdout, sets *rc to its exit status.
std::string run(const std::string& cmd, int* rc = nullptr);
std::string quote(const std::string& s);  // single-quoted for /bin/sh
void write_random_file(const std::filesystem::path& p, size_t size, uint32_t seed);
bool same_bytes(const std::filesystem::path& a, const std::filesystem::path& b);

// The real binary with a temp home (kept across restarts) and JSON API calls.
class ApiDaemon {
 public:
  using Json = nlohmann::json;
  explicit ApiDaemon(const std::filesystem::path& home) : proc_(std::make_unique<DaemonProcess>(home)) {}
  void kill9() { proc_->kill9(); }
  int stop() { return proc_->stop(); }
  DaemonProcess& proc() { return *proc_; }
  const std::filesystem::path& home() const { return proc_->home(); }
  Json api(const std::string& query) const;  // adds output=json; null on transport failure
  std::optional<Json> queue_slot(const std::string& nzo_id) const;
  std::optional<Json> history_slot(const std::string& nzo_id) const;

 protected:
  std::unique_ptr<DaemonProcess> proc_;
};

}  // namespace nzbd::test
