// Quick check from download segment CRCs, and verify trusting it.
#include <gtest/gtest.h>

#include "fixture.h"
#include "par2/hash.h"
#include "par2/par2.h"

using namespace nzbd::par2;
using namespace par2test;

namespace {

constexpr int kSlice = 4096;

// Segments cut at the given sizes, with their real CRCs.
std::vector<Segment> segments(const std::vector<uint8_t>& data, const std::vector<size_t>& cuts) {
  std::vector<Segment> out;
  uint64_t pos = 0;
  size_t i = 0;
  while (pos < data.size()) {
    uint64_t n = std::min<uint64_t>(cuts[i++ % cuts.size()], data.size() - pos);
    out.push_back({pos, n, crc32(data.data() + pos, n)});
    pos += n;
  }
  return out;
}

}  // namespace

TEST(QuickCheck, CorrectSegmentsVerifyEverySliceIncludingPaddedLast) {
  SetDir d({{"a.bin", 50001}}, kSlice, 5);
  auto set = load_set(d.par2_files());
  ASSERT_TRUE(set.ok());
  const auto& data = d.files[0].second;
  // Slice-aligned segments of uneven size (1000 + 3096 per slice).
  auto segs = segments(data, {1000, 3096});
  std::reverse(segs.begin(), segs.end());  // order must not matter
  segs.push_back(segs.front());            // nor an exact duplicate
  QuickCheckResult q = quick_check(*set, {{"a.bin", segs}});
  ASSERT_EQ(q.files.size(), 1u);
  EXPECT_EQ(q.good, set->total_slices);
  EXPECT_EQ(q.bad + q.unknown, 0u);
  EXPECT_TRUE(q.files[0].complete());
  // A verify that trusts the quick check needs no reading; the result is ok.
  auto r = verify(*set, d.dir(), {}, &q);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->all_ok());
}

TEST(QuickCheck, WrongCrcMarksBadAndStraddlingSegmentsUnknown) {
  SetDir d({{"a.bin", 40000}}, kSlice, 10);
  auto set = load_set(d.par2_files());
  ASSERT_TRUE(set.ok());
  const auto& data = d.files[0].second;
  auto segs = segments(data, {kSlice});
  segs[2].crc32 ^= 1;           // slice 2 was written wrong
  segs.erase(segs.begin() + 4);  // slice 4 never arrived
  QuickCheckResult q = quick_check(*set, {{"a.bin", segs}});
  EXPECT_EQ(q.files[0].slices[2], SliceState::bad);
  EXPECT_EQ(q.files[0].slices[4], SliceState::unknown);
  EXPECT_EQ(q.files[0].slices[3], SliceState::good);
  EXPECT_EQ(q.bad, 1u);
  EXPECT_EQ(q.unknown, 1u);
  EXPECT_FALSE(q.files[0].complete());
  // Segments crossing slice boundaries cannot be split: those slices stay unknown.
  auto odd = segments(data, {6000});
  QuickCheckResult q2 = quick_check(*set, {{"a.bin", odd}});
  EXPECT_EQ(q2.good + q2.unknown, set->total_slices);
  EXPECT_GT(q2.unknown, 0u);
  EXPECT_EQ(q2.bad, 0u);
  // Segments of a file not in the set, or outside the file, are ignored.
  QuickCheckResult q3 = quick_check(*set, {{"other.bin", segs}, {"a.bin", {{1u << 30, 10, 0}}}});
  EXPECT_EQ(q3.unknown, set->total_slices);
}

TEST(QuickCheck, VerifyStillHashesSlicesTheQuickCheckDidNotVouchFor) {
  SetDir d({{"a.bin", 40000}}, kSlice, 10);
  auto set = load_set(d.par2_files());
  ASSERT_TRUE(set.ok());
  auto segs = segments(d.files[0].second, {kSlice});
  segs.erase(segs.begin() + 1);
  QuickCheckResult q = quick_check(*set, {{"a.bin", segs}});
  auto bytes = read_file(d.data_file(0));
  bytes[kSlice + 5] ^= 0xFF;  // the unvouched slice is really damaged on disk
  write_file(d.data_file(0), bytes);
  auto r = verify(*set, d.dir(), {}, &q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->missing_slices, 1u);
  EXPECT_FALSE(r->files[0].slices[1].found);
}
