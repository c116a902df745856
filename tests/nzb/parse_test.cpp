#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "nzb/nzb.h"
#include "nzb/helpers.h"

namespace nzbd::nzb {
namespace {

using test::file_xml;
using test::nzb_doc;
using test::segment_xml;
using test::simple_file;

TEST(ParseNzb, NyuuStyleDocument) {
  auto result = parse_nzb(test::read_test_file("nyuu.nzb"));
  ASSERT_TRUE(result.ok()) << result.message();
  const Nzb& nzb = *result;
  ASSERT_EQ(nzb.files.size(), 3u);
  // Posted as vol, bin, par2; downloaded as index par2, data, recovery volume.
  EXPECT_EQ(nzb.files[0].filename, "file.par2");
  EXPECT_EQ(nzb.files[1].filename, "file.bin");
  EXPECT_EQ(nzb.files[2].filename, "file.vol00+01.par2");
  EXPECT_TRUE(nzb.files[0].is_par2);
  EXPECT_FALSE(nzb.files[0].is_recovery_volume);
  EXPECT_FALSE(nzb.files[1].is_par2);
  EXPECT_TRUE(nzb.files[2].is_par2);
  EXPECT_TRUE(nzb.files[2].is_recovery_volume);

  const File& bin = nzb.files[1];
  EXPECT_EQ(bin.subject, "[1/3] - \"file.bin\" yEnc (1/50) 35000000");
  EXPECT_EQ(bin.poster, "Nyuu <nyuu@example.invalid>");
  EXPECT_EQ(bin.date, 1700000123);
  EXPECT_EQ(bin.groups, (std::vector<std::string>{"alt.binaries.test", "alt.binaries.misc"}));
  ASSERT_EQ(bin.segments.size(), 50u);
  for (size_t i = 0; i < bin.segments.size(); ++i) {
    EXPECT_EQ(bin.segments[i].number, i + 1);
    EXPECT_EQ(bin.segments[i].bytes, 700000u);
    EXPECT_TRUE(bin.segments[i].message_id.ends_with("-1700000000@nyuu"));
  }
  EXPECT_EQ(bin.bytes(), 35000000u);
  EXPECT_EQ(nzb.files[2].bytes(), 1100000u);
  EXPECT_EQ(nzb.total_bytes, 35000000u + 42000u + 1100000u);

  EXPECT_EQ(nzb.password(), "s3cret & more");
  EXPECT_EQ(nzb.category(), "tv");
  EXPECT_EQ(nzb.name(), "");
  EXPECT_EQ(nzb.meta.at("tag"), (std::vector<std::string>{"one", "two"}));
}

TEST(ParseNzb, MetaTypesAreCaseInsensitiveAndEmptyValuesSkipped) {
  auto result = parse_nzb(nzb_doc(
      "<head><meta type=\"Password\"> pw </meta><meta type=\"NAME\">My Show</meta>"
      "<meta type=\"category\"></meta><meta>typeless</meta></head>" + simple_file("a.bin")));
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result->password(), "pw");
  EXPECT_EQ(result->name(), "My Show");
  EXPECT_EQ(result->category(), "");
  EXPECT_EQ(result->meta.size(), 2u);
}

TEST(ParseNzb, MessageIdWithOrWithoutAngleBrackets) {
  auto result = parse_nzb(nzb_doc(file_xml(
      "&quot;a.bin&quot;", segment_xml("1", "10", "&lt;one@x&gt;") + segment_xml("2", "10", "two@x") +
                       segment_xml("3", "10", "\n   <![CDATA[<three@x>]]>  \n"))));
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& segs = result->files.at(0).segments;
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[0].message_id, "one@x");
  EXPECT_EQ(segs[1].message_id, "two@x");
  EXPECT_EQ(segs[2].message_id, "three@x");
}

struct BadSegment {
  std::string number, bytes, id, why;
};

void PrintTo(const BadSegment& bad, std::ostream* os) { *os << bad.why; }

class InvalidSegment : public ::testing::TestWithParam<BadSegment> {};

