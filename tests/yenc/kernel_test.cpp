// Every SIMD kernel the CPU supports must match the scalar reference byte for
// byte and state for state, however the input is split.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "yenc/encode_for_test.h"
#include "yenc/kernels.h"

namespace nzbd::yenc {
namespace {

struct Decoded {
  std::string bytes;
  DecoderState state;
};

// Decodes into a heap buffer of exactly len bytes so ASan catches any write past it.
Decoded run(const Kernel& k, std::string_view in, DecoderState state = {}) {
  auto src = std::make_unique<char[]>(in.size() + 1);
  std::copy(in.begin(), in.end(), src.get());
  auto dst = std::make_unique<char[]>(in.size() + 1);
  const size_t n = k.decode(src.get(), in.size(), dst.get(), state);
  EXPECT_LE(n, in.size());
  return {std::string(dst.get(), n), state};
}

Decoded run_scalar(std::string_view in, DecoderState state = {}) {
  return run(*find_kernel("scalar"), in, state);
}

std::vector<const Kernel*> supported_kernels() {
  std::vector<const Kernel*> ks;
  for (const Kernel& k : all_kernels()) {
    if (k.supported()) ks.push_back(&k);
  }
  return ks;
}

void expect_same_as_scalar(std::string_view in, DecoderState start, const std::string& what) {
  const Decoded want = run_scalar(in, start);
  for (const Kernel* k : supported_kernels()) {
    const Decoded got = run(*k, in, start);
    ASSERT_EQ(got.bytes, want.bytes) << k->name << ": " << what;
    ASSERT_EQ(got.state.escape, want.state.escape) << k->name << ": " << what;
    ASSERT_EQ(got.state.line_start, want.state.line_start) << k->name << ": " << what;
  }
}

// Raw bytes biased towards everything the decoder treats specially.
std::string special_heavy(std::mt19937& rng, size_t n) {
  static const char kAlphabet[] = {'=', '=', '\r', '\n', '\r', '\n', '.', '.', 'a', 'z', '\0', '\t', ' ', '@', '}'};
  std::string s(n, '\0');
  for (char& c : s) {
    const auto r = static_cast<unsigned>(rng() % 100);
    c = r < 60 ? kAlphabet[rng() % sizeof kAlphabet] : static_cast<char>(rng() & 0xFF);
  }
  return s;
}

TEST(YencKernel, ScalarDecodesTheSpecRules) {
  // '.' after LF dropped, CR/LF dropped, "=X" -> X-106, other bytes -42.
  const Decoded d = run_scalar("..k\r\n.l=}\n=J.");
  auto b = [](int v) { return static_cast<char>(static_cast<unsigned char>(v & 0xFF)); };
  const std::string want{b('.' - 42), b('k' - 42), b('l' - 42), b('}' - 106), b('J' - 106), b('.' - 42)};
  EXPECT_EQ(d.bytes, want);
  EXPECT_FALSE(d.state.escape);
  EXPECT_FALSE(d.state.line_start);
}

TEST(YencKernel, ListsTheChosenKernelAsSupported) {
  const Kernel* k = find_kernel(decoder_kernel_name());
  ASSERT_NE(k, nullptr);
  EXPECT_TRUE(k->supported());
  EXPECT_NE(find_kernel("scalar"), nullptr);
  EXPECT_EQ(find_kernel("no-such-kernel"), nullptr);
}

TEST(YencKernel, RoundTripsEncodedRandomDataOnEveryKernel) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    const std::string data = test::random_bytes(1000 + seed * 97, seed);
    test::LineOptions opt;
    opt.line_len = 1 + (seed * 37) % 200;
    opt.escape_leading_dot = seed % 2;
    const std::string wire = test::nntp_body(test::yenc_lines(data, opt), seed % 3 != 0);
    for (const Kernel* k : supported_kernels()) {
      EXPECT_EQ(run(*k, wire).bytes, data) << k->name << " seed " << seed;
    }
  }
}

TEST(YencKernel, RandomSpecialHeavyInputMatchesScalar) {
  std::mt19937 rng(12345);
  for (int trial = 0; trial < 400; ++trial) {
    const std::string in = special_heavy(rng, rng() % 300);
    const DecoderState start{(rng() & 1) != 0, (rng() & 1) != 0};
    expect_same_as_scalar(in, start, "trial " + std::to_string(trial));
  }
}

