// GF(2^16) arithmetic, region kernels, matrix inversion and CRC helpers.
#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

#include "par2/gf16.h"
#include "par2/hash.h"
#include "par2/matrix.h"
#include "par2/region.h"

using namespace nzbd::par2;

namespace {

// Slow reference: carry-less multiply, then reduce by 0x1100B.
uint16_t slow_mul(uint16_t a, uint16_t b) {
  uint32_t r = 0;
  for (int i = 0; i < 16; ++i)
    if (b & (1u << i)) r ^= uint32_t{a} << i;
  for (int bit = 31; bit >= 16; --bit)
    if (r & (1u << bit)) r ^= 0x1100Bu << (bit - 16);
  return static_cast<uint16_t>(r);
}

}  // namespace

TEST(Gf16, MultiplyMatchesSlowReference) {
  std::mt19937 rng(42);
  for (int i = 0; i < 200000; ++i) {
    uint16_t a = static_cast<uint16_t>(rng()), b = static_cast<uint16_t>(rng());
    ASSERT_EQ(gf::mul(a, b), slow_mul(a, b)) << a << " * " << b;
  }
  EXPECT_EQ(gf::mul(0, 1234), 0);
  EXPECT_EQ(gf::mul(1, 1234), 1234);
  EXPECT_EQ(gf::mul(0x8000, 2), 0x100B);  // x^15 * x wraps through the polynomial
}

TEST(Gf16, InverseAndLogExpAreConsistent) {
  for (uint32_t a = 1; a < 65536; ++a) {
    uint16_t x = static_cast<uint16_t>(a);
    ASSERT_EQ(gf::mul(x, gf::inv(x)), 1) << a;
    ASSERT_EQ(gf::exp2(gf::log2(x)), x) << a;
  }
  uint16_t p = 1;
  for (uint32_t n = 0; n < 70000; ++n) {
    ASSERT_EQ(gf::exp2(n), p) << n;
    p = slow_mul(p, 2);
  }
  EXPECT_EQ(p, gf::exp2(70000 % 65535));
}

TEST(Gf16, PowerMatchesRepeatedMultiply) {
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    uint16_t a = static_cast<uint16_t>(rng());
    auto n = static_cast<uint32_t>(rng() % 300);
    uint16_t expect = 1;
    for (uint32_t k = 0; k < n; ++k) expect = slow_mul(expect, a);
    ASSERT_EQ(gf::pow(a, n), expect);
  }
}

TEST(Gf16, InputBasesFollowPar2Exponents) {
  // Exponents 1, 2, 4, 7, 8, 11 are the first not divisible by 3, 5, 17, 257.
  const uint32_t first[] = {1, 2, 4, 7, 8, 11, 13, 14, 16, 19};
  for (uint32_t i = 0; i < 10; ++i) EXPECT_EQ(gf::input_base(i), gf::exp2(first[i])) << i;
  EXPECT_NE(gf::input_base(32767), 0);
  EXPECT_EQ(gf::input_base(32768), 0);  // PAR2 has exactly 32768 input bases
}

TEST(Region, ScalarMatchesFieldMultiply) {
  std::mt19937 rng(3);
  std::vector<uint8_t> src(302), dst(302), expect;
  for (auto& b : src) b = static_cast<uint8_t>(rng());
  for (auto& b : dst) b = static_cast<uint8_t>(rng());
  const uint16_t c = 0xBEEF;
  expect = dst;
  for (size_t i = 0; i + 1 < 301; i += 2) {  // 301 bytes: the last one is a half word
    uint16_t p = slow_mul(c, static_cast<uint16_t>(src[i] | src[i + 1] << 8));
    expect[i] ^= static_cast<uint8_t>(p & 0xff);
    expect[i + 1] ^= static_cast<uint8_t>(p >> 8);
  }
  expect[300] ^= static_cast<uint8_t>(slow_mul(c, src[300]) & 0xff);
  MulTable t = make_table(c);
  const uint8_t* s = src.data();
  mul_add_scalar(dst.data(), &s, &t, 1, 301);
  EXPECT_EQ(dst, expect);
}

TEST(Region, EveryKernelMatchesScalarAtEveryAlignmentAndLength) {
  auto kernels = available_kernels();
  ASSERT_GE(kernels.size(), 1u);
  std::mt19937 rng(11);
  constexpr size_t kSources = 3;
  std::vector<uint8_t> src_store[kSources];
  for (auto& s : src_store) {
    s.resize(400);
    for (auto& b : s) b = static_cast<uint8_t>(rng());
  }
  std::vector<uint8_t> base(400);
  for (auto& b : base) b = static_cast<uint8_t>(rng());
  MulTable tables[kSources] = {make_table(0x1234), make_table(0xFFFF), make_table(2)};
  for (const auto& k : kernels) {
    SCOPED_TRACE(k.name);
    for (size_t align = 0; align < 64; align += (align < 8 ? 1 : 7))
      for (size_t len = 0; len <= 300; ++len)
        for (size_t count : {size_t{1}, kSources}) {
          const uint8_t* srcs[kSources];
          for (size_t i = 0; i < kSources; ++i) srcs[i] = src_store[i].data() + (align * (i + 1)) % 64;
          std::vector<uint8_t> want = base, got = base;
          mul_add_scalar(want.data() + align, srcs, tables, count, len);
          k.fn(got.data() + align, srcs, tables, count, len);
          ASSERT_EQ(got, want) << "align " << align << " len " << len << " count " << count;
        }
  }
}

