#include "pvr/time_util.h"

#include <gtest/gtest.h>

namespace nzbd::pvr {

TEST(TimeUtil, NormalisesOffsetsToUtc) {
  EXPECT_EQ(normalize_utc("2013-06-25T02:00:00+00:00"), "2013-06-25T02:00:00Z");
  EXPECT_EQ(normalize_utc("2024-03-05T23:35:00+01:00"), "2024-03-05T22:35:00Z");
  EXPECT_EQ(normalize_utc("2024-03-05T20:00:00-0500"), "2024-03-06T01:00:00Z");
  EXPECT_EQ(normalize_utc("2024-03-05T20:00:00.123Z"), "2024-03-05T20:00:00Z");
  EXPECT_EQ(normalize_utc("2024-03-05"), "2024-03-05T00:00:00Z");
  EXPECT_EQ(normalize_utc("2024-03-05 10:11"), "2024-03-05T10:11:00Z");
}

TEST(TimeUtil, RefusesGarbage) {
  for (const char* bad : {"", "2024", "2024-13-01", "2024-03-05T25:00:00Z", "2024-03-05X", "yesterday",
                          "2024-03-05T10:00:00+0", "2024-03-05T10:00:00Zjunk"})
    EXPECT_FALSE(parse_utc(bad).has_value()) << bad;
}

TEST(TimeUtil, FormatsLikeSonarr) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(1390786200), "2014-01-27T01:30:00Z");
  EXPECT_TRUE(is_date("2014-01-27"));
  EXPECT_FALSE(is_date("2014-1-27"));
}

}  // namespace nzbd::pvr
