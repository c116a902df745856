// Sonarr's quality catalogue and the quality part of the release-name parser.
//
// The ids, names, source strings and resolutions are Sonarr's own, so the API
// can serve /qualitydefinition and /qualityprofile and clients recognise them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nzbd::pvr {

// Where a release came from, as the parser sees it (before mapping to an id).
enum class QualitySource { Unknown, Television, TelevisionRaw, WebDL, WebRip, Bluray, BlurayRaw, DVD };

// One row of Sonarr's quality table plus its default size limits.
struct QualityDefinition {
  int id = 0;
  std::string name;        // "WEBDL-1080p"
  std::string source;      // as Sonarr writes it: "television", "web", "webRip", ...
  int resolution = 0;      // 0, 480, 576, 720, 1080, 2160
  int weight = 0;          // Sonarr's default order, low = worse
  std::string group_name;  // "WEB 1080p" for the WEBDL/WEBRip pairs, else empty
  double min_size = 0;     // MB per minute of runtime
  std::optional<double> max_size;        // nullopt = no limit
  std::optional<double> preferred_size;  // nullopt = no preference
};

// A parsed quality: the definition fields plus the revision.
struct QualityModel {
  int id = 0;
  std::string name = "Unknown";
  std::string source = "unknown";
  int resolution = 0;
  int version = 1;         // 2 for PROPER/REPACK, N for vN
  int real = 0;            // count of the case-sensitive REAL tag (Sonarr's revision.real)
  bool is_repack = false;  // REPACK / RERIP
  // Where source and resolution were read (Sonarr's QualityDetectionSource): "Name", "Extension"
  // (the container decided) or "Unknown" (not named; e.g. SDTV guessed from a bare codec).
  std::string source_detection = "Unknown";
  std::string resolution_detection = "Unknown";
};

// The whole table, in Sonarr's default weight order (Unknown first).
const std::vector<QualityDefinition>& quality_definitions();

// The row with this id, or nullptr.
const QualityDefinition* find_quality(int id);

// The row with this name (case-insensitive), or nullptr.
const QualityDefinition* find_quality_by_name(std::string_view name);

// Maps a source and resolution to Sonarr's quality id (e.g. WebDL + 1080 -> 3).
int quality_id_for(QualitySource source, int resolution);

// Parses source, resolution and revision out of a release name (or a part of it).
QualityModel parse_quality(std::string_view text);

}  // namespace nzbd::pvr
