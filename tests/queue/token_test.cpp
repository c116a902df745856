// ArticleToken and ServerSet: the limits are named, checked and never
// silently wrapped onto another article or server.
#include <gtest/gtest.h>

#include <set>

#include "queue/article_token.h"
#include "queue/server_set.h"

namespace nzbd::queue {
namespace {

TEST(ArticleToken, PacksAndUnpacksUpToEachLimit) {
  for (auto [serial, file, seg] : {std::tuple<uint64_t, uint64_t, uint64_t>{1, 0, 0},
                                   {ArticleToken::kMaxSerial, ArticleToken::kMaxFiles - 1,
                                    ArticleToken::kMaxSegmentsPerFile - 1},
                                   {12345, 65535, 0},
                                   {7, 0, 16777215}}) {
    auto t = ArticleToken::pack(serial, file, seg);
    ASSERT_TRUE(t.has_value()) << serial << " " << file << " " << seg;
    EXPECT_EQ(t->serial(), serial);
    EXPECT_EQ(t->file(), file);
    EXPECT_EQ(t->segment(), seg);
    auto back = ArticleToken::from_raw(t->raw());
    EXPECT_EQ(back.serial(), serial);
    EXPECT_EQ(back.file(), file);
    EXPECT_EQ(back.segment(), seg);
  }
}

TEST(ArticleToken, RefusesWhatWouldHaveBeenMaskedOntoAnotherArticle) {
  EXPECT_EQ(ArticleToken::kMaxFiles, 65536u);
  EXPECT_EQ(ArticleToken::kMaxSegmentsPerFile, 16777216u);
  // The old packing masked these onto file 0 / segment 0 of the same job.
  EXPECT_FALSE(ArticleToken::pack(1, ArticleToken::kMaxFiles, 0).has_value());
  EXPECT_FALSE(ArticleToken::pack(1, 0, ArticleToken::kMaxSegmentsPerFile).has_value());
  EXPECT_FALSE(ArticleToken::pack(ArticleToken::kMaxSerial + 1, 0, 0).has_value());
  EXPECT_FALSE(ArticleToken::fits(1, ArticleToken::kMaxFiles, 0));
  EXPECT_TRUE(ArticleToken::fits(1, ArticleToken::kMaxFiles - 1, 0));
}

TEST(ArticleToken, NeighboursAtTheEdgesStayDistinct) {
  std::set<uint64_t> seen;
  for (uint64_t serial : {1u, 2u})
    for (uint64_t file : {uint64_t{0}, ArticleToken::kMaxFiles - 1})
      for (uint64_t seg : {uint64_t{0}, ArticleToken::kMaxSegmentsPerFile - 1})
        EXPECT_TRUE(seen.insert(ArticleToken::pack(serial, file, seg)->raw()).second);
}

TEST(ArticleToken, LimitCheckNamesTheLimit) {
  EXPECT_TRUE(check_token_limits(ArticleToken::kMaxFiles, ArticleToken::kMaxSegmentsPerFile, "a.bin").ok());
  auto files = check_token_limits(ArticleToken::kMaxFiles + 1, 1, "a.bin");
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.message().find("65537 files"), std::string::npos) << files.message();
  EXPECT_NE(files.message().find("at most 65536 files per job"), std::string::npos) << files.message();
  auto segs = check_token_limits(2, ArticleToken::kMaxSegmentsPerFile + 1, "big.bin");
  ASSERT_FALSE(segs.ok());
  EXPECT_NE(segs.message().find("big.bin"), std::string::npos) << segs.message();
  EXPECT_NE(segs.message().find("at most 16777216 articles per file"), std::string::npos) << segs.message();
}

TEST(ServerSet, HoldsEveryServerUpToItsMaximum) {
  EXPECT_EQ(ServerSet::kMax, 32u);
  ServerSet s;
  EXPECT_TRUE(s.empty());
  for (size_t i = 0; i < ServerSet::kMax; i += 3) s.insert(i);
  for (size_t i = 0; i < ServerSet::kMax; ++i) EXPECT_EQ(s.contains(i), i % 3 == 0) << i;
  s.insert(ServerSet::kMax - 1);
  EXPECT_TRUE(s.contains(ServerSet::kMax - 1));
  s.clear();
  EXPECT_TRUE(s.empty());
}

TEST(ServerSet, AnIndexPastTheMaximumIsNeverInAndAliasesNothing) {
  ServerSet s;
  // 1u << 32 is undefined; on x86 it became 1u << 0, marking server 0.
  s.insert(ServerSet::kMax);
  s.insert(64);
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.contains(0));
  EXPECT_FALSE(s.contains(ServerSet::kMax));
  s.insert(0);
  EXPECT_FALSE(s.contains(ServerSet::kMax));
}

}  // namespace
}  // namespace nzbd::queue
