// Table-driven release-name parser tests: tests/data/parser/cases.tsv holds
// several hundred real-world style names, each with every expected field.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pvr/release_parser.h"

namespace nzbd::pvr {
namespace {

struct Case {
  int line = 0;
  std::vector<std::string> cols;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) out.push_back(cell);
  return out;
}

std::vector<Case> load_cases() {
  std::ifstream in(std::string(NZBD_SOURCE_DIR) + "/tests/data/parser/cases.tsv");
  std::vector<Case> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    cases.push_back({n, split_tabs(line)});
  }
  return cases;
}

std::string join(const std::vector<int>& v) {
  std::string s;
  for (int e : v) s += (s.empty() ? "" : ",") + std::to_string(e);
  return s.empty() ? "-" : s;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& e : v) s += (s.empty() ? "" : ",") + e;
  return s;
}

std::string dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string flags_of(const ParsedEpisodeInfo& r) {
  std::string f = std::string(r.full_season ? "F" : "") + (r.multi_season ? "M" : "") + (r.special ? "S" : "") +
                  (r.is_daily ? "D" : "") + (r.is_absolute ? "A" : "");
  return dash(f);
}

std::string revision_of(const QualityModel& q) {
  return std::to_string(q.version) + (q.is_repack ? ",repack" : "") + (q.real ? ",real" : "");
}

TEST(ParserCases, TableHasSeveralHundredRows) {
  auto cases = load_cases();
  EXPECT_GE(cases.size(), 400u);
  size_t refused = 0;
  for (const auto& c : cases) refused += c.cols.size() == 2 && c.cols[1] == "NOPARSE";
  EXPECT_GE(refused, 30u);  // the hash/garbage cases are a real part of the table
}

TEST(ParserCases, EveryRowParsesAsExpected) {
  auto cases = load_cases();
  ASSERT_FALSE(cases.empty()) << "cases.tsv not found under " << NZBD_SOURCE_DIR;
  for (const auto& c : cases) {
    const auto& col = c.cols;
    SCOPED_TRACE("cases.tsv line " + std::to_string(c.line) + ": " + col[0]);
    auto r = parse_release(col[0]);
    if (col.size() == 2 && col[1] == "NOPARSE") {
      EXPECT_FALSE(r.has_value()) << "parsed as '" << (r ? r->series_title : "") << "'";
      continue;
    }
    ASSERT_EQ(col.size(), 13u) << "malformed row";
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->series_title, col[1]);
    EXPECT_EQ(r->clean_title, col[2]);
    EXPECT_EQ(r->year ? std::to_string(*r->year) : "-", col[3]);
    EXPECT_EQ(std::to_string(r->season), col[4]);
    EXPECT_EQ(join(r->episodes), col[5]);
    EXPECT_EQ(join(r->absolute_episodes), col[6]);
    EXPECT_EQ(r->air_date.value_or("-"), col[7]);
    EXPECT_EQ(flags_of(*r), col[8]);
    EXPECT_EQ(std::to_string(r->quality.id), col[9]);
    EXPECT_EQ(revision_of(r->quality), col[10]);
    EXPECT_EQ(dash(r->release_group), col[11]);
    EXPECT_EQ(join(r->languages), col[12]);
    EXPECT_EQ(r->release_title, col[0]);
  }
}

// The quality model must carry the table's name/source/resolution for its id.
TEST(ParserCases, QualityFieldsMatchTheTable) {
  for (const auto& c : load_cases()) {
    auto r = parse_release(c.cols[0]);
    if (!r) continue;
    SCOPED_TRACE(c.cols[0]);
    const QualityDefinition* def = find_quality(r->quality.id);
    ASSERT_NE(def, nullptr);
    EXPECT_EQ(r->quality.name, def->name);
    EXPECT_EQ(r->quality.source, def->source);
    EXPECT_EQ(r->quality.resolution, def->resolution);
  }
}

// A release name inside a folder parses the same as a path; refused names stay
// refused ("Season 1" names no series, so "S01E01" finds no title there).
TEST(ParserCases, SameResultThroughParsePath) {
  for (const auto& c : load_cases()) {
    SCOPED_TRACE(c.cols[0]);
    auto direct = parse_release(c.cols[0]);
    if (direct && direct->series_title.empty()) continue;  // "S01E01": the folder would have to name the series
    auto via_path = parse_path("/Season 1/" + c.cols[0]);
    ASSERT_EQ(direct.has_value(), via_path.has_value());
    if (!direct) continue;
    EXPECT_EQ(via_path->series_title, direct->series_title);
    EXPECT_EQ(via_path->season, direct->season);
    EXPECT_EQ(via_path->episodes, direct->episodes);
    EXPECT_EQ(via_path->absolute_episodes, direct->absolute_episodes);
    EXPECT_EQ(via_path->quality.id, direct->quality.id);
  }
}

}  // namespace
}  // namespace nzbd::pvr
