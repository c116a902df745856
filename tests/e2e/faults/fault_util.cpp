#include "e2e/faults/fault_util.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/http_client.h"

namespace e2e::faults {

namespace {

SharedPost post_once() {
  const fs::path dir = fs::path(NZBD_RIG_DIR) / "faults-post";
  SharedPost p{{dir / "faults_1500.bin"}, dir / "faults.nzb", {}};
  std::error_code ec;
  if (fs::exists(p.nzb, ec) && fs::file_size(p.files[0], ec) == 1'280'000) {
    p.ids = message_ids(nzbd::test::read_text(p.nzb));
    if (!p.ids.empty() && fetch_raw_body(NZBD_RIG_PORT, p.ids.front()) && fetch_raw_body(NZBD_RIG_PORT, p.ids.back()))
      return p;
  }
  fs::create_directories(dir, ec);
  write_random_file(p.files[0], 1'280'000, 1500);
  p.ids = message_ids(post_files(NZBD_RIG_PORT, p.nzb, p.files, 64000));
  return p;
}

}  // namespace

const SharedPost& shared_post() {
  static const SharedPost post = post_once();
  return post;
}

FaultRig::FaultRig(std::vector<FaultProxy::Rule> rules, bool with_good, bool tls, size_t trickle_bytes,
                   int trickle_ms)
    : proxy(FaultProxy::Options{.upstream_port = NZBD_RIG_PORT, .rules = std::move(rules),
                                .trickle_bytes = trickle_bytes, .trickle_ms = trickle_ms}),
      daemon(home.path()) {
  if (!daemon.start()) {
    ADD_FAILURE() << daemon.proc().output();
    return;
  }
  // A short timeout bounds what a stall costs; one try per server and article
  // beyond the default would only slow the tests down.
  std::string faulty = "&timeout=5" + std::string(tls ? "&ssl=1&ssl_verify=0" : "");
  ready = daemon.add_server("faulty", proxy.port(), 0, faulty) &&
          (!with_good || daemon.add_server("good", NZBD_RIG_PORT, 1));
  EXPECT_TRUE(ready);
}

ApiProbe::ApiProbe(const Daemon& d) : d_(d) {
  thread_ = std::thread([this] {
    for (bool queue = true; !stop_; queue = !queue) {
      auto t0 = std::chrono::steady_clock::now();
      Json r = d_.api(queue ? "mode=queue&limit=20" : "mode=fullstatus&skip_dashboard=1");
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (!r.is_object()) ++unanswered_;
      {
        std::lock_guard lock(mu_);
        ms_.push_back(ms);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
}

ApiProbe::~ApiProbe() { stop(); }

void ApiProbe::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

size_t ApiProbe::calls() const {
  std::lock_guard lock(mu_);
  return ms_.size();
}

double ApiProbe::percentile(double q) const {
  std::lock_guard lock(mu_);
  if (ms_.empty()) return 0;
  std::vector<double> v = ms_;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

double ApiProbe::p99_ms() const { return percentile(0.99); }
double ApiProbe::max_ms() const { return percentile(1.0); }

std::string ApiProbe::summary() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%zu calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms, unanswered %zu", calls(),
                percentile(0.5), p99_ms(), max_ms(), unanswered());
  return buf;
}

size_t open_fds(pid_t pid) {
  std::error_code ec;
  size_t n = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++n;
  return n;
}

size_t sockets(pid_t pid) {
  std::error_code ec;
  size_t n = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    auto target = std::filesystem::read_symlink(it->path(), ec);
    if (!ec && target.string().rfind("socket:", 0) == 0) ++n;
  }
  return n;
}

size_t rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
  return 0;
}

}  // namespace e2e::faults
