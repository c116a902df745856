#include <gtest/gtest.h>

#include "nzb/nzb.h"

namespace nzbd::nzb {
namespace {

std::vector<File> files_named(const std::vector<std::string>& names) {
  std::vector<File> files;
  for (const std::string& name : names) {
    File f;
    f.filename = name;
    f.subject = "subject of " + name;
    files.push_back(f);
  }
  return files;
}

std::vector<std::string> names_of(const std::vector<File>& files) {
  std::vector<std::string> names;
  for (const File& f : files) names.push_back(f.filename);
  return names;
}

TEST(Par2Names, ParseVolume) {
  using V = std::optional<std::pair<int, int>>;
  EXPECT_EQ(parse_par2_volume("x.vol07+08.par2"), (V{{7, 8}}));
  EXPECT_EQ(parse_par2_volume("X.VOL00+01.PAR2"), (V{{0, 1}}));
  EXPECT_EQ(parse_par2_volume("my.file.vol127+64.par2"), (V{{127, 64}}));
  EXPECT_EQ(parse_par2_volume("x.vol1-2.par2"), (V{{1, 2}}));
  for (const char* not_volume :
       {"x.par2", "x.vol07+08.par", "x.vol+08.par2", "x.vol07+.par2", "x.volAB+01.par2",
        "x.vol1234567890+1.par2", "vol07+08.par2", "x.vol07+08.par2.txt", "x.vol07_08.par2", ""}) {
    EXPECT_EQ(parse_par2_volume(not_volume), std::nullopt) << not_volume;
  }
}

TEST(Par2Names, IsPar2) {
  EXPECT_TRUE(is_par2_name("a.par2"));
  EXPECT_TRUE(is_par2_name("a.vol0+1.PAR2"));
  EXPECT_FALSE(is_par2_name("a.par2.txt"));
  EXPECT_FALSE(is_par2_name("par2"));
  EXPECT_FALSE(is_par2_name("a.par"));
}

TEST(NaturalCompare, NumbersByValueCaseInsensitive) {
  EXPECT_LT(natural_compare("a2", "a10"), 0);
  EXPECT_GT(natural_compare("a10", "a2"), 0);
  EXPECT_LT(natural_compare("x.part2.rar", "x.part10.rar"), 0);
  EXPECT_LT(natural_compare("abc", "ABD"), 0);
  EXPECT_LT(natural_compare("file", "file1"), 0);
  EXPECT_EQ(natural_compare("same", "same"), 0);
  EXPECT_LT(natural_compare("x99999999999999999999999", "x100000000000000000000000"), 0);
  // Equal by value but different text: a consistent, antisymmetric order.
  const int c = natural_compare("file01", "file1");
  EXPECT_NE(c, 0);
  EXPECT_EQ(natural_compare("file1", "file01"), -c);
}

TEST(OrderFiles, OldStyleRarSet) {
  auto files = files_named({"movie.r01", "movie.vol00+01.par2", "sample.mkv", "movie.rar",
                            "movie.par2", "movie.r00", "movie.nfo", "movie.vol01+02.par2",
                            "movie.s00"});
  order_files(files);
  EXPECT_EQ(names_of(files),
            (std::vector<std::string>{"movie.par2", "movie.rar", "movie.r00", "movie.r01",
                                      "movie.s00", "movie.nfo", "sample.mkv",
                                      "movie.vol00+01.par2", "movie.vol01+02.par2"}));
  EXPECT_TRUE(files[0].is_par2);
  EXPECT_FALSE(files[0].is_recovery_volume);
  for (size_t i = 1; i < 7; ++i) {
    EXPECT_FALSE(files[i].is_par2) << files[i].filename;
    EXPECT_FALSE(files[i].is_recovery_volume) << files[i].filename;
  }
  EXPECT_TRUE(files[7].is_recovery_volume);
  EXPECT_TRUE(files[8].is_recovery_volume);
}

TEST(OrderFiles, PartStyleNaturalOrder) {
  auto files = files_named({"x.part10.rar", "x.vol15+16.par2", "x.part2.rar", "x.vol3+4.par2",
                            "x.part1.rar", "x.PAR2", "a.nfo"});
  order_files(files);
  EXPECT_EQ(names_of(files),
            (std::vector<std::string>{"x.PAR2", "x.part1.rar", "x.part2.rar", "x.part10.rar",
                                      "a.nfo", "x.vol3+4.par2", "x.vol15+16.par2"}));
}

TEST(OrderFiles, StableForEqualNamesAndRecomputesFlags) {
  auto files = files_named({"dup.bin", "b.bin", "dup.bin"});
  files[0].subject = "first";
  files[2].subject = "second";
  files[1].is_par2 = true;  // stale flag from an earlier name
  files[1].is_recovery_volume = true;
  order_files(files);
  EXPECT_EQ(names_of(files), (std::vector<std::string>{"b.bin", "dup.bin", "dup.bin"}));
  EXPECT_FALSE(files[0].is_par2);
  EXPECT_FALSE(files[0].is_recovery_volume);
  EXPECT_EQ(files[1].subject, "first");
  EXPECT_EQ(files[2].subject, "second");
}

TEST(OrderFiles, EmptyListIsFine) {
  std::vector<File> files;
  order_files(files);
  EXPECT_TRUE(files.empty());
}

}  // namespace
}  // namespace nzbd::nzb
