// Quality table and quality parsing (source x resolution, revision).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pvr/quality.h"

namespace nzbd::pvr {
namespace {

struct Expected {
  int id;
  const char* name;
  const char* source;
  int resolution;
};

// Sonarr's ids, names, source strings and resolutions (the API serves these).
constexpr Expected kSonarrQualities[] = {
    {0, "Unknown", "unknown", 0},
    {1, "SDTV", "television", 480},
    {2, "DVD", "dvd", 480},
    {3, "WEBDL-1080p", "web", 1080},
    {4, "HDTV-720p", "television", 720},
    {5, "WEBDL-720p", "web", 720},
    {6, "Bluray-720p", "bluray", 720},
    {7, "Bluray-1080p", "bluray", 1080},
    {8, "WEBDL-480p", "web", 480},
    {9, "HDTV-1080p", "television", 1080},
    {10, "Raw-HD", "televisionRaw", 1080},
    {12, "WEBRip-480p", "webRip", 480},
    {13, "Bluray-480p", "bluray", 480},
    {14, "WEBRip-720p", "webRip", 720},
    {15, "WEBRip-1080p", "webRip", 1080},
    {16, "HDTV-2160p", "television", 2160},
    {17, "WEBRip-2160p", "webRip", 2160},
    {18, "WEBDL-2160p", "web", 2160},
    {19, "Bluray-2160p", "bluray", 2160},
    {20, "Bluray-1080p Remux", "blurayRaw", 1080},
    {21, "Bluray-2160p Remux", "blurayRaw", 2160},
    {22, "Bluray-576p", "bluray", 576},
};

TEST(QualityTable, HasSonarrsQualities) {
  EXPECT_EQ(quality_definitions().size(), std::size(kSonarrQualities));
  for (const auto& e : kSonarrQualities) {
    SCOPED_TRACE(e.name);
    const QualityDefinition* q = find_quality(e.id);
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->name, e.name);
    EXPECT_EQ(q->source, e.source);
    EXPECT_EQ(q->resolution, e.resolution);
    EXPECT_EQ(find_quality_by_name(e.name), q);
  }
  EXPECT_EQ(find_quality(11), nullptr);
  EXPECT_EQ(find_quality(-1), nullptr);
  EXPECT_EQ(find_quality_by_name("webdl-1080P")->id, 3);
  EXPECT_EQ(find_quality_by_name("nope"), nullptr);
}

TEST(QualityTable, IdsUniqueAndOrderedByWeight) {
  std::set<int> ids;
  int last_weight = 0;
  for (const auto& q : quality_definitions()) {
    EXPECT_TRUE(ids.insert(q.id).second) << q.id;
    EXPECT_GE(q.weight, last_weight) << q.name;
    last_weight = q.weight;
    if (q.max_size) {
      EXPECT_GT(*q.max_size, q.min_size) << q.name;
    }
  }
  EXPECT_EQ(quality_definitions().front().name, "Unknown");
  EXPECT_EQ(quality_definitions().back().name, "Bluray-2160p Remux");
}

TEST(QualityMapping, SourceAndResolutionToId) {
  struct Row {
    QualitySource source;
    int resolution;
    int id;
  };
  const Row rows[] = {
      {QualitySource::Television, 0, 1},     {QualitySource::Television, 480, 1},
      {QualitySource::Television, 576, 1},   {QualitySource::Television, 720, 4},
      {QualitySource::Television, 1080, 9},  {QualitySource::Television, 2160, 16},
      {QualitySource::TelevisionRaw, 1080, 10}, {QualitySource::WebDL, 0, 8},
      {QualitySource::WebDL, 480, 8},        {QualitySource::WebDL, 720, 5},
      {QualitySource::WebDL, 1080, 3},       {QualitySource::WebDL, 2160, 18},
      {QualitySource::WebRip, 480, 12},      {QualitySource::WebRip, 720, 14},
      {QualitySource::WebRip, 1080, 15},     {QualitySource::WebRip, 2160, 17},
      {QualitySource::Bluray, 0, 6},         {QualitySource::Bluray, 480, 13},
      {QualitySource::Bluray, 576, 22},      {QualitySource::Bluray, 720, 6},
      {QualitySource::Bluray, 1080, 7},      {QualitySource::Bluray, 2160, 19},
      {QualitySource::BlurayRaw, 1080, 20},  {QualitySource::BlurayRaw, 2160, 21},
      {QualitySource::DVD, 480, 2},          {QualitySource::Unknown, 1080, 0},
  };
  for (const auto& r : rows)
    EXPECT_EQ(quality_id_for(r.source, r.resolution), r.id) << static_cast<int>(r.source) << "/" << r.resolution;
}

TEST(QualityParse, TagsToQuality) {
  const std::pair<const char*, int> rows[] = {
      {"720p.HDTV.x264", 4},          {"1080p.WEB-DL.DD5.1", 3},   {"2160p.WEB.h265", 18},
      {"1080p.WEBRip.x264", 15},      {"BluRay.1080p.x264", 7},    {"BDRip.XviD", 13},
      {"BDRip.x264", 13},             {"1080p.BluRay.REMUX", 20},  {"UHD.BluRay.2160p.REMUX", 21},
      {"DVDRip.XviD", 2},             {"HDTV.XviD", 1},            {"RawHD", 10},
      {"1080i.HDTV.MPEG2", 10},       {"x264", 1},                 {"", 0},
      {"garbage words only", 0},      {"[BD 1080p]", 7},           {"(1080p)", 9},
      {"WEB", 8},                     {"AMZN.1080p", 3},           {"480p.WEBRip", 12},
      {"576p.BluRay", 22},            {"4K.HDR.WEB-DL", 18},       {"1280x720.HDTV", 4},
  };
  for (const auto& [text, id] : rows) {
    QualityModel q = parse_quality(text);
    EXPECT_EQ(q.id, id) << text;
    EXPECT_EQ(q.name, find_quality(id)->name) << text;
  }
}

TEST(QualityParse, Revision) {
  struct Row {
    const char* text;
    int version;
    bool repack;
    int real;
  };
  const Row rows[] = {
      {"720p.HDTV.x264", 1, false, 0},       {"PROPER.720p.HDTV", 2, false, 0},
      {"proper.720p", 2, false, 0},          {"REPACK.1080p.WEB", 2, true, 0},
      {"RERIP.720p.WEBRip", 2, true, 0},     {"REPACK3.1080p", 4, true, 0},
      {"REAL.PROPER.720p", 2, false, 1},     {"real.720p", 1, false, 0},
      {"REAL.REAL.PROPER", 2, false, 2},     {"S01E01v2.720p", 2, false, 0},
      {" - 05v3 [720p]", 3, false, 0},       {"[v2][720p]", 2, false, 0},
      {"05 v4 [1080p]", 4, false, 0},        {"Repacked.Title", 1, false, 0},
      {"HEVC.x265", 1, false, 0},            {"DDP5.1.H.264", 1, false, 0},
  };
  for (const auto& r : rows) {
    QualityModel q = parse_quality(r.text);
    EXPECT_EQ(q.version, r.version) << r.text;
    EXPECT_EQ(q.is_repack, r.repack) << r.text;
    EXPECT_EQ(q.real, r.real) << r.text;
  }
}

}  // namespace
}  // namespace nzbd::pvr
