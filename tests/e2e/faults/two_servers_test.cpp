// A faulty server (through the fault proxy, priority 0, so it is asked
// first) and a good one (INN direct, priority 1): whatever the fault, the job
// ends Completed and byte-identical to what was posted, and the API keeps
// answering throughout.
#include <gtest/gtest.h>

#include <cstdio>

#include "e2e/faults/fault_util.h"

namespace e2e::faults {
namespace {

using namespace std::chrono_literals;

struct Case {
  Fault fault;
  double share;
  int times = 0;  // > 0: only the first requests of each picked article
  bool tls = false;
  int trickle_ms = 10;  // Trickle: 2048 bytes per pause by default; 100 ms with 64 bytes is "too slow"
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string n = nzbd::test::fault_name(info.param.fault);
  if (info.param.trickle_ms >= 100) n += "_too_slow";
  return n == "430" ? "not_found" : n;
}

void PrintTo(const Case& c, std::ostream* os) {
  *os << nzbd::test::fault_name(c.fault) << " share " << c.share << (c.tls ? " tls" : "")
      << (c.trickle_ms >= 100 ? " too slow" : "");
}

class E2eFaultsTwoServers : public testing::TestWithParam<Case> {};

TEST_P(E2eFaultsTwoServers, JobCompletesByteIdentical) {
  const Case& c = GetParam();
  const SharedPost& post = shared_post();
  ASSERT_FALSE(post.ids.empty()) << "posting to the rig failed";
  const bool slow = c.trickle_ms >= 100;
  FaultRig rig({{c.fault, c.share, {}, c.times}}, true, c.tls, slow ? 64 : 2048, c.trickle_ms);
  ASSERT_TRUE(rig.ready);
  ApiProbe probe(rig.daemon);
  std::string nzo = rig.daemon.add_file(post.nzb, case_name({c, 0}) + ".nzb", "");
  ASSERT_FALSE(nzo.empty());
  auto slot = rig.daemon.wait_done(nzo, 90s);
  probe.stop();
  std::printf("[fault %s] proxy: %s; good server asked %llu; API: %s\n", nzbd::test::fault_name(c.fault),
              rig.proxy.report().c_str(), static_cast<unsigned long long>(articles_asked(rig.daemon, "good")),
              probe.summary().c_str());
  ASSERT_TRUE(slot);
  ASSERT_EQ(slot->value("status", ""), "Completed") << slot->dump();
  expect_files_in(slot->value("storage", ""), post.files);
  EXPECT_GE(rig.proxy.injected(c.fault), 1u) << "the fault never happened: " << rig.proxy.report();
  EXPECT_EQ(probe.unanswered(), 0u);
  EXPECT_LT(probe.max_ms(), 5000) << "the API stalled: " << probe.summary();
}

INSTANTIATE_TEST_SUITE_P(
    Faults, E2eFaultsTwoServers,
    testing::Values(Case{Fault::Drop, 0.25}, Case{Fault::Stall, 0.1, 1}, Case{Fault::Trickle, 0.3},
                    Case{Fault::Trickle, 0.15, 1, false, 100},
                    Case{Fault::Garbage, 0.2}, Case{Fault::Truncate, 0.3}, Case{Fault::WrongStatus, 0.2},
                    Case{Fault::NotFound, 0.3}, Case{Fault::Corrupt, 0.3}, Case{Fault::GreetHang, 1.0},
                    Case{Fault::Greet502, 1.0}, Case{Fault::Greet400, 1.0}, Case{Fault::TlsFail, 1.0, 0, true}),
    case_name);

}  // namespace
}  // namespace e2e::faults
