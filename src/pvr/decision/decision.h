// Download decisions (Sonarr's DownloadDecisionMaker): every release from an
// indexer is parsed, mapped to a series and episodes, and judged by the
// decision specifications; approved ones are ranked as Sonarr's
// DownloadDecisionComparer does.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pvr/indexer/release_info.h"
#include "pvr/model.h"
#include "pvr/release_parser.h"

namespace nzbd::pvr {

class Library;

// A release with what it was mapped to.
struct RemoteEpisode {
  ReleaseInfo release;
  std::optional<ParsedEpisodeInfo> parsed;  // nullopt: the name did not parse
  std::optional<Series> series;             // nullopt: unknown series
  std::vector<Episode> episodes;            // the episodes it covers
};

struct Rejection {
  std::string reason;      // Sonarr's text, e.g. "Quality Bluray-1080p is not wanted in profile"
  bool temporary = false;  // a "temporarily rejected" spec (delay, minimum age, in queue)
};

struct DownloadDecision {
  RemoteEpisode remote;
  std::vector<Rejection> rejections;
  bool approved() const { return rejections.empty(); }
  bool temporarily_rejected() const;  // rejected, and every rejection is temporary
};

// What a search was for; RSS sync passes no target.
struct SearchTarget {
  int series_id = 0;
  std::vector<int> episode_ids;  // the episodes asked for
  bool season_search = false;
  bool user_invoked = false;     // interactive / manual search: skips monitored checks
};

// A release that is in a download client and not imported yet, for the
// "already in queue" specification.
struct QueuedRelease {
  int series_id = 0;
  std::vector<int> episode_ids;
  QualityModel quality;
  std::string title;
};

struct DecisionServices {
  // What is downloading now (tracked downloads not yet imported).
  std::function<std::vector<QueuedRelease>()> queued;
  // "now" as a UTC instant; tests pin it.
  std::function<std::string()> now_utc;
};

}  // namespace nzbd::pvr
