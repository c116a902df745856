// decode_article_inplace on well-formed, odd and hostile article bodies.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "yenc/encode_for_test.h"
#include "yenc/yenc.h"

namespace nzbd::yenc {
namespace {

struct Outcome {
  Result<ArticleInfo> info;
  std::string bytes;  // decoded bytes when info is ok
};

// Runs the decoder on an exact-size heap copy (ASan sees any overrun).
Outcome decode(const std::string& body) {
  auto buf = std::make_unique<char[]>(body.size() + 1);
  std::copy(body.begin(), body.end(), buf.get());
  auto r = decode_article_inplace(buf.get(), body.size());
  std::string bytes = r ? std::string(buf.get(), r->size) : std::string();
  return {std::move(r), std::move(bytes)};
}

void expect_error(const std::string& body, const std::string& what) {
  const Outcome o = decode(body);
  EXPECT_FALSE(o.info.ok()) << what;
  if (!o.info.ok()) {
    EXPECT_FALSE(o.info.message().empty());
  }
}

TEST(YencArticle, SinglePart) {
  const std::string data = test::random_bytes(5000, 1);
  const Outcome o = decode(test::yenc_article(data));
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_EQ(o.bytes, data);
  EXPECT_EQ(o.info->name, "file.bin");
  EXPECT_EQ(o.info->file_size, 5000u);
  EXPECT_EQ(o.info->part, 0u);
  EXPECT_EQ(o.info->offset, 0u);
  EXPECT_EQ(o.info->size, 5000u);
  EXPECT_EQ(o.info->crc32, test::reference_crc(data));
  ASSERT_TRUE(o.info->expected_crc32.has_value());
  EXPECT_TRUE(o.info->crc_ok());
  EXPECT_FALSE(o.info->uuencoded);
}

TEST(YencArticle, MultipartGivesOffsetAndPartCrc) {
  const std::string file = test::random_bytes(3000, 2);
  test::ArticleSpec spec;
  spec.part = 2;
  spec.total = 3;
  spec.file_size = file.size();
  spec.begin = 1001;
  spec.name = "My Show S01E01 [x].mkv";
  const std::string part = file.substr(1000, 1000);
  const Outcome o = decode(test::yenc_article(part, spec));
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_EQ(o.bytes, part);
  EXPECT_EQ(o.info->name, "My Show S01E01 [x].mkv");
  EXPECT_EQ(o.info->part, 2u);
  EXPECT_EQ(o.info->total, 3u);
  EXPECT_EQ(o.info->offset, 1000u);
  EXPECT_EQ(o.info->size, 1000u);
  EXPECT_EQ(o.info->file_size, 3000u);
  EXPECT_EQ(o.info->expected_crc32, test::reference_crc(part));
  EXPECT_TRUE(o.info->crc_ok());
}

TEST(YencArticle, EveryCriticalByteSurvives) {
  // Bytes that encode to NUL, LF, CR, '=', '.', TAB and space, at line starts, ends and middles.
  std::string data;
  for (int rep = 0; rep < 40; ++rep) {
    for (int enc : {0, int{'\n'}, int{'\r'}, int{'='}, int{'.'}, int{'\t'}, int{' '}}) data += static_cast<char>((enc - 42) & 0xFF);
  }
  for (size_t line_len : {1, 2, 3, 7, 8, 128}) {
    for (bool escape_dot : {true, false}) {
      test::ArticleSpec spec;
      spec.lines.line_len = line_len;
      spec.lines.escape_leading_dot = escape_dot;
      const Outcome o = decode(test::yenc_article(data, spec));
      ASSERT_TRUE(o.info.ok()) << o.info.message();
      EXPECT_EQ(o.bytes, data) << "line_len " << line_len;
      EXPECT_TRUE(o.info->crc_ok());
    }
  }
}

TEST(YencArticle, DotStuffedLinesAreUnstuffed) {
  // Every line starts with a raw '.' which NNTP doubles.
  const std::string data(1000, static_cast<char>('.' - 42));
  test::ArticleSpec spec;
  spec.lines.line_len = 10;
  spec.lines.escape_leading_dot = false;
  const std::string body = test::yenc_article(data, spec);
  ASSERT_NE(body.find("\r\n..."), std::string::npos);
  const Outcome o = decode(body);
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_EQ(o.bytes, data);
}

TEST(YencArticle, BareLfLineEnds) {
  const std::string data = test::random_bytes(10000, 3);
  test::ArticleSpec spec;
  spec.crlf = false;
  spec.lines.escape_leading_dot = false;
  const Outcome o = decode(test::yenc_article(data, spec));
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_EQ(o.bytes, data);
}

TEST(YencArticle, VeryLongAndVeryShortLines) {
  const std::string data = test::random_bytes(70000, 4);
  for (size_t line_len : {1, 2, 5, 1000, 100000}) {
    test::ArticleSpec spec;
    spec.lines.line_len = line_len;
    const Outcome o = decode(test::yenc_article(data, spec));
    ASSERT_TRUE(o.info.ok()) << o.info.message();
    EXPECT_EQ(o.bytes, data) << line_len;
  }
}

TEST(YencArticle, BadCrcIsReportedNotAnError) {
  const std::string data = test::random_bytes(500, 5);
  test::ArticleSpec spec;
  spec.crc_override = test::reference_crc(data) ^ 1;
  const Outcome o = decode(test::yenc_article(data, spec));
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_EQ(o.bytes, data);
  EXPECT_FALSE(o.info->crc_ok());
}

TEST(YencArticle, MissingCrcIsOk) {
  test::ArticleSpec spec;
  spec.with_crc = false;
  const Outcome o = decode(test::yenc_article("hello", spec));
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_FALSE(o.info->expected_crc32.has_value());
  EXPECT_TRUE(o.info->crc_ok());
  EXPECT_EQ(o.bytes, "hello");
}

TEST(YencArticle, TextBeforeYbeginAndAfterYendIsIgnored) {
  const std::string data = test::random_bytes(2000, 6);
  const std::string body = "some poster text\r\n\r\n" + test::yenc_article(data) + "\r\n-- \r\nsig\r\n";
  const Outcome o = decode(body);
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_EQ(o.bytes, data);
}

TEST(YencArticle, EmptyFile) {
  const Outcome o = decode("=ybegin line=128 size=0 name=empty\r\n=yend size=0 crc32=00000000\r\n");
  ASSERT_TRUE(o.info.ok()) << o.info.message();
  EXPECT_EQ(o.info->size, 0u);
  EXPECT_TRUE(o.info->crc_ok());
}

TEST(YencArticle, HostileInputsAreErrors) {
  const std::string good = test::yenc_article(test::random_bytes(300, 7));
  expect_error("", "empty");
  EXPECT_FALSE(decode_article_inplace(nullptr, 0).ok());
  expect_error("garbage\r\nmore garbage\r\n", "garbage");
  expect_error(good.substr(0, good.find("=yend")), "missing =yend");
  expect_error(good.substr(0, 100), "truncated");
  expect_error(good.substr(0, 10), "truncated inside =ybegin");
  expect_error("=ybegin line=128 name=x\r\nabc\r\n=yend size=3\r\n", "no size");
  expect_error("=ybegin line=128 size=99999999999999999999999 name=x\r\n=yend size=0\r\n", "size overflow");
  expect_error("=ybegin line=128 size=12x name=x\r\n=yend size=0\r\n", "bad number");
  expect_error("=ybegin line=128 size=5 name=x\r\nabc\r\n=yend size=3\r\n", "size mismatch");
  expect_error("=ybegin line=128 size=3 name=x\r\nabcd\r\n=yend size=3\r\n", "decoded too much");

  auto multipart = [](const std::string& ypart, const std::string& yend_size, const std::string& extra = "") {
    return "=ybegin part=1 total=2" + extra + " line=128 size=10 name=x\r\n" + ypart + "\r\nabc\r\n=yend size=" +
           yend_size + " part=1\r\n";
  };
  ASSERT_TRUE(decode(multipart("=ypart begin=1 end=3", "3")).info.ok());  // the baseline is valid
  expect_error(multipart("=ypart begin=0 end=3", "3"), "begin 0");
  expect_error(multipart("=ypart begin=3 end=1", "3"), "reversed");
  expect_error(multipart("=ypart begin=9 end=11", "3"), "end beyond size");
  expect_error(multipart("=ypart begin=18446744073709551615 end=18446744073709551615", "1"), "huge begin");
  expect_error(multipart("=ypart begin=1 end=18446744073709551616", "3"), "overflowing end");
  expect_error(multipart("=ypart begin=1", "3"), "no end");
  expect_error(multipart("=ypart begin=1 end=4", "4"), "decoded fewer than begin..end");
  expect_error(multipart("=ypart begin=1 end=3", "4"), "=yend size differs");
  expect_error(multipart("=ypart begin=1 end=3", "3", " part=0"), "part 0 then part 1");
  expect_error("=ybegin part=3 total=2 line=128 size=10 name=x\r\n=ypart begin=1 end=3\r\nabc\r\n=yend size=3\r\n",
               "part beyond total");
  expect_error("=ybegin part=1 total=2 line=128 size=10 name=x\r\n=ypart begin=1 end=3\r\nabc\r\n"
               "=yend size=3 part=2\r\n",
               "=yend part differs");
}

TEST(YencArticle, RandomGarbageNeverCrashes) {
  // Mutations of a valid article: every outcome is fine except a crash or an overrun.
  const std::string good = test::yenc_article(test::random_bytes(600, 8));
  std::mt19937 rng(42);
  int ok = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string body = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = rng() % body.size();
      switch (rng() % 3) {
        case 0: body[pos] = "=\r\n.y0 9"[rng() % 8]; break;
        case 1: body.erase(pos, 1 + rng() % 20); break;
        default: body.insert(pos, std::string(1 + rng() % 3, "=\n."[rng() % 3])); break;
      }
      if (body.empty()) body = "=";
    }
    const Outcome o = decode(body);
    if (o.info.ok()) {
      ++ok;
      EXPECT_LE(o.info->size, body.size());
    }
  }
  EXPECT_LT(ok, 2000);  // most mutations must be detected
}

}  // namespace
}  // namespace nzbd::yenc