TEST(Region, KernelsAgreeOnRandomConstants) {
  std::mt19937 rng(5);
  std::vector<uint8_t> src(4096 + 36);
  for (auto& b : src) b = static_cast<uint8_t>(rng());
  for (int round = 0; round < 50; ++round) {
    MulTable t = make_table(static_cast<uint16_t>(rng()));
    std::vector<uint8_t> want(src.size(), 0);
    const uint8_t* s = src.data();
    mul_add_scalar(want.data(), &s, &t, 1, src.size());
    for (const auto& k : available_kernels()) {
      std::vector<uint8_t> got(src.size(), 0);
      k.fn(got.data(), &s, &t, 1, src.size());
      ASSERT_EQ(got, want) << k.name;
    }
  }
}

TEST(Region, SplitLayoutRoundTripsAndSplitKernelsMatchScalar) {
  std::mt19937 rng(21);
  for (size_t len : {size_t{0}, size_t{4}, size_t{128}, size_t{132}, size_t{1000}, size_t{4096}}) {
    std::vector<uint8_t> data(len);
    for (auto& b : data) b = static_cast<uint8_t>(rng());
    std::vector<uint8_t> split = data;
    to_split(split.data(), len);
    const size_t whole = len - len % 128;
    for (size_t b = 0; b < whole; b += 128)
      for (size_t i = 0; i < 64; ++i) {
        ASSERT_EQ(split[b + i], data[b + 2 * i]) << "low bytes first";
        ASSERT_EQ(split[b + 64 + i], data[b + 2 * i + 1]) << "then high bytes";
      }
    for (size_t i = whole; i < len; ++i) ASSERT_EQ(split[i], data[i]) << "the tail stays";
    std::vector<uint8_t> back = split;
    from_split(back.data(), len);
    ASSERT_EQ(back, data) << len;
    std::vector<uint8_t> src2(len);
    for (auto& b : src2) b = static_cast<uint8_t>(rng());
    MulTable tables[2] = {make_table(static_cast<uint16_t>(rng())), make_table(0x8001)};
    const uint8_t* srcs[2] = {data.data(), src2.data()};
    std::vector<uint8_t> want(len, 7);
    mul_add_scalar(want.data(), srcs, tables, 2, len);
    std::vector<uint8_t> split2 = src2;
    to_split(split2.data(), len);
    const uint8_t* split_srcs[2] = {split.data(), split2.data()};
    for (const auto& k : available_kernels()) {
      if (!k.split_fn) continue;
      std::vector<uint8_t> got(len, 7);
      to_split(got.data(), len);
      k.split_fn(got.data(), split_srcs, tables, 2, len);
      from_split(got.data(), len);
      ASSERT_EQ(got, want) << k.name << " len " << len;
    }
  }
}

TEST(Matrix, InverseTimesMatrixIsIdentity) {
  std::mt19937 rng(9);
  for (size_t n : {1, 2, 5, 40, 100}) {
    std::vector<uint16_t> a(n * n);
    for (auto& x : a) x = static_cast<uint16_t>(rng());
    std::vector<uint16_t> inv = a;
    ASSERT_TRUE(invert(inv, n));
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) {
        uint16_t sum = 0;
        for (size_t k = 0; k < n; ++k) sum ^= slow_mul(a[i * n + k], inv[k * n + j]);
        ASSERT_EQ(sum, i == j ? 1 : 0) << n;
      }
  }
}

TEST(Matrix, SingularIsRefused) {
  std::vector<uint16_t> a = {1, 2, 3, 2, 4, 6, 7, 8, 9};  // row 2 = 2 * row 1
  a[3] = gf::mul(2, 1), a[4] = gf::mul(2, 2), a[5] = gf::mul(2, 3);
  EXPECT_FALSE(invert(a, 3));
  std::vector<uint16_t> zero(4, 0);
  EXPECT_FALSE(invert(zero, 2));
  std::vector<uint16_t> wrong(5, 1);
  EXPECT_FALSE(invert(wrong, 2));
}

TEST(Crc, PaddingAndCombineMatchZlib) {
  auto data = std::vector<uint8_t>(5000, 0);
  std::mt19937 rng(1);
  for (size_t i = 0; i < 3000; ++i) data[i] = static_cast<uint8_t>(rng());
  auto whole = static_cast<uint32_t>(::crc32(0, data.data(), 5000));
  EXPECT_EQ(crc32(data.data(), 5000), whole);
  EXPECT_EQ(crc32_pad_zeros(crc32(data.data(), 3000), 2000), whole);
  EXPECT_EQ(crc32_pad_zeros(crc32(data.data(), 3000), 0), crc32(data.data(), 3000));
  EXPECT_EQ(crc32_combine(crc32(data.data(), 1234), crc32(data.data() + 1234, 3766), 3766), whole);
}

TEST(Md5, KnownDigest) {
  Md5 m = md5_of("abc", 3);
  const uint8_t expect[16] = {0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0,
                              0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1, 0x7f, 0x72};
  EXPECT_TRUE(std::equal(m.begin(), m.end(), expect));
}