TEST_P(InvalidSegment, IsDropped) {
  const BadSegment& bad = GetParam();
  const std::string segments =
      segment_xml("1", "500", "good@x") + segment_xml(bad.number, bad.bytes, bad.id);
  auto result = parse_nzb(nzb_doc(file_xml("&quot;a.bin&quot;", segments)));
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_EQ(result->files.size(), 1u);
  ASSERT_EQ(result->files[0].segments.size(), 1u) << bad.why;
  EXPECT_EQ(result->files[0].segments[0].message_id, "good@x");
  EXPECT_EQ(result->total_bytes, 500u);
}

INSTANTIATE_TEST_SUITE_P(
    Validation, InvalidSegment,
    ::testing::Values(
        BadSegment{"0", "10", "a@x", "number 0"}, BadSegment{"-2", "10", "a@x", "negative"},
        BadSegment{"x", "10", "a@x", "not a number"}, BadSegment{"2abc", "10", "a@x", "junk"},
        BadSegment{"", "10", "a@x", "empty number"},
        BadSegment{"10000001", "10", "a@x", "number too large"},
        BadSegment{"99999999999999999999999", "10", "a@x", "number overflows"},
        BadSegment{"2", "0", "a@x", "zero bytes"}, BadSegment{"2", "-5", "a@x", "negative bytes"},
        BadSegment{"2", "67108864", "a@x", "64 MiB"},
        BadSegment{"2", "4294967296", "a@x", "bytes beyond 32 bits"},
        BadSegment{"2", "", "a@x", "no bytes"}, BadSegment{"2", "10", "", "empty id"},
        BadSegment{"2", "10", "&lt;&gt;", "only brackets"},
        BadSegment{"2", "10", "a b@x", "space inside"},
        BadSegment{"2", "10", "a&#9;b@x", "tab inside"},
        BadSegment{"2", "10", "a&#13;&#10;QUIT@x", "CRLF injection"},
        BadSegment{"2", "10", "a&#1;b@x", "control char"},
        BadSegment{"2", "10", "caf\xC3\xA9@x", "non-ASCII"},
        BadSegment{"2", "10", "a&lt;b@x", "bracket inside"},
        BadSegment{"2", "10", std::string(512, 'm'), "512 characters"}));

TEST(ParseNzb, LimitsAreInclusiveWhereAllowed) {
  const std::string segments = segment_xml("1", "67108863", std::string(511, 'm')) +
                               segment_xml("10000000", "1", "&lt;last@x&gt;");
  auto result = parse_nzb(nzb_doc(file_xml("&quot;a.bin&quot;", segments)));
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& segs = result->files.at(0).segments;
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[0].bytes, kMaxSegmentBytes - 1);
  EXPECT_EQ(segs[0].message_id.size(), kMaxMessageIdLength);
  EXPECT_EQ(segs[1].number, kMaxSegmentNumber);
}

TEST(ParseNzb, DuplicateNumbersKeepFirstAndSegmentsAreSorted) {
  const std::string segments = segment_xml("3", "30", "third@x") + segment_xml("1", "10", "first@x") +
                               segment_xml("3", "99", "third-dup@x") +
                               segment_xml("2", "20", "second@x") + segment_xml("1", "98", "dup@x");
  auto result = parse_nzb(nzb_doc(file_xml("&quot;a.bin&quot;", segments)));
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& segs = result->files.at(0).segments;
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[0].message_id, "first@x");
  EXPECT_EQ(segs[1].message_id, "second@x");
  EXPECT_EQ(segs[2].message_id, "third@x");
  EXPECT_EQ(result->files[0].bytes(), 60u);
}

TEST(ParseNzb, FileWithoutValidSegmentIsDropped) {
  auto result = parse_nzb(nzb_doc(
      file_xml("&quot;bad.bin&quot;", segment_xml("0", "10", "a@x")) +
      "<file subject=\"&quot;none.bin&quot;\"></file>" + simple_file("good.bin", 2)));
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_EQ(result->files.size(), 1u);
  EXPECT_EQ(result->files[0].filename, "good.bin");
  EXPECT_EQ(result->total_bytes, 2000u);
}

