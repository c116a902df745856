#include <gtest/gtest.h>

#include "nzb/nzb.h"

namespace nzbd::nzb {
namespace {

// Valid UTF-8 per RFC 3629 (checked independently of the code under test by
// round-tripping through clean_text, which must leave valid text unchanged).
bool is_valid_utf8(const std::string& s) { return clean_text(s) == s; }

TEST(CleanJobName, RemovesCharactersIllegalInFolderNames) {
  EXPECT_EQ(clean_job_name("My:Show*Name?<>|\"/\\"), "MyShowName");
  EXPECT_EQ(clean_job_name("Show: The Movie (2020)"), "Show The Movie (2020)");
  EXPECT_EQ(clean_job_name("a\x01" "b\x7f" "c\td"), "abc d");
  EXPECT_EQ(clean_job_name("../../etc"), "etc");
}

TEST(CleanJobName, TrimsSpacesAndDotsAndAvoidsEmptyNames) {
  EXPECT_EQ(clean_job_name("  ..Name..  "), "Name");
  EXPECT_EQ(clean_job_name("Name. . "), "Name");
  for (const char* bad : {"", " ", ".", "..", "...", " . . ", "///", "\x01\x02", ":*?"}) {
    EXPECT_EQ(clean_job_name(bad), "unnamed") << bad;
  }
}

TEST(CleanJobName, StripsNzbExtensions) {
  EXPECT_EQ(clean_job_name("Show.S01E01.nzb"), "Show.S01E01");
  EXPECT_EQ(clean_job_name("Show.S01E01.NZB.gz"), "Show.S01E01");
  EXPECT_EQ(clean_job_name("Show.S01E01.nzb.bz2"), "Show.S01E01");
  EXPECT_EQ(clean_job_name("Show.S01E01.mkv"), "Show.S01E01.mkv");
}

TEST(CleanJobName, KeepsUnicodeAndCutsAtUtf8Boundary) {
  EXPECT_EQ(clean_job_name("S\xC3\xA9ries \xE6\x97\xA5\xE6\x9C\xAC"), "S\xC3\xA9ries \xE6\x97\xA5\xE6\x9C\xAC");
  std::string cjk;
  for (int i = 0; i < 100; ++i) cjk += "\xE6\x97\xA5";  // 300 bytes
  const std::string cut = clean_job_name(cjk);
  EXPECT_LE(cut.size(), kMaxJobNameBytes);
  EXPECT_EQ(cut.size(), 198u);
  EXPECT_TRUE(is_valid_utf8(cut));
  EXPECT_EQ(clean_job_name(std::string(300, 'a')), std::string(200, 'a'));
  EXPECT_EQ(clean_job_name(std::string(199, 'a') + ". b"), std::string(199, 'a'));
  EXPECT_EQ(clean_job_name("bad\xFF" "byte"), "bad\xEF\xBF\xBD" "byte");
}

TEST(SplitPassword, DoubleBraces) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(split_password("name{{pw}}"), (P{"name", "pw"}));
  EXPECT_EQ(split_password("My Name {{ p w }}"), (P{"My Name", "p w"}));
  EXPECT_EQ(split_password("a{{p{{w}}"), (P{"a", "p{{w"}));
  EXPECT_EQ(split_password("Show{{}}"), (P{"Show", ""}));
  EXPECT_EQ(split_password("name"), (P{"name", ""}));
  EXPECT_EQ(split_password("{{pw}}"), (P{"{{pw}}", ""}));
  EXPECT_EQ(split_password("a{{b}}c"), (P{"a{{b}}c", ""}));
  EXPECT_EQ(split_password("name / pw"), (P{"name / pw", ""}));
  EXPECT_EQ(split_password(""), (P{"", ""}));
}

TEST(SanitizeFilename, ReplacesIllegalCharactersAndSeparators) {
  EXPECT_EQ(sanitize_filename("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
  EXPECT_EQ(sanitize_filename("../x"), ".._x");
  EXPECT_EQ(sanitize_filename("/etc/passwd"), "_etc_passwd");
  EXPECT_EQ(sanitize_filename(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(sanitize_filename(" spaced.bin "), "spaced.bin");
  EXPECT_EQ(sanitize_filename("-rf.bin"), "-rf.bin");
  EXPECT_EQ(sanitize_filename("..."), "...");
  for (const char* bad : {"", ".", "..", "  ", "\x01"}) {
    EXPECT_EQ(sanitize_filename(bad), "unnamed") << bad;
  }
}

TEST(SanitizeFilename, LimitsLengthAndKeepsExtension) {
  const std::string cut = sanitize_filename(std::string(300, 'a') + ".mkv");
  EXPECT_EQ(cut.size(), kMaxFilenameBytes);
  EXPECT_TRUE(cut.ends_with("aaa.mkv"));
  std::string cjk;
  for (int i = 0; i < 120; ++i) cjk += "\xE6\x97\xA5";
  const std::string cut2 = sanitize_filename(cjk + ".part01.rar");
  EXPECT_LE(cut2.size(), kMaxFilenameBytes);
  EXPECT_TRUE(cut2.ends_with(".rar"));
  EXPECT_TRUE(is_valid_utf8(cut2));
}

TEST(CleanText, ReplacesInvalidUtf8AndDropsControls) {
  EXPECT_EQ(clean_text("ok \xC3\xA9 \xF0\x9F\x98\x80"), "ok \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(clean_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong '/'
  EXPECT_EQ(clean_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(clean_text("\xE6\x97"), "\xEF\xBF\xBD\xEF\xBF\xBD");         // truncated
  EXPECT_EQ(clean_text("\xF4\x90\x80\x80").substr(0, 3), "\xEF\xBF\xBD");  // > U+10FFFF
  EXPECT_EQ(clean_text(std::string("a\0b\x1b[31m\xC2\x85z", 11)), "ab[31mz");
  EXPECT_EQ(clean_text("a\r\nb"), "a  b");
}

}  // namespace
}  // namespace nzbd::nzb
