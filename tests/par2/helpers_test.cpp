// Volume selection, volume names, 16 KiB matching.
#include <gtest/gtest.h>

#include "fixture.h"
#include "par2/par2.h"

using namespace nzbd::par2;
using namespace par2test;

TEST(Volumes, BlockCountFromName) {
  EXPECT_EQ(volume_blocks("show.vol07+08.par2"), 8u);
  EXPECT_EQ(volume_blocks("Show.VOL000+001.PAR2"), 1u);
  EXPECT_EQ(volume_blocks("a.b.vol31+32.par2"), 32u);
  EXPECT_EQ(volume_blocks("show.par2"), 0u);
  EXPECT_EQ(volume_blocks("show.vol07+.par2"), 0u);
  EXPECT_EQ(volume_blocks("show.vol+3.par2"), 0u);
  EXPECT_EQ(volume_blocks("show.vol1+99999999999.par2"), 0u);
  EXPECT_EQ(volume_blocks("show.vol07+08.par2.txt"), 0u);
}

TEST(Volumes, ChoosesSmallestCoveringSet) {
  std::vector<VolumeFile> v = {{"v00+01", 1}, {"v01+02", 2}, {"v03+04", 4}, {"v07+08", 8}, {"v15+16", 16}};
  auto sum = [](const std::vector<VolumeFile>& vols, const std::vector<size_t>& pick) {
    uint32_t t = 0;
    for (size_t i : pick) t += vols[i].blocks;
    return t;
  };
  auto total = [&](const std::vector<size_t>& pick) { return sum(v, pick); };
  EXPECT_TRUE(choose_volumes(v, 0).empty());
  EXPECT_EQ(total(choose_volumes(v, 1)), 1u);
  EXPECT_EQ(total(choose_volumes(v, 5)), 5u);
  EXPECT_EQ(total(choose_volumes(v, 13)), 13u);
  EXPECT_EQ(choose_volumes(v, 16), std::vector<size_t>{4});  // one file beats 8+4+2+1+1
  EXPECT_EQ(total(choose_volumes(v, 31)), 31u);
  EXPECT_TRUE(choose_volumes(v, 32).empty());  // not enough in total
  std::vector<VolumeFile> w = {{"a", 10}, {"b", 10}, {"c", 3}};
  EXPECT_EQ(sum(w, choose_volumes(w, 4)), 10u);
  EXPECT_EQ(sum(w, choose_volumes(w, 12)), 13u);
  std::vector<VolumeFile> bogus = {{"a", 4000000000u}, {"b", 0}};
  EXPECT_EQ(choose_volumes(bogus, 5), std::vector<size_t>{0});
}

TEST(Deobfuscate, First16kMatchesSetName) {
  SetDir d({{"Real.Name.mkv", 40000}, {"small.nfo", 100}}, 4096, 5);
  auto set = load_set(d.par2_files());
  ASSERT_TRUE(set.ok());
  const auto& big = d.files[0].second;
  const FileEntry* hit = match_16k(*set, md5_of(big.data(), 16384));
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->name, "Real.Name.mkv");
  const auto& small = d.files[1].second;
  hit = match_16k(*set, md5_of(small.data(), small.size()));  // shorter than 16 KiB: whole file
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->name, "small.nfo");
  EXPECT_EQ(match_16k(*set, md5_of(big.data() + 1, 16384)), nullptr);
}

TEST(Deobfuscate, SafeNameStripsDirectories) {
  EXPECT_EQ(safe_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_name("dir\\file.txt"), "file.txt");
  EXPECT_EQ(safe_name(".."), "_");
  EXPECT_EQ(safe_name("a/"), "_");
  EXPECT_EQ(safe_name(std::string("a\nb", 3)), "a_b");
}
