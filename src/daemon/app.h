// The daemon: owns the config, the HTTP server, the APIs and the engines,
// and routes each request to the API it belongs to.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "util/result.h"

namespace nzbd::daemon {

struct AppOptions {
  std::filesystem::path home;
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  bool listen_given = false;  // --listen overrides host/port from the config
};

enum class ExitAction { Exit, Restart };

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  // Loads config, starts everything, prints where it listens. Errors are for the user.
  Status start();
  // Blocks until SIGTERM/SIGINT or an API shutdown/restart; then stops cleanly.
  ExitAction run_until_stopped();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nzbd::daemon
