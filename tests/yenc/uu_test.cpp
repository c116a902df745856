// UUencoded articles.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "yenc/encode_for_test.h"
#include "yenc/yenc.h"

namespace nzbd::yenc {
namespace {

Result<ArticleInfo> decode_copy(const std::string& body, std::string* bytes) {
  auto buf = std::make_unique<char[]>(body.size() + 1);
  std::copy(body.begin(), body.end(), buf.get());
  auto r = decode_article_inplace(buf.get(), body.size());
  if (r) *bytes = std::string(buf.get(), r->size);
  return r;
}

TEST(UuArticle, DecodesAllSizesIncludingDotStuffedLengthLine) {
  // 45*k + 14 bytes makes the last line start with '.', which NNTP stuffs.
  for (size_t n : {0, 1, 2, 3, 44, 45, 46, 45 * 3 + 14, 5000}) {
    const std::string data = test::random_bytes(n, static_cast<uint32_t>(n));
    for (bool crlf : {true, false}) {
      const std::string body = test::uu_article(data, "my file.jpg", crlf);
      std::string got;
      auto r = decode_copy(body, &got);
      ASSERT_TRUE(r.ok()) << r.message() << " n=" << n;
      EXPECT_EQ(got, data) << n;
      EXPECT_TRUE(r->uuencoded);
      EXPECT_EQ(r->name, "my file.jpg");
      EXPECT_EQ(r->size, n);
      EXPECT_EQ(r->offset, 0u);
      EXPECT_EQ(r->part, 0u);
      EXPECT_EQ(r->crc32, test::reference_crc(data));
      EXPECT_TRUE(r->crc_ok());
    }
  }
  EXPECT_NE(test::uu_article(std::string(45 * 3 + 14, 'x'), "a").find("\r\n.."), std::string::npos);
}

TEST(UuArticle, TrailingSpacesStrippedByEncoderAreTolerated) {
  // "#86)C" is "abc"; "\"" claims 2 bytes whose characters (spaces = zeros)
  // the encoder stripped.
  std::string got;
  auto r = decode_copy("begin 644 x\r\n#86)C\r\n\"\r\n`\r\nend\r\n", &got);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(got, std::string("abc") + std::string(2, '\0'));
}

TEST(UuArticle, HostileInputsAreErrors) {
  std::string got;
  const std::string good = test::uu_article("hello world, this is uuencoded", "x");
  ASSERT_TRUE(decode_copy(good, &got).ok());
  EXPECT_FALSE(decode_copy(good.substr(0, good.find("end")), &got).ok()) << "no end";
  EXPECT_FALSE(decode_copy("begin 644 x\r\nM\r\nend\r\n", &got).ok()) << "short line";
  EXPECT_FALSE(decode_copy("begin 644 x\r\n#a~~~\r\nend\r\n", &got).ok()) << "bad chars";
  EXPECT_FALSE(decode_copy("begin 644 x\r\n~abcd\r\nend\r\n", &got).ok()) << "bad length char";
  EXPECT_FALSE(decode_copy("begin abc x\r\n#86)C\r\nend\r\n", &got).ok()) << "not a begin line";
  // Many "M" lines each claiming 45 bytes must not overrun the buffer.
  std::string flood = "begin 644 x\r\n";
  for (int i = 0; i < 100; ++i) flood += "M\r\n";
  EXPECT_FALSE(decode_copy(flood + "end\r\n", &got).ok());
}

}  // namespace
}  // namespace nzbd::yenc
