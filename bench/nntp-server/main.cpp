// nntp_memserver: an in-memory NNTP server for benchmarks, and a raw pipelining fetch client.
//
//   nntp_memserver --nzb set.nzb --load-from 127.0.0.1:119 [--port 0] [--port-file F]
//       reads every article of the NZB from a server once, then serves them from RAM.
//   nntp_memserver --ceiling --nzb set.nzb --server 127.0.0.1:PORT [--connections 8] [--window 16]
//       fetches BODY of every article over N pipelining connections, discards the data and prints
//       "ceiling: <MB/s> MB/s ..." (the server's raw ceiling as seen by a minimal client).
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <fstream>

#include "fetch.h"
#include "wire.h"
#include "server.h"
#include "store.h"

namespace {

int run_ceiling(const bench::FetchOptions& opt, const std::vector<std::string>& ids) {
  bench::FetchStats st = bench::fetch_bodies(opt, ids, nullptr);
  if (!st.error.empty()) {
    std::fprintf(stderr, "nntp_memserver: %s\n", st.error.c_str());
    return 1;
  }
  std::printf("ceiling: %.1f MB/s  (%llu articles, %llu missing, %.1f MB in %.3f s, %d connections, window %d)\n",
              st.bytes / 1e6 / st.seconds, static_cast<unsigned long long>(st.articles),
              static_cast<unsigned long long>(st.missing), st.bytes / 1e6, st.seconds, opt.connections, opt.window);
  return st.missing ? 1 : 0;
}

int run_server(const bench::FetchOptions& source, const std::vector<std::string>& ids, int port,
               const std::string& port_file) {
  bench::ArticleStore store;
  std::string err;
  if (!store.load(source, ids, err)) {
    std::fprintf(stderr, "nntp_memserver: loading from %s:%d: %s\n", source.host.c_str(), source.port, err.c_str());
    return 1;
  }
  bench::MemServer server(store);
  int bound = server.bind(port);
  if (bound < 0) {
    std::perror("nntp_memserver: bind");
    return 1;
  }
  if (!port_file.empty()) {
    std::string tmp = port_file + ".tmp";
    std::ofstream(tmp) << bound << "\n";
    std::rename(tmp.c_str(), port_file.c_str());
  }
  std::fprintf(stderr, "nntp_memserver: serving %zu articles on 127.0.0.1:%d\n", store.size(), bound);
  server.serve();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"in-memory NNTP server and raw fetch client for nzbd benchmarks"};
  std::string nzb, load_from, server_addr, port_file;
  bool ceiling = false;
  int port = 0;
  bench::FetchOptions opt;
  app.add_option("--nzb", nzb, "NZB whose articles are served / fetched")->required();
  app.add_option("--load-from", load_from, "HOST:PORT to read the articles from at start (server mode)");
  app.add_option("--port", port, "port to listen on, 0 = any free one (server mode)");
  app.add_option("--port-file", port_file, "write the bound port here once serving (server mode)");
  app.add_flag("--ceiling", ceiling, "fetch every article over N pipelining connections and print MB/s");
  app.add_option("--server", server_addr, "HOST:PORT to measure (ceiling mode)");
  app.add_option("--connections", opt.connections, "connections (default 8)");
  app.add_option("--window", opt.window, "BODY commands in flight per connection (default 16)");
  app.add_option("--user", opt.user, "AUTHINFO user");
  app.add_option("--password", opt.password, "AUTHINFO password");
  CLI11_PARSE(app, argc, argv);

  std::string err;
  auto ids = bench::nzb_message_ids(nzb, err);
  if (ids.empty()) {
    std::fprintf(stderr, "nntp_memserver: %s\n", err.c_str());
    return 1;
  }
  const std::string& addr = ceiling ? server_addr : load_from;
  if (!bench::split_host_port(addr, opt.host, opt.port)) {
    std::fprintf(stderr, "nntp_memserver: need %s HOST:PORT\n", ceiling ? "--server" : "--load-from");
    return 2;
  }
  return ceiling ? run_ceiling(opt, ids) : run_server(opt, ids, port, port_file);
}
