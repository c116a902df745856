// nzbd: a Usenet downloader with SABnzbd's API and a TV manager with Sonarr's.
#include <CLI/CLI.hpp>
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "daemon/app.h"
#include "util/strings.h"

namespace {

std::filesystem::path default_home() {
  if (const char* h = std::getenv("NZBD_HOME"); h && *h) return h;
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".nzbd";
  return ".nzbd";
}

bool parse_listen(const std::string& s, nzbd::daemon::AppOptions& o) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  auto port = nzbd::parse_int(s.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) return false;
  o.listen_host = s.substr(0, colon);
  if (o.listen_host.size() > 2 && o.listen_host.front() == '[') o.listen_host = o.listen_host.substr(1, o.listen_host.size() - 2);
  if (o.listen_host.empty()) o.listen_host = "0.0.0.0";
  o.listen_port = static_cast<uint16_t>(*port);
  o.listen_given = true;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Buffers of 256 KiB and more (receive buffers, article cache, PAR2 passes)
  // come straight from mmap and go back to the system when freed. glibc's
  // default raises this threshold after each large free, so a repair's and a
  // verify's buffers stayed resident in the heaps after their stage ended.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  CLI::App cli{"nzbd: Usenet downloader (SABnzbd API) and TV manager (Sonarr API)"};
  std::string home, listen;
  bool version = false;
  cli.add_option("--home", home, "data folder (default $NZBD_HOME or ~/.nzbd)");
  cli.add_option("--listen", listen, "HOST:PORT to serve on (default 127.0.0.1:8080; port 0 picks one)");
  cli.add_flag("--version", version, "print the version and exit");
  CLI11_PARSE(cli, argc, argv);
  if (version) {
    std::printf("nzbd %s\n", NZBD_VERSION);
    return 0;
  }
  nzbd::daemon::AppOptions options;
  options.home = home.empty() ? default_home() : std::filesystem::path(home);
  if (!listen.empty() && !parse_listen(listen, options)) {
    std::fprintf(stderr, "nzbd: --listen wants HOST:PORT, got '%s'\n", listen.c_str());
    return 2;
  }
  // Signals are taken by sigwait in the main thread; block them before any thread starts.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  nzbd::daemon::ExitAction action;
  {
    nzbd::daemon::App app(options);
    if (auto st = app.start(); !st) {
      std::fprintf(stderr, "nzbd: %s\n", st.message().c_str());
      return 2;
    }
    action = app.run_until_stopped();
  }
  if (action == nzbd::daemon::ExitAction::Restart) {
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    ::execv("/proc/self/exe", argv);
    std::perror("nzbd: restart failed");
    return 1;
  }
  return 0;
}