TEST(YencKernel, SpecialSequencesAtEveryBlockBoundary) {
  const std::vector<std::string> patterns = {"=@",   "=J",    "=M",  "=}",   "=n",  "\r\n.",  "\r\n..", "\n.",
                                             "\n..", "==",    "===", "=\r",  "=\n", "\r\n=y", "=.",    "\r\r\n\n.",
                                             "=",    "\r\n=", ".",   "\n\n", "\r",  "\n"};
  for (const std::string& p : patterns) {
    for (size_t pos = 0; pos < 140; ++pos) {
      std::string in(200, 'q');
      in.replace(pos, p.size(), p);
      for (int st = 0; st < 4; ++st) {
        expect_same_as_scalar(in, {(st & 1) != 0, (st & 2) != 0}, "pattern at " + std::to_string(pos));
      }
    }
  }
}

TEST(YencKernel, SplitAtEveryPositionGivesTheSameResult) {
  std::mt19937 rng(777);
  const std::string in = special_heavy(rng, 260) + test::nntp_body(test::yenc_lines(test::random_bytes(300, 5)));
  const Decoded whole = run_scalar(in);
  for (const Kernel* k : supported_kernels()) {
    for (size_t split = 0; split <= in.size(); ++split) {
      const Decoded a = run(*k, std::string_view(in).substr(0, split));
      const Decoded b = run(*k, std::string_view(in).substr(split), a.state);
      ASSERT_EQ(a.bytes + b.bytes, whole.bytes) << k->name << " split at " << split;
      ASSERT_EQ(b.state.escape, whole.state.escape);
      ASSERT_EQ(b.state.line_start, whole.state.line_start);
    }
  }
}

TEST(YencKernel, InPlaceAndOverlappingDecodeMatchSeparateBuffers) {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 50; ++trial) {
    const std::string in = special_heavy(rng, 50 + rng() % 400);
    const Decoded want = run_scalar(in);
    for (const Kernel* k : supported_kernels()) {
      const size_t shift = rng() % 40;  // dst = src - shift, like decode_article_inplace
      std::vector<char> buf(shift + in.size());
      std::copy(in.begin(), in.end(), buf.begin() + static_cast<long>(shift));
      DecoderState st;
      const size_t n = k->decode(buf.data() + shift, in.size(), buf.data(), st);
      ASSERT_EQ(std::string(buf.data(), n), want.bytes) << k->name << " shift " << shift;
    }
  }
}

TEST(YencKernel, EverySourceAlignment) {
  // The vector kernels align their loads with a scalar prologue: try every
  // start offset within a 64-byte line, in place and to a separate buffer.
  std::mt19937 rng(4242);
  const std::string in = special_heavy(rng, 500) + test::nntp_body(test::yenc_lines(test::random_bytes(400, 9)));
  const Decoded want = run_scalar(in);
  for (const Kernel* k : supported_kernels()) {
    for (size_t offset = 0; offset < 64; ++offset) {
      std::vector<char> buf(offset + in.size());
      std::copy(in.begin(), in.end(), buf.begin() + static_cast<long>(offset));
      std::vector<char> dst(in.size());
      DecoderState st;
      size_t n = k->decode(buf.data() + offset, in.size(), dst.data(), st);
      ASSERT_EQ(std::string(dst.data(), n), want.bytes) << k->name << " offset " << offset;
      st = {};
      n = k->decode(buf.data() + offset, in.size(), buf.data() + offset, st);
      ASSERT_EQ(std::string(buf.data() + offset, n), want.bytes) << k->name << " in place, offset " << offset;
    }
  }
}

TEST(YencKernel, LongRunsWithoutSpecialsUseTheFastPathCorrectly) {
  std::string in;
  for (int i = 0; i < 4096; ++i) in += static_cast<char>('a' + i % 26);
  expect_same_as_scalar(in, {}, "plain");
  expect_same_as_scalar(in, {true, false}, "escape carried in");
  expect_same_as_scalar("." + in, {false, true}, "stuffed dot carried in");
}

}  // namespace
}  // namespace nzbd::yenc
