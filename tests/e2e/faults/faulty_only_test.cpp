// Only faulty servers. An article every server spoils (430, bad CRC, cut off,
// garbled) is gone: the job ends Failed in history with SABnzbd's reason, in
// bounded time. A server that cannot be used at all (refused greeting, failed
// TLS, or one that greets and then answers nothing: hang, stall) is no
// evidence that the articles are gone: it is blocked, the job waits in the
// queue (as SABnzbd's does) and the server shows why. Either way the API keeps
// answering.
#include <gtest/gtest.h>

#include <cstdio>

#include "e2e/faults/fault_util.h"

namespace e2e::faults {
namespace {

using namespace std::chrono_literals;

std::string name_of(Fault f) {
  std::string n = nzbd::test::fault_name(f);
  return n == "430" ? "not_found" : n;
}

}  // namespace
}  // namespace e2e::faults

namespace nzbd::test {
void PrintTo(Fault f, std::ostream* os) { *os << fault_name(f); }
}  // namespace nzbd::test

namespace e2e::faults {
namespace {

class E2eFaultsOnlyFaulty : public testing::TestWithParam<Fault> {};

TEST_P(E2eFaultsOnlyFaulty, SpoiledArticlesFailTheJobWithAReason) {
  const Fault fault = GetParam();
  const SharedPost& post = shared_post();
  ASSERT_FALSE(post.ids.empty()) << "posting to the rig failed";
  FaultRig rig({{fault, 1.0, {}, 0}}, false);
  ASSERT_TRUE(rig.ready);
  ApiProbe probe(rig.daemon);
  std::string nzo = rig.daemon.add_file(post.nzb, name_of(fault) + ".nzb", "");
  ASSERT_FALSE(nzo.empty());
  auto slot = rig.daemon.wait_done(nzo, 60s);
  probe.stop();
  std::printf("[only %s] proxy: %s; API: %s\n", nzbd::test::fault_name(fault), rig.proxy.report().c_str(),
              probe.summary().c_str());
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->value("status", ""), "Failed") << slot->dump();
  std::printf("[only %s] fail_message: %s\n", nzbd::test::fault_name(fault),
              slot->value("fail_message", "").c_str());
  // SABnzbd's words (Sonarr and the UI show them), with its help link.
  EXPECT_NE(slot->value("fail_message", "").find("cannot be completed"), std::string::npos) << slot->dump();
  EXPECT_FALSE(rig.daemon.queue_slot(nzo)) << "failed job still queued";
  EXPECT_GE(rig.proxy.injected(fault), 1u);
  EXPECT_EQ(probe.unanswered(), 0u);
  EXPECT_LT(probe.max_ms(), 5000) << "the API stalled: " << probe.summary();
}

INSTANTIATE_TEST_SUITE_P(Faults, E2eFaultsOnlyFaulty,
                         testing::Values(Fault::NotFound, Fault::Corrupt, Fault::Truncate, Fault::Drop, Fault::Garbage,
                                         Fault::WrongStatus),
                         [](const auto& test_info) { return name_of(test_info.param); });

// The server's error and warning as fullstatus shows them, once it is
// blocked (or the last seen when the time is up).
std::string wait_server_blocked(const Daemon& d, std::chrono::seconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  std::string err;
  while (std::chrono::steady_clock::now() < until) {
    Json s = d.api("mode=fullstatus&skip_dashboard=1");
    if (s.contains("status"))
      for (const auto& e : s["status"]["servers"])
        if (e.value("servername", "") == "faulty") err = e.value("servererror", "") + " / " + e.value("serverwarning", "");
    if (err.find("blocked") != std::string::npos) return err;
    std::this_thread::sleep_for(200ms);
  }
  return err;
}

class E2eFaultsUnusableServer : public testing::TestWithParam<Fault> {};

TEST_P(E2eFaultsUnusableServer, JobWaitsAndTheServerSaysWhy) {
  const Fault fault = GetParam();
  const SharedPost& post = shared_post();
  ASSERT_FALSE(post.ids.empty()) << "posting to the rig failed";
  FaultRig rig({{fault, 1.0, {}, 0}}, false, fault == Fault::TlsFail);
  ASSERT_TRUE(rig.ready);
  ApiProbe probe(rig.daemon);
  std::string nzo = rig.daemon.add_file(post.nzb, name_of(fault) + ".nzb", "");
  ASSERT_FALSE(nzo.empty());
  std::string error = wait_server_blocked(rig.daemon, 30s);
  probe.stop();
  std::printf("[unusable %s] server error: %s; proxy: %s; API: %s\n", nzbd::test::fault_name(fault),
              error.c_str(), rig.proxy.report().c_str(), probe.summary().c_str());
  EXPECT_NE(error.find("blocked"), std::string::npos) << "the server is not shown blocked: " << error;
  auto slot = rig.daemon.queue_slot(nzo);
  ASSERT_TRUE(slot) << "the job left the queue: " << rig.daemon.api("mode=history").dump();
  EXPECT_EQ(slot->value("mbleft", ""), slot->value("mb", ""));
  EXPECT_GE(rig.proxy.injected(fault), 1u);
  EXPECT_EQ(probe.unanswered(), 0u);
  EXPECT_LT(probe.max_ms(), 5000) << "the API stalled: " << probe.summary();
}

INSTANTIATE_TEST_SUITE_P(Faults, E2eFaultsUnusableServer,
                         testing::Values(Fault::Greet502, Fault::Greet400, Fault::GreetHang, Fault::Stall,
                                         Fault::TlsFail),
                         [](const auto& test_info) { return name_of(test_info.param); });

}  // namespace
}  // namespace e2e::faults
