// Parsing of =ybegin / =ypart / =yend fields, CRC helpers.
#include <gtest/gtest.h>

#include <string>

#include "yenc/encode_for_test.h"
#include "yenc/headers.h"
#include "yenc/yenc.h"

namespace nzbd::yenc {
namespace {

TEST(YencHeader, YbeginSinglePart) {
  auto b = detail::parse_ybegin(" line=128 size=123456 name=some file.bin");
  ASSERT_TRUE(b.ok()) << b.message();
  EXPECT_EQ(b->size, 123456u);
  EXPECT_FALSE(b->part.has_value());
  EXPECT_EQ(b->name, "some file.bin");
}

TEST(YencHeader, YbeginMultipartAnyOrderNameKeepsSpacesAndEquals) {
  auto b = detail::parse_ybegin(" total=40 part=7 size=9 line=64 name=  a = b  name=c.rar \r");
  ASSERT_TRUE(b.ok()) << b.message();
  EXPECT_EQ(b->part, 7u);
  EXPECT_EQ(b->total, 40u);
  EXPECT_EQ(b->size, 9u);
  EXPECT_EQ(b->name, "a = b  name=c.rar");
}

TEST(YencHeader, YbeginBadNumbersAreErrors) {
  EXPECT_FALSE(detail::parse_ybegin(" size=-1 name=x").ok());
  EXPECT_FALSE(detail::parse_ybegin(" size= name=x").ok());
  EXPECT_FALSE(detail::parse_ybegin(" part=4294967296 size=1 name=x").ok());
  EXPECT_FALSE(detail::parse_ybegin(" size=18446744073709551616 name=x").ok());
  EXPECT_TRUE(detail::parse_ybegin(" size=18446744073709551615 name=x").ok());
  EXPECT_TRUE(detail::parse_ybegin(" size=1 line=abc unknown name=x").ok());  // only used keys are checked
}

TEST(YencHeader, Ypart) {
  auto p = detail::parse_ypart(" begin=1 end=768000");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->begin, 1u);
  EXPECT_EQ(p->end, 768000u);
  EXPECT_FALSE(detail::parse_ypart(" begin=1x end=2").ok());
}

TEST(YencHeader, YendCrcForms) {
  auto e = detail::parse_yend(" size=768000 part=1 pcrc32=DEADbeef crc32=0x1234");
  ASSERT_TRUE(e.ok()) << e.message();
  EXPECT_EQ(e->size, 768000u);
  EXPECT_EQ(e->part, 1u);
  EXPECT_EQ(e->pcrc32, 0xdeadbeefu);
  EXPECT_EQ(e->crc32, 0x1234u);
  auto bad = detail::parse_yend(" size=1 crc32=xyz pcrc32=123456789");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->crc32.has_value());
  EXPECT_FALSE(bad->pcrc32.has_value());
}

TEST(YencHeader, PartWithoutYpartIsTheWholeFile) {
  std::string body = "=ybegin part=1 total=1 line=128 size=3 name=x\r\n" + test::nntp_body(test::yenc_lines("abc")) +
                     "=yend size=3 part=1 crc32=" + test::hex8(test::reference_crc("abc")) + "\r\n";
  auto r = decode_article_inplace(body.data(), body.size());
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->offset, 0u);
  EXPECT_EQ(body.substr(0, r->size), "abc");
  EXPECT_EQ(r->expected_crc32, test::reference_crc("abc"));  // total=1: crc32 is the part's CRC
  EXPECT_TRUE(r->crc_ok());
}

TEST(YencHeader, KeywordMustBeWholeWord) {
  std::string body = "=ybegin2 size=3 name=x\r\nabc\r\n=yend size=3\r\n";
  EXPECT_FALSE(decode_article_inplace(body.data(), body.size()).ok());
}

TEST(YencCrc, KnownValuesAndCombine) {
  EXPECT_EQ(crc32("123456789", 9), 0xCBF43926u);
  EXPECT_EQ(crc32("", 0), 0u);
  const std::string a = test::random_bytes(1000, 1), b = test::random_bytes(777, 2);
  EXPECT_EQ(crc32(a.data(), a.size()), test::reference_crc(a));
  EXPECT_EQ(crc32(b.data(), b.size(), crc32(a.data(), a.size())), test::reference_crc(a + b));
  EXPECT_EQ(crc32_combine(crc32(a.data(), a.size()), crc32(b.data(), b.size()), b.size()),
            test::reference_crc(a + b));
}

}  // namespace
}  // namespace nzbd::yenc