TEST(ParseNzb, EmptyNzbIsAnError) {
  for (const std::string& doc :
       {nzb_doc(""), nzb_doc("<head><meta type=\"name\">x</meta></head>"),
        nzb_doc(file_xml("&quot;a.bin&quot;", segment_xml("1", "0", "a@x")))}) {
    auto result = parse_nzb(doc);
    ASSERT_FALSE(result.ok()) << doc;
    EXPECT_NE(result.message().find("Empty NZB"), std::string::npos) << result.message();
  }
}

TEST(ParseNzb, MalformedXmlReportsPugixmlDescriptionAndOffset) {
  const std::string doc = nzb_doc(simple_file("a.bin")) + "<file><segments></file>";
  pugi::xml_document reference;
  const pugi::xml_parse_result expected = reference.load_string(doc.c_str());
  ASSERT_FALSE(expected);
  auto result = parse_nzb(doc);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.message().find(expected.description()), std::string::npos) << result.message();
  EXPECT_NE(result.message().find("offset " + std::to_string(expected.offset)), std::string::npos)
      << result.message();
  EXPECT_NE(result.message().find("Invalid NZB"), std::string::npos);
}

TEST(ParseNzb, NotAnNzbIsAnError) {
  for (const std::string doc : {"", "   ", "<html><body/></html>", "plain text", "\x1f\x8b\x08"}) {
    auto result = parse_nzb(doc);
    EXPECT_FALSE(result.ok()) << doc;
  }
  auto result = parse_nzb("<html/>");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.message().find("no <nzb> element"), std::string::npos);
}

TEST(ParseNzb, BillionLaughsIsNotExpanded) {
  std::string dtd = "<!DOCTYPE nzb [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = i == 1 ? "lol" : "lol" + std::to_string(i - 1);
    std::string value;
    for (int k = 0; k < 10; ++k) value += "&" + prev + ";";
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"" + value + "\">\n";
  }
  dtd += "]>\n";
  const std::string doc = "<?xml version=\"1.0\"?>\n" + dtd +
                          "<nzb><head><meta type=\"name\">&lol9;</meta></head>" +
                          file_xml("&lol9;", segment_xml("1", "10", "&lol9;")) + "</nzb>";
  auto result = parse_nzb(doc);
  // pugixml skips the DTD: the reference stays literal text (10 bytes, not 3 GB).
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_EQ(result->files.size(), 1u);
  EXPECT_EQ(result->files[0].segments.at(0).message_id, "&lol9;");
  EXPECT_EQ(result->files[0].subject, "&lol9;");
  EXPECT_EQ(result->name(), "&lol9;");
}

TEST(ParseNzb, ExternalEntitiesAreNotLoaded) {
  const std::string doc =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE nzb [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
      " <!ENTITY % remote SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %remote; ]>\n"
      "<nzb><head><meta type=\"password\">&xxe;</meta></head>" +
      file_xml("&xxe; &quot;a.bin&quot;", segment_xml("1", "10", "id@x")) + "</nzb>";
  auto result = parse_nzb(doc);
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result->password(), "&xxe;");
  EXPECT_EQ(result->files.at(0).subject, "&xxe; \"a.bin\"");
  EXPECT_EQ(result->files.at(0).filename, "a.bin");
}

TEST(ParseNzb, PredefinedAndNumericEntitiesAreExpanded) {
  auto result = parse_nzb(nzb_doc(file_xml("&#65;&#x42; &amp; &apos;x&apos; &quot;r&#xE9;sum&#233;.pdf&quot;",
                                           segment_xml("1", "10", "a&amp;b@x"))));
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result->files[0].subject, "AB & 'x' \"r\xC3\xA9sum\xC3\xA9.pdf\"");
  EXPECT_EQ(result->files[0].filename, "r\xC3\xA9sum\xC3\xA9.pdf");
  EXPECT_EQ(result->files[0].segments[0].message_id, "a&b@x");
}

