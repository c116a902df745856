#include "pvr/quality.h"

#include "pvr/parser_text.h"

namespace nzbd::pvr {


const std::vector<QualityDefinition>& quality_definitions() {
  // Sonarr's defaults (QualityDefinition.DefaultQualityDefinitions); sizes are MB per minute.
  static const std::vector<QualityDefinition> kTable = {
      {0, "Unknown", "unknown", 0, 1, "", 1, 50, 20},
      {1, "SDTV", "television", 480, 2, "", 2, 100, 95},
      {12, "WEBRip-480p", "webRip", 480, 3, "WEB 480p", 2, 100, 95},
      {8, "WEBDL-480p", "web", 480, 3, "WEB 480p", 2, 100, 95},
      {2, "DVD", "dvd", 480, 4, "", 2, 100, 95},
      {13, "Bluray-480p", "bluray", 480, 5, "", 2, 100, 95},
      {22, "Bluray-576p", "bluray", 576, 6, "", 2, 100, 95},
      {4, "HDTV-720p", "television", 720, 7, "", 3, 125, 95},
      {9, "HDTV-1080p", "television", 1080, 8, "", 4, 125, 95},
      {10, "Raw-HD", "televisionRaw", 1080, 9, "", 4, std::nullopt, 95},
      {14, "WEBRip-720p", "webRip", 720, 10, "WEB 720p", 3, 130, 95},
      {5, "WEBDL-720p", "web", 720, 10, "WEB 720p", 3, 130, 95},
      {6, "Bluray-720p", "bluray", 720, 11, "", 4, 130, 95},
      {15, "WEBRip-1080p", "webRip", 1080, 12, "WEB 1080p", 4, 130, 95},
      {3, "WEBDL-1080p", "web", 1080, 12, "WEB 1080p", 4, 130, 95},
      {7, "Bluray-1080p", "bluray", 1080, 13, "", 4, 155, 95},
      {20, "Bluray-1080p Remux", "blurayRaw", 1080, 14, "", 35, std::nullopt, 95},
      {16, "HDTV-2160p", "television", 2160, 15, "", 35, 199.9, 95},
      {17, "WEBRip-2160p", "webRip", 2160, 16, "WEB 2160p", 35, std::nullopt, 95},
      {18, "WEBDL-2160p", "web", 2160, 16, "WEB 2160p", 35, std::nullopt, 95},
      {19, "Bluray-2160p", "bluray", 2160, 17, "", 35, std::nullopt, 95},
      {21, "Bluray-2160p Remux", "blurayRaw", 2160, 18, "", 35, std::nullopt, 95},
  };
  return kTable;
}

const QualityDefinition* find_quality(int id) {
  for (const auto& q : quality_definitions())
    if (q.id == id) return &q;
  return nullptr;
}

const QualityDefinition* find_quality_by_name(std::string_view name) {
  for (const auto& q : quality_definitions())
    if (iequals(q.name, name)) return &q;
  return nullptr;
}

int quality_id_for(QualitySource source, int resolution) {
  switch (source) {
    case QualitySource::Television:
      if (resolution >= 2160) return 16;
      if (resolution >= 1080) return 9;
      if (resolution >= 720) return 4;
      return 1;
    case QualitySource::TelevisionRaw:
      return 10;
    case QualitySource::WebDL:
      if (resolution >= 2160) return 18;
      if (resolution >= 1080) return 3;
      if (resolution >= 720) return 5;
      return 8;
    case QualitySource::WebRip:
      if (resolution >= 2160) return 17;
      if (resolution >= 1080) return 15;
      if (resolution >= 720) return 14;
      return 12;
    case QualitySource::Bluray:
      if (resolution >= 2160) return 19;
      if (resolution >= 1080) return 7;
      if (resolution == 576) return 22;
      if (resolution == 480) return 13;
      return 6;  // Sonarr's choice for a Bluray without a resolution
    case QualitySource::BlurayRaw:
      return resolution >= 2160 ? 21 : 20;
    case QualitySource::DVD:
      return 2;
    case QualitySource::Unknown:
      break;
  }
  return 0;
}

}  // namespace nzbd::pvr
