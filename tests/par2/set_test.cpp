// Loading, verifying and repairing sets made by Debian's par2.
#include <gtest/gtest.h>

#include "par2/hash.h"
#include "par2/par2.h"
#include "fixture.h"

using namespace nzbd::par2;
using namespace par2test;

namespace {

constexpr int kSlice = 4096;

Par2Set load(const SetDir& d) {
  auto set = load_set(d.par2_files());
  EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.message());
  return set.ok() ? std::move(set).value() : Par2Set{};
}

VerifyReport check(const Par2Set& set, const fs::path& dir) {
  auto r = verify(set, dir);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.message());
  return r.ok() ? std::move(r).value() : VerifyReport{};
}

void corrupt(const fs::path& p, uint64_t offset, size_t n) {
  auto data = read_file(p);
  for (size_t i = 0; i < n && offset + i < data.size(); ++i) data[offset + i] ^= 0x5A;
  write_file(p, data);
}

// Repairs and asserts every file is byte-identical to the original.
void repair_and_compare(const SetDir& d, const Par2Set& set, const VerifyReport& report) {
  auto r = repair(set, d.dir(), report);
  ASSERT_TRUE(r.ok()) << r.message();
  for (const auto& [name, data] : d.files) EXPECT_EQ(read_file(d.dir() / name), data) << name;
  EXPECT_TRUE(check(set, d.dir()).all_ok());
}

}  // namespace

TEST(Par2Set, LoadsSetMadeByDebianPar2) {
  SetDir d({{"a.bin", 100000}, {"b.bin", 30001}, {"c.bin", 1000}}, kSlice, 20);
  Par2Set set = load(d);
  EXPECT_EQ(set.slice_size, uint64_t{kSlice});
  ASSERT_EQ(set.files.size(), 3u);
  uint32_t total = 0;
  for (const auto& f : set.files) {
    auto it = std::find_if(d.files.begin(), d.files.end(), [&](const auto& x) { return x.first == f.name; });
    ASSERT_NE(it, d.files.end()) << f.name;
    EXPECT_EQ(f.length, it->second.size());
    EXPECT_EQ(f.md5_full, md5_of(it->second.data(), it->second.size()));
    EXPECT_EQ(f.slices.size(), f.slice_count());
    EXPECT_EQ(f.first_slice, total);
    total += f.slice_count();
  }
  EXPECT_EQ(set.total_slices, total);
  EXPECT_EQ(total, 25u + 8u + 1u);
  EXPECT_GE(set.recovery.size(), total / 5);
  EXPECT_FALSE(set.creator.empty());
  auto names = file_names(set);
  EXPECT_EQ(names.size(), 3u);
  // Loading the same files twice changes nothing (packets are deduplicated).
  auto twice = d.par2_files();
  auto more = d.par2_files();
  twice.insert(twice.end(), more.begin(), more.end());
  auto again = load_set(twice);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->recovery.size(), set.recovery.size());
  EXPECT_EQ(again->files.size(), 3u);
}

TEST(Par2Verify, IntactFilesAreOk) {
  SetDir d({{"a.bin", 50000}, {"b.bin", 9000}}, kSlice, 10);
  Par2Set set = load(d);
  VerifyReport r = check(set, d.dir());
  EXPECT_TRUE(r.all_ok());
  EXPECT_EQ(r.missing_slices, 0u);
  for (const auto& f : r.files) {
    EXPECT_EQ(f.status, FileStatus::ok);
    EXPECT_EQ(f.missing_slices, 0u);
    EXPECT_EQ(f.found_path, d.dir() / f.name);
  }
}

TEST(Par2Repair, CorruptedBlocksAreRepairedByteIdentical) {
  SetDir d({{"a.bin", 120000}, {"b.bin", 20002}}, kSlice, 15);
  Par2Set set = load(d);
  corrupt(d.data_file(0), 10, 5);                 // slice 0
  corrupt(d.data_file(0), 5 * kSlice + 100, 1);   // slice 5
  corrupt(d.data_file(0), 120000 - 3, 3);         // short last slice
  corrupt(d.data_file(1), 2 * kSlice, kSlice);    // a whole slice of b
  VerifyReport r = check(set, d.dir());
  EXPECT_FALSE(r.all_ok());
  EXPECT_EQ(r.missing_slices, 4u);
  EXPECT_TRUE(r.repairable());
  const auto& a = r.files[set.files[0].name == "a.bin" ? 0 : 1];
  EXPECT_EQ(a.status, FileStatus::damaged);
  EXPECT_EQ(a.missing_slices, 3u);
  repair_and_compare(d, set, r);
}

