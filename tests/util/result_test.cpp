#include "util/result.h"

#include <gtest/gtest.h>

namespace nzbd {
namespace {

Result<int> parse_positive(int v) {
  if (v < 0) return invalid_error("negative");
  if (v == 0) return make_error("zero");
  return v;
}

TEST(Result, ErrorsCarryTheirKindAndDefaultToInternal) {
  auto bad = parse_positive(-1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.kind(), ErrorKind::Invalid);
  EXPECT_TRUE(bad.is(ErrorKind::Invalid));
  EXPECT_EQ(bad.message(), "negative");

  auto plain = parse_positive(0);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.kind(), ErrorKind::Internal);

  auto good = parse_positive(3);
  ASSERT_TRUE(good);
  EXPECT_FALSE(good.is(ErrorKind::Invalid));
  EXPECT_EQ(*good, 3);
}

TEST(Result, ContextKeepsTheKind) {
  Status st = with_context("history: ", make_error("database is locked", ErrorKind::Busy));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.kind(), ErrorKind::Busy);
  EXPECT_EQ(st.message(), "history: database is locked");
  EXPECT_EQ(kind_name(st.kind()), "busy");
  EXPECT_EQ(kind_name(ErrorKind::NotFound), "not found");
}

}  // namespace
}  // namespace nzbd
