// The scheduler against the real binary: a daemon starts in the state its
// schedule implies, and a line that does not parse is a warning.
#include <fstream>

#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {

TEST(ScheduleIt, StartsInTheStateTheScheduleImpliesAndWarnsAboutBadLines) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "home");
  // Paused at 00:00 every day and never resumed: whenever this runs, the schedule says "paused".
  std::ofstream(dir.path() / "home" / "nzbd.ini")
      << "[misc]\nschedlines = 1 0 0 * pause, 1 0 0 * speedlimit 400K, 1 0 25 * resume\n";
  DaemonProcess d(dir.path() / "home");
  ASSERT_TRUE(d.start()) << d.output();
  auto queue = Json::parse(http_get(d.api("mode=queue&output=json")).body)["queue"];
  EXPECT_EQ(queue["paused"], true) << queue.dump();
  EXPECT_EQ(queue["speedlimit_abs"], "409600") << queue.dump();
  auto warnings = http_get(d.api("mode=warnings&output=json")).body;
  EXPECT_NE(warnings.find("Bad schedule resume at 25:0"), std::string::npos) << warnings;
  EXPECT_EQ(d.stop(), 0);
}

}  // namespace
}  // namespace nzbd::test
