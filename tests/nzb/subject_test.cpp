#include <gtest/gtest.h>

#include <chrono>

#include "nzb/nzb.h"

namespace nzbd::nzb {
namespace {

struct SubjectCase {
  std::string subject;
  std::string filename;
  bool provisional;
};

void PrintTo(const SubjectCase& c, std::ostream* os) { *os << c.subject; }

class SubjectStyles : public ::testing::TestWithParam<SubjectCase> {};

TEST_P(SubjectStyles, GiveTheFileName) {
  const SubjectCase& c = GetParam();
  const SubjectName name = parse_subject(c.subject);
  EXPECT_EQ(name.filename, c.filename) << c.subject;
  EXPECT_EQ(name.provisional, c.provisional) << c.subject;
  EXPECT_EQ(filename_from_subject(c.subject), c.filename);
}

INSTANTIATE_TEST_SUITE_P(
    RealWorld, SubjectStyles,
    ::testing::Values(
        // nyuu / ngPost / newsmangler style: name in quotes
        SubjectCase{"[1/3] - \"file.bin\" yEnc (1/50) 35000000", "file.bin", false},
        SubjectCase{"\"file.bin\" yEnc (1/50)", "file.bin", false},
        SubjectCase{"Some.Release [01/15] - \"some.release.part01.rar\" yEnc (1/120)",
                    "some.release.part01.rar", false},
        SubjectCase{"My Movie (2019) [3/7] - \"My Movie (2019).mkv.002\" yEnc (12/400) 734003200",
                    "My Movie (2019).mkv.002", false},
        SubjectCase{"[42/50] - \"Some.File.vol031+32.PAR2\" yEnc (1/33)", "Some.File.vol031+32.PAR2",
                    false},
        SubjectCase{"\"\" \"real.name.nfo\" yEnc (1/1)", "real.name.nfo", false},
        SubjectCase{"\" spaced name.txt \" yEnc (1/1)", "spaced name.txt", false},
        // yEnc style without quotes
        SubjectCase{"file.part01.rar yEnc (1/5)", "file.part01.rar", false},
        SubjectCase{"[1/3] - file.bin yEnc (1/50) 35000000", "file.bin", false},
        SubjectCase{"(01/10) - name.ext yEnc (3/9)", "name.ext", false},
        SubjectCase{"Re: [10/12] - The.File.r07 yEnc (5/14)", "The.File.r07", false},
        SubjectCase{"(Fancy Title) [12/40] - Show.S01E01.720p.HDTV.x264.r08 (1/20)",
                    "Show.S01E01.720p.HDTV.x264.r08", false},
        SubjectCase{"Artist - Album - 01 - Track Name.mp3 yEnc (1/12)",
                    "Artist - Album - 01 - Track Name.mp3", false},
        SubjectCase{"[PRiVATE]-[WtFnZb]-[Show.S01E01.1080p.WEB.mkv]-[1/5] - \"\" yEnc 123 (1/10)",
                    "Show.S01E01.1080p.WEB.mkv", false},
        SubjectCase{"Caf\xC3\xA9 Ol\xC3\xA9.mkv yEnc (1/2)", "Caf\xC3\xA9 Ol\xC3\xA9.mkv", false},
        // obfuscated: the raw subject is a provisional name
        SubjectCase{"a8f3c0d9e1b2 yEnc (1/3)", "a8f3c0d9e1b2 yEnc (1_3)", true},
        SubjectCase{"abcdefghijklmnop", "abcdefghijklmnop", true},
        SubjectCase{"", "unnamed", true},
        // hostile names are made safe
        SubjectCase{"\"../../../etc/passwd\" yEnc (1/1)", ".._.._.._etc_passwd", false},
        SubjectCase{"\"con:fi*le?.txt\"", "con_fi_le_.txt", false},
        SubjectCase{"\"..\"", "unnamed", false}));

TEST(ParseSubject, LongQuotedNameIsCutKeepingExtension) {
  const std::string name = std::string(300, 'x') + ".mkv";
  const SubjectName result = parse_subject("[1/1] - \"" + name + "\" yEnc (1/1)");
  EXPECT_EQ(result.filename.size(), kMaxFilenameBytes);
  EXPECT_TRUE(result.filename.ends_with("x.mkv"));
}

TEST(ParseSubject, HugeHostileSubjectsStayFast) {
  const auto start = std::chrono::steady_clock::now();
  const std::string spaces(100000, ' ');
  const std::string words = std::string(50000, 'a') + ".b" + std::string(50000, ' ');
  std::string brackets;
  for (int i = 0; i < 20000; ++i) brackets += "[a]";
  for (const std::string& s : {spaces, words, brackets}) {
    const SubjectName result = parse_subject(s);
    EXPECT_LE(result.filename.size(), kMaxFilenameBytes);
    EXPECT_FALSE(result.filename.empty());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace nzbd::nzb
