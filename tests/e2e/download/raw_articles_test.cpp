// Hand-made yEnc articles: lines that start with '.' (a lone "." and ".."
// too, which NNTP dot-stuffs on the wire) and line lengths from 1 to 1000.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <random>

#include "e2e/download/rig_util.h"

namespace e2e {
namespace {

using namespace std::chrono_literals;

const uint8_t kEncodesToDot = static_cast<uint8_t>('.' - 42);

std::string hex8(uint32_t v) {
  char b[9];
  std::snprintf(b, sizeof b, "%08x", v);
  return b;
}

bool must_escape(uint8_t c, bool at_edge) {
  return c == 0 || c == '\n' || c == '\r' || c == '=' || (at_edge && (c == ' ' || c == '\t'));
}

// Encodes `data` into yEnc lines whose encoded lengths cycle through `widths`,
// with '.' left unescaped so lines start with it. Returns the body lines.
std::vector<std::string> yenc_lines(const std::string& data, const std::vector<size_t>& widths) {
  std::vector<std::string> lines;
  std::string line;
  size_t w = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    uint8_t c = static_cast<uint8_t>(static_cast<uint8_t>(data[i]) + 42);
    bool edge = line.empty() || line.size() + 1 >= widths[w % widths.size()] || i + 1 == data.size();
    if (must_escape(c, edge)) {
      line += '=';
      line += static_cast<char>(static_cast<uint8_t>(c + 64));
    } else {
      line += static_cast<char>(c);
    }
    if (line.size() >= widths[w % widths.size()]) {
      lines.push_back(line);
      line.clear();
      ++w;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// Random bytes; the test then sets line-start bytes so they encode to '.'.
std::string dotty_data(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string data(size, '\0');
  for (auto& c : data) c = static_cast<char>(rng() & 0xFF);
  return data;
}

struct RawPart {
  std::string id;
  size_t bytes;
};

TEST(E2eRawArticles, DotStuffedLinesAndOddLineLengthsDownloadByteIdentical) {
  nzbd::test::TempDir dir, home;
  const std::vector<size_t> widths = {1, 1000, 2, 7, 128, 999, 1, 3, 500, 64, 1, 777, 2, 255, 1000, 5};
  const size_t part_size = 40'000, parts = 3;
  std::string data = dotty_data(part_size * parts - 1234, 77);
  fs::path original = dir / "dotty.bin";
  std::string nzb = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n"
                    "<file poster=\"rig\" date=\"1700000000\" subject=\"&quot;dotty.bin&quot; yEnc (1/3)\">\n"
                    "<groups><group>alt.binaries.test</group></groups>\n<segments>\n";
  size_t dot_lines = 0, lone_dots = 0, double_dots = 0, max_len = 0, min_len = SIZE_MAX;
  for (size_t p = 0; p < parts; ++p) {
    size_t begin = p * part_size, end = std::min(data.size(), begin + part_size);
    // Every line starts with '.', every third with "..", so one-char lines
    // are "." (".." on the wire); changed bytes move escapes, so settle.
    std::string chunk = data.substr(begin, end - begin);
    for (int round = 0; round < 3; ++round) {
      auto lines = yenc_lines(chunk, widths);
      size_t pos = 0;
      for (size_t li = 0; li < lines.size(); ++li) {
        if (pos < chunk.size()) chunk[pos] = static_cast<char>(kEncodesToDot);
        if (li % 3 == 0 && pos + 1 < chunk.size() && lines[li].size() > 2) chunk[pos + 1] = static_cast<char>(kEncodesToDot);
        size_t raw = 0;
        for (size_t k = 0; k < lines[li].size(); ++k, ++raw)
          if (lines[li][k] == '=') ++k;
        pos += raw;
      }
    }
    data.replace(begin, end - begin, chunk);
  }
  auto full_crc =
      static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  std::ofstream(original, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));

  for (size_t p = 0; p < parts; ++p) {
    size_t begin = p * part_size, end = std::min(data.size(), begin + part_size);
    std::string chunk = data.substr(begin, end - begin);
    auto lines = yenc_lines(chunk, widths);
    auto pcrc =
        static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(chunk.data()), static_cast<uInt>(chunk.size())));
    std::string body = "=ybegin part=" + std::to_string(p + 1) + " total=" + std::to_string(parts) +
                       " line=128 size=" + std::to_string(data.size()) + " name=dotty.bin\n=ypart begin=" +
                       std::to_string(begin + 1) + " end=" + std::to_string(end) + "\n";
    for (const auto& l : lines) {
      body += l + "\n";
      dot_lines += l[0] == '.';
      lone_dots += l == ".";
      double_dots += l.rfind("..", 0) == 0;
      max_len = std::max(max_len, l.size());
      min_len = std::min(min_len, l.size());
    }
    body += "=yend size=" + std::to_string(chunk.size()) + " part=" + std::to_string(p + 1) +
            " pcrc32=" + hex8(pcrc) + (p + 1 == parts ? " crc32=" + hex8(full_crc) : "") + "\n";
    fs::path body_file = dir / ("part" + std::to_string(p) + ".txt");
    nzbd::test::write_text(body_file, body);
    int rc = 0;
    std::string id = run("/usr/bin/python3 " + quote(std::string(NZBD_RIG_SCRIPTS) + "/post-raw.py") + " --port " +
                             std::to_string(NZBD_RIG_PORT) + " --subject " +
                             quote("\"dotty.bin\" yEnc (" + std::to_string(p + 1) + "/3)") + " " +
                             quote(body_file.string()),
                         &rc);
    ASSERT_EQ(rc, 0) << id;
    while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.pop_back();
    ASSERT_TRUE(id.size() > 2 && id.front() == '<' && id.back() == '>') << id;
    // What the server sends must really be dot-stuffed.
    auto wire = fetch_raw_body(NZBD_RIG_PORT, id.substr(1, id.size() - 2));
    ASSERT_TRUE(wire);
    EXPECT_NE(wire->find("\r\n..\r\n"), std::string::npos) << "no lone '.' line stuffed on the wire";
    nzb += "<segment bytes=\"" + std::to_string(body.size()) + "\" number=\"" + std::to_string(p + 1) + "\">" +
           id.substr(1, id.size() - 2) + "</segment>\n";
  }
  nzb += "</segments>\n</file>\n</nzb>\n";
  EXPECT_GT(dot_lines, 100u);
  EXPECT_GT(lone_dots, 10u);
  EXPECT_GT(double_dots, 10u);
  EXPECT_EQ(min_len, 1u);
  EXPECT_GE(max_len, 999u);
  nzbd::test::write_text(dir / "dotty.nzb", nzb);

  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
  std::string nzo = d.add_file(dir / "dotty.nzb", "dotty.nzb", "");
  ASSERT_FALSE(nzo.empty());
  auto slot = d.wait_done(nzo, 60s);
  ASSERT_TRUE(slot);
  ASSERT_EQ(slot->value("status", ""), "Completed") << slot->dump();
  expect_files_in(slot->value("storage", ""), {original});
}

}  // namespace
}  // namespace e2e
