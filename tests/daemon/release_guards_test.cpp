// The daemon's side of the release guards: the smart-duplicate key and the
// look into RAR headers.
#include <gtest/gtest.h>

#include "daemon/release_guards.h"

namespace nzbd::daemon {
namespace {

TEST(DuplicateKey, ShowSeasonAndEpisodesWithProperMarked) {
  EXPECT_EQ(duplicate_key_of("Show.Name.S01E05.720p.HDTV.x264-GRP"), "showname/1/5");
  EXPECT_EQ(duplicate_key_of("Show Name - S01E05 - 1080p WEB-DL"), "showname/1/5");
  EXPECT_EQ(duplicate_key_of("Show.Name.S01E05E06.720p-GRP"), "showname/1/5-6");
  EXPECT_EQ(duplicate_key_of("Show.Name.S01E05.PROPER.720p-GRP"), "showname/1/5/proper");
  EXPECT_EQ(duplicate_key_of("Show.Name.S01E05.REPACK.720p-GRP"), "showname/1/5/proper");
  EXPECT_EQ(duplicate_key_of("Show.Name.S01E05.PROPER.720p-GRP", false), "showname/1/5");  // dupes_propercheck=0
  EXPECT_EQ(duplicate_key_of("The.Real.Show.S01E05.720p-GRP"), "therealshow/1/5");  // a title, not REAL
  EXPECT_EQ(duplicate_key_of("Show.Name.S01.1080p.BluRay-GRP"), "");              // a season pack
  EXPECT_EQ(duplicate_key_of("Some.Movie.2019.1080p.BluRay-GRP"), "");
  EXPECT_EQ(duplicate_key_of(""), "");
}

TEST(DuplicateKey, DailyShowsUseTheAirDate) {
  EXPECT_EQ(duplicate_key_of("Daily.Show.2024.03.05.720p.WEB-GRP"), "dailyshow/2024-03-05");
}

TEST(InspectRar, ReadsEncryptionFromTheHeadersAndSkipsOtherFiles) {
  std::filesystem::path data = std::filesystem::path(NZBD_SOURCE_DIR) / "tests/data/rar";
  auto enc = inspect_rar(data / "rar5-encrypted.rar");
  ASSERT_TRUE(enc);
  EXPECT_TRUE(enc->encrypted);
  auto hidden = inspect_rar(data / "rar4-encrypted-headers.rar");
  ASSERT_TRUE(hidden);
  EXPECT_TRUE(hidden->encrypted);
  auto plain = inspect_rar(data / "rar5-single.rar");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->encrypted);
  EXPECT_FALSE(plain->names.empty());
  EXPECT_FALSE(inspect_rar(data / "expected.json"));
}

}  // namespace
}  // namespace nzbd::daemon
