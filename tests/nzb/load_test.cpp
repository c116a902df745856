#include <gtest/gtest.h>

#include "nzb/helpers.h"
#include "nzb/nzb.h"

namespace nzbd::nzb {
namespace {

using test::bzip2;
using test::gzip;
using test::nzb_doc;
using test::simple_file;
using test::zip;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const std::string& nyuu() {
  static const std::string doc = test::read_test_file("nyuu.nzb");
  return doc;
}

void expect_nyuu(const Result<std::vector<NamedNzb>>& result, const std::string& job) {
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ(result->at(0).job_name, job);
  EXPECT_EQ(result->at(0).nzb.files.size(), 3u);
  EXPECT_EQ(result->at(0).nzb.total_bytes, 36142000u);
}

TEST(LoadNzb, PlainGzipAndBzip2) {
  expect_nyuu(load_nzb_data(nyuu(), "Show.S01E01.nzb"), "Show.S01E01");
  expect_nyuu(load_nzb_data(gzip(nyuu()), "Show.S01E01.nzb.gz"), "Show.S01E01");
  expect_nyuu(load_nzb_data(bzip2(nyuu()), "Show.S01E01.nzb.bz2"), "Show.S01E01");
}

TEST(LoadNzb, FormatIsDetectedByMagicNotExtension) {
  expect_nyuu(load_nzb_data(gzip(nyuu()), "upload.nzb"), "upload");
  expect_nyuu(load_nzb_data(bzip2(nyuu()), "upload"), "upload");
  expect_nyuu(load_nzb_data(nyuu(), "upload.nzb.gz"), "upload");
  auto zipped = load_nzb_data(zip({{"inner.nzb", nyuu()}}), "download.nzb");
  expect_nyuu(zipped, "inner");
}

TEST(LoadNzb, ConcatenatedGzipMembersAndMultiStreamBzip2) {
  const std::string doc = nyuu();
  const size_t half = doc.size() / 2;
  expect_nyuu(load_nzb_data(gzip(doc.substr(0, half)) + gzip(doc.substr(half)), "a.nzb.gz"), "a");
  expect_nyuu(load_nzb_data(bzip2(doc.substr(0, half)) + bzip2(doc.substr(half)), "a.nzb.bz2"), "a");
}

TEST(LoadNzb, EveryNzbInAZipIsOneResult) {
  const std::string data = zip({{"readme.txt", "not an nzb"},
                                {"folder/First.Job.nzb", nzb_doc(simple_file("a.bin", 2))},
                                {"__MACOSX/folder/._First.Job.nzb", "\x00\x05\x16\x07 garbage"},
                                {"Second{{pw}}.NZB.gz", gzip(nzb_doc(simple_file("b.bin", 3)))},
                                {"Third.nzb.bz2", bzip2(nzb_doc(simple_file("c.bin")))}});
  auto result = load_nzb_data(data, "bundle.zip");
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_EQ(result->size(), 3u);
  EXPECT_EQ(result->at(0).source, "folder/First.Job.nzb");
  EXPECT_EQ(result->at(0).job_name, "First.Job");
  EXPECT_EQ(result->at(0).nzb.total_bytes, 2000u);
  EXPECT_EQ(result->at(1).job_name, "Second");
  EXPECT_EQ(result->at(1).password, "pw");
  EXPECT_EQ(result->at(1).nzb.files.at(0).filename, "b.bin");
  EXPECT_EQ(result->at(2).job_name, "Third");
  EXPECT_EQ(result->at(2).nzb.files.at(0).segments.size(), 1u);
}

TEST(LoadNzb, OneBadNzbInAZipFailsTheWholeZip) {
  const std::string data =
      zip({{"good.nzb", nzb_doc(simple_file("a.bin"))}, {"bad.nzb", "<nzb><file></nzb>"}});
  auto result = load_nzb_data(data, "bundle.zip");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.message(), "bundle.zip")) << result.message();
  EXPECT_TRUE(contains(result.message(), "bad.nzb")) << result.message();
  EXPECT_TRUE(contains(result.message(), "Invalid NZB")) << result.message();
}

TEST(LoadNzb, ZipWithoutNzbIsAnError) {
  auto result = load_nzb_data(zip({{"readme.txt", "hello"}}), "x.zip");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.message(), "no .nzb file")) << result.message();
}