TEST(Par2Repair, DeletedAndTruncatedFilesAreRecreated) {
  SetDir d({{"a.bin", 40000}, {"b.bin", 7000}, {"c.bin", 3000}}, kSlice, 70);
  Par2Set set = load(d);
  fs::remove(d.data_file(1));
  fs::resize_file(d.data_file(0), 5 * kSlice);
  VerifyReport r = check(set, d.dir());
  for (const auto& f : r.files)
    if (f.name == "b.bin") {
      EXPECT_EQ(f.status, FileStatus::missing);
    }
  EXPECT_EQ(r.missing_slices, 2u + 5u);
  repair_and_compare(d, set, r);
}

TEST(Par2Repair, TooFewBlocksGivesExactError) {
  SetDir d({{"a.bin", 80000}}, kSlice, 10);  // 20 slices, 2 recovery blocks
  Par2Set set = load(d);
  ASSERT_EQ(set.recovery.size(), 2u);
  fs::resize_file(d.data_file(0), 5 * kSlice);  // 15 slices gone
  VerifyReport r = check(set, d.dir());
  EXPECT_FALSE(r.repairable());
  auto rep = repair(set, d.dir(), r);
  ASSERT_FALSE(rep.ok());
  EXPECT_EQ(rep.message(), "Repair failed, not enough repair blocks (13 short)");
  EXPECT_EQ(fs::file_size(d.data_file(0)), uint64_t{5 * kSlice});  // files are kept
}

TEST(Par2Verify, MisnamedFileIsFoundAndRenamed) {
  SetDir d({{"movie.mkv", 60000}, {"sub.srt", 5000}}, kSlice, 10);
  Par2Set set = load(d);
  fs::rename(d.data_file(0), d.dir() / "a8f3e0c1d2.bin");
  VerifyReport r = check(set, d.dir());
  EXPECT_TRUE(r.needs_rename());
  EXPECT_EQ(r.missing_slices, 0u);
  for (const auto& f : r.files)
    if (f.name == "movie.mkv") {
      EXPECT_EQ(f.status, FileStatus::ok);
      EXPECT_EQ(f.found_path.filename(), "a8f3e0c1d2.bin");
    }
  auto rep = repair(set, d.dir(), r);
  ASSERT_TRUE(rep.ok()) << rep.message();
  EXPECT_EQ(rep->renamed_files, std::vector<std::string>{"movie.mkv"});
  EXPECT_EQ(read_file(d.data_file(0)), d.files[0].second);
  EXPECT_FALSE(fs::exists(d.dir() / "a8f3e0c1d2.bin"));
}

TEST(Par2Verify, SlicesAreFoundInsideShiftedAndMisnamedDamagedFiles) {
  SetDir d({{"data.bin", 90000}}, kSlice, 10);
  Par2Set set = load(d);
  // 37 junk bytes in front, a damaged slice, and a misnamed name.
  auto data = d.files[0].second;
  std::vector<uint8_t> shifted(37, 0xAB);
  shifted.insert(shifted.end(), data.begin(), data.end());
  shifted[37 + 3 * kSlice + 7] ^= 1;
  fs::remove(d.data_file(0));
  write_file(d.dir() / "x1y2z3", shifted);
  VerifyReport r = check(set, d.dir());
  EXPECT_EQ(r.missing_slices, 1u);
  EXPECT_EQ(r.files[0].slices[5].path.filename(), "x1y2z3");
  EXPECT_EQ(r.files[0].slices[5].offset, 37u + 5 * kSlice);
  EXPECT_TRUE(r.files[0].slices.back().found);  // short last slice at the end
  repair_and_compare(d, set, r);
}

TEST(Par2Verify, ExtraFilesOutsideTheFolderAreScanned) {
  SetDir d({{"data.bin", 30000}}, kSlice, 10);
  Par2Set set = load(d);
  TempDir elsewhere;
  fs::rename(d.data_file(0), elsewhere.path() / "piece");
  EXPECT_EQ(check(set, d.dir()).missing_slices, 8u);
  auto r = verify(set, d.dir(), {elsewhere.path() / "piece"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->missing_slices, 0u);
  repair_and_compare(d, set, *r);
}

TEST(Par2Repair, RepairIsDeterministicWithManyMissingSlices) {
  SetDir d({{"a.bin", 200000}}, 2048, 30);  // 98 slices, 30 recovery blocks
  Par2Set set = load(d);
  auto data = d.files[0].second;
  for (int s = 0; s < 98; s += 4) corrupt(d.data_file(0), uint64_t(s) * 2048 + 11, 2);
  VerifyReport r = check(set, d.dir());
  EXPECT_EQ(r.missing_slices, 25u);
  repair_and_compare(d, set, r);
}