TEST(ParseNzb, NamespacePrefixesAndLatin1) {
  auto prefixed = parse_nzb(
      "<n:nzb xmlns:n=\"http://www.newzbin.com/DTD/2003/nzb\"><n:file subject=\"&quot;p.bin&quot;\">"
      "<n:segments><n:segment number=\"1\" bytes=\"5\">id@x</n:segment></n:segments></n:file></n:nzb>");
  ASSERT_TRUE(prefixed.ok()) << prefixed.message();
  EXPECT_EQ(prefixed->files.at(0).filename, "p.bin");

  auto latin1 = parse_nzb(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nzb>" +
      file_xml("&quot;caf\xE9.mkv&quot;", segment_xml("1", "10", "id@x")) + "</nzb>");
  ASSERT_TRUE(latin1.ok()) << latin1.message();
  EXPECT_EQ(latin1->files.at(0).filename, "caf\xC3\xA9.mkv");
}

TEST(ParseNzb, HostileTextIsCleaned) {
  auto result = parse_nzb(nzb_doc(
      "<file poster=\"bad\xFF\xFEposter\" date=\"yesterday\" subject=\"&quot;../../etc/passwd&quot;\">"
      "<groups><group>  </group><group>a.b.\xC0\xAF</group></groups>"
      "<segments><segment number=\"1\" bytes=\"1\">x@y</segment></segments></file>"));
  ASSERT_TRUE(result.ok()) << result.message();
  const File& f = result->files.at(0);
  EXPECT_EQ(f.poster, "bad\xEF\xBF\xBD\xEF\xBF\xBDposter");
  EXPECT_EQ(f.date, 0);
  EXPECT_EQ(f.groups, (std::vector<std::string>{"a.b.\xEF\xBF\xBD\xEF\xBF\xBD"}));
  EXPECT_EQ(f.filename.find('/'), std::string::npos);
  EXPECT_EQ(f.filename, ".._.._etc_passwd");
}

TEST(ParseNzb, ObfuscatedSubjectKeepsRawSubjectAsProvisionalName) {
  auto result = parse_nzb(nzb_doc(
      file_xml("a8f3c0d9e1b2f4a6c7d8e9f0 yEnc (1/3)", segment_xml("1", "10", "o@x")) +
      simple_file("named.bin")));
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_EQ(result->files.size(), 2u);
  const File& obfuscated = result->files[0].provisional_name ? result->files[0] : result->files[1];
  const File& named = result->files[0].provisional_name ? result->files[1] : result->files[0];
  EXPECT_TRUE(obfuscated.provisional_name);
  EXPECT_EQ(obfuscated.filename, "a8f3c0d9e1b2f4a6c7d8e9f0 yEnc (1_3)");
  EXPECT_FALSE(named.provisional_name);
}

TEST(ParseNzb, DeepNestingDoesNotOverflowTheStack) {
  std::string open, close;
  for (int i = 0; i < 200000; ++i) {
    open += "<a>";
    close += "</a>";
  }
  auto closed = parse_nzb("<nzb>" + open + close + "</nzb>");
  ASSERT_FALSE(closed.ok());
  EXPECT_NE(closed.message().find("Empty NZB"), std::string::npos) << closed.message();
  auto unclosed = parse_nzb("<nzb>" + open);
  ASSERT_FALSE(unclosed.ok());
  EXPECT_NE(unclosed.message().find("XML error"), std::string::npos) << unclosed.message();
}

TEST(ParseNzb, ManyFilesAndSegments) {
  std::string body;
  for (int f = 0; f < 200; ++f) body += simple_file("f" + std::to_string(f) + ".rar", 100);
  auto result = parse_nzb(nzb_doc(body));
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_EQ(result->files.size(), 200u);
  EXPECT_EQ(result->total_bytes, 200u * 100u * 1000u);
  EXPECT_EQ(result->files[0].filename, "f0.rar");
  EXPECT_EQ(result->files[2].filename, "f2.rar");  // natural order: f2 before f10
  EXPECT_EQ(result->files[199].filename, "f199.rar");
  EXPECT_EQ(result->files[150].segments.at(99).message_id, "f150.rar.100@test");
}

}  // namespace
}  // namespace nzbd::nzb