TEST(LoadNzb, PasswordInFileName) {
  auto result = load_nzb_data(gzip(nyuu()), "/tmp/up/My Show: Part 1{{se cret}}.nzb.gz");
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result->at(0).job_name, "My Show Part 1");
  EXPECT_EQ(result->at(0).password, "se cret");
}

TEST(LoadNzb, ErrorsNameTheFile) {
  auto empty = load_nzb_data(nzb_doc(""), "nothing.nzb");
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(contains(empty.message(), "Failed to import nothing.nzb"));
  EXPECT_TRUE(contains(empty.message(), "Empty NZB"));

  auto malformed = load_nzb_data("<nzb><file>", "broken.nzb");
  ASSERT_FALSE(malformed.ok());
  EXPECT_TRUE(contains(malformed.message(), "broken.nzb"));
  EXPECT_TRUE(contains(malformed.message(), "XML error at offset"));
}

TEST(LoadNzb, CorruptAndTruncatedCompressedData) {
  const std::string gz = gzip(nyuu());
  auto truncated = load_nzb_data(gz.substr(0, gz.size() / 2), "t.nzb.gz");
  ASSERT_FALSE(truncated.ok());
  EXPECT_TRUE(contains(truncated.message(), "truncated gzip")) << truncated.message();

  std::string bad_gz = gz;
  for (size_t i = 20; i < 60; ++i) bad_gz[i] = static_cast<char>(bad_gz[i] ^ 0x5A);
  EXPECT_FALSE(load_nzb_data(bad_gz, "c.nzb.gz").ok());

  const std::string bz = bzip2(nyuu());
  EXPECT_FALSE(load_nzb_data(bz.substr(0, bz.size() / 2), "t.nzb.bz2").ok());
  std::string bad_bz = bz;
  for (size_t i = 12; i < 40; ++i) bad_bz[i] = static_cast<char>(bad_bz[i] ^ 0x5A);
  EXPECT_FALSE(load_nzb_data(bad_bz, "c.nzb.bz2").ok());

  const std::string z = zip({{"a.nzb", nyuu()}});
  auto half_zip = load_nzb_data(z.substr(0, z.size() / 2), "t.zip");
  EXPECT_FALSE(half_zip.ok()) << half_zip->at(0).nzb.files.size() << " files, zip " << z.size();
  EXPECT_FALSE(load_nzb_data("PK\x03\x04 not really a zip", "f.zip").ok());
}

TEST(LoadNzb, DecompressionBombsAreRefused) {
  // Small limit so the test stays fast; the default is kMaxDecompressedBytes.
  const LoadOptions options{1 << 20};
  const std::string padding = "<!--" + std::string(2 << 20, ' ') + "-->";
  const std::string big = nzb_doc(simple_file("a.bin") + padding);
  for (const auto& [data, name] : std::vector<std::pair<std::string, std::string>>{
           {gzip(big), "bomb.nzb.gz"},
           {bzip2(big), "bomb.nzb.bz2"},
           {zip({{"bomb.nzb", big}}), "bomb.zip"},
           {zip({{"a.nzb", big.substr(0, 600000)}, {"b.nzb", big.substr(0, 600000)}}), "two.zip"},
           {big, "plain.nzb"}}) {
    auto result = load_nzb_data(data, name, options);
    ASSERT_FALSE(result.ok()) << name;
    EXPECT_TRUE(contains(result.message(), "larger than 1 MiB when decompressed")) << result.message();
  }
  // The same document is fine under the default limit.
  auto result = load_nzb_data(gzip(big), "ok.nzb.gz");
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(LoadOptions{}.max_decompressed_bytes, size_t{256} << 20);
}

TEST(LoadNzb, NestingIsBounded) {
  const std::string doc = nzb_doc(simple_file("a.bin"));
  ASSERT_TRUE(load_nzb_data(gzip(gzip(doc)), "two.nzb.gz").ok());
  auto triple = load_nzb_data(gzip(gzip(gzip(doc))), "three.nzb.gz");
  ASSERT_FALSE(triple.ok());
  EXPECT_TRUE(contains(triple.message(), "nested")) << triple.message();
  auto zip_in_zip = load_nzb_data(zip({{"inner.nzb", zip({{"a.nzb", doc}})}}), "outer.zip");
  ASSERT_FALSE(zip_in_zip.ok());
  EXPECT_TRUE(contains(zip_in_zip.message(), "nested")) << zip_in_zip.message();
}

}  // namespace
}  // namespace nzbd::nzb
