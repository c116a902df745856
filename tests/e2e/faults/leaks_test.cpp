// Repeated jobs through a proxy that mixes faults: nzbd's open descriptors,
// sockets and RSS after the last job are within a generous bound of what they
// were after the first (warm) one. The figures are printed.
#include <gtest/gtest.h>

#include <cstdio>

#include "e2e/faults/fault_util.h"

namespace e2e::faults {
namespace {

using namespace std::chrono_literals;

TEST(E2eFaultsLeaks, RepeatedJobsDoNotGrowSocketsOrMemory) {
  const SharedPost& post = shared_post();
  ASSERT_FALSE(post.ids.empty()) << "posting to the rig failed";
  FaultRig rig({{Fault::Drop, 0.1}, {Fault::NotFound, 0.1}, {Fault::Corrupt, 0.1}, {Fault::Garbage, 0.05},
                {Fault::Truncate, 0.05}, {Fault::Greet400, 0.2}},
               true);
  ASSERT_TRUE(rig.ready);
  const pid_t pid = rig.daemon.proc().pid();
  ApiProbe probe(rig.daemon);
  size_t fds0 = 0, sock0 = 0, rss0 = 0;
  constexpr int kJobs = 6;
  for (int i = 0; i < kJobs; ++i) {
    // A new seed per round, so each job meets different faults.
    rig.proxy.set_seed(100 + static_cast<uint32_t>(i));
    std::string nzo = rig.daemon.add_file(post.nzb, "round" + std::to_string(i) + ".nzb", "");
    ASSERT_FALSE(nzo.empty());
    auto slot = rig.daemon.wait_done(nzo, 60s);
    ASSERT_TRUE(slot);
    ASSERT_EQ(slot->value("status", ""), "Completed") << slot->dump();
    expect_files_in(slot->value("storage", ""), post.files);
    if (i == 0) {
      fds0 = open_fds(pid);
      sock0 = sockets(pid);
      rss0 = rss_kib(pid);
    }
  }
  probe.stop();
  const size_t fds1 = open_fds(pid), sock1 = sockets(pid), rss1 = rss_kib(pid);
  std::printf("[leaks] %d jobs; fds %zu -> %zu, sockets %zu -> %zu, RSS %zu -> %zu KiB; proxy: %s; API: %s\n",
              kJobs, fds0, fds1, sock0, sock1, rss0, rss1, rig.proxy.report().c_str(), probe.summary().c_str());
  EXPECT_GT(rig.proxy.injected_total(), 0u);
  // Up to 4 connections per server may be open at either moment.
  EXPECT_LE(fds1, fds0 + 8);
  EXPECT_LE(sock1, sock0 + 8);
  // ASan's quarantine alone holds tens of MB; a leak per article would be more.
  EXPECT_LE(rss1, rss0 + 96 * 1024);
  EXPECT_EQ(probe.unanswered(), 0u);
  EXPECT_LT(probe.max_ms(), 5000) << "the API stalled: " << probe.summary();
}

}  // namespace
}  // namespace e2e::faults
