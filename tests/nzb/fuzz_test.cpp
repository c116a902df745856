// Deterministic mutation fuzzing of the whole intake path (run under ASan/UBSan
// in the sanitizer build): whatever the bytes, the result is an error or an
// NZB that keeps every promise of the header.
#include <gtest/gtest.h>

#include <random>

#include "nzb/helpers.h"
#include "nzb/nzb.h"

namespace nzbd::nzb {
namespace {

void expect_invariants(const Result<std::vector<NamedNzb>>& result) {
  if (!result.ok()) {
    EXPECT_FALSE(result.message().empty());
    return;
  }
  ASSERT_FALSE(result->empty());
  for (const NamedNzb& named : *result) {
    EXPECT_EQ(clean_job_name(named.job_name), named.job_name);
    ASSERT_FALSE(named.nzb.files.empty());
    uint64_t total = 0;
    for (const File& file : named.nzb.files) {
      ASSERT_FALSE(file.segments.empty());
      EXPECT_EQ(sanitize_filename(file.filename), file.filename);
      EXPECT_EQ(file.filename.find('/'), std::string::npos);
      EXPECT_EQ(clean_text(file.subject), file.subject);
      uint32_t previous = 0;
      for (const Segment& seg : file.segments) {
        EXPECT_GT(seg.number, previous);
        previous = seg.number;
        EXPECT_GT(seg.bytes, 0u);
        EXPECT_LT(seg.bytes, kMaxSegmentBytes);
        ASSERT_FALSE(seg.message_id.empty());
        EXPECT_LE(seg.message_id.size(), kMaxMessageIdLength);
        for (char c : seg.message_id) {
          EXPECT_TRUE(c > 0x20 && c < 0x7F && c != '<' && c != '>') << seg.message_id;
        }
      }
      total += file.bytes();
    }
    EXPECT_EQ(total, named.nzb.total_bytes);
  }
}

std::string mutate(std::string data, std::mt19937& rng) {
  if (data.empty()) return data;
  std::uniform_int_distribution<int> kind(0, 3);
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits && !data.empty(); ++i) {
    const size_t pos = rng() % data.size();
    switch (kind(rng)) {
      case 0: data[pos] = static_cast<char>(rng()); break;                 // random byte
      case 1: data.erase(pos, 1 + rng() % 16); break;                      // delete a run
      case 2: data.insert(pos, std::string(1 + rng() % 4, "<>&\"/\0x;"[rng() % 8])); break;
      default: data.resize(pos); break;                                     // truncate
    }
  }
  return data;
}

TEST(FuzzNzb, MutatedDocumentsKeepInvariants) {
  const std::string doc = test::read_test_file("nyuu.nzb");
  std::mt19937 rng(12345);
  int parsed = 0;
  for (int i = 0; i < 1500; ++i) {
    auto result = load_nzb_data(mutate(doc, rng), "fuzz.nzb");
    parsed += result.ok();
    expect_invariants(result);
  }
  // Small mutations leave many documents valid: both paths were exercised.
  EXPECT_GT(parsed, 10);
  EXPECT_LT(parsed, 1500);
}

TEST(FuzzNzb, MutatedCompressedDataKeepsInvariants) {
  const std::string doc = test::read_test_file("nyuu.nzb");
  const std::vector<std::string> wrapped = {test::gzip(doc), test::bzip2(doc),
                                            test::zip({{"a.nzb", doc}, {"b.nzb.gz", test::gzip(doc)}})};
  std::mt19937 rng(777);
  for (const std::string& data : wrapped) {
    for (int i = 0; i < 150; ++i) expect_invariants(load_nzb_data(mutate(data, rng), "fuzz.bin"));
  }
}

}  // namespace
}  // namespace nzbd::nzb
