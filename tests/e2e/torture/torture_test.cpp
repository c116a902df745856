// kill -9 torture of the real binary (see torture_trial.h). The ctest entry
// runs a few trials; bench/torture/run.sh runs this same test with many:
//   NZBD_TORTURE_TRIALS  number of trials (default 9: every phase once, the
//                        odd ones with the complete folder on another file system)
//   NZBD_TORTURE_SEED    base seed (default: from the clock, printed; give it
//                        again to replay the same phases, delays and data)
//   NZBD_TORTURE_PHASE   only this phase (download, par2-repair, unpack,
//                        place, script, config-write, history-write, tv-import)
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "e2e/torture/torture_trial.h"

namespace nzbd::test::torture {
namespace {

uint32_t env_number(const char* name, uint32_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<uint32_t>(std::strtoul(v, nullptr, 10)) : fallback;
}

TEST(KillNineTorture, EveryTrialResumesWithNothingLostRefetchedOrLeftOver) {
  auto clock = static_cast<uint32_t>(std::chrono::system_clock::now().time_since_epoch().count() % 1000000);
  uint32_t trials = env_number("NZBD_TORTURE_TRIALS", kPhases + 1);
  uint32_t seed = env_number("NZBD_TORTURE_SEED", clock);
  std::cout << "torture: " << trials << " trials, seed " << seed << " (NZBD_TORTURE_SEED=" << seed
            << " replays it)" << std::endl;
  Torture torture(seed);
  if (const char* only = std::getenv("NZBD_TORTURE_PHASE"); only && *only) {
    bool known = false;
    for (int p = 0; p < kPhases; ++p)
      if (std::string(phase_name(static_cast<Phase>(p))) == only) torture.only_phase(static_cast<Phase>(p)), known = true;
    ASSERT_TRUE(known) << "NZBD_TORTURE_PHASE=" << only << " names no phase";
  }
  std::string why;
  ASSERT_TRUE(torture.start(why)) << why;
  Tally total;
  for (uint32_t i = 0; i < trials; ++i) {
    TrialResult r = torture.run_trial(static_cast<int>(i));
    for (const auto& p : r.problems) std::cout << "  trial " << i << ": " << p << std::endl;
    total.add(r.tally);
    if (r.tally.resumed == 0) break;  // a daemon that did not come back: later trials would only repeat it
  }
  print_table(std::cout, total);
  EXPECT_EQ(torture.stop(), 0) << "the daemon's last, clean stop";
  EXPECT_EQ(total.trials, static_cast<int>(trials));
  EXPECT_TRUE(total.clean()) << "seed " << seed;
}

}  // namespace
}  // namespace nzbd::test::torture
