// nntp_fault_proxy: the fault proxy as a program, for the soak.
//
//   nntp_fault_proxy --upstream PORT [--port P] [--port-file F] [--stats-file F]
//                    [--seed N] [--reseed SECONDS] [--fault KIND=SHARE]... [--trickle BYTES/MS]
//
// KIND is one of drop stall trickle garbage truncate wrong_status 430 corrupt
// (shares of message-ids) or greet_hang greet_502 greet_400 tls_fail (shares of
// connections). The stats file is rewritten every second with one
// "name value" line per counter; SIGTERM/SIGINT print the report and exit.
// --reseed changes the seed every SECONDS, so repeated jobs of one NZB meet
// faults on other articles.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <chrono>
#include <thread>

#include "support/fault_proxy.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;

void write_stats(const nzbd::test::FaultProxy& proxy, const std::string& path) {
  if (path.empty()) return;
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << "connections " << proxy.connections() << "\narticles " << proxy.articles() << "\nopen_sessions "
        << proxy.open_sessions() << "\n";
    for (size_t i = 0; i < nzbd::test::kFaultKinds; ++i) {
      auto f = static_cast<nzbd::test::Fault>(i);
      out << nzbd::test::fault_name(f) << " " << proxy.injected(f) << "\n";
    }
  }
  std::rename(tmp.c_str(), path.c_str());
}

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "nntp_fault_proxy: %s\nusage: nntp_fault_proxy --upstream PORT [--port P] [--port-file F] "
               "[--stats-file F] [--seed N] [--reseed S] [--fault KIND=SHARE]... [--trickle BYTES/MS]\n", why);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  nzbd::test::FaultProxy::Options options;
  std::string port_file, stats_file;
  int reseed_s = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) usage(("missing value for " + arg).c_str());
    std::string value = argv[++i];
    if (arg == "--upstream") {
      options.upstream_port = static_cast<uint16_t>(std::atoi(value.c_str()));
    } else if (arg == "--port") {
      options.listen_port = static_cast<uint16_t>(std::atoi(value.c_str()));
    } else if (arg == "--port-file") {
      port_file = value;
    } else if (arg == "--stats-file") {
      stats_file = value;
    } else if (arg == "--seed") {
      options.seed = static_cast<uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
    } else if (arg == "--reseed") {
      reseed_s = std::atoi(value.c_str());
    } else if (arg == "--trickle") {
      options.trickle_bytes = std::strtoul(value.c_str(), nullptr, 10);
      options.trickle_ms = std::atoi(value.substr(value.find('/') + 1).c_str());
    } else if (arg == "--fault") {
      const size_t eq = value.find('=');
      auto kind = nzbd::test::parse_fault(value.substr(0, eq));
      if (!kind || eq == std::string::npos) usage(("bad fault: " + value).c_str());
      options.rules.push_back({*kind, std::atof(value.c_str() + eq + 1), {}, 0});
    } else {
      usage(("unknown option " + arg).c_str());
    }
  }
  if (options.upstream_port == 0) usage("--upstream is required");
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGPIPE, SIG_IGN);

  nzbd::test::FaultProxy proxy(options);
  std::printf("listening on 127.0.0.1:%u\n", proxy.port());
  std::fflush(stdout);
  if (!port_file.empty()) std::ofstream(port_file) << proxy.port() << "\n";
  const auto started = std::chrono::steady_clock::now();
  uint32_t round = 0;
  while (!g_stop) {
    write_stats(proxy, stats_file);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (reseed_s > 0 && elapsed >= std::chrono::seconds(reseed_s) * (round + 1))
      proxy.set_seed(options.seed + ++round);
    for (int i = 0; i < 10 && !g_stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  write_stats(proxy, stats_file);
  std::printf("%s\n", proxy.report().c_str());
  return 0;
}
